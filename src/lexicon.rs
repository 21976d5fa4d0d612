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
    /// Its match key ([`match_key`]), leaked once: the lexicon lives as long as the process, and
    /// its maps borrow it.
    pub(crate) key: &'static str,
    pub(crate) concept: usize,
    /// An ambiguous name: case-sensitive, and checked against its context.
    pub(crate) strict: bool,
}

/// The curated skill lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub concepts: Vec<Concept>,
    /// The broader concepts each concept is a part of (`Amazon EKS > Kubernetes, AWS`).
    pub(crate) parents: Vec<Vec<usize>>,
    pub(crate) variants: Vec<Variant>,
    /// Variants by their first word (of its match key), so a text is scanned once, word by word.
    by_first_word: HashMap<&'static str, Vec<usize>>,
    /// Concepts by any variant (its match key).
    by_name: HashMap<&'static str, usize>,
    /// The first variant written so (its match key).
    pub(crate) variant_of: HashMap<&'static str, usize>,
}

/// The lexicon embedded from `data/lexicon.txt`, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(include_str!("../data/lexicon.txt")));

/// A section of `data/ambiguous-names.txt`, the words that tell an ambiguous name's sense.
fn ambiguous_words(section: &str) -> Vec<&'static str> {
    text::list_section(include_str!("../data/ambiguous-names.txt"), section)
}

/// `data/ambiguous-names.txt`: words after a sentence-opening ambiguous name that show it is
/// the technology ("Go services").
static CONTEXT: LazyLock<Vec<&'static str>> = LazyLock::new(|| ambiguous_words("context"));
/// `data/ambiguous-names.txt`: suffixes an ambiguous name may take with a hyphen ("Go-based").
static HYPHEN_OK: LazyLock<Vec<&'static str>> = LazyLock::new(|| ambiguous_words("hyphen"));
/// `data/ambiguous-names.txt`: labels after which a list names technology ("Language: Go").
static LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| ambiguous_words("labels"));
/// `data/ambiguous-names.txt`: places a name before a comma is the town of ("Cypress, Texas").
static PLACES: LazyLock<Vec<&'static str>> = LazyLock::new(|| ambiguous_words("places"));
/// `data/ambiguous-names.txt`: words before which a name is the ordinary word ("this Spring").
static ORDINARY_BEFORE: LazyLock<Vec<&'static str>> = LazyLock::new(|| ambiguous_words("ordinary-before"));
/// `data/ambiguous-names.txt`: nouns after which a name is the ordinary word ("Spring offsite").
static ORDINARY: LazyLock<Vec<&'static str>> = LazyLock::new(|| ambiguous_words("ordinary"));

