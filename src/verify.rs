//! Verification: read back the bytes a build is about to write, as an ATS would, and check that
//! every field of the IR is there, in order, with nothing an extractor chokes on.
//!
//! Both readers produce a [`Reading`]: lines of text in reading order. Fields are matched after
//! NFKC and whitespace normalization, but spacing is not thrown away: inside a field every space
//! must be a space (or a line break) in the reading and no space may appear between letters, so
//! words run together or split apart are still caught. Between fields nothing is required,
//! because extractors join some lines with no separator. Ligatures, U+FFFD and private-use
//! characters are checked on the raw text first, since NFKC would turn `ﬁ` into `fi`.

mod docx;
mod pdf;

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use crate::build::{Loaded, Output};
use crate::diag::Diagnostic;
use crate::ir::{self, Body, Document};
use crate::source::Span;

pub use pdf::WIDE_GAP_EM;

/// The rule id of every verification diagnostic.
pub const RULE: &str = "verify";

/// The kind of file read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Pdf,
    Docx,
}

impl Kind {
    /// Recognizes a file by its first bytes.
    pub fn sniff(bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else if bytes.starts_with(b"PK\x03\x04") {
            Some(Kind::Docx)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "DOCX",
        }
    }

    /// What an ATS reads from this kind of file, for messages.
    fn layer(self) -> &'static str {
        match self {
            Kind::Pdf => "the text layer",
            Kind::Docx => "the document text",
        }
    }
}

