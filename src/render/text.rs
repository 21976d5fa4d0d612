//! Plain-text and Markdown renderers: the versions job portals ask to paste.
//!
//! Same content and order as the PDF and the DOCX: headings, entries (title · organisation ·
//! link, then dates · location), bullets and skills. Links show their address; in Markdown the
//! address is also the link text. User text is escaped so Markdown shows it literally.

use std::fmt::Write as _;

use super::{Format, Renderer};
use crate::diag::Diagnostic;
use crate::ir::{Body, Document, Field, Inline, Line, plain_text};

/// Separator between the parts of an entry line, as in the PDF.
const DOT: &str = " · ";

/// Separator between contact items.
const BAR: &str = " | ";

/// The document as plain text: upper-case headings, `- ` bullets, a blank line between blocks.
pub struct Plain;

/// The document as CommonMark: `#` name, `##` sections, `###` entries, `-` bullets.
pub struct Markdown;

impl Renderer for Plain {
    fn format(&self) -> Format {
        Format::Txt
    }

    fn render(&self, doc: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        Ok(plain(doc).into_bytes())
    }
}

impl Renderer for Markdown {
    fn format(&self) -> Format {
        Format::Md
    }

    fn render(&self, doc: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        Ok(markdown(doc).into_bytes())
    }
}

fn plain(doc: &Document) -> String {
    let text = |runs: &[Inline]| plain_text(runs);
    let mut out = String::new();
    out.push_str(&doc.name);
    out.push('\n');
    if let Some(headline) = &doc.headline {
        let _ = writeln!(out, "{headline}");
    }
    if !doc.contact.is_empty() {
        let _ = writeln!(out, "{}", doc.contact.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(BAR));
    }
    for section in &doc.sections {
        let _ = write!(out, "\n{}\n", section.title.to_uppercase());
        match &section.body {
            Body::Text { text: rich } => {
                let _ = writeln!(out, "{}", text(rich));
            }
            Body::Skills { groups } => {
                for group in groups {
                    let _ = writeln!(out, "{}: {}", group.name, group.items.join(", "));
                }
            }
            Body::Entries { entries } => {
                for (i, entry) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    for (line, fields) in entry.lines() {
                        let parts: Vec<String> = fields.iter().map(|f| plain_field(f)).collect();
                        let prefix = if line == Line::Bullet { "- " } else { "" };
                        let _ = writeln!(out, "{prefix}{}", parts.join(DOT));
                    }
                }
            }
        }
    }
    if let Some(letter) = &doc.letter {
        let _ = write!(
            out,
            "\n{}\n\n{}\n\n{}\n\n{}\n",
            letter.date,
            letter.recipient.join("\n"),
            letter.subject,
            letter.greeting
        );
        for paragraph in &letter.paragraphs {
            let _ = write!(out, "\n{}\n", text(paragraph));
        }
        let _ = write!(out, "\n{}\n{}\n", letter.closing, letter.signature);
    }
    out
}