impl Lexicon {
    fn parse(text: &'static str) -> Lexicon {
        let mut lexicon = Lexicon {
            concepts: Vec::new(),
            parents: Vec::new(),
            variants: Vec::new(),
            by_first_word: HashMap::new(),
            by_name: HashMap::new(),
            variant_of: HashMap::new(),
        };
        let mut category = "";
        let mut parent_names: Vec<(usize, &'static str)> = Vec::new();
        for line in text::list_lines(text) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                category = name;
                continue;
            }
            let concept = lexicon.concepts.len();
            let (names, parents) = line.split_once(" > ").unwrap_or((line, ""));
            parent_names.extend(parents.split(", ").filter(|p| !p.is_empty()).map(|p| (concept, p.trim())));
            for name in names.split(" | ").map(str::trim) {
                let (text, strict) = name.strip_prefix('~').map_or((name, false), |t| (t, true));
                if lexicon.concepts.len() == concept {
                    lexicon.concepts.push(Concept { name: text, category });
                    lexicon.parents.push(Vec::new());
                }
                let key = Box::leak(match_key(text).into_boxed_str());
                lexicon.variants.push(Variant { text, key, concept, strict });
            }
        }
        for (index, v) in lexicon.variants.iter().enumerate() {
            let first = first_word(v.key);
            lexicon.by_first_word.entry(first).or_default().push(index);
            // `microservices` is found in "a microservice" too.
            if let Some(singular) = singular_of(v) {
                lexicon.by_first_word.entry(first_word(singular)).or_default().push(index);
            }
            lexicon.by_name.entry(v.key).or_insert(v.concept);
            lexicon.variant_of.entry(v.key).or_insert(index);
        }
        for (concept, parent) in parent_names {
            let found = lexicon.by_name.get(match_key(parent).as_str()).copied();
            let parent = found.unwrap_or_else(|| panic!("data/lexicon.txt: `{parent}` is no concept"));
            lexicon.parents[concept].push(parent);
        }
        lexicon
    }

    /// Every name of the languages, frameworks, datastores, cloud and tools it knows: the
    /// technologies (not the practices, such as ETL or machine learning, or the domains) a summary
    /// may name. With each, whether it is
    /// ambiguous, and so counts only in its own case (`REST`, not "rest"; `Flux`, not "flux").
    pub fn technologies(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        let technical = |v: &&Variant| {
            !matches!(
                self.concepts[v.concept].category,
                "practices" | "data practices" | "domains" | "standards and payment rails"
            )
        };
        self.variants.iter().filter(technical).map(|v| (v.text, v.strict))
    }

    /// The concept a name belongs to (any case, any hyphenation), if the lexicon knows it.
    pub fn concept(&self, name: &str) -> Option<usize> {
        self.by_name.get(match_key(name.trim()).as_str()).copied()
    }

    /// Whether `name` is written as one of the concept's ambiguous names (`Cypress`, `Go`).
    pub(crate) fn is_ambiguous(&self, concept: usize, name: &str) -> bool {
        // Variants are listed concept by concept.
        let first = self.variants.partition_point(|v| v.concept < concept);
        self.variants[first..].iter().take_while(|v| v.concept == concept).any(|v| v.strict && v.text == name)
    }

    /// Whether `part` is `whole` or a part of it (`Amazon SQS` of `AWS`).
    pub(crate) fn covers(&self, whole: usize, part: usize) -> bool {
        whole == part || self.parents[part].contains(&whole)
    }
}

/// What a posting says after a skill it asks for ("R is a plus").
const ASKED: &[&str] =
    &[" is a plus", " is a bonus", " is nice to have", " is preferred", " is required", " is essential", " is a must"];

/// Whether a word is a place a posting names (`Texas`, `TX`).
pub(crate) fn is_place(word: &str) -> bool {
    PLACES.contains(&word)
}

/// A name as it is matched: lower case, with a hyphen or slash between word characters read
/// as a space, so `event-driven` is `event driven` and `CI-CD` is `CI/CD`. Byte lengths are
/// kept, so offsets into a text and its key agree.
pub(crate) fn match_key(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let word = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(|b| b.is_ascii_alphanumeric());
    let mut out = lower.clone().into_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'-' | b'/') && word(i.checked_sub(1)) && word(Some(i + 1)) {
            out[i] = b' ';
        }
    }
    String::from_utf8(out).expect("ASCII bytes replaced by ASCII bytes")
}

/// The singular a plural variant is also found as (`microservice` for `microservices`,
/// `Kubernetes operator`): names ending in a long common noun in lower case, never a product's
/// name (`Polars`, `Kubernetes`) or an acronym (`NATS`).
fn singular_of(v: &Variant) -> Option<&'static str> {
    let last_word = v.text.rsplit(' ').next().unwrap_or(v.text);
    let common = !last_word.chars().any(|c| c.is_uppercase());
    (common && v.text.len() >= 5 && v.text.ends_with('s') && !v.text.ends_with("ss")).then(|| &v.key[..v.key.len() - 1])
}

/// Endings that make a verb or noun of a name and still mean it (`Dockerized`).
const DERIVED: &[&str] = &["ization", "isation", "ized", "ised"];

/// The leading alphanumeric run of a text (empty for `.NET`).
fn first_word(text: &str) -> &str {
    &text[..text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len())]
}