/// A file as read back: lines in reading order, and what the reader noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub kind: Kind,
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
    match Kind::sniff(bytes) {
        Some(Kind::Pdf) => pdf::read(bytes),
        Some(Kind::Docx) => docx::read(bytes),
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

/// Verifies the PDF and DOCX outputs of a build against its document.
pub fn outputs(loaded: &Loaded, doc: &Document, outputs: &[Output]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for output in outputs {
        let extension = output.path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(extension, "pdf" | "docx") {
            continue;
        }
        let name = output.path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let findings = match read(&output.bytes) {
            Ok(reading) => check(&reading, Some(doc), Some(doc.style.margins)),
            Err(err) => {
                vec![Finding::new(format!("cannot read back what was written: {err}"), "this is a bug in rescc")]
            }
        };
        out.extend(findings.into_iter().map(|f| {
            let d = Diagnostic::error(format!("{name}: {}", f.message)).with_rule(RULE).with_help(f.help);
            // Located in the resume even without a span, so the build reports it as a failed check.
            match f.span {
                Some(span) => d.at(&loaded.source, span),
                None => d.in_source(&loaded.source),
            }
        }));
    }
    out
}

/// Everything wrong with a reading. `doc` adds the field-by-field comparison; `margins` (pt)
/// marks text beyond them in a PDF as page header or footer.
pub fn check(reading: &Reading, doc: Option<&Document>, margins: Option<f64>) -> Vec<Finding> {
    let mut out = reading.structure.clone();
    out.extend(characters(reading));
    let mut body = Vec::new();
    let mut margin_lines: [Vec<usize>; 2] = Default::default();
    for (i, line) in reading.lines.iter().enumerate() {
        match margins.filter(|_| reading.kind == Kind::Pdf) {
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
        out.extend(sequence(reading, &body, doc));
        if reading.kind == Kind::Pdf {
            out.extend(hyphenation(reading, &body, doc));
        }
    }
    out
}

/// ` (and N more lines)`, or nothing; `what` is `line` or `entry/entries`.
fn more(count: usize, what: &str) -> String {
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
                    reading.kind.layer(),
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

/// What a field is, for the checks that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Heading,
    Title,
    Dates,
    Bullet,
    Other,
}

/// One piece of the IR that must be read back.
#[derive(Debug, Clone)]
struct Field {
    role: Role,
    /// How messages name it (`bullet 3 of "Backend Developer"`).
    label: String,
    text: String,
    /// The entry it belongs to, so dates can be measured against their title.
    entry: usize,
    span: Option<Span>,
}

/// Every field of the document, in the order every layout prints them.
fn fields(doc: &Document) -> Vec<Field> {
    let mut out = Vec::new();
    let mut add = |role, label: String, text: &str, entry, span: Option<Span>| {
        out.push(Field { role, label, text: text.to_string(), entry, span });
    };
    add(Role::Other, format!("the name \"{}\"", doc.name), &doc.name, 0, None);
    if let Some(headline) = &doc.headline {
        add(Role::Other, format!("the headline \"{}\"", shorten(headline)), headline, 0, None);
    }
    for item in &doc.contact {
        add(Role::Other, format!("the contact item \"{}\"", item.text), &item.text, 0, None);
    }
    let mut entries = 0;
    for section in &doc.sections {
        add(Role::Heading, format!("the heading \"{}\"", section.title), &section.title, 0, None);
        match &section.body {
            Body::Text { text } => {
                add(Role::Other, format!("the {} text", section.title), &ir::plain_text(text), 0, None)
            }
            Body::Skills { groups } => {
                for group in groups {
                    add(Role::Other, format!("the skill group \"{}\"", group.name), &group.name, 0, None);
                    for item in &group.items {
                        add(Role::Other, format!("the skill \"{item}\" ({})", group.name), item, 0, None);
                    }
                }
            }
            Body::Entries { entries: list } => {
                for entry in list {
                    entries += 1;
                    let of = format!("of \"{}\"", shorten(&entry.title));
                    add(
                        Role::Title,
                        format!("the title \"{}\" ({})", shorten(&entry.title), section.title),
                        &entry.title,
                        entries,
                        None,
                    );
                    let parts = [("organisation", &entry.org), ("link", &entry.link.as_ref().map(|l| l.text.clone()))];
                    for (what, text) in parts {
                        if let Some(text) = text {
                            add(Role::Other, format!("the {what} \"{}\" {of}", shorten(text)), text, entries, None);
                        }
                    }
                    if let Some(dates) = &entry.dates {
                        add(Role::Dates, format!("the dates \"{dates}\" {of}"), dates, entries, None);
                    }
                    if let Some(location) = &entry.location {
                        add(Role::Other, format!("the location \"{location}\" {of}"), location, entries, None);
                    }
                    if let Some(description) = &entry.description {
                        add(Role::Other, format!("the description {of}"), &ir::plain_text(description), entries, None);
                    }
                    for (i, bullet) in entry.bullets.iter().enumerate() {
                        let text = ir::plain_text(&bullet.text);
                        let label = format!("bullet {} {of} (\"{}\")", i + 1, shorten(&text));
                        add(Role::Bullet, label, &text, entries, Some(bullet.span.clone()));
                    }
                    for detail in &entry.details {
                        add(Role::Other, format!("\"{}\" {of}", detail.label), &detail.label, entries, None);
                        add(
                            Role::Other,
                            format!("the {} \"{}\" {of}", detail.label, detail.text),
                            &detail.text,
                            entries,
                            None,
                        );
                    }
                }
            }
        }
    }
    out
}

/// How many fields of the document verification compares.
pub fn field_count(doc: &Document) -> usize {
    fields(doc).iter().filter(|f| !f.text.trim().is_empty()).count()
}

/// How a character is separated from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    Space,
    /// The first character of a line.
    Line,
}

/// One normalized character of the reading.
#[derive(Debug, Clone, Copy)]
struct Cell {
    c: char,
    gap: Gap,
    /// Position of its line among the lines compared.
    line: usize,
    /// Whether a gap wide enough to set text side by side comes before it.
    wide: bool,
    /// Index of the cell it was folded from (its own index when not folded).
    orig: usize,
}

/// NFKC, minus the invisible characters (soft hyphens, zero-width spaces, controls) that
/// renderers drop; `None` for characters that vanish.
fn normal_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    // Printable ASCII is its own NFKC form: most of a resume skips the normalizer.
    let ascii = word.bytes().all(|b| b.is_ascii_graphic());
    let (plain, normalized) = if ascii { (Some(word.chars()), None) } else { (None, Some(word.nfkc())) };
    plain.into_iter().flatten().chain(
        normalized.into_iter().flatten().filter(|&c| {
            !(c.is_control() || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
        }),
    )
}

/// Normalized cells of one text, split into words at whitespace.
fn cells(text: &str, line: usize, wide_at: &[usize], out: &mut Vec<Cell>) {
    let mut first_word = true;
    let mut offset = 0;
    let mut wide = wide_at.iter().peekable();
    for word in text.split(char::is_whitespace) {
        let start = offset;
        offset += word.chars().count() + 1;
        let mut is_wide = false;
        while !word.is_empty() && wide.peek().is_some_and(|&&w| w <= start) {
            wide.next();
            is_wide = true;
        }
        let before = out.len();
        for c in normal_chars(word) {
            let gap = if out.len() > before {
                Gap::None
            } else if first_word {
                Gap::Line
            } else {
                Gap::Space
            };
            out.push(Cell { c, gap, line, wide: is_wide && out.len() == before, orig: out.len() });
        }
        if out.len() > before {
            first_word = false;
        }
    }
}

/// Case-folded copy of `cells`, each pointing back at the cell it came from.
fn fold(cells: &[Cell]) -> Vec<Cell> {
    let mut out = Vec::with_capacity(cells.len());
    for (i, cell) in cells.iter().enumerate() {
        let mut push = |k: usize, c: char| {
            out.push(Cell { c, gap: if k == 0 { cell.gap } else { Gap::None }, orig: i, ..*cell });
        };
        match cell.c {
            c if c.is_ascii() => push(0, c.to_ascii_lowercase()),
            'ß' | 'ẞ' => ['s', 's'].into_iter().enumerate().for_each(|(k, c)| push(k, c)),
            'ς' => push(0, 'σ'),
            c => c.to_lowercase().enumerate().for_each(|(k, c)| push(k, c)),
        }
    }
    out
}

/// Scripts written without spaces, where a line may break between any two characters.
fn unspaced(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x3000..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Whether `hay[j]` is separated from its predecessor the way the needle wants.
fn joins(hay: &[Cell], j: usize, want: Gap) -> bool {
    match (want, hay[j].gap) {
        (Gap::None, Gap::None) => true,
        // A line may end after a hyphen or slash, or anywhere in scripts without spaces.
        (Gap::None, Gap::Line) => {
            let before = hay[j - 1].c;
            matches!(before, '-' | '‐' | '‑' | '–' | '—' | '/') || unspaced(before) || unspaced(hay[j].c)
        }
        (Gap::None, Gap::Space) => false,
        (_, gap) => gap != Gap::None,
    }
}

/// The first match of `needle` in `hay` starting at or after cell `from` (in unfolded
/// indices), as an unfolded range. `strict` holds spacing to the needle's.
fn find(hay: &[Cell], needle: &[Cell], from: usize, strict: bool) -> Option<(usize, usize)> {
    let n = needle.len();
    let start = hay.iter().position(|c| c.orig >= from)?;
    (start..(hay.len() + 1).saturating_sub(n))
        .find(|&i| {
            (0..n).all(|k| hay[i + k].c == needle[k].c && (k == 0 || !strict || joins(hay, i + k, needle[k].gap)))
        })
        .map(|i| (hay[i].orig, hay[i + n - 1].orig + 1))
}

/// Checks the fields in order, then where dates sit, then DOCX heading styles and numbering.
fn sequence(reading: &Reading, body: &[usize], doc: &Document) -> Vec<Finding> {
    let mut hay = Vec::new();
    for (pos, &i) in body.iter().enumerate() {
        let line = &reading.lines[i];
        let wide: Vec<usize> = line.gaps.iter().map(|g| g.0).collect();
        let before = hay.len();
        cells(&line.text, pos, &wide, &mut hay);
        for (k, cell) in hay.iter_mut().enumerate().skip(before) {
            cell.orig = k;
        }
    }
    let folded = fold(&hay);
    let mut out = Vec::new();
    let mut cursor = 0;
    let mut previous: Option<&str> = None;
    let mut titles: Vec<(usize, usize)> = Vec::new();
    let (mut far, mut unstyled, mut unnumbered) = (Vec::new(), Vec::new(), Vec::new());
    let fields = fields(doc);
    for field in &fields {
        let mut needle = Vec::new();
        cells(&field.text, 0, &[], &mut needle);
        if needle.is_empty() {
            continue;
        }
        let (space, needle) = if field.role == Role::Heading { (&folded, fold(&needle)) } else { (&hay, needle) };
        let Some((start, end)) = find(space, &needle, cursor, true) else {
            out.push(missing(reading, field, previous, space, &needle, cursor, &hay));
            break;
        };
        let line = hay[start].line;
        match field.role {
            Role::Title => titles.push((field.entry, line)),
            Role::Dates => {
                let title = titles.iter().rev().find(|t| t.0 == field.entry).map_or(line, |t| t.1);
                if hay[start].wide || line > title + 2 {
                    far.push((field, line - title));
                }
            }
            Role::Heading if reading.kind == Kind::Docx && !reading.lines[body[line]].heading => {
                unstyled.push((field, line))
            }
            Role::Bullet if reading.kind == Kind::Docx && !reading.lines[body[line]].numbered => {
                unnumbered.push((field, line))
            }
            _ => {}
        }
        cursor = end;
        previous = Some(&field.label);
    }
    if let Some((field, lines)) = far.first() {
        let title =
            fields.iter().find(|f| f.role == Role::Title && f.entry == field.entry).map_or("", |f| f.text.as_str());
        let (dates, title) = (shorten(&field.text), shorten(title));
        let message = if *lines > 2 {
            format!("the dates \"{dates}\" of \"{title}\" are {lines} lines below their title")
        } else {
            format!("the dates \"{dates}\" of \"{title}\" are set apart at the far right of the title line")
        };
        out.push(Finding::new(
            message + &more(far.len(), "entry/entries"),
            "extractors move dates set in a far column away from their titles: print them right after the title",
        ));
    }
    if let Some((field, line)) = unstyled.first() {
        let style = &reading.lines[body[*line]].style;
        out.push(Finding::new(
            format!(
                "{} is not in a Heading style (its style is \"{style}\"){}",
                field.label,
                more(unstyled.len(), "heading")
            ),
            "ATS find sections by Word's built-in Heading styles: apply Heading 1",
        ));
    }
    if let Some((field, _)) = unnumbered.first() {
        out.push(Finding::new(
            format!("{} is not a numbered list item (no w:numPr){}", field.label, more(unnumbered.len(), "bullet")),
            "ATS recognize Word lists, not indented paragraphs: use the List Bullet style",
        ));
    }
    out
}

/// Explains why a field was not found after `cursor`.
fn missing(
    reading: &Reading,
    field: &Field,
    previous: Option<&str>,
    space: &[Cell],
    needle: &[Cell],
    cursor: usize,
    hay: &[Cell],
) -> Finding {
    let layer = reading.kind.layer();
    let side_by_side = reading.lines.iter().find_map(|l| l.gaps.first().map(|g| (l, g.1)));
    let order_help = match side_by_side {
        Some((line, em)) => format!(
            "text is set side by side (a gap of {em:.0} em on page {}: \"{}\"), and ATS read straight across: keep one column",
            line.page + 1,
            shorten(line.text.trim())
        ),
        None => "ATS read top to bottom, left to right: columns, grids and floating boxes change the order".into(),
    };
    let mut finding = if find(space, needle, 0, true).is_some() {
        let after = previous.map_or(String::new(), |p| format!(": it reads before {p}"));
        Finding::new(format!("{} is out of order in {layer}{after}", field.label), order_help)
    } else if let Some((start, end)) = find(space, needle, cursor, false) {
        Finding::new(
            format!(
                "{} reads as \"{}\" in {layer}: its words run together or split",
                field.label,
                spell(&hay[start..end])
            ),
            "words must be separated by spaces and never broken across lines",
        )
    } else {
        let help = if side_by_side.is_some() {
            order_help
        } else {
            "every field of the resume must reach the ATS as text: check that the layout prints it".into()
        };
        Finding::new(format!("{} is missing from {layer}", field.label), help)
    };
    finding.span = field.span.clone();
    finding
}

/// Cells back to text, with their spacing.
fn spell(cells: &[Cell]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 && cell.gap != Gap::None {
            out.push(if cell.gap == Gap::Line { '⏎' } else { ' ' });
        }
        out.push(cell.c);
    }
    shorten(&out)
}

/// Words of the document split across two lines of the PDF, with a hyphen (Typst writes a soft
/// hyphen, U+00AD) or without one.
fn hyphenation(reading: &Reading, body: &[usize], doc: &Document) -> Vec<Finding> {
    let text = fields(doc).iter().map(|f| f.text.to_lowercase()).collect::<Vec<_>>().join(" ");
    let words: HashSet<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    let mut hits = Vec::new();
    for pair in body.windows(2) {
        let (a, b) = (&reading.lines[pair[0]], &reading.lines[pair[1]]);
        let end = a.text.trim_end();
        let head = end.strip_suffix(['-', '‐', '\u{AD}']).unwrap_or(end);
        let first: String =
            head.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
        let rest: String = b.text.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
        if first.is_empty() || !rest.starts_with(char::is_lowercase) || a.page != b.page {
            continue;
        }
        let joined = format!("{first}{rest}").to_lowercase();
        // Words the resume itself writes apart, or with a hyphen, may break there.
        let apart = [format!("{first}-{rest}"), format!("{first} {rest}")].map(|w| text.contains(&w.to_lowercase()));
        if words.contains(joined.as_str()) && !apart.contains(&true) {
            let mark = if head.len() < end.len() { "-" } else { "" };
            hits.push(format!("\"{joined}\" across lines (\"{first}{mark}\" / \"{rest}\")"));
        }
    }
    hits.first()
        .map(|hit| {
            Finding::new(
                format!("hyphenation splits {hit}{}", more(hits.len(), "word")),
                "ATS read the halves as two words: turn hyphenation off (`set text(hyphenate: false)`)",
            )
        })
        .into_iter()
        .collect()
}

/// Standard section headings found on lines of their own, in order.
pub fn sections(reading: &Reading) -> Vec<&'static str> {
    let mut found = Vec::new();
    for line in &reading.lines {
        let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ").replace('&', "and");
        let text = text.trim_end_matches(':').to_lowercase();
        if let Some(heading) = crate::rules::vocab::HEADINGS.iter().find(|h| h.to_lowercase() == text) {
            if !found.contains(heading) {
                found.push(*heading);
            }
        }
    }
    found
}

