//! Diagnostics: one record for every problem rescc reports, from YAML syntax to page limits.
//!
//! Rendered like rustc and typst: `error[rule]: message`, ` --> file:line:col`, the source line
//! with a caret, and `= help: ...`. The same record serializes to JSON for editors and CI.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{self as cs, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Chars, Config, Styles, StylesWriter, termcolor};
use serde::Serialize;

use crate::source::{Source, Span};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, optionally located in a source file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule id (`font-size`, `quantified`...); `None` for input errors.
    pub rule: Option<&'static str>,
    pub message: String,
    /// The file the problem is in, if it is in one.
    pub file: Option<Arc<Source>>,
    /// Where in `file`, if known.
    pub range: Option<Range<usize>>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule: None,
            message: message.into(),
            file: None,
            range: None,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn with_rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Locates the diagnostic at `span`.
    pub fn at(mut self, span: Span) -> Self {
        self.range = Some(span.range);
        self.file = Some(span.source);
        self
    }

    /// Locates the diagnostic in a file as a whole.
    pub fn in_file(mut self, source: &Arc<Source>) -> Self {
        self.file = Some(Arc::clone(source));
        self
    }

    /// Where the diagnostic points, if at a place in a file.
    pub fn span(&self) -> Option<Span> {
        Some(Span::new(Arc::clone(self.file.as_ref()?), self.range.clone()?))
    }

    /// `file:line:col` of the diagnostic, if it has a location.
    pub fn location(&self) -> Option<(String, usize, usize)> {
        let source = self.file.as_ref()?;
        let (line, column) = source.line_col(self.range.as_ref().map_or(0, |r| r.start));
        Some((source.name.clone(), line, column))
    }

    /// Orders diagnostics file by file, then top to bottom; those with no place come last.
    pub fn sort_key(&self) -> (bool, u64, usize) {
        match self.span() {
            Some(span) => (false, span.source.order(), span.start()),
            None => (true, 0, 0),
        }
    }

    /// A text of this diagnostic in its file's vocabulary (see [`Source::speak`]).
    fn spoken<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match &self.file {
            Some(source) => source.speak(text),
            None => Cow::Borrowed(text),
        }
    }

    /// Renders the diagnostic with its snippet, as printed on the terminal.
    pub fn render(&self) -> String {
        self.render_styled(false, DEFAULT_WIDTH)
    }

    /// Renders the diagnostic, with ANSI colours when `color` is set, its snippet cut to `width`
    /// columns around the span.
    pub fn render_styled(&self, color: bool, width: usize) -> String {
        let head = match self.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        };
        let mut d = head.with_message(self.spoken(&self.message));
        if let Some(rule) = self.rule {
            d = d.with_code(rule);
        }
        if let Some(help) = &self.help {
            d = d.with_notes(vec![format!("help: {}", self.spoken(help))]);
        }
        let Some(source) = &self.file else {
            return plain(&d);
        };
        let file = Excerpt::new(source, self.range.clone().unwrap_or(0..0), width);
        if self.range.is_some() {
            d = d.with_labels(vec![Label::primary((), file.label.clone())]);
        } else {
            // No span: name the file in the header so the message is still located.
            d.message = format!("{}: {}", source.name, d.message);
        }
        let config = Config { chars: Chars::ascii(), ..Config::default() };
        if color {
            let mut ansi = termcolor::Ansi::new(Vec::new());
            let styles = Styles::default();
            let emitted = term::emit_to_write_style(&mut StylesWriter::new(&mut ansi, &styles), &config, &file, &d);
            if emitted.is_ok() {
                return String::from_utf8_lossy(&ansi.into_inner()).into_owned();
            }
        }
        term::emit_into_string(&config, &file, &d).unwrap_or_else(|_| plain(&d))
    }
}

/// Width of a snippet when the terminal's is unknown (output to a file or a pipe).
pub const DEFAULT_WIDTH: usize = 100;

