//! The resume as the user wrote it (schema v1), with spans for diagnostics.
//!
//! These types mirror the YAML closely; [`crate::ir`] turns them into the normalized document
//! that renderers read. Field names are the YAML keys.

use std::fmt;

use schemars::JsonSchema;

use crate::decode::{Decode, Decoder, Spanned, Text, scalar};
use crate::source::Node;

// The `schemars` attributes describe the YAML for editors (`rescc schema`); the decoder below
// stays the authority, and tests check that the two agree on every fixture.

/// A whole resume.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Resume {
    /// Your name as it should appear at the top of the resume.
    #[schemars(length(min = 1))]
    pub name: Text,
    /// One line under the name: the role you are applying for, e.g. `Backend Developer`.
    pub headline: Option<Text>,
    /// How to reach you.
    #[schemars(default)]
    pub contact: Contact,
    /// 2–3 sentences naming your main technologies and a figure for the scale of your work.
    pub summary: Option<Text>,
    /// Roles, newest first.
    #[schemars(default)]
    pub experience: Vec<Experience>,
    /// Skills grouped by capability; about 10–15 in all, each backed by a bullet.
    #[schemars(default)]
    pub skills: Vec<SkillGroup>,
    /// Side projects and open source work.
    #[schemars(default)]
    pub projects: Vec<Project>,
    /// Degrees and schools, newest first.
    #[schemars(default)]
    pub education: Vec<Education>,
    /// Certifications, newest first.
    #[schemars(default)]
    pub certifications: Vec<Certification>,
    /// Any further section (Open Source, Awards, Languages...).
    #[schemars(default)]
    pub sections: Vec<CustomSection>,
    /// Page and type settings.
    #[schemars(default)]
    pub layout: Layout,
    /// Severity per guidance rule: `error`, `warning` or `off`.
    #[schemars(default, schema_with = "crate::schema::checks")]
    pub checks: Vec<(Text, Spanned<Level>)>,
}

/// How to reach you.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Contact {
    /// An address you read daily, e.g. `priya.raman@example.com`.
    #[schemars(regex(pattern = crate::schema::EMAIL_PATTERN))]
    pub email: Option<Text>,
    /// A phone number with its country code; quote it: `"+44 7700 900123"`.
    pub phone: Option<Text>,
    /// City and country; no street address.
    pub location: Option<Text>,
    /// Profiles and portfolio: a URL, or `{label, url}`; a GitHub link is recommended.
    #[schemars(default)]
    pub links: Vec<Link>,
}

/// A URL, optionally labelled (`{label, url}`).
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::link_or_url)]
pub struct Link {
    /// What the link is, e.g. `LinkedIn`; the address is shown too.
    pub label: Option<Text>,
    /// The full address, e.g. `https://github.com/priyaraman`.
    #[schemars(regex(pattern = crate::schema::URL_PATTERN))]
    pub url: Text,
}

/// A role.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Experience {
    /// The employer.
    pub company: Text,
    /// Your job title there.
    pub role: Text,
    /// City and country, if it helps.
    pub location: Option<Text>,
    /// When you started.
    pub start: Spanned<Date>,
    /// When you left; omit it, or write `present`, for a current role.
    pub end: Option<Spanned<End>>,
    /// One line on what the company or team does and its scale.
    pub context: Option<Text>,
    /// 3–5 bullets of 12–20 words, each starting with an action verb and carrying a figure.
    #[schemars(default)]
    pub bullets: Vec<Bullet>,
}

/// One bullet: plain text, or text with tags and a priority.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::bullet_or_text)]
pub struct Bullet {
    /// 12–20 words: an action verb, what you did, and a figure for the result.
    pub text: Text,
    /// Job tags this bullet supports; a job file keeps untagged bullets and those with its tags.
    #[schemars(default)]
    pub tags: Vec<Text>,
    /// Higher comes first when a tailored resume must drop bullets.
    pub priority: Option<Spanned<i64>>,
}

/// A group of skills under one capability.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SkillGroup {
    /// The capability, e.g. `Languages` or `Cloud and Infrastructure`.
    pub group: Text,
    /// The skills, each one you could discuss in an interview.
    pub items: Vec<Text>,
}

/// A side project or open source work.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Project {
    /// The project's name.
    pub name: Text,
    /// Where to see it, e.g. its repository.
    #[schemars(regex(pattern = crate::schema::URL_PATTERN))]
    pub url: Option<Text>,
    /// When you started it.
    pub start: Option<Spanned<Date>>,
    /// When it ended, or `present`.
    pub end: Option<Spanned<End>>,
    /// One line on what it is.
    pub description: Option<Text>,
    /// What you built and what came of it, with figures.
    #[schemars(default)]
    pub bullets: Vec<Bullet>,
}

