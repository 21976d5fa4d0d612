//! Keyword coverage: the skill terms a posting asks for, and where the resume shows them.
//!
//! ATS search matches literal strings while recruiters equate aliases, so the report tells a
//! match in the posting's own words from one under an alias ("the posting says PostgreSQL, the
//! resume says Postgres"). Terms come from a curated lexicon (`data/lexicon.txt`) plus
//! capitalized or technical phrases the lexicon lacks. Names that are also ordinary words (Go, C,
//! R, Rust, Spring) match only in their own case and context, so "go-to-market", "C-level",
//! "R&D" and "trust" are not skills. Everything is offline and deterministic.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use serde::Serialize;

use crate::decode::Text;
use crate::job::LoadedJob;
use crate::model::Resume;
use crate::source::Source;

/// One skill, named by its first variant in the lexicon.
#[derive(Debug)]
pub struct Concept {
    pub name: &'static str,
    pub category: &'static str,
}

/// One way of writing a concept.
#[derive(Debug)]
struct Variant {
    text: &'static str,
    /// Lower case, leaked once: the lexicon lives as long as the process, and its maps borrow it.
    lower: &'static str,
    concept: usize,
    /// An ambiguous name: case-sensitive, and checked against its context.
    strict: bool,
}

/// The curated skill lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub concepts: Vec<Concept>,
    variants: Vec<Variant>,
    /// Variants by their first word (lower case), so a text is scanned once, word by word.
    by_first_word: HashMap<&'static str, Vec<usize>>,
    /// Concepts by any variant (lower case).
    by_name: HashMap<&'static str, usize>,
}

/// The lexicon embedded from `data/lexicon.txt`, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(include_str!("../data/lexicon.txt")));

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/posting-stopwords.txt").lines().map(str::trim).filter(|l| !l.starts_with('#')).collect()
});

/// Words after a sentence-opening ambiguous name that show it is the technology ("Go services").
const TECH_CONTEXT: &[&str] = &[
    "experience",
    "developer",
    "developers",
    "engineer",
    "engineers",
    "code",
    "codebase",
    "services",
    "service",
    "programming",
    "language",
    "expertise",
    "knowledge",
    "skills",
    "proficiency",
    "library",
    "libraries",
    "applications",
    "stack",
    "ecosystem",
    "tooling",
];
/// Suffixes an ambiguous name may take with a hyphen ("Go-based"); any other joins a phrase.
const HYPHEN_OK: &[&str] = &["based", "native", "backed", "powered", "first", "heavy", "centric"];

impl Lexicon {
    fn parse(text: &'static str) -> Lexicon {
        let mut lexicon = Lexicon {
            concepts: Vec::new(),
            variants: Vec::new(),
            by_first_word: HashMap::new(),
            by_name: HashMap::new(),
        };
        let mut category = "";
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                category = name;
                continue;
            }
            let concept = lexicon.concepts.len();
            for name in line.split(" | ").map(str::trim) {
                let (text, strict) = name.strip_prefix('~').map_or((name, false), |t| (t, true));
                if lexicon.concepts.len() == concept {
                    lexicon.concepts.push(Concept { name: text, category });
                }
                let lower = Box::leak(text.to_ascii_lowercase().into_boxed_str());
                lexicon.variants.push(Variant { text, lower, concept, strict });
            }
        }
        for (index, v) in lexicon.variants.iter().enumerate() {
            lexicon.by_first_word.entry(first_word(v.lower)).or_default().push(index);
            lexicon.by_name.entry(v.lower).or_insert(v.concept);
        }
        lexicon
    }

    /// The concept a name belongs to (any case), if the lexicon knows it.
    pub fn concept(&self, name: &str) -> Option<usize> {
        self.by_name.get(name.trim().to_ascii_lowercase().as_str()).copied()
    }
}

/// The leading alphanumeric run of a text (empty for `.NET`).
fn first_word(text: &str) -> &str {
    &text[..text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len())]
}

/// Whether two names denote the same skill: equal ignoring case, or aliases in the lexicon.
pub fn same_term(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
        || matches!((LEXICON.concept(a), LEXICON.concept(b)), (Some(x), Some(y)) if x == y)
}

// ---- finding lexicon terms -------------------------------------------------------------------

/// Text with whitespace runs collapsed (so `AWS\n  Lambda` is one name), and a map back.
struct Prepared {
    norm: String,
    lower: String,
    /// Byte offset in the original text of each byte of `norm`.
    map: Vec<usize>,
}

