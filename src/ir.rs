//! The normalized document every renderer reads.
//!
//! Dates are formatted, inline markup is parsed into spans, links carry the address they show,
//! sections are ordered and layout settings are resolved. The IR also owns the reading order:
//! [`Entry::fields`] yields an entry's fields in the order every output shows them, and the
//! Typst data, the DOCX, text and Markdown renderers and the read-back all follow it. Renderers
//! only place what is here, so the PDF, the DOCX and the text outputs cannot disagree.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::guidance::{self, PAGES};
use crate::layouts;
use crate::model::{self, Date, End, Paper, Resume, SECTION_KEYS};
use crate::source::{Span, Text};

/// A resume ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub style: Style,
    pub name: String,
    pub headline: Option<String>,
    /// Email, phone, location, then links: each one piece of text.
    pub contact: Vec<Inline>,
    pub sections: Vec<Section>,
    /// What a cover letter holds below the header; a letter has no sections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<Letter>,
    /// How many contact items each line of the typeset contact line holds, as the layout wrapped
    /// it (empty until typeset, or when a layout does not say): the DOCX breaks at the same items.
    #[serde(skip)]
    pub contact_lines: Vec<usize>,
}

/// A cover letter's text below the shared header, in reading order.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub date: String,
    /// The recipient block: the person, the team, the company; a line each.
    pub recipient: Vec<String>,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<Rich>,
    pub closing: String,
    /// The name under the closing.
    pub signature: String,
}

impl Letter {
    /// Every printed line, in reading order, as plain text.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.date.clone()];
        lines.extend(self.recipient.iter().cloned());
        lines.extend([self.subject.clone(), self.greeting.clone()]);
        lines.extend(self.paragraphs.iter().map(|p| plain_text(p)));
        lines.extend([self.closing.clone(), self.signature.clone()]);
        lines
    }
}

/// PDF and DOCX metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub keywords: Vec<String>,
}

/// Resolved layout settings (what the layout must apply, in points).
#[derive(Debug, Clone, Serialize)]
pub struct Style {
    pub template: String,
    /// The built-in layout whose look the DOCX takes: the template itself, or for a custom one
    /// its `layout.docx` (classic by default).
    pub docx: String,
    pub paper: &'static str,
    pub font: String,
    pub font_size: f64,
    pub margins: f64,
    /// Multiplier on paragraph and section spacing (1 = the layout's default).
    pub spacing: f64,
    pub max_pages: u8,
}

/// One section, already in its place.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `summary`, `experience`..., or `custom`.
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub body: Body,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Body {
    Text { text: Rich },
    Entries { entries: Vec<Entry> },
    Skills { groups: Vec<SkillLine> },
}

/// A role, project, school, certification or custom entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub title: String,
    pub org: Option<String>,
    pub link: Option<Inline>,
    pub dates: Option<String>,
    pub location: Option<String>,
    pub description: Option<Rich>,
    pub bullets: Vec<Bullet>,
    pub details: Vec<Detail>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bullet {
    pub text: Rich,
    /// Where the bullet was written, for reports that name it.
    #[serde(skip)]
    pub span: Span,
}

/// A labelled line under an entry (`GPA: 3.7/4.0`).
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillLine {
    pub name: String,
    pub items: Vec<String>,
}

/// Text with inline formatting.
pub type Rich = Vec<Inline>;

/// A run of text; `link` is the target when the run is an address.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Inline {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl Inline {
    fn plain(text: impl Into<String>) -> Self {
        Inline { text: text.into(), ..Inline::default() }
    }

    /// A link that shows its address (`github.com/priyaraman`).
    pub fn address(url: &str) -> Self {
        Inline { text: display_url(url), link: Some(crate::text::link_target(url)), ..Inline::default() }
    }
}

/// What a field of an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Org,
    Link,
    Dates,
    Location,
    Description,
    Bullet,
    Detail,
}

