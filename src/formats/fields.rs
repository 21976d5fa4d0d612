//! What every foreign format's mapping shares: a conversion state that keeps every value's
//! span, objects read by key with what was not read reported, texts, lists, links and dates as
//! people write them.

use super::{Converted, Value};
use crate::decode::{Decoder, scalar};
use crate::diag::Diagnostic;
use crate::model::MONTH_NAMES;
use crate::source::Span;
use crate::text::LIST_MARKERS;
use crate::yaml::{Node, NodeKind};

/// The conversion's state: the decoder for shape errors, and what was left out.
pub struct Cx<'a> {
    pub d: &'a mut Decoder,
    pub unmapped: Vec<Diagnostic>,
    /// Where the document's fields sit in the file: `""`, or `content.` in a YAMLResume file.
    pub prefix: &'static str,
    /// Every key the format defines; an unknown key close to one is read as that key.
    pub known: &'static [&'static str],
    /// Entries that held nothing, reported once at the end.
    skipped: Vec<(String, Span)>,
}

/// An object's fields, read by name; unread ones are reported as not mapped.
pub struct Object<'n> {
    pub node: &'n Node,
    pub path: String,
    pub pairs: Vec<(&'n str, &'n Node)>,
    pub read: Vec<&'n str>,
}

impl<'n> Object<'n> {
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        let (k, node) = self.pairs.iter().find(|(k, _)| *k == key)?;
        self.read.push(k);
        Some(*node).filter(|n| !n.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| *k == key)
    }

    /// Marks every field read: the object was dropped whole, and said so.
    pub fn read_all(&mut self) {
        self.read = self.pairs.iter().map(|(k, _)| *k).collect();
    }
}

/// Why a field has no place in a rescc resume.
pub fn reason(key: &str) -> &'static str {
    match key {
        "image" | "picture" | "photo" => "a photo invites bias and confuses ATS parsers",
        "address" | "postalCode" => "a city is enough on a resume",
        "countryCode" | "country" => "the region is shown instead",
        "level" => "a self-rated level says little; show the skill in bullets",
        "url" | "website" => "this entry has no link in rescc",
        "references" => "references are given when asked, not on the resume",
        "keywords" => "name the technologies in the bullets, where a reader sees them used",
        "roles" | "entity" | "type" => "rescc projects have no such field",
        "username" => "the profile has no url",
        "locale" => "the other tool's language for its headings; rescc writes them in English",
        "template" | "margins" | "engine" | "advanced" | "sections" | "lineSpacing" | "fontFamily"
        | "showPageNumbers" => "the other tool's styling; rescc's look comes from `layout.template`",
        _ => "rescc has no such field",
    }
}

impl<'a> Cx<'a> {
    pub fn new(d: &'a mut Decoder, prefix: &'static str, known: &'static [&'static str]) -> Self {
        Cx { d, unmapped: Vec::new(), prefix, known, skipped: Vec::new() }
    }

    /// The path of a top-level field as the file writes it (`work`, or `content.work`).
    pub fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// What was left out, the empty entries last, in one warning.
    pub fn finish(mut self, resume: Value) -> Converted {
        if let Some((_, span)) = self.skipped.first() {
            let n = self.skipped.len();
            let paths: Vec<&str> = self.skipped.iter().map(|(path, _)| path.as_str()).collect();
            let message = match n {
                1 => format!("skipped {}: every value in it is empty", paths[0]),
                _ => format!("skipped {n} entries whose values are all empty: {}", paths.join(", ")),
            };
            let help = "a template's or a form's blanks print nothing: fill them in or delete them";
            self.unmapped.push(Diagnostic::warning(message).at(span.clone()).with_help(help));
        }
        Converted { resume, unmapped: self.unmapped }
    }
}

