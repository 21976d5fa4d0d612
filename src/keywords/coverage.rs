//! Coverage: where the resume, as tailored for a job, shows each of the posting's terms, in
//! the posting's own words or under an alias.

use std::sync::Arc;

use serde::Serialize;

use super::posting::{Kind, Term, posting_terms};
use crate::job::LoadedJob;
use crate::lexicon::{Hit, Prepared, find_hits};
use crate::model::Resume;
use crate::source::{Source, Text};
use crate::text;

/// The `--format json` report of `rescc match`.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub job: String,
    /// Share of the posting's terms (by weight) the resume shows, 0–100; aliases count half.
    pub coverage: u32,
    pub matched: Vec<Matched>,
    pub aliased: Vec<Aliased>,
    pub missing: Vec<Missing>,
}

/// A term the resume uses as the posting writes it.
#[derive(Debug, Clone, Serialize)]
pub struct Matched {
    pub term: String,
    /// `line:col` in the resume (`file:line:col` for text from elsewhere, like a job's summary).
    pub locations: Vec<String>,
}

/// A term the resume shows only under another name.
#[derive(Debug, Clone, Serialize)]
pub struct Aliased {
    pub term: String,
    pub resume_term: String,
    pub locations: Vec<String>,
}

/// A term the resume lacks.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    pub term: String,
    pub weight: f64,
}

/// The text a resume shows, in document order; each text knows the file it was written in (a
/// job's headline and summary overrides are in the job file).
pub fn places(resume: &Resume) -> Vec<&Text> {
    let mut out: Vec<&Text> = Vec::new();
    out.extend(&resume.headline);
    out.extend(&resume.summary);
    for e in &resume.experience {
        out.extend([Some(&e.role), Some(&e.company), e.context.as_ref()].into_iter().flatten());
        out.extend(e.bullets.iter().map(|b| &b.text));
    }
    out.extend(resume.skills.iter().flat_map(|g| &g.items));
    for p in &resume.projects {
        out.extend([Some(&p.name), p.description.as_ref()].into_iter().flatten());
        out.extend(p.bullets.iter().map(|b| &b.text));
    }
    for e in &resume.education {
        out.extend(&e.degree);
        out.extend(e.honors.iter().chain(&e.coursework));
        out.extend(e.bullets.iter().map(|b| &b.text));
    }
    for c in &resume.certifications {
        out.extend([Some(&c.name), c.issuer.as_ref()].into_iter().flatten());
    }
    for e in resume.sections.iter().flat_map(|s| &s.entries) {
        out.extend([Some(&e.title), e.subtitle.as_ref(), e.description.as_ref()].into_iter().flatten());
        out.extend(e.bullets.iter().map(|b| &b.text));
    }
    out
}

/// How well `places` cover the posting's `terms`; locations in `home` (the resume) omit its name.
pub fn coverage(job: &str, terms: &[Term], places: &[&Text], home: &Arc<Source>) -> Coverage {
    // One text for the whole resume, so each name is searched once.
    let mut joined = String::new();
    let mut starts = Vec::new();
    for place in places {
        let raw = place.span.text().filter(|raw| !raw.trim().is_empty());
        starts.push(joined.len());
        joined.push_str(raw.unwrap_or(&place.value));
        joined.push_str("\n\n");
    }
    let locate = |at: usize| {
        let i = starts.partition_point(|s| *s <= at) - 1;
        let place = &places[i];
        let raw = place.span.text().is_some_and(|raw| !raw.trim().is_empty());
        let offset = place.span.start() + if raw { at - starts[i] } else { 0 };
        let (line, col) = place.span.source.line_col(offset);
        if Arc::ptr_eq(home, &place.span.source) {
            format!("{line}:{col}")
        } else {
            format!("{}:{line}:{col}", place.span.source.name)
        }
    };
    let p = Prepared::new(&joined);
    let hits = find_hits(&p, false);
    let lower = p.lower.as_str();
    let mut report = Coverage { job: job.to_string(), coverage: 0, matched: vec![], aliased: vec![], missing: vec![] };
    let (mut total, mut got) = (0.0, 0.0);
    for term in terms {
        total += term.weight;
        let (exact, alias): (Vec<&Hit>, Vec<&Hit>) = match term.kind {
            Kind::Concept { concept, variant } => {
                hits.iter().filter(|h| h.concept == concept).partition(|h| h.variant == variant)
            }
            Kind::Phrase => (Vec::new(), Vec::new()),
        };
        let mut exact: Vec<usize> = exact.iter().map(|h| p.original(&h.range).start).collect();
        if term.kind == Kind::Phrase {
            let needle = Prepared::new(&term.text).lower;
            exact = text::word_matches(lower, &needle, text::ends_word).map(|at| p.map[at]).collect();
        }
        if !exact.is_empty() {
            got += term.weight;
            report.matched.push(Matched { term: term.text.clone(), locations: dedup(exact.into_iter().map(locate)) });
        } else if let Some(first) = alias.first() {
            got += term.weight / 2.0;
            let resume_term = p.norm[first.range.clone()].to_string();
            let locations = dedup(alias.iter().map(|h| locate(p.original(&h.range).start)));
            report.aliased.push(Aliased { term: term.text.clone(), resume_term, locations });
        } else {
            report.missing.push(Missing { term: term.text.clone(), weight: term.weight });
        }
    }
    report.coverage = if total > 0.0 { (100.0 * got / total).round() as u32 } else { 100 };
    report
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The coverage report for a job: its posting's terms against the resume as tailored for it.
/// Locations in the base resume's file omit its name.
pub fn report(tailored: &Resume, job: &LoadedJob) -> Coverage {
    let terms = posting_terms(&job.posting, &job.job.title, &job.job.company);
    coverage(&job.job.id, &terms, &places(tailored), tailored.file())
}
