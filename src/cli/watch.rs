//! `rescc build --watch`: rebuild whenever the resume, its custom layout, a job file or a
//! posting is saved; with `--job`, the whole batch is rebuilt, and a new job file matching the
//! pattern joins it.
//!
//! Directories are watched rather than files, so editors that save by writing a temporary file
//! and renaming it over the original are seen; bursts of events are debounced into one rebuild.
//! A failed build writes nothing, so the last good output stays in place.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_mini::new_debouncer;
use notify_debouncer_mini::notify::RecursiveMode;
use time::{OffsetDateTime, UtcOffset};

use super::term::{error, out, outln};
use super::{BuildArgs, report};
use crate::build::{self, Options};
use crate::diag::Severity;
use crate::load::{self, Failure, MAX_INPUT_BYTES};

/// How long a burst of file events must be quiet before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// ANSI: clear the screen and move to its top left corner.
const CLEAR: &str = "\x1b[2J\x1b[H";

/// What one build read: each file and its contents at the time (`None` while it is missing).
type Fingerprint = Vec<(PathBuf, Option<Vec<u8>>)>;

/// Builds, then rebuilds on every change until interrupted.
pub fn run(args: &BuildArgs) -> ExitCode {
    // The local offset can only be read while the process has one thread: before the watcher's.
    let offset = UtcOffset::current_local_offset().ok();
    let (tx, rx) = mpsc::channel();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(err) => {
            error!("cannot watch files: {err}");
            return ExitCode::from(2);
        }
    };
    let mut watched_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let mut watch = |dir: &Path| -> Result<(), ExitCode> {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if watched_dirs.insert(absolute(dir))
            && let Err(err) = debouncer.watcher().watch(dir, RecursiveMode::NonRecursive)
        {
            error!("cannot watch `{}`: {err}", dir.display());
            return Err(ExitCode::from(2));
        }
        Ok(())
    };
    // The resume's folder and each job pattern's, before the first build, so a save right after
    // it (or a new job file) is seen.
    let folders = std::iter::once(args.resume().to_path_buf()).chain(args.job.iter().map(|p| literal_prefix(p)));
    for folder in folders {
        if let Err(code) = watch(folder.parent().unwrap_or(Path::new(""))) {
            return code;
        }
    }
    // Settings, fonts among them, are resolved once for every rebuild.
    let options = super::build::options(args, args.resume());
    let clear = std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal()
        && !args.no_clear
        && std::env::var_os("CI").is_none();
    let jobs = job_patterns(&args.job);
    let mut layout = load::load(args.resume()).ok().and_then(|loaded| loaded.layout_file());
    let mut first = true;
    loop {
        if clear {
            out!("{CLEAR}");
        }
        if first || clear {
            outln!("{}", banner(args, layout.as_deref(), &options));
            first = false;
        }
        let abandoned = crate::render::typst::abandoned();
        let read = build_once(args, &options, offset);
        if crate::render::typst::abandoned() > abandoned {
            eprintln!(
                "note: the compilation that ran out of time cannot be stopped and keeps a core busy; restart rescc watch once the layout is fixed"
            );
        }
        if let Some((file, _)) = read.get(1).filter(|(file, _)| is_layout(file)) {
            layout = Some(file.clone());
        }
        for (file, _) in &read {
            if let Err(code) = watch(file.parent().unwrap_or(Path::new(""))) {
                return code;
            }
        }
        // Wait for an event that concerns one of the inputs (or a file that would become one)
        // and changed what the build would read: a burst that straddles the debounce window, or
        // a save that left the bytes alone, is no reason to build again.
        let concerns = |path: &Path| {
            read.iter().any(|(file, _)| same_file(file, path)) || jobs.iter().any(|p| p.matches_path(path))
        };
        loop {
            match rx.recv() {
                Ok(Ok(events)) if events.iter().any(|e| concerns(&e.path)) => {
                    if fingerprint(args, &read) != read {
                        break;
                    }
                }
                Ok(_) => continue,
                Err(_) => return ExitCode::SUCCESS,
            }
        }
    }
}

/// `watching resume.yaml, jobs/*.yaml, layout.typ -> out/; Ctrl-C to stop`
fn banner(args: &BuildArgs, layout: Option<&Path>, options: &Options) -> String {
    let mut watched = vec![args.resume().display().to_string()];
    watched.extend(args.job.iter().cloned());
    watched.extend(layout.map(shown));
    let out = options.out_dir.display().to_string();
    let out = if out.ends_with('/') { out } else { out + "/" };
    format!("watching {} -> {out}; Ctrl-C to stop", watched.join(", "))
}

