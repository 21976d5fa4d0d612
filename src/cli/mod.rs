//! Command-line interface: parse arguments, run one command, return the exit code.
//!
//! One file per subcommand; this one holds the argument types and dispatches.

mod batch;
mod build;
mod check;
mod completions;
mod import;
mod init;
mod layouts;
mod matching;
mod schema;
pub(crate) mod term;
mod verify;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::Diagnostics;
use crate::load::Failure;
use crate::model::Date;
use crate::render::Format;
use crate::render::typst::PdfStandard;

/// Compile a resume written in YAML into an ATS-friendly PDF, checked against hiring guidance.
#[derive(Debug, Parser)]
#[command(
    name = "rescc",
    version,
    about,
    propagate_version = true,
    after_help = "Examples:\n  rescc init my-resume && cd my-resume\n  rescc check resume.yaml\n  rescc build resume.yaml"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: clap::ColorChoice,
    /// Print only problems (and what the command was asked to print).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the resume, typeset it and write the outputs.
    #[command(
        after_help = "Examples:\n  rescc build resume.yaml                 # out/<Name>_Resume.pdf and .docx\n  rescc build resume.yaml -o dist --format pdf,png\n  rescc build resume.yaml --job 'jobs/*.yaml'   # out/<job id>/ per posting, out/report.json"
    )]
    Build(BuildArgs),
    /// Validate the resume and lint its content against the hiring guidance, without typesetting.
    #[command(
        after_help = "Examples:\n  rescc check resume.yaml                 # warnings and errors, like a compiler\n  rescc check resume.yaml --strict --format json\n  rescc check resume.yaml --format github  # annotations on a pull request's diff\n  rescc check --list-rules                # every rule: id, default severity, stage, what it asks"
    )]
    Check(CheckArgs),
    /// Report which of a job posting's skill terms the resume covers, and where.
    #[command(
        after_help = "Examples:\n  rescc match resume.yaml jobs/acme.yaml   # matched, under another name, missing\n  rescc match resume.yaml jobs/acme.yaml --format json"
    )]
    Match(MatchArgs),
    /// Read a PDF or DOCX as an ATS would: its text, sections and contact details, checked against a resume.
    #[command(
        after_help = "Examples:\n  rescc verify out/Priya_Raman_Resume.pdf --against resume.yaml   # every field, in order\n  rescc verify ~/Downloads/resume.docx     # what an ATS reads, and unreadable characters"
    )]
    Verify(verify::VerifyArgs),
    /// List the built-in layouts.
    #[command(after_help = "Example:\n  rescc layouts")]
    Layouts,
    /// Write a starter resume.yaml, a sample jobs/example.yaml, their editor schemas and a .gitignore.
    #[command(
        after_help = "Examples:\n  rescc init                              # in the current directory\n  rescc init my-resume                    # creates my-resume/"
    )]
    Init(init::InitArgs),
    /// Print the JSON Schema of the resume (or job file) format, for editors.
    #[command(
        after_help = "Examples:\n  rescc schema > resume.schema.json       # then: # yaml-language-server: $schema=./resume.schema.json\n  rescc schema job > job.schema.json"
    )]
    Schema(schema::SchemaArgs),
    /// Convert a JSON Resume, YAMLResume or RenderCV file to rescc YAML on standard output.
    #[command(
        after_help = "Examples:\n  rescc import resume.json > resume.yaml        # JSON Resume; or build it directly: rescc build resume.json\n  rescc import Jane_Doe_CV.yaml > resume.yaml   # RenderCV (YAMLResume alike)"
    )]
    Import(import::ImportArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  rescc completions bash > ~/.local/share/bash-completion/completions/rescc\n  rescc completions zsh > ~/.zfunc/_rescc\n  rescc completions fish > ~/.config/fish/completions/rescc.fish"
    )]
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), of rescc or of one command.
    #[command(after_help = "Examples:\n  rescc man | man -l -\n  rescc man build > rescc-build.1")]
    Man(completions::ManArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The resume (YAML or JSON Resume); several build one after another, each into out/ beside it.
    #[arg(required = true, value_name = "RESUME")]
    pub resumes: Vec<PathBuf>,
    /// Directory for the outputs [default: out/ beside the resume].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Output formats, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "pdf,docx")]
    pub format: Vec<FormatArg>,
    /// Keep the layout's spacing, font size and margins even if the resume overflows its page limit.
    #[arg(long)]
    pub no_fit: bool,
    /// Write the outputs even when a check fails (the exit code still reports it).
    #[arg(long)]
    pub force: bool,
    /// Also look for fonts in this directory (repeatable).
    #[arg(long, value_name = "DIR", value_parser = crate::fonts::font_path)]
    pub font_path: Vec<PathBuf>,
    /// Also use the fonts installed on this system.
    #[arg(long)]
    pub system_fonts: bool,
    /// Rebuild whenever the resume, its custom layout or a job file is saved.
    #[arg(long)]
    pub watch: bool,
    /// In watch mode, keep the scrollback instead of clearing the screen before each rebuild.
    #[arg(long, requires = "watch")]
    pub no_clear: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Make the PDF conform to a standard: PDF/A-2b or A-2u for archives, PDF/UA-1 for accessibility.
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandardArg>,
    /// Build one tailored resume per job file into <out>/<job id>/ (a glob; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub job: Vec<String>,
    /// Stop a layout that has not finished typesetting after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = layout_timeout)]
    pub layout_timeout: std::time::Duration,
}

