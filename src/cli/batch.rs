//! `rescc build --job GLOB`: the command-line side of a batch, a progress bar on a terminal
//! (plain lines otherwise), a summary table and `report.json`.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::term::{error, out, outln};
use super::{BuildArgs, fail};
use crate::batch::{self, Outcome};
use crate::build::Options;
use crate::diag::{Diagnostics, Severity};
use crate::load;

/// Missing terms named per job in the summary table.
const TOP_MISSING: usize = 3;

/// Runs a batch and prints what became of each job.
pub fn run(args: &BuildArgs, options: &Options) -> ExitCode {
    ExitCode::from(once(args, options).0)
}

/// Runs a batch once; returns the exit code and every file it read (the resume, its layout, the
/// job files and their postings), for watch mode.
pub(crate) fn once(args: &BuildArgs, options: &Options) -> (u8, Vec<PathBuf>) {
    let (base, files) = match load::load(args.resume()).and_then(|base| {
        let files = batch::expand(&args.job)?;
        Ok((base, files))
    }) {
        Ok(pair) => pair,
        Err(failure) => {
            fail(&failure);
            return (failure.exit_code(), vec![args.resume().to_path_buf()]);
        }
    };
    // A bar only for a person watching; CI logs and pipes get plain lines.
    let quiet = super::term::quiet();
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() && !quiet;
    let bar = interactive.then(|| {
        let bar = ProgressBar::new(files.len() as u64);
        let style = ProgressStyle::with_template("{bar:30} {pos}/{len} jobs {msg}").expect("the template is valid");
        bar.set_style(style);
        bar
    });
    let total = files.len();
    let outcomes = batch::run(&base, &files, options, &|outcome: &Outcome| match &bar {
        Some(bar) => {
            bar.set_message(id(outcome).to_string());
            bar.inc(1);
        }
        None if !quiet => eprintln!("{} {}", if outcome.code == 0 { "built" } else { "failed" }, id(outcome)),
        None => {}
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let outcomes = match outcomes {
        Ok(outcomes) => outcomes,
        Err(failure) => {
            fail(&failure);
            let mut inputs = vec![args.resume().to_path_buf()];
            inputs.extend(files);
            return (failure.exit_code(), inputs);
        }
    };
    print_diagnostics(&outcomes);
    let mut inputs = vec![args.resume().to_path_buf()];
    inputs.extend(base.layout_file());
    // A custom layout's letter, where a job has a letter (watch rebuilds when it is saved).
    inputs
        .extend(base.layout_file().map(|layout| layout.with_file_name("letter.typ")).filter(|letter| letter.is_file()));
    for outcome in &outcomes {
        inputs.push(outcome.file.clone());
        let posting = outcome.job.as_ref().and_then(|job| job.posting_file.as_ref());
        inputs.extend(posting.map(|p| outcome.file.parent().unwrap_or(Path::new("")).join(&p.value)));
    }
    let report_path = options.out_dir.join(batch::REPORT);
    let json = serde_json::to_vec_pretty(&batch::report(&base, &outcomes)).expect("the report serializes");
    if let Err(err) = crate::write::write_atomic(&report_path, &json) {
        error!("cannot write `{}`: {err}", report_path.display());
        return (2, inputs);
    }
    if !quiet {
        out!("{}", table(&outcomes));
        let failed = outcomes.iter().filter(|o| o.code != 0).count();
        outln!("{} of {total} jobs built; report in {}", total - failed, report_path.display());
    }
    (batch::exit_code(&outcomes), inputs)
}

/// A job's id, or its file when it has none.
fn id(outcome: &Outcome) -> String {
    match &outcome.job {
        Some(job) => job.id.value.clone(),
        None => outcome.file.display().to_string(),
    }
}

/// Errors of every failed job, then each distinct warning once: tailored variants of one resume
/// mostly share their warnings.
fn print_diagnostics(outcomes: &[Outcome]) {
    let mut seen = HashSet::new();
    for outcome in outcomes {
        let shown: Diagnostics = Diagnostics(
            outcome
                .diagnostics
                .0
                .iter()
                .filter(|d| d.severity == Severity::Error || seen.insert(d.render()))
                .cloned()
                .collect(),
        );
        if shown.is_empty() {
            continue;
        }
        let errors = shown.0.iter().filter(|d| d.severity == Severity::Error).count();
        eprintln!("{}:", id(outcome));
        super::report(&shown);
        if errors > 0 {
            let why = match (outcome.code, outcome.outputs.is_empty()) {
                (1, true) => ": checks failed; nothing was written for it",
                (1, false) => ": checks failed; written anyway (--force)",
                _ => "",
            };
            error!("job {} failed{why}\n", id(outcome));
        }
    }
}

/// `job  pages  coverage  missing`, one row per job, and a letter column when a job has a letter.
fn table(outcomes: &[Outcome]) -> String {
    let letters = outcomes.iter().any(|o| o.job.as_ref().is_some_and(|j| j.letter.is_some()));
    let rows: Vec<[String; 5]> = outcomes
        .iter()
        .map(|o| {
            let pages = o.pages.map_or("-".into(), |p| p.to_string());
            let coverage = o.coverage.as_ref().map_or("-".into(), |c| format!("{}%", c.coverage));
            let top = o.coverage.iter().flat_map(|c| &c.missing).take(TOP_MISSING).map(|m| m.term.as_str());
            let top = top.collect::<Vec<_>>().join(", ");
            let missing = match (o.code, &o.job) {
                (_, None) => "invalid job file".to_string(),
                (2, _) => "failed (see above)".to_string(),
                (1, _) if top.is_empty() => "checks failed".to_string(),
                (1, _) => format!("checks failed; {top}"),
                _ => top,
            };
            let letter = o.letter.map_or("-".into(), |l| format!("{}p {}w", l.pages, l.words));
            [id(o), pages, coverage, letter, missing]
        })
        .collect();
    let width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0).max(3);
    let letter_head = if letters { "  letter   " } else { "" };
    let mut out = format!("{:width$}  pages  coverage{letter_head}  missing (most prominent)\n", "job");
    for [job, pages, coverage, letter, missing] in rows {
        let letter = if letters { format!("  {letter:>9}") } else { String::new() };
        out += &format!("{job:width$}  {pages:>5}  {coverage:>8}{letter}  {missing}\n");
    }
    out
}
