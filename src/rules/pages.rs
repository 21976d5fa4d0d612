//! The rules read off the typeset pages, not the configuration, so a layout cannot cheat:
//! the page count and the text sizes.

use super::{finding, locate};
use crate::diag::Diagnostic;
use crate::guidance::{self, FONT_SIZE_PT, MARGINS_IN, PT_PER_IN, range};
use crate::ir::{Document, Style};
use crate::model::{Bullet, Resume};
use crate::render::Metrics;

/// Glyphs of body text needed before the body size is judged (about three lines).
const MIN_BODY_GLYPHS: usize = 200;

/// The resume, the document as typeset and what its pages measured, and the findings so far.
pub struct Checker<'a> {
    pub resume: &'a Resume,
    pub document: &'a Document,
    pub metrics: &'a Metrics,
    pub out: Vec<Diagnostic>,
}

/// `page-limit`: no more pages than `max_pages`, and no second page that one would hold.
pub fn page_limit(c: &mut Checker) {
    let (resume, metrics) = (c.resume, c.metrics);
    let limit = usize::from(c.document.style.max_pages);
    let at = resume.layout.max_pages.as_ref().map(|p| p.span.clone());
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
            None if limit == 1 => format!("the limit below {} years of experience", guidance::SENIOR_YEARS),
            None => "the most any resume should take".to_string(),
        };
        let message = format!("{} pages, limit {limit} ({why}): {}", metrics.pages, over.join(", "));
        if let Some(d) = finding(resume, "page-limit", message) {
            let lines_over: usize = metrics.lines_per_page[limit..].iter().sum();
            let d = d.with_help(overflow_help(resume, &c.document.style, lines_over));
            c.out.push(locate(d, resume, at.clone()));
        }
    }
    if metrics.pages == 2 && limit == 2 && metrics.fill_of_last_page < 1.0 / 3.0 {
        let lines = metrics.lines_per_page[1];
        let d = Diagnostic::warning(format!("page 2 holds only {lines} lines; the resume could fit on one page"))
            .with_rule("page-limit")
            .with_help("set `layout.max_pages: 1` and auto-fit will tighten spacing to fit, or trim the oldest roles");
        c.out.push(locate(d, resume, at));
    }
}

/// `font-size`: body text 10–11 pt, and no text under 10 pt.
pub fn font_size(c: &mut Checker) {
    let (resume, metrics) = (c.resume, c.metrics);
    let (lo, hi) = (*FONT_SIZE_PT.start(), *FONT_SIZE_PT.end());
    let at = resume.layout.font_size.as_ref().map(|s| s.span.clone());
    // Below a few lines of text the most common size is the header's, not the body's.
    let has_body = metrics.body_glyphs >= MIN_BODY_GLYPHS;
    if has_body && !(lo - 0.01..=hi + 0.01).contains(&metrics.body_size) {
        let message = format!("body text is {} pt; the guidance is {} pt", metrics.body_size, range(&FONT_SIZE_PT));
        if let Some(d) = finding(resume, "font-size", message) {
            let help = format!("set layout.font_size between {lo} and {hi}");
            c.out.push(locate(d.with_help(help), resume, at));
        }
    } else if metrics.min_size < lo - 0.01 {
        let message = format!("the layout sets text in {} pt; nothing should be under {lo} pt", metrics.min_size);
        if let Some(d) = finding(resume, "font-size", message) {
            let help = format!("small print is lost on screens and in ATS previews; raise it to {lo} pt");
            c.out.push(locate(d.with_help(help), resume, at));
        }
    }
}

/// Advice for a resume that overflows: how much must go, and which bullets matter least (low
/// `priority` first, then the oldest roles' last bullets). `style` is the one it was typeset in.
fn overflow_help(resume: &Resume, style: &Style, lines_over: usize) -> String {
    let roles = resume.experience.len();
    let mut candidates: Vec<(i64, usize, usize, &Bullet, &str)> = Vec::new();
    for (age, job) in resume.experience.iter().enumerate() {
        for (i, bullet) in job.bullets.iter().enumerate() {
            candidates.push((bullet.priority.as_ref().map_or(0, |p| p.value), roles - age, i, bullet, &job.company));
        }
    }
    for project in &resume.projects {
        for (i, bullet) in project.bullets.iter().enumerate() {
            candidates.push((bullet.priority.as_ref().map_or(0, |p| p.value), 0, i, bullet, &project.name));
        }
    }
    // Lowest priority first; among equals the oldest role, and its last bullet first.
    candidates.sort_by_key(|&(priority, recency, index, ..)| (priority, recency, std::cmp::Reverse(index)));
    let named: Vec<String> = candidates
        .iter()
        .take(lines_over.div_ceil(2).clamp(2, 5))
        .map(|(_, _, _, bullet, place)| {
            let (line, _) = bullet.text.span.line_col();
            let words: Vec<&str> = bullet.text.split_whitespace().collect();
            let excerpt = if words.len() > 8 { format!("{} …", words[..8].join(" ")) } else { words.join(" ") };
            format!("line {line} ({place}): {excerpt}")
        })
        .collect();
    let plural = if lines_over == 1 { "" } else { "s" };
    let (size, margins) = (*FONT_SIZE_PT.start(), *MARGINS_IN.start());
    let tightest = style.font_size <= size + 1e-9 && style.margins <= margins * PT_PER_IN + 1e-9;
    let mut help = if tightest {
        format!(
            "even at the tightest spacing, {size} pt and {margins} in margins, about {lines_over} line{plural} must go"
        )
    } else {
        format!("about {lines_over} line{plural} must go (auto-fit is off)")
    };
    if !named.is_empty() {
        help += "; the lowest-priority bullets are:\n";
        help += &named.iter().map(|n| format!("  {n}")).collect::<Vec<_>>().join("\n");
    }
    help
}