/// What a snippet shows of a file: all of it, or, when the span's line is wider than the
/// terminal, that line cut to a window around the span (`...` marking what was cut) with the
/// lines above it emptied, so line numbers stay right. The column in `file:line:col` is the
/// column in the real file either way.
struct Excerpt<'s> {
    name: &'s str,
    /// The text shown: the source itself, borrowed, or the cut line.
    files: SimpleFile<&'s str, std::borrow::Cow<'s, str>>,
    /// The span, in `text`.
    label: Range<usize>,
    /// The span's real 1-based column.
    column: usize,
}

impl<'s> Excerpt<'s> {
    fn new(source: &'s Source, range: Range<usize>, width: usize) -> Excerpt<'s> {
        let text = source.text.as_str();
        let (_, column) = source.line_col(range.start);
        let start = range.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |p| start + p);
        let line = &text[line_start..line_end];
        let (line_number, _) = source.line_col(start);
        // The gutter (`123 | `) and the two cut marks take their share of the width.
        let room = width.saturating_sub(line_number.to_string().len() + 3 + 6).max(20);
        let whole = |label: Range<usize>| Excerpt {
            name: &source.name,
            files: SimpleFile::new(&source.name, text.into()),
            label,
            column,
        };
        if line.chars().count() <= room {
            return whole(range);
        }
        // Cut to `room` characters, starting a little before the span.
        let before = column - 1;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let first = before.saturating_sub(room / 4).min(chars.len().saturating_sub(room));
        let last = (first + room).min(chars.len());
        let byte = |i: usize| chars.get(i).map_or(line.len(), |(b, _)| *b);
        let (head, tail) = (if first > 0 { "..." } else { "" }, if last < chars.len() { "..." } else { "" });
        let mut cut = "\n".repeat(line_number - 1);
        let offset = cut.len() + head.len();
        cut += head;
        cut += &line[byte(first)..byte(last)];
        cut += tail;
        cut.push('\n');
        let span_start = offset + (byte(before) - byte(first));
        let span_end = (offset + range.end.min(line_end).saturating_sub(line_start + byte(first)))
            .clamp(span_start, offset + byte(last) - byte(first));
        Excerpt {
            name: &source.name,
            files: SimpleFile::new(&source.name, cut.into()),
            label: span_start..span_end,
            column,
        }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.files.source())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        self.files.line_index((), byte_index)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        self.files.line_range((), line_index)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        if byte_index == self.label.start {
            return Ok(self.column);
        }
        let range = self.line_range((), line_index)?;
        Ok(codespan_reporting::files::column_index(self.files.source(), range, byte_index) + 1)
    }
}

fn plain(d: &cs::Diagnostic<()>) -> String {
    let severity = if d.severity == cs::Severity::Error { "error" } else { "warning" };
    let code = d.code.as_ref().map(|c| format!("[{c}]")).unwrap_or_default();
    let mut out = format!("{severity}{code}: {}\n", d.message);
    for note in &d.notes {
        out += &format!("  = {note}\n");
    }
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// A list of diagnostics, reported together.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn one(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Orders by place, file by file, so output reads top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by_key(Diagnostic::sort_key);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}\n", d.render().trim_end())?;
        }
        Ok(())
    }
}

/// The JSON form of a diagnostic, for `--format json`.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub rule: Option<&'static str>,
    pub severity: Severity,
    pub message: Cow<'a, str>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub hint: Option<Cow<'a, str>>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        let location = d.location();
        JsonDiagnostic {
            rule: d.rule,
            severity: d.severity,
            message: d.spoken(&d.message),
            file: location.as_ref().map(|l| l.0.clone()),
            line: location.as_ref().filter(|_| d.range.is_some()).map(|l| l.1),
            column: location.as_ref().filter(|_| d.range.is_some()).map(|l| l.2),
            hint: d.help.as_deref().map(|help| d.spoken(help)),
        }
    }
}
