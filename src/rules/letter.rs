//! The rules a cover letter is read by: its length, its greeting and opening, whether it names
//! the company, the role and a result the resume backs, and the posting's terms it uses.
//!
//! Each finding is located in the job file: at the paragraph, the greeting or `letter:` itself.

use std::sync::LazyLock;

use super::finding;
use super::vocab::FILLER;
use crate::diag::Diagnostic;
use crate::guidance::{LETTER_PARAGRAPHS, LETTER_TERMS, LETTER_WORDS, range};
use crate::model::Resume;
use crate::source::Span;
use crate::text;

/// `data/letter-phrases.txt`: the greetings and openings the rules advise against.
static PHRASES: LazyLock<[Vec<&'static str>; 2]> = LazyLock::new(|| {
    let list = include_str!("../../data/letter-phrases.txt");
    ["greeting", "opening"].map(|section| text::list_section(list, section))
});

/// What the letter rules read: the letter as printed, where each part is in the job file, and
/// what it should agree with.
pub struct LetterText<'a> {
    /// `letter:` in the job file.
    pub at: Span,
    pub greeting: (String, Span),
    /// Each paragraph of the body, with the span of its first word.
    pub paragraphs: Vec<(String, Span)>,
    pub company: &'a str,
    pub title: &'a str,
    pub posting: &'a str,
    /// Every text of the resume as tailored, for the figures the letter cites.
    pub resume_text: String,
    /// The posting's terms the resume covers, most prominent first.
    pub covered_terms: Vec<String>,
}

/// The letter being checked (with the resume's `checks:`) and the findings so far.
pub struct Checker<'a> {
    resume: &'a Resume,
    letter: &'a LetterText<'a>,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(resume: &'a Resume, letter: &'a LetterText<'a>) -> Self {
        Checker { resume, letter, out: Vec::new() }
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }

    fn report(&mut self, id: &'static str, span: Span, message: impl Into<String>, help: impl Into<String>) {
        if let Some(d) = finding(self.resume, id, message.into()) {
            self.out.push(d.with_help(help).at(span));
        }
    }

    fn body(&self) -> String {
        self.letter.paragraphs.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn first_paragraph(&self) -> Span {
        self.letter.paragraphs.first().map_or_else(|| self.letter.at.clone(), |(_, span)| span.clone())
    }
}

/// Where `written` stands in the paragraph that starts at `paragraph` (its first occurrence in
/// the file from there, any case), or the paragraph itself when a line break splits it.
fn at_words(paragraph: &Span, written: &str) -> Span {
    let file = &paragraph.source.text;
    let from = paragraph.start().min(file.len());
    let rest = file[from..].to_lowercase();
    match rest.find(&written.to_lowercase()) {
        // Lower-casing keeps byte lengths for the ASCII this finds; anything else stays put.
        Some(at) if file.is_char_boundary(from + at) && file.is_char_boundary(from + at + written.len()) => {
            paragraph.with_range(from + at..from + at + written.len())
        }
        _ => paragraph.clone(),
    }
}

/// `letter-length`: 250–400 words in 3–4 paragraphs.
pub fn length(c: &mut Checker) {
    let words = c.body().split_whitespace().count();
    let paragraphs = c.letter.paragraphs.len();
    if !LETTER_WORDS.contains(&words) {
        let (what, help) = if words < *LETTER_WORDS.start() {
            ("short", "say why this role, then one or two results from the resume that fit what the posting asks")
        } else {
            ("long", "keep one reason for the role, one or two results and a closing line; the resume holds the rest")
        };
        let message = format!("the letter has {words} words; {} is the length recruiters read", range(&LETTER_WORDS));
        c.report("letter-length", c.first_paragraph(), message, format!("too {what}: {help}"));
    }
    if !LETTER_PARAGRAPHS.contains(&paragraphs) {
        let plural = if paragraphs == 1 { "paragraph" } else { "paragraphs" };
        let message = format!("the letter has {paragraphs} {plural}; {} read best", range(&LETTER_PARAGRAPHS));
        let help = "write `body: |` (a literal block keeps blank lines) with a blank line between paragraphs: why this role, your results, a closing";
        c.report("letter-length", c.first_paragraph(), message, help);
    }
}

