//! The YAML mistakes people make in resume text, explained with the fix.
//!
//! The parser says "found unknown anchor" where the person wrote `- **Cut** p95 ...`. When it
//! fails, the lines up to the failure are scanned for the mistakes that cause such failures
//! (text starting with an indicator character, `: ` inside a value, a tab in the indentation, a
//! missing colon, a line indented off its siblings), and the one that explains the failure
//! becomes the diagnostic. Each comes with a patch that removes it at the same byte offsets, so
//! parsing can resume and report the next one.

use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::source::{Source, Span};

/// A mistake found, and how to step past it.
pub struct Gotcha {
    pub diagnostic: Diagnostic,
    patch: Patch,
}

impl Gotcha {
    /// Whether the patch changed indentation: later indentation errors may then be its echo.
    pub fn moves_lines(&self) -> bool {
        !matches!(self.patch, Patch::Byte(..))
    }
}

enum Patch {
    /// Replace the ASCII byte at this offset with another that YAML reads as plain text.
    Byte(usize, u8),
    /// Replace the line between these offsets with spaces (same byte length).
    Blank(usize, usize),
    /// Replace the tabs between these offsets with spaces.
    Tabs(usize, usize),
}

impl Gotcha {
    /// Removes the mistake from `text`, keeping every byte offset.
    pub fn patch(&self, text: &mut String) {
        let mut bytes = std::mem::take(text).into_bytes();
        match self.patch {
            Patch::Byte(at, with) => bytes[at] = with,
            Patch::Blank(start, end) => bytes[start..end].fill(b' '),
            Patch::Tabs(start, end) => bytes[start..end].iter_mut().filter(|b| **b == b'\t').for_each(|b| *b = b' '),
        }
        // Only ASCII bytes were written, and whole lines blanked, so the text stays UTF-8.
        *text = String::from_utf8(bytes).unwrap_or_default();
    }
}

/// The parser's own message, when no known mistake explains it.
pub fn unexplained(source: &Arc<Source>, offset: usize, info: &str) -> Diagnostic {
    Diagnostic::error(format!("invalid YAML: {info}"))
        .at(Span::new(Arc::clone(source), offset..offset))
        .with_help("check the indentation and quoting on this line and the one above")
}

/// A value that starts with `!`: YAML reads the first word as a tag and drops it.
pub fn tag(text: &str, at: &Span, tag: &str) -> Diagnostic {
    let bang = find_back(text, at.start(), b'!').unwrap_or(at.start());
    let written = &at.source.text[bang..at.end().max(bang)];
    let line = line_at(text, bang);
    let slot = slot(text, &line);
    Diagnostic::error(format!(
        "{} starts with `!`, which YAML reads as a tag (`{tag}`) and drops",
        subject(text, &slot)
    ))
    .at(at.with_range(bang..bang + 1))
    .with_help(format!("put it in quotes to keep it: {}", suggestion(&slot, written)))
}

/// Plain text after `&name` that no alias uses: YAML read the first word as an anchor name.
pub fn anchor(text: &str, at: &Span) -> Diagnostic {
    let amp = find_back(text, at.start(), b'&').unwrap_or(at.start());
    let written = &at.source.text[amp..at.end().max(amp)];
    let line = line_at(text, amp);
    let slot = slot(text, &line);
    Diagnostic::error(format!("{} starts with `&`, which YAML reads as an anchor name and drops", subject(text, &slot)))
        .at(at.with_range(amp..amp + 1))
        .with_help(format!("put it in quotes to keep it: {}", suggestion(&slot, written)))
}

/// The offset of `byte` before `offset` on the same line.
fn find_back(text: &str, offset: usize, byte: u8) -> Option<usize> {
    let line_start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    text.as_bytes()[line_start..offset].iter().rposition(|&b| b == byte).map(|p| line_start + p)
}

/// One line of the file.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    /// End of the line's content (before `\n` or `\r\n`).
    end: usize,
    indent: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        lines.push(Line { start, end: start + content.len(), indent });
        start += piece.len();
    }
    lines
}

/// The line holding `offset`, found from there rather than by splitting the whole text.
fn line_at(text: &str, offset: usize) -> Line {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    let content = text[start..end].trim_end_matches('\r');
    let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
    Line { start, end: start + content.len(), indent }
}

/// Where a value is written on a line: after `- ` (a list item), after `key: `, or both.
struct Slot<'t> {
    key: Option<&'t str>,
    item: bool,
    /// Byte offset of the value, and the value to the end of the line.
    start: usize,
    value: &'t str,
    /// Column of the value's owner: the key, or the `-` of an item without a key.
    owner_indent: usize,
}

