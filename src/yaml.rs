//! The YAML syntax tree of a source file.
//!
//! Parsing keeps a [`Span`] on every node and keeps duplicate keys (a map is a list of pairs) for
//! the decoder to report. Aliases are expanded here, under a node budget, so an alias bomb ends
//! in a diagnostic.

use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan, Tag};

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{Source, Span};

mod gotchas;

/// Text as a YAML quoted scalar for a hint, its words cut with ` ...` once past `width` bytes.
pub fn quoted(text: &str, width: usize) -> String {
    let mut shown = String::new();
    for word in text.trim().split(' ') {
        if !shown.is_empty() && shown.len() + word.len() > width {
            shown.push_str(" ...");
            break;
        }
        if !shown.is_empty() {
            shown.push(' ');
        }
        shown.push_str(word);
    }
    match shown.contains(['"', '\\']) {
        true => format!("'{}'", shown.replace('\'', "''")),
        false => format!("\"{shown}\""),
    }
}

/// Largest number of nodes after alias expansion.
const MAX_NODES: usize = 200_000;
/// Deepest nesting of collections.
const MAX_DEPTH: usize = 64;
/// Most text that aliases may add: a whole resume is about 10 KiB of text, so this is many
/// resumes' worth, and far below what slows the later stages.
const MAX_ALIASED_BYTES: usize = 128 * 1024;
/// Most syntax errors reported in one run.
const MAX_SYNTAX_ERRORS: usize = 20;

/// A YAML node and the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

/// What a node holds. Scalars stay text: the decoder decides their type from the schema,
/// so `2010` can be a year and `"10.5"` a size.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `quoted` scalars are never null, booleans or numbers.
    Scalar {
        value: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// Whether this is the YAML null (`~`, `null`, or nothing).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value, quoted: false } if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The `#` of a comment that follows this plain text on its line, when the comment looks
    /// like lost text (`#serverless`, `#1`) rather than a note (`# note`): YAML ends plain
    /// text at ` #`, so the rest of the line never reaches the resume.
    pub fn lost_comment(&self) -> Option<Span> {
        let NodeKind::Scalar { quoted: false, value } = &self.kind else { return None };
        if value.is_empty() {
            return None;
        }
        let text = &self.span.source.text;
        let after = text.get(self.span.end()..)?;
        let line = &after[..after.find(['\n', '\r']).unwrap_or(after.len())];
        let gap = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[gap..];
        let lost = gap > 0 && rest.starts_with('#') && rest[1..].starts_with(|c: char| !c.is_whitespace());
        lost.then(|| self.span.with_range(self.span.end() + gap..self.span.end() + gap + 1))
    }

    /// A short name for the kind of value, for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { .. } if self.is_null() => "nothing",
            NodeKind::Scalar { value, quoted: false } if value.parse::<f64>().is_ok() => "a number",
            NodeKind::Scalar { value, quoted: false } if matches!(value.as_str(), "true" | "false") => "a boolean",
            NodeKind::Scalar { .. } => "text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// Parses one YAML document. An empty file is an empty mapping.
///
/// A syntax error is explained in plain words where a known gotcha explains it (see
/// [`gotchas`]); the gotcha is then patched out of a scratch copy and parsing resumes, so one run
/// reports every mistake the parser can get past.
pub fn parse(source: &Arc<Source>) -> Result<Node, Diagnostics> {
    let mut text = source.text.clone();
    let mut found = Vec::new();
    let mut indentation_too = true;
    loop {
        match build(source, &text) {
            Ok((node, problems)) if found.is_empty() && problems.is_empty() => return Ok(node),
            Ok((_, problems)) => {
                found.extend(problems);
                break;
            }
            Err(Stop::Fatal(diagnostic)) => {
                found.push(diagnostic);
                break;
            }
            Err(Stop::Syntax { offset, info }) => {
                let explained = gotchas::explain(source, &text, offset, &info, indentation_too);
                let Some(gotcha) = explained.filter(|_| found.len() < MAX_SYNTAX_ERRORS) else {
                    // After a patch that moved lines, a new failure may be its echo: not reported.
                    if found.is_empty() || (indentation_too && found.len() < MAX_SYNTAX_ERRORS) {
                        found.push(gotchas::unexplained(source, offset, &info));
                    }
                    break;
                };
                gotcha.patch(&mut text);
                indentation_too &= !gotcha.moves_lines();
                found.push(gotcha.diagnostic);
            }
        }
    }
    let mut diagnostics = Diagnostics(found);
    diagnostics.sort();
    Err(diagnostics)
}

/// Why building a tree stopped.
enum Stop {
    /// The parser's own error, at a byte offset.
    Syntax { offset: usize, info: String },
    /// A limit or a second document: nothing after it is worth reading.
    Fatal(Diagnostic),
}

/// Builds the tree of `text` (the source's text, or a copy with gotchas patched out at the
/// same byte offsets); the problems are errors that did not stop the parser.
fn build(source: &Arc<Source>, text: &str) -> Result<(Node, Vec<Diagnostic>), Stop> {
    let mut builder = TreeBuilder::new(source, text);
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(pair)) => pair,
            Some(Err(err)) => {
                let offset = builder.offset(err.marker().index());
                return Err(Stop::Syntax { offset, info: err.info().to_string() });
            }
        };
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let at = builder.span(&span);
                    return Err(Stop::Fatal(
                        Diagnostic::error("a resume file holds one YAML document; found a second `---`")
                            .at(at)
                            .with_help("remove the second document, or put it in a file of its own"),
                    ));
                }
            }
            Event::StreamEnd => break,
            _ => builder.event(event, span).map_err(Stop::Fatal)?,
        }
    }
    Ok(builder.finish())
}

