//! Decoding the resume from its YAML tree: every type in a few lines with [`Decoder::fields`],
//! which reports unknown and duplicate keys; every problem is collected, none stops the others.

use super::*;
use crate::decode::{Decode, Decoder, is_colon_text, scalar};
use crate::source::{Spanned, Text};
use crate::yaml::{Node, NodeKind};

const DATE_HELP: &str = "write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, e.g. `2022-03`";

impl Decode for Date {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        read_date(node, d, false)
    }
}

impl Decode for End {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        if scalar(node).is_some_and(|s| s.eq_ignore_ascii_case("present")) {
            return Some(End::Present);
        }
        read_date(node, d, true).map(End::Date)
    }
}

/// A date, or an error saying what is wrong with it: which part, when the shape is right.
fn read_date(node: &Node, d: &mut Decoder, end: bool) -> Option<Date> {
    let Some(text) = scalar(node) else {
        d.expected(node, "a date", DATE_HELP);
        return None;
    };
    let or_present = if end { " or `present`" } else { "" };
    match Date::read(text) {
        Ok(date) => Some(date),
        Err(Some(reason)) => {
            d.error(node.span.clone(), format!("`{text}` is not a date: {reason}"), "check the digits of this date");
            None
        }
        Err(None) => {
            d.error(
                node.span.clone(),
                format!("`{text}` is not a date{or_present}"),
                format!("{DATE_HELP}{}", if end { ", or `present`" } else { "" }),
            );
            None
        }
    }
}

impl Decode for Paper {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match scalar(node).map(str::to_ascii_lowercase).as_deref() {
            Some("letter" | "us-letter") => Some(Paper::Letter),
            Some("a4") => Some(Paper::A4),
            _ => {
                let text = scalar(node).unwrap_or_default();
                d.error(node.span.clone(), format!("unknown paper size `{text}`"), "use `letter` or `a4`");
                None
            }
        }
    }
}

impl Decode for Length {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let text = scalar(node).unwrap_or_default();
        let length = Length::parse(text);
        if length.is_none() {
            d.error(
                node.span.clone(),
                format!("`{text}` is not a length"),
                "write a number with a unit: `in`, `cm`, `mm` or `pt`, e.g. `0.75in`",
            );
        }
        length
    }
}

impl Decode for Level {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match scalar(node) {
            Some("error") => Some(Level::Error),
            Some("warning" | "warn") => Some(Level::Warning),
            Some("off" | "false") => Some(Level::Off),
            other => {
                let text = other.unwrap_or_default();
                d.error(node.span.clone(), format!("unknown severity `{text}`"), "use `error`, `warning` or `off`");
                None
            }
        }
    }
}

impl Decode for Resume {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(
            node,
            "the resume",
            &[
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
            ],
        )?;
        let name = d.req(&f, "name").unwrap_or_else(|| Spanned::new(String::new(), node.span.at_start()));
        let checks = match f.get("checks") {
            Some(node) => decode_checks(node, d),
            None => Vec::new(),
        };
        Some(Resume {
            name,
            headline: d.opt(&f, "headline"),
            contact: d.opt(&f, "contact").unwrap_or_default(),
            summary: d.opt(&f, "summary").map(|summary| with_list_lines(summary, f.get("summary"))),
            experience: d.list(&f, "experience"),
            skills: d.list(&f, "skills"),
            projects: d.list(&f, "projects"),
            education: d.list(&f, "education"),
            certifications: d.list(&f, "certifications"),
            sections: d.list(&f, "sections"),
            layout: d.opt(&f, "layout").unwrap_or_default(),
            checks,
        })
    }
}

/// `checks:` maps rule ids to severities. Which ids exist, and which severities each rule can
/// honour, is the rule registry's to say (`rules::check_settings`); here each key is read once.
fn decode_checks(node: &Node, d: &mut Decoder) -> Vec<(Text, Spanned<Level>)> {
    let NodeKind::Map(pairs) = &node.kind else {
        d.expected(node, "a mapping (checks)", "write one `rule-id: error|warning|off` per line");
        return Vec::new();
    };
    let mut checks: Vec<(Text, Spanned<Level>)> = Vec::new();
    for (key, value) in pairs {
        let Some(id) = scalar(key) else {
            d.expected(key, "a rule id", "keys are rule ids such as `bullet-length:`");
            continue;
        };
        if checks.iter().any(|(seen, _)| seen.value == id) {
            d.error(
                key.span.clone(),
                format!("duplicate key `{id}` in checks"),
                "remove one of them: YAML would silently keep only the last",
            );
            continue;
        }
        let id = Spanned::new(id.to_string(), key.span.clone());
        if value.is_null() {
            continue;
        }
        if let Some(level) = Spanned::<Level>::decode(value, d) {
            checks.push((id, level));
        }
    }
    checks
}

impl Decode for Contact {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(node, "contact", &["email", "phone", "location", "links"])?;
        Some(Contact {
            email: d.opt(&f, "email"),
            phone: d.opt(&f, "phone"),
            location: d.opt(&f, "location"),
            links: d.list(&f, "links"),
        })
    }
}

