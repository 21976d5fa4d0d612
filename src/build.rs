//! The pipeline, end to end: source -> model -> validate -> IR -> typeset -> checks -> write.
//!
//! Every output is produced in memory first and written only when all succeeded, so a failed
//! build leaves earlier outputs untouched.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::decode::{Decode, Decoder};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::fonts::{self, FontOptions, Fonts};
use crate::ir::{self, Document};
use crate::model::{Date, Resume};
use crate::render::typst::{self as typst_render, LayoutSource, Metrics};
use crate::source::{self, Source};
use crate::{fit, jsonresume, layouts, rules, validate, write};

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
#[derive(Clone)]
pub struct Loaded {
    pub source: Arc<Source>,
    pub resume: Resume,
    /// Problems that do not stop the build (fields of a JSON Resume that rescc has no place for).
    pub warnings: Vec<Diagnostic>,
}

/// Reads, parses, decodes and validates a resume, reporting every problem at once.
pub fn load(path: &Path) -> Result<Loaded, Failure> {
    let source = Arc::new(Source::read_resume(path)?);
    load_source(source)
}

/// Like [`load`], for text already in memory.
pub fn load_source(source: Arc<Source>) -> Result<Loaded, Failure> {
    let mut node = source::parse_yaml(&source).map_err(Failure::Input)?;
    let mut decoder = Decoder::new(Arc::clone(&source));
    let mut warnings = Vec::new();
    if source.path.extension().is_some_and(|e| e == "json") && jsonresume::is_json_resume(&node) {
        let converted = jsonresume::convert(&node, &mut decoder);
        (node, warnings) = (converted.resume.to_node(), converted.unmapped);
    }
    let resume = Resume::decode(&node, &mut decoder);
    if let Some(resume) = &resume {
        validate::validate(resume, &mut decoder);
    }
    let mut diagnostics = Diagnostics(decoder.diagnostics);
    if diagnostics.has_errors() || resume.is_none() {
        diagnostics.sort();
        return Err(Failure::Input(diagnostics));
    }
    Ok(Loaded { source, resume: resume.unwrap_or_default(), warnings })
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
    /// One preview image per page.
    Png,
    /// Plain text, for pasting into job portals.
    Txt,
    /// Markdown.
    Md,
}

/// A PDF standard to conform to (`--pdf-standard`); without one the PDF is tagged PDF 1.7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStandard {
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

impl PdfStandard {
    fn typst(self) -> typst_pdf::PdfStandard {
        match self {
            PdfStandard::A2b => typst_pdf::PdfStandard::A_2b,
            PdfStandard::A2u => typst_pdf::PdfStandard::A_2u,
            PdfStandard::Ua1 => typst_pdf::PdfStandard::Ua_1,
        }
    }
}

