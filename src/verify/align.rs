//! The alignment engine: finds every field of the IR in a reading, in the IR's reading order.
//!
//! Fields are matched after NFKC and whitespace normalization, but spacing is not thrown away:
//! inside a field every space must be a space (or a line break) in the reading and no space may
//! appear between letters, so words run together or split apart are still caught. Between
//! fields nothing is required, because extractors join some lines with no separator.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use super::{Finding, Reading, more, shorten};
use crate::ir::{self, Body, Document, Field as Part};
use crate::render::TextLayer;
use crate::source::Span;

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

/// Every field of the document, in the IR's reading order.
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
    if let Some(letter) = &doc.letter {
        for line in letter.lines() {
            add(Role::Other, format!("the letter's line \"{}\"", shorten(&line)), &line, 0, None);
        }
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
                    let mut bullets = 0;
                    for field in entry.fields() {
                        match field {
                            Part::Title(title) => {
                                let label = format!("the title \"{}\" ({})", shorten(title), section.title);
                                add(Role::Title, label, title, entries, None);
                            }
                            Part::Org(org) => add(
                                Role::Other,
                                format!("the organisation \"{}\" {of}", shorten(org)),
                                org,
                                entries,
                                None,
                            ),
                            Part::Link(link) => {
                                let label = format!("the link \"{}\" {of}", shorten(&link.text));
                                add(Role::Other, label, &link.text, entries, None);
                            }
                            Part::Dates(dates) => {
                                add(Role::Dates, format!("the dates \"{dates}\" {of}"), dates, entries, None)
                            }
                            Part::Location(place) => {
                                add(Role::Other, format!("the location \"{place}\" {of}"), place, entries, None)
                            }
                            Part::Description(text) => {
                                add(Role::Other, format!("the description {of}"), &ir::plain_text(text), entries, None)
                            }
                            Part::Bullet(bullet) => {
                                bullets += 1;
                                let text = ir::plain_text(&bullet.text);
                                let label = format!("bullet {bullets} {of} (\"{}\")", shorten(&text));
                                add(Role::Bullet, label, &text, entries, Some(bullet.span.clone()));
                            }
                            Part::Detail(detail) => {
                                let (name, text) = (&detail.label, &detail.text);
                                add(Role::Other, format!("\"{name}\" {of}"), name, entries, None);
                                add(Role::Other, format!("the {name} \"{text}\" {of}"), text, entries, None);
                            }
                        }
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
    // `orig` grows along the cells (folding keeps the order), so the start is a binary search away.
    let start = hay.partition_point(|c| c.orig < from);
    (start..(hay.len() + 1).saturating_sub(n))
        .find(|&i| {
            (0..n).all(|k| hay[i + k].c == needle[k].c && (k == 0 || !strict || joins(hay, i + k, needle[k].gap)))
        })
        .map(|i| (hay[i].orig, hay[i + n - 1].orig + 1))
}

/// Checks the fields in order, then where dates sit, then DOCX heading styles and numbering.
pub(super) fn sequence(reading: &Reading, body: &[usize], doc: &Document) -> Vec<Finding> {
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
            Role::Heading if reading.kind == TextLayer::Docx && !reading.lines[body[line]].heading => {
                unstyled.push((field, line))
            }
            Role::Bullet if reading.kind == TextLayer::Docx && !reading.lines[body[line]].numbered => {
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
    let layer = reading.kind.describe();
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
pub(super) fn hyphenation(reading: &Reading, body: &[usize], doc: &Document) -> Vec<Finding> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::tests::reading;

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
}
