//! The YAML syntax tree of a source file.
//!
//! Parsing keeps a [`Span`] on every node and keeps duplicate keys (a map is a list of pairs) for
//! the decoder to report. Aliases are expanded here, under a node budget, so an alias bomb ends
//! in a diagnostic.

use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{Source, Span};

/// Largest number of nodes after alias expansion.
const MAX_NODES: usize = 200_000;
/// Deepest nesting of collections.
const MAX_DEPTH: usize = 64;

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
pub fn parse(source: &Arc<Source>) -> Result<Node, Diagnostics> {
    let mut builder = TreeBuilder::new(source);
    let mut parser = Parser::new_from_str(&source.text);
    let mut documents = 0;
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(pair)) => pair,
            Some(Err(err)) => {
                let offset = builder.offset(err.marker().index());
                return Err(Diagnostics::one(
                    Diagnostic::error(format!("invalid YAML: {}", err.info()))
                        .at(Span::new(Arc::clone(source), offset..offset))
                        .with_help("check the indentation and quoting on this line and the one above"),
                ));
            }
        };
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let at = builder.span(&span);
                    return Err(Diagnostics::one(
                        Diagnostic::error("a resume file holds one YAML document; found a second `---`")
                            .at(at)
                            .with_help("remove the second document, or put it in a file of its own"),
                    ));
                }
            }
            Event::StreamEnd => break,
            _ => builder.event(event, span).map_err(Diagnostics::one)?,
        }
    }
    Ok(builder.finish())
}

/// Builds [`Node`]s from parser events, converting character offsets into byte offsets.
struct TreeBuilder<'a> {
    source: &'a Arc<Source>,
    /// Byte offset of every character index seen so far (monotonic, so a cursor suffices).
    cursor: (usize, usize),
    stack: Vec<Partial>,
    anchors: Vec<(usize, Node)>,
    nodes: usize,
    root: Option<Node>,
}

enum Partial {
    Seq { start: usize, anchor: usize, items: Vec<Node> },
    Map { start: usize, anchor: usize, pairs: Vec<(Node, Node)>, key: Option<Node> },
}

impl<'a> TreeBuilder<'a> {
    fn new(source: &'a Arc<Source>) -> Self {
        TreeBuilder { source, cursor: (0, 0), stack: Vec::new(), anchors: Vec::new(), nodes: 0, root: None }
    }

    /// Byte offset of a character index.
    fn offset(&mut self, char_index: usize) -> usize {
        let (mut chars, mut bytes) = self.cursor;
        if char_index < chars {
            (chars, bytes) = (0, 0);
        }
        for c in self.source.text[bytes..].chars() {
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
            Event::Scalar(value, style, anchor, _tag) => {
                let quoted = !matches!(style, ScalarStyle::Plain);
                let node = Node { span: at, kind: NodeKind::Scalar { value: value.into_owned(), quoted } };
                self.push(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(at.clone())?;
                self.stack.push(Partial::Seq { start: at.start(), anchor, items: Vec::new() });
            }
            Event::MappingStart(anchor, _) => {
                self.open(at.clone())?;
                self.stack.push(Partial::Map { start: at.start(), anchor, pairs: Vec::new(), key: None });
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
                let Some(target) = self.anchors.iter().rev().find(|(a, _)| *a == id).map(|(_, n)| n.clone()) else {
                    return Err(Diagnostic::error("this alias refers to no anchor").at(at));
                };
                let size = count_nodes(&target);
                if self.nodes + size > MAX_NODES {
                    return Err(Diagnostic::error(format!("YAML aliases expand to more than {MAX_NODES} values"))
                        .at(at)
                        .with_help("this looks like an alias bomb; write the values out instead"));
                }
                self.nodes += size - 1;
                let node = Node { span: at, kind: target.kind };
                self.push(node, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, at: Span) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::error(format!("values nested deeper than {MAX_DEPTH} levels"))
                .at(at)
                .with_help("a resume needs at most four levels of nesting"));
        }
        self.nodes += 1;
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
            self.anchors.push((anchor, node.clone()));
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

    fn finish(self) -> Node {
        let empty = self.at(0..0);
        self.root.unwrap_or(Node { span: empty, kind: NodeKind::Map(Vec::new()) })
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
