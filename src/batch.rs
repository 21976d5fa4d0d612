//! Batch export: one tailored PDF and DOCX per job posting, built in parallel.
//!
//! Jobs run on rayon's threads and share the fonts, Typst's memo cache (evicted every few jobs so
//! memory stays flat however many postings there are) and the rendered files of any tailoring
//! that another job already produced. Outputs are written by two writer threads, so waiting on
//! the disk overlaps typesetting. Each job succeeds or fails on its own; the caller turns the
//! results into an exit code and a report.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::build::{self, Built, Options};
use crate::diag::{Diagnostic, Diagnostics, JsonDiagnostic};
pub use crate::job::REPORT;
use crate::job::{self, Job, LoadedJob};
use crate::keywords::{self, Coverage};
use crate::load::{Failure, Loaded};
use crate::render::typst::TIMEOUT_RULE;
use crate::tailor;

/// Jobs between evictions of Typst's memo cache.
const EVICT_EVERY: usize = 8;
/// Evictions a cached result survives unused (the layout's results are reused by every job).
const EVICT_AGE: usize = 2;
/// Threads that write the outputs: they wait on the disk (fsync) while rayon's threads typeset.
const WRITERS: usize = 2;
/// Stack of a job's thread, as much as the main thread's: Typst recurses as deep as a layout nests.
const JOB_STACK: usize = 8 << 20;

/// What became of one job.
#[derive(Debug)]
pub struct Outcome {
    /// The job file.
    pub file: PathBuf,
    /// The job, when its file was valid.
    pub job: Option<Job>,
    /// 0 built, 1 a check failed, 2 invalid input.
    pub code: u8,
    pub pages: Option<usize>,
    /// What auto-fit changed, if anything.
    pub fitted: Option<String>,
    /// The cover letter, when the job has one and it was built.
    pub letter: Option<LetterSummary>,
    pub coverage: Option<Coverage>,
    pub outputs: Vec<PathBuf>,
    pub diagnostics: Diagnostics,
}

/// The job files matching `patterns` (globs or plain paths), sorted, each once.
pub fn expand(patterns: &[String]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for pattern in patterns {
        // A plain path is a file the person named: say what is wrong with it, not how to glob.
        if !pattern.contains(['*', '?', '[']) {
            let path = PathBuf::from(pattern);
            if path.is_dir() {
                return Err(Diagnostic::error(format!("`{pattern}` is a folder, not a job file"))
                    .with_help(format!("give its job files with a quoted glob: `--job '{pattern}/*.yaml'`")));
            }
            if !path.exists() {
                return Err(Diagnostic::error(format!("job file `{pattern}` does not exist")));
            }
            files.push(path);
            continue;
        }
        let paths = glob::glob(pattern).map_err(|err| {
            Diagnostic::error(format!("`{pattern}` is not a valid pattern: {}", err.msg))
                .with_help("use `*` for any name and `**` for any folder, e.g. `jobs/*.yaml`")
        })?;
        let before = files.len();
        files.extend(paths.filter_map(Result::ok).filter(|p| p.is_file()));
        if files.len() == before {
            return Err(Diagnostic::error(format!("no job file matches `{pattern}`"))
                .with_help("quote the pattern so rescc expands it: `--job 'jobs/*.yaml'`"));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Builds the resume tailored for each job file, in parallel, each into its own folder under
/// `options.out_dir`; `done` is called as each finishes. Fails before building anything when the
/// report would replace a file the batch reads.
pub fn run(
    base: &Loaded,
    files: &[PathBuf],
    options: &Options,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Failure> {
    let resume_dir = base.source.path.parent().unwrap_or(Path::new(""));
    let mut jobs: Vec<Result<LoadedJob, Failure>> = files.par_iter().map(|f| job::load(f, resume_dir)).collect();
    reject_duplicate_ids(&mut jobs);
    let root = &options.out_dir;
    // Every file the batch reads, so that no job's output replaces another job's input.
    let mut inputs = (*options.inputs).clone();
    inputs.add(&base.source.path);
    base.layout_file().iter().for_each(|layout| inputs.add(layout));
    for (file, job) in files.iter().zip(&jobs) {
        inputs.add(file);
        if let Ok(job) = job {
            job.posting_path.iter().for_each(|posting| inputs.add(posting));
        }
    }
    build::refuse_replacing(&[&inputs], &root.join(REPORT))?;
    let options = Options { inputs: Arc::new(inputs), ..options.clone() };
    let renders = build::Renders::default();
    let finished = AtomicUsize::new(0);
    // Set when a layout runs past its limit: Typst cannot be stopped, so no more jobs start.
    let halted: Mutex<Option<String>> = Mutex::new(None);
    let (send, receive) = mpsc::channel::<Written>();
    let receive = Mutex::new(receive);
    // Jobs run on threads of their own, as many as rayon has, each taking the next job when it
    // is done; the rayon pool does the parallel work inside a job. A job never waits inside
    // another job's stack (as it would on a rayon worker that steals work while it waits), so
    // the stack stays as deep as one job's, however many jobs there are.
    let queue = Mutex::new(files.iter().zip(jobs).enumerate());
    let workers = rayon::current_num_threads().max(1);
    let outcomes = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..WRITERS).map(|_| scope.spawn(|| write_all(&receive, done))).collect();
        let builders: Vec<_> = (0..workers)
            .map(|_| {
                let send = send.clone();
                let (queue, renders, finished, halted, options) = (&queue, &renders, &finished, &halted, &options);
                std::thread::Builder::new()
                    .stack_size(JOB_STACK)
                    .spawn_scoped(scope, move || {
                        // A job that built goes to the writers, which finish its outcome; the others end here.
                        let mut unwritten = Vec::new();
                        loop {
                            let next = queue.lock().expect("no job panics holding the queue").next();
                            let Some((index, (file, job))) = next else { return unwritten };
                            let stopped_by = halted.lock().expect("no job panics holding the flag").clone();
                            let outcome = match (job, stopped_by) {
                                (Ok(job), Some(by)) => {
                                    let d = Diagnostic::error(format!(
                                        "not built: the batch stopped when the layout ran past its limit for `{by}`"
                                    ));
                                    failed(file, Some(job.job), &Failure::Input(Diagnostics::one(d)))
                                }
                                (Ok(job), None) => match build_one(base, job, file, root, options, renders) {
                                    (outcome, Some(built)) => {
                                        let written = Written { index, outcome, built };
                                        send.send(written).expect("the writers outlive the jobs");
                                        count_finished(finished);
                                        continue;
                                    }
                                    (outcome, None) => {
                                        if outcome.diagnostics.0.iter().any(|d| d.rule == Some(TIMEOUT_RULE)) {
                                            let id = outcome.job.as_ref().map(|job| job.id.value.clone());
                                            *halted.lock().expect("no job panics holding the flag") = id;
                                        }
                                        outcome
                                    }
                                },
                                (Err(failure), _) => failed(file, None, &failure),
                            };
                            count_finished(finished);
                            done(&outcome);
                            unwritten.push((index, outcome));
                        }
                    })
                    .expect("a job thread starts")
            })
            .collect();
        drop(send);
        let mut outcomes: Vec<(usize, Outcome)> =
            builders.into_iter().flat_map(|b| b.join().expect("a job thread panicked")).collect();
        // Every sender is gone once the jobs are built, so the writers drain the queue and stop.
        outcomes.extend(writers.into_iter().flat_map(|w| w.join().expect("a writer thread panicked")));
        outcomes.sort_by_key(|(index, _)| *index);
        outcomes.into_iter().map(|(_, outcome)| outcome).collect()
    });
    Ok(outcomes)
}

/// A job's cover letter as built.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LetterSummary {
    pub pages: usize,
    pub words: usize,
}