/// `letter-greeting`: a person or the team, not "To whom it may concern".
pub fn greeting(c: &mut Checker) {
    let (greeting, span) = &c.letter.greeting;
    let lower = greeting.to_lowercase();
    if let Some(phrase) = PHRASES[0].iter().find(|p| lower.contains(*p)) {
        let message = format!("the greeting \"{greeting}\" reads as a form letter (`{phrase}`)");
        let help = "address the hiring manager (`to: Dana Okafor`) or the team (`greeting: Dear Payments team,`)";
        c.report("letter-greeting", span.clone(), message, help);
    }
}

/// `letter-opening`: the first sentence says something, not "I am writing to apply".
pub fn opening(c: &mut Checker) {
    let Some((first, span)) = c.letter.paragraphs.first() else { return };
    let lower = first.to_lowercase().replace('’', "'");
    if let Some(phrase) = PHRASES[1].iter().find(|p| lower.starts_with(*p)) {
        let written: String = first.chars().take(phrase.chars().count()).collect();
        let message = format!("the letter opens with \"{written}\"");
        let help = "open with why this role and this company, or with the result that fits it best";
        c.report("letter-opening", span.clone(), message, help);
    }
}

/// Legal and generic endings of company names that letters leave out.
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "llc",
    "ltd",
    "ltd.",
    "limited",
    "gmbh",
    "ag",
    "plc",
    "s.a.",
    "sa",
    "bv",
    "b.v.",
    "oy",
    "ab",
];

/// The ways a letter may name `company`: as written, without its legal ending, by a name in
/// parentheses (`Alphabet Inc. (Google)`), or by its first word when that is distinctive.
fn company_names(company: &str) -> Vec<String> {
    let lower = company.to_lowercase().replace('\u{200b}', "");
    let mut names = vec![lower.clone()];
    let (outside, inside) = match lower.split_once('(') {
        Some((outside, inside)) => (outside.trim().to_string(), Some(inside.trim_end_matches(')').trim().to_string())),
        None => (lower.clone(), None),
    };
    names.extend(inside);
    let mut words: Vec<&str> = outside.split_whitespace().collect();
    while words.len() > 1 && COMPANY_SUFFIXES.contains(&words[words.len() - 1].trim_end_matches(',')) {
        words.pop();
    }
    let core = words.join(" ").trim_end_matches(',').to_string();
    if let Some(first) = core.split_whitespace().next().filter(|w| w.len() >= 3 && *w != "the") {
        names.push(first.to_string());
    }
    names.push(core);
    names
}

/// `letter-company`: the company is named.
pub fn company(c: &mut Checker) {
    let body = c.body().to_lowercase().replace('\u{200b}', "");
    let names = company_names(c.letter.company);
    if !c.letter.company.trim().is_empty()
        && !names.iter().any(|n| !n.is_empty() && text::find_word(&body, n).is_some())
    {
        let message = format!("the letter does not name {}", c.letter.company);
        c.report(
            "letter-company",
            c.letter.at.clone(),
            message,
            "say why this company: a letter that fits any employer convinces none",
        );
    }
}

/// `letter-role`: the role is named, as the posting titles it (a part before a comma will do).
pub fn role(c: &mut Checker) {
    let expand = |text: &str| {
        text.to_lowercase().replace("sr. ", "senior ").replace("jr. ", "junior ").replace("sr ", "senior ")
    };
    let body = expand(&c.body());
    let title = expand(c.letter.title);
    let core = title.split([',', '(', '–', '-']).next().unwrap_or_default().trim();
    if !core.is_empty() && text::find_word(&body, core).is_none() {
        let message = format!("the letter does not name the role, {}", c.letter.title);
        let help = format!("say which role you apply for: \"the {} role\"", c.letter.title);
        c.report("letter-role", c.letter.at.clone(), message, help);
    }
}

/// The figures of a text: numbers, with `%`, `x` or a unit word glued on as written.
fn figures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':')) {
        let word = word.trim_end_matches(['.', '!', '?']).trim_start_matches(['$', '€', '£', '~']);
        if word.starts_with(|c: char| c.is_ascii_digit()) && word.chars().filter(|c| c.is_ascii_digit()).count() >= 1 {
            out.push(word.to_string());
        }
    }
    out
}

/// `letter-figure`: at least one concrete, quantified result.
pub fn figure(c: &mut Checker) {
    if figures(&c.body()).is_empty() {
        let message = "the letter names no figure";
        let help = "cite one result from the resume with its number: \"cut checkout latency 45%\"";
        c.report("letter-figure", c.first_paragraph(), message, help);
    }
}

