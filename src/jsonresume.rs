//! JSON Resume documents (`resume.json`, jsonresume.org schema v1) read as rescc resumes.
//!
//! JSON is YAML, so the file goes through [`crate::source::parse_yaml`] and every value keeps its
//! span. [`convert`] rewrites that tree into rescc's shape without losing the spans, so `rescc
//! build resume.json` decodes and validates it like any resume and its diagnostics point into
//! the JSON file; `rescc import` prints the same rewritten tree as YAML. One mapping serves both,
//! so building the JSON and building its import give the same document.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::decode::{Decode, Decoder, scalar};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Resume;
use crate::source::{Node, NodeKind, Source, Span};

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

/// Rewrites a JSON Resume tree into rescc's shape; shape errors go to `d`.
pub fn convert(root: &Node, d: &mut Decoder) -> Converted {
    let mut cx = Cx { d, unmapped: Vec::new() };
    let resume = cx.resume(root);
    Converted { resume, unmapped: cx.unmapped }
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
                        let at = value.span().start;
                        let key =
                            Node { span: at..at, kind: NodeKind::Scalar { value: key.to_string(), quoted: false } };
                        (key, value.to_node())
                    })
                    .collect(),
            ),
        };
        Node { span: self.span(), kind }
    }

    /// The value as a rescc YAML document, with `# not mapped:` comments.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        if let Value::Map(pairs, _, notes) = self {
            write_notes(&mut out, notes, 0);
            write_pairs(&mut out, pairs, 0);
        }
        out
    }
}

fn write_notes(out: &mut String, notes: &[String], indent: usize) {
    for note in notes {
        let _ = writeln!(out, "{:indent$}# not mapped: {note}", "");
    }
}

fn write_pairs(out: &mut String, pairs: &[(&str, Value)], indent: usize) {
    for (i, (key, value)) in pairs.iter().enumerate() {
        // The first key of a list item shares the `- ` line.
        let pad = if i == 0 && out.ends_with("- ") { 0 } else { indent };
        let _ = write!(out, "{:pad$}{key}:", "");
        write_value(out, value, indent);
    }
}

/// Writes a value after `key:` (or after `- `), ending with a newline.
fn write_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Text(text, _) => {
            let _ = writeln!(out, " {}", yaml_scalar(text));
        }
        Value::List(items, _) if items.iter().all(|v| matches!(v, Value::Text(..))) && short(items) => {
            let items: Vec<String> = items.iter().map(flow_scalar).collect();
            let _ = writeln!(out, " [{}]", items.join(", "));
        }
        Value::List(items, _) => {
            out.push('\n');
            for item in items {
                if let Value::Map(_, _, notes) = item {
                    write_notes(out, notes, indent + 2);
                }
                let _ = write!(out, "{:1$}- ", "", indent + 2);
                match item {
                    Value::Map(pairs, _, _) => write_pairs(out, pairs, indent + 4),
                    Value::Text(text, _) => {
                        let _ = writeln!(out, "{}", yaml_scalar(text));
                    }
                    Value::List(..) => write_value(out, item, indent + 4),
                }
            }
        }
        Value::Map(pairs, _, notes) => {
            out.push('\n');
            write_notes(out, notes, indent + 2);
            write_pairs(out, pairs, indent + 2);
        }
    }
}

/// Whether a list of texts reads well on one line (`[Go, Python, SQL]`).
fn short(items: &[Value]) -> bool {
    items.iter().map(|v| if let Value::Text(t, _) = v { t.len() + 2 } else { 80 }).sum::<usize>() <= 60
}

fn flow_scalar(value: &Value) -> String {
    let Value::Text(text, _) = value else { return String::new() };
    // Flow collections give `,`, `[`, `]`, `{` and `}` meaning too.
    if text.contains([',', '[', ']', '{', '}']) { quoted(text) } else { yaml_scalar(text) }
}