fn markdown(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", escape(&doc.name));
    if let Some(headline) = &doc.headline {
        let _ = write!(out, "\n{}\n", block(headline));
    }
    if !doc.contact.is_empty() {
        let items: Vec<String> = doc.contact.iter().map(|c| rich(std::slice::from_ref(c))).collect();
        let _ = write!(out, "\n{}\n", items.join(BAR));
    }
    for section in &doc.sections {
        let _ = write!(out, "\n## {}\n\n", escape(&section.title));
        match &section.body {
            Body::Text { text } => {
                // A summary's list items are lines of their own: hard breaks.
                let lines: Vec<String> = rich(text).split('\n').map(|line| guard(line.to_string())).collect();
                let _ = writeln!(out, "{}", lines.join("\\\n"));
            }
            Body::Skills { groups } => {
                for group in groups {
                    let items: Vec<String> = group.items.iter().map(|i| escape(i)).collect();
                    let _ = writeln!(out, "- **{}:** {}", escape(&group.name), items.join(", "));
                }
            }
            Body::Entries { entries } => {
                for (i, entry) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    let mut previous = None;
                    for (line, fields) in entry.lines() {
                        let parts: Vec<String> = fields.iter().map(|f| markdown_field(f)).collect();
                        let text = parts.join(DOT);
                        match line {
                            Line::Title => {
                                let _ = writeln!(out, "### {text}");
                            }
                            Line::Dates => {
                                let _ = write!(out, "\n{}\n", guard(text));
                            }
                            Line::Description => {
                                let _ = write!(out, "\n*{text}*\n");
                            }
                            Line::Bullet => {
                                // A blank line opens the list.
                                if previous != Some(Line::Bullet) {
                                    out.push('\n');
                                }
                                let _ = writeln!(out, "- {text}");
                            }
                            Line::Detail => {
                                let _ = write!(out, "\n{text}\n");
                            }
                        }
                        previous = Some(line);
                    }
                }
            }
        }
    }
    if let Some(letter) = &doc.letter {
        let recipient: Vec<String> = letter.recipient.iter().map(|line| escape(line)).collect();
        let _ = write!(out, "\n{}\n\n{}\n", block(&letter.date), recipient.join("  \n"));
        let _ = write!(out, "\n**{}**\n\n{}\n", escape(&letter.subject), block(&letter.greeting));
        for paragraph in &letter.paragraphs {
            let _ = write!(out, "\n{}\n", block_rich(paragraph));
        }
        let _ = write!(out, "\n{}  \n{}\n", block(&letter.closing), escape(&letter.signature));
    }
    out
}

/// A field as plain text; a link shows its address.
fn plain_field(field: &Field) -> String {
    match field {
        Field::Title(text) | Field::Org(text) | Field::Dates(text) | Field::Location(text) => text.to_string(),
        Field::Link(link) => link.text.clone(),
        Field::Description(text) => plain_text(text),
        Field::Bullet(bullet) => plain_text(&bullet.text),
        Field::Detail(detail) => format!("{}: {}", detail.label, detail.text),
    }
}

/// A field as Markdown, its text escaped.
fn markdown_field(field: &Field) -> String {
    match field {
        Field::Title(text) | Field::Org(text) | Field::Dates(text) | Field::Location(text) => escape(text),
        Field::Link(link) => rich(std::slice::from_ref(*link)),
        Field::Description(text) => rich(text),
        Field::Bullet(bullet) => rich(&bullet.text),
        Field::Detail(detail) => format!("**{}:** {}", escape(&detail.label), escape(&detail.text)),
    }
}

/// Rich text as Markdown; a link shows its address and points at its target.
fn rich(runs: &[Inline]) -> String {
    let mut out = String::new();
    for run in runs {
        let mut text = escape(&run.text);
        if let Some(url) = &run.link {
            text = format!("[{text}](<{}>)", url.replace(['<', '>'], ""));
        }
        if run.italic {
            text = format!("*{text}*");
        }
        if run.bold {
            text = format!("**{text}**");
        }
        out.push_str(&text);
    }
    out
}

/// Rich text that starts a block, guarded against reading as a list or heading.
fn block_rich(runs: &[Inline]) -> String {
    guard(rich(runs))
}

/// Plain text that starts a block.
fn block(text: &str) -> String {
    guard(escape(text))
}

/// Escapes a leading `-`, `+`, `=` or `1.` that would turn a paragraph into a list or heading.
fn guard(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && text[digits..].starts_with(['.', ')']);
    if ordered {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else if text.starts_with(['-', '+', '=']) {
        format!("\\{text}")
    } else {
        text
    }
}

/// Backslash-escapes the ASCII punctuation Markdown could read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '&' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_prints_user_text_literally() {
        assert_eq!(escape("C# & *nix <x> [a](b) snake_case"), "C\\# \\& \\*nix \\<x\\> \\[a\\](b) snake\\_case");
        assert_eq!(block("- not a list"), "\\- not a list");
        assert_eq!(block("1. not a list"), "1\\. not a list");
    }

    #[test]
    fn links_show_their_address() {
        let link = Inline::address("https://github.com/priyaraman");
        assert_eq!(rich(&[link]), "[github.com/priyaraman](<https://github.com/priyaraman>)");
    }
}
