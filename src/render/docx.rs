//! DOCX renderer: the IR as a WordprocessingML package that Word and LibreOffice lay out like
//! the PDF of `layouts/classic.typ`.
//!
//! The XML is written here rather than through docx-rs: docx-rs emits run and paragraph
//! properties out of schema order (Word silently drops misplaced ones, such as a font after a
//! size, and Word for the web refuses the file), adds empty comment, footnote and custom parts,
//! East Asian compatibility settings, and a hard-coded creator. This writer emits only the parts
//! a resume needs, in schema order, with fixed timestamps, so identical input gives identical
//! bytes.
//!
//! Looks live in `word/styles.xml` (Word's built-in `Title`, `Subtitle`, `heading 1`,
//! `List Bullet` and `Hyperlink`, plus `Entry` for the first line of an entry);
//! `word/document.xml` names styles and carries the inline formatting of the IR, and every run
//! names its font too, so text pasted elsewhere keeps it.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::{Format as OutputFormat, Renderer};
use crate::diag::Diagnostic;
use crate::fonts;
use crate::ir::{self, Body, Document, Entry, Field, Inline, Line};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Timestamp of the core properties (and, below, of every zip entry), so builds are reproducible.
const TIMESTAMP: &str = "2000-01-01T00:00:00Z";

/// Numbering id of the bullet list. Tools built on docx-rs reserve 1 for a decimal list, so
/// bullets use 2 to read the same everywhere.
const BULLETS: u32 = 2;

/// Separator between the parts of an entry line, as in the layout's `dot`.
const DOT: &str = " · ";

/// Separator between contact items.
const BAR: &str = " | ";

/// Text colour of the dates line (`luma(35%)` in the layout).
const GREY: &str = "595959";

/// The document as a `.docx` file.
pub struct Docx;

impl Renderer for Docx {
    fn format(&self) -> OutputFormat {
        OutputFormat::Docx
    }

    fn render(&self, doc: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        Ok(render(doc))
    }
}

fn render(doc: &Document) -> Vec<u8> {
    let font = fonts::word_name(&doc.style.font).to_string();
    let mut body = BodyWriter { font, xml: String::new(), links: Vec::new(), pending: None, keep_next: false };
    body.document(doc);
    let document = body.finish(doc);
    let mut rels = format!(
        r#"<Relationship Id="rId1" Type="{DOC_REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{DOC_REL}/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="{DOC_REL}/settings" Target="settings.xml"/>"#
    );
    for (i, url) in body.links.iter().enumerate() {
        let _ = write!(
            rels,
            r#"<Relationship Id="{}" Type="{DOC_REL}/hyperlink" Target="{}" TargetMode="External"/>"#,
            link_id(i),
            escape(url)
        );
    }
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_properties(doc)),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", format!(r#"{DECL}<Relationships xmlns="{REL_NS}">{rels}</Relationships>"#)),
        ("word/styles.xml", styles(doc)),
        ("word/numbering.xml", numbering(doc)),
        ("word/settings.xml", settings()),
    ];
    pack(&parts)
}

/// Parts smaller than this (bytes) are stored rather than deflated.
const STORE_BELOW: usize = 4096;

