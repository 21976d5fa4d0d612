//! One build, end to end: a [`Loaded`] resume -> IR -> typeset (with auto-fit) -> content and
//! page rules -> every format rendered -> each read back as an ATS reads it -> written.
//!
//! Every output is produced in memory first and written only when all succeeded, so a failed
//! build leaves earlier outputs untouched. Settings arrive resolved in [`Options`]; nothing here
//! reads the clock, the environment or the font directories.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::fonts::{self, Fonts};
use crate::ir::{self, Document};
use crate::job::{Letter, LoadedJob};
use crate::load::{self, Failure, Loaded};
use crate::model::Date;
use crate::render::docx::Docx;
use crate::render::text::{Markdown, Plain};
use crate::render::typst::{self as typst_render, LayoutError, LayoutSource, Pdf, PdfStandard, Png, Typeset};
use crate::render::{Format, Metrics, Output, Renderer};
use crate::source::{Source, Span, Spanned};
use crate::{fit, guidance, layouts, rules, verify, write};

/// Settings for one build, resolved once by the caller.
#[derive(Clone)]
pub struct Options {
    /// Where the outputs go.
    pub out_dir: PathBuf,
    pub formats: Vec<Format>,
    /// Write outputs even when a check fails.
    pub force: bool,
    /// Tighten spacing, font size and margins (within bounds) to meet the page limit.
    pub fit: bool,
    /// Treat warnings as errors (`--strict`).
    pub strict: bool,
    /// The day of the build: what is recent, what is in the future, the default page limit.
    pub today: Date,
    /// Creation date for the PDF, seconds since the epoch (`SOURCE_DATE_EPOCH`).
    pub timestamp: Option<i64>,
    /// The fonts, loaded once and shared by every build of the process.
    pub fonts: Arc<Fonts>,
    /// A PDF standard to conform to, beyond tagged PDF.
    pub pdf_standard: Option<PdfStandard>,
    /// Write each file to a temporary file beside its target, and wait for the disk, while it is
    /// read back (into an existing directory only); [`write`] then only renames them. Off,
    /// [`render`] touches no file.
    pub stage: bool,
    /// How long one Typst compilation may take.
    pub layout_timeout: std::time::Duration,
    /// The files the command reads besides the resume and its layout (job files, postings,
    /// fonts): no output may replace one.
    pub inputs: Arc<write::Inputs>,
}

impl Options {
    /// A PDF and a DOCX in `out_dir`, fitted, with the bundled fonts, as of `today`.
    pub fn new(out_dir: impl Into<PathBuf>, today: Date) -> Self {
        Options {
            out_dir: out_dir.into(),
            formats: vec![Format::Pdf, Format::Docx],
            force: false,
            fit: true,
            strict: false,
            today,
            timestamp: None,
            fonts: Fonts::bundled(),
            pdf_standard: None,
            stage: false,
            layout_timeout: typst_render::DEFAULT_TIMEOUT,
            inputs: Arc::default(),
        }
    }
}

/// What a build made and what it noticed.
#[derive(Debug)]
pub struct Built {
    /// The document as rendered (with fitted style, if auto-fit tightened it).
    pub document: Document,
    pub metrics: Metrics,
    pub outputs: Vec<Output>,
    /// The outputs already on the disk beside their targets (with [`Options::stage`]).
    pub staged: Vec<write::Staged>,
    /// What auto-fit changed ("font 10.5 -> 10.2 pt, ..."), if anything.
    pub fitted: Option<String>,
    /// Typst compilations the build needed (auto-fit adds some).
    pub compilations: usize,
    /// Warnings (and, with `--force`, errors) to show the user.
    pub diagnostics: Diagnostics,
}

/// Outputs already rendered and read back, by the document they were made from: the jobs of a
/// batch that tailor the resume alike share one rendering. A job that asks for a document
/// another job is rendering waits for it, so share one only between threads that are not rayon's
/// (a rayon worker would wait with the other job's work on its own stack).
#[derive(Default)]
pub struct Renders(Mutex<HashMap<u64, Arc<Slot>>>);

/// One document's rendering: empty until its first build finishes it.
type Slot = OnceLock<Result<Rendered, Failure>>;

/// The files of one document, in the order of its renderers, and what reading them back found.
struct Rendered {
    files: Vec<Vec<u8>>,
    findings: Vec<Diagnostic>,
}