/// Builds [`Node`]s from parser events, converting character offsets into byte offsets.
struct TreeBuilder<'a> {
    source: &'a Arc<Source>,
    /// The text being parsed: the source's, or a patched copy with the same byte offsets.
    text: &'a str,
    /// Byte offset of every character index seen so far (monotonic, so a cursor suffices).
    cursor: (usize, usize),
    stack: Vec<Partial>,
    anchors: Vec<Anchor>,
    nodes: usize,
    /// Bytes of text that aliases added (the file's own text is capped by its size).
    aliased_bytes: usize,
    problems: Vec<Diagnostic>,
    root: Option<Node>,
}

struct Anchor {
    id: usize,
    node: Node,
    used: bool,
}

enum Partial {
    Seq { start: usize, anchor: usize, items: Vec<Node> },
    Map { start: usize, anchor: usize, pairs: Vec<(Node, Node)>, key: Option<Node> },
}

impl<'a> TreeBuilder<'a> {
    fn new(source: &'a Arc<Source>, text: &'a str) -> Self {
        TreeBuilder {
            source,
            text,
            cursor: (0, 0),
            stack: Vec::new(),
            anchors: Vec::new(),
            nodes: 0,
            aliased_bytes: 0,
            problems: Vec::new(),
            root: None,
        }
    }

    /// Byte offset of a character index.
    fn offset(&mut self, char_index: usize) -> usize {
        let (mut chars, mut bytes) = self.cursor;
        if char_index < chars {
            (chars, bytes) = (0, 0);
        }
        for c in self.text[bytes..].chars() {
            if chars == char_index {
                break;
            }
            chars += 1;
            bytes += c.len_utf8();
        }
        self.cursor = (chars, bytes);
        bytes
    }

    fn span(&mut self, span: &YamlSpan) -> Span {
        let start = self.offset(span.start.index());
        let end = self.offset(span.end.index()).max(start);
        self.at(start..end)
    }

    fn at(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(Arc::clone(self.source), range)
    }