/// A degree or school.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Education {
    /// The university or school.
    pub institution: Text,
    /// The degree, e.g. `BSc Computer Science`.
    pub degree: Option<Text>,
    /// City and country.
    pub location: Option<Text>,
    /// When you started.
    pub start: Option<Spanned<Date>>,
    /// When you graduated (or expect to).
    pub end: Option<Spanned<End>>,
    /// Grade point average, e.g. `"3.7/4.0"`; show it only when 3.5/4.0 or above.
    #[schemars(default, schema_with = "crate::schema::gpa")]
    pub gpa: Option<Text>,
    /// Honours and distinctions.
    #[schemars(default)]
    pub honors: Vec<Text>,
    /// Courses relevant to the roles you apply for.
    #[schemars(default)]
    pub coursework: Vec<Text>,
}

/// A certification.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Certification {
    /// Its full name, e.g. `AWS Certified Developer – Associate`.
    pub name: Text,
    /// Who issued it.
    pub issuer: Option<Text>,
    /// When you earned it.
    pub date: Option<Spanned<Date>>,
    /// Where it can be verified.
    #[schemars(regex(pattern = crate::schema::URL_PATTERN))]
    pub url: Option<Text>,
}

/// Any further section (Open Source, Awards, Languages...).
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CustomSection {
    /// The section heading, e.g. `Open Source`.
    pub title: Text,
    /// The section's entries.
    #[schemars(default)]
    pub entries: Vec<CustomEntry>,
}

/// An entry in a further section.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CustomEntry {
    /// The entry's title, e.g. a project, award or language.
    pub title: Text,
    /// A second line, e.g. your role or the awarding body.
    pub subtitle: Option<Text>,
    /// City and country.
    pub location: Option<Text>,
    /// When it started.
    pub start: Option<Spanned<Date>>,
    /// When it ended, or `present`.
    pub end: Option<Spanned<End>>,
    /// A single date, for an award or a publication.
    pub date: Option<Spanned<Date>>,
    /// Where to see it.
    #[schemars(regex(pattern = crate::schema::URL_PATTERN))]
    pub url: Option<Text>,
    /// One line on what it is.
    pub description: Option<Text>,
    /// What you did, with figures.
    #[schemars(default)]
    pub bullets: Vec<Bullet>,
}

/// Page and type settings; absent values take the layout's defaults.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Layout {
    /// A built-in layout (`rescc layouts`), or a path to a `.typ` file relative to the resume.
    #[schemars(default, schema_with = "crate::schema::template")]
    pub template: Option<Text>,
    /// `letter` or `a4`.
    pub paper: Option<Spanned<Paper>>,
    /// The font family, e.g. `Carlito` (metric-compatible with Calibri).
    pub font: Option<Text>,
    /// Body text size in points, 10 to 11.
    #[schemars(default, schema_with = "crate::schema::font_size")]
    pub font_size: Option<Spanned<f64>>,
    /// Page margins, 0.5in to 1in, e.g. `0.75in`.
    pub margins: Option<Spanned<Length>>,
    /// 1 or 2; by default one page below 8 years of experience, else two.
    #[schemars(range(min = 1, max = 2))]
    pub max_pages: Option<Spanned<i64>>,
    /// The order of the sections.
    #[schemars(default, schema_with = "crate::schema::order")]
    pub order: Option<Spanned<Vec<Text>>>,
}

/// A calendar date with optional month and day, as written (`2022`, `2022-03`, `2022-03-14`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// The end of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Present,
    Date(Date),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Letter,
    A4,
}

/// A length in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    pub pt: f64,
}

/// A rule's configured severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// The section keys `layout.order` may name, in the default order.
pub const SECTION_KEYS: &[&str] =
    &["summary", "experience", "skills", "projects", "education", "certifications", "sections"];

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse::<i32>().ok()?;
        let month = match parts.next() {
            Some(m) => Some(two_digits(m).filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(two_digits(d)?),
            None => None,
        };
        if parts.next().is_some() || (day.is_some() && month.is_none()) || !(1900..=2200).contains(&year) {
            return None;
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = time::util::days_in_month(time::Month::try_from(m).ok()?, year);
            if d == 0 || d > last {
                return None;
            }
        }
        Some(Date { year, month, day })
    }

    /// Months since year 0, taking a missing month as January (or December for an end).
    pub fn months(&self, as_end: bool) -> i32 {
        let month = self.month.map_or(if as_end { 12 } else { 1 }, i32::from);
        self.year * 12 + month - 1
    }

    /// Today's date in UTC.
    pub fn today() -> Date {
        let now = time::OffsetDateTime::now_utc();
        Date { year: now.year(), month: Some(now.month() as u8), day: Some(now.day()) }
    }
}

