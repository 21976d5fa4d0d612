//! `rescc build --watch`: rebuild whenever the resume or its custom layout is saved.
//!
//! Directories are watched rather than files, so editors that save by writing a temporary file
//! and renaming it over the original are seen; bursts of events are debounced into one rebuild.
//! A failed build writes nothing, so the last good output stays in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_mini::new_debouncer;
use notify_debouncer_mini::notify::RecursiveMode;

use super::{BuildArgs, report};
use crate::build::{self, Options};
use crate::diag::Severity;
use crate::load::{self, Failure};

/// How long a burst of file events must be quiet before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Builds, then rebuilds on every change until interrupted.
pub fn run(args: &BuildArgs) -> ExitCode {
    let (tx, rx) = mpsc::channel();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(err) => {
            eprintln!("error: cannot watch files: {err}");
            return ExitCode::from(2);
        }
    };
    let mut watched_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    // Watch the resume's folder before the first build, so a save right after it is seen.
    if let Some(dir) = absolute(&args.resume).parent() {
        if let Err(err) = debouncer.watcher().watch(dir, RecursiveMode::NonRecursive) {
            eprintln!("error: cannot watch `{}`: {err}", dir.display());
            return ExitCode::from(2);
        }
        watched_dirs.insert(dir.to_path_buf());
    }
    // Settings, fonts among them, are resolved once for every rebuild.
    let options = super::build::options(args);
    loop {
        let (inputs, built_from) = build_once(args, &options);
        for dir in inputs.iter().filter_map(|file| file.parent()) {
            if watched_dirs.insert(dir.to_path_buf()) {
                if let Err(err) = debouncer.watcher().watch(dir, RecursiveMode::NonRecursive) {
                    eprintln!("error: cannot watch `{}`: {err}", dir.display());
                    return ExitCode::from(2);
                }
            }
        }
        // Wait for an event that concerns one of the inputs and changed its contents: a burst
        // that straddles the debounce window, or a save that left the bytes alone, is no reason
        // to build again.
        loop {
            match rx.recv() {
                Ok(Ok(events)) if events.iter().any(|e| inputs.iter().any(|i| same_file(i, &e.path))) => {
                    if fingerprint(&inputs) != built_from {
                        break;
                    }
                }
                Ok(_) => continue,
                Err(_) => return ExitCode::SUCCESS,
            }
        }
    }
}

/// Builds once, prints the diagnostics and a one-line result, and returns the files to watch
/// with the contents the build read (taken before building, so a save during it is not missed).
fn build_once(args: &BuildArgs, options: &Options) -> (Vec<PathBuf>, Vec<Option<Vec<u8>>>) {
    let started = Instant::now();
    let resume_before = std::fs::read(&args.resume).ok();
    let loaded = load::load(&args.resume);
    let mut inputs = vec![absolute(&args.resume)];
    if let Ok(loaded) = &loaded {
        let template = loaded.resume.layout.template.as_ref().filter(|t| t.ends_with(".typ"));
        if let Some(template) = template {
            inputs.push(absolute(&args.resume.parent().unwrap_or(Path::new("")).join(&template.value)));
        }
    }
    let mut built_from = fingerprint(&inputs);
    built_from[0] = resume_before;
    let result = loaded.and_then(|loaded| {
        let mut built = build::render(&loaded, options)?;
        build::write(&mut built)?;
        Ok(built)
    });
    let ms = started.elapsed().as_millis();
    match result {
        Ok(built) => {
            report(&built.diagnostics);
            let warnings = built.diagnostics.0.iter().filter(|d| d.severity == Severity::Warning).count();
            let pages = built.metrics.pages;
            let fitted = built.fitted.map(|f| format!(", fitted: {f}")).unwrap_or_default();
            println!("built in {ms} ms: {pages} page{}, {warnings} warning{}{fitted}", plural(pages), plural(warnings));
        }
        Err(failure) => {
            report(failure.diagnostics());
            let errors = failure.diagnostics().0.iter().filter(|d| d.severity == Severity::Error).count();
            let what = if matches!(failure, Failure::Checks(_)) { "checks failed" } else { "invalid input" };
            println!("failed in {ms} ms: {what}, {errors} error{}; the last good output is kept", plural(errors));
        }
    }
    (inputs, built_from)
}

/// The inputs' current contents (`None` while a file is missing, e.g. mid-rename).
fn fingerprint(inputs: &[PathBuf]) -> Vec<Option<Vec<u8>>> {
    inputs.iter().map(|path| std::fs::read(path).ok()).collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether an event path is `file`, comparing through canonical parents (the file itself may
/// be mid-rename and absent).
fn same_file(file: &Path, event: &Path) -> bool {
    let canon = |p: &Path| {
        let parent = p.parent().and_then(|d| d.canonicalize().ok());
        (parent, p.file_name().map(|n| n.to_os_string()))
    };
    file == event || canon(file) == canon(event)
}