/// Counts a finished job, and every few jobs drops what Typst's memo cache has not used lately.
fn count_finished(finished: &AtomicUsize) {
    if finished.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        typst::comemo::evict(EVICT_AGE);
    }
}

/// A job's outputs on their way to the disk.
struct Written {
    index: usize,
    outcome: Outcome,
    built: Built,
}

/// Writes what the jobs built and completes their outcomes, returned by job index.
fn write_all(receive: &Mutex<Receiver<Written>>, done: &(dyn Fn(&Outcome) + Sync)) -> Vec<(usize, Outcome)> {
    let mut finished = Vec::new();
    loop {
        let next = receive.lock().expect("no writer panics holding the queue").recv();
        let Ok(Written { index, mut outcome, mut built }) = next else { return finished };
        if let Err(failure) = build::write(&mut built) {
            outcome.code = outcome.code.max(failure.exit_code());
            outcome.outputs.clear();
            outcome.diagnostics.0.extend(failure.diagnostics().0.iter().cloned());
        }
        done(&outcome);
        finished.push((index, outcome));
    }
}

/// Two job files with one id would write to one folder (on a case-insensitive disk, also ids
/// that differ only in case): each of them fails, naming the others.
fn reject_duplicate_ids(jobs: &mut [Result<LoadedJob, Failure>]) {
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, job) in jobs.iter().enumerate() {
        if let Ok(job) = job {
            by_id.entry(job.job.id.value.to_lowercase()).or_default().push(index);
        }
    }
    for shared in by_id.into_values().filter(|indices| indices.len() > 1) {
        let names: Vec<String> = shared.iter().map(|&i| loaded(&jobs[i]).source.name.clone()).collect();
        for (position, &index) in shared.iter().enumerate() {
            let job = loaded(&jobs[index]);
            let others: Vec<String> =
                names.iter().enumerate().filter(|(p, _)| *p != position).map(|(_, n)| format!("`{n}`")).collect();
            let d =
                Diagnostic::error(format!("the id `{}` is also the id of {}", job.job.id.value, others.join(" and ")))
                    .with_help("each job writes to the folder named by its id: give each job file its own `id:`");
            let d = if job.job.id.span.is_empty() { d.in_file(&job.source) } else { d.at(job.job.id.span.clone()) };
            jobs[index] = Err(Failure::Input(Diagnostics::one(d)));
        }
    }
}

