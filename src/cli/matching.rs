//! `rescc match`: how well the resume, as tailored for a job, covers the posting's terms.
//!
//! (`match` is a keyword, hence the module's name.) Offline and deterministic: the same files
//! always give the same report.

use std::process::ExitCode;

use super::term::error;
use super::term::{out, outln};
use super::{Kind, MatchArgs, ReportFormat, fail};
use crate::keywords::{self, Coverage};
use crate::{job, load, tailor};

/// Locations shown per term in the text report.
const SHOWN: usize = 4;

/// Runs `rescc match`.
pub fn run(args: &MatchArgs) -> ExitCode {
    if args.resume == args.job {
        error!("`{}` is given twice: as the resume and as the job file", args.resume.display());
        eprintln!("  = help: {USAGE}");
        return ExitCode::from(2);
    }
    let resume_dir = args.resume.parent().unwrap_or(std::path::Path::new(""));
    let loaded = load::load(&args.resume).and_then(|base| Ok((base, job::load(&args.job, resume_dir)?)));
    let (base, job) = match loaded {
        Ok(pair) => pair,
        Err(failure) => return misplaced(args).unwrap_or_else(|| fail(&failure)),
    };
    let tailored = tailor::apply(&base.resume, &job.job);
    let report = keywords::report(&tailored, &job);
    match args.format {
        ReportFormat::Json => {
            outln!("{}", serde_json::to_string_pretty(&report).expect("the report serializes"));
        }
        ReportFormat::Text => {
            // Terms the tailored resume lacks but the base has: bullets the job's tags dropped.
            let terms = keywords::posting_terms(&job.posting, &job.job.title, &job.job.company);
            let places = keywords::places(&base.resume);
            let untailored = keywords::coverage(&job.job.id, &terms, &places, &base.source);
            out!("{}", text(&report, &untailored, &job.job));
        }
    }
    ExitCode::SUCCESS
}

const USAGE: &str = "usage: rescc match RESUME JOB, e.g. `rescc match resume.yaml jobs/acme.yaml`";

/// When the files are swapped, or one is the other kind, the error that says so.
fn misplaced(args: &MatchArgs) -> Option<ExitCode> {
    let resume = super::looks_like(&args.resume).map(|(kind, _)| kind);
    let job = super::looks_like(&args.job).map(|(kind, _)| kind);
    if resume == Some(Kind::Job) && job == Some(Kind::Resume) {
        error!(
            "the files are swapped: `{}` is a job file and `{}` is a resume",
            args.resume.display(),
            args.job.display()
        );
        eprintln!("  = help: the resume comes first: `rescc match {} {}`", args.job.display(), args.resume.display());
        return Some(ExitCode::from(2));
    }
    super::misplaced(&args.resume, Kind::Resume, USAGE).or_else(|| super::misplaced(&args.job, Kind::Job, USAGE))
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
