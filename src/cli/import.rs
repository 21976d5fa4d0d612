//! `rescc import`: convert a resume written for another tool (JSON Resume, YAMLResume, RenderCV)
//! to rescc YAML on standard output.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::term::out;
use crate::load::{self, Failure};

/// Arguments of `rescc import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file to convert: a JSON Resume (`resume.json`), YAMLResume or RenderCV file.
    pub resume: PathBuf,
}

/// Prints the converted resume; fields with no place in rescc become `# not mapped:` comments.
pub fn run(args: &ImportArgs) -> ExitCode {
    let source = match load::read_resume(&args.resume) {
        Ok(source) => Arc::new(source),
        Err(d) => return super::fail(&d.into()),
    };
    match crate::formats::import(&source) {
        Ok((yaml, unmapped)) => {
            out!("{yaml}");
            if !unmapped.is_empty() {
                let n = unmapped.len();
                eprintln!(
                    "note: {n} field{} not mapped; see the `# not mapped:` comments",
                    if n == 1 { "" } else { "s" }
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => super::fail(&Failure::Input(diagnostics)),
    }
}
