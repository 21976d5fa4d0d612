//! Reads a DOCX back: the text of `word/document.xml` paragraph by paragraph, each paragraph's
//! style and numbering, and the structures ATS misread (tables, text boxes, columns, headers and
//! footers, typed bullets, automatic hyphenation).

use roxmltree::{Document, Node};

use super::bounds::{Budget, MAX_OBJECTS, Refused};
use super::{Finding, Line, Reading};
use crate::render::TextLayer;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const V: &str = "urn:schemas-microsoft-com:vml";
const WPS: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Characters people type to fake a bullet.
const BULLETS: &[char] = &['•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►', '▶', '➢', '✓', '✔'];

/// Characters that fake a bullet when a space follows them.
const DASHES: &[char] = &['-', '*', '–', '—', '·'];

/// Reads a `.docx` package.
pub fn read(bytes: &[u8]) -> Result<Reading, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("not a DOCX ({e})"))?;
    if zip.len() > MAX_OBJECTS {
        return Err(format!("it has more than {MAX_OBJECTS} parts; a resume has a dozen"));
    }
    let budget = &mut Budget::default();
    let document = part(&mut zip, "word/document.xml", budget)?.ok_or("not a DOCX (it has no word/document.xml)")?;
    let styles = part(&mut zip, "word/styles.xml", budget)?.unwrap_or_default();
    let settings = part(&mut zip, "word/settings.xml", budget)?.unwrap_or_default();
    let xml = Document::parse_with_options(&document, xml_options())
        .map_err(|e| format!("word/document.xml is not well-formed XML ({e})"))?;
    let styles = Styles::parse(&styles);
    let mut reading = Reading { kind: TextLayer::Docx, pages: 1, ..Reading::default() };
    let body =
        xml.root_element().children().find(|n| n.has_tag_name((W, "body"))).ok_or("word/document.xml has no body")?;
    paragraphs(body, &styles, &mut reading);
    structure(body, &mut reading.structure);
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    for name in names.iter().filter(|n| is_header_or_footer(n)) {
        let Some(xml) = part(&mut zip, name, budget)? else { continue };
        let text: String = Document::parse_with_options(&xml, xml_options())
            .map(|d| d.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect())
            .unwrap_or_default();
        if !text.trim().is_empty() {
            let what = if name.contains("header") { "header" } else { "footer" };
            reading.structure.push(Finding::new(
                format!("the page {what} ({name}) holds text: \"{}\"", super::shorten(text.trim())),
                format!("many ATS skip page {what}s: move this text into the document body"),
            ));
        }
    }
    if hyphenates(&settings) {
        reading.structure.push(Finding::new(
            "automatic hyphenation is on (w:autoHyphenation in word/settings.xml)",
            "hyphenation splits words across lines, and ATS read the halves as two words: turn it off",
        ));
    }
    Ok(reading)
}

/// A part of the package as text, or `None` when the package lacks it; inflated within `budget`.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} ({e})")),
    };
    let bytes = budget.inflate(name, file).map_err(|refused| match refused {
        Refused::TooBig(reason) => reason,
        Refused::Corrupt(e) => format!("cannot read {name} ({e})"),
    })?;
    String::from_utf8(bytes).map(Some).map_err(|_| format!("cannot read {name} (it is not UTF-8 text)"))
}

/// XML parsing within the caps: a resume's document has a few thousand nodes.
fn xml_options<'input>() -> roxmltree::ParsingOptions<'input> {
    roxmltree::ParsingOptions { nodes_limit: MAX_XML_NODES, ..roxmltree::ParsingOptions::default() }
}

/// Most XML nodes in one part.
const MAX_XML_NODES: u32 = 1_000_000;

fn is_header_or_footer(name: &str) -> bool {
    let file = name.strip_prefix("word/").unwrap_or("");
    (file.starts_with("header") || file.starts_with("footer")) && file.ends_with(".xml") && !file.contains('/')
}

fn hyphenates(settings: &str) -> bool {
    let Ok(xml) = Document::parse_with_options(settings, xml_options()) else { return false };
    xml.descendants()
        .find(|n| n.has_tag_name((W, "autoHyphenation")))
        .is_some_and(|n| !matches!(n.attribute((W, "val")), Some("0" | "false" | "off")))
}

/// Paragraph styles: which are headings and which carry numbering.
#[derive(Default)]
struct Styles {
    /// (style id, name, based on, numbered)
    styles: Vec<(String, String, Option<String>, bool)>,
}

impl Styles {
    fn parse(xml: &str) -> Styles {
        let Ok(doc) = Document::parse_with_options(xml, xml_options()) else { return Styles::default() };
        let styles = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "style")))
            .filter_map(|s| {
                let id = s.attribute((W, "styleId"))?.to_string();
                let name = child(s, "name").and_then(|n| n.attribute((W, "val"))).unwrap_or(&id).to_string();
                let based = child(s, "basedOn").and_then(|n| n.attribute((W, "val"))).map(String::from);
                let numbered = child(s, "pPr").and_then(|p| child(p, "numPr")).is_some_and(numbered);
                Some((id, name, based, numbered))
            })
            .collect();
        Styles { styles }
    }

    /// The style's name, falling back to its id when styles.xml lacks it.
    fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.styles.iter().find(|s| s.0 == id).map_or(id, |s| s.1.as_str())
    }

    /// Whether the style is a built-in heading (`heading 1`…`heading 9`, or `Heading1` by id).
    fn is_heading(&self, id: &str) -> bool {
        let name = self.name(id).to_ascii_lowercase();
        name.strip_prefix("heading").is_some_and(|n| n.trim().parse::<u8>().is_ok())
    }

    /// Whether the style, or one it is based on, has numbering.
    fn is_numbered(&self, id: &str) -> bool {
        let mut id = Some(id.to_string());
        for _ in 0..10 {
            let Some(style) = id.as_ref().and_then(|i| self.styles.iter().find(|s| &s.0 == i)) else { break };
            if style.3 {
                return true;
            }
            id = style.2.clone();
        }
        false
    }
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

