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
}

/// `page-fill`: no nearly empty last page. Auto-fit moves it onto one page fewer when the bounds
/// allow; what is left is this warning, with what to cut.
pub fn page_fill(c: &mut Checker) {
    let (resume, metrics) = (c.resume, c.metrics);
    let pages = metrics.pages;
    if pages < 2
        || pages > usize::from(c.document.style.max_pages)
        || metrics.fill_of_last_page >= crate::fit::NEARLY_EMPTY
    {
        return;
    }
    let lines = metrics.lines_per_page[pages - 1];
    let message = format!(
        "page {pages} holds {lines} line{}; a last page should be at least a third full",
        if lines == 1 { "" } else { "s" }
    );
    if let Some(d) = finding(resume, "page-fill", message) {
        let fewer = pages - 1;
        let help = format!(
            "to fit {fewer} page{}, {}\nor fill page {pages} to at least a third",
            if fewer == 1 { "" } else { "s" },
            overflow_help(resume, &c.document.style, lines)
        );
        let at = resume.layout.max_pages.as_ref().map(|p| p.span.clone());
        c.out.push(locate(d.with_help(help), resume, at));
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

/// `layout-integrity`: the pages are the configured paper, and no text is hidden from a reader
/// while an ATS still reads it (the keyword-stuffing tricks): in the page's colour, off the
/// page. Read off the typeset pages, so a custom layout is held to it as the built-in ones are.
pub fn layout_integrity(c: &mut Checker) {
    let (resume, metrics, style) = (c.resume, c.metrics, &c.document.style);
    let at = resume.layout.template.as_ref().map(|t| t.span.clone());
    let (width, height) = if style.paper == "a4" { (595.28, 841.89) } else { (612.0, 792.0) };
    if let Some((w, h)) = metrics.page_sizes.iter().find(|(w, h)| (w - width).abs() > 1.0 || (h - height).abs() > 1.0) {
        let message = format!(
            "the layout `{}` sets {:.0} × {:.0} pt pages, not {} paper ({width:.0} × {height:.0} pt)",
            style.template, w, h, style.paper
        );
        if let Some(d) = finding(resume, "layout-integrity", message) {
            let help =
                "a resume is read and printed on its paper: keep the layout's `set page(paper: ...)` as rescc sets it";
            c.out.push(locate(d.with_help(help), resume, at.clone()));
        }
    }
    if let Some((text, how)) = metrics.hidden.first() {
        let more = match metrics.hidden.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let message = format!("the layout `{}` hides `{}` {how}{more}", style.template, short(text));
        if let Some(d) = finding(resume, "layout-integrity", message) {
            let help = "an ATS reads text a person cannot see, and recruiters treat it as keyword stuffing: show it or remove it";
            c.out.push(locate(d.with_help(help), resume, at));
        }
    }
}

/// `past-margin`: no text runs past the right margin; located at the text in the resume.
pub fn past_margin(c: &mut Checker) {
    let (resume, metrics) = (c.resume, c.metrics);
    // The margin is in points; one finding a build, as the same overflow runs through what follows.
    let margin = c.document.style.margins;
    let Some((text, from_edge)) = metrics.past_margin.iter().find(|(_, from_edge)| *from_edge < margin - 1.0) else {
        return;
    };
    let message = format!("`{}` runs {:.0} pt past the right margin", short(text), margin - from_edge);
    let Some(d) = finding(resume, "past-margin", message) else { return };
    let help = "shorten it: show a link as its site and path, and break a long word or address into parts";
    let source = resume.file();
    // The text as written in the resume, or its last word (a link shows less than its address).
    let found = [text.as_str(), text.split_whitespace().last().unwrap_or_default()]
        .into_iter()
        .find_map(|needle| source.text.find(needle).filter(|_| !needle.is_empty()).map(|at| at..at + needle.len()));
    let span = found.map(|range| crate::source::Span::new(std::sync::Arc::clone(source), range));
    c.out.push(locate(d.with_help(help), resume, span));
}

/// A text cut to a readable length for a message.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
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
