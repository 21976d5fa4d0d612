//! Cover letters: the document of a job's `letter:`, made from the tailored resume's document
//! (the same header, fonts, size, margins, paper and layout family) and the job.

use crate::diag::Diagnostic;
use crate::ir::{self, Document, Meta};
use crate::job::{Job, Letter, LoadedJob};
use crate::keywords::{self, Coverage};
use crate::model::{Date, Resume};
use crate::rules::{self, letter::LetterText};
use crate::source::{Span, Spanned};

/// The letter's document: the resume's header and style (one page), then the letter's lines.
pub fn document(resume: &Document, job: &Job, letter: &Letter, today: Date) -> Document {
    let mut recipient: Vec<String> = Vec::new();
    recipient.extend(letter.to.iter().map(|to| to.value.clone()));
    recipient.extend(letter.team.iter().map(|team| team.value.clone()));
    recipient.push(job.company.value.clone());
    let paragraphs =
        letter.paragraphs().into_iter().map(|(text, _)| link_bare_addresses(ir::parse_inline(&text))).collect();
    let body = ir::Letter {
        date: long_date(today),
        recipient,
        subject: format!("Application for {}", job.title.value),
        greeting: letter.greeting(),
        paragraphs,
        closing: letter.closing().to_string(),
        signature: resume.name.clone(),
    };
    let mut style = resume.style.clone();
    style.max_pages = 1;
    Document {
        meta: Meta {
            title: format!("{} – Cover Letter, {}", resume.name, job.title.value),
            author: resume.name.clone(),
            keywords: Vec::new(),
        },
        style,
        name: resume.name.clone(),
        headline: resume.headline.clone(),
        contact: resume.contact.clone(),
        sections: Vec::new(),
        letter: Some(body),
        contact_lines: Vec::new(),
    }
}

/// Bare web addresses in a paragraph's plain runs become links that show their address, as
/// contact links do, so a line never breaks inside one.
fn link_bare_addresses(rich: ir::Rich) -> ir::Rich {
    let mut out = Vec::new();
    for run in rich {
        if run.link.is_some() || !run.text.split_whitespace().any(is_address) {
            out.push(run);
            continue;
        }
        let mut plain = String::new();
        for piece in run.text.split_inclusive(' ') {
            let word = piece.trim_end();
            let core = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
            if !is_address(core) {
                plain.push_str(piece);
                continue;
            }
            if !plain.is_empty() {
                out.push(ir::Inline { text: std::mem::take(&mut plain), ..run.clone() });
            }
            out.push(ir::Inline { bold: run.bold, italic: run.italic, ..ir::Inline::address(core) });
            plain.push_str(&piece[core.len()..]);
        }
        if !plain.is_empty() {
            out.push(ir::Inline { text: plain, ..run.clone() });
        }
    }
    out
}

/// A word that is a web address (`https://jordanlee.dev`, `github.com/jordanlee`).
fn is_address(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    (word.starts_with("http://") || word.starts_with("https://") || word.contains('/')) && crate::text::is_url(word)
}

/// `2 December 2026`, or `December 2026` without a day.
pub fn long_date(date: Date) -> String {
    let month = date.month.map(|m| crate::model::MONTH_NAMES[usize::from(m.clamp(1, 12)) - 1]);
    match (date.day, month) {
        (Some(day), Some(month)) => format!("{day} {month} {}", date.year),
        (None, Some(month)) => format!("{month} {}", date.year),
        _ => date.year.to_string(),
    }
}

/// `Priya_Raman_Cover_Letter`, beside `Priya_Raman_Resume`.
pub fn file_stem(resume_stem: &str) -> String {
    match resume_stem.strip_suffix("_Resume") {
        Some(name) => format!("{name}_Cover_Letter"),
        None => "Cover_Letter".to_string(),
    }
}

/// Words in the letter's body.
pub fn words(letter: &Letter) -> usize {
    letter.paragraphs().iter().map(|(text, _)| text.split_whitespace().count()).sum()
}

/// The span of `letter:` in the job file (the key, not the mapping under it).
pub fn key_span(letter: &Spanned<Letter>) -> Span {
    let span = &letter.span;
    let text = &span.source.text;
    match text[..span.start().min(text.len())].rfind("letter:") {
        Some(at) => span.with_range(at..at + "letter".len()),
        None => span.clone(),
    }
}

/// The cover-letter rules on `job`'s letter, against the resume as tailored for the job and its
/// coverage of the posting; severities come from the resume's `checks:`.
pub fn checks(tailored: &Resume, job: &LoadedJob, letter: &Spanned<Letter>, coverage: &Coverage) -> Vec<Diagnostic> {
    let at = key_span(letter);
    let greeting_span = match (&letter.greeting, &letter.to) {
        (Some(greeting), _) => greeting.span.clone(),
        (None, Some(to)) => to.span.clone(),
        (None, None) => at.clone(),
    };
    let resume_text = keywords::places(tailored).iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join("\n");
    let covered_terms = coverage.matched.iter().map(|m| m.term.clone()).collect();
    let text = LetterText {
        at,
        greeting: (letter.greeting(), greeting_span),
        paragraphs: letter.paragraphs(),
        company: &job.job.company.value,
        title: &job.job.title.value,
        posting: &job.posting,
        resume_text,
        covered_terms,
    };
    rules::letter_checks(tailored, &text)
}
