//! `rescc completions` and `rescc man`: shell completions and the manual pages, from the clap model.
//!
//! The manual adds what clap does not know: the examples (one tagged paragraph each, so a
//! comment never wraps into the next command), EXIT STATUS, FILES and ENVIRONMENT.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, bold, roman};

use super::Cli;
use super::term::{emit_bytes, error, outln};

/// Arguments of `rescc completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for a shell on standard output.
pub fn run(args: &CompletionsArgs) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "rescc", &mut script);
    emit_bytes(&script);
    ExitCode::SUCCESS
}

/// Arguments of `rescc man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand whose own page to print, e.g. `build`.
    #[arg(conflicts_with = "dir")]
    pub command: Option<String>,
    /// Write every page (rescc.1 and one per subcommand, rescc-build.1...) into this directory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints a manual page (roff) on standard output, or writes them all with `--dir`.
pub fn man(args: &ManArgs) -> ExitCode {
    let mut command = Cli::command();
    command.build();
    if let Some(dir) = &args.dir {
        let pages = std::iter::once(command.clone()).chain(subcommands(&command).cloned());
        for page in pages {
            let path = dir.join(format!("{}.1", page_name(&page)));
            if let Err(err) = crate::write::write_atomic(&path, &render(&page).into_bytes()) {
                error!("cannot write `{}`: {err}", path.display());
                return ExitCode::from(2);
            }
            if !super::term::quiet() {
                outln!("wrote {}", path.display());
            }
        }
        return ExitCode::SUCCESS;
    }
    if let Some(name) = &args.command {
        let Some(sub) = command.find_subcommand(name).cloned() else {
            let names: Vec<&str> = subcommands(&command).map(|c| c.get_name()).collect();
            error!("no command is called `{name}`; one of: {}", names.join(", "));
            return ExitCode::from(2);
        };
        command = sub;
    }
    emit_bytes(render(&command).as_bytes());
    ExitCode::SUCCESS
}

/// The subcommands that get a page of their own (not clap's `help`).
fn subcommands(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|c| c.get_name() != "help")
}

/// `rescc`, `rescc-build`: the page's name, as `man` looks it up.
fn page_name(command: &clap::Command) -> String {
    command.get_display_name().unwrap_or(command.get_name()).to_string()
}

/// One manual page: clap's sections, then the examples and the sections every page shares.
fn render(command: &clap::Command) -> String {
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    // Writing into memory cannot fail.
    let _ = man.render_title(&mut page);
    let _ = man.render_name_section(&mut page);
    let _ = man.render_synopsis_section(&mut page);
    let _ = man.render_description_section(&mut page);
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        let _ = man.render_options_section(&mut page);
    }
    if command.has_subcommands() {
        let _ = man.render_subcommands_section(&mut page);
    }
    let mut roff = Roff::new();
    examples(&mut roff, command);
    shared_sections(&mut roff, command);
    let _ = roff.to_writer(&mut page);
    let _ = man.render_version_section(&mut page);
    String::from_utf8_lossy(&page).into_owned()
}

/// EXAMPLES from the command's `after_help` (`  rescc build resume.yaml   # what it does`):
/// the command in bold as the tag, the comment as the paragraph under it.
fn examples(roff: &mut Roff, command: &clap::Command) {
    let Some(help) = command.get_after_help().map(|h| h.to_string()) else { return };
    let lines: Vec<&str> = help.lines().filter(|l| l.starts_with("  ")).collect();
    if lines.is_empty() {
        return;
    }
    roff.control("SH", ["EXAMPLES"]);
    for line in lines {
        let (example, comment) = match line.find("  # ") {
            Some(at) => (line[..at].trim(), line[at..].trim().trim_start_matches('#').trim()),
            None => (line.trim(), ""),
        };
        roff.control("TP", []).text([bold(example)]);
        roff.text([roman(comment)]);
    }
}

/// EXIT STATUS, ENVIRONMENT and FILES, the same for every command.
fn shared_sections(roff: &mut Roff, command: &clap::Command) {
    let tagged = |roff: &mut Roff, items: &[(&str, &str)]| {
        for (tag, text) in items {
            roff.control("TP", []).text([bold(*tag)]);
            roff.text([roman(*text)]);
        }
    };
    roff.control("SH", ["EXIT STATUS"]);
    tagged(roff, EXIT_STATUS);
    roff.control("SH", ["ENVIRONMENT"]);
    tagged(roff, ENVIRONMENT);
    roff.control("SH", ["FILES"]);
    tagged(roff, FILES);
    if command.get_name() != "rescc" {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([bold("rescc"), roman("(1)")]);
    }
}

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success; warnings may have been printed."),
    (
        "1",
        "A check failed: a rule at error severity, the page or font limits, or the read-back of an output. Nothing is written unless --force is given.",
    ),
    ("2", "Bad input or usage: a file that cannot be read or parsed, a schema error, an unknown option."),
    ("141", "Standard output was closed (rescc schema | head); the command stopped quietly."),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SOURCE_DATE_EPOCH",
        "Seconds since 1970-01-01 UTC. Pins the date the build uses for \"today\" (present roles, recency rules) and the PDF's creation date, for reproducible builds.",
    ),
    ("NO_COLOR", "When set to a non-empty value, diagnostics are not coloured (unless --color always)."),
    (
        "RAYON_NUM_THREADS",
        "How many threads build and typeset in parallel (default: one per core); a batch runs that many jobs at once.",
    ),
    (
        "CI",
        "When set, a batch prints one plain line per job instead of a progress bar, and watch mode does not clear the screen.",
    ),
];

const FILES: &[(&str, &str)] = &[
    ("resume.yaml", "The resume, in rescc YAML; a JSON Resume document (resume.json) is read too."),
    (
        "jobs/*.yaml",
        "Job files: a posting's title, company, text or posting_file, and how to tailor the resume for it.",
    ),
    (
        "out/",
        "The outputs, beside the resume unless -o names another directory: <Name>_Resume.pdf and .docx, and with --job one folder per job id and report.json.",
    ),
    (
        "resume.schema.json, job.schema.json",
        "JSON Schemas for editors, written by rescc init and printed by rescc schema.",
    ),
    ("*.typ", "A custom Typst layout named by layout.template; it may read files only in its own folder."),
];