/// A string as a YAML scalar: plain when YAML reads it back as the same text, else quoted.
pub fn yaml_scalar(text: &str) -> String {
    let special_start = text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace());
    let plain = !text.is_empty()
        && !special_start
        && !text.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(char::is_control)
        && !looks_typed(text);
    if plain { text.to_string() } else { quoted(text) }
}

fn quoted(text: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(text).expect("a string serializes")
}

/// Whether YAML (1.1 or 1.2) would read a plain scalar as null, a boolean or a number.
fn looks_typed(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    matches!(lower.as_str(), "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n")
        || lower.trim_start_matches(['+', '-']).replace('_', "").parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || matches!(lower.trim_start_matches(['+', '-']), ".inf" | ".nan")
}

/// The conversion's state: the decoder for shape errors, and what was left out.
struct Cx<'a> {
    d: &'a mut Decoder,
    unmapped: Vec<Diagnostic>,
}

/// A JSON object's fields, read by name; unread ones are reported as not mapped.
struct Object<'n> {
    node: &'n Node,
    path: String,
    pairs: Vec<(&'n str, &'n Node)>,
    read: Vec<&'n str>,
}

impl<'n> Object<'n> {
    fn get(&mut self, key: &str) -> Option<&'n Node> {
        let (k, node) = self.pairs.iter().find(|(k, _)| *k == key)?;
        self.read.push(k);
        Some(*node).filter(|n| !n.is_null())
    }
}

/// Why a JSON Resume field has no place in a rescc resume.
fn reason(key: &str) -> &'static str {
    match key {
        "image" => "a photo invites bias and confuses ATS parsers",
        "address" | "postalCode" => "a city is enough on a resume",
        "countryCode" => "the region is shown instead",
        "level" => "a self-rated level says little; show the skill in bullets",
        "url" => "this entry has no link in rescc",
        "references" => "references are given when asked, not on the resume",
        "roles" | "entity" | "type" | "keywords" => "rescc projects have no such field",
        "username" => "the profile has no url",
        _ => "rescc has no such field",
    }
}

