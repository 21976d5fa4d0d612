//! Posting analysis: the skill terms a posting asks for, weighed by prominence.
//!
//! Terms are the lexicon's names plus capitalized or technical phrases the lexicon lacks; each
//! weighs more for appearing often, early, in the title, and under a requirements heading
//! rather than "nice to have".

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::lexicon::{Hit, LEXICON, Prepared, find_hits};
use crate::text;

/// `data/posting-stopwords.txt`: capitalized words that are not skills.
static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| text::list_lines(include_str!("../../data/posting-stopwords.txt")).collect());

/// Whether a hit is a capitalized common noun starting a team's name: `Container Platform team`.
fn team_name(p: &Prepared, hit: &Hit) -> bool {
    let written = &p.norm[hit.range.clone()];
    let name = LEXICON.variants[hit.variant].text;
    if !written.starts_with(char::is_uppercase) || name.starts_with(char::is_uppercase) {
        return false;
    }
    // Up to three more capitalized words, then the word for a team.
    let after = &p.norm[hit.range.end..];
    let mut words = after.split(' ').filter(|w| !w.is_empty()).map(|w| w.trim_end_matches([',', '.', ')', ';']));
    for _ in 0..4 {
        match words.next() {
            Some(word) if TEAMS.contains(&word.to_ascii_lowercase().as_str()) => return true,
            Some(word) if word.starts_with(char::is_uppercase) => continue,
            _ => return false,
        }
    }
    false
}

/// What a team is called.
const TEAMS: &[&str] = &["team", "teams", "squad", "group", "department", "tribe", "guild", "chapter"];

/// Words before a job title that say its level, not its field (`Senior Data Engineer`).
const SENIORITY: &[&str] =
    &["senior", "sr", "sr.", "staff", "lead", "principal", "junior", "jr", "mid-level", "associate"];

/// A skill term the posting asks for.
#[derive(Debug, Clone)]
pub struct Term {
    /// As the posting writes it.
    pub text: String,
    /// How prominent the term is in the posting.
    pub weight: f64,
    pub(super) kind: Kind,
    first: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// A lexicon concept, with every variant the posting writes it as.
    Concept { concept: usize, variants: Vec<usize> },
    /// A phrase the lexicon lacks.
    Phrase,
}

/// Where in a requirement section, or a "nice to have" line, each line of a posting stands:
/// its start, its weight, and what part of the posting it is in.
struct Sections(Vec<(usize, f64, Part)>);

/// The parts of a posting a term may stand in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Before the first heading: mostly about the company.
    Intro,
    /// Under a heading about the work or what it asks.
    Body,
    /// Under a heading about benefits, the company or how to apply.
    Aside,
}

/// `data/posting-sections.txt`: what marks a heading or line as asking, wishing or aside.
static CUES: LazyLock<[Vec<&'static str>; 3]> = LazyLock::new(|| {
    let list = include_str!("../../data/posting-sections.txt");
    ["nice-to-have", "required", "aside"].map(|section| text::list_section(list, section))
});

impl Sections {
    /// Weights each line (or clause): 1.5 under a requirements heading, 0.5 for "nice to have" lines and
    /// asides (benefits, about us), 1 elsewhere.
    fn new(text: &str) -> Sections {
        let mut lines = Vec::new();
        let (mut offset, mut current, mut after_blank, mut part) = (0, 1.0, true, Part::Intro);
        let [nice, required, aside] = &*CUES;
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
                part = if has(&lower, aside) { Part::Aside } else { Part::Body };
                current = if has(&lower, nice) || has(&lower, aside) {
                    0.5
                } else if has(&lower, required) {
                    1.5
                } else {
                    1.0
                };
            }
            // "Nice to have" may qualify one clause: "GDPR; healthcare data is a plus".
            let mut at = offset;
            for clause in line.split_inclusive(';') {
                lines.push((at, if has(&clause.to_lowercase(), nice) { 0.5 } else { current }, part));
                at += clause.len();
            }
            offset += line.len();
        }
        Sections(lines)
    }

    fn factor(&self, at: usize) -> f64 {
        self.line(at).map_or(1.0, |(_, f, _)| *f)
    }

    fn part(&self, at: usize) -> Part {
        self.line(at).map_or(Part::Body, |(_, _, part)| *part)
    }

    fn line(&self, at: usize) -> Option<&(usize, f64, Part)> {
        let i = self.0.partition_point(|(start, _, _)| *start <= at);
        self.0.get(i.wrapping_sub(1))
    }
}

