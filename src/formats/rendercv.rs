//! RenderCV files (`cv:` with `sections:`, beside `design:`, `locale:` and `settings:`, and
//! version 1's `locale_catalog:` and `rendercv_settings:`) onto rescc's schema.
//!
//! A RenderCV section is a title and a list of one entry type. The standard sections go where
//! rescc has a place for them (the first experience section, the education, the projects, the
//! skills, the summary); every other section becomes a custom section, so nothing is lost.

use super::fields::{Cx, Object, as_date, as_grade, open_end, plain_markdown, push};
use super::{Converted, Value};
use crate::decode::{Decoder, scalar};
use crate::model::parse_gpa;
use crate::source::Span;
use crate::yaml::{Node, NodeKind};

/// Every key RenderCV defines; an unknown key close to one of them is read as it.
pub const KEYS: &[&str] = &[
    "cv",
    "design",
    "locale",
    "locale_catalog",
    "settings",
    "rendercv_settings",
    "name",
    "headline",
    "location",
    "email",
    "phone",
    "website",
    "social_networks",
    "custom_connections",
    "photo",
    "sections",
    "network",
    "username",
    "placeholder",
    "url",
    "fontawesome_icon",
    "company",
    "position",
    "institution",
    "area",
    "degree",
    "label",
    "details",
    "title",
    "authors",
    "summary",
    "doi",
    "journal",
    "date",
    "start_date",
    "end_date",
    "highlights",
    "bullet",
    "number",
    "reversed_number",
    "page",
    "size",
    "page_size",
    "typography",
    "font_size",
    "body",
    "theme",
];

/// Profile addresses by network, as RenderCV builds them from a username.
const NETWORKS: &[(&str, &str)] = &[
    ("LinkedIn", "https://linkedin.com/in/"),
    ("GitHub", "https://github.com/"),
    ("GitLab", "https://gitlab.com/"),
    ("IMDB", "https://imdb.com/name/"),
    ("Instagram", "https://instagram.com/"),
    ("ORCID", "https://orcid.org/"),
    ("StackOverflow", "https://stackoverflow.com/users/"),
    ("ResearchGate", "https://researchgate.net/profile/"),
    ("YouTube", "https://youtube.com/@"),
    ("Google Scholar", "https://scholar.google.com/citations?user="),
    ("Telegram", "https://t.me/"),
    ("WhatsApp", "https://wa.me/"),
    ("Leetcode", "https://leetcode.com/u/"),
    ("X", "https://x.com/"),
    ("Twitter", "https://twitter.com/"),
    ("Bluesky", "https://bsky.app/profile/"),
    ("Reddit", "https://reddit.com/user/"),
];

/// Rewrites a RenderCV file into rescc's shape; shape errors go to `d`.
pub fn convert(root: &Node, d: &mut Decoder) -> Converted {
    let mut cx = Cx::new(d, "", KEYS);
    let resume = match cx.object(root, String::new()) {
        Some(file) => cx.file(file),
        None => Value::Map(Vec::new(), root.span.clone(), Vec::new()),
    };
    cx.finish(resume)
}

/// RenderCV's entry types, told apart (as RenderCV does) by a field only that type has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Experience,
    Education,
    Normal,
    OneLine,
    Publication,
    Bullet,
    Numbered,
}

fn kind(node: &Node) -> Option<Kind> {
    let NodeKind::Map(pairs) = &node.kind else { return Some(Kind::Text) };
    let has = |key: &str| pairs.iter().any(|(k, _)| scalar(k) == Some(key));
    Some(if has("company") || has("position") {
        Kind::Experience
    } else if has("institution") {
        Kind::Education
    } else if has("authors") || has("doi") || has("journal") {
        Kind::Publication
    } else if has("label") || has("details") {
        Kind::OneLine
    } else if has("bullet") {
        Kind::Bullet
    } else if has("number") || has("reversed_number") {
        Kind::Numbered
    } else if has("name") {
        Kind::Normal
    } else {
        return None;
    })
}

