//! Coverage: where the resume, as tailored for a job, shows each of the posting's terms, in
//! the posting's own words or under an alias.

use std::sync::{Arc, LazyLock};

use serde::Serialize;

use super::posting::{Kind, Term, posting_terms};
use crate::job::LoadedJob;
use crate::lexicon::{Hit, LEXICON, Prepared, find_hits};
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
    // A group's name is on the page too (`Observability: Prometheus, Grafana`).
    for group in &resume.skills {
        out.push(&group.group);
        out.extend(&group.items);
    }
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
        joined.push_str(&as_name(raw.unwrap_or(&place.value)));
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
    let mut report = Coverage { job: job.to_string(), coverage: 0, matched: vec![], aliased: vec![], missing: vec![] };
    let (mut total, mut got) = (0.0, 0.0);
    for term in terms {
        total += term.weight;
        let (exact, alias): (Vec<&Hit>, Vec<&Hit>) = match &term.kind {
            // A part counts for the whole: `Amazon SQS` shows AWS.
            Kind::Concept { concept, variants } => hits
                .iter()
                .filter(|h| LEXICON.covers(*concept, h.concept))
                .partition(|h| variants.iter().any(|&v| same_words(v, h.variant))),
            Kind::Phrase => (Vec::new(), Vec::new()),
        };
        let mut exact: Vec<usize> = exact.iter().map(|h| p.original(&h.range).start).collect();
        if let Kind::Concept { variants, .. } = &term.kind
            && exact.is_empty()
        {
            exact = written_inside(&p, &hits, variants);
        }
        if term.kind == Kind::Phrase {
            let needle = Prepared::new(&term.text).key;
            exact = text::word_matches(&p.key, &needle, text::ends_word).map(|at| p.map[at]).collect();
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

/// Whether a resume's variant is the posting's as written: the same word for word (a plural or
/// an `-ing` is the same word: `SLO` is `SLOs`, `data model` is `data modelling`), or one that
/// holds the resume's as words: a vendor's name before it (`Apache Kafka` is `Kafka`, `Amazon
/// EKS` is `EKS`) or a word after (`on-call rotation` is `on-call`).
fn same_words(posting: usize, resume: usize) -> bool {
    let (written, shown) = (&STEMS[posting], &STEMS[resume]);
    written == shown || written.contains(shown.as_str())
}

/// Each lexicon variant's [`stems`], between spaces, so that containing one is holding its words.
static STEMS: LazyLock<Vec<String>> =
    LazyLock::new(|| LEXICON.variants.iter().map(|v| format!(" {} ", stems(v.key))).collect());

/// A name's words without a plural `s` or an `-ing` (`unit testing` and `unit tests` are `unit
/// test`, `data modelling` is `data model`).
fn stems(key: &str) -> String {
    let stem = |word: &str| -> String {
        let word = word.strip_suffix('s').filter(|w| w.len() >= 3 && !w.ends_with('s')).unwrap_or(word);
        match word.strip_suffix("ing").filter(|w| w.len() >= 4) {
            Some(w) => w.strip_suffix("ll").map_or(w.to_string(), |w| format!("{w}l")),
            None => word.to_string(),
        }
    };
    key.split(' ').map(stem).collect::<Vec<_>>().join(" ")
}

/// Where one of `variants` is written as words of a longer name (`AWS` in `AWS Lambda`,
/// `Kafka` in `Apache Kafka Streams`): an ATS search for it finds it there.
fn written_inside(p: &Prepared, hits: &[Hit], variants: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for v in variants.iter().map(|&v| &LEXICON.variants[v]) {
        for at in text::word_matches(&p.key, v.key, text::ends_word) {
            let exact_case = !v.strict || p.norm.get(at..at + v.key.len()) == Some(v.text);
            // Hits are sorted and apart: only the last one starting at or before `at` can hold it.
            let before = hits.partition_point(|h| h.range.start <= at);
            let inside = before > 0 && at + v.key.len() <= hits[before - 1].range.end;
            if exact_case && inside {
                out.push(p.map[at]);
            }
        }
    }
    out.sort_unstable();
    out
}

/// A place that is one ambiguous name in any case (a skills item `go`, `GO`, `node`) written as
/// the lexicon writes it, so it is found: in a list of skills it can be nothing else.
fn as_name(text: &str) -> std::borrow::Cow<'_, str> {
    let name = text.trim().trim_matches(['"', '\'']);
    match LEXICON.variants.iter().find(|v| v.strict && v.text != name && v.text.eq_ignore_ascii_case(name)) {
        // ASCII case folding keeps the byte length, so offsets into the text still hold.
        Some(v) => text.replacen(name, v.text, 1).into(),
        None => text.into(),
    }
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
