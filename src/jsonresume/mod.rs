//! JSON Resume documents (`resume.json`, jsonresume.org schema v1) read as rescc resumes.
//!
//! JSON is YAML, so the file goes through [`crate::yaml::parse`] and every value keeps its span.
//! [`convert`] (the field mapping, in `mapping`) rewrites that tree into rescc's shape without
//! losing the spans, so `rescc build resume.json` decodes and validates it like any resume and
//! its diagnostics point into the JSON file; `rescc import` prints the same rewritten tree as
//! YAML (the writer, in `writer`). One mapping serves both, so building the JSON and building
//! its import give the same document.

mod mapping;
mod writer;

use std::sync::Arc;

use crate::decode::{Decode, Decoder, scalar};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Resume;
use crate::source::{Source, Span};
use crate::yaml::{self, Node, NodeKind};

pub use mapping::convert;
pub use writer::yaml_scalar;

/// Top-level keys only JSON Resume has; a `.json` file with any of them and no `name` is one.
const MARKERS: &[&str] =
    &["basics", "work", "volunteer", "awards", "certificates", "publications", "languages", "interests", "references"];

/// Whether a parsed file is a JSON Resume document rather than a rescc resume.
pub fn is_json_resume(root: &Node) -> bool {
    let NodeKind::Map(pairs) = &root.kind else { return false };
    let has = |key: &str| pairs.iter().any(|(k, _)| scalar(k) == Some(key));
    !has("name") && MARKERS.iter().any(|m| has(m))
}

/// A value in rescc's shape, with the span in the JSON file it came from.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String, Span),
    List(Vec<Value>, Span),
    /// Keys in rescc's order, and notes on what the JSON object held that has no place here.
    Map(Vec<(&'static str, Value)>, Span, Vec<String>),
}

/// A JSON Resume document in rescc's shape.
pub struct Converted {
    pub resume: Value,
    /// What could not be mapped, as warnings located in the JSON file.
    pub unmapped: Vec<Diagnostic>,
}

impl Value {
    fn span(&self) -> Span {
        match self {
            Value::Text(_, s) | Value::List(_, s) | Value::Map(_, s, _) => s.clone(),
        }
    }

    /// The tree the decoder reads; every scalar is quoted so it stays text.
    pub fn to_node(&self) -> Node {
        let kind = match self {
            Value::Text(text, _) => NodeKind::Scalar { value: text.clone(), quoted: true },
            Value::List(items, _) => NodeKind::Seq(items.iter().map(Value::to_node).collect()),
            Value::Map(pairs, _, _) => NodeKind::Map(
                pairs
                    .iter()
                    .map(|(key, value)| {
                        let span = value.span().at_start();
                        let key = Node { span, kind: NodeKind::Scalar { value: key.to_string(), quoted: false } };
                        (key, value.to_node())
                    })
                    .collect(),
            ),
        };
        Node { span: self.span(), kind }
    }
}

/// Converts a JSON Resume document to rescc YAML, for `rescc import`; fails, with located
/// errors, when the result would not load, so an import always builds.
pub fn import(source: &Arc<Source>) -> Result<(String, Vec<Diagnostic>), Diagnostics> {
    let root = yaml::parse(source)?;
    if !is_json_resume(&root) {
        let d = Diagnostic::error(format!("`{}` is not a JSON Resume document", source.name))
            .with_help("a JSON Resume has a `basics` object; a rescc resume needs no import");
        return Err(Diagnostics::one(d));
    }
    let mut d = Decoder::new(Arc::clone(source));
    let converted = convert(&root, &mut d);
    if let Some(resume) = Resume::decode(&converted.resume.to_node(), &mut d) {
        crate::validate::validate(&resume, &mut d);
    }
    let mut diagnostics = Diagnostics(d.diagnostics);
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    let header = format!("# Imported from {} (JSON Resume) by `rescc import`.\n", source.name);
    Ok((header + &converted.resume.to_yaml(), converted.unmapped))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_text(json: &str) -> (Converted, Vec<Diagnostic>) {
        let source = Arc::new(Source::new("r.json", json));
        let root = yaml::parse(&source).unwrap();
        let mut d = Decoder::new(source);
        let converted = convert(&root, &mut d);
        (converted, d.diagnostics)
    }

    #[test]
    fn scalars_read_back_as_the_same_text() {
        let tricky = [
            "plain words",
            "a: b",
            "#hashtag",
            "- dash",
            "true",
            "No",
            "2021",
            "1e3",
            "C# and F#",
            "x #y",
            " leading",
            "trailing:",
            "quote\"s and 'apostrophes'",
            "new\nline",
            "tab\there",
            "Zoë Ødegård — 李雷",
            "null",
            "[a]",
            "{a}",
            "*star",
            "@handle",
            "100%",
        ];
        let at = Span::new(Arc::new(Source::new("t.json", "")), 0..0);
        let items: Vec<Value> = tricky.iter().map(|t| Value::Text(t.to_string(), at.clone())).collect();
        let list = Value::List(items.clone(), at.clone());
        let doc = Value::Map(vec![("name", items[0].clone()), ("list", list)], at.clone(), Vec::new());
        let yaml = doc.to_yaml();
        let node = yaml::parse(&Arc::new(Source::new("t.yaml", yaml.clone()))).unwrap();
        let NodeKind::Map(pairs) = node.kind else { panic!("{yaml}") };
        let NodeKind::Seq(list) = &pairs[1].1.kind else { panic!("{yaml}") };
        let read: Vec<&str> = list.iter().map(scalar_raw).collect();
        assert_eq!(read, tricky, "{yaml}");
        // Short lists go on one line, and still read back.
        let flow = Value::Map(vec![("items", Value::List(items[..8].to_vec(), at.clone()))], at, Vec::new()).to_yaml();
        assert!(flow.starts_with("items: ["), "{flow}");
    }

    fn scalar_raw(node: &Node) -> &str {
        match &node.kind {
            NodeKind::Scalar { value, .. } => value,
            _ => panic!("not a scalar"),
        }
    }

    #[test]
    fn certificates_and_bare_skills_map() {
        let (converted, errors) = convert_text(
            r#"{"basics": {"name": "Ada"},
                "certificates": [{"name": "CKA", "issuer": "CNCF", "date": "2021-11", "url": "https://cncf.io/x"}],
                "skills": [{"name": "Rust"}, {"name": "Go", "level": "Expert"}],
                "education": [{"institution": "MIT", "score": "First-class"}]}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let yaml = converted.resume.to_yaml();
        for line in [
            "certifications:",
            "  - name: CKA",
            "    issuer: CNCF",
            "    url: https://cncf.io/x",
            "  - group: Core",
            "    items: [Rust, Go]",
            "    honors: [First-class]",
            "  # not mapped: skills[1].level (a self-rated level says little; show the skill in bullets)",
        ] {
            assert!(yaml.lines().any(|l| l == line), "missing {line:?} in:\n{yaml}");
        }
        assert_eq!(converted.unmapped.len(), 1);
    }

    #[test]
    fn missing_and_misshapen_fields_are_located() {
        let (_, errors) = convert_text(r#"{"basics": {"label": "x"}, "work": [{"name": "Acme"}], "skills": "Go"}"#);
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "basics has no `name`",
                "work[0] has no `position`",
                "work[0] has no `startDate`",
                "expected a list (skills), found text"
            ]
        );
        assert!(errors.iter().all(|d| d.span().is_some()));
    }
}
