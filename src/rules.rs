//! The hiring guidance as rules: stable ids, default severities, one-line summaries.
//!
//! The table is data so `checks:` in a resume, `--strict` and the JSON report all agree on ids.

use crate::build::Loaded;
use crate::diag::Diagnostic;
use crate::ir::Document;
use crate::model::Level;
use crate::render::typst::Metrics;
use crate::validate::FONT_SIZE_RANGE;

mod content;
pub mod vocab;

pub use content::{content_checks, content_checks_at, escalate};

/// One guidance rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub default: Level,
    pub summary: &'static str,
}

/// Every rule, in the order of DESIGN.md's table.
pub const RULES: &[Rule] = &[
    Rule { id: "page-limit", default: Level::Error, summary: "one page below 8 years of experience, two at most" },
    Rule { id: "font-size", default: Level::Error, summary: "body text 10-11 pt, nothing under 10 pt" },
    Rule { id: "margins", default: Level::Error, summary: "margins between 0.5in and 1in" },
    Rule { id: "chronology", default: Level::Warning, summary: "experience and education newest first" },
    Rule { id: "bullet-length", default: Level::Warning, summary: "bullets of 12-20 words" },
    Rule { id: "weak-opening", default: Level::Warning, summary: "no \"Responsible for\", \"Worked on\", \"Helped\"" },
    Rule { id: "action-verb", default: Level::Warning, summary: "bullets start with a strong action verb" },
    Rule { id: "quantified", default: Level::Warning, summary: "bullets carry a figure" },
    Rule { id: "bullets-per-role", default: Level::Warning, summary: "3-5 bullets for recent roles" },
    Rule { id: "summary", default: Level::Warning, summary: "2-3 sentences naming a technology and a scale figure" },
    Rule { id: "skills-focus", default: Level::Warning, summary: "10-15 grouped skills, each backed by a bullet" },
    Rule { id: "gpa", default: Level::Warning, summary: "GPA shown only when 3.5/4.0 or above" },
    Rule { id: "headings", default: Level::Warning, summary: "section titles that ATS recognize" },
    Rule { id: "contact", default: Level::Warning, summary: "email, phone and a GitHub or portfolio link" },
    Rule { id: "pronouns", default: Level::Warning, summary: "no \"I\", \"my\", \"we\" in bullets" },
];

/// The severity a rule has for this resume (its `checks:` entry, else the default).
pub fn level(resume: &crate::model::Resume, id: &str) -> Level {
    resume
        .checks
        .iter()
        .find(|(rule, _)| rule.value == id)
        .map(|(_, level)| level.value)
        .or_else(|| RULES.iter().find(|r| r.id == id).map(|r| r.default))
        .unwrap_or(Level::Warning)
}

/// A diagnostic for rule `id` at its configured severity, or `None` when the rule is off.
pub fn finding(resume: &crate::model::Resume, id: &'static str, message: String) -> Option<Diagnostic> {
    let d = match level(resume, id) {
        Level::Off => return None,
        Level::Error => Diagnostic::error(message),
        Level::Warning => Diagnostic::warning(message),
    };
    Some(d.with_rule(id))
}

/// Glyphs of body text needed before the body size is judged (about three lines).
const MIN_BODY_GLYPHS: usize = 200;

/// Checks read off the typeset pages: page count and text sizes.
pub fn typeset_checks(loaded: &Loaded, document: &Document, metrics: &Metrics) -> Vec<Diagnostic> {
    let resume = &loaded.resume;
    let mut out = Vec::new();
    let limit = usize::from(document.style.max_pages);
    if metrics.pages > limit {
        let over: Vec<String> = metrics.lines_per_page[limit..]
            .iter()
            .enumerate()
            .map(|(i, lines)| {
                format!("page {} holds {lines} line{}", limit + i + 1, if *lines == 1 { "" } else { "s" })
            })
            .collect();
        let why = match &resume.layout.max_pages {
            Some(_) => "as set in layout.max_pages".to_string(),
            None if limit == 1 => "the limit below 8 years of experience".to_string(),
            None => "the most any resume should take".to_string(),
        };
        let message = format!("{} pages, limit {limit} ({why}): {}", metrics.pages, over.join(", "));
        if let Some(d) = finding(resume, "page-limit", message) {
            let lines_over: usize = metrics.lines_per_page[limit..].iter().sum();
            let d = d.with_help(crate::fit::overflow_help(loaded, &document.style, lines_over));
            out.push(locate(d, loaded, resume.layout.max_pages.as_ref().map(|p| p.span.clone())));
        }
    }
    if metrics.pages == 2
        && limit == 2
        && metrics.fill_of_last_page < 1.0 / 3.0
        && level(resume, "page-limit") != Level::Off
    {
        let lines = metrics.lines_per_page[1];
        let d = Diagnostic::warning(format!("page 2 holds only {lines} lines; the resume could fit on one page"))
            .with_rule("page-limit")
            .with_help("set `layout.max_pages: 1` and auto-fit will tighten spacing to fit, or trim the oldest roles");
        out.push(locate(d, loaded, resume.layout.max_pages.as_ref().map(|p| p.span.clone())));
    }
    let (lo, hi) = FONT_SIZE_RANGE;
    let size_span = resume.layout.font_size.as_ref().map(|s| s.span.clone());
    // Below a few lines of text the most common size is the header's, not the body's.
    let has_body = metrics.body_glyphs >= MIN_BODY_GLYPHS;
    if has_body && !(lo - 0.01..=hi + 0.01).contains(&metrics.body_size) {
        let message = format!("body text is {} pt; the guidance is {lo}–{hi} pt", metrics.body_size);
        if let Some(d) = finding(resume, "font-size", message) {
            out.push(locate(d.with_help("set layout.font_size between 10 and 11"), loaded, size_span.clone()));
        }
    } else if metrics.min_size < lo - 0.01 {
        let message = format!("the layout sets text in {} pt; nothing should be under {lo} pt", metrics.min_size);
        if let Some(d) = finding(resume, "font-size", message) {
            out.push(locate(
                d.with_help("small print is lost on screens and in ATS previews; raise it to 10 pt"),
                loaded,
                size_span,
            ));
        }
    }
    out
}

fn locate(d: Diagnostic, loaded: &Loaded, span: Option<crate::source::Span>) -> Diagnostic {
    match span {
        Some(span) => d.at(&loaded.source, span),
        None => d.in_source(&loaded.source),
    }
}
