//! Verification: read back the bytes a build is about to write, as an ATS would, and check that
//! every field of the IR is there, in order, with nothing an extractor chokes on.
//!
//! The last stage before writing. Both readers (`pdf`, with its own content-stream lexer in
//! `content`, and `docx`) produce a [`Reading`]: lines of
//! text in reading order. [`check`] looks at the raw characters first (ligatures, U+FFFD and
//! private-use characters, which NFKC would hide), then at text beyond the margins, then lets
//! `align` find every field of the IR, in the IR's reading order. `inspect` holds what
//! `rescc verify` reports about any file, made by rescc or not: its sections and contact details.

mod align;
mod bounds;
mod content;
mod docx;
mod inspect;
mod pdf;

use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::ir::Document;
use crate::render::{Output, TextLayer};
use crate::source::{Source, Span};

pub use align::field_count;
pub use inspect::{Contact, contact, sections};
pub use pdf::WIDE_GAP_EM;

/// The rule id of every verification diagnostic.
pub const RULE: &str = "verify";

/// A file as read back: lines in reading order, and what the reader noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub kind: TextLayer,
    pub pages: usize,
    pub lines: Vec<Line>,
    /// Glyphs that stand for several letters: (line, the letters).
    pub ligatures: Vec<(usize, String)>,
    /// Problems of structure found while reading (DOCX tables, text boxes, columns...).
    pub structure: Vec<Finding>,
}

/// One line of text as read.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
    pub page: usize,
    /// PDF: the baseline, from the top of the page, and the page's height (pt).
    pub y: f64,
    pub page_height: f64,
    /// PDF: the largest text size on the line (pt).
    pub size: f64,
    /// PDF: (char offset, width in em) of gaps wide enough to set text side by side.
    pub gaps: Vec<(usize, f64)>,
    /// DOCX: the paragraph the line belongs to, its style's name, and what the style makes it.
    pub paragraph: usize,
    pub style: String,
    pub heading: bool,
    pub numbered: bool,
}

/// One problem found, before it becomes a diagnostic.
#[derive(Debug, Clone)]
pub struct Finding {
    pub message: String,
    pub help: String,
    /// Where the field was written, when the IR knows.
    pub span: Option<Span>,
}

impl Finding {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Finding { message: message.into(), help: help.into(), span: None }
    }
}

/// Reads a PDF or DOCX, recognized by its first bytes.
pub fn read(bytes: &[u8]) -> Result<Reading, String> {
    match TextLayer::sniff(bytes) {
        Some(TextLayer::Pdf) => bounds::pdf(bytes).and_then(|()| pdf::read(bytes)),
        Some(TextLayer::Docx) => docx::read(bytes),
        None => Err("neither a PDF nor a DOCX".into()),
    }
}

/// Like [`read`], for a file rescc just made: its PDF needs no scan for hostile syntax.
fn read_own(bytes: &[u8]) -> Result<Reading, String> {
    match TextLayer::sniff(bytes) {
        Some(TextLayer::Pdf) => pdf::read(bytes),
        Some(TextLayer::Docx) => docx::read(bytes),
        None => Err("neither a PDF nor a DOCX".into()),
    }
}

