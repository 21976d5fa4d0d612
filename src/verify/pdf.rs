//! Reads a PDF's text layer the way a plain ATS does: every glyph by its position, grouped into
//! lines by baseline, lines top to bottom, glyphs left to right.
//!
//! lopdf parses the file, the content streams and each font's encoding (ToUnicode CMaps,
//! WinAnsi, Differences); the text-showing operators are interpreted here, so that every glyph
//! gets its place on the page. Rebuilding lines from positions, rather than trusting
//! content-stream order, makes line breaks, gaps and side-by-side columns ours to measure.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};
use rayon::prelude::*;

use super::content::{self, Operand};
use super::{Line, Reading};
use crate::render::TextLayer;

/// A gap wider than this (in em) between two pieces of one line sets them side by side: an
/// extractor may read them as separate columns.
pub const WIDE_GAP_EM: f64 = 2.0;

/// A gap wider than this (in em) between two glyphs reads as a space.
const SPACE_EM: f64 = 0.15;

/// Form XObjects nested deeper than this are not read (a form may draw itself)...
const MAX_FORM_DEPTH: usize = 8;
/// ...nor more than this many per page, however shallow.
const MAX_FORMS_PER_PAGE: usize = 1000;
/// Graphics states saved (`q`) and not yet restored; PDF's own implementation limit is 28.
const MAX_SAVED_STATES: usize = 256;
/// Width entries a font's `/W` array may expand to: a run may name up to 65,536 CIDs, and a
/// malformed file may repeat runs without end.
const MAX_WIDTH_ENTRIES: usize = 1 << 18;

/// One decoded glyph, in points from the top-left corner of its page.
struct Glyph {
    x: f64,
    /// Baseline.
    y: f64,
    width: f64,
    size: f64,
    text: Arc<str>,
}

struct Page {
    height: f64,
    glyphs: Vec<Glyph>,
}

/// Reads the text layer of a PDF.
pub fn read(bytes: &[u8]) -> Result<Reading, String> {
    let document = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    if document.is_encrypted() {
        return Err("the PDF is encrypted".into());
    }
    let ids: Vec<ObjectId> = document.get_pages().into_values().collect();
    // Pages are independent, so they are read at once.
    let pages = ids
        .par_iter()
        .map(|&id| read_page(&document, id).ok_or_else(|| "cannot extract its text (a page is malformed)".to_string()))
        .collect::<Result<Vec<Page>, String>>()?;
    let mut reading = Reading { kind: TextLayer::Pdf, pages: pages.len(), ..Reading::default() };
    for (index, page) in pages.into_iter().enumerate() {
        lines(index, page, &mut reading);
    }
    Ok(reading)
}

fn read_page(document: &Document, id: ObjectId) -> Option<Page> {
    let page = document.get_dictionary(id).ok()?;
    let numbers = |object: &Object| -> Option<Vec<f64>> {
        object.as_array().ok()?.iter().map(|n| deref(document, n).as_float().ok().map(f64::from)).collect()
    };
    let media_box = inherited(document, page, b"MediaBox").and_then(numbers);
    let [llx, lly, _, ury] = media_box.as_deref().unwrap_or(&[0.0, 0.0, 612.0, 792.0])[..] else { return None };
    let resources = inherited(document, page, b"Resources").and_then(|r| r.as_dict().ok());
    let content = document.get_page_content(id).ok()?;
    let mut interpreter =
        Interpreter { document, fonts: HashMap::new(), glyphs: Vec::new(), forms_left: MAX_FORMS_PER_PAGE };
    // The page's origin moves to its top-left corner, y growing downwards.
    let page_space = Matrix { a: 1.0, b: 0.0, c: 0.0, d: -1.0, e: -llx, f: ury };
    interpreter.run(&content, resources, State::new(page_space), 0)?;
    Some(Page { height: ury - lly, glyphs: interpreter.glyphs })
}