/// Creation date of PDF/A files when `SOURCE_DATE_EPOCH` is unset (2000-01-01), which PDF/A requires.
const FIXED_TIMESTAMP: i64 = 946_684_800;

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
    /// Fonts beyond the bundled ones.
    pub fonts: FontOptions,
    /// A PDF standard to conform to, beyond tagged PDF.
    pub pdf_standard: Option<PdfStandard>,
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
            fonts: FontOptions::default(),
            pdf_standard: None,
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
///
/// Work that does not depend on the layout runs beside it: the content rules beside
/// typesetting, and each format's rendering and read-back beside the others'.
pub fn render(loaded: &Loaded, options: &Options) -> Result<Built, Failure> {
    let mut document = ir::build(&loaded.resume, Date::today());
    let layout = layout_source(loaded)?;
    let fonts = Fonts::with(&options.fonts);
    check_font_family(loaded, &document, &fonts)?;
    let (typeset, content_findings) = rayon::join(
        || -> Result<_, Failure> {
            let first = typst_render::typeset(&layout, &document, Arc::clone(&fonts)).map_err(input_failure)?;
            check_coverage(loaded, &first.metrics.missing_glyphs)?;
            if !options.fit {
                return Ok((first, None, 1));
            }
            let fitted = fit::fit(&layout, &document, &fonts, first).map_err(input_failure)?;
            Ok((fitted.typeset, Some(fitted.style), fitted.compilations))
        },
        || rules::content_checks(loaded),
    );
    let (typeset, fitted_style, compilations) = typeset?;
    let base = document.style.clone();
    if let Some(style) = fitted_style {
        document.style = style;
    }
    let mut diagnostics = Diagnostics(content_findings);
    diagnostics.0.extend(loaded.warnings.iter().cloned());
    diagnostics.0.extend(rules::typeset_checks(loaded, &document, &typeset.metrics));
    if options.strict {
        rules::escalate(&mut diagnostics.0);
    }
    if diagnostics.has_errors() && !options.force {
        return Err(Failure::Checks(diagnostics));
    }
    let dir = output_dir(&loaded.source.path, options);
    let stem = file_stem(&document.name);
    let per_format = options
        .formats
        .par_iter()
        .map(|&format| -> Result<_, Failure> {
            let outputs = render_format(format, &document, &typeset, options, &dir, &stem)?;
            for output in &outputs {
                refuse_overwriting_input(&loaded.source.path, &output.path)?;
            }
            // Read back what is about to be written: a file that would give an ATS less fails the build.
            let findings = crate::verify::outputs(loaded, &document, &outputs);
            Ok((outputs, findings))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let mut outputs = Vec::new();
    for (format_outputs, findings) in per_format {
        outputs.extend(format_outputs);
        diagnostics.0.extend(findings);
    }
    if diagnostics.has_errors() && !options.force {
        return Err(Failure::Checks(diagnostics));
    }
    diagnostics.sort();
    let fitted = fit::describe(&base, &document.style);
    Ok(Built { document, metrics: typeset.metrics, outputs, fitted, compilations, diagnostics })
}

/// The files of one format (one per page for PNG).
fn render_format(
    format: Format,
    document: &Document,
    typeset: &typst_render::Typeset,
    options: &Options,
    dir: &Path,
    stem: &str,
) -> Result<Vec<Output>, Failure> {
    let one = |extension: &str, bytes: Vec<u8>| vec![Output { path: dir.join(format!("{stem}.{extension}")), bytes }];
    Ok(match format {
        Format::Pdf => {
            let (standards, timestamp) = match options.pdf_standard {
                Some(standard) => {
                    let standards = typst_pdf::PdfStandards::new(&[standard.typst()])
                        .map_err(|e| Diagnostic::error(format!("PDF standard: {}", e.message())))?;
                    let fixed = standard != PdfStandard::Ua1;
                    (standards, options.timestamp.or(fixed.then_some(FIXED_TIMESTAMP)))
                }
                None => (Default::default(), options.timestamp),
            };
            let pdf = typst_render::pdf(typeset, timestamp, standards).map_err(input_failure)?;
            one("pdf", pdf)
        }
        Format::Docx => one("docx", crate::render::docx::render(document)),
        Format::Png => typst_render::png(typeset)
            .into_iter()
            .enumerate()
            .map(|(i, png)| Output { path: dir.join(format!("{stem}-{}.png", i + 1)), bytes: png })
            .collect(),
        Format::Txt => one("txt", crate::render::text::plain(document).into_bytes()),
        Format::Md => one("md", crate::render::text::markdown(document).into_bytes()),
    })
}

/// Typst's errors (a layout that does not compile, an export that fails) are bad input.
fn input_failure(diagnostics: Vec<Diagnostic>) -> Failure {
    Failure::Input(Diagnostics(diagnostics))
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

/// `layout.font` must name a family that is bundled or was found with `--font-path`/`--system-fonts`.
fn check_font_family(loaded: &Loaded, document: &Document, fonts: &Fonts) -> Result<(), Failure> {
    let family = &document.style.font;
    if fonts.has_family(family) {
        return Ok(());
    }
    let bundled: Vec<&str> = fonts::FAMILIES.iter().map(|(name, _)| *name).collect();
    let d = Diagnostic::error(format!("no available font is called `{family}`"))
        .with_help(format!("bundled: {}; for others pass `--font-path DIR` or `--system-fonts`", bundled.join(", ")));
    Err(match &loaded.resume.layout.font {
        Some(font) => d.at(&loaded.source, font.span.clone()),
        None => d.in_source(&loaded.source),
    }
    .into())
}

/// Characters that no available font covers would print as empty boxes: refuse them, located.
fn check_coverage(loaded: &Loaded, missing: &[char]) -> Result<(), Failure> {
    let diagnostics: Vec<Diagnostic> = missing
        .iter()
        .map(|&c| {
            let d =
                Diagnostic::error(format!("no available font has `{c}` (U+{:04X})", u32::from(c))).with_help(format!(
                    "install a font that covers it (on Debian: {}), then pass `--system-fonts` or `--font-path DIR`",
                    fonts::package_for(c)
                ));
            match loaded.source.text.find(c) {
                Some(at) => d.at(&loaded.source, at..at + c.len_utf8()),
                None => d.in_source(&loaded.source),
            }
        })
        .collect();
    if diagnostics.is_empty() { Ok(()) } else { Err(Failure::Input(Diagnostics(diagnostics))) }
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