impl BuildArgs {
    /// The resume a single build, a batch or a watch reads.
    pub fn resume(&self) -> &std::path::Path {
        &self.resumes[0]
    }
}

/// `--layout-timeout`: a number of seconds, more than none and at most an hour.
fn layout_timeout(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text.trim().parse().map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(seconds > 0.0 && seconds <= 3600.0) {
        return Err(format!("{seconds} s is outside 0–3600 s"));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// The resume (YAML).
    pub resume: PathBuf,
    /// The job file.
    pub job: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The resumes (YAML or JSON Resume); several for pre-commit hooks and CI.
    #[arg(required_unless_present = "list_rules")]
    pub resume: Vec<PathBuf>,
    /// List the rules (id, default severity, stage, what each asks) instead of checking a resume.
    #[arg(long, conflicts_with_all = ["strict", "format", "resume"])]
    pub list_rules: bool,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "text")]
    pub format: check::CheckFormat,
    /// Also look for fonts in this directory (repeatable), as `build` would.
    #[arg(long, value_name = "DIR", value_parser = crate::fonts::font_path)]
    pub font_path: Vec<PathBuf>,
    /// Also use the fonts installed on this system, as `build` would.
    #[arg(long)]
    pub system_fonts: bool,
    /// Also check the cover letter of each job file (a glob; repeatable), against the resume as
    /// tailored for the job.
    #[arg(long, value_name = "GLOB")]
    pub job: Vec<String>,
}

/// An output format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Docx,
    /// One preview image per page.
    Png,
    /// Plain text, for pasting into job portals.
    Txt,
    /// Markdown.
    Md,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Docx => Format::Docx,
            FormatArg::Png => Format::Png,
            FormatArg::Txt => Format::Txt,
            FormatArg::Md => Format::Md,
        }
    }
}

/// A PDF standard, as `--pdf-standard` names it; without one the PDF is tagged PDF 1.7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandardArg {
    /// PDF/A-2b, for archives.
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2u: PDF/A-2b with Unicode text.
    #[value(name = "a-2u")]
    A2u,
    /// PDF/UA-1, for accessibility.
    #[value(name = "ua-1")]
    Ua1,
}