impl Role {
    /// The order every output shows an entry's fields in: the title, organisation and link, then
    /// the dates and location, the description, the details (GPA, honours) and the bullets.
    pub const READING_ORDER: [Role; 8] = [
        Role::Title,
        Role::Org,
        Role::Link,
        Role::Dates,
        Role::Location,
        Role::Description,
        Role::Detail,
        Role::Bullet,
    ];

    /// The key the layouts read the field under in `/resume.json`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Org => "org",
            Role::Link => "link",
            Role::Dates => "dates",
            Role::Location => "location",
            Role::Description => "description",
            Role::Bullet => "bullets",
            Role::Detail => "details",
        }
    }

    /// The printed line the field is on: the title line and the dates line each hold several
    /// fields (separated by ` · `); a description, a bullet and a detail are lines of their own.
    pub fn line(self) -> Line {
        match self {
            Role::Title | Role::Org | Role::Link => Line::Title,
            Role::Dates | Role::Location => Line::Dates,
            Role::Description => Line::Description,
            Role::Bullet => Line::Bullet,
            Role::Detail => Line::Detail,
        }
    }
}

/// A printed line of an entry (see [`Role::line`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Title,
    Dates,
    Description,
    Bullet,
    Detail,
}

/// One field of an entry, borrowed from it.
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    Title(&'a str),
    Org(&'a str),
    Link(&'a Inline),
    Dates(&'a str),
    Location(&'a str),
    Description(&'a Rich),
    Bullet(&'a Bullet),
    Detail(&'a Detail),
}

impl Field<'_> {
    pub fn role(&self) -> Role {
        match self {
            Field::Title(_) => Role::Title,
            Field::Org(_) => Role::Org,
            Field::Link(_) => Role::Link,
            Field::Dates(_) => Role::Dates,
            Field::Location(_) => Role::Location,
            Field::Description(_) => Role::Description,
            Field::Bullet(_) => Role::Bullet,
            Field::Detail(_) => Role::Detail,
        }
    }
}

impl Entry {
    /// The entry's fields, in reading order; absent ones are left out.
    pub fn fields(&self) -> Vec<Field<'_>> {
        let mut out = Vec::new();
        for role in Role::READING_ORDER {
            match role {
                Role::Title => out.push(Field::Title(&self.title)),
                Role::Org => out.extend(self.org.as_deref().map(Field::Org)),
                Role::Link => out.extend(self.link.as_ref().map(Field::Link)),
                Role::Dates => out.extend(self.dates.as_deref().map(Field::Dates)),
                Role::Location => out.extend(self.location.as_deref().map(Field::Location)),
                Role::Description => out.extend(self.description.as_ref().map(Field::Description)),
                Role::Bullet => out.extend(self.bullets.iter().map(Field::Bullet)),
                Role::Detail => out.extend(self.details.iter().map(Field::Detail)),
            }
        }
        out
    }

    /// The fields grouped into printed lines, in reading order.
    pub fn lines(&self) -> Vec<(Line, Vec<Field<'_>>)> {
        let mut lines: Vec<(Line, Vec<Field>)> = Vec::new();
        for field in self.fields() {
            let line = field.role().line();
            match lines.last_mut() {
                Some((last, fields)) if *last == line && matches!(line, Line::Title | Line::Dates) => {
                    fields.push(field)
                }
                _ => lines.push((line, vec![field])),
            }
        }
        lines
    }
}

/// The Typst data: every field under its key, in reading order, `null` when absent.
impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Role::READING_ORDER.len()))?;
        for role in Role::READING_ORDER {
            let key = role.key();
            match role {
                Role::Title => map.serialize_entry(key, &self.title)?,
                Role::Org => map.serialize_entry(key, &self.org)?,
                Role::Link => map.serialize_entry(key, &self.link)?,
                Role::Dates => map.serialize_entry(key, &self.dates)?,
                Role::Location => map.serialize_entry(key, &self.location)?,
                Role::Description => map.serialize_entry(key, &self.description)?,
                Role::Bullet => map.serialize_entry(key, &self.bullets)?,
                Role::Detail => map.serialize_entry(key, &self.details)?,
            }
        }
        map.end()
    }
}

/// Plain text of rich text.
pub fn plain_text(rich: &[Inline]) -> String {
    rich.iter().map(|i| i.text.as_str()).collect()
}

/// Section titles as ATS expect them.
pub fn default_title(key: &str) -> &'static str {
    match key {
        "summary" => "Summary",
        "experience" => "Experience",
        "skills" => "Skills",
        "projects" => "Projects",
        "education" => "Education",
        "certifications" => "Certifications",
        _ => "",
    }
}