/// Zips the parts with fixed times, permissions and host system.
fn pack(parts: &[(&str, String)]) -> Vec<u8> {
    let time = DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).expect("a valid date");
    let options = SimpleFileOptions::default().last_modified_time(time).unix_permissions(0o644).system(System::Unix);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in parts {
        // Setting up a deflater costs more than a small part saves; Word reads stored parts.
        let method = if xml.len() < STORE_BELOW { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        // Writing to memory cannot fail.
        zip.start_file(*name, options.compression_method(method)).expect("zip entry");
        zip.write_all(xml.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fn content_types() -> String {
    let over = |part: &str, kind: &str| {
        format!(r#"<Override PartName="{part}" ContentType="application/vnd.openxmlformats-{kind}+xml"/>"#)
    };
    let main = "officedocument.wordprocessingml";
    format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}{}{}{}{}</Types>"#,
        over("/word/document.xml", &format!("{main}.document.main")),
        over("/word/styles.xml", &format!("{main}.styles")),
        over("/word/numbering.xml", &format!("{main}.numbering")),
        over("/word/settings.xml", &format!("{main}.settings")),
        over("/docProps/core.xml", "package.core-properties"),
    )
}

fn package_rels() -> String {
    format!(
        r#"{DECL}<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
    )
}

/// Title, author and keywords, as in the PDF's metadata; nothing about the tool.
fn core_properties(doc: &Document) -> String {
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords><dcterms:created xsi:type="dcterms:W3CDTF">{TIMESTAMP}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{TIMESTAMP}</dcterms:modified></cp:coreProperties>"#,
        escape(&doc.meta.title),
        escape(&doc.meta.author),
        escape(&doc.meta.keywords.join(", ")),
    )
}

fn settings() -> String {
    // No compatibility options beyond the current mode: they change line layout.
    format!(
        r#"{DECL}<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// Vertical metrics of a family, in em: cap height (where Typst's lines start) and the height
/// of a single-spaced line (ascender + descender + line gap of the `hhea` table, as LibreOffice
/// measures the bundled fonts; for Cambria the larger height Word gives it).
fn metrics(word_font: &str) -> (f64, f64) {
    match word_font {
        "Arial" => (0.688, 1.150),
        "Times New Roman" => (0.655, 1.150),
        "Cambria" => (0.667, 1.172),
        _ => (0.642, 1.221), // Calibri, and the guess for fonts rescc does not ship
    }
}

/// One paragraph style, in em of the body size: text size, the leading Typst puts between its
/// lines, and the space Word adds before and after it (all spacing scales with `style.spacing`).
struct Look {
    id: &'static str,
    name: &'static str,
    size: f64,
    bold: bool,
    leading: f64,
    before: f64,
    after: f64,
}

/// Size of section headings: `1.1em` of the heading's own `1.4em` in Typst.
const HEADING: f64 = 1.54;

/// Body text (`Normal`, and the document defaults).
const BODY: Look =
    Look { id: "Normal", name: "Normal", size: 1.0, bold: false, leading: 0.45, before: 0.0, after: 0.0 };

/// The other paragraph styles. The numbers were tuned by converting DOCX files with LibreOffice
/// and comparing every baseline with the PDF's: each lands within about a point, and a page of
/// DOCX runs a few points shorter than the PDF's, not longer, so it needs no more pages.
/// Word and LibreOffice keep the larger of two adjacent spacings, as Typst does.
/// - Typst advances a line by cap height + leading; [`line`] sets Word's line height to that.
/// - Headings: 1.05em above and 0.5em below at their 1.4em, with the rule 7.8pt under the text.
/// - Entries are 0.85em apart; their bullets start 0.3em under the text, items 0.42em apart.
///   Word cannot start a paragraph closer than one line, so entries take the 0.12em back.
const CLASSIC: &[Look] = &[
    Look { id: "Title", name: "Title", size: 2.0, bold: true, leading: 0.45, before: 0.0, after: 0.0 },
    // A little less leading: LibreOffice sets the line under a larger one slightly lower.
    Look { id: "Subtitle", name: "Subtitle", size: 1.15, bold: false, leading: 0.36, before: 0.0, after: 0.0 },
    Look { id: "Heading1", name: "heading 1", size: HEADING, bold: true, leading: 0.63, before: 0.93, after: 0.46 },
    Look { id: "Entry", name: "Entry", size: 1.0, bold: false, leading: 0.45, before: 0.28, after: 0.0 },
    Look { id: "ListBullet", name: "List Bullet", size: 1.0, bold: false, leading: 0.42, before: 0.0, after: 0.0 },
    // A cover letter's blocks (date, recipient, subject, greeting, closing), its paragraphs and
    // the name under the closing, spaced as the layouts' letter part.
    Look { id: "LetterBlock", name: "Letter Block", size: 1.0, bold: false, leading: 0.45, before: 1.2, after: 0.0 },
    Look { id: "LetterBody", name: "Letter Body", size: 1.0, bold: false, leading: 0.45, before: 1.0, after: 0.0 },
    Look {
        id: "LetterSignature",
        name: "Letter Signature",
        size: 1.0,
        bold: false,
        leading: 0.45,
        before: 2.4,
        after: 0.0,
    },
];

/// Whether the text of a paragraph's runs (its `w:t` elements) starts right to left.
fn right_to_left(runs: &str) -> bool {
    let text: String = runs
        .split("<w:t")
        .skip(1)
        .filter_map(|t| t.split_once('>').and_then(|(_, rest)| rest.split_once("</w:t>")).map(|(text, _)| text))
        .collect();
    unicode_bidi::get_base_direction(text.as_str()) == unicode_bidi::Direction::Rtl
}

/// The compact layout's styles, scaled from the classic ones as the layout scales its spacing:
/// the name 1.6em with the headline on its line, headings 1.05em with no rule, leading 0.38em,
/// entries 0.6em apart, bullets 0.32em.
const COMPACT: &[Look] = &[
    Look { id: "Title", name: "Title", size: 1.6, bold: true, leading: 0.38, before: 0.0, after: 0.0 },
    Look { id: "Subtitle", name: "Subtitle", size: 1.0, bold: false, leading: 0.38, before: 0.0, after: 0.0 },
    Look { id: "Heading1", name: "heading 1", size: 1.05, bold: true, leading: 0.38, before: 0.62, after: 0.3 },
    Look { id: "Entry", name: "Entry", size: 1.0, bold: false, leading: 0.38, before: 0.2, after: 0.0 },
    Look { id: "ListBullet", name: "List Bullet", size: 1.0, bold: false, leading: 0.32, before: 0.0, after: 0.0 },
    Look { id: "LetterBlock", name: "Letter Block", size: 1.0, bold: false, leading: 0.38, before: 1.2, after: 0.0 },
    Look { id: "LetterBody", name: "Letter Body", size: 1.0, bold: false, leading: 0.38, before: 1.0, after: 0.0 },
    Look {
        id: "LetterSignature",
        name: "Letter Signature",
        size: 1.0,
        bold: false,
        leading: 0.38,
        before: 2.4,
        after: 0.0,
    },
];

/// How a built-in layout looks in Word: its styles, whether headings carry a rule, and whether an
/// entry's title, dates and place share one line (and the name its headline) as in the PDF.
struct DocxLayout {
    looks: &'static [Look],
    body: Look,
    heading_rule: bool,
    one_line_headers: bool,
    /// The colour of the name, the headings and their rule (hex), when not black.
    accent: Option<&'static str>,
}

fn classic() -> DocxLayout {
    DocxLayout { looks: CLASSIC, body: BODY, heading_rule: true, one_line_headers: false, accent: None }
}

/// The DOCX look of the document's layout; a custom layout's is the classic one.
fn layout_of(doc: &Document) -> DocxLayout {
    match doc.style.docx.as_str() {
        "compact" => DocxLayout {
            looks: COMPACT,
            body: Look { leading: 0.38, ..BODY },
            heading_rule: false,
            one_line_headers: true,
            accent: None,
        },
        // The modern layout's accent, `rgb("#1f4e79")`.
        "modern" => DocxLayout { accent: Some("1F4E79"), ..classic() },
        _ => classic(),
    }
}

/// Twips (1/20 pt) for `em` times the body size.
fn twips(doc: &Document, em: f64) -> i64 {
    (em * doc.style.font_size * 20.0).round() as i64
}

/// Half-points for `em` times the body size. Word has nothing finer, and rounding down keeps
/// a fitted size (10.3 pt) from wrapping more lines than the PDF.
fn half_points(doc: &Document, em: f64) -> i64 {
    (em * doc.style.font_size * 2.0 + 1e-6).floor() as i64
}

/// Line height as a multiple of single spacing at the Word size (in 240ths), so a line advances
/// as far as in Typst: the cap height of its text plus the leading.
fn line(doc: &Document, look: &Look) -> i64 {
    let (cap, single) = metrics(fonts::word_name(&doc.style.font));
    let advance = cap * look.size + look.leading * doc.style.spacing;
    let word_size = half_points(doc, look.size) as f64 / 2.0 / doc.style.font_size;
    (advance / (single * word_size) * 240.0).round() as i64
}

fn styles(doc: &Document) -> String {
    let layout = layout_of(doc);
    let font = escape(fonts::word_name(&doc.style.font));
    let body = half_points(doc, 1.0);
    let mut xml = format!(
        r#"{DECL}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/><w:kern w:val="2"/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>{}</w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
        spacing(doc, &layout.body)
    );
    // Kerning (`w:kern`) is on because Typst kerns: without it lines run 0.4% longer and wrap.
    // A letter's styles only in a letter: a resume's file stays as it was.
    for look in layout.looks.iter().filter(|look| doc.letter.is_some() || !look.id.starts_with("Letter")) {
        let next = if look.id == "ListBullet" { look.id } else { "Normal" };
        let _ = write!(
            xml,
            r#"<w:style w:type="paragraph" w:styleId="{}"><w:name w:val="{}"/><w:basedOn w:val="Normal"/><w:next w:val="{next}"/><w:qFormat/><w:pPr>"#,
            look.id, look.name
        );
        match look.id {
            "Heading1" => xml.push_str("<w:keepNext/><w:keepLines/>"),
            "Entry" => xml.push_str("<w:keepNext/>"),
            "ListBullet" => {
                let _ = write!(xml, r#"<w:numPr><w:numId w:val="{BULLETS}"/></w:numPr>"#);
            }
            _ => {}
        }
        if look.id == "Heading1" && layout.heading_rule {
            // The layout's 0.6pt rule; border widths are in 1/8 pt, the gap above in pt.
            let colour = layout.accent.unwrap_or("000000");
            let _ =
                write!(xml, r#"<w:pBdr><w:bottom w:val="single" w:sz="5" w:space="4" w:color="{colour}"/></w:pBdr>"#);
        }
        xml.push_str(&spacing(doc, look));
        if look.id == "Heading1" {
            xml.push_str(r#"<w:outlineLvl w:val="0"/>"#);
        }
        xml.push_str("</w:pPr><w:rPr>");
        if look.bold {
            xml.push_str("<w:b/><w:bCs/>");
        }
        if look.id == "Heading1" {
            // Upper-case on the page, the source text in the file.
            xml.push_str("<w:caps/>");
        }
        if let Some(colour) = layout.accent.filter(|_| matches!(look.id, "Title" | "Heading1")) {
            let _ = write!(xml, r#"<w:color w:val="{colour}"/>"#);
        }
        if look.size != 1.0 {
            let size = half_points(doc, look.size);
            let _ = write!(xml, r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#);
        }
        xml.push_str("</w:rPr></w:style>");
    }
    xml.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    // Links look like the PDF's: plain text showing the address.
    xml.push_str(r#"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/></w:style>"#);
    xml.push_str("</w:styles>");
    xml
}

/// `w:spacing` of a style.
fn spacing(doc: &Document, look: &Look) -> String {
    format!(
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="auto"/>"#,
        twips(doc, look.before * doc.style.spacing),
        twips(doc, look.after * doc.style.spacing),
        line(doc, look)
    )
}

/// One bullet list: `•` at 0.4em, text at 0.4em + the bullet's width + 0.5em, as in the layout.
fn numbering(doc: &Document) -> String {
    let left = twips(doc, 0.4 + 0.5 + 0.5);
    let hanging = twips(doc, 0.5 + 0.5);
    let font = escape(fonts::word_name(&doc.style.font));
    format!(
        r#"{DECL}<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="{BULLETS}"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/></w:rPr></w:lvl></w:abstractNum><w:num w:numId="{BULLETS}"><w:abstractNumId w:val="{BULLETS}"/></w:num></w:numbering>"#
    )
}

/// Relationship id of the `index`th distinct link (rId1-3 are styles, numbering, settings).
fn link_id(index: usize) -> String {
    format!("rId{}", index + 4)
}

/// Writes `word/document.xml` and collects the hyperlink targets.
struct BodyWriter {
    font: String,
    xml: String,
    links: Vec<String>,
    /// Text not yet written, merged while the formatting stays the same.
    pending: Option<(Format, String)>,
    /// Whether the next paragraph keeps with the one after it (an entry's header lines).
    keep_next: bool,
}

/// Formatting of one run beyond its paragraph style.
#[derive(Default, Clone, Copy, PartialEq)]
struct Format {
    bold: bool,
    italic: bool,
    grey: bool,
    /// A size of its own (half-points), as the headline on the name's line.
    size: Option<i64>,
}

impl BodyWriter {
    fn document(&mut self, doc: &Document) {
        let one_line = layout_of(doc).one_line_headers;
        match (&doc.headline, one_line) {
            // The compact layout sets the headline on the name's line, in body text.
            (Some(headline), true) => self.paragraph("Title", |w| {
                w.text(&doc.name, Format::default());
                let body = Format { size: Some(half_points(doc, 1.0)), ..Format::default() };
                w.text(&format!("{BAR}{headline}"), body);
            }),
            (headline, _) => {
                self.paragraph("Title", |w| w.text(&doc.name, Format::default()));
                if let Some(headline) = headline {
                    self.paragraph("Subtitle", |w| w.text(headline, Format::default()));
                }
            }
        }
        if !doc.contact.is_empty() {
            self.paragraph("Normal", |w| {
                // Break where the PDF's line breaks, so no line ends with a separator.
                let mut breaks = Vec::new();
                for count in &doc.contact_lines {
                    breaks.push(breaks.last().copied().unwrap_or(0) + count);
                }
                for (i, item) in doc.contact.iter().enumerate() {
                    if i > 0 && breaks.contains(&i) {
                        w.text("\n", Format::default());
                    } else if i > 0 {
                        w.text(BAR, Format::default());
                    }
                    w.inline(item, Format::default());
                }
            });
        }
        if let Some(letter) = &doc.letter {
            self.letter(letter);
        }
        for section in &doc.sections {
            self.paragraph("Heading1", |w| w.text(&section.title, Format::default()));
            match &section.body {
                Body::Text { text } => self.paragraph("Normal", |w| w.rich(text, false)),
                Body::Skills { groups } => {
                    for group in groups {
                        self.paragraph("Normal", |w| {
                            w.text(&format!("{}:", group.name), Format { bold: true, ..Format::default() });
                            w.text(&format!(" {}", group.items.join(", ")), Format::default());
                        });
                    }
                }
                Body::Entries { entries } if one_line => entries.iter().for_each(|e| self.one_line_entry(e)),
                Body::Entries { entries } => entries.iter().for_each(|e| self.entry(e)),
            }
        }
    }

    /// A cover letter below the header: a paragraph per line, the subject in bold.
    fn letter(&mut self, letter: &ir::Letter) {
        let plain = Format::default();
        self.paragraph("LetterBlock", |w| w.text(&letter.date, plain));
        for (i, line) in letter.recipient.iter().enumerate() {
            let style = if i == 0 { "LetterBlock" } else { "Normal" };
            self.paragraph(style, |w| w.text(line, plain));
        }
        self.paragraph("LetterBlock", |w| w.text(&letter.subject, Format { bold: true, ..plain }));
        self.paragraph("LetterBlock", |w| w.text(&letter.greeting, plain));
        for paragraph in &letter.paragraphs {
            self.paragraph("LetterBody", |w| w.rich(paragraph, false));
        }
        self.paragraph("LetterBlock", |w| w.text(&letter.closing, plain));
        self.paragraph("LetterSignature", |w| w.text(&letter.signature, plain));
    }

    /// One paragraph per printed line of the entry, in reading order.
    fn entry(&mut self, entry: &Entry) {
        for (line, fields) in entry.lines() {
            // The header's lines stay with the first bullet, as in the PDF.
            self.keep_next = line != Line::Bullet && !entry.bullets.is_empty();
            let style = match line {
                Line::Title => "Entry",
                Line::Bullet => "ListBullet",
                Line::Dates | Line::Description | Line::Detail => "Normal",
            };
            self.paragraph(style, |w| {
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        w.text(DOT, Format { grey: line == Line::Dates, ..Format::default() });
                    }
                    w.field(field);
                }
            });
        }
    }

    /// An entry as the compact layout sets it: `Title, Org | link | dates | place` on one line,
    /// the description, the details on one line, then the bullets.
    fn one_line_entry(&mut self, entry: &Entry) {
        let lines = entry.lines();
        let header: Vec<&Field> =
            lines.iter().filter(|(line, _)| matches!(line, Line::Title | Line::Dates)).flat_map(|(_, f)| f).collect();
        self.keep_next = !entry.bullets.is_empty();
        self.paragraph("Entry", |w| {
            for (i, field) in header.iter().enumerate() {
                match (i, field) {
                    (0, _) => {}
                    (1, Field::Org(_)) => w.text(", ", Format::default()),
                    _ => w.text(BAR, Format::default()),
                }
                w.field(field);
            }
        });
        let details: Vec<&Field> =
            lines.iter().filter(|(line, _)| *line == Line::Detail).flat_map(|(_, f)| f).collect();
        let mut details_written = false;
        for (line, fields) in &lines {
            match line {
                Line::Title | Line::Dates => {}
                // Every detail on the line of the first.
                Line::Detail if !details_written => {
                    details_written = true;
                    self.keep_next = !entry.bullets.is_empty();
                    self.paragraph("Normal", |w| {
                        for (i, field) in details.iter().enumerate() {
                            if i > 0 {
                                w.text(BAR, Format::default());
                            }
                            w.field(field);
                        }
                    });
                }
                Line::Detail => {}
                Line::Bullet => self.paragraph("ListBullet", |w| fields.iter().for_each(|f| w.field(f))),
                Line::Description => {
                    self.keep_next = !entry.bullets.is_empty();
                    self.paragraph("Normal", |w| fields.iter().for_each(|f| w.field(f)));
                }
            }
        }
    }

    /// One field: a title in bold, dates in grey, a description emphasized, a detail's label in bold.
    fn field(&mut self, field: &Field) {
        match field {
            Field::Title(title) => self.text(title, Format { bold: true, ..Format::default() }),
            Field::Org(text) => self.text(text, Format::default()),
            Field::Link(link) => self.inline(link, Format::default()),
            Field::Dates(text) | Field::Location(text) => self.text(text, Format { grey: true, ..Format::default() }),
            Field::Description(text) => self.rich(text, true),
            Field::Bullet(bullet) => self.rich(&bullet.text, false),
            Field::Detail(detail) => {
                self.text(&format!("{}:", detail.label), Format { bold: true, ..Format::default() });
                self.text(&format!(" {}", detail.text), Format::default());
            }
        }
    }

    fn paragraph(&mut self, style: &str, runs: impl FnOnce(&mut Self)) {
        let _ = write!(self.xml, r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>"#);
        if style == "ListBullet" {
            // On the paragraph too, not only in its style: some readers look no further.
            let _ = write!(self.xml, r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{BULLETS}"/></w:numPr>"#);
        }
        if std::mem::take(&mut self.keep_next) {
            self.xml.push_str("<w:keepNext/>");
        }
        let direction_at = self.xml.len();
        self.xml.push_str("</w:pPr>");
        let runs_at = self.xml.len();
        runs(self);
        self.flush();
        // A paragraph that starts in Hebrew or Arabic reads right to left.
        if right_to_left(&self.xml[runs_at..]) {
            self.xml.insert_str(direction_at, "<w:bidi/>");
        }
        self.xml.push_str("</w:p>");
    }

    /// Rich text; `emphasized` text toggles italics like Typst's `emph`.
    fn rich(&mut self, runs: &[Inline], emphasized: bool) {
        for run in runs {
            self.inline(run, Format { italic: emphasized, ..Format::default() });
        }
    }

    /// One IR run: a hyperlink when it has a target.
    fn inline(&mut self, run: &Inline, base: Format) {
        let format = Format { bold: base.bold || run.bold, italic: base.italic != run.italic, ..base };
        match &run.link {
            Some(url) => {
                let index = self.links.iter().position(|l| l == url).unwrap_or_else(|| {
                    self.links.push(url.clone());
                    self.links.len() - 1
                });
                self.flush();
                let _ = write!(self.xml, r#"<w:hyperlink r:id="{}" w:history="1">"#, link_id(index));
                self.run(&run.text, format, true);
                self.xml.push_str("</w:hyperlink>");
            }
            None => self.text(&run.text, format),
        }
    }

    /// Plain text, appended to the pending run when it has the same formatting.
    fn text(&mut self, text: &str, format: Format) {
        match &mut self.pending {
            Some((pending, buffer)) if *pending == format => buffer.push_str(text),
            _ => {
                self.flush();
                self.pending = Some((format, text.to_string()));
            }
        }
    }

    fn flush(&mut self) {
        if let Some((format, text)) = self.pending.take() {
            self.run(&text, format, false);
        }
    }

    /// A run in the document's font; tabs and line breaks become Word's own elements.
    fn run(&mut self, text: &str, format: Format, link: bool) {
        if text.is_empty() {
            return;
        }
        let font = escape(&self.font);
        self.xml.push_str("<w:r><w:rPr>");
        if link {
            self.xml.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
        }
        let _ = write!(self.xml, r#"<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>"#);
        if format.bold {
            self.xml.push_str("<w:b/><w:bCs/>");
        }
        if format.italic {
            self.xml.push_str("<w:i/><w:iCs/>");
        }
        if format.grey {
            let _ = write!(self.xml, r#"<w:color w:val="{GREY}"/>"#);
        }
        if let Some(size) = format.size {
            let _ = write!(self.xml, r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#);
        }
        self.xml.push_str("</w:rPr>");
        let text = text.replace("\r\n", "\n");
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.xml.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    self.xml.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    let _ = write!(self.xml, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece));
                }
            }
        }
        self.xml.push_str("</w:r>");
    }

    /// The whole `word/document.xml`, with the page set up like the PDF's.
    fn finish(&self, doc: &Document) -> String {
        let (width, height) = if doc.style.paper == "a4" { (11906, 16838) } else { (12240, 15840) };
        let margin = (doc.style.margins * 20.0).round() as i64;
        format!(
            r#"{DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{}<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"/><w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" w:header="0" w:footer="0" w:gutter="0"/><w:cols w:space="720"/></w:sectPr></w:body></w:document>"#,
            self.xml
        )
    }
}

/// Escapes text for XML content and attributes, dropping characters XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
