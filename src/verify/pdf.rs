//! Reads a PDF's text layer the way a plain ATS does: every glyph by its position, grouped into
//! lines by baseline, lines top to bottom, glyphs left to right.
//!
//! pdf-extract (on lopdf) decodes the glyphs; its own text output is not used, because it joins
//! some consecutive lines with no separator and keeps content-stream order, which hides side by
//! side columns. Rebuilding lines from positions makes line breaks and gaps ours to measure.

use pdf_extract::{Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};

use super::{Kind, Line, Reading};

/// A gap wider than this (in em) between two pieces of one line sets them side by side: an
/// extractor may read them as separate columns.
pub const WIDE_GAP_EM: f64 = 2.0;

/// A gap wider than this (in em) between two glyphs reads as a space.
const SPACE_EM: f64 = 0.15;

/// One decoded glyph, in points from the top-left corner of its page.
struct Glyph {
    x: f64,
    /// Baseline.
    y: f64,
    width: f64,
    size: f64,
    text: String,
}

struct Page {
    height: f64,
    glyphs: Vec<Glyph>,
}

/// Collects glyphs from pdf-extract's interpreter.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.pages.push(Page { height: media_box.ury - media_box.lly, glyphs: Vec::new() });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text matrix scales the font size; its determinant gives the scale whatever the flip.
        let size = size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        if let Some(page) = self.pages.last_mut() {
            let y = page.height - trm.m32;
            page.glyphs.push(Glyph { x: trm.m31, y, width: width * size, size, text: text.to_string() });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Reads the text layer of a PDF.
pub fn read(bytes: &[u8]) -> Result<Reading, String> {
    let mut document = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    if document.is_encrypted() {
        return Err("the PDF is encrypted".into());
    }
    fix_widths(&mut document);
    let mut collector = Collector::default();
    // pdf-extract panics on some malformed files; a file made elsewhere must not crash rescc.
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pdf_extract::output_doc(&document, &mut collector)));
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("cannot extract its text ({e})")),
        Err(_) => return Err("cannot extract its text (the PDF is malformed or uses an unsupported font)".into()),
    }
    let mut reading = Reading { kind: Kind::Pdf, pages: collector.pages.len(), ..Reading::default() };
    for (index, page) in collector.pages.into_iter().enumerate() {
        lines(index, page, &mut reading);
    }
    Ok(reading)
}

/// pdf-extract 0.12.1 misreads the `first last width` form of a CID font's /W array (the form
/// Typst writes), which leaves every glyph 0 wide and every position wrong: rewrite it into the
/// `first [width ...]` form it reads correctly.
fn fix_widths(document: &mut Document) {
    let cid_fonts: Vec<(ObjectId, Option<ObjectId>)> = document
        .objects
        .iter()
        .filter_map(|(id, object)| {
            let dict = object.as_dict().ok()?;
            let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok()?;
            matches!(subtype, b"CIDFontType0" | b"CIDFontType2").then_some(())?;
            Some((*id, dict.get(b"W").and_then(Object::as_reference).ok()))
        })
        .collect();
    for (font, reference) in cid_fonts {
        let target = reference.unwrap_or(font);
        let array = match document.objects.get_mut(&target) {
            Some(Object::Array(array)) if reference.is_some() => array,
            Some(Object::Dictionary(dict)) if reference.is_none() => match dict.get_mut(b"W") {
                Ok(Object::Array(array)) => array,
                _ => continue,
            },
            _ => continue,
        };
        *array = expand_widths(array);
    }
}

/// `c_first c_last w` runs become `c_first [w w ...]`; arrays are kept.
fn expand_widths(w: &[Object]) -> Vec<Object> {
    let mut out = Vec::with_capacity(w.len());
    let mut i = 0;
    while i + 1 < w.len() {
        if let Object::Array(_) = &w[i + 1] {
            out.extend_from_slice(&w[i..i + 2]);
            i += 2;
            continue;
        }
        let (Ok(first), Ok(last), Some(width)) = (w[i].as_i64(), w[i + 1].as_i64(), w.get(i + 2)) else {
            return w.to_vec();
        };
        let count = (last - first + 1).clamp(0, 0x1_0000) as usize;
        out.push(w[i].clone());
        out.push(Object::Array(vec![width.clone(); count]));
        i += 3;
    }
    out
}

/// Groups a page's glyphs into lines by baseline and appends them to `reading`.
fn lines(page_index: usize, page: Page, reading: &mut Reading) {
    let mut glyphs: Vec<Glyph> = page.glyphs.into_iter().filter(|g| !g.text.is_empty()).collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut start = 0;
    while start < glyphs.len() {
        let base = &glyphs[start];
        // Glyphs within a third of an em of the first baseline share its line (sub- and superscripts too).
        let end = start + glyphs[start..].iter().take_while(|g| g.y - base.y <= 0.3 * g.size.min(base.size)).count();
        let mut line: Vec<&Glyph> = glyphs[start..end].iter().collect();
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        reading.lines.push(join(page_index, page.height, &line, reading.lines.len(), &mut reading.ligatures));
        start = end;
    }
}

/// The text of one line, with spaces where glyphs stand apart and the wide gaps marked.
fn join(page: usize, height: f64, glyphs: &[&Glyph], index: usize, ligatures: &mut Vec<(usize, String)>) -> Line {
    let mut text = String::new();
    let mut chars = 0;
    let mut gaps = Vec::new();
    let mut end: Option<(f64, &Glyph)> = None;
    for glyph in glyphs {
        if let Some((last_end, last)) = end {
            // Some producers draw text twice, slightly offset, for a bold look: read it once.
            if glyph.text == last.text && (glyph.x - last.x).abs() < 0.1 * glyph.size {
                continue;
            }
            let gap = (glyph.x - last_end) / glyph.size.max(f64::EPSILON);
            let spaced = text.ends_with(' ') || glyph.text.starts_with(char::is_whitespace);
            if gap > WIDE_GAP_EM {
                if !text.ends_with(' ') {
                    text.push(' ');
                    chars += 1;
                }
                gaps.push((chars, gap));
            } else if gap > SPACE_EM && !spaced {
                text.push(' ');
                chars += 1;
            }
        }
        // One glyph that stands for several letters is a ligature (Typst maps `ﬁ` back to "fi").
        if glyph.text.chars().filter(|c| c.is_alphabetic()).count() > 1 {
            ligatures.push((index, glyph.text.clone()));
        }
        let piece: String = glyph.text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
        chars += piece.chars().count();
        text.push_str(&piece);
        end = Some((glyph.x + glyph.width, glyph));
    }
    let size = glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
    let y = glyphs.first().map_or(0.0, |g| g.y);
    Line { text, page, y, page_height: height, size, gaps, ..Line::default() }
}
