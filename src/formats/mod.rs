//! Resumes written for other tools, read as rescc resumes: JSON Resume (jsonresume.org schema
//! v1, older keys too, as JSON or YAML), YAMLResume (`content:`) and RenderCV (`cv:`).
//!
//! Every file goes through [`crate::yaml::parse`] (JSON is YAML), so every value keeps its span.
//! [`detect`] tells the formats apart by their top-level keys; [`convert`] (a mapping per format,
//! on the shared reading helpers in `fields`) rewrites the tree into rescc's shape without losing
//! the spans, so `rescc build` decodes and validates it like any resume and its diagnostics point
//! into the original file; `rescc import` prints the same rewritten tree as YAML (the writer, in
//! `writer`). One mapping serves both, so building a file and building its import give the same
//! document.

mod fields;
mod jsonresume;
mod rendercv;
mod writer;

use std::path::Path;
use std::sync::Arc;

use crate::decode::{Decode, Decoder, scalar};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Resume;
use crate::source::{Source, Span};
use crate::yaml::{self, Node, NodeKind};

pub use writer::yaml_scalar;

/// The formats rescc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rescc,
    JsonResume,
    YamlResume,
    RenderCv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Rescc => "rescc",
            Format::JsonResume => "JSON Resume",
            Format::YamlResume => "YAMLResume",
            Format::RenderCv => "RenderCV",
        }
    }
}

impl Format {
    /// The format's names for the rescc keys diagnostics name, longest first.
    pub fn vocabulary(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Format::Rescc => &[],
            Format::JsonResume => &[
                ("contact.email", "basics.email"),
                ("contact.phone", "basics.phone"),
                ("contact.links", "basics.profiles"),
                ("contact.location", "basics.location"),
                ("contact", "basics"),
                ("summary", "basics.summary"),
                ("headline", "basics.label"),
                ("experience", "work"),
                ("bullets", "highlights"),
                ("role", "position"),
                ("education.gpa", "education[].score"),
                ("certifications", "certificates"),
                ("start", "startDate"),
                ("end", "endDate"),
                ("layout", "meta.rescc.layout"),
                ("checks", "meta.rescc.checks"),
            ],
            Format::YamlResume => &[
                ("contact.email", "content.basics.email"),
                ("contact.phone", "content.basics.phone"),
                ("contact.links", "content.profiles"),
                ("contact.location", "content.location"),
                ("contact", "content.basics"),
                ("summary", "content.basics.summary"),
                ("headline", "content.basics.headline"),
                ("experience", "content.work"),
                ("bullets", "summary"),
                ("role", "position"),
                ("education.gpa", "content.education[].score"),
                ("certifications", "content.certificates"),
                ("start", "startDate"),
                ("end", "endDate"),
            ],
            Format::RenderCv => &[
                ("contact.email", "cv.email"),
                ("contact.phone", "cv.phone"),
                ("contact.links", "cv.social_networks"),
                ("contact.location", "cv.location"),
                ("contact", "cv"),
                ("summary", "cv.sections.summary"),
                ("headline", "cv.headline"),
                ("experience", "cv.sections.experience"),
                ("bullets", "highlights"),
                ("role", "position"),
                ("start", "start_date"),
                ("end", "end_date"),
            ],
        }
    }
}

/// Top-level keys only JSON Resume has; a file with any of them and no `name` is one.
const MARKERS: &[&str] =
    &["basics", "work", "volunteer", "awards", "certificates", "publications", "languages", "interests", "references"];

/// A rescc resume's top-level keys.
const RESCC_KEYS: &[&str] = &[
    "name",
    "headline",
    "contact",
    "summary",
    "experience",
    "skills",
    "projects",
    "education",
    "certifications",
    "sections",
    "layout",
    "checks",
];

/// Which format a parsed file is written in, by its top-level keys; a file in none of them (a
/// web page's front matter, a site's own JSON) is one error that says what rescc reads.
pub fn detect(root: &Node) -> Result<Format, Diagnostic> {
    let NodeKind::Map(pairs) = &root.kind else { return Ok(Format::Rescc) };
    let keys: Vec<&str> = pairs.iter().filter_map(|(k, _)| scalar(k)).collect();
    let has = |key: &str| keys.contains(&key);
    if has("name") {
        return Ok(Format::Rescc);
    }
    if has("cv") {
        return Ok(Format::RenderCv);
    }
    if has("content") {
        return Ok(Format::YamlResume);
    }
    if MARKERS.iter().any(|m| has(m)) {
        return Ok(Format::JsonResume);
    }
    // `layout:` alone is a web page's front matter as often as a resume's.
    if keys.is_empty() || keys.iter().any(|k| RESCC_KEYS.contains(k) && *k != "layout") {
        return Ok(Format::Rescc);
    }
    let found: Vec<String> = keys.iter().take(6).map(|k| format!("`{k}`")).collect();
    let more = if keys.len() > 6 { ", ..." } else { "" };
    let at = pairs.first().map_or_else(|| root.span.at_start(), |(k, _)| k.span.clone());
    Err(Diagnostic::error("this file is not a resume in any format rescc reads").at(at).with_help(format!(
        "its top-level keys are {}{more}; rescc reads a rescc resume (`name:`, `experience:`), \
             JSON Resume (`basics`), YAMLResume (`content:`) and RenderCV (`cv:`)",
        found.join(", ")
    )))
}