impl Cx<'_> {
    /// Opens a JSON object, or reports that it is not one.
    fn object<'n>(&mut self, node: &'n Node, path: String) -> Option<Object<'n>> {
        let NodeKind::Map(pairs) = &node.kind else {
            self.d.expected(node, &format!("an object ({path})"), "see jsonresume.org/schema for this field's shape");
            return None;
        };
        let pairs = pairs.iter().filter_map(|(k, v)| Some((scalar(k)?, v))).collect();
        Some(Object { node, path, pairs, read: Vec::new() })
    }

    /// Reports every field of `o` that was not read, and returns them as notes.
    fn close(&mut self, o: Object<'_>) -> Vec<String> {
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
            self.unmapped.push(d.at(&self.d.source, node.span.clone()));
        }
        notes
    }

    fn note(&mut self, notes: &mut Vec<String>, path: String, node: &Node, why: &str) {
        notes.push(format!("{path} ({why})"));
        let d = Diagnostic::warning(format!("not mapped: {path}")).with_help(why.to_string());
        self.unmapped.push(d.at(&self.d.source, node.span.clone()));
    }

    /// A text field, unless absent or empty.
    fn text(&mut self, node: Option<&Node>) -> Option<Value> {
        let node = node?;
        match &node.kind {
            NodeKind::Scalar { value, .. } if !value.trim().is_empty() => {
                Some(Value::Text(value.trim().to_string(), node.span.clone()))
            }
            NodeKind::Scalar { .. } => None,
            _ => {
                self.d.expected(node, "text", "write the value as a JSON string");
                None
            }
        }
    }

    /// A required text field; its absence is an error at the object.
    fn required(&mut self, o: &mut Object<'_>, key: &str, what: &str) -> Option<Value> {
        let value = o.get(key);
        let text = self.text(value);
        if text.is_none() && value.is_none_or(|v| scalar(v).is_some()) {
            let at = o.node.span.start..o.node.span.start;
            self.d.error(
                at,
                format!("{} has no `{key}`", if o.path.is_empty() { "the resume" } else { &o.path }),
                format!("rescc needs {what}"),
            );
        }
        text
    }

    /// A list of texts (`highlights`, `keywords`, `courses`).
    fn texts(&mut self, node: Option<&Node>) -> Option<Value> {
        let node = node?;
        let NodeKind::Seq(items) = &node.kind else {
            self.d.expected(node, "a list", "write it as a JSON array of strings");
            return None;
        };
        let items: Vec<Value> = items.iter().filter_map(|item| self.text(Some(item))).collect();
        (!items.is_empty()).then(|| Value::List(items, node.span.clone()))
    }

    /// The objects of a top-level list such as `work`, each mapped by `f`.
    fn each(
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
                let o = self.object(item, format!("{name}[{i}]"))?;
                f(self, o)
            })
            .collect()
    }

    fn resume(&mut self, root: &Node) -> Value {
        let Some(mut o) = self.object(root, String::new()) else {
            return Value::Map(Vec::new(), root.span.clone(), Vec::new());
        };
        let mut out: Vec<(&'static str, Value)> = Vec::new();
        let mut notes = Vec::new();
        let basics = o.get("basics");
        match basics.and_then(|b| self.object(b, "basics".into())) {
            Some(b) => self.basics(b, &mut out, &mut notes),
            None if basics.is_none() => {
                let at = root.span.start..root.span.start;
                self.d.error(at, "the resume has no `basics`", "rescc needs at least `basics.name`");
            }
            None => {}
        }
        let work = o.get("work");
        let experience = self.each(work, "work", Self::work);
        push_list(&mut out, "experience", experience, work);
        let skills = o.get("skills");
        let groups = self.skills(skills);
        push_list(&mut out, "skills", groups, skills);
        let projects = o.get("projects");
        let items = self.each(projects, "projects", Self::project);
        push_list(&mut out, "projects", items, projects);
        let education = o.get("education");
        let schools = self.each(education, "education", Self::education);
        push_list(&mut out, "education", schools, education);
        let certificates = o.get("certificates");
        let certs = self.each(certificates, "certificates", Self::certificate);
        push_list(&mut out, "certifications", certs, certificates);
        let mut sections = Vec::new();
        for (key, title) in [
            ("volunteer", "Volunteering"),
            ("awards", "Awards"),
            ("publications", "Publications"),
            ("languages", "Languages"),
            ("interests", "Interests"),
        ] {
            let node = o.get(key);
            let entries = self.each(node, key, |cx, o| cx.custom_entry(key, o));
            if let (Some(node), false) = (node, entries.is_empty()) {
                let span = node.span.clone();
                let section = vec![
                    ("title", Value::Text(title.into(), span.clone())),
                    ("entries", Value::List(entries, span.clone())),
                ];
                sections.push(Value::Map(section, span, Vec::new()));
            }
        }
        if let Some(first) = sections.first() {
            let span = first.span();
            out.push(("sections", Value::List(sections, span)));
        }
        notes.extend(self.close(o));
        Value::Map(out, root.span.clone(), notes)
    }

    fn basics(&mut self, mut b: Object<'_>, out: &mut Vec<(&'static str, Value)>, notes: &mut Vec<String>) {
        if let Some(name) = self.required(&mut b, "name", "your name") {
            out.push(("name", name));
        }
        if let Some(label) = self.text(b.get("label")) {
            out.push(("headline", label));
        }
        let mut contact = Vec::new();
        if let Some(email) = self.text(b.get("email")) {
            contact.push(("email", email));
        }
        if let Some(phone) = self.text(b.get("phone")) {
            contact.push(("phone", phone));
        }
        if let Some(location) = b.get("location") {
            if let Some(location) = self.location(location, notes) {
                contact.push(("location", location));
            }
        }
        let mut links: Vec<Value> = self.text(b.get("url")).into_iter().collect();
        let profiles = b.get("profiles");
        links.extend(self.each(profiles, "basics.profiles", |cx, mut p| {
            let network = cx.text(p.get("network"));
            let url = p.get("url");
            let link = match cx.text(url) {
                Some(url) => {
                    let span = url.span();
                    let pairs = match network {
                        Some(label) => vec![("label", label), ("url", url)],
                        None => vec![("url", url)],
                    };
                    Some(Value::Map(pairs, span, Vec::new()))
                }
                None => {
                    let path = p.path.clone();
                    cx.note(notes, path, p.node, "the profile has no url");
                    p.read.extend(p.pairs.iter().map(|(k, _)| *k).collect::<Vec<_>>());
                    None
                }
            };
            p.get("username");
            notes.extend(cx.close(p));
            link
        }));
        if let Some(first) = links.first() {
            let span = first.span();
            contact.push(("links", Value::List(links, span)));
        }
        if let Some(first) = contact.first() {
            let span = first.1.span();
            out.push(("contact", Value::Map(contact, span, Vec::new())));
        }
        if let Some(summary) = self.text(b.get("summary")) {
            out.push(("summary", summary));
        }
        notes.extend(self.close(b));
    }

    /// `City, Region` (or `City, CountryCode`) from a location object.
    fn location(&mut self, node: &Node, notes: &mut Vec<String>) -> Option<Value> {
        let mut l = self.object(node, "basics.location".into())?;
        let city = self.text(l.get("city"));
        let region = self.text(l.get("region"));
        let country = if region.is_none() || city.is_none() { self.text(l.get("countryCode")) } else { None };
        let parts: Vec<String> = [city, region, country]
            .into_iter()
            .flatten()
            .filter_map(|v| if let Value::Text(t, _) = v { Some(t) } else { None })
            .collect();
        notes.extend(self.close(l));
        (!parts.is_empty()).then(|| Value::Text(parts.join(", "), node.span.clone()))
    }

    fn work(&mut self, mut w: Object<'_>) -> Option<Value> {
        let company = self.required(&mut w, "name", "the employer's name");
        let role = self.required(&mut w, "position", "your job title");
        let start = self.required(&mut w, "startDate", "a start date to order roles by");
        let mut pairs = vec![("company", company?), ("role", role?)];
        push(&mut pairs, "location", self.text(w.get("location")));
        pairs.push(("start", start?));
        push(&mut pairs, "end", self.text(w.get("endDate")));
        let description = self.text(w.get("description"));
        let summary = self.text(w.get("summary"));
        push(&mut pairs, "context", join_sentences(description, summary));
        push(&mut pairs, "bullets", self.texts(w.get("highlights")));
        Some(Value::Map(pairs, w.node.span.clone(), self.close(w)))
    }

    fn project(&mut self, mut p: Object<'_>) -> Option<Value> {
        let name = self.required(&mut p, "name", "the project's name");
        let mut pairs = vec![("name", name?)];
        push(&mut pairs, "url", self.text(p.get("url")));
        push(&mut pairs, "start", self.text(p.get("startDate")));
        push(&mut pairs, "end", self.text(p.get("endDate")));
        push(&mut pairs, "description", self.text(p.get("description")));
        push(&mut pairs, "bullets", self.texts(p.get("highlights")));
        Some(Value::Map(pairs, p.node.span.clone(), self.close(p)))
    }

    fn education(&mut self, mut e: Object<'_>) -> Option<Value> {
        let institution = self.required(&mut e, "institution", "the school's name");
        let mut pairs = vec![("institution", institution?)];
        let degree = match (self.text(e.get("studyType")), self.text(e.get("area"))) {
            (Some(Value::Text(kind, span)), Some(Value::Text(area, _))) => {
                Some(Value::Text(format!("{kind} in {area}"), span))
            }
            (kind, area) => kind.or(area),
        };
        push(&mut pairs, "degree", degree);
        push(&mut pairs, "start", self.text(e.get("startDate")));
        push(&mut pairs, "end", self.text(e.get("endDate")));
        let score = self.text(e.get("score"));
        // A score that is no GPA (a class, a percentage) reads as an honour.
        let is_gpa = |v: &Value| matches!(v, Value::Text(t, _) if crate::validate::parse_gpa(t).is_some());
        let (gpa, honor) = match score {
            Some(s) if is_gpa(&s) => (Some(s), None),
            other => (None, other),
        };
        push(&mut pairs, "gpa", gpa);
        if let Some(honor) = honor {
            let span = honor.span();
            pairs.push(("honors", Value::List(vec![honor], span)));
        }
        push(&mut pairs, "coursework", self.texts(e.get("courses")));
        Some(Value::Map(pairs, e.node.span.clone(), self.close(e)))
    }

    fn certificate(&mut self, mut c: Object<'_>) -> Option<Value> {
        let name = self.required(&mut c, "name", "the certificate's name");
        let mut pairs = vec![("name", name?)];
        push(&mut pairs, "issuer", self.text(c.get("issuer")));
        push(&mut pairs, "date", self.text(c.get("date")));
        push(&mut pairs, "url", self.text(c.get("url")));
        Some(Value::Map(pairs, c.node.span.clone(), self.close(c)))
    }

    /// Volunteering, awards, publications, languages and interests become custom sections.
    fn custom_entry(&mut self, key: &str, mut o: Object<'_>) -> Option<Value> {
        let mut pairs = Vec::new();
        match key {
            "volunteer" => {
                let organization = self.text(o.get("organization"));
                let position = self.text(o.get("position"));
                let (title, subtitle) = match position {
                    Some(position) => (Some(position), organization),
                    None => (organization, None),
                };
                if title.is_none() {
                    self.required(&mut o, "organization", "the organization's name");
                }
                pairs.push(("title", title?));
                push(&mut pairs, "subtitle", subtitle);
                push(&mut pairs, "start", self.text(o.get("startDate")));
                push(&mut pairs, "end", self.text(o.get("endDate")));
                push(&mut pairs, "url", self.text(o.get("url")));
                push(&mut pairs, "description", self.text(o.get("summary")));
                push(&mut pairs, "bullets", self.texts(o.get("highlights")));
            }
            "awards" => {
                pairs.push(("title", self.required(&mut o, "title", "the award's name")?));
                push(&mut pairs, "subtitle", self.text(o.get("awarder")));
                push(&mut pairs, "date", self.text(o.get("date")));
                push(&mut pairs, "description", self.text(o.get("summary")));
            }
            "publications" => {
                pairs.push(("title", self.required(&mut o, "name", "the publication's title")?));
                push(&mut pairs, "subtitle", self.text(o.get("publisher")));
                push(&mut pairs, "date", self.text(o.get("releaseDate")));
                push(&mut pairs, "url", self.text(o.get("url")));
                push(&mut pairs, "description", self.text(o.get("summary")));
            }
            "languages" => {
                pairs.push(("title", self.required(&mut o, "language", "the language's name")?));
                push(&mut pairs, "subtitle", self.text(o.get("fluency")));
            }
            _ => {
                pairs.push(("title", self.required(&mut o, "name", "the interest's name")?));
                let keywords = self.texts(o.get("keywords")).map(|list| match list {
                    Value::List(items, span) => {
                        let words: Vec<String> = items
                            .into_iter()
                            .filter_map(|v| if let Value::Text(t, _) = v { Some(t) } else { None })
                            .collect();
                        Value::Text(words.join(", "), span)
                    }
                    other => other,
                });
                push(&mut pairs, "description", keywords);
            }
        }
        Some(Value::Map(pairs, o.node.span.clone(), self.close(o)))
    }

    /// Skills with keywords become groups; bare skill names share one group.
    fn skills(&mut self, node: Option<&Node>) -> Vec<Value> {
        let (mut bare, mut bare_notes): (Vec<Value>, Vec<String>) = (Vec::new(), Vec::new());
        let mut groups = self.each(node, "skills", |cx, mut s| {
            let name = cx.required(&mut s, "name", "the skill's name");
            let keywords = cx.texts(s.get("keywords"));
            let span = s.node.span.clone();
            let notes = cx.close(s);
            match (name, keywords) {
                (Some(name), Some(items)) => Some(Value::Map(vec![("group", name), ("items", items)], span, notes)),
                (Some(name), None) => {
                    bare.push(name);
                    bare_notes.extend(notes);
                    None
                }
                _ => None,
            }
        });
        if let Some(first) = bare.first() {
            let span = first.span();
            let group = if groups.is_empty() { "Core" } else { "Other" };
            groups.push(Value::Map(
                vec![("group", Value::Text(group.into(), span.clone())), ("items", Value::List(bare, span.clone()))],
                span,
                bare_notes,
            ));
        }
        groups
    }
}