/// Distinct documents a [`Renders`] keeps: a batch rarely has more tailorings, and each holds
/// its files (about 80 KB).
const RENDERS_KEPT: usize = 64;

impl Renders {
    /// Where the rendering of `document` is kept: shared with an identical document rendered
    /// before, or new (kept only while there is room).
    fn slot(&self, document: &Document, options: &Options) -> Arc<Slot> {
        let key = Renders::key(document, options);
        let mut kept = self.0.lock().expect("no build panics holding the renders");
        match kept.get(&key) {
            Some(slot) => Arc::clone(slot),
            None if kept.len() < RENDERS_KEPT => Arc::clone(kept.entry(key).or_default()),
            None => Arc::default(),
        }
    }

    /// Identifies what the files depend on: the document (with its fitted style and where each
    /// bullet was written) and the settings of the renderers.
    fn key(document: &Document, options: &Options) -> u64 {
        let mut hasher = std::hash::DefaultHasher::new();
        serde_json::to_vec(document).expect("the IR serializes").hash(&mut hasher);
        for section in &document.sections {
            if let ir::Body::Entries { entries } = &section.body {
                entries.iter().flat_map(|e| &e.bullets).for_each(|b| b.span.sort_key().hash(&mut hasher));
            }
        }
        (&options.formats, options.timestamp, options.pdf_standard).hash(&mut hasher);
        hasher.finish()
    }
}

/// Builds every output in memory; nothing is written.
///
/// Work that does not depend on the layout runs beside it: the content rules beside
/// typesetting, and each format's rendering and read-back beside the others'.
pub fn render(loaded: &Loaded, options: &Options) -> Result<Built, Failure> {
    render_sharing(loaded, options, None)
}

/// Like [`render`], reusing the files of an identical document rendered before into `renders`.
pub fn render_sharing(loaded: &Loaded, options: &Options, renders: Option<&Renders>) -> Result<Built, Failure> {
    let mut document = ir::build(&loaded.resume, options.today);
    let mut layout = preflight(loaded, &document, &options.fonts, &options.out_dir, &options.formats)?;
    layout.typst.timeout = options.layout_timeout;
    // Typesetting waits for Typst on this thread, which is not one of rayon's (a rayon worker
    // would lend its stack to other work while it waits); the content rules run on the pool.
    let mut content_findings = Vec::new();
    let typeset = rayon::in_place_scope(|scope| -> Result<_, Failure> {
        scope.spawn(|_| content_findings = rules::content_checks(&loaded.resume, options.today));
        let fonts = &options.fonts;
        let first = typst_render::typeset(&layout.typst, &document, Arc::clone(fonts))
            .map_err(|errors| layout.failure(errors))?;
        check_coverage(loaded, &first.metrics.missing_glyphs)?;
        if !options.fit {
            return Ok((first, None, 1));
        }
        let fitted = fit::fit(&layout.typst, &document, fonts, first).map_err(|errors| layout.failure(errors))?;
        Ok((fitted.typeset, Some(fitted.style), fitted.compilations))
    });
    let (typeset, fitted_style, compilations) = typeset?;
    let base = document.style.clone();
    if let Some(style) = fitted_style {
        document.style = style;
    }
    document.contact_lines = typeset.metrics.contact_lines.clone();
    let mut diagnostics = Diagnostics(content_findings);
    diagnostics.0.extend(loaded.warnings.iter().cloned());
    diagnostics.0.extend(rules::typeset_checks(&loaded.resume, &document, &typeset.metrics));
    if options.strict {
        rules::escalate(&mut diagnostics.0);
    }
    if diagnostics.has_errors() && !options.force {
        return Err(Failure::Checks(diagnostics));
    }
    let stem = file_stem(&document.name);
    let renderers = renderers(&options.formats, &typeset, options);
    let paths: Vec<PathBuf> = renderers
        .iter()
        .map(|(renderer, suffix)| options.out_dir.join(format!("{stem}{suffix}.{}", renderer.format().extension())))
        .collect();
    refuse_replacing_inputs(loaded, &typeset.read, options, &paths)?;
    // Staged files belong to one build alone: a staging build shares nothing.
    let slot = renders.filter(|_| !options.stage).map(|renders| renders.slot(&document, options));
    let (owned, staged);
    let rendered = match &slot {
        Some(slot) => {
            staged = Vec::new();
            let shared =
                slot.get_or_init(|| render_files(&loaded.source, &document, &renderers, &paths, false).map(|(r, _)| r));
            shared.as_ref().map_err(Clone::clone)?
        }
        None => {
            (owned, staged) = render_files(&loaded.source, &document, &renderers, &paths, options.stage)?;
            &owned
        }
    };
    let outputs: Vec<Output> = renderers
        .iter()
        .zip(paths)
        .zip(&rendered.files)
        .map(|(((renderer, _), path), bytes)| Output { path, format: renderer.format(), bytes: bytes.clone() })
        .collect();
    diagnostics.0.extend(rendered.findings.iter().cloned());
    if diagnostics.has_errors() && !options.force {
        return Err(Failure::Checks(diagnostics));
    }
    diagnostics.sort();
    let fitted = fit::describe(&base, &document.style);
    drop(renderers);
    Ok(Built { document, metrics: typeset.metrics, outputs, staged, fitted, compilations, diagnostics })
}