impl Prepared {
    fn new(text: &str) -> Prepared {
        let (mut norm, mut map) = (String::with_capacity(text.len()), Vec::with_capacity(text.len()));
        let mut space = false;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if !space {
                    norm.push(' ');
                    map.push(i);
                }
                space = true;
                continue;
            }
            space = false;
            norm.push(c);
            map.extend(i..i + c.len_utf8());
        }
        let lower = norm.to_ascii_lowercase();
        Prepared { norm, lower, map }
    }

    /// The original byte range of a range of `norm`.
    fn original(&self, range: &Range<usize>) -> Range<usize> {
        self.map[range.start]..self.map[range.end - 1] + 1
    }
}

/// A lexicon name found in text (offsets into the prepared text).
#[derive(Debug, Clone)]
struct Hit {
    range: Range<usize>,
    concept: usize,
    variant: usize,
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Every lexicon name in `p`, longest first where they overlap. `prose` applies the
/// sentence-opening rule for ambiguous names (postings are prose; resume fields are short items).
fn find_hits(p: &Prepared, prose: bool) -> Vec<Hit> {
    let mut found = Vec::new();
    // Candidates start where a word starts (or at a `.`, for `.NET`): look them up by that word.
    let starts = p.lower.char_indices().filter(|&(at, c)| {
        let before = p.lower[..at].chars().next_back();
        c == '.' || c.is_alphanumeric() && !before.is_some_and(char::is_alphanumeric)
    });
    for (at, _) in starts {
        let word = first_word(&p.lower[at..]);
        // A plural (`Kafkas`, `SLOs`) is looked up by its singular too.
        let singular = word.strip_suffix('s').filter(|w| w.len() >= 3);
        let lookup = |w: &str| LEXICON.by_first_word.get(w).map_or(&[][..], Vec::as_slice);
        for &index in lookup(word).iter().chain(singular.map_or(&[][..], lookup)) {
            let v = &LEXICON.variants[index];
            if !p.lower[at..].starts_with(v.lower) {
                continue;
            }
            let mut end = at + v.lower.len();
            if v.strict && &p.norm[at..end] != v.text {
                continue;
            }
            let plural = !v.strict && v.lower.len() >= 3 && p.lower[end..].starts_with('s');
            if plural && !is_word(p.lower[end + 1..].chars().next()) {
                end += 1;
            }
            if bounded(&p.norm, at..end, v.strict) {
                found.push(Hit { range: at..end, concept: v.concept, variant: index });
            }
        }
    }
    // Longest first, so `Spring Boot` wins over `Spring` and `Node.js` over `Node`.
    found.sort_by_key(|h| (std::cmp::Reverse(h.range.len()), h.range.start));
    let mut taken = vec![false; p.norm.len()];
    let mut kept = Vec::new();
    for hit in found {
        if !taken[hit.range.clone()].contains(&true) {
            taken[hit.range.clone()].fill(true);
            kept.push(hit);
        }
    }
    kept.sort_by_key(|h| h.range.start);
    if prose {
        let lone: Vec<bool> =
            kept.iter().map(|h| LEXICON.variants[h.variant].strict && !in_context(p, h, &kept)).collect();
        let mut lone = lone.into_iter();
        kept.retain(|_| !lone.next().unwrap_or(false));
    }
    kept
}

/// Whether `range` of `norm` stands as a name of its own, not part of a word or phrase.
fn bounded(norm: &str, range: Range<usize>, strict: bool) -> bool {
    let before: Vec<char> = norm[..range.start].chars().rev().take(2).collect();
    let (b1, b2) = (before.first().copied(), before.get(1).copied());
    let mut after = norm[range.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    if is_word(b1) || matches!(b1, Some('+' | '#' | '@' | '$')) || is_word(a1) || matches!(a1, Some('+' | '#')) {
        return false;
    }
    // Glued to a word by punctuation: `Node.js`, `opentelemetry-go`, `R&D`.
    if matches!(b1, Some('.' | '-' | '&' | '\'')) && is_word(b2) {
        return false;
    }
    match a1 {
        Some('.') if is_word(a2) => false,
        Some('\'') => {
            !is_word(a2) || norm[range.end..].starts_with("'s") && !is_word(norm[range.end + 2..].chars().next())
        }
        Some('&') => !strict && !is_word(a2),
        Some('-') if is_word(a2) && strict => {
            let word: String = norm[range.end + 1..].chars().take_while(|c| c.is_alphanumeric()).collect();
            HYPHEN_OK.contains(&word.to_lowercase().as_str())
        }
        _ => !(strict && b1 == Some('&')),
    }
}

/// Whether an ambiguous name is used as a technology: not opening a sentence, or opening one
/// that names another term or continues with a technical word (`Go services`).
fn in_context(p: &Prepared, hit: &Hit, hits: &[Hit]) -> bool {
    let norm = &p.norm;
    let start = hit.range.start;
    let text = LEXICON.variants[hit.variant].text;
    // A single letter right after a capitalized word is a name or a grade: `Series C`, `Plan B`.
    if text.len() == 1 {
        let previous = norm[..start].trim_end().rsplit(' ').next().unwrap_or_default();
        if norm[..start].ends_with(' ') && previous.len() > 1 && previous.starts_with(char::is_uppercase) {
            return false;
        }
    }
    if !opens_sentence(norm, start) {
        return true;
    }
    let end = sentence_end(norm, hit.range.end);
    let next = norm[hit.range.end..].split([' ', '-']).find(|w| !w.is_empty()).unwrap_or_default();
    let next = next.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    TECH_CONTEXT.contains(&next.as_str())
        || HYPHEN_OK.contains(&next.as_str())
        || hits.iter().any(|o| o.range.start > start && o.range.end <= end)
}

/// Whether `at` is the first word of a sentence, line item or heading.
fn opens_sentence(norm: &str, at: usize) -> bool {
    let before = norm[..at].trim_end();
    match before.chars().next_back() {
        None => true,
        Some('.' | '!' | '?' | ':' | ';' | '•' | '*' | '–' | '—' | '(' | '"' | '#') => true,
        Some('-') => before[..before.len() - 1].ends_with(' ') || before.len() == 1,
        _ => false,
    }
}

/// Where the sentence containing `from` ends (`.`, `!`, `?`, `;` or a list marker).
fn sentence_end(norm: &str, from: usize) -> usize {
    let rest = &norm[from..];
    [". ", "! ", "? ", "; ", " - ", " • ", " * "]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .map_or(norm.len(), |i| from + i)
}

// ---- posting terms ---------------------------------------------------------------------------

/// A skill term the posting asks for.
#[derive(Debug, Clone)]
pub struct Term {
    /// As the posting writes it.
    pub text: String,
    /// How prominent the term is in the posting.
    pub weight: f64,
    kind: Kind,
    first: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A lexicon concept, written in the posting mostly as this variant.
    Concept { concept: usize, variant: usize },
    /// A phrase the lexicon lacks.
    Phrase,
}

/// Where in a requirement section, or a "nice to have" line, each line of a posting stands.
struct Sections(Vec<(usize, f64)>);

const NICE: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "bonus",
    "preferred",
    "a plus",
    "desirable",
    "not required",
    "not essential",
    "would be great",
    "extra credit",
];
const REQUIRED: &[&str] = &[
    "requirement",
    "required",
    "must",
    "what you'll need",
    "what you need",
    "you have",
    "you'll have",
    "you bring",
    "you'll bring",
    "looking for",
    "qualification",
    "about you",
    "who you are",
    "skills",
    "what we expect",
    "essential",
    "experience",
];
const ASIDE: &[&str] = &[
    "benefit",
    "perks",
    "what we offer",
    "compensation",
    "salary",
    "about us",
    "about the company",
    "who we are",
    "how to apply",
    "our values",
    "equal opportunity",
];

impl Sections {
    /// Weights each line (or clause): 1.5 under a requirements heading, 0.5 for "nice to have" lines and
    /// asides (benefits, about us), 1 elsewhere.
    fn new(text: &str) -> Sections {
        let mut lines = Vec::new();
        let (mut offset, mut current, mut after_blank) = (0, 1.0, true);
        let has = |text: &str, cues: &[&str]| cues.iter().any(|c| text.contains(c));
        for line in text.split_inclusive('\n') {
            let t = line.trim();
            let lower = t.to_lowercase();
            let bare = t.trim_start_matches('#').trim().trim_matches('*').trim();
            let bullet = t.starts_with(['-', '*', '•']) && !t.starts_with("**");
            let words = bare.split_whitespace().count();
            // Marked headings (`## Requirements`, `Requirements:`, `**Requirements**`), or a short
            // unpunctuated line after a blank one (`What we offer`).
            let marked = t.starts_with('#') || t.ends_with(':') || (t.starts_with("**") && t.ends_with("**"));
            let bare_heading = after_blank && words <= 4 && !t.ends_with(['.', ',', ';', '!', '?']);
            let heading = !bullet && words > 0 && words <= 8 && (marked || bare_heading);
            after_blank = t.is_empty();
            if heading {
                current = if has(&lower, NICE) || has(&lower, ASIDE) {
                    0.5
                } else if has(&lower, REQUIRED) {
                    1.5
                } else {
                    1.0
                };
            }
            // "Nice to have" may qualify one clause: "GDPR; healthcare data is a plus".
            let mut at = offset;
            for clause in line.split_inclusive(';') {
                lines.push((at, if has(&clause.to_lowercase(), NICE) { 0.5 } else { current }));
                at += clause.len();
            }
            offset += line.len();
        }
        Sections(lines)
    }

