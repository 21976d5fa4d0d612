//! Command-line interface: parse arguments, run one command, return the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, Failure, Options};
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
        after_help = "Example:\n  rescc build resume.yaml            # writes out/<Name>_Resume.pdf\n  rescc build resume.yaml -o dist"
    )]
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The resume (YAML).
    pub resume: PathBuf,
    /// Directory for the outputs [default: out/ beside the resume].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
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
        Command::Build(args) => build_command(&args),
    }
}

fn build_command(args: &BuildArgs) -> ExitCode {
    let options = Options {
        out_dir: args.out.clone(),
        force: args.force,
        timestamp: std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()),
    };
    let result = build::load(&args.resume).and_then(|loaded| {
        let built = build::render(&loaded, &options)?;
        build::write(&built)?;
        Ok(built)
    });
    match result {
        Ok(built) => {
            report(&built.diagnostics);
            if !args.quiet {
                for output in &built.outputs {
                    println!(
                        "wrote {}: {} page{}, body {} pt",
                        output.path.display(),
                        built.metrics.pages,
                        if built.metrics.pages == 1 { "" } else { "s" },
                        built.metrics.body_size
                    );
                }
            }
            ExitCode::from(if build::checks_failed(&built) { 1 } else { 0 })
        }
        Err(failure) => fail(&failure),
    }
}

fn report(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
}

fn fail(failure: &Failure) -> ExitCode {
    report(failure.diagnostics());
    let errors = failure.diagnostics().0.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
    let what = match failure {
        Failure::Input(_) => "the input is invalid",
        Failure::Checks(_) => "checks failed; nothing was written (use --force to write anyway)",
    };
    eprintln!("error: {what} ({errors} error{})", if errors == 1 { "" } else { "s" });
    ExitCode::from(failure.exit_code())
}