/// The number a figure states, without its unit or scale (`1.2M`, `$48K`, `900ms` -> `1.2`,
/// `48`, `900`), for comparing with the resume's way of writing it.
fn number(figure: &str) -> &str {
    let end = figure.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(figure.len());
    figure[..end].trim_end_matches(['.', ','])
}

/// `letter-consistent`: every figure the letter cites is in the resume (or the posting's).
pub fn consistent(c: &mut Checker) {
    let numbers = |text: &str| -> Vec<String> { figures(text).iter().map(|f| number(f).replace(',', "")).collect() };
    let known: std::collections::HashSet<String> =
        numbers(&c.letter.resume_text).into_iter().chain(numbers(c.letter.posting)).collect();
    for (paragraph, span) in c.letter.paragraphs.clone() {
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            let Some(figure) = figures(word).into_iter().next() else { continue };
            let value = number(&figure).replace(',', "");
            // A version after a name (`Python 3.12`, `Web 2.0`), a clock (`24/7`), a year or a
            // one-digit count is not a result.
            let after_name = i > 0 && words[i - 1].starts_with(char::is_uppercase) && figure == number(&figure);
            let small = value.len() < 2 || (value.len() == 4 && value.starts_with(['1', '2']) && !value.contains('.'));
            if after_name || small || figure.contains('/') || known.contains(&value) {
                continue;
            }
            let message = format!("`{figure}` is in the letter but nowhere in the resume");
            let help =
                "a reader will check: cite the figure as the resume gives it, or add it to the bullet it belongs to";
            c.report("letter-consistent", at_words(&span, &figure), message, help);
        }
    }
}

/// `letter-terms`: the letter names the posting's most prominent terms the resume covers.
pub fn terms(c: &mut Checker) {
    let body = c.body().to_lowercase();
    let top: Vec<&String> = c.letter.covered_terms.iter().take(LETTER_TERMS).collect();
    let (named, left): (Vec<&&String>, Vec<&&String>) = top.iter().partition(|term| {
        let term = term.to_lowercase();
        let singular = term.strip_suffix('s').filter(|s| s.len() >= 2);
        text::find_word(&body, &term).is_some() || singular.is_some_and(|s| text::find_word(&body, s).is_some())
    });
    // Half of them, at least: a letter is not a keyword list.
    if !top.is_empty() && named.len() * 2 < top.len() {
        let left: Vec<String> = left.iter().map(|t| format!("`{t}`")).collect();
        let message = format!(
            "the letter names {} of the posting's {} most prominent terms your resume covers; it leaves out {}",
            named.len(),
            top.len(),
            left.join(", ")
        );
        let help = "name the ones your strongest results use, in a sentence about those results";
        c.report("letter-terms", c.letter.at.clone(), message, help);
    }
}

/// `letter-filler`: the summary rule's filler, in the letter.
pub fn filler(c: &mut Checker) {
    for (paragraph, span) in c.letter.paragraphs.clone() {
        let lower = paragraph.to_lowercase();
        for phrase in FILLER.iter() {
            if text::find_word(&lower, phrase).is_some() {
                let message = format!("`{phrase}` is filler");
                let help = "show it with a result instead: what you built, for whom, and the number it moved";
                c.report("letter-filler", at_words(&span, phrase), message, help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{company_names, figures, number};

    #[test]
    fn a_company_is_named_as_letters_name_it() {
        let names = |company: &str| company_names(company);
        assert!(names("Acme Corp").contains(&"acme".to_string()));
        assert!(names("Meta Platforms, Inc.").contains(&"meta".to_string()));
        assert!(names("Alphabet Inc. (Google)").contains(&"google".to_string()));
        assert!(names("The New York Times Company").contains(&"the new york times".to_string()));
        assert!(!names("The Guardian").contains(&"the".to_string()));
    }

    #[test]
    fn a_figure_is_compared_by_its_number() {
        assert_eq!([number("1.2M"), number("48K"), number("900ms"), number("35%")], ["1.2", "48", "900", "35"]);
    }

    #[test]
    fn figures_keep_their_units() {
        assert_eq!(figures("cut costs 35% for 3 million users, 2x faster (99.99%)."), ["35%", "3", "2x", "99.99%"]);
        assert_eq!(figures("no numbers here"), Vec::<String>::new());
    }
}
