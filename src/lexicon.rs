//! The skill lexicon (`data/lexicon.txt`): the terms recruiters look for, the aliases they
//! equate, and how each name is found in text.
//!
//! Names that are also ordinary words (Go, C, R, Rust, Spring) match only in their own case and
//! context, so "go-to-market", "C-level", "R&D" and "trust" are not skills.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use crate::text::{self, is_word_char};

/// One skill, named by its first variant in the lexicon.
#[derive(Debug)]
pub struct Concept {
    pub name: &'static str,
    pub category: &'static str,
}

/// One way of writing a concept.
#[derive(Debug)]
pub(crate) struct Variant {
    pub(crate) text: &'static str,
    /// Lower case, leaked once: the lexicon lives as long as the process, and its maps borrow it.
    pub(crate) lower: &'static str,
    pub(crate) concept: usize,
    /// An ambiguous name: case-sensitive, and checked against its context.
    pub(crate) strict: bool,
}

/// The curated skill lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub concepts: Vec<Concept>,
    pub(crate) variants: Vec<Variant>,
    /// Variants by their first word (lower case), so a text is scanned once, word by word.
    by_first_word: HashMap<&'static str, Vec<usize>>,
    /// Concepts by any variant (lower case).
    by_name: HashMap<&'static str, usize>,
}

/// The lexicon embedded from `data/lexicon.txt`, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(include_str!("../data/lexicon.txt")));

/// `data/ambiguous-names.txt`: words after a sentence-opening ambiguous name that show it is
/// the technology ("Go services").
static CONTEXT: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| text::list_section(include_str!("../data/ambiguous-names.txt"), "context"));
/// `data/ambiguous-names.txt`: suffixes an ambiguous name may take with a hyphen ("Go-based").
static HYPHEN_OK: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| text::list_section(include_str!("../data/ambiguous-names.txt"), "hyphen"));

impl Lexicon {
    fn parse(text: &'static str) -> Lexicon {
        let mut lexicon = Lexicon {
            concepts: Vec::new(),
            variants: Vec::new(),
            by_first_word: HashMap::new(),
            by_name: HashMap::new(),
        };
        let mut category = "";
        for line in text::list_lines(text) {
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

    /// Every name of the languages, frameworks, datastores, cloud and tools it knows: the
    /// technologies (not the practices, such as ETL or machine learning, or the domains) a summary
    /// may name. With each, whether it is
    /// ambiguous, and so counts only in its own case (`REST`, not "rest"; `Flux`, not "flux").
    pub fn technologies(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        let technical =
            |v: &&Variant| !matches!(self.concepts[v.concept].category, "practices" | "data practices" | "domains");
        self.variants.iter().filter(technical).map(|v| (v.text, v.strict))
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

// ---- finding names in text ------------------------------------------------------------------

/// Text with whitespace runs collapsed (so `AWS\n  Lambda` is one name), and a map back.
pub(crate) struct Prepared {
    pub(crate) norm: String,
    pub(crate) lower: String,
    /// Byte offset in the original text of each byte of `norm`.
    pub(crate) map: Vec<usize>,
}

impl Prepared {
    pub(crate) fn new(text: &str) -> Prepared {
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
    pub(crate) fn original(&self, range: &Range<usize>) -> Range<usize> {
        self.map[range.start]..self.map[range.end - 1] + 1
    }
}

/// A lexicon name found in text (offsets into the prepared text).
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub(crate) range: Range<usize>,
    pub(crate) concept: usize,
    pub(crate) variant: usize,
}

/// Every lexicon name in `p`, longest first where they overlap. `prose` applies the
/// sentence-opening rule for ambiguous names (postings are prose; resume fields are short items).
pub(crate) fn find_hits(p: &Prepared, prose: bool) -> Vec<Hit> {
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
            if plural && !is_word_char(p.lower[end + 1..].chars().next()) {
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
    if is_word_char(b1)
        || matches!(b1, Some('+' | '#' | '@' | '$'))
        || is_word_char(a1)
        || matches!(a1, Some('+' | '#'))
    {
        return false;
    }
    // Glued to a word by punctuation: `Node.js`, `opentelemetry-go`, `R&D`.
    if matches!(b1, Some('.' | '-' | '&' | '\'')) && is_word_char(b2) {
        return false;
    }
    match a1 {
        Some('.') if is_word_char(a2) => false,
        Some('\'') => {
            !is_word_char(a2)
                || norm[range.end..].starts_with("'s") && !is_word_char(norm[range.end + 2..].chars().next())
        }
        Some('&') => !strict && !is_word_char(a2),
        Some('-') if is_word_char(a2) && strict => {
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
    if !text::opens_sentence(norm, start) {
        return true;
    }
    let next = norm[hit.range.end..].split([' ', '-']).find(|w| !w.is_empty()).unwrap_or_default();
    let next = next.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if CONTEXT.contains(&next.as_str()) || HYPHEN_OK.contains(&next.as_str()) {
        return true;
    }
    // Hits are sorted and do not overlap: the next one is the only one that can end first.
    let after = hits.partition_point(|o| o.range.start <= start);
    hits.get(after).is_some_and(|o| o.range.end <= clause_end(norm, hit.range.end))
}

/// Where the clause that holds `from` ends (`.`, `!`, `?`, `;` or a list marker): the words an
/// ambiguous name that opens it is judged by. One pass, ending at the first marker.
fn clause_end(norm: &str, from: usize) -> usize {
    let rest = &norm[from..];
    let at = rest.char_indices().find(|&(i, c)| {
        let tail = &rest[i + c.len_utf8()..];
        match c {
            '.' | '!' | '?' | ';' => tail.starts_with(' '),
            ' ' => ["- ", "• ", "* "].iter().any(|m| tail.starts_with(m)),
            _ => false,
        }
    });
    at.map_or(norm.len(), |(i, _)| from + i)
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
}