impl Cx<'_> {
    /// Opens an object, or reports that it is not one. A key given twice is an error at the
    /// second; a key that is not the format's but close to one of its keys is read as that key.
    pub fn object<'n>(&mut self, node: &'n Node, path: String) -> Option<Object<'n>> {
        let NodeKind::Map(pairs) = &node.kind else {
            self.d.expected(
                node,
                &format!("an object ({path})"),
                "see this format's documentation for the field's shape",
            );
            return None;
        };
        let mut read: Vec<(&'n str, &'n Node)> = Vec::with_capacity(pairs.len());
        for (key_node, value) in pairs {
            let Some(key) = scalar(key_node) else { continue };
            let within = if path.is_empty() { "the file".to_string() } else { format!("`{path}`") };
            if read.iter().any(|(k, _)| *k == key) {
                self.d.error(
                    key_node.span.clone(),
                    format!("duplicate key `{key}` in {within}"),
                    "remove one of them: JSON Resume themes show the last value, other tools the first",
                );
                continue;
            }
            let meant = self.misspelt(key, pairs);
            if let Some(meant) = meant {
                let d = Diagnostic::warning(format!("unknown key `{key}` in {within}: did you mean `{meant}`?"))
                    .with_help(format!("read as `{meant}`; rename it in the file"));
                self.unmapped.push(d.at(key_node.span.clone()));
            }
            read.push((meant.unwrap_or(key), value));
        }
        Some(Object { node, path, pairs: read, read: Vec::new() })
    }

    /// The format's key that `key` misspells, unless it is a key of its own or the object
    /// already has the one it resembles.
    fn misspelt(&self, key: &str, pairs: &[(Node, Node)]) -> Option<&'static str> {
        if self.known.contains(&key) || key.starts_with(['$', '_']) {
            return None;
        }
        let lower = key.to_lowercase();
        let (score, meant) = self
            .known
            .iter()
            .map(|k| (strsim::normalized_damerau_levenshtein(&lower, &k.to_lowercase()), *k))
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        let taken = pairs.iter().any(|(k, _)| scalar(k) == Some(meant));
        (score >= 0.75 && !taken).then_some(meant)
    }

    /// Reports every field of `o` that was not read, and returns them as notes.
    pub fn close(&mut self, o: Object<'_>) -> Vec<String> {
        let mut notes = Vec::new();
        for (key, node) in &o.pairs {
            // `$schema` and `meta` describe the file, not the person.
            if o.read.contains(key) || matches!(*key, "$schema" | "meta") || is_empty(node) {
                continue;
            }
            let path = if o.path.is_empty() { key.to_string() } else { format!("{}.{key}", o.path) };
            let why = reason(key);
            notes.push(format!("{path} ({why})"));
            let d = Diagnostic::warning(format!("not mapped: {path}")).with_help(why);
            self.unmapped.push(d.at(node.span.clone()));
        }
        notes
    }

    pub fn note(&mut self, notes: &mut Vec<String>, path: String, node: &Node, why: &str) {
        notes.push(format!("{path} ({why})"));
        let d = Diagnostic::warning(format!("not mapped: {path}")).with_help(why.to_string());
        self.unmapped.push(d.at(node.span.clone()));
    }

    /// A text field, unless absent or empty; its Markdown in the inline forms rescc reads.
    pub fn text(&mut self, node: Option<&Node>) -> Option<Value> {
        let node = node?;
        match &node.kind {
            NodeKind::Scalar { value, .. } if !value.trim().is_empty() => {
                Some(Value::Text(markdown_lines(value.trim()), node.span.clone()))
            }
            NodeKind::Scalar { .. } => None,
            _ => {
                self.d.expected(node, "text", "write the value as a JSON string");
                None
            }
        }
    }

    /// A required text field; its absence is an error at the object.
    pub fn required(&mut self, o: &mut Object<'_>, key: &str, what: &str) -> Option<Value> {
        let value = o.get(key);
        let text = self.text(value);
        if text.is_none() && value.is_none_or(|v| scalar(v).is_some()) {
            let at = o.node.span.at_start();
            self.d.error(
                at,
                format!("{} has no `{key}`", if o.path.is_empty() { "the resume" } else { &o.path }),
                format!("rescc needs {what}"),
            );
        }
        text
    }

    /// A list of texts (`highlights`, `keywords`, `courses`).
    pub fn texts(&mut self, node: Option<&Node>) -> Option<Value> {
        let node = node?;
        let NodeKind::Seq(items) = &node.kind else {
            self.d.expected(node, "a list", "write it as a JSON array of strings");
            return None;
        };
        let items: Vec<Value> =
            items.iter().filter_map(|item| self.text(Some(item)).map(|t| self.unmarked(t))).collect();
        (!items.is_empty()).then(|| Value::List(items, node.span.clone()))
    }

    /// A list of texts as one text: `keywords: [Python, Pygame]` is `Python, Pygame`.
    pub fn joined(&mut self, node: Option<&Node>) -> Option<Value> {
        match self.texts(node)? {
            Value::List(items, span) => {
                let words: Vec<String> =
                    items.into_iter().filter_map(|v| if let Value::Text(t, _) = v { Some(t) } else { None }).collect();
                Some(Value::Text(words.join(", "), span))
            }
            other => Some(other),
        }
    }

    /// An item copied from a list keeps its marker (`- `, `* `, `• `): rescc prints its own, so
    /// the marker goes, with a warning.
    pub fn unmarked(&mut self, item: Value) -> Value {
        let Value::Text(text, span) = item else { return item };
        let Some(marker) = LIST_MARKERS.iter().find(|m| text.starts_with(**m)) else {
            return Value::Text(text, span);
        };
        let d = Diagnostic::warning(format!("this item starts with `{}`, a list marker", marker.trim_end()))
            .with_help("rescc prints its own bullets, so the marker is left out; remove it from the file");
        self.unmapped.push(d.at(span.clone()));
        Value::Text(text[marker.len()..].trim_start().to_string(), span)
    }

    /// A link that is a web page, or `None` with a warning naming it: `skype:`, `tel:` or
    /// `javascript:` addresses, and paths on another site (`pub/paper.pdf`), have no place among
    /// a resume's links.
    pub fn web_page(&mut self, url: Value, path: &str) -> Option<Value> {
        let Value::Text(text, span) = &url else { return Some(url) };
        let scheme = text.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
        let web = match scheme.as_deref() {
            Some("http" | "https") => true,
            // A path on the author's own site (`pub/2023/paper.pdf`) opens nowhere else.
            None => crate::text::is_url(text),
            // `github.com:443/x` has no scheme; a scheme is letters before the colon.
            Some(scheme) => !scheme.chars().all(|c| c.is_ascii_alphabetic()) && crate::text::is_url(text),
        };
        if web {
            return Some(url);
        }
        let d = Diagnostic::warning(format!("not mapped: {path} (`{text}` is not a web page)")).with_help(
            "a resume's links are web pages an ATS and a recruiter can open: give the page's https:// address",
        );
        self.unmapped.push(d.at(span.clone()));
        None
    }

    /// An entry's web page: the first of `keys` it has (`url`, then the older `website`), kept
    /// if it is one (see [`Cx::web_page`]).
    pub fn link(&mut self, o: &mut Object<'_>, keys: &[&str]) -> Option<Value> {
        let key = keys.iter().find(|key| o.has(key))?;
        let url = self.text(o.get(key))?;
        let path = format!("{}.{key}", o.path);
        self.web_page(url, &path)
    }

    /// A Markdown text split into its prose and its list items: `Led payments.\n- Cut p99 by
    /// 40%` is the context `Led payments.` and one bullet. Items keep the span of the text.
    pub fn prose_and_items(&mut self, text: Option<Value>) -> (Option<Value>, Vec<Value>) {
        let Some(Value::Text(text, span)) = text else { return (text, Vec::new()) };
        let Some((prose, items)) = crate::text::markdown_list(&text) else {
            return (Some(Value::Text(text, span)), Vec::new());
        };
        let prose = prose.join("\n");
        let items = items.into_iter().map(|item| Value::Text(item, span.clone())).collect();
        ((!prose.is_empty()).then(|| Value::Text(prose, span)), items)
    }

    /// The first of `keys` the object has (current JSON Resume names first, then the older
    /// schema's); absent, an error names the current key.
    pub fn required_any(&mut self, o: &mut Object<'_>, keys: &[&str], what: &str) -> Option<Value> {
        match keys.iter().find(|key| o.has(key)) {
            Some(key) if *key != keys[0] => {
                let value = o.get(key);
                self.text(value)
            }
            _ => self.required(o, keys[0], what),
        }
    }

    /// The objects of a top-level list such as `work`, each mapped by `f`.
    pub fn each(
        &mut self,
        node: Option<&Node>,
        name: &str,
        mut f: impl FnMut(&mut Self, Object<'_>) -> Option<Value>,
    ) -> Vec<Value> {
        let Some(node) = node else { return Vec::new() };
        let NodeKind::Seq(items) = &node.kind else {
            self.d.expected(node, &format!("a list ({name})"), "write it as a JSON array of objects");
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let path = format!("{name}[{i}]");
                if matches!(item.kind, NodeKind::Map(_)) && is_empty(item) {
                    self.skipped.push((path, item.span.clone()));
                    return None;
                }
                let o = self.object(item, path)?;
                f(self, o)
            })
            .collect()
    }
}