/// The skill terms of a posting, most prominent first: lexicon names and the capitalized or
/// technical phrases it lacks. `title` and `company` come from the job file.
pub fn posting_terms(posting: &str, title: &str, company: &str) -> Vec<Term> {
    let p = Prepared::new(posting);
    let mut hits = find_hits(&p, true);
    // The employer's own name is no skill it asks for ("Spark Networks", "at Snowflake").
    // Nor is the job's own title ("as a Site Reliability Engineer, you...").
    let role = title.split('(').next().unwrap_or_default().split_whitespace();
    let role = role.skip_while(|w| SENIORITY.contains(&w.to_lowercase().as_str())).collect::<Vec<_>>().join(" ");
    let title_prepared = Prepared::new(title);
    let title_hits = find_hits(&title_prepared, false);
    for name in [company.trim(), role.as_str()] {
        let name = Prepared::new(name).key;
        let named: Vec<usize> = text::word_matches(&p.key, &name, text::ends_word).collect();
        // A technology the title names is still asked for ("Go Developer"); a practice that
        // names the role is the role ("Site Reliability Engineer").
        hits.retain(|h| {
            let category = LEXICON.concepts[h.concept].category;
            let technology = !matches!(category, "practices" | "data practices" | "domains");
            if technology && title_hits.iter().any(|t| t.concept == h.concept) {
                return true;
            }
            // The last mention starting before the hit ends is the only one that can overlap it.
            let mention = named[..named.partition_point(|&at| at < h.range.end)].last();
            mention.is_none_or(|&at| h.range.start >= at + name.len())
        });
    }
    // A common noun capitalized as a team's name ("the Container Platform team", "our Payments
    // Core squad") names the team, not a skill.
    hits.retain(|h| !team_name(&p, h));
    let sections = Sections::new(posting);
    let len = posting.len().max(1) as f64;
    // Concepts in order of first appearance.
    let mut concepts: Vec<ConceptUse> = Vec::new();
    let mut index_of: HashMap<usize, usize> = HashMap::new();
    let domains_asked = asked_domains(&p, &hits, &title_hits, &sections);
    for hit in &hits {
        let at = p.original(&hit.range);
        // A domain the company is in ("an e-commerce company", benefits) is no skill it asks for.
        // An ambiguous name among the benefits is the word (`office dog Loki`).
        let part = sections.part(at.start);
        if part == Part::Aside && LEXICON.variants[hit.variant].strict {
            continue;
        }
        // A domain counts where the posting asks for it (requirements, nice-to-haves) or
        // keeps coming back to it, not where it says what the company does.
        if LEXICON.concepts[hit.concept].category == "domains" && !domains_asked.contains(&hit.concept) {
            continue;
        }
        let index = *index_of.entry(hit.concept).or_insert_with(|| {
            concepts.push(ConceptUse { concept: hit.concept, weight: 0.0, first: at.start, variants: BTreeMap::new() });
            concepts.len() - 1
        });
        let entry = &mut concepts[index];
        entry.weight += sections.factor(at.start);
        let written = entry.variants.entry(hit.variant).or_insert((0, hit.range.clone()));
        written.0 += 1;
    }
    let mut terms: Vec<Term> = concepts
        .into_iter()
        .map(|ConceptUse { concept, weight, first, variants }| {
            // The posting's own word: its most used variant, the earliest on a tie.
            let (variant, (_, range)) = variants
                .iter()
                .max_by_key(|(_, (count, range))| (*count, std::cmp::Reverse(range.start)))
                .expect("one hit");
            // A name shared by coordination ("unit, integration tests") is written whole.
            let written = &p.norm[range.clone()];
            let v = &LEXICON.variants[*variant];
            let text = if v.key.starts_with(&format!("{} ", &p.key[range.clone()])) {
                v.text.to_string()
            } else {
                written.to_string()
            };
            let in_title = title_hits.iter().any(|h| h.concept == concept);
            Term {
                text,
                weight: weight + prominence(first, len, in_title),
                kind: Kind::Concept { concept, variants: variants.keys().copied().collect() },
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

/// The domains (`payments`) a posting asks for: named in the job's title, its requirements or
/// nice-to-haves, or three times outside its benefits; not those it names only to say what the
/// company does or works on.
fn asked_domains(p: &Prepared, hits: &[Hit], title_hits: &[Hit], sections: &Sections) -> HashSet<usize> {
    let mut uses: HashMap<usize, (usize, usize)> = HashMap::new();
    for hit in title_hits {
        uses.entry(hit.concept).or_default().0 += 1;
    }
    for hit in hits.iter().filter(|h| LEXICON.concepts[h.concept].category == "domains") {
        let at = p.original(&hit.range).start;
        let use_ = uses.entry(hit.concept).or_default();
        match sections.part(at) {
            Part::Aside => {}
            Part::Body if sections.factor(at) != 1.0 => use_.0 += 1,
            _ => use_.1 += 1,
        }
    }
    // A posting with no headings says what it asks anywhere.
    let headed = sections.0.iter().any(|(_, _, part)| *part != Part::Intro);
    let needed = if headed { 3 } else { 1 };
    uses.into_iter().filter(|(_, (asked, named))| *asked > 0 || *named >= needed).map(|(c, _)| c).collect()
}

/// A lexicon concept's uses in a posting.
struct ConceptUse {
    concept: usize,
    weight: f64,
    first: usize,
    /// Uses and first place (prepared text) of each variant.
    variants: BTreeMap<usize, (usize, Range<usize>)>,
}

/// A phrase's uses in a posting.
struct PhraseUse {
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

/// Words: alphanumeric runs, joined through `.-&'` between word characters, with trailing `+`
/// or `#` (`C++`, `Node.js`, `R&D`); a slash parts two words (`JDBC/ODBC`).
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    // The end of the line the last word was on, and whether it is in capitals.
    let mut line = (0, false);
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i].1;
            let next_word = chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            // `JDBC/ODBC` is two names; the lexicon's own (`CI/CD`, `Pub/Sub`) are hits already.
            if c.is_alphanumeric() || (matches!(c, '.' | '-' | '&' | '\'') && next_word) || matches!(c, '+' | '#') {
                i += 1;
            } else {
                break;
            }
        }
        let end = chars.get(i).map_or(text.len(), |(at, _)| *at);
        let word = &text[chars[start].0..end];
        let at = chars[start].0;
        // A heading in capitals (`WHAT WE OFFER`) holds words, not acronyms. Each line is read
        // once, when its first word is.
        if at >= line.0 {
            let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let shown = &text[line_start..line_end];
            let words = shown.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
            line = (line_end, words >= 2 && !shown.chars().any(char::is_lowercase));
        }
        let shouting = line.1;
        out.push(Token {
            range: chars[start].0..end,
            technical: technical(word) && !shouting,
            capitalized: word.starts_with(char::is_uppercase) && word.chars().any(char::is_lowercase),
            number: word.chars().all(|c| c.is_ascii_digit()),
            opens: text::opens_sentence(text, chars[start].0),
        });
    }
    out
}

/// Acronyms (`PCI`, `SLAs`), camel case (`OpenTelemetry`), letters with digits (`HL7`), or
/// names joined by `.+#` (`Node.js`); never a figure (`1-year`), a level or grade (`B2`,
/// `SDE-2`, `UTC-3`), a business shape (`B2B`, `D2C`) or an abbreviation (`B.Tech`, `a.m`).
fn technical(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let stem = word.strip_suffix('s').filter(|s| s.len() >= 2).unwrap_or(word);
    let acronym = (2..=6).contains(&stem.len()) && stem.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let camel = word.chars().skip(1).collect::<Vec<_>>().windows(2).any(|w| w[0].is_lowercase() && w[1].is_uppercase());
    // A letter, a digit and maybe a letter and a plus: `B2`, `B2B`, `C1+`.
    let mut shape = word.chars();
    let level = shape.next().is_some_and(char::is_alphabetic)
        && shape.next().is_some_and(|c| c.is_ascii_digit())
        && shape.clone().count() <= 2
        && shape.all(|c| c.is_alphabetic() || c == '+');
    let code = level || word.contains('-');
    let digits = letters >= 2 && word.chars().any(|c| c.is_ascii_digit()) && !code;
    // Each part of `Node.js` or `C++` is a name or nothing; `B.Tech` and `a.m` are abbreviations.
    let mut segments = word.split(['.', '+', '#']);
    let joined = word.contains(['.', '+', '#'])
        && segments.next().is_some_and(|s| s.chars().count() >= 2)
        && segments.all(|s| s.is_empty() || s.chars().count() >= 2);
    // A figure is no name: `1-year`, `24/7`, `3x`.
    let figure = word.starts_with(|c: char| c.is_ascii_digit());
    letters > 0 && !figure && (acronym && upper >= 2 && !code || camel || digits || joined)
}

/// An acronym: two or more capitals and no lower-case letter but a plural `s` (`HL7`, `APIs`).
fn shouted(word: &str) -> bool {
    let stem = word.strip_suffix('s').unwrap_or(word);
    stem.chars().filter(char::is_ascii_uppercase).count() >= 2 && !stem.chars().any(char::is_lowercase)
}

/// Capitalized or technical phrases outside lexicon hits: technical ones count from their first
/// use, capitalized ones from their second.
fn phrases(posting: &str, covered: &[Range<usize>], sections: &Sections, title: &str, company: &str) -> Vec<Term> {
    let own: HashSet<String> =
        format!("{title} {company}").split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    let stop = |word: &str| {
        let lower = word.to_lowercase();
        let bare = lower.trim_end_matches("'s");
        let singular = bare.strip_suffix('s').unwrap_or(bare);
        STOPWORDS.contains(bare) || STOPWORDS.contains(singular) || own.contains(&lower)
            // An ambiguous name its context ruled out (`Cypress, Texas`), or a place.
            || LEXICON.concept(word).is_some_and(|c| LEXICON.is_ambiguous(c, word))
            || crate::lexicon::is_place(word)
    };
    let tokens = tokens(posting);
    let mut runs: Vec<Vec<&Token>> = Vec::new();
    let mut run: Vec<&Token> = Vec::new();
    // Tokens and covered ranges both run in order: one pointer walks the ranges.
    let mut next_covered = 0;
    for token in &tokens {
        let word = &posting[token.range.clone()];
        while covered.get(next_covered).is_some_and(|c| c.end <= token.range.start) {
            next_covered += 1;
        }
        let is_covered = covered.get(next_covered).is_some_and(|c| c.start < token.range.end);
        let candidate = !is_covered && !stop(word) && (token.technical || token.capitalized && !token.opens);
        // Two acronyms side by side are two names (`HL7 FHIR`).
        let acronyms = run.last().is_some_and(|last| shouted(&posting[last.range.clone()]) && shouted(word));
        let joins = !acronyms && run.last().is_some_and(|last| &posting[last.range.end..token.range.start] == " ");
        // A capitalized lexicon word may end a name the lexicon lacks (`Faster Payments`); a
        // generic one does not (`Adyen APIs`).
        let extends = token.number && !is_covered || is_covered && token.capitalized && !token.technical && !stop(word);
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
    let mut index_of: HashMap<String, usize> = HashMap::new();
    let line_starts: Vec<usize> = std::iter::once(0).chain(posting.match_indices('\n').map(|(at, _)| at + 1)).collect();
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        let range = run[0].range.start..run[run.len() - 1].range.end;
        // Names in benefits and the like (`JobRad`, `ESOPs`) are not what the job asks for.
        if sections.part(range.start) == Part::Aside {
            continue;
        }
        let text = &posting[range.clone()];
        let listed = listed(posting, &range, &line_starts, covered);
        // `API` and `APIs` are one phrase; `CSS` and `CS` are not.
        let key = text.strip_suffix('s').filter(|k| k.len() >= 2).unwrap_or(text).to_lowercase();
        match index_of.get(&key) {
            Some(&index) => {
                found[index].weight += sections.factor(range.start);
                found[index].count += 1;
                found[index].technical |= listed;
            }
            None => {
                let technical = run.iter().any(|t| t.technical) || listed;
                let weight = sections.factor(range.start);
                index_of.insert(key, found.len());
                found.push(PhraseUse { text: text.to_string(), weight, first: range.start, count: 1, technical });
            }
        }
    }
    let len = posting.len().max(1) as f64;
    let title_lower = title.to_lowercase();
    found
        .into_iter()
        .filter(|f| f.technical)
        .map(|f| {
            let in_title = text::find_word(&title_lower, &f.text.to_lowercase()).is_some();
            Term {
                text: f.text,
                weight: f.weight + prominence(f.first, len, in_title),
                kind: Kind::Phrase,
                first: f.first,
            }
        })
        .collect()
}

/// Whether a phrase is an item of a list that names a lexicon term on its line ("DevOps: AWS,
/// Drone CI, Rancher, Jenkins"): a list of technologies is evidence that its items are.
fn listed(posting: &str, range: &Range<usize>, line_starts: &[usize], covered: &[Range<usize>]) -> bool {
    let before = posting[..range.start].trim_end_matches(' ');
    let after = posting[range.end..].trim_start_matches(' ');
    let opens = before.ends_with([',', ':', '(', '/']) || before.ends_with(" and") || before.ends_with(" or");
    let closes = after.is_empty()
        || after.starts_with([',', ')', '/', ';', '\n', '.'])
        || after.starts_with("and ")
        || after.starts_with("or ");
    if !opens || !closes {
        return false;
    }
    let line = line_starts.partition_point(|&at| at <= range.start) - 1;
    let (start, end) = (line_starts[line], line_starts.get(line + 1).copied().unwrap_or(posting.len()));
    let first = covered.partition_point(|c| c.end <= start);
    covered.get(first).is_some_and(|c| c.start < end)
}

#[cfg(test)]
mod tests {
    use super::*;

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