fn push(pairs: &mut Vec<(&'static str, Value)>, key: &'static str, value: Option<Value>) {
    if let Some(value) = value {
        pairs.push((key, value));
    }
}

fn push_list(out: &mut Vec<(&'static str, Value)>, key: &'static str, items: Vec<Value>, node: Option<&Node>) {
    if let (false, Some(node)) = (items.is_empty(), node) {
        out.push((key, Value::List(items, node.span.clone())));
    }
}

/// `Awesome compression company` + `Pied Piper is...` -> `Awesome compression company. Pied Piper is...`.
fn join_sentences(first: Option<Value>, second: Option<Value>) -> Option<Value> {
    match (first, second) {
        (Some(Value::Text(a, span)), Some(Value::Text(b, _))) => {
            let stop = if a.ends_with(['.', '!', '?']) { "" } else { "." };
            Some(Value::Text(format!("{a}{stop} {b}"), span))
        }
        (a, b) => a.or(b),
    }
}

/// Whether a JSON value holds nothing (`""`, `[]`, `{}`, `null`), so dropping it loses nothing.
fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar { value, .. } => node.is_null() || value.trim().is_empty(),
        NodeKind::Seq(items) => items.iter().all(is_empty),
        NodeKind::Map(pairs) => pairs.iter().all(|(_, v)| is_empty(v)),
    }
}

