//! The vocabularies behind the content rules, and the small text analysis they share.
//!
//! Word lists are data (`data/*.txt`, embedded and parsed once) so that they can be reviewed and
//! extended without reading the rules. Everything here works on plain `&str`; spans are the
//! caller's business.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::text::{self, list_lines as lines};

/// A group of action verbs and the word stems that make them the right suggestion.
#[derive(Debug)]
pub struct VerbGroup {
    pub cues: Vec<&'static str>,
    /// Past-tense forms, lower case, in file order.
    pub verbs: Vec<&'static str>,
}

/// The action-verb list, indexed both ways.
#[derive(Debug)]
pub struct Verbs {
    pub groups: Vec<VerbGroup>,
    /// Every past-tense form.
    pub past: HashSet<&'static str>,
    /// Present forms (base, third person, `-ing`) to their past tense.
    pub present: HashMap<String, &'static str>,
}

/// `data/action-verbs.txt`.
pub static VERBS: LazyLock<Verbs> = LazyLock::new(|| parse_verbs(include_str!("../../data/action-verbs.txt")));
/// `data/weak-openings.txt`, each phrase split into words.
pub static WEAK_OPENINGS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut phrases: Vec<Vec<&str>> =
        lines(include_str!("../../data/weak-openings.txt")).map(|l| l.split_whitespace().collect()).collect();
    // Longest first, so `responsible for` wins over a shorter phrase it starts with.
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    phrases
});
/// `data/filler.txt`.
pub static FILLER: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../data/filler.txt")).collect());
/// `data/headings.txt`.
pub static HEADINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../data/headings.txt")).collect());
/// `data/pronouns.txt`.
pub static PRONOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../data/pronouns.txt")).collect());
/// `data/number-words.txt`.
pub static NUMBER_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../data/number-words.txt")).collect());
/// `data/social-links.txt`.
pub static SOCIAL_HOSTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../data/social-links.txt")).collect());
/// `data/figure-hints.txt` as `(cues, hint)`; the last has no cues and is the default.
pub static FIGURE_HINTS: LazyLock<Vec<(Vec<&'static str>, &'static str)>> = LazyLock::new(|| {
    lines(include_str!("../../data/figure-hints.txt"))
        .filter_map(|l| l.split_once(" : ").or_else(|| l.strip_prefix(": ").map(|h| ("", h))))
        .map(|(cues, hint)| (cues.split_whitespace().collect(), hint.trim()))
        .collect()
});

/// `data/figure-units.txt`: units and multipliers that make a number a figure.
static UNITS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../../data/figure-units.txt")).collect());

/// Reads `[group] cues` headers and `past present` lines.
fn parse_verbs(text: &'static str) -> Verbs {
    let mut verbs = Verbs { groups: Vec::new(), past: HashSet::new(), present: HashMap::new() };
    for line in lines(text) {
        if let Some(group) = line.strip_prefix('[') {
            let cues = group.split_once(']').map_or("", |(_, cues)| cues);
            verbs.groups.push(VerbGroup { cues: cues.split_whitespace().collect(), verbs: Vec::new() });
            continue;
        }
        let (past, base) = line.split_once(' ').unwrap_or((line, line));
        verbs.past.insert(past);
        if let Some(group) = verbs.groups.last_mut() {
            group.verbs.push(past);
        }
        for form in present_forms(base.trim()) {
            verbs.present.entry(form).or_insert(past);
        }
    }
    verbs
}

/// `lead` -> lead, leads, leading; `ship` -> ships, shipping (and the harmless `shiping`).
fn present_forms(base: &str) -> Vec<String> {
    let mut forms = vec![base.to_string()];
    forms.push(match base {
        b if b.ends_with(['s', 'x', 'z', 'o']) || b.ends_with("sh") || b.ends_with("ch") => format!("{b}es"),
        b if b.ends_with('y') && !b.ends_with("ey") => format!("{}ies", &b[..b.len() - 1]),
        b => format!("{b}s"),
    });
    match base.strip_suffix('e').filter(|s| !s.ends_with('e')) {
        Some(stem) => forms.push(format!("{stem}ing")),
        None => forms.push(format!("{base}ing")),
    }
    if let Some(last) = base.chars().last().filter(|c| !"aeiouwxy".contains(*c)) {
        forms.push(format!("{base}{last}ing"));
    }
    forms
}

