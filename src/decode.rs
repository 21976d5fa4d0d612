//! Typed decoding of the YAML tree, collecting every problem instead of stopping at the first.
//!
//! serde's derive stops at the first error and knows no spans; a resume with three typos should
//! get three located diagnostics in one run. Each model type implements [`Decode`] in a few lines
//! with [`Decoder::fields`], which also rejects unknown keys with a "did you mean" hint.

use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::source::{Source, Span, Spanned};
use crate::yaml::{self, Node, NodeKind};

/// The longest text a field may hold: far beyond any sensible bullet, short of a pasted file.
pub const MAX_TEXT_CHARS: usize = 2000;
/// The most items a list may hold: far beyond any resume's roles, bullets or skills.
pub const MAX_LIST_ITEMS: usize = 200;

/// Collects diagnostics while decoding one source file.
pub struct Decoder {
    pub source: Arc<Source>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A mapping's known keys, after unknown and duplicate keys were reported.
pub struct Fields<'n> {
    pub node: &'n Node,
    what: &'static str,
    pairs: Vec<(&'n str, &'n Node)>,
    /// Known keys that an unknown key was taken for ("did you mean"): not also reported missing.
    suggested: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// The value of `key`, unless absent or null.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).filter(|v| !v.is_null())
    }

    /// The span of `key` itself (for diagnostics about the whole field).
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// A type that can be read from a YAML node.
pub trait Decode: Sized {
    /// Reads `node`, reporting problems to `d`; `None` when the value is unusable.
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self>;
}

impl Decoder {
    pub fn new(source: Arc<Source>) -> Self {
        Decoder { source, diagnostics: Vec::new() }
    }

    /// Reports an error at `span`.
    pub fn error(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        let d = Diagnostic::error(message).at(span).with_help(help);
        self.diagnostics.push(d);
    }

    /// Reports a value of the wrong kind.
    pub fn expected(&mut self, node: &Node, expected: &str, help: impl Into<String>) {
        self.error(node.span.clone(), format!("expected {expected}, found {}", node.describe()), help);
    }

    /// Opens a mapping whose keys must be among `known`.
    pub fn fields<'n>(&mut self, node: &'n Node, what: &'static str, known: &[&'static str]) -> Option<Fields<'n>> {
        let NodeKind::Map(pairs) = &node.kind else {
            self.expected(
                node,
                &format!("a mapping ({what})"),
                format!("write the {} as `key: value` lines", what.trim_start_matches("the ")),
            );
            return None;
        };
        let mut fields = Fields { node, what, pairs: Vec::new(), suggested: Vec::new() };
        for (key, value) in pairs {
            let NodeKind::Scalar { value: name, .. } = &key.kind else {
                self.expected(key, "a key name", "keys are plain words such as `name:`");
                continue;
            };
            if !known.contains(&name.as_str()) {
                let help = match did_you_mean(name, known) {
                    Some(best) => {
                        fields.suggested.push(best);
                        format!("did you mean `{best}`?")
                    }
                    None => format!("expected one of: {}", known.join(", ")),
                };
                self.error(key.span.clone(), format!("unknown key `{name}` in {what}"), help);
            } else if fields.pairs.iter().any(|(k, _)| k == name) {
                self.error(
                    key.span.clone(),
                    format!("duplicate key `{name}` in {what}"),
                    "remove one of them: YAML would silently keep only the last",
                );
            } else {
                fields.pairs.push((name.as_str(), value));
            }
        }
        Some(fields)
    }

    /// Reports text that YAML read as `key: value` (see [`is_colon_text`]).
    pub fn colon_text(&mut self, node: &Node, what: &str) {
        let NodeKind::Map(pairs) = &node.kind else { return };
        let Some((key, _)) = pairs.first() else { return };
        let colon = key.span.end();
        let text = &node.span.source.text;
        let whole = &text[key.span.start()..line_end(text, key.span.start())];
        self.error(
            node.span.with_range(colon..colon + 1),
            format!("{what} holds `: `, which YAML reads as a key and its value"),
            format!("put it in quotes: {}", yaml::quoted(whole, 48)),
        );
    }

    /// A required field; its absence is reported.
    pub fn req<T: Decode>(&mut self, fields: &Fields, key: &str) -> Option<T> {
        match fields.get(key) {
            Some(node) => T::decode(node, self),
            None if fields.suggested.contains(&key) => None,
            None => {
                self.error(
                    fields.node.span.at_start(),
                    format!("missing `{key}` in {}", fields.what),
                    format!("add `{key}:` here"),
                );
                None
            }
        }
    }

    /// An optional field.
    pub fn opt<T: Decode>(&mut self, fields: &Fields, key: &str) -> Option<T> {
        fields.get(key).and_then(|node| T::decode(node, self))
    }

    /// An optional list; absent means empty.
    pub fn list<T: Decode>(&mut self, fields: &Fields, key: &str) -> Vec<T> {
        self.opt::<Vec<T>>(fields, key).unwrap_or_default()
    }
}