fn slot<'t>(text: &'t str, line: &Line) -> Slot<'t> {
    let mut at = line.start + line.indent;
    let mut item = false;
    let mut owner_indent = line.indent;
    let content = |at: usize| &text[at..line.end];
    while content(at) == "-" || content(at).starts_with("- ") {
        item = true;
        owner_indent = at - line.start;
        at += 1;
        at += content(at).len() - content(at).trim_start_matches(' ').len();
    }
    let rest = content(at);
    let starts_plain = !rest.starts_with(|c: char| "\"'[{*&!|>@`%#".contains(c));
    let colon = rest.find(": ").or_else(|| rest.ends_with(':').then(|| rest.len() - 1));
    let key = colon.filter(|&c| starts_plain && !rest[..c].contains(" #")).map(|c| (c, rest[..c].trim_end()));
    match key {
        Some((colon, key)) => {
            owner_indent = at - line.start;
            let after = at + colon + 1;
            let value = content(after).trim_start_matches(' ');
            Slot { key: Some(key), item, start: line.end - value.len(), value, owner_indent }
        }
        None => Slot { key: None, item, start: at, value: rest, owner_indent },
    }
}

/// "this bullet", "the value of `summary`": what the person would call the place.
fn subject(text: &str, slot: &Slot) -> String {
    match slot.key {
        Some(key) => format!("the value of `{key}`"),
        None if slot.item => match list_key(text, slot.start) {
            Some("bullets" | "highlights") => "this bullet".into(),
            Some(key) => format!("this item of `{key}`"),
            None => "this list item".into(),
        },
        None => "this value".into(),
    }
}

/// The key of the list holding the item at `offset`: the nearest line above that is indented
/// less than the item's `-` and ends in `key:`.
fn list_key(text: &str, offset: usize) -> Option<&str> {
    let line_start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    let dash = text[line_start..].len() - text[line_start..].trim_start_matches(' ').len();
    let mut lines =
        text[..line_start].lines().rev().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let owner = lines.find(|l| {
        l.len() - l.trim_start().len() < dash
            || (l.len() - l.trim_start().len() == dash && !l.trim_start().starts_with('-'))
    })?;
    let owner = owner.trim().trim_start_matches("- ");
    owner.strip_suffix(':').filter(|k| !k.contains(' '))
}

/// The line as it should be written: the value quoted, shortened when long.
fn suggestion(slot: &Slot, written: &str) -> String {
    let quoted = super::quoted(written, 24);
    let prefix = match (slot.item, slot.key) {
        (true, Some(key)) => format!("- {key}: "),
        (false, Some(key)) => format!("{key}: "),
        (true, None) => "- ".into(),
        (false, None) => String::new(),
    };
    format!("{prefix}{quoted}")
}

/// What a line's value does wrong, with the offset to point at.
enum Mistake {
    /// Starts with a character YAML reads as syntax.
    Indicator(u8),
    /// `: ` inside a plain value after a key.
    Colon(usize),
    /// Text after the closing quote.
    AfterQuote(usize),
    /// A flow list or mapping that is not closed on its line (only a mistake if the parser
    /// then fails inside a flow collection: one may span lines).
    OpenFlow(u8),
    /// A tab in the indentation.
    Tab,
}

struct Candidate {
    line: usize,
    at: usize,
    mistake: Mistake,
}