    fn factor(&self, at: usize) -> f64 {
        let i = self.0.partition_point(|(start, _)| *start <= at);
        self.0.get(i.wrapping_sub(1)).map_or(1.0, |(_, f)| *f)
    }
}

/// The skill terms of a posting, most prominent first: lexicon names and the capitalized or
/// technical phrases it lacks. `title` and `company` come from the job file.
pub fn posting_terms(posting: &str, title: &str, company: &str) -> Vec<Term> {
    let p = Prepared::new(posting);
    let hits = find_hits(&p, true);
    let sections = Sections::new(posting);
    let title_prepared = Prepared::new(title);
    let title_hits = find_hits(&title_prepared, false);
    let len = posting.len().max(1) as f64;
    // Concepts in order of first appearance.
    let mut concepts: Vec<ConceptUse> = Vec::new();
    for hit in &hits {
        let at = p.original(&hit.range);
        let index = match concepts.iter().position(|c| c.concept == hit.concept) {
            Some(i) => i,
            None => {
                concepts.push(ConceptUse {
                    concept: hit.concept,
                    weight: 0.0,
                    first: at.start,
                    variants: BTreeMap::new(),
                });
                concepts.len() - 1
            }
        };
        let entry = &mut concepts[index];
        entry.weight += sections.factor(at.start);
        entry.variants.entry(hit.variant).or_insert((0, hit.range.start)).0 += 1;
    }
    let mut terms: Vec<Term> = concepts
        .into_iter()
        .map(|ConceptUse { concept, weight, first, variants }| {
            // The posting's own word: its most used variant, the earliest on a tie.
            let (&variant, &(_, at)) =
                variants.iter().max_by_key(|(_, (count, at))| (*count, std::cmp::Reverse(*at))).expect("one hit");
            let len_written = LEXICON.variants[variant].lower.len();
            let text = p.norm[at..at + len_written].to_string();
            let in_title = title_hits.iter().any(|h| h.concept == concept);
            Term {
                text,
                weight: weight + prominence(first, len, in_title),
                kind: Kind::Concept { concept, variant },
                first,
            }
        })
        .collect();
    let covered: Vec<Range<usize>> = hits.iter().map(|h| p.original(&h.range)).collect();
    terms.extend(phrases(posting, &covered, &sections, title, company));
    for term in &mut terms {
        term.weight = (term.weight * 10.0).round() / 10.0;
    }
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.first.cmp(&b.first)));
    terms
}