/// The closest candidate to a misspelt `name`, if any is close enough.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&name, c), *c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

impl Decode for String {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar { value, .. } if value.chars().count() > MAX_TEXT_CHARS => {
                let message =
                    format!("this text is {} characters long; the limit is {MAX_TEXT_CHARS}", value.chars().count());
                d.error(node.span.clone(), message, "a recruiter reads a resume in seconds: split it or cut it down (a bullet is one or two lines, a summary two to four)");
                None
            }
            NodeKind::Scalar { value, .. } => {
                if let Some(hash) = node.lost_comment() {
                    // The hint shows the words around the `#`, as the quoted text would hold them.
                    let text = &hash.source.text;
                    let lost = &text[hash.start()..line_end(text, hash.start())];
                    let words: Vec<&str> = value.split_whitespace().collect();
                    let before = words[words.len().saturating_sub(2)..].join(" ");
                    let lead = if words.len() > 2 { "... " } else { "" };
                    let shown = yaml::quoted(&format!("{lead}{before} {lost}"), 48);
                    d.diagnostics.push(
                        Diagnostic::warning("text after ` #` is a YAML comment and is not in your resume")
                            .at(hash)
                            .with_help(format!("put the whole text in quotes to keep it: {shown}")),
                    );
                }
                Some(normalize_text(value))
            }
            NodeKind::Map(_) if is_colon_text(node, &[]) => {
                d.colon_text(node, "this text");
                None
            }
            _ => {
                d.expected(node, "text", "write the value on the same line as its key");
                None
            }
        }
    }
}

impl<T: Decode> Decode for Spanned<T> {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        T::decode(node, d).map(|value| Spanned::new(value, node.span.clone()))
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::Seq(items) if items.len() > MAX_LIST_ITEMS => {
                let message = format!("this list holds {} items; the limit is {MAX_LIST_ITEMS}", items.len());
                d.error(node.span.at_start(), message, "a resume lists a handful of entries per section");
                None
            }
            NodeKind::Seq(items) => Some(items.iter().filter_map(|item| T::decode(item, d)).collect()),
            _ => {
                d.expected(node, "a list", "start each item on its own line with `- `, or write `[a, b]`");
                None
            }
        }
    }
}

impl Decode for f64 {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let parsed = scalar(node).and_then(|s| s.trim_end_matches("pt").trim().parse::<f64>().ok());
        if parsed.is_none_or(|v| !v.is_finite()) {
            d.expected(node, "a number", "write a plain number such as `10.5`");
            return None;
        }
        parsed
    }
}

impl Decode for i64 {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let parsed = scalar(node).and_then(|s| s.parse::<i64>().ok());
        if parsed.is_none() {
            d.expected(node, "a whole number", "write a number such as `1`");
        }
        parsed
    }
}

/// Whether a mapping is text with `: ` in it (`- Led the migration: moved 40 services`): one
/// pair of plain scalars on one line, the key not among the `known` keys of that place.
pub fn is_colon_text(node: &Node, known: &[&str]) -> bool {
    let NodeKind::Map(pairs) = &node.kind else { return false };
    let [(key, value)] = pairs.as_slice() else { return false };
    let plain = |n: &Node| matches!(n.kind, NodeKind::Scalar { quoted: false, .. });
    let one_line = !node.span.source.text.get(key.span.start()..value.span.end()).unwrap_or("\n").contains('\n');
    plain(key) && plain(value) && one_line && scalar(key).is_some_and(|k| !known.contains(&k))
}

/// The end of the line holding `offset`.
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find(['\n', '\r']).map_or(text.len(), |p| offset + p)
}

/// Collapses whitespace runs (tabs, line breaks) to one space and drops control characters:
/// every output shows text on lines it breaks itself, and an invisible character would reach
/// an ATS as a word joined to its neighbour.
pub fn normalize_text(text: &str) -> String {
    let visible = text.split(|c: char| c.is_control() && !c.is_whitespace()).collect::<String>();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a scalar node.
pub fn scalar(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { value, .. } => Some(value.trim()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["experience", "education", "skills"];
        assert_eq!(did_you_mean("experiance", &keys), Some("experience"));
        assert_eq!(did_you_mean("Skils", &keys), Some("skills"));
        assert_eq!(did_you_mean("hobbies", &keys), None);
    }

    #[test]
    fn text_is_normalized() {
        assert_eq!(super::normalize_text("  Backend\tDeveloper\n in\u{7} Go  "), "Backend Developer in Go");
    }
}
