//! Loading: a resume file read, parsed, decoded and validated, with every problem reported at once.
//!
//! The first stages of the pipeline (source -> YAML tree -> model -> validate) end here, in a
//! [`Loaded`] resume or a [`Failure`]; every later stage starts from a `Loaded` and never goes
//! back to the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::decode::{Decode, Decoder};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Resume;
use crate::source::Source;
pub use crate::source::{describe, read_at_most, regular_file};
use crate::{formats, rules, validate, yaml};

/// Largest input accepted; a resume is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

/// Why a command failed; each maps to an exit code.
#[derive(Debug, Clone)]
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

impl Loaded {
    /// The custom layout file the resume names (relative to the resume), if it names one.
    pub fn layout_file(&self) -> Option<PathBuf> {
        let template = self.resume.layout.template.as_ref()?;
        if crate::layouts::builtin(&template.value).is_some() {
            return None;
        }
        Some(self.source.path.parent().unwrap_or(Path::new("")).join(&template.value))
    }
}

/// Reads, parses, decodes and validates a resume, reporting every problem at once.
pub fn load(path: &Path) -> Result<Loaded, Failure> {
    load_source(Arc::new(read_resume(path)?))
}

/// Like [`load`], for text already in memory.
pub fn load_source(source: Arc<Source>) -> Result<Loaded, Failure> {
    if formats::is_json(&source.path) {
        formats::json_syntax(&source)?;
    }
    let mut node = yaml::parse(&source).map_err(Failure::Input)?;
    let mut decoder = Decoder::new(Arc::clone(&source));
    let mut warnings = Vec::new();
    let format = formats::detect(&node)?;
    // Set once: a source is loaded once, and a second load detects the same format.
    let _ = source.vocabulary.set(format.vocabulary());
    if format != formats::Format::Rescc {
        let converted = formats::convert(format, &node, &mut decoder);
        (node, warnings) = (converted.resume.to_node(), converted.unmapped);
    }
    let resume = Resume::decode(&node, &mut decoder);
    if let Some(resume) = &resume {
        validate::validate(resume, &mut decoder);
        rules::check_settings(resume, &mut decoder);
    }
    let mut diagnostics = Diagnostics(decoder.diagnostics);
    match resume {
        Some(resume) if !diagnostics.has_errors() => {
            warnings.extend(diagnostics.0);
            Ok(Loaded { source, resume, warnings })
        }
        _ => {
            diagnostics.sort();
            Err(Failure::Input(diagnostics))
        }
    }
}

/// Reads a resume: a `.yaml`, `.yml` or `.json` file; anything else is refused by name.
pub fn read_resume(path: &Path) -> Result<Source, Diagnostic> {
    let name = path.display().to_string();
    // Checked before reading so a PDF or a folder gets a clear word, not a UTF-8 or I/O error.
    if path.is_dir() {
        return Err(Diagnostic::error(format!("`{name}` is a directory"))
            .with_help(format!("pass the resume file, e.g. `{}`", path.join("resume.yaml").display())));
    }
    let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    if path.exists() && !matches!(extension.as_deref(), Some("yaml" | "yml" | "json")) {
        let help = match extension.as_deref() {
            Some("pdf" | "docx" | "png") => "that looks like an output; pass the YAML source it was built from",
            _ => {
                "rescc reads a resume as YAML (`.yaml`, `.yml`: rescc, JSON Resume, YAMLResume or RenderCV) or JSON (`.json`: JSON Resume)"
            }
        };
        return Err(
            Diagnostic::error(format!("`{name}` is not a resume source (.yaml, .yml or .json)")).with_help(help)
        );
    }
    read(path)
}

/// Reads a UTF-8 text file (a resume, a job file, a posting); a leading byte order mark is dropped.
pub fn read(path: &Path) -> Result<Source, Diagnostic> {
    let name = path.display().to_string();
    let bytes = read_at_most(path, MAX_INPUT_BYTES).map_err(|err| {
        let hint = match err.kind() {
            std::io::ErrorKind::NotFound => "check the path, or run `rescc init` to create a starter resume",
            _ if path.is_dir() => "pass the resume file, not its directory",
            std::io::ErrorKind::InvalidInput => "pass a file saved on disk",
            _ => "check the file's permissions",
        };
        Diagnostic::error(format!("cannot read `{name}`: {}", io_reason(&err, path))).with_help(hint)
    })?;
    if bytes.len() > MAX_INPUT_BYTES {
        let size = std::fs::metadata(path).map_or(0, |m| m.len()).max(bytes.len() as u64);
        return Err(Diagnostic::error(format!(
            "`{name}` is {} KiB; the limit is {} KiB",
            size / 1024,
            MAX_INPUT_BYTES / 1024
        ))
        .with_help("a resume is a few kilobytes: is this the right file?"));
    }
    let mut text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let raw = err.as_bytes();
        let line = raw[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset - raw[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Diagnostic::error(format!("`{name}` is not valid UTF-8 (first bad byte at {name}:{line}:{column})"))
            .with_help("save the file as UTF-8 in your editor")
    })?;
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "");
    }
    // Old Mac line endings (a lone CR) become LF, byte for byte, so every later stage counts
    // lines as YAML does; CRLF is left alone.
    if text.contains('\r') {
        let mut bytes = text.into_bytes();
        for i in 0..bytes.len() {
            if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                bytes[i] = b'\n';
            }
        }
        text = String::from_utf8(bytes).expect("an ASCII byte replaced by another");
    }
    Ok(Source::file(name, path, text))
}

/// Why a file could not be read, in a few plain words.
pub fn io_reason(err: &std::io::Error, path: &Path) -> String {
    if path.is_dir() {
        return "it is a directory".into();
    }
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}