/// Finds the mistake that explains a parse failure at `offset`.
pub fn explain(source: &Arc<Source>, text: &str, offset: usize, info: &str, indentation_too: bool) -> Option<Gotcha> {
    // A JSON file has its own syntax; YAML's gotchas would mislead there.
    if source.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        return None;
    }
    let lines = lines(text);
    let error_line = lines.iter().rposition(|l| l.start <= offset).unwrap_or(0);
    let last_content = (0..=error_line).rev().find(|&i| !is_blank(text, &lines[i])).unwrap_or(0);
    let in_flow = info.contains("flow");
    // A tab at the start of the next line fails while the line before is still being read.
    let last = if info.contains("tab") { (error_line + 1).min(lines.len().saturating_sub(1)) } else { error_line };
    let last_content = if last > error_line && !is_blank(text, &lines[last]) { last } else { last_content };
    let candidate = scan(text, &lines, last).into_iter().rev().find(|c| match c.mistake {
        // A flow collection may span lines; one left open explains any failure after it, the
        // parser's word for which depends on what follows.
        Mistake::OpenFlow(_) => in_flow || c.line < error_line,
        Mistake::Tab => indentation_too && c.line + 1 >= last_content,
        _ => c.line + 1 >= last_content,
    });
    let span = |range: std::ops::Range<usize>| Span::new(Arc::clone(source), range);
    if let Some(c) = candidate {
        let line = &lines[c.line];
        let slot = slot(text, line);
        let written = &source.text[slot.start..line.end];
        let (message, help, patch) = match c.mistake {
            Mistake::Tab => (
                "this line is indented with a tab; YAML indents with spaces only".to_string(),
                "replace the tab with spaces, lined up with the keys around it".to_string(),
                Patch::Tabs(line.start, line.start + line.indent),
            ),
            Mistake::Indicator(c) => {
                let (reads, hint) = indicator(c);
                let message =
                    format!("{} starts with `{}`, which YAML reads as {reads}", subject(text, &slot), c as char);
                (
                    message,
                    format!("{hint}put it in quotes: {}", suggestion(&slot, written)),
                    Patch::Byte(slot.start, b'x'),
                )
            }
            Mistake::OpenFlow(c) => {
                let (reads, _) = indicator(c);
                let close = if c == b'[' { ']' } else { '}' };
                let message = format!(
                    "{} starts with `{}`, which YAML reads as {reads}, and it is not closed with `{close}` on this line",
                    subject(text, &slot),
                    c as char
                );
                let help = format!(
                    "close it with `{close}`, or if it is text, put it in quotes: {}",
                    suggestion(&slot, written)
                );
                (message, help, Patch::Byte(slot.start, b'x'))
            }
            Mistake::Colon(at) => {
                let message =
                    format!("{} holds `: `, which YAML reads as the start of another key", subject(text, &slot));
                let help = format!("put the value in quotes: {}", suggestion(&slot, written));
                return Some(Gotcha {
                    diagnostic: Diagnostic::error(message).at(span(at..at + 1)).with_help(help),
                    patch: Patch::Byte(at, b';'),
                });
            }
            Mistake::AfterQuote(at) => {
                let message = format!("{} goes on after its closing quote", subject(text, &slot));
                let help = "put the whole text inside the quotes".to_string();
                return Some(Gotcha {
                    diagnostic: Diagnostic::error(message).at(span(at..line.end)).with_help(help),
                    patch: Patch::Byte(slot.start, b'x'),
                });
            }
        };
        let at = if matches!(c.mistake, Mistake::Tab) { line.start } else { c.at };
        return Some(Gotcha { diagnostic: Diagnostic::error(message).at(span(at..at + 1)).with_help(help), patch });
    }
    indentation(source, text, &lines, error_line, info).filter(|_| indentation_too)
}

/// What YAML makes of a value's first character, and a word on why before the fix.
fn indicator(c: u8) -> (&'static str, &'static str) {
    match c {
        b'*' => ("an alias (a reference to an `&anchor`)", "for **bold** or *italic* text, "),
        b'@' | b'`' => ("a reserved character", ""),
        b'%' => ("the start of a directive", ""),
        b'|' | b'>' => ("the start of a block of text, which begins on the next line", ""),
        b'[' => ("the start of a list", ""),
        b'{' => ("the start of a mapping", ""),
        _ => ("syntax", ""),
    }
}

fn is_blank(text: &str, line: &Line) -> bool {
    let content = text[line.start..line.end].trim_start();
    content.is_empty() || content.starts_with('#')
}

/// Scans lines `0..=last` for mistakes, skipping the inside of block scalars, quoted text that
/// spans lines and the continuation lines of plain text.
fn scan(text: &str, lines: &[Line], last: usize) -> Vec<Candidate> {
    let mut found = Vec::new();
    // Lines more indented than this belong to the value above (block or plain text).
    let mut inside: Option<usize> = None;
    let mut open_quote: Option<u8> = None;
    for (i, line) in lines.iter().enumerate().take(last + 1) {
        let content = &text[line.start..line.end];
        if let Some(quote) = open_quote {
            if closes(content, quote).is_some() {
                open_quote = None;
            }
            continue;
        }
        if is_blank(text, line) {
            continue;
        }
        if inside.is_some_and(|owner| line.indent > owner) {
            continue;
        }
        inside = None;
        if content[..line.indent].contains('\t') {
            found.push(Candidate { line: i, at: line.start, mistake: Mistake::Tab });
            continue;
        }
        let slot = slot(text, line);
        let value = slot.value;
        let Some(&first) = value.as_bytes().first() else { continue };
        let mistake = match first {
            b'#' => None,
            b'"' | b'\'' => match closes(&value[1..], first) {
                None => {
                    open_quote = Some(first);
                    None
                }
                Some(end) => {
                    let after = &value[1 + end + 1..];
                    let rest = after.trim_start();
                    (!rest.is_empty() && !rest.starts_with('#') && !rest.starts_with(':'))
                        .then(|| Mistake::AfterQuote(slot.start + value.len() - rest.len()))
                }
            },
            b'|' | b'>' => {
                if is_block_header(value) {
                    inside = Some(slot.owner_indent);
                    None
                } else {
                    Some(Mistake::Indicator(first))
                }
            }
            b'*' if is_alias(value) => None,
            b'*' | b'@' | b'`' | b'%' => Some(Mistake::Indicator(first)),
            b'[' | b'{' => match flow_end(value) {
                None => Some(Mistake::OpenFlow(first)),
                Some(end) => {
                    let rest = value[end..].trim_start();
                    (!rest.is_empty() && !rest.starts_with('#')).then_some(Mistake::Indicator(first))
                }
            },
            b'!' | b'&' => None,
            _ => {
                inside = Some(slot.owner_indent);
                let plain = value.find(" #").map_or(value, |p| &value[..p]);
                let colon = plain.find(": ").or_else(|| plain.ends_with(':').then(|| plain.len() - 1));
                colon.filter(|_| slot.key.is_some()).map(|c| Mistake::Colon(slot.start + c))
            }
        };
        if let Some(mistake) = mistake {
            found.push(Candidate { line: i, at: slot.start, mistake });
        }
    }
    found
}

