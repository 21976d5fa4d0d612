//! The field mapping: JSON Resume's keys, current and older, onto rescc's schema, keeping
//! every value's span and reporting what has no place.

use super::{Converted, Value};
use crate::decode::{Decoder, scalar};
use crate::diag::Diagnostic;
use crate::model::parse_gpa;
use crate::yaml::{Node, NodeKind};

/// Rewrites a JSON Resume tree into rescc's shape; shape errors go to `d`.
pub fn convert(root: &Node, d: &mut Decoder) -> Converted {
    let mut cx = Cx { d, unmapped: Vec::new() };
    let resume = cx.resume(root);
    Converted { resume, unmapped: cx.unmapped }
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
        "image" | "picture" => "a photo invites bias and confuses ATS parsers",
        "address" | "postalCode" => "a city is enough on a resume",
        "countryCode" => "the region is shown instead",
        "level" => "a self-rated level says little; show the skill in bullets",
        "url" | "website" => "this entry has no link in rescc",
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
            self.unmapped.push(d.at(node.span.clone()));
        }
        notes
    }

    fn note(&mut self, notes: &mut Vec<String>, path: String, node: &Node, why: &str) {
        notes.push(format!("{path} ({why})"));
        let d = Diagnostic::warning(format!("not mapped: {path}")).with_help(why.to_string());
        self.unmapped.push(d.at(node.span.clone()));
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
    fn texts(&mut self, node: Option<&Node>) -> Option<Value> {
        let node = node?;
        let NodeKind::Seq(items) = &node.kind else {
            self.d.expected(node, "a list", "write it as a JSON array of strings");
            return None;
        };
        let items: Vec<Value> =
            items.iter().filter_map(|item| self.text(Some(item)).map(|t| self.unmarked(t))).collect();
        (!items.is_empty()).then(|| Value::List(items, node.span.clone()))
    }

    /// An item copied from a list keeps its marker (`- `, `* `, `• `): rescc prints its own, so
    /// the marker goes, with a warning.
    fn unmarked(&mut self, item: Value) -> Value {
        let Value::Text(text, span) = item else { return item };
        let Some(marker) = ["- ", "* ", "• ", "•", "· "].into_iter().find(|m| text.starts_with(m)) else {
            return Value::Text(text, span);
        };
        let d = Diagnostic::warning(format!("this item starts with `{}`, a list marker", marker.trim_end()))
            .with_help("rescc prints its own bullets, so the marker is left out; remove it from the file");
        self.unmapped.push(d.at(span.clone()));
        Value::Text(text[marker.len()..].trim_start().to_string(), span)
    }

    /// The first of `keys` the object has (current JSON Resume names first, then the older
    /// schema's); absent, an error names the current key.
    fn required_any(&mut self, o: &mut Object<'_>, keys: &[&str], what: &str) -> Option<Value> {
        let has = |o: &Object<'_>, key: &str| o.pairs.iter().any(|(k, _)| *k == key);
        match keys.iter().find(|key| has(o, key)) {
            Some(key) if *key != keys[0] => {
                let value = o.get(key);
                self.text(value)
            }
            _ => self.required(o, keys[0], what),
        }
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
                let at = root.span.at_start();
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
        if let Some(location) = b.get("location")
            && let Some(location) = self.location(location, notes)
        {
            contact.push(("location", location));
        }
        // `website` is the older schema's name for `url`.
        let url = match self.text(b.get("url")) {
            Some(url) => Some(url),
            None => self.text(b.get("website")),
        };
        let mut links: Vec<Value> = url.into_iter().collect();
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
        let company = self.required_any(&mut w, &["name", "company"], "the employer's name");
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
        let score = match self.text(e.get("score")) {
            Some(score) => Some(score),
            None => self.text(e.get("gpa")),
        };
        // A score that is no GPA (a class, a percentage) reads as an honour.
        let is_gpa = |v: &Value| matches!(v, Value::Text(t, _) if parse_gpa(t).is_some());
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
            let keywords = cx.texts(s.get("keywords"));
            let span = s.node.span.clone();
            // A group of keywords without a name is still a group.
            let name = match &keywords {
                Some(_) => cx.text(s.get("name")).or_else(|| Some(Value::Text("Skills".into(), span.at_start()))),
                None => cx.required(&mut s, "name", "the skill's name"),
            };
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