/// A lexicon concept's uses in a posting.
struct ConceptUse {
    concept: usize,
    weight: f64,
    first: usize,
    /// Uses and first offset (prepared text) of each variant.
    variants: BTreeMap<usize, (usize, usize)>,
}

/// A phrase's uses in a posting.
struct PhraseUse {
    key: String,
    text: String,
    weight: f64,
    first: usize,
    count: usize,
    technical: bool,
}

/// Extra weight for appearing early and in the job title.
fn prominence(first: usize, len: f64, in_title: bool) -> f64 {
    0.5 * (1.0 - first as f64 / len) + if in_title { 2.0 } else { 0.0 }
}

/// A word of the posting and how it is written.
struct Token {
    range: Range<usize>,
    technical: bool,
    capitalized: bool,
    number: bool,
    opens: bool,
}

/// Words: alphanumeric runs, joined through `.-/&'` between word characters, with trailing
/// `+` or `#` (`C++`, `Node.js`, `CI/CD`).
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i].1;
            let next_word = chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || (matches!(c, '.' | '-' | '/' | '&' | '\'') && next_word) || matches!(c, '+' | '#')
            {
                i += 1;
            } else {
                break;
            }
        }
        let end = chars.get(i).map_or(text.len(), |(at, _)| *at);
        let word = &text[chars[start].0..end];
        out.push(Token {
            range: chars[start].0..end,
            technical: technical(word),
            capitalized: word.starts_with(char::is_uppercase) && word.chars().any(char::is_lowercase),
            number: word.chars().all(|c| c.is_ascii_digit()),
            opens: opens_line(text, chars[start].0),
        });
    }
    out
}