/// A section's key as RenderCV shows it: as written if it has a space or a capital, else
/// `education_and_training` is `Education and Training`.
fn title(key: &str) -> String {
    if key.contains(' ') || key.chars().any(char::is_uppercase) {
        return key.to_string();
    }
    let small = ["and", "or", "of", "the", "in", "for", "on", "to", "a", "an", "with"];
    key.split('_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, word)| match word.chars().next() {
            Some(first) if i == 0 || !small.contains(&word) => first.to_uppercase().collect::<String>() + &word[1..],
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a section title names the skills (`Technical Skills`, `Tools`, `Tech Stack`).
fn is_skills(title: &str) -> bool {
    ["skill", "technolog", "tool", "stack", "competenc", "expertise"].iter().any(|w| title.contains(w))
}

fn is_summary(title: &str) -> bool {
    ["summary", "profile", "about", "objective", "overview"].iter().any(|w| title.contains(w))
}

fn is_experience(title: &str) -> bool {
    ["experience", "employment", "work", "career"].iter().any(|w| title.contains(w))
}

/// The parts of a rescc resume the sections fill, in rescc's order.
#[derive(Default)]
struct Sections {
    summary: Option<Value>,
    experience: Vec<Value>,
    skills: Vec<Value>,
    projects: Vec<Value>,
    education: Vec<Value>,
    custom: Vec<Value>,
}

/// An entry's dates: a period, one date, or text that is no date (`Fall 2023`).
#[derive(Default)]
struct Dates {
    start: Option<Value>,
    end: Option<Value>,
    date: Option<Value>,
    text: Option<Value>,
}

/// Whether a text is a date rescc reads (`2021`, `2021-03`, `2021-03-14`, `present`).
fn date_like(value: &Value) -> bool {
    let Value::Text(text, _) = value else { return false };
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    text == "present" || (digits(parts[0], 4) && parts.len() <= 3 && parts[1..].iter().all(|p| digits(p, 2)))
}

impl Cx<'_> {
    fn file(&mut self, mut file: Object<'_>) -> Value {
        let span = file.node.span.clone();
        let (mut out, mut notes) = (Vec::new(), Vec::new());
        match file.get("cv").and_then(|cv| self.object(cv, "cv".into())) {
            Some(cv) => self.cv(cv, &mut out, &mut notes),
            None => {
                self.d.error(span.at_start(), "the file has no `cv`", "a RenderCV file keeps the resume under `cv:`")
            }
        }
        let mut layout = Vec::new();
        if let Some(design) = file.get("design") {
            notes.extend(self.design(design, &mut layout));
        }
        if let Some(first) = layout.first() {
            let at = first.1.span();
            out.push(("layout", Value::Map(layout, at, Vec::new())));
        }
        for (key, why) in [
            ("locale", "RenderCV's wording of dates and phrases; rescc writes dates in English"),
            ("locale_catalog", "RenderCV's wording of dates and phrases; rescc writes dates in English"),
            ("settings", "RenderCV's rendering settings; rescc's are its command-line options"),
            ("rendercv_settings", "RenderCV's rendering settings; rescc's are its command-line options"),
        ] {
            if let Some(node) = file.get(key)
                && !super::fields::is_empty(node)
            {
                self.note(&mut notes, key.into(), node, why);
            }
        }
        notes.extend(self.close(file));
        Value::Map(out, span, notes)
    }

    /// The design's paper and body size; its theme, colours and spacing are RenderCV's own.
    fn design(&mut self, node: &Node, layout: &mut Vec<(&'static str, Value)>) -> Vec<String> {
        let Some(mut design) = self.object(node, "design".into()) else { return Vec::new() };
        let mut notes = Vec::new();
        let paper = |value: Option<Value>| match value {
            Some(Value::Text(size, span)) => match size.to_lowercase().as_str() {
                "us-letter" | "letter" | "letterpaper" => Some(Value::Text("letter".into(), span)),
                "a4" | "a4paper" => Some(Value::Text("a4".into(), span)),
                _ => Some(Value::Text(size, span)),
            },
            other => other,
        };
        // Version 2 nests the page; version 1 writes `page_size` and `font_size` flat.
        if let Some(page) = design.get("page")
            && let Some(mut p) = self.object(page, "design.page".into())
        {
            let size = self.text(p.get("size"));
            push(layout, "paper", paper(size));
            notes.extend(self.styling(p));
        }
        let size = self.text(design.get("page_size"));
        if !layout.iter().any(|(k, _)| *k == "paper") {
            push(layout, "paper", paper(size));
        }
        let font_size = match design.get("typography") {
            Some(typography) => match self.object(typography, "design.typography".into()) {
                Some(mut t) => {
                    let size = t.get("font_size").and_then(|size| match &size.kind {
                        NodeKind::Map(_) => {
                            self.object(size, "design.typography.font_size".into()).and_then(|mut s| {
                                let body = self.text(s.get("body"));
                                notes.extend(self.styling(s));
                                body
                            })
                        }
                        _ => self.text(Some(size)),
                    });
                    notes.extend(self.styling(t));
                    size
                }
                None => None,
            },
            None => self.text(design.get("font_size")),
        };
        if let Some(Value::Text(size, span)) = font_size {
            layout.push(("font_size", Value::Text(size.trim_end_matches("pt").trim().to_string(), span)));
        }
        notes.extend(self.styling(design));
        notes
    }

    /// Reports a design object's unread options as RenderCV styling rescc has no use for.
    fn styling(&mut self, mut o: Object<'_>) -> Vec<String> {
        let mut notes = Vec::new();
        let unread: Vec<(&str, &Node)> = o.pairs.iter().filter(|(k, _)| !o.read.contains(k)).copied().collect();
        for (key, node) in unread {
            if !super::fields::is_empty(node) {
                let why = "RenderCV's styling: rescc's look comes from `layout.template`";
                self.note(&mut notes, format!("{}.{key}", o.path), node, why);
            }
        }
        o.read_all();
        notes.extend(self.close(o));
        notes
    }

    fn cv(&mut self, mut cv: Object<'_>, out: &mut Vec<(&'static str, Value)>, notes: &mut Vec<String>) {
        if let Some(name) = self.required(&mut cv, "name", "your name") {
            out.push(("name", name));
        }
        push(out, "headline", self.text(cv.get("headline")));
        let mut contact = Vec::new();
        for key in ["email", "phone"] {
            let mut values = self.one_or_many(cv.get(key));
            if !values.is_empty() {
                // RenderCV writes phone numbers it has checked as `tel:` addresses.
                let first = match values.remove(0) {
                    Value::Text(phone, span) if key == "phone" => {
                        Value::Text(phone.strip_prefix("tel:").unwrap_or(&phone).to_string(), span)
                    }
                    other => other,
                };
                contact.push((key, first));
            }
            for (i, extra) in values.into_iter().enumerate() {
                let why = "rescc shows one; the first is kept";
                self.note(notes, format!("cv.{key}[{}]", i + 1), &node_at(&extra), why);
            }
        }
        push(&mut contact, "location", self.text(cv.get("location")));
        let mut links: Vec<Value> = Vec::new();
        for website in self.one_or_many(cv.get("website")) {
            links.extend(self.web_page(website, "cv.website"));
        }
        let networks = cv.get("social_networks");
        links.extend(self.each(networks, "cv.social_networks", |cx, o| cx.social_network(o)));
        let connections = cv.get("custom_connections");
        links.extend(self.each(connections, "cv.custom_connections", |cx, mut o| {
            let label = cx.text(o.get("placeholder"));
            let url = cx.text(o.get("url")).and_then(|url| cx.web_page(url, &format!("{}.url", o.path)));
            o.get("fontawesome_icon");
            let span = o.node.span.clone();
            let notes = cx.close(o);
            let mut pairs = Vec::new();
            push(&mut pairs, "label", label);
            pairs.push(("url", url?));
            Some(Value::Map(pairs, span, notes))
        }));
        if let Some(first) = links.first() {
            let span = first.span();
            contact.push(("links", Value::List(links, span)));
        }
        if let Some(first) = contact.first() {
            let span = first.1.span();
            out.push(("contact", Value::Map(contact, span, Vec::new())));
        }
        let mut sections = Sections::default();
        if let Some(node) = cv.get("sections") {
            match &node.kind {
                NodeKind::Map(pairs) => {
                    for (key, entries) in pairs {
                        let Some(key_text) = scalar(key) else { continue };
                        self.section(key_text, key.span.clone(), entries, &mut sections);
                    }
                }
                _ => self.d.expected(
                    node,
                    "a map of section titles to entries (cv.sections)",
                    "e.g. `experience:` with a list of entries",
                ),
            }
        }
        push(out, "summary", sections.summary);
        for (key, list) in [
            ("experience", sections.experience),
            ("skills", sections.skills),
            ("projects", sections.projects),
            ("education", sections.education),
            ("sections", sections.custom),
        ] {
            if let Some(first) = list.first() {
                let at = first.span();
                out.push((key, Value::List(list, at)));
            }
        }
        notes.extend(self.close(cv));
    }

    /// A field RenderCV takes as one value or a list of them (`email`, `phone`, `website`).
    fn one_or_many(&mut self, node: Option<&Node>) -> Vec<Value> {
        match node.map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items.iter().filter_map(|item| self.text(Some(item))).collect(),
            _ => self.text(node).into_iter().collect(),
        }
    }

    /// `network` + `username` is the profile's address, as RenderCV builds it.
    fn social_network(&mut self, mut o: Object<'_>) -> Option<Value> {
        let network = self.required(&mut o, "network", "the network's name, e.g. `GitHub`");
        let username = self.required(&mut o, "username", "your user name on the network");
        let span = o.node.span.clone();
        let notes = self.close(o);
        let (Value::Text(network, network_span), Value::Text(username, username_span)) = (network?, username?) else {
            return None;
        };
        let known = NETWORKS.iter().find(|(name, _)| name.eq_ignore_ascii_case(&network));
        let url = match (known, username.split_once('@').filter(|_| network.eq_ignore_ascii_case("mastodon"))) {
            (Some((_, prefix)), _) => format!("{prefix}{username}"),
            // Mastodon's `@user@domain` is `https://domain/@user`.
            (None, Some(_)) => match username.trim_start_matches('@').split_once('@') {
                Some((user, domain)) => format!("https://{domain}/@{user}"),
                None => username.clone(),
            },
            (None, None) => {
                let d = crate::diag::Diagnostic::warning(format!("not mapped: the {network} profile `{username}`"))
                    .with_help("rescc does not know this network's addresses: add the profile's https:// address to `contact.links`");
                self.unmapped.push(d.at(span));
                return None;
            }
        };
        let pairs = vec![("label", Value::Text(network, network_span)), ("url", Value::Text(url, username_span))];
        Some(Value::Map(pairs, span, notes))
    }

    /// One section: where rescc has a place for it, there; else a custom section.
    fn section(&mut self, key: &str, key_span: Span, node: &Node, out: &mut Sections) {
        let path = format!("cv.sections.{key}");
        let NodeKind::Seq(items) = &node.kind else {
            if !node.is_null() {
                self.d.expected(
                    node,
                    &format!("a list of entries ({path})"),
                    "each section is a list, e.g. `- company: Acme`",
                );
            }
            return;
        };
        let shown = title(key);
        let lower = shown.to_lowercase();
        let Some(first) = items.first() else { return };
        let Some(kind) = kind(first) else {
            self.d.error(
                first.span.clone(),
                format!("{path}[0] is no RenderCV entry"),
                "an entry has `company` (experience), `institution`, `name`, `label`, `bullet`, `title` and `authors`, or is a text",
            );
            return;
        };
        let entries = |cx: &mut Self, f: &mut dyn FnMut(&mut Self, &Node, String) -> Option<Value>| -> Vec<Value> {
            items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let at = format!("{path}[{i}]");
                    if super::fields::is_empty(item) {
                        return None;
                    }
                    f(cx, item, at)
                })
                .collect()
        };
        match kind {
            Kind::Text if out.summary.is_none() && is_summary(&lower) => {
                let texts = entries(self, &mut |cx, item, _| cx.text(Some(item)));
                let joined: Vec<String> = texts.iter().filter_map(text_of).collect();
                if let Some(first) = texts.first() {
                    out.summary = Some(Value::Text(joined.join(" "), first.span()));
                }
                return;
            }
            // A summary written as bullets keeps a line per bullet.
            Kind::Bullet if out.summary.is_none() && is_summary(&lower) => {
                let bullets = entries(self, &mut |cx, item, at| {
                    let mut o = cx.object(item, at)?;
                    let bullet = cx.required(&mut o, "bullet", "the bullet's text");
                    cx.close(o);
                    bullet
                });
                let lines: Vec<String> = bullets.iter().filter_map(text_of).map(|b| format!("- {b}")).collect();
                if let Some(first) = bullets.first() {
                    out.summary = Some(Value::Text(lines.join("\n"), first.span()));
                }
                return;
            }
            Kind::Experience if out.experience.is_empty() && is_experience(&lower) => {
                out.experience =
                    entries(self, &mut |cx, item, at| cx.object(item, at).and_then(|o| cx.experience_entry(o)));
                return;
            }
            Kind::Education if out.education.is_empty() => {
                out.education =
                    entries(self, &mut |cx, item, at| cx.object(item, at).and_then(|o| cx.education_entry(o)));
                return;
            }
            Kind::Normal if out.projects.is_empty() && lower.contains("project") => {
                out.projects = entries(self, &mut |cx, item, at| cx.object(item, at).and_then(|o| cx.project_entry(o)));
                return;
            }
            Kind::OneLine | Kind::Bullet if is_skills(&lower) => {
                let shown_span = key_span.clone();
                let groups = entries(self, &mut |cx, item, at| {
                    let o = cx.object(item, at)?;
                    cx.skill_group(o, &shown, &shown_span)
                });
                out.skills.extend(groups);
                return;
            }
            _ => {}
        }
        let custom = entries(self, &mut |cx, item, at| match &item.kind {
            NodeKind::Map(_) => cx.object(item, at).and_then(|o| cx.section_entry(o)),
            _ => cx.text(Some(item)).map(|text| {
                let span = text.span();
                Value::Map(vec![("title", plain_markdown(text))], span, Vec::new())
            }),
        });
        if let Some(first) = custom.first() {
            let span = first.span();
            let pairs = vec![("title", Value::Text(shown, key_span)), ("entries", Value::List(custom, span.clone()))];
            out.custom.push(Value::Map(pairs, span, Vec::new()));
        }
    }

    /// `start_date`, `end_date` and `date` as RenderCV reads them: `end_date` alone is the date,
    /// a `start_date` alone runs to the present, and a `date` that is no date (`Fall 2023`) or a range (`2020 – 2021`) is kept as written.
    fn dates(&mut self, o: &mut Object<'_>) -> Dates {
        let start = self.text(o.get("start_date")).map(as_date);
        let end = self.text(o.get("end_date")).map(as_date);
        let date = self.text(o.get("date")).map(as_date);
        match (start, end, date) {
            (_, _, Some(date)) if date_like(&date) => Dates { date: Some(date), ..Dates::default() },
            (_, _, Some(Value::Text(text, span))) => {
                let range: Vec<Value> = text
                    .split(['–', '—'])
                    .flat_map(|part| part.split(" - "))
                    .map(|part| as_date(Value::Text(part.trim().to_string(), span.clone())))
                    .collect();
                match &range[..] {
                    [from, to] if date_like(from) && date_like(to) => {
                        Dates { start: Some(from.clone()), end: Some(to.clone()), ..Dates::default() }
                    }
                    _ => Dates { text: Some(Value::Text(text, span)), ..Dates::default() },
                }
            }
            (None, Some(end), _) => Dates { date: Some(end), ..Dates::default() },
            // A start alone is a period still going on, as RenderCV prints it.
            (start, end, _) => Dates { end: open_end(&start, end), start, ..Dates::default() },
        }
    }

    fn experience_entry(&mut self, mut o: Object<'_>) -> Option<Value> {
        let company = self.required(&mut o, "company", "the employer's name");
        let role = self.required(&mut o, "position", "your job title");
        let location = self.text(o.get("location"));
        let dates = self.dates(&mut o);
        let (start, end) = match dates {
            Dates { start: Some(start), end, .. } => (Some(start), end),
            // One date is a role that began and ended within it.
            Dates { date: Some(date), .. } => (Some(date.clone()), Some(date)),
            _ => (None, None),
        };
        if start.is_none() {
            let at = o.node.span.at_start();
            let message = format!("{} has no `start_date`", o.path);
            self.d.error(at, message, "rescc orders roles by their start: give `start_date: 2021-03`");
        }
        let mut pairs = vec![("company", company?), ("role", role?)];
        push(&mut pairs, "location", location);
        pairs.push(("start", start?));
        push(&mut pairs, "end", end);
        let (summary, listed) = self.summary(&mut o);
        push(&mut pairs, "context", summary);
        push(&mut pairs, "bullets", self.highlights(&mut o, listed));
        Some(Value::Map(pairs, o.node.span.clone(), self.close(o)))
    }

    fn education_entry(&mut self, mut o: Object<'_>) -> Option<Value> {
        let institution = self.required(&mut o, "institution", "the school's name");
        let mut pairs = vec![("institution", institution?)];
        let degree = match (self.text(o.get("degree")), self.text(o.get("area"))) {
            (Some(Value::Text(kind, span)), Some(Value::Text(area, _))) => {
                Some(Value::Text(format!("{kind} in {area}"), span))
            }
            (kind, area) => kind.or(area),
        };
        push(&mut pairs, "degree", degree);
        push(&mut pairs, "location", self.text(o.get("location")));
        let dates = self.dates(&mut o);
        push(&mut pairs, "start", dates.start);
        push(&mut pairs, "end", dates.end.or(dates.date));
        // Highlights such as `GPA: 3.9/4.0`, `Coursework: ...` and `Honors: ...` have rescc fields
        // of their own; the rest are the entry's bullets.
        let (summary, listed) = self.summary(&mut o);
        let (mut gpa, mut coursework, mut honors) = (None, Vec::new(), Vec::new());
        let mut bullets: Vec<Value> = summary.into_iter().collect();
        for item in self.highlights(&mut o, listed).map_or_else(Vec::new, list_items) {
            let Value::Text(text, span) = &item else { continue };
            let (label, rest) = text.split_once(':').map_or(("", text.as_str()), |(l, r)| (l.trim(), r.trim()));
            let items = || split_items(rest).into_iter().map(|each| Value::Text(each, span.clone()));
            match label.to_lowercase().as_str() {
                "gpa" | "cgpa" if gpa.is_none() && parse_gpa(rest).is_some() => {
                    gpa = Some(as_grade(Value::Text(rest.into(), span.clone())))
                }
                "coursework" | "relevant coursework" | "courses" => coursework.extend(items()),
                "honors" | "honours" | "awards" => honors.extend(items()),
                _ => bullets.push(item),
            }
        }
        push(&mut pairs, "gpa", gpa);
        push(&mut pairs, "honors", as_list(honors));
        push(&mut pairs, "coursework", as_list(coursework));
        push(&mut pairs, "bullets", as_list(bullets));
        Some(Value::Map(pairs, o.node.span.clone(), self.close(o)))
    }

    fn project_entry(&mut self, mut o: Object<'_>) -> Option<Value> {
        let name = self.required(&mut o, "name", "the project's name")?;
        let (name, link) = markdown_link(name);
        let mut pairs = vec![("name", name)];
        push(&mut pairs, "url", link);
        let dates = self.dates(&mut o);
        push(&mut pairs, "start", dates.start.or(dates.date));
        push(&mut pairs, "end", dates.end);
        let (summary, listed) = self.summary(&mut o);
        // A date that is no date (`Fall 2023`) leads the description.
        let description = match (dates.text, summary) {
            (Some(Value::Text(when, span)), Some(Value::Text(text, _))) => {
                Some(Value::Text(format!("{when}: {text}"), span))
            }
            (when, text) => text.or(when),
        };
        push(&mut pairs, "description", description);
        push(&mut pairs, "bullets", self.highlights(&mut o, listed));
        Some(Value::Map(pairs, o.node.span.clone(), self.close(o)))
    }

    /// A OneLineEntry (`label: Languages`, `details: Go, Rust`) or a BulletEntry
    /// (`**Languages:** Go, Rust`) in a skills section is a skill group.
    fn skill_group(&mut self, mut o: Object<'_>, section: &str, section_span: &Span) -> Option<Value> {
        let span = o.node.span.clone();
        let (group, details) = match self.text(o.get("bullet")) {
            Some(Value::Text(bullet, at)) => {
                let plain = bullet.replace("**", "");
                match plain.split_once(':') {
                    Some((label, rest)) => {
                        (Value::Text(label.trim().into(), at.clone()), Value::Text(rest.trim().into(), at))
                    }
                    None => (Value::Text(section.into(), section_span.clone()), Value::Text(plain, at)),
                }
            }
            _ => {
                // RenderCV before 1.0 named the label `name`.
                let label = self.required_any(&mut o, &["label", "name"], "the group's name, e.g. `Languages`");
                let details = self.required(&mut o, "details", "the skills, e.g. `Go, Rust, SQL`");
                (label?, details?)
            }
        };
        let Value::Text(details, at) = details else { return None };
        let items: Vec<Value> = split_items(&details).into_iter().map(|item| Value::Text(item, at.clone())).collect();
        let items = as_list(items)?;
        Some(Value::Map(vec![("group", group), ("items", items)], span, self.close(o)))
    }

    /// Any other entry, as a custom section's entry.
    fn section_entry(&mut self, mut o: Object<'_>) -> Option<Value> {
        let span = o.node.span.clone();
        let mut pairs = Vec::new();
        let kind = kind(o.node);
        let title = match kind {
            Some(Kind::Experience) => self.required(&mut o, "position", "your role"),
            Some(Kind::Education) => self.required(&mut o, "institution", "the school's name"),
            Some(Kind::Publication) => self.required(&mut o, "title", "the publication's title"),
            Some(Kind::OneLine) => self.required_any(&mut o, &["label", "name"], "the entry's label"),
            Some(Kind::Bullet) => self.required(&mut o, "bullet", "the bullet's text"),
            Some(Kind::Numbered) => self.text(o.get("number")).or_else(|| self.text(o.get("reversed_number"))),
            _ => self.required(&mut o, "name", "the entry's name"),
        };
        let (title, link) = markdown_link(title?);
        pairs.push(("title", plain_markdown(title)));
        let subtitle = match kind {
            Some(Kind::Experience) => self.text(o.get("company")),
            Some(Kind::Education) => self.text(o.get("degree")).or_else(|| self.text(o.get("area"))),
            Some(Kind::Publication) => self.text(o.get("journal")),
            _ => None,
        };
        let dates = self.dates(&mut o);
        let subtitle = match (subtitle, dates.text) {
            (Some(Value::Text(s, at)), Some(Value::Text(when, _))) => Some(Value::Text(format!("{s}, {when}"), at)),
            (s, when) => s.or(when),
        };
        push(&mut pairs, "subtitle", subtitle.map(plain_markdown));
        push(&mut pairs, "location", self.text(o.get("location")).map(plain_markdown));
        push(&mut pairs, "start", dates.start);
        push(&mut pairs, "end", dates.end);
        push(&mut pairs, "date", dates.date);
        // A DOI is the publication's address.
        let doi = self.text(o.get("doi")).map(|doi| match doi {
            Value::Text(doi, at) => Value::Text(format!("https://doi.org/{doi}"), at),
            other => other,
        });
        push(&mut pairs, "url", doi.or_else(|| self.text(o.get("url"))).or(link));
        let authors = self.texts(o.get("authors")).map(|list| {
            let span = list.span();
            Value::Text(list_items(list).iter().filter_map(text_of).collect::<Vec<_>>().join(", "), span)
        });
        let details = self.text(o.get("details"));
        let (summary, listed) = self.summary(&mut o);
        let description = [authors, details, summary].into_iter().flatten().reduce(|a, b| match (a, b) {
            // `Bail, J.` ends its own sentence.
            (Value::Text(a, at), Value::Text(b, _)) if a.ends_with('.') => Value::Text(format!("{a} {b}"), at),
            (Value::Text(a, at), Value::Text(b, _)) => Value::Text(format!("{a}. {b}"), at),
            (a, _) => a,
        });
        push(&mut pairs, "description", description);
        push(&mut pairs, "bullets", self.highlights(&mut o, listed));
        Some(Value::Map(pairs, span, self.close(o)))
    }

    /// An entry's summary: its prose, and the items of a Markdown list in it.
    fn summary(&mut self, o: &mut Object<'_>) -> (Option<Value>, Vec<Value>) {
        let text = self.text(o.get("summary"));
        self.prose_and_items(text)
    }

    /// An entry's highlights, then the items its Markdown summary listed. A highlight's nested
    /// list (`Led the move\n  - to Kafka`) gives a bullet per item, after the highlight's own.
    fn highlights(&mut self, o: &mut Object<'_>, listed: Vec<Value>) -> Option<Value> {
        let written = self.texts(o.get("highlights")).map_or_else(Vec::new, list_items);
        let mut items = Vec::new();
        for item in written {
            let (prose, nested) = self.prose_and_items(Some(item));
            items.extend(prose);
            items.extend(nested);
        }
        items.extend(listed);
        as_list(items)
    }
}