fn two_digits(text: &str) -> Option<u8> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) { text.parse().ok() } else { None }
}

impl fmt::Display for Date {
    /// `Mar 2022`, or `2022` when no month was given.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{} {}", MONTHS[usize::from(m) - 1], self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

impl End {
    pub fn date(&self) -> Option<Date> {
        match self {
            End::Present => None,
            End::Date(d) => Some(*d),
        }
    }
}

impl Length {
    /// Parses `0.75in`, `2cm`, `18mm` or `54pt`.
    pub fn parse(text: &str) -> Option<Length> {
        let text = text.trim();
        let split = text.find(|c: char| c.is_ascii_alphabetic())?;
        let (number, unit) = text.split_at(split);
        let value = number.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
        let per_unit = match unit {
            "in" => 72.0,
            "cm" => 72.0 / 2.54,
            "mm" => 72.0 / 25.4,
            "pt" => 1.0,
            _ => return None,
        };
        Some(Length { pt: value * per_unit })
    }

    pub fn inches(&self) -> f64 {
        self.pt / 72.0
    }
}

impl Paper {
    /// The paper's name as Typst knows it.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::Letter => "us-letter",
            Paper::A4 => "a4",
        }
    }
}

// ---- decoding ----------------------------------------------------------------------------

const DATE_HELP: &str = "write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, e.g. `2022-03`";

impl Decode for Date {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let text = scalar(node).unwrap_or_default();
        let date = Date::parse(text);
        if date.is_none() {
            let message = if scalar(node).is_some() {
                format!("`{text}` is not a date")
            } else {
                format!("expected a date, found {}", node.describe())
            };
            d.error(node.span.clone(), message, DATE_HELP);
        }
        date
    }
}

impl Decode for End {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        if scalar(node).is_some_and(|s| s.eq_ignore_ascii_case("present")) {
            return Some(End::Present);
        }
        let date = Date::parse(scalar(node).unwrap_or_default());
        if date.is_none() {
            let text = scalar(node).unwrap_or_default();
            d.error(
                node.span.clone(),
                format!("`{text}` is not a date or `present`"),
                DATE_HELP.to_string() + ", or `present`",
            );
        }
        date.map(End::Date)
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
        let name = d.req(&f, "name").unwrap_or_else(|| Spanned::new(String::new(), node.span.start..node.span.start));
        let checks = match f.get("checks") {
            Some(node) => decode_checks(node, d),
            None => Vec::new(),
        };
        Some(Resume {
            name,
            headline: d.opt(&f, "headline"),
            contact: d.opt(&f, "contact").unwrap_or_default(),
            summary: d.opt(&f, "summary"),
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

/// `checks:` maps rule ids to severities; unknown ids get a hint.
fn decode_checks(node: &Node, d: &mut Decoder) -> Vec<(Text, Spanned<Level>)> {
    let ids: Vec<&str> = crate::rules::RULES.iter().map(|r| r.id).collect();
    let Some(f) = d.fields(node, "checks", &ids) else { return Vec::new() };
    ids.iter()
        .filter_map(|id| {
            let value = f.get(id)?;
            let key = Spanned::new(id.to_string(), value.span.clone());
            Some((key, Spanned::<Level>::decode(value, d)?))
        })
        .collect()
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
        if scalar(node).is_some() {
            return Some(Bullet { text: Text::decode(node, d)?, tags: Vec::new(), priority: None });
        }
        let f = d.fields(node, "bullet", &["text", "tags", "priority"])?;
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
            &["institution", "degree", "location", "start", "end", "gpa", "honors", "coursework"],
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
        let f =
            d.fields(node, "layout", &["template", "paper", "font", "font_size", "margins", "max_pages", "order"])?;
        Some(Layout {
            template: d.opt(&f, "template"),
            paper: d.opt(&f, "paper"),
            font: d.opt(&f, "font"),
            font_size: d.opt(&f, "font_size"),
            margins: d.opt(&f, "margins"),
            max_pages: d.opt(&f, "max_pages"),
            order: d.opt(&f, "order"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2022-03").unwrap().to_string(), "Mar 2022");
        assert_eq!(Date::parse("2010").unwrap().to_string(), "2010");
        assert!(Date::parse("2024-02-29").is_some());
        for bad in ["2023-02-29", "2022-13", "2022-3", "March 2022", "22-03", "2022-03-01-02", ""] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn lengths() {
        assert_eq!(Length::parse("0.75in").unwrap().pt, 54.0);
        assert!((Length::parse("2.54cm").unwrap().inches() - 1.0).abs() < 1e-9);
        assert!(Length::parse("2furlongs").is_none());
        assert!(Length::parse("0.75").is_none());
    }
}