/// A `w:numPr` that names a list (numId 0 means "no numbering").
fn numbered(num_pr: Node) -> bool {
    child(num_pr, "numId").and_then(|n| n.attribute((W, "val"))).is_some_and(|v| v != "0")
}

/// Every paragraph in document order, including those inside tables and text boxes, as ATS
/// that read the XML see them. Line breaks inside a paragraph start a new line.
fn paragraphs(body: Node, styles: &Styles, reading: &mut Reading) {
    for (index, p) in body.descendants().filter(|n| n.has_tag_name((W, "p")) && !in_fallback(*n)).enumerate() {
        let props = child(p, "pPr");
        let style = props.and_then(|pr| child(pr, "pStyle")).and_then(|s| s.attribute((W, "val"))).unwrap_or("Normal");
        let numbered = props.and_then(|pr| child(pr, "numPr")).is_some_and(numbered) || styles.is_numbered(style);
        let mut text = String::new();
        let mut symbol_first = false;
        collect(p, &mut text, &mut symbol_first);
        let mut start = text.trim_start().chars();
        let (first, second) = (start.next(), start.next());
        let dash = first.is_some_and(|c| DASHES.contains(&c)) && second.is_some_and(char::is_whitespace);
        if symbol_first || dash || first.is_some_and(|c| BULLETS.contains(&c)) {
            let typed = first.map_or(String::new(), |c| format!(" `{c}`"));
            reading.structure.push(Finding::new(
                format!(
                    "paragraph {} starts with a typed bullet{typed}: \"{}\"",
                    index + 1,
                    super::shorten(text.trim())
                ),
                "ATS read a typed bullet as text: use Word's list numbering (the List Bullet style) instead",
            ));
        }
        for piece in text.split('\n') {
            reading.lines.push(Line {
                text: piece.to_string(),
                paragraph: index,
                style: styles.name(style).to_string(),
                heading: styles.is_heading(style),
                numbered,
                ..Line::default()
            });
        }
    }
}

/// Whether a node lies in an `mc:Fallback`, which repeats content already read from `mc:Choice`.
fn in_fallback(node: Node) -> bool {
    node.ancestors().any(|a| a.has_tag_name((MC, "Fallback")))
}

/// The text of one paragraph, not descending into paragraphs nested in it (text boxes).
fn collect(node: Node, text: &mut String, symbol_first: &mut bool) {
    for n in node.children() {
        if !n.is_element() || n.has_tag_name((MC, "Fallback")) {
            continue;
        }
        match (n.tag_name().namespace(), n.tag_name().name()) {
            (Some(W), "p" | "delText" | "instrText" | "pPr" | "rPr") => {}
            (Some(W), "t") => text.push_str(n.text().unwrap_or("")),
            (Some(W), "tab") => text.push('\t'),
            (Some(W), "br" | "cr") => text.push('\n'),
            (Some(W), "noBreakHyphen") => text.push('-'),
            (Some(W), "sym") => {
                // Symbol-font characters (Wingdings bullets) live in the Private Use Area.
                let c = n.attribute((W, "char")).and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32);
                if text.trim().is_empty() {
                    *symbol_first = true;
                }
                text.push(c.unwrap_or('\u{FFFD}'));
            }
            _ => collect(n, text, symbol_first),
        }
    }
}

/// Tables, text boxes and multi-column sections.
fn structure(body: Node, out: &mut Vec<Finding>) {
    let tables = body.descendants().filter(|n| n.has_tag_name((W, "tbl"))).count();
    if tables > 0 {
        let first: String = body
            .descendants()
            .find(|n| n.has_tag_name((W, "tbl")))
            .map(|t| t.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect())
            .unwrap_or_default();
        out.push(Finding::new(
            format!("the document lays text out in {tables} table{}: \"{}\"", plural(tables), super::shorten(&first)),
            "ATS read table cells out of order or skip them: use plain paragraphs",
        ));
    }
    // A text box's content is in w:txbxContent, whether the box is VML or DrawingML.
    let count = |test: &dyn Fn(Node) -> bool| body.descendants().filter(|n| test(*n) && !in_fallback(*n)).count();
    let boxes = match count(&|n| n.has_tag_name((W, "txbxContent"))) {
        0 => count(&|n| n.has_tag_name((V, "textbox")) || n.has_tag_name((WPS, "txbx"))),
        n => n,
    };
    if boxes > 0 {
        out.push(Finding::new(
            format!("the document has {boxes} text box{}", if boxes == 1 { "" } else { "es" }),
            "ATS skip text boxes: put their text in the document body",
        ));
    }
    let columns = body
        .descendants()
        .filter(|n| n.has_tag_name((W, "cols")))
        .filter_map(|n| n.attribute((W, "num")).and_then(|v| v.parse::<u32>().ok()))
        .max()
        .unwrap_or(1);
    if columns > 1 {
        out.push(Finding::new(
            format!("a section is set in {columns} columns"),
            "ATS read straight across columns and mix their lines: use one column",
        ));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