/// A page attribute from the page or the nearest ancestor that sets it.
fn inherited<'a>(document: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return Some(deref(document, value));
        }
        node = deref(document, node.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

fn deref<'a>(document: &'a Document, object: &'a Object) -> &'a Object {
    document.dereference(object).map_or(object, |(_, target)| target)
}

/// An affine transform `[a b c d e f]`, applied to row vectors as PDF does.
#[derive(Debug, Clone, Copy)]
struct Matrix {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    e: f64,
    f: f64,
}

impl Matrix {
    const IDENTITY: Matrix = Matrix { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix { e: x, f: y, ..Matrix::IDENTITY }
    }

    fn from_operands(operands: &[Operand]) -> Option<Matrix> {
        let [a, b, c, d, e, f] = numbers::<6>(operands)?;
        Some(Matrix { a, b, c, d, e, f })
    }

    /// A `/Matrix` array of a form's dictionary.
    fn from_array(array: &[Object]) -> Option<Matrix> {
        let number = |i: usize| array.get(i)?.as_float().ok().map(f64::from);
        let (a, b, c, d, e, f) = (number(0)?, number(1)?, number(2)?, number(3)?, number(4)?, number(5)?);
        Some(Matrix { a, b, c, d, e, f })
    }

    /// `self` then `next`.
    fn then(&self, next: &Matrix) -> Matrix {
        Matrix {
            a: self.a * next.a + self.b * next.c,
            b: self.a * next.b + self.b * next.d,
            c: self.c * next.a + self.d * next.c,
            d: self.c * next.b + self.d * next.d,
            e: self.e * next.a + self.f * next.c + next.e,
            f: self.e * next.b + self.f * next.d + next.f,
        }
    }

    /// How much the transform scales lengths (the square root of its area scale).
    fn scale(&self) -> f64 {
        (self.a * self.d - self.b * self.c).abs().sqrt()
    }
}

fn numbers<const N: usize>(operands: &[Operand]) -> Option<[f64; N]> {
    let mut out = [0.0; N];
    for (slot, operand) in out.iter_mut().zip(operands.get(..N)?) {
        *slot = operand.number()?;
    }
    Some(out)
}

/// A font as far as reading goes: how its codes map to text and how wide its glyphs are.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Bytes per character code: 2 for composite (Type0) fonts, 1 for simple fonts.
    code_bytes: usize,
    /// Glyph widths in text space units per unit of font size.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Decoded codes: a resume shows a few dozen distinct glyphs thousands of times.
    texts: RefCell<HashMap<u32, Arc<str>>>,
}

impl<'a> Font<'a> {
    fn new(document: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let encoding = dict.get_font_encoding(document).ok();
        let get = |dict: &'a Dictionary, key: &[u8]| dict.get(key).ok().map(|o| deref(document, o));
        let number = |o: Option<&Object>| o.and_then(|o| o.as_float().ok()).map(f64::from);
        let mut widths = HashMap::new();
        if dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Type0") {
            let descendant = get(dict, b"DescendantFonts")
                .and_then(|d| d.as_array().ok()?.first())
                .and_then(|d| deref(document, d).as_dict().ok());
            let Some(cid_font) = descendant else {
                return Font { encoding, code_bytes: 2, widths, default_width: 1.0, texts: RefCell::default() };
            };
            if let Some(w) = get(cid_font, b"W").and_then(|w| w.as_array().ok()) {
                cid_widths(document, w, &mut widths);
            }
            let default_width = number(get(cid_font, b"DW")).unwrap_or(1000.0) / 1000.0;
            return Font { encoding, code_bytes: 2, widths, default_width, texts: RefCell::default() };
        }
        // Type 3 glyphs are measured in their own FontMatrix; the others in thousandths.
        let unit = get(dict, b"FontMatrix")
            .and_then(|m| number(m.as_array().ok()?.first().map(|n| deref(document, n))))
            .unwrap_or(0.001);
        let first = get(dict, b"FirstChar").and_then(|n| n.as_i64().ok()).unwrap_or(0);
        if let Some(list) = get(dict, b"Widths").and_then(|w| w.as_array().ok()) {
            for (code, width) in (first..=i64::MAX).zip(list) {
                if let (Ok(code), Some(width)) = (u32::try_from(code), number(Some(deref(document, width)))) {
                    widths.insert(code, width * unit);
                }
            }
        }
        let missing = get(dict, b"FontDescriptor")
            .and_then(|d| d.as_dict().ok())
            .and_then(|d| number(get(d, b"MissingWidth")))
            .filter(|w| *w > 0.0);
        // The standard 14 fonts may come without widths: half an em is a fair guess.
        let default_width = missing.map_or(0.5, |w| w * unit);
        Font { encoding, code_bytes: 1, widths, default_width, texts: RefCell::default() }
    }

    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }

    fn text(&self, number: u32, code: &[u8]) -> Arc<str> {
        // A code that maps to nothing is a glyph an ATS cannot read: U+FFFD says so.
        let decode = || match self.encoding.as_ref().and_then(|e| e.bytes_to_string(code).ok()) {
            Some(text) if !text.is_empty() => Arc::from(text),
            _ => "\u{FFFD}".into(),
        };
        Arc::clone(self.texts.borrow_mut().entry(number).or_insert_with(decode))
    }
}

