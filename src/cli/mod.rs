//! Command-line interface: parse arguments, run one command, return the exit code.
//!
//! One file per subcommand; this one holds the argument types and dispatches.

mod build;
mod layouts;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::Failure;
use crate::diag::Diagnostics;

/// Compile a resume written in YAML into an ATS-friendly PDF, checked against hiring guidance.
#[derive(Debug, Parser)]
#[command(name = "rescc", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the resume, typeset it and write the outputs.
    #[command(
        after_help = "Examples:\n  rescc build resume.yaml                 # out/<Name>_Resume.pdf and .docx\n  rescc build resume.yaml -o dist --format pdf,png"
    )]
    Build(BuildArgs),
    /// List the built-in layouts.
    #[command(after_help = "Example:\n  rescc layouts")]
    Layouts,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The resume (YAML).
    pub resume: PathBuf,
    /// Directory for the outputs [default: out/ beside the resume].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Output formats, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "pdf,docx")]
    pub format: Vec<crate::build::Format>,
    /// Keep the layout's spacing, font size and margins even if the resume overflows its page limit.
    #[arg(long)]
    pub no_fit: bool,
    /// Write the outputs even when a check fails (the exit code still reports it).
    #[arg(long)]
    pub force: bool,
    /// Print only problems.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Layouts => layouts::run(),
    }
}

/// Prints diagnostics to standard error.
pub(crate) fn report(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
}

/// Reports a failure and returns its exit code.
pub(crate) fn fail(failure: &Failure) -> ExitCode {
    report(failure.diagnostics());
    let errors = failure.diagnostics().0.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
    let what = match failure {
        Failure::Input(_) => "the input is invalid",
        Failure::Checks(_) => "checks failed; nothing was written (use --force to write anyway)",
    };
    eprintln!("error: {what} ({errors} error{})", if errors == 1 { "" } else { "s" });
    ExitCode::from(failure.exit_code())
}