/// Default layout values.
pub const DEFAULT_FONT: &str = "Carlito";
pub const DEFAULT_FONT_SIZE: f64 = 10.5;
pub const DEFAULT_MARGINS_PT: f64 = 54.0;

/// Builds the document. `today` resolves `present` for the default page limit.
pub fn build(resume: &Resume, today: Date) -> Document {
    let layout = &resume.layout;
    let max_pages = match &layout.max_pages {
        Some(pages) => pages.value.clamp(i64::from(*PAGES.start()), i64::from(*PAGES.end())) as u8,
        None if experience_months(resume, today) >= guidance::SENIOR_YEARS * 12 => *PAGES.end(),
        None => *PAGES.start(),
    };
    let template = layout.template.as_ref().map_or(layouts::DEFAULT.to_string(), |t| t.value.clone());
    let docx = match (&layout.docx, layouts::builtin(&template)) {
        (Some(look), _) => look.value.clone(),
        (None, Some(builtin)) => builtin.name.to_string(),
        (None, None) => layouts::DEFAULT.to_string(),
    };
    let style = Style {
        template,
        docx,
        paper: layout.paper.as_ref().map_or(Paper::Letter, |p| p.value).typst_name(),
        font: layout.font.as_ref().map_or(DEFAULT_FONT.to_string(), |f| f.value.clone()),
        font_size: layout.font_size.as_ref().map_or(DEFAULT_FONT_SIZE, |s| s.value),
        margins: layout.margins.as_ref().map_or(DEFAULT_MARGINS_PT, |m| m.pt),
        spacing: 1.0,
        max_pages,
    };
    let keywords = resume.skills.iter().flat_map(|g| &g.items).map(|s| s.value.clone()).collect();
    let title = match &resume.headline {
        Some(headline) => format!("{} – {}", resume.name.value, headline.value),
        None => format!("{} – Resume", resume.name.value),
    };
    Document {
        meta: Meta { title, author: resume.name.value.clone(), keywords },
        style,
        name: resume.name.value.clone(),
        headline: resume.headline.as_ref().map(|h| h.value.clone()),
        contact: contact(&resume.contact),
        contact_lines: Vec::new(),
        sections: order(resume).into_iter().flat_map(|key| sections(resume, key)).collect(),
        letter: None,
    }
}

fn contact(contact: &model::Contact) -> Vec<Inline> {
    let mut items = Vec::new();
    if let Some(email) = &contact.email {
        let target = format!("mailto:{}", crate::text::ascii_email(&email.value));
        items.push(Inline { link: Some(target), ..Inline::plain(&email.value) });
    }
    items.extend(contact.phone.iter().chain(&contact.location).map(|t| Inline::plain(&t.value)));
    items.extend(contact.links.iter().map(labelled_link));
    items
}

/// A contact link as shown: `Portfolio: jalvarez.dev`, its label before its address (which stays
/// visible for an ATS), or the address alone when the label only names its site (`GitHub` for
/// `github.com/priyaraman`).
fn labelled_link(link: &model::Link) -> Inline {
    let address = Inline::address(&link.url);
    match link.label.as_ref().map(|l| l.value.trim()).filter(|l| !l.is_empty()) {
        Some(label) if !names_site(label, &address.text) => {
            Inline { text: format!("{label}: {}", address.text), ..address }
        }
        _ => address,
    }
}

