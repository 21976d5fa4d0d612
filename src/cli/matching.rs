//! `rescc match`: how well the resume, as tailored for a job, covers the posting's terms.
//!
//! (`match` is a keyword, hence the module's name.) Offline and deterministic: the same files
//! always give the same report.

use std::process::ExitCode;

use super::{MatchArgs, ReportFormat, fail};
use crate::keywords::{self, Coverage};
use crate::{job, load, tailor};

/// Locations shown per term in the text report.
const SHOWN: usize = 4;

/// Runs `rescc match`.
pub fn run(args: &MatchArgs) -> ExitCode {
    let loaded = load::load(&args.resume).and_then(|base| Ok((base, job::load(&args.job)?)));
    let (base, job) = match loaded {
        Ok(pair) => pair,
        Err(failure) => return fail(&failure),
    };
    let tailored = tailor::apply(&base.resume, &job.job);
    let report = keywords::report(&tailored, &job);
    match args.format {
        ReportFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&report).expect("the report serializes"));
        }
        ReportFormat::Text => {
            // Terms the tailored resume lacks but the base has: bullets the job's tags dropped.
            let terms = keywords::posting_terms(&job.posting, &job.job.title, &job.job.company);
            let places = keywords::places(&base.resume);
            let untailored = keywords::coverage(&job.job.id, &terms, &places, &base.source);
            print!("{}", text(&report, &untailored, &job.job));
        }
    }
    ExitCode::SUCCESS
}

/// The human-readable report.
fn text(report: &Coverage, untailored: &Coverage, job: &job::Job) -> String {
    let total = report.matched.len() + report.aliased.len() + report.missing.len();
    let mut out = format!("{}: {} at {}\n", report.job, job.title.value, job.company.value);
    out += &format!(
        "coverage {}% ({} of {total} posting terms as written, {} under another name; weighted by prominence)\n",
        report.coverage,
        report.matched.len(),
        report.aliased.len()
    );
    let width = report.matched.iter().map(|m| m.term.len()).chain(report.missing.iter().map(|m| m.term.len())).max();
    let width = width.unwrap_or(0).min(24);
    if !report.matched.is_empty() {
        out += &format!("\nmatched ({})\n", report.matched.len());
        for m in &report.matched {
            out += &format!("  {:width$}  {}\n", m.term, places(&m.locations));
        }
    }
    if !report.aliased.is_empty() {
        out += &format!("\nunder another name ({})\n", report.aliased.len());
        for a in &report.aliased {
            out += &format!(
                "  the posting says {}, the resume says {} ({}): use the posting's term\n",
                a.term,
                a.resume_term,
                places(&a.locations)
            );
        }
    }
    if !report.missing.is_empty() {
        out += &format!("\nmissing ({}), most prominent first\n", report.missing.len());
        for m in &report.missing {
            let matched = untailored.matched.iter().map(|u| (&u.term, &u.locations));
            let aliased = untailored.aliased.iter().map(|u| (&u.term, &u.locations));
            let dropped = matched.chain(aliased).find(|(term, _)| **term == m.term);
            let note = dropped.map(|(_, at)| format!("  (in bullets this job's tags drop: {})", places(at)));
            out += &format!("  {:width$}  weight {:.1}{}\n", m.term, m.weight, note.unwrap_or_default());
        }
    }
    out
}

/// `12:5, 30:9, 41:7 and 2 more`.
fn places(locations: &[String]) -> String {
    let shown = locations.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    match locations.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}