/// Acronyms (`PCI`, `SLAs`), camel case (`OpenTelemetry`), letters with digits (`EC2`), or
/// letters joined by `.+#/` (`Node.js`).
fn technical(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let stem = word.strip_suffix('s').filter(|s| s.len() >= 2).unwrap_or(word);
    let acronym = (2..=6).contains(&stem.len()) && stem.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let camel = word.chars().skip(1).collect::<Vec<_>>().windows(2).any(|w| w[0].is_lowercase() && w[1].is_uppercase());
    let digits = letters > 0 && word.chars().any(|c| c.is_ascii_digit());
    let joined = letters > 1 && word.contains(['.', '+', '#', '/']);
    letters > 0 && (acronym && upper >= 2 || camel || digits || joined)
}

/// Whether the word at `at` starts a sentence or a line (where capitals say nothing).
fn opens_line(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    match before.chars().next_back() {
        None | Some('\n' | '.' | '!' | '?' | ':' | ';' | '•' | '*' | '(' | '"' | '#' | '–' | '—') => true,
        Some('-') => before[..before.len() - 1].trim_end_matches([' ', '\t']).ends_with('\n') || before.len() == 1,
        _ => false,
    }
}

/// Capitalized or technical phrases outside lexicon hits: technical ones count from their first
/// use, capitalized ones from their second.
fn phrases(posting: &str, covered: &[Range<usize>], sections: &Sections, title: &str, company: &str) -> Vec<Term> {
    let own: HashSet<String> =
        format!("{title} {company}").split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    let stop = |word: &str| {
        let lower = word.to_lowercase();
        STOPWORDS.contains(lower.trim_end_matches("'s")) || own.contains(&lower)
    };
    let tokens = tokens(posting);
    let mut runs: Vec<Vec<&Token>> = Vec::new();
    let mut run: Vec<&Token> = Vec::new();
    for token in &tokens {
        let word = &posting[token.range.clone()];
        let is_covered = covered.iter().any(|c| c.start < token.range.end && token.range.start < c.end);
        let candidate = !is_covered && !stop(word) && (token.technical || token.capitalized && !token.opens);
        let joins = run.last().is_some_and(|last| &posting[last.range.end..token.range.start] == " ");
        // A capitalized lexicon word may end a name the lexicon lacks (`Faster Payments`).
        let extends = token.number && !is_covered || is_covered && token.capitalized && !stop(word);
        if joins && run.len() < 4 && (candidate || extends) {
            run.push(token);
            continue;
        }
        runs.push(std::mem::take(&mut run));
        if candidate {
            run.push(token);
        }
    }
    runs.push(run);
    // Per phrase (lower case): text, weight, first offset, count, technical.
    let mut found: Vec<PhraseUse> = Vec::new();
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        let range = run[0].range.start..run[run.len() - 1].range.end;
        let text = posting[range.clone()].to_string();
        let key = text.to_lowercase();
        match found.iter_mut().find(|f| f.key == key) {
            Some(f) => {
                f.weight += sections.factor(range.start);
                f.count += 1;
            }
            None => {
                let technical = run.iter().any(|t| t.technical);
                let weight = sections.factor(range.start);
                found.push(PhraseUse { key, text, weight, first: range.start, count: 1, technical });
            }
        }
    }
    let len = posting.len().max(1) as f64;
    let title_lower = title.to_lowercase();
    found
        .into_iter()
        .filter(|f| f.technical || f.count >= 2)
        .map(|f| {
            let in_title = contains_word(&title_lower, &f.key);
            Term {
                text: f.text,
                weight: f.weight + prominence(f.first, len, in_title),
                kind: Kind::Phrase,
                first: f.first,
            }
        })
        .collect()
}