/// Whether a file a build read is a custom layout.
fn is_layout(file: &Path) -> bool {
    file.extension().is_some_and(|e| e == "typ")
}

/// Builds once (the batch, with `--job`), prints the diagnostics and a one-line result, and
/// returns the files the build read with their contents (taken before building, so a save
/// during it is not missed).
fn build_once(args: &BuildArgs, options: &Options, offset: Option<UtcOffset>) -> Fingerprint {
    let started = Instant::now();
    let stamp = timestamp(offset);
    let resume = args.resume();
    if !resume.exists() {
        // Mid-rename, or deleted: one line, and the next save builds again.
        outln!("[{stamp}] {} is missing; waiting for it to be saved again", resume.display());
        return vec![(absolute(resume), None)];
    }
    let before = read(resume);
    if !args.job.is_empty() {
        let (code, inputs) = super::batch::once(args, options);
        let mut read: Fingerprint = inputs.iter().map(|file| (absolute(file), self::read(file))).collect();
        read[0].1 = before;
        let ms = started.elapsed().as_millis();
        let what = match code {
            0 => "built",
            1 => "checks failed",
            _ => "failed",
        };
        let patterns = job_patterns(&args.job);
        let jobs = inputs.iter().filter(|f| patterns.iter().any(|p| p.matches_path(&absolute(f)))).count();
        outln!("[{stamp}] {what} in {ms} ms: {jobs} job{}", plural(jobs));
        return read;
    }
    let loaded = load::load(resume);
    let mut read: Fingerprint = vec![(absolute(resume), before)];
    if let Some(layout) = loaded.as_ref().ok().and_then(load::Loaded::layout_file) {
        read.push((absolute(&layout), self::read(&layout)));
    }
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
            outln!(
                "[{stamp}] built in {ms} ms: {pages} page{}, {warnings} warning{}{fitted}",
                plural(pages),
                plural(warnings)
            );
        }
        Err(failure) => {
            report(failure.diagnostics());
            let errors = failure.diagnostics().0.iter().filter(|d| d.severity == Severity::Error).count();
            let what = if matches!(failure, Failure::Checks(_)) { "checks failed" } else { "invalid input" };
            outln!(
                "[{stamp}] failed in {ms} ms: {what}, {errors} error{}; the last good output is kept",
                plural(errors)
            );
        }
    }
    read
}

/// What a build would read now: the files the last one read, and the job files the patterns
/// match now (one may have been added).
fn fingerprint(args: &BuildArgs, last: &Fingerprint) -> Fingerprint {
    let mut files: Vec<PathBuf> = last.iter().map(|(file, _)| file.clone()).collect();
    if !args.job.is_empty() {
        let now = crate::batch::expand(&args.job).unwrap_or_default();
        files.extend(now.iter().map(|f| absolute(f)).filter(|f| !last.iter().any(|(l, _)| l == f)));
    }
    files.into_iter().map(|file| (file.clone(), read(&file))).collect()
}

/// A file's contents, as far as the loader would read them (a device is not read forever).
fn read(path: &Path) -> Option<Vec<u8>> {
    path.is_file().then(|| load::read_at_most(path, MAX_INPUT_BYTES).ok()).flatten()
}

/// `14:03:27`, in local time when it is known.
fn timestamp(offset: Option<UtcOffset>) -> String {
    let now = OffsetDateTime::now_utc();
    let now = offset.map_or(now, |offset| now.to_offset(offset));
    format!("{:02}:{:02}:{:02}", now.hour(), now.minute(), now.second())
}

/// The job patterns as absolute globs, to recognise a new job file in an event.
fn job_patterns(patterns: &[String]) -> Vec<glob::Pattern> {
    patterns.iter().filter_map(|p| glob::Pattern::new(&absolute(Path::new(p)).to_string_lossy()).ok()).collect()
}

/// The part of a glob before its first wildcard, as a path (`jobs/*.yaml` -> `jobs/x`): its
/// parent is the folder new job files appear in.
fn literal_prefix(pattern: &str) -> PathBuf {
    let end = pattern.find(['*', '?', '[']).unwrap_or(pattern.len());
    let literal = &pattern[..end];
    let cut = literal.rfind('/').map_or(0, |i| i + 1);
    PathBuf::from(&literal[..cut]).join("x")
}

fn shown(file: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd.as_deref().and_then(|cwd| file.strip_prefix(cwd).ok());
    relative.unwrap_or(file).display().to_string()
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