/// A date as JSON Resume files write it, in the form rescc reads: `2023-9-28` is `2023-09-28`,
/// `Dec 2022` and `December 2022` are `2022-12`, `Sep 1, 2016` is `2016-09-01`, `09/2021` is `2021-09`, and `Present`,
/// `Current` or `Now` (any case) is `present`. Anything else is left for the date's own error.
pub fn as_date(value: Value) -> Value {
    let Value::Text(text, span) = value else { return value };
    // A note after the date, `2015-03（1年6个月）` or `至今（9个月）` ("to date (9 months)"), is dropped.
    let lower = text.split(['(', '（']).next().unwrap_or_default().trim().to_lowercase();
    let lower = if lower.is_empty() { text.trim().to_lowercase() } else { lower };
    let iso = |year: &str, month: &str, day: Option<&str>| {
        let numeric = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
        let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
        (year_ok && numeric(month) && day.is_none_or(numeric)).then(|| match day {
            Some(day) => format!("{year}-{month:0>2}-{day:0>2}"),
            None => format!("{year}-{month:0>2}"),
        })
    };
    let month_number = |word: &str| {
        let word = word.trim_end_matches(['.', ',']);
        // `Dec`, `Dec.`, `Sept`, `December`: three letters or more of the full name.
        let index = MONTH_NAMES.iter().position(|m| word.len() >= 3 && m.to_lowercase().starts_with(word))?;
        Some(format!("{}", index + 1))
    };
    // The word for "present" in the languages resumes are most often written in.
    const PRESENT: &[&str] = &[
        "present",
        "current",
        "now",
        "today",
        "ongoing",
        "presente",
        "actual",
        "actualidad",
        "atual",
        "atualmente",
        "présent",
        "aujourd'hui",
        "heute",
        "aktuell",
        "attuale",
        "obecnie",
        "至今",
        "现在",
        "現在",
        "今",
    ];
    let normalized = if PRESENT.contains(&lower.as_str()) {
        Some("present".to_string())
    } else if let [year, month, day] = lower.split('-').collect::<Vec<_>>()[..] {
        iso(year, month, Some(day))
    } else if let [year, month] = lower.split('-').collect::<Vec<_>>()[..] {
        iso(year, month, None)
    } else if let [month, year] = lower.split('/').collect::<Vec<_>>()[..] {
        iso(year, month, None)
    } else if let [month, year] = lower.split_whitespace().collect::<Vec<_>>()[..] {
        month_number(month).and_then(|m| iso(year, &m, None))
    } else if let [month, day, year] = lower.split_whitespace().collect::<Vec<_>>()[..] {
        month_number(month).and_then(|m| iso(year, &m, Some(day.trim_end_matches(','))))
    } else {
        None
    };
    Value::Text(normalized.unwrap_or(text), span)
}