/// Converts a JSON Resume document to rescc YAML, for `rescc import`; fails, with located
/// errors, when the result would not load, so an import always builds.
pub fn import(source: &Arc<Source>) -> Result<(String, Vec<Diagnostic>), Diagnostics> {
    let root = crate::source::parse_yaml(source)?;
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
        let root = crate::source::parse_yaml(&source).unwrap();
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
        let items: Vec<Value> = tricky.iter().map(|t| Value::Text(t.to_string(), 0..0)).collect();
        let doc =
            Value::Map(vec![("name", items[0].clone()), ("list", Value::List(items.clone(), 0..0))], 0..0, Vec::new());
        let yaml = doc.to_yaml();
        let node = crate::source::parse_yaml(&Arc::new(Source::new("t.yaml", yaml.clone()))).unwrap();
        let NodeKind::Map(pairs) = node.kind else { panic!("{yaml}") };
        let NodeKind::Seq(list) = &pairs[1].1.kind else { panic!("{yaml}") };
        let read: Vec<&str> = list.iter().map(scalar_raw).collect();
        assert_eq!(read, tricky, "{yaml}");
        // Short lists go on one line, and still read back.
        let flow = Value::Map(vec![("items", Value::List(items[..8].to_vec(), 0..0))], 0..0, Vec::new()).to_yaml();
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
        assert!(errors.iter().all(|d| d.span.is_some()));
    }
}