/// The concepts a text names, in any of their names (a resume's bullets: `Golang` and `Go` are
/// one).
pub fn concepts_in(text: &str) -> std::collections::HashSet<usize> {
    find_hits(&Prepared::new(text), false).into_iter().map(|h| h.concept).collect()
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
    /// [`match_key`] of `norm`: what names are found in.
    pub(crate) key: String,
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
        let key = match_key(&norm);
        Prepared { norm, key, map }
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
    let starts = p.key.char_indices().filter(|&(at, c)| {
        let before = p.key[..at].chars().next_back();
        c == '.' || c.is_alphanumeric() && !before.is_some_and(char::is_alphanumeric)
    });
    for (at, _) in starts {
        let word = first_word(&p.key[at..]);
        // A plural (`Kafkas`, `SLOs`) is looked up by its singular too, a derived word
        // (`Dockerized`) by its name.
        let singular = word.strip_suffix('s').filter(|w| w.len() >= 3);
        let derived = DERIVED.iter().find_map(|end| word.strip_suffix(end)).filter(|w| w.len() >= 3);
        let lookup = |w: Option<&str>| w.and_then(|w| LEXICON.by_first_word.get(w)).map_or(&[][..], Vec::as_slice);
        let candidates = lookup(Some(word)).iter().chain(lookup(singular)).chain(lookup(derived));
        for &index in candidates {
            let v = &LEXICON.variants[index];
            let rest = &p.key[at..];
            let mut end = if rest.starts_with(v.key) {
                at + v.key.len()
            } else {
                match singular_of(v).filter(|s| rest.starts_with(s)) {
                    Some(s) => at + s.len(),
                    None => continue,
                }
            };
            if v.strict && &p.norm[at..end] != v.text {
                continue;
            }
            let plural = !v.strict && v.key.len() >= 3 && p.key[end..].starts_with('s');
            if plural && !is_word_char(p.key[end + 1..].chars().next()) {
                end += 1;
            }
            let single_word = !v.strict && !v.key.contains(' ');
            if let Some(ending) = DERIVED.iter().find(|e| single_word && p.key[end..].starts_with(**e))
                && !is_word_char(p.key[end + ending.len()..].chars().next())
            {
                end += ending.len();
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
        let clauses = clause_ends(&p.norm);
        let lone: Vec<bool> =
            kept.iter().map(|h| LEXICON.variants[h.variant].strict && !in_context(p, h, &kept, &clauses)).collect();
        let mut lone = lone.into_iter();
        kept.retain(|_| !lone.next().unwrap_or(false));
        let shared = coordinated(p, &kept);
        kept.extend(shared);
        kept.sort_by_key(|h| h.range.start);
    }
    kept
}

/// Names that share a head noun with the name after them: "unit, integration, and contract
/// tests" names unit tests and integration tests too, "batch/stream processing" batch processing.
/// Each is a hit on its first word, for the name the lexicon has (`unit tests`).
fn coordinated(p: &Prepared, hits: &[Hit]) -> Vec<Hit> {
    let mut out = Vec::new();
    for hit in hits {
        let key = &p.key[hit.range.clone()];
        // The shared head is the name's last word: "unit, integration, and data quality tests".
        let Some((_, tail)) = key.rsplit_once(' ') else { continue };
        let mut end = hit.range.start;
        loop {
            let before = &p.norm[..end];
            let Some(gap) =
                [", and ", ", or ", " and ", " or ", ", ", "/", " / "].iter().find(|g| before.ends_with(**g))
            else {
                break;
            };
            let word_end = end - gap.len();
            let word_start = p.key[..word_end]
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(0, |(i, c)| i + c.len_utf8());
            // Hits are sorted and apart: only the last one starting before the word can reach it.
            let previous = hits[..hits.partition_point(|h| h.range.start < word_end)].last();
            if word_start == word_end || previous.is_some_and(|h| word_start < h.range.end) {
                break;
            }
            let name = format!("{} {tail}", &p.key[word_start..word_end]);
            // "star and snowflake schemas" names a star schema.
            let name = match name.strip_suffix('s') {
                Some(singular) if !LEXICON.by_name.contains_key(name.as_str()) => singular.to_string(),
                _ => name,
            };
            let Some(&variant) = LEXICON.variant_of.get(name.as_str()) else { break };
            out.push(Hit { range: word_start..word_end, concept: LEXICON.variants[variant].concept, variant });
            end = word_start;
        }
    }
    out
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

/// Whether an ambiguous name is used as a technology. Never when a capitalized word follows
/// that is no skill (`Rust Belt`, `Ruby Chen`, `Spark Networks`), a place (`Cypress, Texas`),
/// an ordinary noun (`Spring offsite`), or a slash and a word (`Go/No-Go`). Otherwise when it
/// does not open a sentence; when it does, when a label says what follows is technology
/// (`Language: Go`), it stands in a list beside another technology (`Go, ConnectRPC`), a
/// technical word follows (`Go services`), or its clause names another term.
fn in_context(p: &Prepared, hit: &Hit, hits: &[Hit], clauses: &[usize]) -> bool {
    let norm = &p.norm;
    let start = hit.range.start;
    let text = LEXICON.variants[hit.variant].text;
    // The words around the name, a few dozen characters each way: enough to judge it, and a
    // line without spaces costs no more.
    let window_start = floor_char_boundary(norm, start.saturating_sub(WINDOW));
    let before = norm[window_start..start].trim_end();
    let previous = before.rsplit([' ', '(']).next().unwrap_or_default();
    // A single letter right after a capitalized word is a name or a grade: `Series C`, `Plan B`.
    if text.len() == 1 && norm[..start].ends_with(' ') && previous.len() > 1 && previous.starts_with(char::is_uppercase)
    {
        return false;
    }
    // Hits are sorted and do not overlap: the next one starts at `after`.
    let after = hits.partition_point(|o| o.range.start <= start);
    let next_hit = hits.get(after);
    let rest = &norm[hit.range.end..floor_char_boundary(norm, hit.range.end + WINDOW)];
    let next_word = |rest: &str| -> String {
        rest.split([' ', '-', '/'])
            .find(|w| !w.is_empty())
            .unwrap_or_default()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    let hit_at = |offset: usize| next_hit.is_some_and(|o| o.range.start == offset);
    if let Some(word) = rest.strip_prefix(' ').filter(|w| w.starts_with(char::is_uppercase)) {
        let next = next_word(word);
        if !hit_at(hit.range.end + 1) && !CONTEXT.contains(&next.to_lowercase().as_str()) && !technical_shape(&next) {
            return false;
        }
    }
    if let Some(place) = rest.strip_prefix(", ").map(next_word)
        && PLACES.contains(&place.as_str())
    {
        return false;
    }
    if rest.starts_with('/') && !hit_at(hit.range.end + 1) {
        return false;
    }
    let next = next_word(rest).to_lowercase();
    if rest.starts_with(' ') && ORDINARY.contains(&next.as_str()) {
        return false;
    }
    // Someone or something introduced: `Loki, our office dog`, `Ruby Chen, who leads`.
    if [", our ", ", the ", ", a ", ", an ", ", who ", ", which "].iter().any(|a| rest.starts_with(a)) {
        return false;
    }
    let technical_next = CONTEXT.contains(&next.as_str()) || HYPHEN_OK.contains(&next.as_str());
    let opens = text::opens_sentence(norm, start);
    let previous_lower = previous.to_lowercase();
    if !opens {
        // A word of a longer name (`Encore Backstage`), or a time (`this Spring`).
        let name_before = previous.starts_with(char::is_uppercase)
            && previous.chars().all(char::is_alphanumeric)
            && !text::opens_sentence(norm, window_start + before.len() - previous.len())
            && after.checked_sub(2).and_then(|i| hits.get(i)).is_none_or(|o| o.range.end + 1 != start);
        if name_before && !technical_next || ORDINARY_BEFORE.contains(&previous_lower.as_str()) {
            return false;
        }
        return true;
    }
    // `R is a plus`, `Go is required`: what a posting says of a skill.
    if technical_next || ASKED.iter().any(|asked| rest.starts_with(asked)) {
        return true;
    }
    // `Language: Go`, `Backend: Go, ConnectRPC`.
    if let Some(label) = before.strip_suffix(':') {
        let label = label.rsplit([' ', '(', '*', '-']).find(|w| !w.is_empty()).unwrap_or_default();
        let label = label.to_lowercase();
        if LABELS.contains(&label.as_str()) || label.ends_with("stack") {
            return true;
        }
    }
    // An item of a list whose next item is technology: `Go, ConnectRPC`, `Go / Rust`.
    let item = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(" or ")).or_else(|| rest.strip_prefix(" and "));
    if let Some(item) = item
        && (technical_shape(&next_word(item)) || hit_at(hit.range.end + rest.len() - item.len()))
    {
        return true;
    }
    let clause = clauses[clauses.partition_point(|&end| end < hit.range.end)];
    next_hit.is_some_and(|o| o.range.end <= clause)
}

/// How far around an ambiguous name its context is read, in bytes.
const WINDOW: usize = 64;

/// The last char boundary of `text` at or before `at` (clamped to its end).
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A word shaped like a technology's name: camel case (`ConnectRPC`), an acronym (`gRPC`,
/// `K8S`), or letters with digits.
fn technical_shape(word: &str) -> bool {
    let upper = word.chars().filter(char::is_ascii_uppercase).count();
    let inner_capital = word.chars().skip(1).any(|c| c.is_ascii_uppercase());
    word.len() >= 2 && (inner_capital || upper >= 2) && word.chars().all(|c| c.is_alphanumeric() || ".+#".contains(c))
}

/// Where each clause of `norm` ends (`.`, `!`, `?` or `;` before a space, or before a list
/// marker), in order, then the text's end: the words an ambiguous name that opens a clause is
/// judged by.
fn clause_ends(norm: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = norm
        .char_indices()
        .filter(|&(i, c)| {
            let tail = &norm[i + c.len_utf8()..];
            match c {
                '.' | '!' | '?' | ';' => tail.starts_with(' '),
                ' ' => ["- ", "• ", "* "].iter().any(|m| tail.starts_with(m)),
                _ => false,
            }
        })
        .map(|(i, _)| i)
        .collect();
    ends.push(norm.len());
    ends
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
    fn every_name_belongs_to_one_concept() {
        let mut owner: HashMap<&str, usize> = HashMap::new();
        for v in &LEXICON.variants {
            let first = *owner.entry(v.key).or_insert(v.concept);
            assert_eq!(
                LEXICON.concepts[first].name, LEXICON.concepts[v.concept].name,
                "data/lexicon.txt: `{}` names two concepts",
                v.text
            );
        }
    }

    #[test]
    fn forms_of_one_name_are_found_as_it() {
        assert_eq!(
            names("a microservice, event driven, CI-CD, Dockerized"),
            ["microservice", "event driven", "CI-CD", "Dockerized"]
        );
        let p = Prepared::new("Write unit, integration, and contract tests");
        let concepts: Vec<&str> = find_hits(&p, true).iter().map(|h| LEXICON.concepts[h.concept].name).collect();
        assert_eq!(concepts, ["unit testing", "integration testing", "contract testing"]);
        // A list that follows a dash or a quote mark (several bytes each) is read the same.
        let p = Prepared::new("code—unit, integration tests; “unit/contract tests”");
        assert_eq!(find_hits(&p, true).len(), 4);
        assert!(LEXICON.covers(LEXICON.concept("AWS").unwrap(), LEXICON.concept("Amazon SQS").unwrap()));
        assert!(!LEXICON.covers(LEXICON.concept("Amazon SQS").unwrap(), LEXICON.concept("AWS").unwrap()));
    }

    #[test]
    fn aliases_are_the_same_term() {
        assert!(same_term("postgres", "PostgreSQL"));
        assert!(same_term("k8s", "Kubernetes"));
        assert!(same_term("golang", "go"));
        assert!(!same_term("Java", "JavaScript"));
    }
}