    fn event(&mut self, event: Event<'_>, span: YamlSpan) -> Result<(), Diagnostic> {
        let at = self.span(&span);
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                self.check_tag(tag.as_deref(), &at);
                let quoted = !matches!(style, ScalarStyle::Plain);
                let node = Node { span: at, kind: NodeKind::Scalar { value: value.into_owned(), quoted } };
                self.push(node, anchor)?;
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_tag(tag.as_deref(), &at);
                self.open_collection(true, at, anchor)?;
            }
            Event::MappingStart(anchor, tag) => {
                self.check_tag(tag.as_deref(), &at);
                self.open_collection(false, at, anchor)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Partial::Seq { start, anchor, items }) => {
                        let end = items.last().map_or(at.end(), |n| n.span.end()).max(start);
                        (Node { span: self.at(start..end), kind: NodeKind::Seq(items) }, anchor)
                    }
                    Some(Partial::Map { start, anchor, pairs, .. }) => {
                        let end = pairs.last().map_or(at.end(), |(_, v)| v.span.end()).max(start);
                        (Node { span: self.at(start..end), kind: NodeKind::Map(pairs) }, anchor)
                    }
                    None => return Ok(()),
                };
                self.nodes -= 1; // counted when opened
                self.push(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some(anchor) = self.anchors.iter_mut().rev().find(|a| a.id == id) else {
                    return Err(Diagnostic::error("this alias refers to no anchor").at(at));
                };
                anchor.used = true;
                let target = anchor.node.clone();
                let size = count_nodes(&target);
                if self.nodes + size > MAX_NODES {
                    return Err(Diagnostic::error(format!("YAML aliases expand to more than {MAX_NODES} values"))
                        .at(at)
                        .with_help("this looks like an alias bomb; write the values out instead"));
                }
                self.aliased_bytes += count_bytes(&target);
                if self.aliased_bytes > MAX_ALIASED_BYTES {
                    let name = self.text.get(at.range.clone()).unwrap_or("*").trim().to_string();
                    return Err(Diagnostic::error(format!(
                        "YAML aliases expand to more than {} KiB of text, the last at `{name}`",
                        MAX_ALIASED_BYTES / 1024
                    ))
                    .at(at)
                    .with_help("a resume is a few kilobytes of text; write the values out instead of aliasing them"));
                }
                self.nodes += size - 1;
                let node = Node { span: at, kind: target.kind };
                self.push(node, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// A tag other than YAML's own (`!!str`, `!!timestamp`: written on purpose, and the value is
    /// kept) means a value starting with `!` lost its first word to one.
    fn check_tag(&mut self, tag: Option<&Tag>, at: &Span) {
        if let Some(tag) = tag.filter(|t| !t.is_yaml_core_schema()) {
            self.problems.push(gotchas::tag(self.text, at, &tag.to_string()));
        }
    }

    fn open_collection(&mut self, seq: bool, at: Span, anchor: usize) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::error(format!("values nested deeper than {MAX_DEPTH} levels"))
                .at(at)
                .with_help("a resume needs at most four levels of nesting"));
        }
        self.nodes += 1;
        let start = at.start();
        self.stack.push(match seq {
            true => Partial::Seq { start, anchor, items: Vec::new() },
            false => Partial::Map { start, anchor, pairs: Vec::new(), key: None },
        });
        Ok(())
    }

    fn push(&mut self, node: Node, anchor: usize) -> Result<(), Diagnostic> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Diagnostic::error(format!("the file holds more than {MAX_NODES} values"))
                .at(node.span.clone())
                .with_help("a resume holds a few hundred values: is this the right file?"));
        }
        if anchor != 0 {
            self.anchors.push(Anchor { id: anchor, node: node.clone(), used: false });
        }
        match self.stack.last_mut() {
            Some(Partial::Seq { items, .. }) => items.push(node),
            Some(Partial::Map { pairs, key, .. }) => match key.take() {
                Some(k) => pairs.push((k, node)),
                None => *key = Some(node),
            },
            None => self.root = Some(node),
        }
        Ok(())
    }

    /// The tree, and the problems found on the way: tags, and anchors on plain text that no
    /// alias uses (`- &Cut p95 ...` drops "&Cut" silently).
    fn finish(mut self) -> (Node, Vec<Diagnostic>) {
        for anchor in self.anchors.iter().filter(|a| !a.used) {
            if let NodeKind::Scalar { quoted: false, .. } = anchor.node.kind {
                self.problems.push(gotchas::anchor(self.text, &anchor.node.span));
            }
        }
        let empty = self.at(0..0);
        let root = self.root.unwrap_or(Node { span: empty, kind: NodeKind::Map(Vec::new()) });
        (root, self.problems)
    }
}

fn count_bytes(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar { value, .. } => value.len(),
        NodeKind::Seq(items) => items.iter().map(count_bytes).sum(),
        NodeKind::Map(pairs) => pairs.iter().map(|(k, v)| count_bytes(k) + count_bytes(v)).sum(),
    }
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.kind {
        NodeKind::Scalar { .. } => 0,
        NodeKind::Seq(items) => items.iter().map(count_nodes).sum(),
        NodeKind::Map(pairs) => pairs.iter().map(|(k, v)| count_nodes(k) + count_nodes(v)).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        super::parse(&Arc::new(Source::new("t.yaml", text))).unwrap()
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "name: Zoë Ødegård\nrole: x\n";
        let NodeKind::Map(pairs) = tree(text).kind else { panic!() };
        assert_eq!(&text[pairs[0].1.span.range.clone()], "Zoë Ødegård");
        assert_eq!(&text[pairs[1].1.span.range.clone()], "x");
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let NodeKind::Map(pairs) = tree("a: 1\na: 2\n").kind else { panic!() };
        assert_eq!(pairs.len(), 2);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            let p = i - 1;
            text += &format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n");
        }
        let err = super::parse(&Arc::new(Source::new("t.yaml", text))).unwrap_err();
        assert!(err.to_string().contains("alias"), "{err}");
    }
}
