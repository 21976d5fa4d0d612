//! `rescc init`: write a starter resume, a sample job file and their editor schemas.
//!
//! The starter files are data under `templates/`, embedded in the binary; the schema is
//! generated, so it always matches the binary that wrote it. Nothing is ever overwritten.

use super::term::{error, outln, quiet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `rescc init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The directory to create the files in (created if missing) [default: the current directory].
    pub dir: Option<PathBuf>,
}

const RESUME: &str = include_str!("../../templates/resume.yaml");
const JOB: &str = include_str!("../../templates/job.yaml");
const GITIGNORE: &str = include_str!("../../templates/gitignore");

/// Writes the starter files, or none of them if any already exists.
pub fn run(args: &InitArgs) -> ExitCode {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let files = [
        ("resume.yaml", RESUME.to_string()),
        ("resume.schema.json", crate::schema::to_text(&crate::schema::resume())),
        ("jobs/example.yaml", JOB.to_string()),
        ("job.schema.json", crate::schema::to_text(&crate::schema::job())),
    ];
    let shown = |name: &str| if args.dir.is_some() { dir.join(name) } else { PathBuf::from(name) };
    if dir.exists() && !dir.is_dir() {
        return usage(format!("`{}` is a file, not a directory", dir.display()));
    }
    // Every target is checked first, so a refusal leaves the directory exactly as it was.
    if let Some((name, _)) = files.iter().find(|(name, _)| dir.join(name).symlink_metadata().is_ok()) {
        return usage(format!(
            "`{}` already exists; rescc init never overwrites a file (move it away, or pass another directory)",
            shown(name).display()
        ));
    }
    for (name, text) in &files {
        if let Err(err) = create(&dir.join(name), text) {
            return usage(format!("cannot write `{}`: {err}", shown(name).display()));
        }
        if !quiet() {
            outln!("created {}", shown(name).display());
        }
    }
    let gitignore = dir.join(".gitignore");
    match std::fs::read_to_string(&gitignore) {
        // An existing .gitignore is the user's: leave it, and say what it should hold.
        Ok(text) if !text.lines().any(|l| matches!(l.trim(), "out/" | "out" | "/out/" | "/out")) => {
            // Advice, not chatter: shown under -q too.
            outln!("kept {}; add `out/` to it to keep built files out of git", shown(".gitignore").display())
        }
        Ok(_) => {}
        Err(_) => match create(&gitignore, GITIGNORE) {
            Ok(()) if quiet() => {}
            Ok(()) => outln!("created {}", shown(".gitignore").display()),
            Err(err) => return usage(format!("cannot write `{}`: {err}", shown(".gitignore").display())),
        },
    }
    if quiet() {
        return ExitCode::SUCCESS;
    }
    let resume = shown("resume.yaml");
    outln!("\nnext: edit {0}, then run `rescc check {0}` and `rescc build {0}`", resume.display());
    ExitCode::SUCCESS
}

/// Creates a file that must not exist yet, with its parent directories.
fn create(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    use std::io::Write as _;
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)?.write_all(text.as_bytes())
}

fn usage(message: String) -> ExitCode {
    error!("{message}");
    ExitCode::from(2)
}