/// A CID font's `/W` array: `c [w1 w2 ...]` gives widths from `c` on, `c_first c_last w` one
/// width for a run.
fn cid_widths(document: &Document, w: &[Object], widths: &mut HashMap<u32, f64>) {
    let int = |o: &Object| deref(document, o).as_i64().ok().and_then(|n| u32::try_from(n).ok());
    let mut budget = MAX_WIDTH_ENTRIES;
    let mut i = 0;
    while i + 1 < w.len() && budget > 0 {
        let Some(first) = int(&w[i]) else { return };
        if let Ok(list) = deref(document, &w[i + 1]).as_array() {
            for (cid, width) in (first..=u32::MAX).zip(list).take(budget) {
                budget -= 1;
                if let Ok(width) = deref(document, width).as_float() {
                    widths.insert(cid, f64::from(width) / 1000.0);
                }
            }
            i += 2;
        } else {
            let (Some(last), Some(Ok(width))) = (int(&w[i + 1]), w.get(i + 2).map(|o| deref(document, o).as_float()))
            else {
                return;
            };
            for cid in (first..=last).take(budget) {
                budget -= 1;
                widths.insert(cid, f64::from(width) / 1000.0);
            }
            i += 3;
        }
    }
}

/// The graphics state that text showing depends on.
#[derive(Clone)]
struct State<'a> {
    ctm: Matrix,
    font: Option<Rc<Font<'a>>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
    rise: f64,
}

impl State<'_> {
    fn new(ctm: Matrix) -> Self {
        State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct Interpreter<'a> {
    document: &'a Document,
    /// Fonts by the address of their dictionary, each decoded once per page.
    fonts: HashMap<*const Dictionary, Rc<Font<'a>>>,
    glyphs: Vec<Glyph>,
    forms_left: usize,
}