fn loaded(job: &Result<LoadedJob, Failure>) -> &LoadedJob {
    job.as_ref().expect("only loaded jobs share an id")
}

/// Tailors, renders and checks one job; what it built is left for the writers. The job's
/// overrides keep their spans in the job file, so their diagnostics point there.
fn build_one(
    base: &Loaded,
    job: LoadedJob,
    file: &Path,
    root: &Path,
    options: &Options,
    renders: &build::Renders,
) -> (Outcome, Option<Built>) {
    let resume = tailor::apply(&base.resume, &job.job);
    let tailored = Loaded { source: Arc::clone(&base.source), resume, warnings: base.warnings.clone() };
    let coverage = keywords::report(&tailored.resume, &job);
    let options = Options { out_dir: root.join(&job.job.id.value), ..options.clone() };
    let (mut code, mut built, mut diagnostics) = match build::render_sharing(&tailored, &options, Some(renders)) {
        Ok(mut built) => {
            let code = u8::from(build::checks_failed(&built));
            let diagnostics = std::mem::take(&mut built.diagnostics);
            (code, Some(built), diagnostics)
        }
        Err(failure) => (failure.exit_code(), None, failure.diagnostics().clone()),
    };
    // The letter joins the resume's outputs, so the job's files are written as one set, or none.
    let mut letter = None;
    if let (Some(resume), Some(spec)) = (built.as_mut(), &job.job.letter) {
        let mut findings = crate::letter::checks(&tailored.resume, &job, spec, &coverage);
        if options.strict {
            crate::rules::escalate(&mut findings);
        }
        let failed = findings.iter().any(|d| d.severity == crate::diag::Severity::Error) && !options.force;
        diagnostics.0.extend(findings);
        let made = if failed {
            Err(Failure::Checks(Diagnostics::default()))
        } else {
            build::render_letter(&tailored, &resume.document, &job, spec, &options)
        };
        match made {
            Ok(made) => {
                letter = Some(LetterSummary { pages: made.pages, words: made.words });
                resume.outputs.extend(made.outputs);
                if made.diagnostics.iter().any(|d| d.severity == crate::diag::Severity::Error) {
                    code = code.max(1);
                }
                diagnostics.0.extend(made.diagnostics);
            }
            Err(failure) => {
                code = code.max(failure.exit_code());
                diagnostics.0.extend(failure.diagnostics().0.iter().cloned());
                built = None;
            }
        }
    }
    let outcome = Outcome {
        file: file.to_path_buf(),
        job: Some(job.job),
        code,
        pages: built.as_ref().map(|b| b.metrics.pages),
        fitted: built.as_ref().and_then(|b| b.fitted.clone()),
        letter,
        coverage: Some(coverage),
        outputs: built.iter().flat_map(|b| &b.outputs).map(|o| o.path.clone()).collect(),
        diagnostics,
    };
    (outcome, built)
}

/// An outcome for a job that did not build.
fn failed(file: &Path, job: Option<Job>, failure: &Failure) -> Outcome {
    Outcome {
        file: file.to_path_buf(),
        job,
        code: failure.exit_code(),
        pages: None,
        fitted: None,
        letter: None,
        coverage: None,
        outputs: Vec::new(),
        diagnostics: failure.diagnostics().clone(),
    }
}

/// The exit code of a batch: the worst of its jobs.
pub fn exit_code(outcomes: &[Outcome]) -> u8 {
    outcomes.iter().map(|o| o.code).max().unwrap_or(0)
}

/// `report.json`: one entry per job file.
#[derive(Serialize)]
pub struct Report<'a> {
    pub resume: String,
    pub jobs: Vec<JobReport<'a>>,
}

/// One job in `report.json`.
#[derive(Serialize)]
pub struct JobReport<'a> {
    pub id: Option<&'a str>,
    pub file: String,
    pub company: Option<&'a str>,
    pub title: Option<&'a str>,
    pub exit_code: u8,
    pub pages: Option<usize>,
    pub fitted: Option<&'a str>,
    /// The cover letter's pages and words, when the job has one and it was built.
    pub letter: Option<LetterSummary>,
    pub outputs: Vec<String>,
    #[serde(rename = "match")]
    pub coverage: Option<&'a Coverage>,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// The report of a batch, for `report.json`.
pub fn report<'a>(base: &Loaded, outcomes: &'a [Outcome]) -> Report<'a> {
    let jobs = outcomes
        .iter()
        .map(|o| JobReport {
            id: o.job.as_ref().map(|j| j.id.value.as_str()),
            file: o.file.display().to_string(),
            company: o.job.as_ref().map(|j| j.company.value.as_str()),
            title: o.job.as_ref().map(|j| j.title.value.as_str()),
            exit_code: o.code,
            pages: o.pages,
            fitted: o.fitted.as_deref(),
            letter: o.letter,
            outputs: o.outputs.iter().map(|p| p.display().to_string()).collect(),
            coverage: o.coverage.as_ref(),
            diagnostics: o.diagnostics.0.iter().map(JsonDiagnostic::from).collect(),
        })
        .collect();
    Report { resume: base.source.name.clone(), jobs }
}
