//! Renderers: each turns the IR into the bytes of one output file.
//!
//! They share one small signature, [`Renderer`], and see only the IR (plus the fonts, and for
//! Typst the layout and its pages): every decision about content was made before them, so the
//! PDF, the DOCX and the text outputs cannot disagree. What the typeset pages measured is
//! [`Metrics`], which the page rules and auto-fit read.

use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::ir::Document;

pub mod docx;
pub mod text;
pub mod typst;

/// Turns the document into one file's bytes.
pub trait Renderer: Sync {
    /// The format it writes.
    fn format(&self) -> Format;
    /// The file's bytes for `doc`.
    fn render(&self, doc: &Document) -> Result<Vec<u8>, Vec<Diagnostic>>;
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Pdf,
    Docx,
    /// One preview image per page.
    Png,
    /// Plain text, for pasting into job portals.
    Txt,
    Md,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Pdf, Format::Docx, Format::Png, Format::Txt, Format::Md];

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Png => "png",
            Format::Txt => "txt",
            Format::Md => "md",
        }
    }

    /// Whether the file has pages worth counting in a report (text outputs have none).
    pub fn paged(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx | Format::Png)
    }

    /// Where an ATS reads the file's text, which every build reads back before writing it;
    /// `None` for outputs no ATS parses (previews, text to paste).
    pub fn text_layer(self) -> Option<TextLayer> {
        match self {
            Format::Pdf => Some(TextLayer::Pdf),
            Format::Docx => Some(TextLayer::Docx),
            Format::Png | Format::Txt | Format::Md => None,
        }
    }
}

/// Where an ATS finds a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextLayer {
    /// The text layer of a PDF: glyphs and their positions.
    #[default]
    Pdf,
    /// The paragraphs of a DOCX's `word/document.xml`.
    Docx,
}

impl TextLayer {
    /// Recognizes a file by its first bytes.
    pub fn sniff(bytes: &[u8]) -> Option<TextLayer> {
        if bytes.starts_with(b"%PDF-") {
            Some(TextLayer::Pdf)
        } else if bytes.starts_with(b"PK\x03\x04") {
            Some(TextLayer::Docx)
        } else {
            None
        }
    }

    /// The file type, for messages.
    pub fn name(self) -> &'static str {
        match self {
            TextLayer::Pdf => "PDF",
            TextLayer::Docx => "DOCX",
        }
    }

    /// What an ATS reads from this kind of file, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            TextLayer::Pdf => "the text layer",
            TextLayer::Docx => "the document text",
        }
    }
}

/// One file a build produced, not yet written.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// Measurements read off the laid-out pages, not the configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub pages: usize,
    /// Lines of text on each page.
    pub lines_per_page: Vec<usize>,
    /// The most common text size, by glyph count (pt).
    pub body_size: f64,
    /// Glyphs set in the body size; a resume that is only a header has hardly any.
    pub body_glyphs: usize,
    /// The smallest text size used (pt).
    pub min_size: f64,
    /// Where the last page's last line of text sits, as a fraction of the page height.
    pub fill_of_last_page: f64,
    /// Characters no available font covers (typeset as empty boxes), in order of appearance.
    pub missing_glyphs: Vec<char>,
    /// Contact items on each line of the contact line, as the layout wrapped it.
    pub contact_lines: Vec<usize>,
    /// Each page's width and height (pt).
    pub page_sizes: Vec<(f64, f64)>,
    /// Text a reader cannot see and an ATS still reads, with how it is hidden.
    pub hidden: Vec<(String, &'static str)>,
    /// Text near the right edge, with how far from the edge it ends (pt; negative past it).
    pub past_margin: Vec<(String, f64)>,
}