impl Decode for Link {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        if scalar(node).is_some() {
            return Some(Link { label: None, url: Text::decode(node, d)? });
        }
        let f = d.fields(node, "link", &["label", "url"])?;
        Some(Link { label: d.opt(&f, "label"), url: d.req(&f, "url")? })
    }
}

impl Decode for Experience {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f =
            d.fields(node, "experience entry", &["company", "role", "location", "start", "end", "context", "bullets"])?;
        let (company, role, start) = (d.req(&f, "company"), d.req(&f, "role"), d.req(&f, "start"));
        let (location, end, context, bullets) =
            (d.opt(&f, "location"), d.opt(&f, "end"), d.opt(&f, "context"), d.list(&f, "bullets"));
        Some(Experience { company: company?, role: role?, location, start: start?, end, context, bullets })
    }
}

impl Decode for Bullet {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        const KEYS: &[&str] = &["text", "tags", "priority"];
        if is_colon_text(node, KEYS) {
            d.colon_text(node, "this bullet");
            return None;
        }
        if scalar(node).is_some() {
            return Some(Bullet { text: Text::decode(node, d)?, tags: Vec::new(), priority: None });
        }
        let f = d.fields(node, "bullet", KEYS)?;
        let text = d.req(&f, "text");
        let (tags, priority) = (d.list(&f, "tags"), d.opt(&f, "priority"));
        Some(Bullet { text: text?, tags, priority })
    }
}

impl Decode for SkillGroup {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(node, "skill group", &["group", "items"])?;
        let group = d.req(&f, "group");
        let items = d.req(&f, "items");
        Some(SkillGroup { group: group?, items: items? })
    }
}

impl Decode for Project {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(node, "project", &["name", "url", "start", "end", "description", "bullets"])?;
        let name = d.req(&f, "name");
        Some(Project {
            name: name?,
            url: d.opt(&f, "url"),
            start: d.opt(&f, "start"),
            end: d.opt(&f, "end"),
            description: d.opt(&f, "description"),
            bullets: d.list(&f, "bullets"),
        })
    }
}

impl Decode for Education {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(
            node,
            "education entry",
            &["institution", "degree", "location", "start", "end", "gpa", "honors", "coursework", "bullets"],
        )?;
        let institution = d.req(&f, "institution");
        Some(Education {
            institution: institution?,
            degree: d.opt(&f, "degree"),
            location: d.opt(&f, "location"),
            start: d.opt(&f, "start"),
            end: d.opt(&f, "end"),
            gpa: d.opt(&f, "gpa"),
            honors: d.list(&f, "honors"),
            coursework: d.list(&f, "coursework"),
            bullets: d.list(&f, "bullets"),
        })
    }
}

impl Decode for Certification {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(node, "certification", &["name", "issuer", "date", "url"])?;
        let name = d.req(&f, "name");
        Some(Certification { name: name?, issuer: d.opt(&f, "issuer"), date: d.opt(&f, "date"), url: d.opt(&f, "url") })
    }
}

impl Decode for CustomSection {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(node, "section", &["title", "entries"])?;
        let title = d.req(&f, "title");
        let entries = d.list(&f, "entries");
        Some(CustomSection { title: title?, entries })
    }
}

impl Decode for CustomEntry {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(
            node,
            "section entry",
            &["title", "subtitle", "location", "start", "end", "date", "url", "description", "bullets"],
        )?;
        let title = d.req(&f, "title");
        Some(CustomEntry {
            title: title?,
            subtitle: d.opt(&f, "subtitle"),
            location: d.opt(&f, "location"),
            start: d.opt(&f, "start"),
            end: d.opt(&f, "end"),
            date: d.opt(&f, "date"),
            url: d.opt(&f, "url"),
            description: d.opt(&f, "description"),
            bullets: d.list(&f, "bullets"),
        })
    }
}

impl Decode for Layout {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(
            node,
            "layout",
            &["template", "paper", "font", "font_size", "margins", "max_pages", "order", "docx"],
        )?;
        Some(Layout {
            template: d.opt(&f, "template"),
            paper: d.opt(&f, "paper"),
            font: d.opt(&f, "font"),
            font_size: d.opt(&f, "font_size"),
            margins: d.opt(&f, "margins"),
            max_pages: d.opt(&f, "max_pages"),
            order: d.opt(&f, "order"),
            docx: d.opt(&f, "docx"),
        })
    }
}

/// A summary holding a Markdown list keeps each item on a line of its own, after its prose: the
/// items would otherwise run on as one line with dashes in it.
fn with_list_lines(mut summary: Text, node: Option<&Node>) -> Text {
    if let Some(raw) = node.and_then(scalar)
        && let Some((prose, items)) = crate::text::markdown_list(raw)
    {
        let prose = crate::decode::normalize_text(&prose.join(" "));
        let lines = items.iter().map(|item| crate::decode::normalize_text(item));
        summary.value = std::iter::once(prose).filter(|p| !p.is_empty()).chain(lines).collect::<Vec<_>>().join("\n");
    }
    summary
}
