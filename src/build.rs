//! The pipeline, end to end: source -> model -> validate -> IR -> typeset -> checks -> write.
//!
//! Every output is produced in memory first and written only when all succeeded, so a failed
//! build leaves earlier outputs untouched.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::decode::{Decode, Decoder};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::fonts::Fonts;
use crate::ir::{self, Document};
use crate::model::{Date, Resume};
use crate::render::typst::{self as typst_render, LayoutSource, Metrics};
use crate::source::{self, Source};
use crate::{fit, layouts, rules, validate, write};

/// Why a command failed; each maps to an exit code.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be used (exit 2).
    Input(Diagnostics),
    /// The input is valid but the result breaks a rule at error severity (exit 1).
    Checks(Diagnostics),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) => 2,
            Failure::Checks(_) => 1,
        }
    }

    pub fn diagnostics(&self) -> &Diagnostics {
        match self {
            Failure::Input(d) | Failure::Checks(d) => d,
        }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Input(Diagnostics::one(d))
    }
}

/// A resume read and validated, with the file it came from.
pub struct Loaded {
    pub source: Arc<Source>,
    pub resume: Resume,
}

/// Reads, parses, decodes and validates a resume, reporting every problem at once.
pub fn load(path: &Path) -> Result<Loaded, Failure> {
    let source = Arc::new(Source::read(path)?);
    load_source(source)
}

/// Like [`load`], for text already in memory.
pub fn load_source(source: Arc<Source>) -> Result<Loaded, Failure> {
    let node = source::parse_yaml(&source).map_err(Failure::Input)?;
    let mut decoder = Decoder::new(Arc::clone(&source));
    let resume = Resume::decode(&node, &mut decoder);
    if let Some(resume) = &resume {
        validate::validate(resume, &mut decoder);
    }
    let mut diagnostics = Diagnostics(decoder.diagnostics);
    if diagnostics.has_errors() || resume.is_none() {
        diagnostics.sort();
        return Err(Failure::Input(diagnostics));
    }
    Ok(Loaded { source, resume: resume.unwrap_or_default() })
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
    /// One preview image per page.
    Png,
}

/// Settings for one build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Output directory; default `out/` beside the input.
    pub out_dir: Option<PathBuf>,
    pub formats: Vec<Format>,
    /// Write outputs even when a check fails.
    pub force: bool,
    /// Tighten spacing, font size and margins (within bounds) to meet the page limit.
    pub fit: bool,
    /// Treat warnings as errors (`--strict`).
    pub strict: bool,
    /// Creation date for the PDF, seconds since the epoch (`SOURCE_DATE_EPOCH`).
    pub timestamp: Option<i64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            out_dir: None,
            formats: vec![Format::Pdf, Format::Docx],
            force: false,
            fit: true,
            strict: false,
            timestamp: None,
        }
    }
}

/// One file a build produced.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What a build made and what it noticed.
#[derive(Debug)]
pub struct Built {
    /// The document as rendered (with fitted style, if auto-fit tightened it).
    pub document: Document,
    pub metrics: Metrics,
    pub outputs: Vec<Output>,
    /// What auto-fit changed ("font 10.5 -> 10.2 pt, ..."), if anything.
    pub fitted: Option<String>,
    /// Typst compilations the build needed (auto-fit adds some).
    pub compilations: usize,
    /// Warnings (and, with `--force`, errors) to show the user.
    pub diagnostics: Diagnostics,
}