impl<'a> Interpreter<'a> {
    /// Interprets one content stream; `None` when it cannot be parsed.
    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, state: State<'a>, depth: usize) -> Option<()> {
        let operations = content::operations(content)?;
        let mut stack = Vec::new();
        let mut state = state;
        let (mut tm, mut tlm) = (Matrix::IDENTITY, Matrix::IDENTITY);
        for op in &operations {
            let operands = &op.operands[..];
            match op.operator {
                // Deeper nesting than any real file uses is malformed; the extra saves are ignored.
                b"q" if stack.len() < MAX_SAVED_STATES => stack.push(state.clone()),
                b"Q" => state = stack.pop().unwrap_or(state),
                b"cm" => {
                    if let Some(m) = Matrix::from_operands(operands) {
                        state.ctm = m.then(&state.ctm);
                    }
                }
                b"BT" => (tm, tlm) = (Matrix::IDENTITY, Matrix::IDENTITY),
                b"Tf" => {
                    let font = operands.first().and_then(|name| self.font(resources, name.name()?));
                    state.font = font;
                    state.size = operands.get(1).and_then(Operand::number).unwrap_or(0.0);
                }
                b"Tc" => state.char_spacing = numbers::<1>(operands).map_or(0.0, |[n]| n),
                b"Tw" => state.word_spacing = numbers::<1>(operands).map_or(0.0, |[n]| n),
                b"Tz" => state.horizontal_scale = numbers::<1>(operands).map_or(1.0, |[n]| n / 100.0),
                b"TL" => state.leading = numbers::<1>(operands).map_or(0.0, |[n]| n),
                b"Ts" => state.rise = numbers::<1>(operands).map_or(0.0, |[n]| n),
                b"Td" | b"TD" => {
                    if let Some([x, y]) = numbers::<2>(operands) {
                        if op.operator == b"TD" {
                            state.leading = -y;
                        }
                        tlm = Matrix::translate(x, y).then(&tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_operands(operands) {
                        (tm, tlm) = (m, m);
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op.operator != b"Tj" {
                        if let (true, Some([word, chars])) = (op.operator == b"\"", numbers::<2>(operands)) {
                            (state.word_spacing, state.char_spacing) = (word, chars);
                        }
                        tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::String(bytes)) = operands.last() {
                        self.show(bytes, &state, &mut tm);
                    }
                }
                b"TJ" => {
                    let Some(Operand::Array(items)) = operands.first() else { continue };
                    for item in items {
                        match item {
                            Operand::String(bytes) => self.show(bytes, &state, &mut tm),
                            number => {
                                let adjust = number.number().unwrap_or(0.0);
                                let shift = -adjust / 1000.0 * state.size * state.horizontal_scale;
                                tm = Matrix::translate(shift, 0.0).then(&tm);
                            }
                        }
                    }
                }
                b"Do" if depth < MAX_FORM_DEPTH && self.forms_left > 0 => {
                    self.forms_left -= 1;
                    let name = operands.first().and_then(Operand::name);
                    if let Some(form) = name.and_then(|name| self.form(resources, name)) {
                        let matrix = form.dict.get(b"Matrix").ok().and_then(|m| Matrix::from_array(m.as_array().ok()?));
                        let inner =
                            form.dict.get(b"Resources").ok().and_then(|r| deref(self.document, r).as_dict().ok());
                        let mut form_state = state.clone();
                        form_state.ctm = matrix.unwrap_or(Matrix::IDENTITY).then(&state.ctm);
                        let content = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
                        self.run(&content, inner.or(resources), form_state, depth + 1)?;
                    }
                }
                _ => {}
            }
        }
        Some(())
    }

    fn resource(&self, resources: Option<&'a Dictionary>, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        let group = deref(self.document, resources?.get(kind).ok()?).as_dict().ok()?;
        Some(deref(self.document, group.get(name).ok()?))
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font<'a>>> {
        let dict = self.resource(resources, b"Font", name)?.as_dict().ok()?;
        let document = self.document;
        Some(Rc::clone(
            self.fonts.entry(dict as *const Dictionary).or_insert_with(|| Rc::new(Font::new(document, dict))),
        ))
    }

    fn form(&self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<&'a lopdf::Stream> {
        let stream = self.resource(resources, b"XObject", name)?.as_stream().ok()?;
        stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Form").then_some(stream)
    }

    /// Places each glyph of a shown string and advances the text matrix past it.
    fn show(&mut self, bytes: &[u8], state: &State<'a>, tm: &mut Matrix) {
        let Some(font) = &state.font else { return };
        for code in bytes.chunks(font.code_bytes) {
            let number = code.iter().fold(0u32, |n, &b| n << 8 | u32::from(b));
            let width = font.width(number);
            let user = tm.then(&state.ctm);
            let origin = Matrix::translate(0.0, state.rise).then(&user);
            let size = state.size * user.scale();
            self.glyphs.push(Glyph {
                x: origin.e,
                y: origin.f,
                width: width * size * state.horizontal_scale,
                size,
                text: font.text(number, code),
            });
            // Word spacing applies to the single-byte code 32 only.
            let word = if code == b" " { state.word_spacing } else { 0.0 };
            let advance = (width * state.size + state.char_spacing + word) * state.horizontal_scale;
            *tm = Matrix::translate(advance, 0.0).then(tm);
        }
    }
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
            ligatures.push((index, glyph.text.to_string()));
        }
        let piece: String = glyph.text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
        chars += piece.chars().count();
        text.push_str(&piece);
        end = Some((glyph.x + glyph.width, glyph));
    }
    let size = glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
    let y = glyphs.first().map_or(0.0, |g| g.y);
    Line { text: logical(text), page, y, page_height: height, size, gaps, ..Line::default() }
}

/// A line read left to right in the order it was written: glyphs stand on the page in visual
/// order, so Hebrew or Arabic reads backwards (`ןהכ הנד`) until the bidirectional algorithm
/// turns its runs back (`דנה כהן`), as pdftotext does.
fn logical(visual: String) -> String {
    let rtl = |c: char| matches!(unicode_bidi::bidi_class(c), unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL);
    if !visual.chars().any(rtl) {
        return visual;
    }
    // The layouts set paragraphs left to right, Hebrew runs inside them.
    let info = unicode_bidi::BidiInfo::new(&visual, Some(unicode_bidi::LTR_LEVEL));
    info.paragraphs.iter().map(|p| info.reorder_line(p, p.range.clone())).collect()
}