/// The index in `text` of the quote that closes a quoted scalar, if it is on this line.
fn closes(text: &str, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// `|`, `>-`, `|+2`, each optionally followed by a comment.
fn is_block_header(value: &str) -> bool {
    let rest = value[1..].trim_start_matches(['+', '-', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// `*name` alone (and an optional comment): a real alias.
fn is_alias(value: &str) -> bool {
    let name_end = value[1..].find([' ', '\t']).map_or(value.len(), |p| p + 1);
    let rest = value[name_end..].trim_start();
    name_end > 1
        && !value[1..name_end].contains(['*', ',', '[', ']', '{', '}'])
        && (rest.is_empty() || rest.starts_with('#'))
}

/// Where a flow collection that starts `value` ends (one past its closing bracket), if on this line.
fn flow_end(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    let (mut depth, mut i) = (0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            q @ (b'"' | b'\'') => i += 1 + closes(&value[i + 1..], q)?,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Failures explained by indentation: a missing colon, or a line indented off its siblings.
fn indentation(source: &Arc<Source>, text: &str, lines: &[Line], error_line: usize, info: &str) -> Option<Gotcha> {
    let content_before = |i: usize| (0..i).rev().find(|&j| !is_blank(text, &lines[j]));
    let line = &lines[error_line];
    let previous = content_before(error_line)?;
    let above = &lines[previous];
    let span = |range: std::ops::Range<usize>| Span::new(Arc::clone(source), range);
    let first_word = |l: &Line| {
        let content = &text[l.start + l.indent..l.end];
        content.split([' ', ':']).next().unwrap_or(content).to_string()
    };
    if info.contains("mapping values are not allowed")
        || info.contains("simple key expect")
        || info.contains("did not find expected key")
    {
        let above_slot = slot(text, above);
        let line_slot = slot(text, line);
        // `email ada@example.com` then `phone: ...`: the first line has no colon, so YAML reads
        // both lines as one key.
        if above.indent == line.indent && above_slot.key.is_none() && !above_slot.item {
            let word = first_word(above);
            let at = above.start + above.indent + word.len();
            let rest = text[at..above.end].trim_start();
            return Some(Gotcha {
                diagnostic: Diagnostic::error(format!("`{word}` has no `:` after it"))
                    .at(span(at..at))
                    .with_help(format!("write `{word}: {rest}`")),
                patch: Patch::Blank(above.start, above.end),
            });
        }
        if line.indent > above.indent && above_slot.key.is_some() && !above_slot.value.is_empty() {
            let key = above_slot.key.unwrap_or_default();
            let word = line_slot.key.map_or_else(|| first_word(line), str::to_string);
            let spaces = above_slot.owner_indent;
            return Some(Gotcha {
                diagnostic: Diagnostic::error(format!("`{word}` is indented further than `{key}` above it"))
                    .at(span(line.start + line.indent..line.start + line.indent + 1))
                    .with_help(format!(
                        "line it up with `{key}:` ({spaces} spaces), or put a key with no value above it"
                    )),
                patch: Patch::Blank(line.start, line.end),
            });
        }
    }
    if info.contains("did not find expected") {
        let next = (error_line + 1..lines.len()).find(|&j| !is_blank(text, &lines[j]));
        if let Some(next) = next.map(|j| &lines[j])
            && line.indent < above.indent
            && next.indent == above.indent
        {
            let word = first_word(line);
            let spaces = above.indent;
            let sibling = first_word(above);
            return Some(Gotcha {
                diagnostic: Diagnostic::error(format!("`{word}` is indented less than the lines around it"))
                    .at(span(line.start + line.indent..line.start + line.indent + 1))
                    .with_help(format!("indent it by {spaces} spaces, like `{sibling}` above it")),
                patch: Patch::Blank(line.start, line.end),
            });
        }
    }
    None
}