/// Builds every output in memory; nothing is written.
pub fn render(loaded: &Loaded, options: &Options) -> Result<Built, Failure> {
    let mut document = ir::build(&loaded.resume, Date::today());
    let layout = layout_source(loaded)?;
    let fonts = Fonts::bundled();
    let input_failure = |d: Vec<Diagnostic>| Failure::Input(Diagnostics(d));
    let first = typst_render::typeset(&layout, &document, Arc::clone(&fonts)).map_err(input_failure)?;
    let base = document.style.clone();
    let (typeset, compilations) = if options.fit {
        let fitted = fit::fit(&layout, &document, &fonts, first).map_err(input_failure)?;
        document.style = fitted.style;
        (fitted.typeset, fitted.compilations)
    } else {
        (first, 1)
    };
    let mut diagnostics = Diagnostics(rules::content_checks(loaded));
    diagnostics.0.extend(rules::typeset_checks(loaded, &document, &typeset.metrics));
    if options.strict {
        rules::escalate(&mut diagnostics.0);
    }
    if diagnostics.has_errors() && !options.force {
        return Err(Failure::Checks(diagnostics));
    }
    let dir = output_dir(&loaded.source.path, options);
    let stem = file_stem(&document.name);
    let mut outputs = Vec::new();
    for format in &options.formats {
        match format {
            Format::Pdf => {
                let pdf = typst_render::pdf(&typeset, options.timestamp, Default::default()).map_err(input_failure)?;
                outputs.push(Output { path: dir.join(format!("{stem}.pdf")), bytes: pdf });
            }
            Format::Docx => {
                let docx = crate::render::docx::render(&document);
                outputs.push(Output { path: dir.join(format!("{stem}.docx")), bytes: docx });
            }
            Format::Png => {
                for (i, png) in typst_render::png(&typeset).into_iter().enumerate() {
                    outputs.push(Output { path: dir.join(format!("{stem}-{}.png", i + 1)), bytes: png });
                }
            }
        }
    }
    for output in &outputs {
        refuse_overwriting_input(&loaded.source.path, &output.path)?;
    }
    diagnostics.sort();
    let fitted = fit::describe(&base, &document.style);
    Ok(Built { document, metrics: typeset.metrics, outputs, fitted, compilations, diagnostics })
}

/// Writes what [`render`] produced.
pub fn write(built: &Built) -> Result<(), Failure> {
    for output in &built.outputs {
        write::write_atomic(&output.path, &output.bytes).map_err(|err| {
            Diagnostic::error(format!("cannot write `{}`: {err}", output.path.display()))
                .with_help("check that the output directory is writable, or choose another with `-o DIR`")
        })?;
    }
    Ok(())
}

/// Whether any check failed at error severity (the build still wrote, with `--force`).
pub fn checks_failed(built: &Built) -> bool {
    built.diagnostics.0.iter().any(|d| d.severity == Severity::Error)
}

fn layout_source(loaded: &Loaded) -> Result<LayoutSource, Failure> {
    let template = loaded.resume.layout.template.as_ref();
    let name = template.map_or(layouts::DEFAULT, |t| t.value.as_str());
    if let Some(builtin) = layouts::builtin(name) {
        let name = format!("<layout {}>", builtin.name);
        return Ok(LayoutSource { name, text: builtin.source.to_string(), root: None });
    }
    let base = loaded.source.path.parent().unwrap_or(Path::new(""));
    let path = base.join(name);
    let text = std::fs::read_to_string(&path).map_err(|err| {
        let d = Diagnostic::error(format!("cannot read layout `{}`: {err}", path.display()))
            .with_help("the path is relative to the resume file");
        match template {
            Some(t) => d.at(&loaded.source, t.span.clone()),
            None => d,
        }
    })?;
    // A custom layout may read files in its own folder, and nothing else.
    let folder = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let root = folder.canonicalize().ok();
    Ok(LayoutSource { name: path.display().to_string(), text, root })
}

fn output_dir(input: &Path, options: &Options) -> PathBuf {
    match &options.out_dir {
        Some(dir) => dir.clone(),
        None => input.parent().unwrap_or(Path::new(".")).join("out"),
    }
}

/// `Zoë Ødegård` -> `Zoë_Ødegård_Resume`.
pub fn file_stem(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'')).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() { "Resume".into() } else { format!("{}_Resume", words.join("_")) }
}

fn refuse_overwriting_input(input: &Path, output: &Path) -> Result<(), Failure> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same {
        return Err(Diagnostic::error(format!("refusing to overwrite the input `{}`", input.display()))
            .with_help("choose another output directory with `-o DIR`")
            .into());
    }
    Ok(())
}
