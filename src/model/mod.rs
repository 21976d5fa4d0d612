//! The resume as the user wrote it (schema v1), with spans for diagnostics.
//!
//! These types mirror the YAML closely; [`crate::ir`] turns them into the normalized document
//! that renderers read. Field names are the YAML keys.

use std::fmt;

use schemars::JsonSchema;

use crate::source::{Spanned, Text};

mod decode;
pub(crate) mod schema;

// The `schemars` attributes describe the YAML for editors (`rescc schema`); the decoder (`decode`)
// stays the authority, and tests check that the two agree on every fixture.

/// A whole resume.
#[derive(Debug, Clone, JsonSchema)]
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
    /// A few sentences naming your main technologies and a figure for the scale of your work
    /// (the JSON Schema states the guidance's count).
    pub summary: Option<Text>,
    /// Roles, newest first.
    #[schemars(default)]
    pub experience: Vec<Experience>,
    /// Skills grouped by capability, each backed by a bullet.
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
    #[schemars(default, schema_with = "schema::checks")]
    pub checks: Vec<(Text, Spanned<Level>)>,
}

impl Resume {
    /// The file the resume was read from (where its name is written; tailoring keeps the name).
    pub fn file(&self) -> &std::sync::Arc<crate::source::Source> {
        &self.name.span.source
    }
}

/// How to reach you.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Contact {
    /// An address you read daily, e.g. `priya.raman@example.com`.
    #[schemars(regex(pattern = crate::text::EMAIL_PATTERN))]
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
#[schemars(deny_unknown_fields, transform = schema::link_or_url)]
pub struct Link {
    /// What the link is, e.g. `LinkedIn`; the address is shown too.
    pub label: Option<Text>,
    /// The full address, e.g. `https://github.com/priyaraman`.
    #[schemars(regex(pattern = crate::text::URL_PATTERN))]
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
    /// A few short bullets, each starting with an action verb and carrying a figure.
    #[schemars(default)]
    pub bullets: Vec<Bullet>,
}

/// One bullet: plain text, or text with tags and a priority.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields, transform = schema::bullet_or_text)]
pub struct Bullet {
    /// An action verb, what you did, and a figure for the result.
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
    #[schemars(regex(pattern = crate::text::URL_PATTERN))]
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
    #[schemars(default, schema_with = "schema::gpa")]
    pub gpa: Option<Text>,
    /// Honours and distinctions.
    #[schemars(default)]
    pub honors: Vec<Text>,
    /// Courses relevant to the roles you apply for.
    #[schemars(default)]
    pub coursework: Vec<Text>,
    /// What you did there: a thesis, a project, a role in a society.
    #[schemars(default)]
    pub bullets: Vec<Bullet>,
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
    #[schemars(regex(pattern = crate::text::URL_PATTERN))]
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
    #[schemars(regex(pattern = crate::text::URL_PATTERN))]
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
    #[schemars(default, schema_with = "schema::template")]
    pub template: Option<Text>,
    /// `letter` or `a4`.
    pub paper: Option<Spanned<Paper>>,
    /// The font family, e.g. `Carlito` (metric-compatible with Calibri).
    pub font: Option<Text>,
    /// Body text size in points, 10 to 11.
    #[schemars(default, schema_with = "schema::font_size")]
    pub font_size: Option<Spanned<f64>>,
    /// Page margins, within the guidance's bounds, e.g. `0.75in`.
    pub margins: Option<Spanned<Length>>,
    /// The page limit; by default from the years of experience.
    pub max_pages: Option<Spanned<i64>>,
    /// The order of the sections.
    #[schemars(default, schema_with = "schema::order")]
    pub order: Option<Spanned<Vec<Text>>>,
    /// The built-in layout whose look a custom layout's DOCX takes (`classic` by default).
    pub docx: Option<Text>,
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

impl Level {
    /// The word `checks:` uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Off => "off",
        }
    }
}

/// The section keys `layout.order` may name, in the default order.
pub const SECTION_KEYS: &[&str] =
    &["summary", "experience", "skills", "projects", "education", "certifications", "sections"];

/// Years a resume's dates may name.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Full month names: a letter's date, and dates people write out.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        Date::read(text).ok()
    }

    /// Like [`Date::parse`], saying which part is wrong when the shape is right (`3017-05`,
    /// `2021-13`, `2024-02-30`); `None` when it is not shaped like a date at all.
    pub fn read(text: &str) -> Result<Date, Option<String>> {
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let shaped = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shaped {
            return Err(None);
        }
        let year: i32 = parts[0].parse().map_err(|_| None)?;
        if !YEARS.contains(&year) {
            return Err(Some(format!("the year {year} is outside {}–{}", YEARS.start(), YEARS.end())));
        }
        let month = parts.get(1).and_then(|m| two_digits(m));
        if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
            return Err(Some(format!("there is no month {m}; months run from 01 to 12")));
        }
        let day = parts.get(2).and_then(|d| two_digits(d));
        if let (Some(m), Some(d)) = (month, day) {
            let month = time::Month::try_from(m).map_err(|_| None)?;
            let last = time::util::days_in_month(month, year);
            if d == 0 || d > last {
                return Err(Some(format!("{month} {year} has no day {d}; it has {last} days")));
            }
        }
        Ok(Date { year, month, day })
    }

    /// Months since year 0, taking a missing month as January (or December for an end).
    pub fn months(&self, as_end: bool) -> i32 {
        let month = self.month.map_or(if as_end { 12 } else { 1 }, i32::from);
        self.year * 12 + month - 1
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

/// `3.7/4.0` -> (3.7, 4.0); a bare number is on a 4.0 scale.
pub fn parse_gpa(text: &str) -> Option<(f64, f64)> {
    let (value, scale) = match text.split_once('/') {
        Some((v, s)) => (v.trim().parse::<f64>().ok()?, s.trim().parse::<f64>().ok()?),
        None => (text.trim().parse::<f64>().ok()?, 4.0),
    };
    (value.is_finite() && scale > 0.0 && value >= 0.0 && value <= scale).then_some((value, scale))
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
