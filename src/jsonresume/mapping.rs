//! The field mapping: JSON Resume's keys, current and older, onto rescc's schema, keeping
//! every value's span and reporting what has no place.

use super::{Converted, Value};
use crate::decode::{Decoder, scalar};
use crate::diag::Diagnostic;
use crate::model::{MONTH_NAMES, parse_gpa};
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

    /// A link that is a web page, or `None` with a warning naming it: `skype:`, `tel:` or
    /// `javascript:` addresses have no place among a resume's links.
    fn web_page(&mut self, url: Value, path: &str) -> Option<Value> {
        let Value::Text(text, span) = &url else { return Some(url) };
        let scheme = text.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
        let web = match scheme.as_deref() {
            Some("http" | "https") | None => true,
            // `github.com:443/x` has no scheme; a scheme is letters before the colon.
            Some(scheme) => !scheme.chars().all(|c| c.is_ascii_alphabetic()),
        };
        if web {
            return Some(url);
        }
        let d = Diagnostic::warning(format!("not mapped: {path} (`{text}` is not a web page)")).with_help(
            "a resume's links are web pages an ATS and a recruiter can open: give the profile's https:// address",
        );
        self.unmapped.push(d.at(span.clone()));
        None
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
        let mut links: Vec<Value> = url.and_then(|url| self.web_page(url, "basics.url")).into_iter().collect();
        let profiles = b.get("profiles");
        links.extend(self.each(profiles, "basics.profiles", |cx, mut p| {
            let network = cx.text(p.get("network"));
            let url = p.get("url");
            let link = match cx.text(url) {
                Some(url) => match cx.web_page(url, &format!("{}.url", p.path)) {
                    Some(url) => {
                        let span = url.span();
                        let pairs = match network {
                            Some(label) => vec![("label", label), ("url", url)],
                            None => vec![("url", url)],
                        };
                        Some(Value::Map(pairs, span, Vec::new()))
                    }
                    // Dropped, and said so: the rest of the profile goes with it.
                    None => {
                        p.read.extend(p.pairs.iter().map(|(k, _)| *k).collect::<Vec<_>>());
                        None
                    }
                },
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
        let start = self.required(&mut w, "startDate", "a start date to order roles by").map(as_date);
        let mut pairs = vec![("company", company?), ("role", role?)];
        push(&mut pairs, "location", self.text(w.get("location")));
        pairs.push(("start", start?));
        push(&mut pairs, "end", self.text(w.get("endDate")).map(as_date));
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
        push(&mut pairs, "start", self.text(p.get("startDate")).map(as_date));
        push(&mut pairs, "end", self.text(p.get("endDate")).map(as_date));
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
        push(&mut pairs, "start", self.text(e.get("startDate")).map(as_date));
        push(&mut pairs, "end", self.text(e.get("endDate")).map(as_date));
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
        push(&mut pairs, "date", self.text(c.get("date")).map(as_date));
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
                push(&mut pairs, "start", self.text(o.get("startDate")).map(as_date));
                push(&mut pairs, "end", self.text(o.get("endDate")).map(as_date));
                push(&mut pairs, "url", self.text(o.get("url")));
                push(&mut pairs, "description", self.text(o.get("summary")));
                push(&mut pairs, "bullets", self.texts(o.get("highlights")));
            }
            "awards" => {
                pairs.push(("title", self.required(&mut o, "title", "the award's name")?));
                push(&mut pairs, "subtitle", self.text(o.get("awarder")));
                push(&mut pairs, "date", self.text(o.get("date")).map(as_date));
                push(&mut pairs, "description", self.text(o.get("summary")));
            }
            "publications" => {
                pairs.push(("title", self.required(&mut o, "name", "the publication's title")?));
                push(&mut pairs, "subtitle", self.text(o.get("publisher")));
                push(&mut pairs, "date", self.text(o.get("releaseDate")).map(as_date));
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

/// A date as JSON Resume files write it, in the form rescc reads: `2023-9-28` is `2023-09-28`,
/// `Dec 2022` and `December 2022` are `2022-12`, `09/2021` is `2021-09`, and `Present`,
/// `Current` or `Now` (any case) is `present`. Anything else is left for the date's own error.
fn as_date(value: Value) -> Value {
    let Value::Text(text, span) = value else { return value };
    let lower = text.trim().to_lowercase();
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
    let normalized = if matches!(lower.as_str(), "present" | "current" | "now" | "today" | "ongoing") {
        Some("present".to_string())
    } else if let [year, month, day] = lower.split('-').collect::<Vec<_>>()[..] {
        iso(year, month, Some(day))
    } else if let [year, month] = lower.split('-').collect::<Vec<_>>()[..] {
        iso(year, month, None)
    } else if let [month, year] = lower.split('/').collect::<Vec<_>>()[..] {
        iso(year, month, None)
    } else if let [month, year] = lower.split_whitespace().collect::<Vec<_>>()[..] {
        month_number(month).and_then(|m| iso(year, &m, None))
    } else {
        None
    };
    Value::Text(normalized.unwrap_or(text), span)
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

#[cfg(test)]
mod tests {
    use super::{Value, as_date};
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
    fn dates_as_written_become_dates_rescc_reads() {
        for (written, read) in [
            ("2023-9-28", "2023-09-28"),
            ("2020", "2020"),
            ("2020-05", "2020-05"),
            ("Dec 2022", "2022-12"),
            ("December 2022", "2022-12"),
            ("Sept. 2019", "2019-09"),
            ("09/2021", "2021-09"),
            ("Present", "present"),
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