/// Whether `needle` occurs in `hay` as whole words (both lower case).
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(at, _)| !is_word(hay[..at].chars().next_back()) && !is_word(hay[at + needle.len()..].chars().next()))
}

// ---- coverage --------------------------------------------------------------------------------

/// A piece of resume text and the file it was written in.
pub struct Place<'a> {
    pub source: &'a Arc<Source>,
    pub text: &'a Text,
}

/// The `--format json` report of `rescc match`.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub job: String,
    /// Share of the posting's terms (by weight) the resume shows, 0–100; aliases count half.
    pub coverage: u32,
    pub matched: Vec<Matched>,
    pub aliased: Vec<Aliased>,
    pub missing: Vec<Missing>,
}

/// A term the resume uses as the posting writes it.
#[derive(Debug, Clone, Serialize)]
pub struct Matched {
    pub term: String,
    /// `line:col` in the resume (`file:line:col` for text from elsewhere, like a job's summary).
    pub locations: Vec<String>,
}

/// A term the resume shows only under another name.
#[derive(Debug, Clone, Serialize)]
pub struct Aliased {
    pub term: String,
    pub resume_term: String,
    pub locations: Vec<String>,
}

/// A term the resume lacks.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    pub term: String,
    pub weight: f64,
}

/// The text a resume shows, in document order, as places in `source`; with a `job`, its
/// headline and summary overrides are placed in the job file.
pub fn places<'a>(resume: &'a Resume, source: &'a Arc<Source>, job: Option<&'a LoadedJob>) -> Vec<Place<'a>> {
    let mut out = Vec::new();
    let from_job = |overridden: fn(&LoadedJob) -> bool| match job {
        Some(j) if overridden(j) => &j.source,
        _ => source,
    };
    let (headline_source, summary_source) =
        (from_job(|j| j.job.headline.is_some()), from_job(|j| j.job.summary.is_some()));
    out.extend(resume.headline.as_ref().map(|text| Place { source: headline_source, text }));
    out.extend(resume.summary.as_ref().map(|text| Place { source: summary_source, text }));
    let mut add = |text: Option<&'a Text>| out.extend(text.map(|text| Place { source, text }));
    for e in &resume.experience {
        [Some(&e.role), Some(&e.company), e.context.as_ref()].into_iter().for_each(&mut add);
        e.bullets.iter().for_each(|b| add(Some(&b.text)));
    }
    resume.skills.iter().flat_map(|g| &g.items).for_each(|i| add(Some(i)));
    for p in &resume.projects {
        [Some(&p.name), p.description.as_ref()].into_iter().for_each(&mut add);
        p.bullets.iter().for_each(|b| add(Some(&b.text)));
    }
    for e in &resume.education {
        add(e.degree.as_ref());
        e.honors.iter().chain(&e.coursework).for_each(|t| add(Some(t)));
    }
    for c in &resume.certifications {
        [Some(&c.name), c.issuer.as_ref()].into_iter().for_each(&mut add);
    }
    for e in resume.sections.iter().flat_map(|s| &s.entries) {
        [Some(&e.title), e.subtitle.as_ref(), e.description.as_ref()].into_iter().for_each(&mut add);
        e.bullets.iter().for_each(|b| add(Some(&b.text)));
    }
    out
}