pub fn push(pairs: &mut Vec<(&'static str, Value)>, key: &'static str, value: Option<Value>) {
    if let Some(value) = value {
        pairs.push((key, value));
    }
}

pub fn push_list(out: &mut Vec<(&'static str, Value)>, key: &'static str, items: Vec<Value>, node: Option<&Node>) {
    if let (false, Some(node)) = (items.is_empty(), node) {
        out.push((key, Value::List(items, node.span.clone())));
    }
}

/// `Awesome compression company` + `Pied Piper is...` -> `Awesome compression company. Pied Piper is...`.
pub fn join_sentences(first: Option<Value>, second: Option<Value>) -> Option<Value> {
    match (first, second) {
        (Some(Value::Text(a, span)), Some(Value::Text(b, _))) => {
            let stop = if a.ends_with(['.', '!', '?']) { "" } else { "." };
            Some(Value::Text(format!("{a}{stop} {b}"), span))
        }
        (a, b) => a.or(b),
    }
}

/// Each line's inline Markdown as rescc writes it, list markers and indents kept for the list
/// reading that follows. A word with no space and a `/`, `@` or `.` (an address, a file name)
/// is left as written: its underscores are no emphasis.
fn markdown_lines(text: &str) -> String {
    let lines = text.lines().map(|line| {
        let body = line.trim_start();
        let marker = LIST_MARKERS.iter().find(|m| body.starts_with(**m)).map_or(0, |m| m.len());
        let (head, rest) = line.split_at(line.len() - body.len() + marker);
        let address = !rest.contains(char::is_whitespace) && rest.contains(['/', '@', '.']);
        if address { line.to_string() } else { format!("{head}{}", inline_markdown(rest)) }
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// CommonMark's inline forms as the few rescc reads (`**bold**`, `*italic*`, `[label](url)`):
/// `_x_` is `*x*`, `__x__` and `***x***` are `**x**`, a link's label is its text, code is
/// its text. Other tools' files are Markdown; left raw, their underscores would print.
pub fn inline_markdown(text: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    if !text.contains(['*', '_', '[', '`', '\\']) {
        return text.to_string();
    }
    // Runs of (text, bold, italic); a link is written whole.
    let mut runs: Vec<(String, bool, bool)> = Vec::new();
    let (mut strong, mut emphasis) = (0usize, 0usize);
    let mut link: Option<(String, String)> = None;
    // A lead that no block starts with: `2020. Shipped` is no ordered list, `# of users` no heading.
    const LEAD: &str = "x ";
    let source = format!("{LEAD}{text}");
    for event in Parser::new(&source) {
        let piece = match event {
            Event::Start(Tag::Strong) => {
                strong += 1;
                continue;
            }
            Event::End(TagEnd::Strong) => {
                strong -= 1;
                continue;
            }
            Event::Start(Tag::Emphasis) => {
                emphasis += 1;
                continue;
            }
            Event::End(TagEnd::Emphasis) => {
                emphasis -= 1;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((String::new(), dest_url.to_string()));
                continue;
            }
            Event::End(TagEnd::Link) => {
                let Some((label, url)) = link.take() else { continue };
                runs.push((format!("[{label}]({url})"), false, false));
                continue;
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => t.to_string(),
            Event::SoftBreak | Event::HardBreak => " ".to_string(),
            _ => continue,
        };
        match &mut link {
            Some((label, _)) => label.push_str(&piece),
            None => runs.push((piece, strong > 0, emphasis > 0 && strong == 0)),
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let (bold, italic) = (runs[i].1, runs[i].2);
        let mut body = String::new();
        while i < runs.len() && (runs[i].1, runs[i].2) == (bold, italic) {
            body.push_str(&runs[i].0);
            i += 1;
        }
        let marker = if bold {
            "**"
        } else if italic {
            "*"
        } else {
            ""
        };
        out.push_str(&format!("{marker}{body}{marker}"));
    }
    out.strip_prefix(LEAD).map(str::to_string).unwrap_or(out)
}

/// A grade as rescc writes one: `3.8/4.0` and `3.8` as written, `98%` as `98/100`, and a bare
/// grade above 4.3 on the smallest usual scale that holds it (`8.7` is `8.7/10`, `98` `98/100`).
pub fn as_grade(value: Value) -> Value {
    let Value::Text(text, span) = value else { return value };
    if crate::model::parse_gpa(&text).is_some() {
        return Value::Text(text, span);
    }
    let bare = text.trim().trim_end_matches('%').trim();
    // Digits and a point only: `1e2` and `inf` are numbers to Rust, not grades.
    let numeral = !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let grade = match bare.parse::<f64>().ok().filter(|_| numeral) {
        Some(v) if text.trim().ends_with('%') && v <= 100.0 => format!("{bare}/100"),
        Some(v) => match [5.0, 10.0, 20.0, 100.0].iter().find(|scale| v <= **scale) {
            Some(scale) => format!("{bare}/{scale}"),
            None => text,
        },
        _ => text,
    };
    Value::Text(grade, span)
}

/// A Markdown text as plain words, for the fields rescc shows without formatting (a title, a
/// place): `[site](https://x.dev)` is `site`, `**x**` is `x`.
pub fn plain_markdown(value: Value) -> Value {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let Value::Text(text, span) = value else { return value };
    if !text.contains(['*', '_', '[', '`', '\\']) {
        return Value::Text(text, span);
    }
    const LEAD: &str = "x ";
    let mut out = String::new();
    for event in Parser::new(&format!("{LEAD}{text}")) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    let out = out.trim_end().to_string();
    let plain = out.strip_prefix(LEAD).map(str::to_string).unwrap_or(out);
    Value::Text(plain, span)
}

/// The end of a period that has a start and no end: it is still going on, as every other tool
/// shows it.
pub fn open_end(start: &Option<Value>, end: Option<Value>) -> Option<Value> {
    match (start, end) {
        (Some(start), None) => Some(Value::Text("present".into(), start.span().at_start())),
        (_, end) => end,
    }
}

/// Whether a JSON value holds nothing (`""`, `[]`, `{}`, `null`), so dropping it loses nothing.
pub fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar { value, .. } => node.is_null() || value.trim().is_empty(),
        NodeKind::Seq(items) => items.iter().all(is_empty),
        NodeKind::Map(pairs) => pairs.iter().all(|(_, v)| is_empty(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::{Value, as_date, as_grade, inline_markdown, markdown_lines, plain_markdown};
    use crate::source::{Source, Span};
    use std::sync::Arc;

    fn date(text: &str) -> String {
        let span = Span::new(Arc::new(Source::new("t.json", text)), 0..0);
        match as_date(Value::Text(text.into(), span)) {
            Value::Text(text, _) => text,
            _ => unreachable!("a text stays a text"),
        }
    }

    #[test]
    fn markdown_becomes_the_inline_forms_rescc_reads() {
        for (markdown, rescc) in [
            ("_Cross-platform Minesweeper._", "*Cross-platform Minesweeper.*"),
            (
                "[**Research:**](https://x.dev/ic) Implemented **learning**",
                "[Research:](https://x.dev/ic) Implemented **learning**",
            ),
            ("***Both*** and __strong__ and `code`", "**Both** and **strong** and code"),
            ("2020. Shipped v2", "2020. Shipped v2"),
            ("snake_case_name stays", "snake_case_name stays"),
            ("Cut p99 by 40%", "Cut p99 by 40%"),
        ] {
            assert_eq!(inline_markdown(markdown), rescc, "{markdown}");
        }
        assert_eq!(
            markdown_lines("Led _payments_:\n  - cut *p99*\nhttps://x.dev/a_b_"),
            "Led *payments*:\n  - cut *p99*\nhttps://x.dev/a_b_"
        );
    }

    #[test]
    fn grades_and_plain_fields() {
        let at = Span::new(Arc::new(Source::new("t", "x")), 0..1);
        let text = |t: &str| Value::Text(t.into(), at.clone());
        let shown = |v: Value| match v {
            Value::Text(t, _) => t,
            _ => unreachable!(),
        };
        for (written, grade) in [
            ("3.8/4.0", "3.8/4.0"),
            ("3.8", "3.8"),
            ("98%", "98/100"),
            ("98", "98/100"),
            ("8.7", "8.7/10"),
            ("First", "First"),
        ] {
            assert_eq!(shown(as_grade(text(written))), grade, "{written}");
        }
        assert_eq!(
            shown(plain_markdown(text("Mentor at [Amman Codes](https://a.org), **40** students"))),
            "Mentor at Amman Codes, 40 students"
        );
    }

    #[test]
    fn dates_as_written_become_dates_rescc_reads() {
        for (written, read) in [
            ("2023-9-28", "2023-09-28"),
            ("2020", "2020"),
            ("2020-05", "2020-05"),
            ("Dec 2022", "2022-12"),
            ("December 2022", "2022-12"),
            ("Sept. 2019", "2019-09"),
            ("Sep 1, 2016", "2016-09-01"),
            ("09/2021", "2021-09"),
            ("Present", "present"),
            ("至今（9个月）", "present"),
            ("2015-03（1年6个月）", "2015-03"),
            ("Presente", "present"),
            ("CURRENT", "present"),
            ("now", "present"),
            ("2024-09-31", "2024-09-31"),
            ("Decembre 2022", "Decembre 2022"),
            ("sometime", "sometime"),
        ] {
            assert_eq!(date(written), read, "{written}");
        }
    }
}