impl Verbs {
    /// The group whose cues the text mentions most (the earlier on a tie; the first when none).
    pub fn group_for(&self, lower_text: &str) -> &VerbGroup {
        let hits = |g: &VerbGroup| g.cues.iter().filter(|c| has_stem(lower_text, c)).count();
        let best = self.groups.iter().rev().filter(|g| hits(g) > 0).max_by_key(|g| hits(g));
        best.unwrap_or(&self.groups[0])
    }

    /// Three verbs to suggest for a bullet, formatted as `` `Cut`, `Reduced` or `Accelerated` ``.
    pub fn suggest(&self, lower_text: &str) -> String {
        let verbs: Vec<String> =
            self.group_for(lower_text).verbs.iter().take(3).map(|v| format!("`{}`", capitalize(v))).collect();
        match verbs.as_slice() {
            [a, b, c] => format!("{a}, {b} or {c}"),
            _ => verbs.join(", "),
        }
    }
}

/// Whether a word of `text` starts with `stem`.
pub fn has_stem(lower_text: &str, stem: &str) -> bool {
    text::word_matches(lower_text, stem, |_| true).next().is_some()
}

/// `led` -> `Led`.
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A word of inline text, punctuation and markup trimmed, with its byte range in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

/// The words of inline text: whitespace-separated tokens with at least one letter or digit.
/// Markup is trimmed (`**five` -> `five`), a link counts as its label's words, and currency,
/// `%`, `+` and `#` stay (`$50M+`, `40%`, `C#`).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for token in text.split_whitespace() {
        let start = at + text[at..].find(token).unwrap_or(0);
        at = start + token.len();
        // `label](https://...)` is the end of a link: only the label is read.
        let token = token.split_once("](").map_or(token, |(label, _)| label);
        let trimmed = token.trim_start_matches(|c: char| !c.is_alphanumeric() && !"$€£¥".contains(c));
        let offset = start + token.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric() && !"%+#".contains(c));
        if trimmed.chars().any(char::is_alphanumeric) {
            out.push(Word { text: trimmed, range: offset..offset + trimmed.len() });
        }
    }
    out
}

/// Whether a word is a figure: `840,000`, `1.2`, `180ms`, `p95`, `40%`, `$50M+`, `3x`, `10M+`,
/// `23k`, `3-node`, or a number word such as `million` or `halved`. A bare year is not.
pub fn is_figure(word: &str) -> bool {
    let word = word.trim_start_matches(['~', '<', '>', '≈', '±', '+']).trim_end_matches('+');
    // Ranges and compounds (`2–3x`, `3-node`, `24/7`) are read by their first part.
    let head = word.split(['-', '–', '/']).next().unwrap_or(word);
    if NUMBER_WORDS.contains(head.to_lowercase().as_str()) {
        return true;
    }
    if head.strip_prefix(['p', 'P']).is_some_and(is_number) {
        return true; // a percentile: p95, p99.9
    }
    let body = head.strip_prefix(['$', '€', '£', '¥']);
    let money = body.is_some();
    let body = body.unwrap_or(head);
    let end = body.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(body.len());
    let (number, unit) = body.split_at(end);
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let unit = unit.trim_end_matches('+').to_lowercase();
    match unit.as_str() {
        "" => money || !is_year(number),
        unit => UNITS.contains(unit),
    }
}

/// `95`, `99.9`.
fn is_number(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit()) && text.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `2019`: a date, not a result.
fn is_year(number: &str) -> bool {
    number.len() == 4 && number.parse::<u32>().is_ok_and(|y| (1950..=2100).contains(&y))
}