/// `[rescc](https://github.com/x/rescc)` is the name `rescc` and its address.
fn markdown_link(value: Value) -> (Value, Option<Value>) {
    let Value::Text(text, span) = &value else { return (value, None) };
    let whole = text.strip_prefix('[').and_then(|rest| rest.split_once("](")).and_then(|(label, rest)| {
        let url = rest.strip_suffix(')')?;
        (!url.contains([' ', '('])).then(|| (label.to_string(), url.to_string()))
    });
    match whole {
        Some((label, url)) => (Value::Text(label, span.clone()), Some(Value::Text(url, span.clone()))),
        None => (value, None),
    }
}

/// `Go, Rust; SQL (Postgres, SQLite)` is `Go`, `Rust`, `SQL (Postgres, SQLite)`.
fn split_items(text: &str) -> Vec<String> {
    let (mut items, mut current, mut depth) = (Vec::new(), String::new(), 0usize);
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
        .into_iter()
        .map(|item| item.trim().trim_end_matches('.').trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

fn text_of(value: &Value) -> Option<String> {
    if let Value::Text(text, _) = value { Some(text.clone()) } else { None }
}

fn list_items(value: Value) -> Vec<Value> {
    if let Value::List(items, _) = value { items } else { vec![value] }
}

fn as_list(items: Vec<Value>) -> Option<Value> {
    let span = items.first()?.span();
    Some(Value::List(items, span))
}

/// A node standing for a value, to locate a note about it.
fn node_at(value: &Value) -> Node {
    value.to_node()
}

#[cfg(test)]
mod tests {
    use super::{split_items, title};

    #[test]
    fn section_keys_read_as_rendercv_shows_them() {
        assert_eq!(title("education_and_training"), "Education and Training");
        assert_eq!(title("experience"), "Experience");
        assert_eq!(title("Open Source"), "Open Source");
        assert_eq!(title("selectedProjects"), "selectedProjects");
    }

    #[test]
    fn skill_details_split_outside_parentheses() {
        assert_eq!(split_items("Go, Rust; SQL (Postgres, SQLite)."), ["Go", "Rust", "SQL (Postgres, SQLite)"]);
    }
}