/// What a job's cover letter made: its files and what was measured.
#[derive(Debug)]
pub struct BuiltLetter {
    pub outputs: Vec<Output>,
    pub pages: usize,
    pub words: usize,
    /// What failed, when `--force` wrote it anyway.
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the cover letter of `job` beside the resume `built` for it, in memory: the same header,
/// style and layout family, typeset on exactly one page with body text in bounds, every format
/// but the PNG previews, each read back. Problems are located at the job file's `letter:`.
pub fn render_letter(
    loaded: &Loaded,
    resume: &Document,
    job: &LoadedJob,
    letter: &Spanned<Letter>,
    options: &Options,
) -> Result<BuiltLetter, Failure> {
    let mut document = crate::letter::document(resume, &job.job, letter, options.today);
    let at = crate::letter::key_span(letter);
    let mut layout = Layout::for_letter(loaded)?;
    layout.typst.timeout = options.layout_timeout;
    let typeset = typst_render::typeset(&layout.typst, &document, Arc::clone(&options.fonts))
        .map_err(|errors| layout.failure(errors))?;
    document.contact_lines = typeset.metrics.contact_lines.clone();
    let words = crate::letter::words(letter);
    let metrics = &typeset.metrics;
    // The letter's text is the job file's; the header's is also the resume's, written there too.
    let mut found = missing_glyphs(&job.source, &metrics.missing_glyphs);
    if metrics.pages != 1 {
        let lines: usize = metrics.lines_per_page.iter().sum();
        let over: usize = metrics.lines_per_page.iter().skip(1).sum();
        let cut = (words * over).div_ceil(lines.max(1)) + 10;
        found.push(
            Diagnostic::error(format!("the letter runs to {} pages; a cover letter takes one", metrics.pages))
                .with_rule(LETTER_PAGE_LIMIT)
                .with_help(format!("cut about {cut} of its {words} words: one paragraph on why this role, one or two on results, one to close"))
                .at(at.clone()),
        );
    }
    if metrics.body_glyphs == 0 {
        found.push(
            Diagnostic::error("the letter's layout printed no text")
                .with_help("a letter layout reads the `letter` object of /resume.json: see the built-in layouts")
                .in_file(&layout.file),
        );
    } else if !guidance::FONT_SIZE_PT.contains(&metrics.body_size) {
        found.push(
            Diagnostic::error(format!("the letter's body text is {} pt; it must be 10–11 pt", metrics.body_size))
                .with_rule("font-size")
                .with_help("the letter takes the resume's font size: set `layout.font_size` between 10 and 11")
                .at(at.clone()),
        );
    }
    // With `--force` a failing letter is written too, as a failing resume is; the job still fails.
    if !found.is_empty() && !options.force {
        return Err(Failure::Checks(Diagnostics(found)));
    }
    let stem = crate::letter::file_stem(&file_stem(&resume.name));
    let formats: Vec<Format> = options.formats.iter().copied().filter(|f| *f != Format::Png).collect();
    let renderers = renderers(&formats, &typeset, options);
    let paths: Vec<PathBuf> = renderers
        .iter()
        .map(|(renderer, _)| options.out_dir.join(format!("{stem}.{}", renderer.format().extension())))
        .collect();
    refuse_replacing_inputs(loaded, &typeset.read, options, &paths)?;
    let (rendered, _) = render_files(&job.source, &document, &renderers, &paths, false)?;
    found.extend(rendered.findings);
    if !found.is_empty() && !options.force {
        return Err(Failure::Checks(Diagnostics(found)));
    }
    let outputs = renderers
        .iter()
        .zip(paths)
        .zip(rendered.files)
        .map(|(((renderer, _), path), bytes)| Output { path, format: renderer.format(), bytes })
        .collect();
    Ok(BuiltLetter { outputs, pages: metrics.pages, words, diagnostics: found })
}

/// The rule id of a letter that does not fit on one page.
pub const LETTER_PAGE_LIMIT: &str = "letter-page-limit";

/// Renders every file and reads each back: a file that would give an ATS less fails the build.
/// With `stage`, each file goes to the disk (at its path in `paths`) while it is read back.
fn render_files(
    located_in: &Arc<Source>,
    document: &Document,
    renderers: &[(Box<dyn Renderer + '_>, String)],
    paths: &[PathBuf],
    stage: bool,
) -> Result<(Rendered, Vec<write::Staged>), Failure> {
    // A failed build must leave no trace, so it creates no directory: a first build writes after.
    let stage = stage && paths.first().and_then(|p| p.parent()).is_some_and(Path::is_dir);
    let rendered = renderers
        .par_iter()
        .zip(paths)
        .map(|((renderer, _), path)| -> Result<_, Failure> {
            let bytes = renderer.render(document).map_err(|d| Failure::Input(Diagnostics(d)))?;
            let output = Output { path: path.clone(), format: renderer.format(), bytes };
            let read_back = || verify::output(located_in, document, &output);
            let (findings, staged) = if stage {
                let write = || write::stage(path, &output.bytes).map_err(|err| cannot_write(path, &err));
                let (findings, staged) = rayon::join(read_back, write);
                (findings, Some(staged?))
            } else {
                (read_back(), None)
            };
            Ok((output.bytes, findings, staged))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let (mut files, mut findings, mut staged) = (Vec::new(), Vec::new(), Vec::new());
    for (bytes, found, written) in rendered {
        files.push(bytes);
        findings.extend(found);
        staged.extend(written);
    }
    Ok((Rendered { files, findings }, staged))
}

fn cannot_write(path: &Path, err: &std::io::Error) -> Failure {
    Diagnostic::error(format!("cannot write `{}`: {err}", path.display()))
        .with_help(
            "no output was replaced; check that the output directory is writable, or choose another with `-o DIR`",
        )
        .into()
}

/// A renderer for each file of each format (PNG has one per page), with the suffix of its name.
fn renderers<'a>(formats: &[Format], typeset: &'a Typeset, options: &Options) -> Vec<(Box<dyn Renderer + 'a>, String)> {
    let mut out: Vec<(Box<dyn Renderer + 'a>, String)> = Vec::new();
    for &format in formats {
        match format {
            Format::Pdf => {
                let pdf = Pdf { typeset, timestamp: options.timestamp, standard: options.pdf_standard };
                out.push((Box::new(pdf), String::new()));
            }
            Format::Png => {
                for page in 0..typeset.metrics.pages {
                    out.push((Box::new(Png { typeset, page }), format!("-{}", page + 1)));
                }
            }
            Format::Docx => out.push((Box::new(Docx), String::new())),
            Format::Txt => out.push((Box::new(Plain), String::new())),
            Format::Md => out.push((Box::new(Markdown), String::new())),
        }
    }
    out
}

/// Writes what [`render`] produced, as one set: the staged files (staging the rest now) are
/// renamed into place together, or, if any target cannot be replaced, none is.
pub fn write(built: &mut Built) -> Result<(), Failure> {
    let mut staged = std::mem::take(&mut built.staged);
    if staged.is_empty() {
        for output in &built.outputs {
            staged.push(write::stage(&output.path, &output.bytes).map_err(|err| cannot_write(&output.path, &err))?);
        }
    }
    write::replace_all(staged).map_err(|failed| cannot_write(&failed.target, &failed.error))
}

/// Whether any check failed at error severity (the build still wrote, with `--force`).
pub fn checks_failed(built: &Built) -> bool {
    built.diagnostics.0.iter().any(|d| d.severity == Severity::Error)
}

/// The layout a resume names: its text for Typst, and its file for locating Typst's errors.
pub struct Layout {
    typst: LayoutSource,
    file: Arc<Source>,
}

impl Layout {
    /// A built-in layout, or a `.typ` file relative to the resume.
    fn of(loaded: &Loaded) -> Result<Layout, Failure> {
        let template = loaded.resume.layout.template.as_ref();
        let Some(path) = loaded.layout_file() else {
            let name = template.map_or(layouts::DEFAULT, |t| t.value.as_str());
            let builtin = layouts::builtin(name).expect("validation accepts only built-in names and files");
            let file = Arc::new(Source::new(format!("<layout {}>", builtin.name), builtin.source));
            let typst = LayoutSource {
                name: file.name.clone(),
                text: builtin.source.to_string(),
                root: None,
                timeout: typst_render::DEFAULT_TIMEOUT,
            };
            return Ok(Layout { typst, file });
        };
        let file = load::read(&path).map_err(|mut d| {
            d.message = d.message.replacen("cannot read `", "cannot read layout `", 1);
            let d = d.with_help("the path is relative to the resume file");
            match template {
                Some(t) => d.at(t.span.clone()),
                None => d,
            }
        })?;
        let text = file.text;
        // A custom layout may read files in its own folder, and nothing else.
        let folder = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let root = folder.canonicalize().ok();
        let file = Arc::new(Source::file(path.display().to_string(), &path, text.clone()));
        let typst = LayoutSource { name: file.name.clone(), text, root, timeout: typst_render::DEFAULT_TIMEOUT };
        Ok(Layout { typst, file })
    }

    /// The layout of a job's cover letter: the resume's built-in layout (each has its letter), or
    /// `letter.typ` beside a custom layout, or, without one, the default built-in layout.
    fn for_letter(loaded: &Loaded) -> Result<Layout, Failure> {
        let Some(custom) = loaded.layout_file() else { return Layout::of(loaded) };
        let letter = custom.with_file_name("letter.typ");
        if letter.is_file() {
            let mut beside = loaded.clone();
            let template = beside.resume.layout.template.as_mut().expect("a custom layout is named");
            template.value = Path::new(&template.value).with_file_name("letter.typ").display().to_string();
            return Layout::of(&beside);
        }
        let mut default = loaded.clone();
        default.resume.layout.template = None;
        Layout::of(&default)
    }

    /// Typst's errors (a layout that does not compile) are bad input, located in the layout.
    fn failure(&self, errors: Vec<LayoutError>) -> Failure {
        let diagnostics = errors.into_iter().map(|e| {
            let mut d = match e.rule {
                Some(rule) => Diagnostic::error(e.message).with_rule(rule),
                None => Diagnostic::error(format!("layout error: {}", e.message)),
            };
            if let Some(hint) = e.hint {
                d = d.with_help(hint);
            }
            match e.range {
                Some(range) => d.at(Span::new(Arc::clone(&self.file), range)),
                None => d.in_file(&self.file),
            }
        });
        Failure::Input(Diagnostics(diagnostics.collect()))
    }
}

/// Everything a build refuses before typesetting, all reported at once: the layout file, the font
/// family and the output file names. `rescc check` runs it too, so a resume that passes `check`
/// fails `build` only on what typesetting finds.
pub fn preflight(
    loaded: &Loaded,
    document: &Document,
    fonts: &Fonts,
    out_dir: &Path,
    formats: &[Format],
) -> Result<Layout, Failure> {
    let layout = Layout::of(loaded);
    let mut found: Vec<Diagnostic> = layout.as_ref().err().map(|f| f.diagnostics().0.clone()).unwrap_or_default();
    found.extend(check_font_family(loaded, document, fonts));
    let stem = file_stem(&document.name);
    for format in formats {
        let suffix = if *format == Format::Png { "-1" } else { "" };
        let name = format!("{stem}{suffix}.{}", format.extension());
        if name.len() > MAX_FILE_NAME_BYTES {
            let d = Diagnostic::error(format!(
                "the name makes an output file name of {} bytes; file systems allow {MAX_FILE_NAME_BYTES}",
                name.len()
            ))
            .with_help("write the name as it should appear at the top of the resume, in a few words");
            found.push(d.at(loaded.resume.name.span.clone()));
            break;
        }
        if let Err(d) = refuse_replacing(&[&own_inputs(loaded, &[])], &out_dir.join(&name)) {
            found.push(d);
        }
    }
    match layout {
        Ok(layout) if found.is_empty() => Ok(layout),
        _ => Err(Failure::Input(Diagnostics(found))),
    }
}

/// The longest file name most file systems take (ext4, APFS, NTFS: 255 bytes).
const MAX_FILE_NAME_BYTES: usize = 255;

/// `layout.font` must name a family that is bundled or was found with `--font-path`/`--system-fonts`.
fn check_font_family(loaded: &Loaded, document: &Document, fonts: &Fonts) -> Option<Diagnostic> {
    let family = &document.style.font;
    if fonts.has_family(family) {
        return None;
    }
    let bundled: Vec<&str> = fonts::FAMILIES.iter().map(|(name, _)| *name).collect();
    let d = Diagnostic::error(format!("no available font is called `{family}`"))
        .with_help(format!("bundled: {}; for others pass `--font-path DIR` or `--system-fonts`", bundled.join(", ")));
    Some(match &loaded.resume.layout.font {
        Some(font) => d.at(font.span.clone()),
        None => d.in_file(&loaded.source),
    })
}

/// Characters that no available font covers would print as empty boxes: refuse them, located.
fn check_coverage(loaded: &Loaded, missing: &[char]) -> Result<(), Failure> {
    let diagnostics = missing_glyphs(&loaded.source, missing);
    if diagnostics.is_empty() { Ok(()) } else { Err(Failure::Input(Diagnostics(diagnostics))) }
}

/// An error for each character no font has, located where `source` first writes it.
fn missing_glyphs(source: &Arc<Source>, missing: &[char]) -> Vec<Diagnostic> {
    missing
        .iter()
        .map(|&c| {
            let d =
                Diagnostic::error(format!("no available font has `{c}` (U+{:04X})", u32::from(c))).with_help(format!(
                    "install a font that covers it (on Debian: {}), then pass `--system-fonts` or `--font-path DIR`",
                    fonts::package_for(c)
                ));
            match source.text.find(c) {
                Some(at) => d.at(Span::new(Arc::clone(source), at..at + c.len_utf8())),
                None => d.in_file(source),
            }
        })
        .collect()
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

/// Every file this build reads: the resume, its custom layout and what the layout read (named
/// from the layout's folder as the resume names it).
fn own_inputs(loaded: &Loaded, layout_read: &[PathBuf]) -> write::Inputs {
    let mut inputs = write::Inputs::default();
    inputs.add(&loaded.source.path);
    if let Some(layout) = loaded.layout_file() {
        inputs.add(&layout);
        let folder = layout.parent().unwrap_or(Path::new(""));
        let root = if folder.as_os_str().is_empty() { Path::new(".") } else { folder }.canonicalize().ok();
        for read in layout_read {
            let named = root.as_ref().and_then(|root| read.strip_prefix(root).ok()).map(|rel| folder.join(rel));
            inputs.add(named.as_deref().unwrap_or(read));
        }
    }
    inputs
}

/// No output (nor the folder they go in) may replace a file the command reads.
fn refuse_replacing_inputs(
    loaded: &Loaded,
    layout_read: &[PathBuf],
    options: &Options,
    paths: &[PathBuf],
) -> Result<(), Failure> {
    let own = own_inputs(loaded, layout_read);
    let found: Vec<Diagnostic> = std::iter::once(&options.out_dir)
        .chain(paths)
        .filter_map(|output| refuse_replacing(&[&own, &options.inputs], output).err())
        .collect();
    if found.is_empty() { Ok(()) } else { Err(Failure::Input(Diagnostics(found))) }
}

/// An error when writing `output` would replace one of `inputs`, naming both.
pub fn refuse_replacing(inputs: &[&write::Inputs], output: &Path) -> Result<(), Diagnostic> {
    match inputs.iter().find_map(|inputs| inputs.replaced_by(output)) {
        Some(input) => Err(Diagnostic::error(format!(
            "the output `{}` would replace the input `{}`",
            output.display(),
            input.display()
        ))
        .with_help("choose another output directory with `-o DIR`")),
        None => Ok(()),
    }
}
