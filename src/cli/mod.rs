//! Command-line interface: parse arguments, run one command, return the exit code.
//!
//! One file per subcommand; this one holds the argument types and dispatches.

mod build;
mod check;
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
    /// Validate the resume and lint its content against the hiring guidance, without typesetting.
    #[command(
        after_help = "Examples:\n  rescc check resume.yaml                 # warnings and errors, like a compiler\n  rescc check resume.yaml --strict --format json"
    )]
    Check(CheckArgs),
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
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The resume (YAML).
    pub resume: PathBuf,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// How to print the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// How `rescc check` prints its report.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// Diagnostics with source snippets, then a summary line (standard error).
    Text,
    /// One JSON report on standard output.
    Json,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
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