/// Contact details an ATS finds by pattern.
#[derive(Debug, Default, PartialEq)]
pub struct Contact {
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
}

/// Emails, phone numbers and links found anywhere in the text.
pub fn contact(reading: &Reading) -> Contact {
    let mut contact = Contact::default();
    let push = |list: &mut Vec<String>, item: &str| {
        if !list.iter().any(|i| i == item) {
            list.push(item.to_string());
        }
    };
    for line in &reading.lines {
        for token in line.text.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | ';')) {
            let token =
                token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '"' | '\'' | '.' | ':'));
            if is_email(token) {
                push(&mut contact.emails, token);
            } else if is_link(token) {
                push(&mut contact.links, token);
            }
        }
        for phone in phones(&line.text) {
            push(&mut contact.phones, &phone);
        }
    }
    contact
}

fn is_email(token: &str) -> bool {
    let Some((local, domain)) = token.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

fn is_link(token: &str) -> bool {
    let rest = token.strip_prefix("https://").or_else(|| token.strip_prefix("http://"));
    if rest.is_some() || token.starts_with("www.") {
        return token.len() > 8;
    }
    let Some((host, _)) = token.split_once('/') else { return false };
    let tld = host.rsplit('.').next().unwrap_or("");
    host.contains('.')
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// Runs of digits and phone punctuation with 7 to 15 digits, not dates or year ranges.
fn phones(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once('\n')) {
        let phone_char = c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' ' | '\u{A0}');
        if phone_char && (!run.is_empty() || c.is_ascii_digit() || c == '+' || c == '(') {
            run.push(c);
            continue;
        }
        let candidate = run.trim().trim_end_matches(['-', '.', '(']).trim();
        let digits = candidate.chars().filter(char::is_ascii_digit).count();
        let separated = candidate.starts_with('+') || candidate.contains([' ', '-', '(', '.', '\u{A0}']);
        let year_range = digits == 8 && candidate.split(['-', ' ']).filter(|p| !p.is_empty()).all(|p| p.len() == 4);
        if (7..=15).contains(&digits) && separated && !year_range && !candidate.contains("..") {
            out.push(candidate.to_string());
        }
        run.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(lines: &[&str]) -> Reading {
        let lines = lines.iter().map(|t| Line { text: t.to_string(), ..Line::default() }).collect();
        Reading { lines, ..Reading::default() }
    }

    fn matches(lines: &[&str], needle: &str) -> bool {
        let r = reading(lines);
        let mut hay = Vec::new();
        for (i, l) in r.lines.iter().enumerate() {
            cells(&l.text, i, &[], &mut hay);
        }
        for (k, c) in hay.iter_mut().enumerate() {
            c.orig = k;
        }
        let mut n = Vec::new();
        cells(needle, 0, &[], &mut n);
        find(&hay, &n, 0, true).is_some()
    }

    #[test]
    fn spacing_inside_a_field_is_kept() {
        assert!(matches(&["Designed the order", "routing service"], "the order routing"));
        assert!(matches(&["SUMMARYSenior backend"], "Senior backend"), "no separator needed between fields");
        assert!(!matches(&["Designedthe order"], "Designed the order"), "words run together");
        assert!(!matches(&["Desi gned the order"], "Designed the order"), "a word split apart");
        assert!(!matches(&["organi", "zation"], "organization"), "a word broken across lines");
        assert!(matches(&["event-", "driven"], "event-driven"), "a line may end at a hyphen");
        assert!(matches(&["東京の物流", "システム"], "東京の物流システム"), "CJK lines break anywhere");
    }

    #[test]
    fn normalization_is_nfkc_without_invisibles() {
        assert!(matches(&["Zoe\u{308} \u{D8}deg\u{E5}rd"], "Zoë Ødegård"));
        assert!(matches(&["non\u{A0}breaking"], "non breaking"));
        assert!(matches(&["soft\u{AD}hyphen"], "softhyphen"));
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

    #[test]
    fn contact_fields_by_pattern() {
        let r = reading(&[
            "priya.raman@example.com | +44 7700 900123 | Leeds, UK | github.com/priyaraman",
            "Mar 2022 – Present · 2014-2017 · 840,000 orders · 3.7/4.0 · https://example.org/x",
        ]);
        let c = contact(&r);
        assert_eq!(c.emails, ["priya.raman@example.com"]);
        assert_eq!(c.phones, ["+44 7700 900123"]);
        assert_eq!(c.links, ["github.com/priyaraman", "https://example.org/x"]);
    }

    #[test]
    fn standard_sections_are_detected_on_their_own_lines() {
        let r = reading(&["EXPERIENCE", "Built the Skills matrix", "Licenses & Certifications:", "SKILLS"]);
        assert_eq!(sections(&r), ["Experience", "Licenses and Certifications", "Skills"]);
    }
}