/// Whether a label is the name of the site an address is on: `GitHub` for `github.com/x`,
/// `Stack Overflow` for `stackoverflow.com/users/1`, `Twitter` for `x.com/y`.
fn names_site(label: &str, shown: &str) -> bool {
    let host = crate::text::url_host(shown).to_lowercase();
    let site = host.rsplit('.').nth(1).unwrap_or(&host);
    let label: String = label.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    label == site || label == host.replace('.', "") || (label == "twitter" && site == "x")
}

/// Section keys in display order: `layout.order` first, then any non-empty section it left out.
fn order(resume: &Resume) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    let listed = resume.layout.order.iter().flat_map(|o| o.value.iter());
    for key in listed.filter_map(|k| SECTION_KEYS.iter().find(|s| **s == k.value)).chain(SECTION_KEYS) {
        if !keys.contains(key) {
            keys.push(key);
        }
    }
    keys
}

fn sections(resume: &Resume, key: &str) -> Vec<Section> {
    let section = |body: Body| vec![Section { id: key.to_string(), title: default_title(key).to_string(), body }];
    let entries =
        |entries: Vec<Entry>| if entries.is_empty() { Vec::new() } else { section(Body::Entries { entries }) };
    match key {
        "summary" => resume.summary.iter().flat_map(|s| section(Body::Text { text: inline(s) })).collect(),
        "experience" => entries(resume.experience.iter().map(experience).collect()),
        "skills" if !resume.skills.is_empty() => section(Body::Skills {
            groups: resume
                .skills
                .iter()
                .map(|g| SkillLine {
                    name: g.group.value.clone(),
                    items: g.items.iter().map(|i| i.value.clone()).collect(),
                })
                .collect(),
        }),
        "projects" => entries(resume.projects.iter().map(project).collect()),
        "education" => entries(resume.education.iter().map(education).collect()),
        "certifications" => entries(resume.certifications.iter().map(certification).collect()),
        "sections" => resume
            .sections
            .iter()
            .filter(|s| !s.entries.is_empty())
            .map(|s| Section {
                id: "custom".into(),
                title: s.title.value.clone(),
                body: Body::Entries { entries: s.entries.iter().map(custom_entry).collect() },
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn entry(title: &Text) -> Entry {
    Entry {
        title: title.value.clone(),
        org: None,
        link: None,
        dates: None,
        location: None,
        description: None,
        bullets: Vec::new(),
        details: Vec::new(),
    }
}

fn bullets(bullets: &[model::Bullet]) -> Vec<Bullet> {
    bullets.iter().map(|b| Bullet { text: inline(&b.text), span: b.text.span.clone() }).collect()
}

fn text(value: &Option<Text>) -> Option<String> {
    value.as_ref().map(|t| t.value.clone())
}

fn experience(job: &model::Experience) -> Entry {
    Entry {
        org: Some(job.company.value.clone()),
        dates: Some(dates(Some(job.start.value), Some(job.end.as_ref().map_or(End::Present, |e| e.value)))),
        location: text(&job.location),
        description: job.context.as_ref().map(inline),
        bullets: bullets(&job.bullets),
        ..entry(&job.role)
    }
}

fn project(project: &model::Project) -> Entry {
    Entry {
        link: project.url.as_ref().map(|u| Inline::address(u)),
        dates: project.start.as_ref().map(|s| dates(Some(s.value), project.end.as_ref().map(|e| e.value))),
        description: project.description.as_ref().map(inline),
        bullets: bullets(&project.bullets),
        ..entry(&project.name)
    }
}

fn education(school: &model::Education) -> Entry {
    let mut details = Vec::new();
    let mut detail = |label: &str, text: String| {
        if !text.is_empty() {
            details.push(Detail { label: label.into(), text });
        }
    };
    detail("GPA", text(&school.gpa).unwrap_or_default());
    detail("Honors", join(&school.honors));
    detail("Coursework", join(&school.coursework));
    let (title, org) = match &school.degree {
        Some(degree) => (degree, Some(school.institution.value.clone())),
        None => (&school.institution, None),
    };
    Entry {
        org,
        dates: school.start.as_ref().map(|s| s.value).or(school.end.as_ref().and_then(|e| e.date())).map(|start| {
            let end = school.end.as_ref().map(|e| e.value).filter(|_| school.start.is_some());
            dates(Some(start), end)
        }),
        location: text(&school.location),
        details,
        bullets: bullets(&school.bullets),
        ..entry(title)
    }
}

fn certification(cert: &model::Certification) -> Entry {
    Entry {
        org: text(&cert.issuer),
        dates: cert.date.as_ref().map(|d| d.value.to_string()),
        link: cert.url.as_ref().map(|u| Inline::address(u)),
        ..entry(&cert.name)
    }
}

fn custom_entry(item: &model::CustomEntry) -> Entry {
    let period = item.start.as_ref().map(|s| dates(Some(s.value), item.end.as_ref().map(|e| e.value)));
    Entry {
        org: text(&item.subtitle),
        dates: period.or_else(|| item.date.as_ref().map(|d| d.value.to_string())),
        location: text(&item.location),
        link: item.url.as_ref().map(|u| Inline::address(u)),
        description: item.description.as_ref().map(inline),
        bullets: bullets(&item.bullets),
        ..entry(&item.title)
    }
}

fn join(items: &[Text]) -> String {
    items.iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join(", ")
}

/// `Mar 2022 – Present`, `2019 – 2021`, or one date when start and end agree.
fn dates(start: Option<Date>, end: Option<End>) -> String {
    match (start, end) {
        (Some(s), Some(End::Present)) => format!("{s} – Present"),
        (Some(s), Some(End::Date(e))) if s.to_string() == e.to_string() => s.to_string(),
        (Some(s), Some(End::Date(e))) => format!("{s} – {e}"),
        (Some(s), None) => s.to_string(),
        (None, Some(End::Date(e))) => e.to_string(),
        (None, Some(End::Present)) => "Present".into(),
        (None, None) => String::new(),
    }
}

/// Months covered by at least one role, so overlapping roles count once.
pub fn experience_months(resume: &Resume, today: Date) -> i32 {
    let now = today.months(false);
    let mut periods: Vec<(i32, i32)> = resume
        .experience
        .iter()
        .map(|job| {
            let end = job.end.as_ref().and_then(|e| e.date()).map_or(now, |d| d.months(true));
            (job.start.months(false), end.max(job.start.months(false)))
        })
        .collect();
    periods.sort_unstable();
    let (mut total, mut covered_to) = (0, i32::MIN);
    for (start, end) in periods {
        let start = start.max(covered_to);
        if end > start {
            total += end - start;
            covered_to = end;
        }
    }
    total
}

/// `https://www.github.com/x/` -> `github.com/x`.
pub fn display_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.strip_prefix("mailto:").unwrap_or(rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

/// Parses `**bold**`, `*italic*` and `[label](url)`; everything else is literal text.
/// A link shows its label followed by its address, so readers see where it goes.
pub fn inline(text: &Text) -> Rich {
    parse_inline(&text.value)
}

pub fn parse_inline(text: &str) -> Rich {
    let mut out: Rich = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let flush = |plain: &mut String, out: &mut Rich| {
        if !plain.is_empty() {
            push(out, Inline::plain(std::mem::take(plain)));
        }
    };
    while let Some(c) = rest.chars().next() {
        if let Some(inner) = delimited(rest, "**") {
            flush(&mut plain, &mut out);
            push(&mut out, Inline { bold: true, ..Inline::plain(inner) });
            rest = &rest[inner.len() + 4..];
        } else if let Some(inner) = delimited(rest, "*") {
            flush(&mut plain, &mut out);
            push(&mut out, Inline { italic: true, ..Inline::plain(inner) });
            rest = &rest[inner.len() + 2..];
        } else if let Some((label, url, len)) = link(rest) {
            flush(&mut plain, &mut out);
            let address = Inline::address(url);
            if label != address.text && !label.is_empty() {
                push(&mut out, Inline::plain(format!("{label} (")));
                push(&mut out, address);
                push(&mut out, Inline::plain(")"));
            } else {
                push(&mut out, address);
            }
            rest = &rest[len..];
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut plain, &mut out);
    out
}

/// Appends, merging runs with the same formatting.
fn push(out: &mut Rich, run: Inline) {
    match out.last_mut() {
        Some(last)
            if last.bold == run.bold && last.italic == run.italic && last.link.is_none() && run.link.is_none() =>
        {
            last.text.push_str(&run.text)
        }
        _ => out.push(run),
    }
}

/// `marker inner marker` at the start of `text`, with non-space text just inside the markers.
fn delimited<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let body = text.strip_prefix(marker)?;
    if body.starts_with(marker.chars().next()?) && marker == "*" {
        return None;
    }
    let end = body.find(marker)?;
    let inner = &body[..end];
    let trimmed_ok = !inner.is_empty() && !inner.starts_with(' ') && !inner.ends_with(' ');
    (trimmed_ok && !inner.contains('\n')).then_some(inner)
}

/// The addresses of the `[label](url)` links in `text`.
pub fn inline_links(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('[') {
        let start = at + open;
        match link(&text[start..]) {
            Some((_, url, len)) => {
                found.push(url);
                at = start + len;
            }
            None => at = start + 1,
        }
    }
    found
}

/// `[label](url)` at the start of `text`: (label, url, bytes consumed).
fn link(text: &str) -> Option<(&str, &str, usize)> {
    let body = text.strip_prefix('[')?;
    let close = body.find("](")?;
    let label = &body[..close];
    let after = &body[close + 2..];
    let end = after.find(')')?;
    let url = &after[..end];
    let valid = !label.contains('[') && !url.is_empty() && !url.contains(char::is_whitespace);
    valid.then_some((label, url, 1 + close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(String, bool, bool, Option<String>)> {
        parse_inline(text).into_iter().map(|i| (i.text, i.bold, i.italic, i.link)).collect()
    }

    #[test]
    fn inline_markup() {
        assert_eq!(
            runs("Cut **p95** by *half* via [pgqueue](https://github.com/p/pgqueue)."),
            vec![
                ("Cut ".into(), false, false, None),
                ("p95".into(), true, false, None),
                (" by ".into(), false, false, None),
                ("half".into(), false, true, None),
                (" via pgqueue (".into(), false, false, None),
                ("github.com/p/pgqueue".into(), false, false, Some("https://github.com/p/pgqueue".into())),
                (").".into(), false, false, None),
            ]
        );
    }

    #[test]
    fn stray_markers_are_literal() {
        for text in ["a * b", "2 ** 3", "x*", "[a]", "[a](b c)", "**", "#panic() $x$ <x> ] \\ //"] {
            assert_eq!(plain_text(&parse_inline(text)), text);
        }
    }

    #[test]
    fn urls_display_as_addresses() {
        assert_eq!(display_url("https://www.linkedin.com/in/priyaraman/"), "linkedin.com/in/priyaraman");
        assert_eq!(Inline::address("github.com/x").link.as_deref(), Some("https://github.com/x"));
    }

    #[test]
    fn date_ranges() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(dates(Some(d("2022-03")), Some(End::Present)), "Mar 2022 – Present");
        assert_eq!(dates(Some(d("2019")), Some(End::Date(d("2021")))), "2019 – 2021");
        assert_eq!(dates(Some(d("2021-05")), None), "May 2021");
    }
}
