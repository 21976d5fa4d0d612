//! `rescc schema`: print the JSON Schema of a resume or a job file, for editors.

use super::term::out;
use std::process::ExitCode;

/// Which file format's schema to print.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SchemaKind {
    /// A resume (`resume.yaml`).
    Resume,
    /// A job file (`jobs/*.yaml`).
    Job,
}

/// Arguments of `rescc schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The format to describe.
    #[arg(value_enum, default_value = "resume")]
    pub kind: SchemaKind,
}

/// Prints the schema on standard output.
pub fn run(args: &SchemaArgs) -> ExitCode {
    let schema = match args.kind {
        SchemaKind::Resume => crate::schema::resume(),
        SchemaKind::Job => crate::schema::job(),
    };
    out!("{}", crate::schema::to_text(&schema));
    ExitCode::SUCCESS
}