impl Reading {
    /// The text as read, a line per line and a blank line between pages.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 && line.page != self.lines[i - 1].page {
                out.push('\n');
            }
            out.push_str(line.text.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Reads back one output of a build of the resume in `file` and checks it against its document;
/// an output no ATS parses (a preview, text to paste) has nothing to check.
pub fn output(file: &Arc<Source>, doc: &Document, output: &Output) -> Vec<Diagnostic> {
    if output.format.text_layer().is_none() {
        return Vec::new();
    }
    let name = output.path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let findings = match read_own(&output.bytes) {
        Ok(reading) => check(&reading, Some(doc), Some(doc.style.margins)),
        Err(err) => vec![Finding::new(format!("cannot read back what was written: {err}"), "this is a bug in rescc")],
    };
    findings
        .into_iter()
        .map(|f| {
            let d = Diagnostic::error(format!("{name}: {}", f.message)).with_rule(RULE).with_help(f.help);
            // Located in the resume even without a span, so the build reports it as a failed check.
            match f.span {
                Some(span) => d.at(span),
                None => d.in_file(file),
            }
        })
        .collect()
}

/// Everything wrong with a reading. `doc` adds the field-by-field comparison; `margins` (pt)
/// marks text beyond them in a PDF as page header or footer.
pub fn check(reading: &Reading, doc: Option<&Document>, margins: Option<f64>) -> Vec<Finding> {
    let mut out = reading.structure.clone();
    out.extend(characters(reading));
    let mut body = Vec::new();
    let mut margin_lines: [Vec<usize>; 2] = Default::default();
    for (i, line) in reading.lines.iter().enumerate() {
        match margins.filter(|_| reading.kind == TextLayer::Pdf) {
            Some(m) if line.y < m - 0.5 => margin_lines[0].push(i),
            Some(m) if line.y > line.page_height - m + 0.5 => margin_lines[1].push(i),
            _ => body.push(i),
        }
    }
    for (lines, what, side) in
        [(&margin_lines[0], "header", "above the top"), (&margin_lines[1], "footer", "below the bottom")]
    {
        if let Some(&first) = lines.first() {
            let line = &reading.lines[first];
            out.push(Finding::new(
                format!(
                    "text in the page {what} ({side} margin) on page {}: \"{}\"{}",
                    line.page + 1,
                    shorten(line.text.trim()),
                    more(lines.len(), "line")
                ),
                format!("many ATS skip page {what}s: keep every word in the body of the page"),
            ));
        }
    }
    if let Some(doc) = doc {
        out.extend(align::sequence(reading, &body, doc));
        if reading.kind == TextLayer::Pdf {
            out.extend(align::hyphenation(reading, &body, doc));
        }
    }
    out
}

/// ` (and N more lines)`, or nothing; `what` is `line` or `entry/entries`.
pub(crate) fn more(count: usize, what: &str) -> String {
    let (one, many) =
        what.split_once('/').map_or((what.to_string(), format!("{what}s")), |(a, b)| (a.into(), b.into()));
    match count {
        0 | 1 => String::new(),
        2 => format!(" (and 1 more {one})"),
        n => format!(" (and {} more {many})", n - 1),
    }
}

/// Text cut to a readable length for messages.
pub fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text,
    }
}

/// A class of characters an ATS cannot use: what it is called, how to test for it, what to do.
type CharClass = (&'static str, fn(char) -> bool, &'static str);

/// Ligatures, replacement characters and private-use characters, on the raw text.
fn characters(reading: &Reading) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some((line, letters)) = reading.ligatures.first() {
        let text = &reading.lines[*line].text;
        let word = text.split_whitespace().find(|w| w.contains(letters.as_str())).unwrap_or(letters);
        out.push(Finding::new(
            format!(
                "`{letters}` is set as one ligature glyph, in \"{word}\"{}",
                more(reading.ligatures.len(), "ligature")
            ),
            "ATS that read glyphs get one unknown character instead of the letters: turn ligatures off (`set text(ligatures: false)`)",
        ));
    }
    let classes: [CharClass; 3] = [
        (
            "a ligature character",
            |c| ('\u{FB00}'..='\u{FB06}').contains(&c),
            "ATS search for `fi`, not `ﬁ`: turn ligatures off or map them to letters",
        ),
        (
            "an unreadable character (U+FFFD)",
            |c| c == '\u{FFFD}',
            "a glyph without a Unicode mapping reads as U+FFFD: embed fonts with their Unicode tables",
        ),
        (
            "a private-use character",
            |c| matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD),
            "icon fonts and symbol bullets mean nothing to an ATS: use plain text",
        ),
    ];
    for (what, test, help) in classes {
        let hits: Vec<(char, &Line)> =
            reading.lines.iter().flat_map(|l| l.text.chars().filter(|c| test(*c)).map(move |c| (c, l))).collect();
        if let Some((c, line)) = hits.first() {
            out.push(Finding::new(
                format!(
                    "{} has {what} `{c}` (U+{:04X}) in \"{}\"{}",
                    reading.kind.describe(),
                    *c as u32,
                    shorten(line.text.trim()),
                    more(hits.len(), "character")
                ),
                help,
            ));
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn reading(lines: &[&str]) -> Reading {
        let lines = lines.iter().map(|t| Line { text: t.to_string(), ..Line::default() }).collect();
        Reading { lines, ..Reading::default() }
    }

    #[test]
    fn characters_are_checked_before_normalization() {
        let r = reading(&["Certiﬁed", "\u{F0B7} Built", "caf\u{FFFD}"]);
        let found: Vec<String> = characters(&r).into_iter().map(|f| f.message).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("ligature character `ﬁ` (U+FB01)"), "{}", found[0]);
        assert!(found[1].contains("U+FFFD"), "{}", found[1]);
        assert!(found[2].contains("private-use character `\u{F0B7}` (U+F0B7)"), "{}", found[2]);
    }
}