/// Whether `text` mentions `term` as a word, allowing `APIs` for `API`, `Dockerized` for `Docker`
/// and `PostgreSQL` for `SQL` (a capitalized part of a CamelCase word). Terms of one or two
/// characters (`Go`, `C`, `R`) must match case too, so "go" and "a" do not count.
pub fn mentions(text: &str, lower_text: &str, term: &str) -> bool {
    let after_ok = |rest: &str| {
        let rest = ["s", "es", "ized", "ised", "ed"].iter().find_map(|s| rest.strip_prefix(s)).unwrap_or(rest);
        text::ends_word(rest)
    };
    let camel = term.starts_with(char::is_uppercase)
        && text
            .match_indices(term)
            .any(|(at, _)| text[..at].ends_with(char::is_lowercase) && text::ends_word(&text[at + term.len()..]));
    let (hay, needle) =
        if term.chars().count() <= 2 { (text, term.to_string()) } else { (lower_text, term.to_lowercase()) };
    camel || text::word_matches(hay, &needle, after_ok).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_in_real_world_forms() {
        let text = "840,000 1.2 s 180 ms p95 40% $50M+ 3x 10M+ 99.99% 23k 2.1 million halved 3-node 2–3x €48,000 p99.9";
        let figures: Vec<&str> = words(text).into_iter().map(|w| w.text).filter(|w| is_figure(w)).collect();
        assert_eq!(
            figures,
            [
                "840,000",
                "1.2",
                "180",
                "p95",
                "40%",
                "$50M+",
                "3x",
                "10M+",
                "99.99%",
                "23k",
                "2.1",
                "million",
                "halved",
                "3-node",
                "2–3x",
                "€48,000",
                "p99.9"
            ]
        );
        for word in ["2019", "EC2", "S3", "K8s", "OAuth2", "HTTP/2", "gpt-4", "2FA", "5G", "one", "ms", "Python"] {
            assert!(!is_figure(word), "{word} is not a figure");
        }
        assert!(is_figure("10,000+") && is_figure("~40%") == is_figure("40%") && is_figure("1,400"));
    }

    #[test]
    fn words_trim_markup_and_read_link_labels() {
        let text = "Led **five engineers**; fixed [a bug](https://x.io/a) (C#, C++).";
        let words: Vec<&str> = words(text).into_iter().map(|w| w.text).collect();
        assert_eq!(words, ["Led", "five", "engineers", "fixed", "a", "bug", "C#", "C++"]);
        let first = super::words("  **Cut** it")[0].clone();
        assert_eq!((first.text, first.range), ("Cut", 4..7));
    }

    #[test]
    fn verbs_know_tense_and_groups() {
        assert_eq!(VERBS.present.get("lead"), Some(&"led"));
        assert_eq!(VERBS.present.get("leads"), Some(&"led"));
        assert_eq!(VERBS.present.get("managing"), Some(&"managed"));
        assert_eq!(VERBS.present.get("shipping"), Some(&"shipped"));
        assert_eq!(VERBS.present.get("cut"), Some(&"cut"));
        assert!(VERBS.past.contains("rewrote"));
        assert_eq!(VERBS.suggest("the api p95 latency"), "`Cut`, `Reduced` or `Accelerated`");
        assert_eq!(VERBS.suggest("the thing"), "`Built`, `Designed` or `Developed`");
    }

    #[test]
    fn mentions_whole_words() {
        let m = |text: &str, term| mentions(text, &text.to_lowercase(), term);
        assert!(m("Built APIs in Go.", "Go") && m("REST APIs", "API") && m("C++ and C#", "C#"));
        assert!(m("a Dockerized PostgreSQL", "Docker") && m("a Dockerized PostgreSQL", "SQL"));
        assert!(!m("go-to person", "Go") && !m("Gopher", "Go") && !m("JavaScript", "Java"));
    }
}