/// Whether the file is JSON by its name, in any case (`resume.JSON`).
pub fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// A `.json` file checked as JSON first, so a mistake is named as JSON names it, at its line,
/// and not as the YAML reading it would then stumble on.
pub fn json_syntax(source: &Arc<Source>) -> Result<(), Diagnostic> {
    let Err(err) = serde_json::from_str::<serde::de::IgnoredAny>(&source.text) else { return Ok(()) };
    let text = &source.text;
    let line_start = text.split_inclusive('\n').take(err.line().saturating_sub(1)).map(str::len).sum::<usize>();
    let line = &text[line_start..text[line_start..].find('\n').map_or(text.len(), |e| line_start + e)];
    let column = err.column().saturating_sub(1).min(line.len());
    // serde_json reports the column after the character it stopped at; a comment starts there.
    let before = line[..column].rfind(|c: char| !c.is_whitespace()).map_or(0, |i| i);
    let from = |at: usize| line.get(at..).unwrap_or("");
    let comment = [column, before].into_iter().find(|&at| from(at).starts_with("//") || from(at).starts_with("/*"));
    let (at, message, help) = match comment {
        Some(at) => (
            at,
            "JSON has no comments".to_string(),
            "delete the comment, or write the resume as YAML, where `#` starts one",
        ),
        None => {
            let message = err.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            (
                column,
                format!("invalid JSON: {message}"),
                "fix the JSON at this point; a JSON validator or your editor shows the same place",
            )
        }
    };
    let offset = line_start + at;
    let end = text[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8());
    Err(Diagnostic::error(message).at(Span::new(Arc::clone(source), offset..end)).with_help(help))
}

/// Rewrites a file in another format into rescc's shape; shape errors go to `d`.
pub fn convert(format: Format, root: &Node, d: &mut Decoder) -> Converted {
    match format {
        Format::JsonResume => jsonresume::convert(root, d),
        Format::YamlResume => jsonresume::convert_yamlresume(root, d),
        Format::RenderCv => rendercv::convert(root, d),
        Format::Rescc => unreachable!("a rescc resume needs no conversion"),
    }
}

/// A value in rescc's shape, with the span in the JSON file it came from.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String, Span),
    List(Vec<Value>, Span),
    /// A rescc setting written in the file as rescc writes it (`meta.rescc`), passed through.
    Raw(Node),
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
            Value::Raw(node) => node.span.clone(),
        }
    }

    /// The tree the decoder reads; every scalar is quoted so it stays text.
    pub fn to_node(&self) -> Node {
        let kind = match self {
            Value::Text(text, _) => NodeKind::Scalar { value: text.clone(), quoted: true },
            Value::List(items, _) => NodeKind::Seq(items.iter().map(Value::to_node).collect()),
            Value::Raw(node) => return node.clone(),
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

/// Converts a resume written for another tool to rescc YAML, for `rescc import`; fails, with
/// located errors, when the result would not load, so an import always builds.
pub fn import(source: &Arc<Source>) -> Result<(String, Vec<Diagnostic>), Diagnostics> {
    if is_json(&source.path) {
        json_syntax(source).map_err(Diagnostics::one)?;
    }
    let root = yaml::parse(source)?;
    let format = detect(&root).map_err(Diagnostics::one)?;
    let _ = source.vocabulary.set(format.vocabulary());
    if format == Format::Rescc {
        let d = Diagnostic::error(format!("`{}` is already a rescc resume", source.name)).with_help(
            "build it as it is: `rescc build` reads it; `import` converts JSON Resume, YAMLResume and RenderCV files",
        );
        return Err(Diagnostics::one(d));
    }
    let mut d = Decoder::new(Arc::clone(source));
    let converted = convert(format, &root, &mut d);
    if let Some(resume) = Resume::decode(&converted.resume.to_node(), &mut d) {
        crate::validate::validate(&resume, &mut d);
    }
    let mut diagnostics = Diagnostics(d.diagnostics);
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    let header = format!("# Imported from {} ({}) by `rescc import`.\n", source.name, format.name());
    Ok((header + &converted.resume.to_yaml(), converted.unmapped))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_text(json: &str) -> (Converted, Vec<Diagnostic>) {
        let source = Arc::new(Source::new("r.json", json));
        let root = yaml::parse(&source).unwrap();
        let mut d = Decoder::new(source);
        let converted = convert(Format::JsonResume, &root, &mut d);
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