impl From<PdfStandardArg> for PdfStandard {
    fn from(standard: PdfStandardArg) -> PdfStandard {
        match standard {
            PdfStandardArg::A2b => PdfStandard::A2b,
            PdfStandardArg::A2u => PdfStandard::A2u,
            PdfStandardArg::Ua1 => PdfStandard::Ua1,
        }
    }
}

/// How `rescc match` prints its report.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// Diagnostics with source snippets, then a summary line (standard error).
    Text,
    /// One JSON report on standard output.
    Json,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    term::init(cli.color, cli.quiet);
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Match(args) => matching::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Layouts => layouts::run(),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => completions::man(&args),
    }
}

/// `SOURCE_DATE_EPOCH`: the moment reproducible builds pin, in seconds since the epoch.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok())
}

/// Today, in UTC: the day `SOURCE_DATE_EPOCH` names when it is set, so a pinned build is the
/// same build on any day; the clock otherwise. Read once per command and passed down.
pub fn today() -> Date {
    let now = source_date_epoch()
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc);
    Date { year: now.year(), month: Some(now.month() as u8), day: Some(now.day()) }
}

/// Prints diagnostics to standard error.
pub(crate) fn report(diagnostics: &Diagnostics) {
    term::report(diagnostics);
}

/// Reports a failure and returns its exit code.
pub(crate) fn fail(failure: &Failure) -> ExitCode {
    // A problem with no place in a file (a missing file, a folder, a PDF) is one line.
    if let [d] = failure.diagnostics().0.as_slice()
        && d.file.is_none()
    {
        let help = d.help.as_ref().map(|h| format!("; {h}")).unwrap_or_default();
        term::error!("{}{help}", d.message);
        return ExitCode::from(failure.exit_code());
    }
    report(failure.diagnostics());
    let errors = failure.diagnostics().0.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
    let what = match failure {
        Failure::Input(_) => "the input is invalid",
        Failure::Checks(_) => "checks failed; nothing was written (use --force to write anyway)",
    };
    term::error!("{what} ({errors} error{})", if errors == 1 { "" } else { "s" });
    ExitCode::from(failure.exit_code())
}

/// What a file given on the command line is, judged by its top-level keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Resume,
    Job,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Resume => "a resume",
            Kind::Job => "a job file",
        }
    }
}

/// What `path` looks like, and the keys that say so; `None` when it is neither (or unreadable).
fn looks_like(path: &std::path::Path) -> Option<(Kind, Vec<String>)> {
    let source = std::sync::Arc::new(crate::load::read(path).ok()?);
    let root = crate::yaml::parse(&source).ok()?;
    let crate::yaml::NodeKind::Map(entries) = &root.kind else { return None };
    let keys: Vec<&str> = entries
        .iter()
        .filter_map(|(key, _)| match &key.kind {
            crate::yaml::NodeKind::Scalar { value, .. } => Some(value.as_str()),
            _ => None,
        })
        .collect();
    let having = |names: &[&str]| -> Vec<String> {
        keys.iter().filter(|k| names.contains(k)).map(|k| format!("`{k}`")).collect()
    };
    let job = having(&["posting", "posting_file", "company", "skills_first"]);
    let resume = having(&["basics", "name", "contact", "experience", "work", "education", "skills"]);
    match (job.is_empty(), resume.is_empty()) {
        (false, true) => Some((Kind::Job, job)),
        (true, false) => Some((Kind::Resume, resume)),
        _ => None,
    }
}

/// When a file failed to load as `expected` because it is the other kind, one error that says
/// so and how the command is used; `usage` is filled with the file's path.
fn misplaced(path: &std::path::Path, expected: Kind, usage: &str) -> Option<ExitCode> {
    let (kind, keys) = looks_like(path).filter(|(kind, _)| *kind != expected)?;
    term::error!("`{}` is {} (it has {}), not {}", path.display(), kind.name(), keys.join(", "), expected.name());
    eprintln!("  = help: {}", usage.replace("{}", &path.display().to_string()));
    Some(ExitCode::from(2))
}