/// How well `places` cover the posting's `terms`; locations in `home` (the resume) omit its name.
pub fn coverage(job: &str, terms: &[Term], places: &[Place], home: &Arc<Source>) -> Coverage {
    // One text for the whole resume, so each name is searched once.
    let mut joined = String::new();
    let mut starts = Vec::new();
    for place in places {
        let raw = place.source.text.get(place.text.span.clone()).filter(|raw| !raw.trim().is_empty());
        starts.push(joined.len());
        joined.push_str(raw.unwrap_or(&place.text.value));
        joined.push_str("\n\n");
    }
    let locate = |at: usize| {
        let i = starts.partition_point(|s| *s <= at) - 1;
        let place = &places[i];
        let raw = place.source.text.get(place.text.span.clone()).is_some_and(|raw| !raw.trim().is_empty());
        let offset = place.text.span.start + if raw { at - starts[i] } else { 0 };
        let (line, col) = place.source.line_col(offset);
        if Arc::ptr_eq(home, place.source) {
            format!("{line}:{col}")
        } else {
            format!("{}:{line}:{col}", place.source.name)
        }
    };
    let p = Prepared::new(&joined);
    let hits = find_hits(&p, false);
    let lower = p.lower.as_str();
    let mut report = Coverage { job: job.to_string(), coverage: 0, matched: vec![], aliased: vec![], missing: vec![] };
    let (mut total, mut got) = (0.0, 0.0);
    for term in terms {
        total += term.weight;
        let (exact, alias): (Vec<&Hit>, Vec<&Hit>) = match term.kind {
            Kind::Concept { concept, variant } => {
                hits.iter().filter(|h| h.concept == concept).partition(|h| h.variant == variant)
            }
            Kind::Phrase => (Vec::new(), Vec::new()),
        };
        let mut exact: Vec<usize> = exact.iter().map(|h| p.original(&h.range).start).collect();
        if term.kind == Kind::Phrase {
            let needle = Prepared::new(&term.text).lower;
            exact = lower
                .match_indices(needle.as_str())
                .filter(|(at, _)| {
                    !is_word(lower[..*at].chars().next_back()) && !is_word(lower[at + needle.len()..].chars().next())
                })
                .map(|(at, _)| p.map[at])
                .collect();
        }
        if !exact.is_empty() {
            got += term.weight;
            report.matched.push(Matched { term: term.text.clone(), locations: dedup(exact.into_iter().map(locate)) });
        } else if let Some(first) = alias.first() {
            got += term.weight / 2.0;
            let resume_term = p.norm[first.range.clone()].to_string();
            let locations = dedup(alias.iter().map(|h| locate(p.original(&h.range).start)));
            report.aliased.push(Aliased { term: term.text.clone(), resume_term, locations });
        } else {
            report.missing.push(Missing { term: term.text.clone(), weight: term.weight });
        }
    }
    report.coverage = if total > 0.0 { (100.0 * got / total).round() as u32 } else { 100 };
    report
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The coverage report for a job: its posting's terms against the resume as tailored for it.
pub fn report(source: &Arc<Source>, tailored: &Resume, job: &LoadedJob) -> Coverage {
    let terms = posting_terms(&job.posting, &job.job.title, &job.job.company);
    coverage(&job.job.id, &terms, &places(tailored, source, Some(job)), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexicon names found in prose, as written.
    fn names(text: &str) -> Vec<String> {
        let p = Prepared::new(text);
        find_hits(&p, true).iter().map(|h| p.norm[h.range.clone()].to_string()).collect()
    }

    #[test]
    fn ambiguous_names_need_their_case_and_context() {
        assert_eq!(names("Our go-to-market team is good at trust; let's go."), Vec::<String>::new());
        assert_eq!(names("Report to C-level staff about R&D. We raised a Series C round."), Vec::<String>::new());
        assert_eq!(
            names("Go beyond the obvious. Spring is our busy season. Swift replies matter."),
            Vec::<String>::new()
        );
        assert_eq!(names("Go-to-market experience"), Vec::<String>::new());
        assert_eq!(names("Services in Go, Rust and C/C++, with R for analysis."), ["Go", "Rust", "C", "C++", "R"]);
        assert_eq!(names("- Go, Python or Java\n- Go services at scale"), ["Go", "Python", "Java", "Go"]);
        assert_eq!(names("Go-based APIs and Golang's tooling"), ["Go", "Golang"]);
        assert_eq!(names("Spring Boot and Node.js on AWS\n  Lambda"), ["Spring Boot", "Node.js", "AWS Lambda"]);
        assert_eq!(names("PostgreSQL-backed queues; postgres"), ["PostgreSQL", "postgres"]);
        assert_eq!(names("the rest of the team"), Vec::<String>::new());
    }

    #[test]
    fn aliases_are_the_same_term() {
        assert!(same_term("postgres", "PostgreSQL"));
        assert!(same_term("k8s", "Kubernetes"));
        assert!(same_term("golang", "go"));
        assert!(!same_term("Java", "JavaScript"));
    }

    #[test]
    fn phrases_the_lexicon_lacks() {
        let posting = "We settle card payments over Faster Payments and SWIFT.\n\
                       Requirements:\n- Experience with Faster Payments schemes\n- Knowledge of ISO 8583\n";
        let terms = posting_terms(posting, "Backend Engineer", "Acme");
        let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"Faster Payments"), "{texts:?}");
        assert!(texts.contains(&"ISO 8583"), "{texts:?}");
        assert!(texts.contains(&"SWIFT"), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("Requirements") || t.contains("Acme")), "{texts:?}");
    }
}
