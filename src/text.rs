//! Small text analysis shared by the stages: whole-word search, sentences, and the shapes of
//! email and web addresses.
//!
//! Everything here works on plain `&str`; spans are the caller's business. One definition of
//! each, so the rules, the keyword report and the read-back agree on what a word, a sentence or
//! an address is.

use std::sync::LazyLock;

/// What starts a line of a Markdown list, or an item copied from a list.
pub const LIST_MARKERS: &[&str] = &["- ", "* ", "+ ", "• ", "•", "· "];

/// A text written as prose and a Markdown list, as (prose lines, items); a wrapped item's next
/// line belongs to the item, indented or not (Markdown's lazy continuation), until a blank line.
/// `None` when no line is a list item.
pub fn markdown_list(text: &str) -> Option<(Vec<&str>, Vec<String>)> {
    let (mut prose, mut items) = (Vec::new(), Vec::<String>::new());
    let mut in_item = false;
    for line in text.lines() {
        let trimmed = line.trim();
        match LIST_MARKERS.iter().find(|m| trimmed.starts_with(**m)) {
            Some(marker) => {
                items.push(trimmed[marker.len()..].trim().to_string());
                in_item = true;
            }
            None if trimmed.is_empty() => in_item = false,
            None if in_item || line.starts_with([' ', '\t']) && !items.is_empty() => {
                let last = items.last_mut().expect("an item is open");
                last.push(' ');
                last.push_str(trimmed);
            }
            None => prose.push(trimmed),
        }
    }
    items.retain(|item| !item.is_empty());
    (!items.is_empty()).then_some((prose, items))
}

/// `name@domain.tld`, as [`is_email`] accepts (for the JSON Schema).
pub const EMAIL_PATTERN: &str = r"^[^@\s?&%:/]+@[^@\s.?&%:/]+(\.[^@\s.?&%:/]+)+$";

/// An address with a dotted host, as [`is_url`] accepts (for the JSON Schema).
pub const URL_PATTERN: &str = r"^(https?://)?[^\s/?#:.@]+(\.[^\s/?#:.@]+)+(:[0-9]{1,5})?([/?#]\S*)?$";

/// `local@domain.tld`: an address, not a link. The local part takes letters, digits and
/// `. _ + - '`; no query tricks (`?`, `&`, `%`), no scheme (`mailto:`).
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let local_ok = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-' | '\'');
    !local.is_empty()
        && local.chars().all(local_ok)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// Why `url` may not be a link target, if it may not: only web addresses (`https://`, `http://`
/// or a bare `host.tld/path`) and `mailto:` an email address. `javascript:`, `file:`, `data:`
/// and the like would become live links in the PDF and the DOCX.
pub fn link_problem(url: &str) -> Option<String> {
    if let Some(address) = url.strip_prefix("mailto:") {
        return (!is_email(address)).then(|| format!("`{address}` is not an email address"));
    }
    let scheme = url
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '+'));
    match scheme {
        Some(s) if !s.eq_ignore_ascii_case("http") && !s.eq_ignore_ascii_case("https") => {
            Some(format!("`{s}:` links are not allowed; a link is an http, https or mailto address"))
        }
        _ if !is_url(url) => Some(format!("`{url}` is not a web address")),
        _ => None,
    }
}

/// The address a link opens: `https://` added to a bare host, and an international host name in
/// its ASCII (punycode) form, which every reader resolves, while the text shows it as written.
pub fn link_target(url: &str) -> String {
    if let Some(address) = url.strip_prefix("mailto:") {
        return format!("mailto:{}", ascii_email(address));
    }
    let full = if url.contains("://") { url.to_string() } else { format!("https://{url}") };
    let host = url_host(&full);
    match idna::domain_to_ascii(host) {
        Ok(ascii) if ascii != host && !host.is_ascii() => full.replacen(host, &ascii, 1),
        _ => full,
    }
}

/// An email address with its domain in ASCII (punycode) form.
pub fn ascii_email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) if !domain.is_ascii() => match idna::domain_to_ascii(domain) {
            Ok(ascii) => format!("{local}@{ascii}"),
            Err(_) => address.to_string(),
        },
        _ => address.to_string(),
    }
}

/// The scripts a host name mixes within one label (`gіthub` with a Cyrillic `і`), if it does:
/// a look-alike of a known site.
pub fn mixed_scripts(host: &str) -> Option<Vec<&'static str>> {
    use unicode_script::{Script, UnicodeScript};
    host.split('.').find_map(|label| {
        let mut scripts: Vec<Script> = Vec::new();
        for c in label.chars().filter(|c| c.is_alphabetic()) {
            let script = c.script();
            if !matches!(script, Script::Common | Script::Inherited) && !scripts.contains(&script) {
                scripts.push(script);
            }
        }
        (scripts.len() > 1).then(|| scripts.iter().map(|s| s.full_name()).collect())
    })
}

/// An `http(s)://` address with a dotted host, or a bare `host.tld/path`.
pub fn is_url(text: &str) -> bool {
    let host = url_host(text);
    !text.chars().any(char::is_whitespace)
        && host.contains('.')
        && host.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// The host of an address (`github.com` of `https://github.com:443/x`).
pub fn url_host(text: &str) -> &str {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")).unwrap_or(text);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    host.rsplit_once(':').filter(|(_, port)| port.parse::<u16>().is_ok()).map_or(host, |(h, _)| h)
}

/// Whether `c` is part of a word (letters, digits, `_`).
pub fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Whether `rest` (the text after a match) does not continue a word.
pub fn ends_word(rest: &str) -> bool {
    !is_word_char(rest.chars().next())
}

/// Byte offsets where `needle` occurs in `hay` at the start of a word and `then` accepts the text
/// after it: [`ends_word`] for whole words, `|_| true` for stems.
pub fn word_matches<'a>(
    hay: &'a str,
    needle: &'a str,
    then: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    hay.match_indices(needle)
        .map(|(at, _)| at)
        .filter(move |&at| !needle.is_empty() && !is_word_char(hay[..at].chars().next_back()))
        .filter(move |&at| then(&hay[at + needle.len()..]))
}

/// The first offset of `needle` in `hay` as whole words.
pub fn find_word(hay: &str, needle: &str) -> Option<usize> {
    word_matches(hay, needle, ends_word).next()
}

/// Non-empty, non-comment lines of an embedded word list (`data/*.txt`).
pub fn list_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The `[name]` sections of an embedded word list, each with its lines; `name` must be one.
pub fn list_section(text: &'static str, name: &str) -> Vec<&'static str> {
    let mut current = None;
    let mut out = Vec::new();
    for line in list_lines(text) {
        match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(section) => current = Some(section),
            None if current == Some(name) => out.push(line),
            None => {}
        }
    }
    assert!(!out.is_empty(), "the word list has no `[{name}]` section");
    out
}

/// Abbreviations whose period ends no sentence (`data/abbreviations.txt`).
static ABBREVIATIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| list_lines(include_str!("../data/abbreviations.txt")).collect());

/// Sentences of running text: ends at `.`, `!` or `?` before a space and a capital or digit,
/// so `1.2 s`, `Node.js` and `e.g. Go` do not split; a line break (a summary's list item) ends
/// one too.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c == '\n' {
            if !text[start..at].trim().is_empty() {
                out.push(text[start..at].trim());
            }
            start = at + 1;
            continue;
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let after = chars[i + 1..].iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
        let word_before = text[start..at].rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
        let abbreviation = ABBREVIATIONS.contains(&word_before.as_str());
        let ends = match after {
            None => true,
            Some(after) => {
                next.is_some_and(char::is_whitespace)
                    && !abbreviation
                    && (after.is_uppercase() || after.is_ascii_digit())
            }
        };
        if ends {
            out.push(text[start..at + c.len_utf8()].trim());
            start = at + c.len_utf8();
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// Whether the word at `at` opens a sentence, a clause after `:` or `;`, a line, a heading or a
/// list item: a place where a capital letter says nothing about the word.
pub fn opens_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    match before.chars().next_back() {
        None | Some('\n' | '.' | '!' | '?' | ':' | ';' | '•' | '*' | '(' | '"' | '#' | '–' | '—') => true,
        // An emoji or other symbol bullet: `🚀 Strong Go skills`, `✅ Kafka`, `→ Airflow`, `・`.
        Some(c) if matches!(c as u32, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0x30FB) => true,
        // A dash opens a list item at the start of a line or after a space, not inside a word.
        Some('-') => {
            let rest = &before[..before.len() - 1];
            rest.is_empty() || rest.ends_with(char::is_whitespace)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_shapes() {
        assert!(is_email("priya.raman@example.com"));
        assert!(!is_email("priya.example.com") || !is_email("a@b"));
        assert!(!is_email("priya@example"));
        assert!(is_url("https://github.com/priyaraman"));
        assert!(is_url("github.com/priyaraman"));
        assert!(!is_url("github com/priya"));
        assert!(!is_url("https://localhost"));
        assert_eq!(url_host("https://github.com:443/x"), "github.com");
    }

    #[test]
    fn a_list_item_runs_on_until_a_blank_line() {
        let (prose, items) =
            markdown_list("Led it.\n- Built the portal\n(React, Node.js)\n  and its tests\n- Cut p99\n\nAfter.")
                .unwrap();
        assert_eq!(prose, ["Led it.", "After."]);
        assert_eq!(items, ["Built the portal (React, Node.js) and its tests", "Cut p99"]);
    }

    #[test]
    fn whole_words() {
        assert_eq!(find_word("a team player, not teamwork", "team"), Some(2));
        assert_eq!(find_word("teamwork", "team"), None);
        assert_eq!(word_matches("teamwork and team", "team", |_| true).collect::<Vec<_>>(), [0, 13]);
        assert_eq!(find_word("snake_team team", "team"), Some(11));
    }

    #[test]
    fn markdown_lists_split_from_their_prose() {
        let (prose, items) =
            markdown_list("Payments team.\n\n- Cut p99 by 40%\n  across 12 services\n* Led 4").unwrap();
        assert_eq!(prose, ["Payments team."]);
        assert_eq!(items, ["Cut p99 by 40% across 12 services", "Led 4"]);
        assert_eq!(markdown_list("Plain prose,\nwrapped by hand."), None);
    }

    #[test]
    fn sentences_skip_decimals_and_abbreviations() {
        assert_eq!(
            sentences("Cut p95 from 1.2 s to 180 ms. Uses Node.js, e.g. Express! Done"),
            ["Cut p95 from 1.2 s to 180 ms.", "Uses Node.js, e.g. Express!", "Done"]
        );
        assert_eq!(sentences("Go and Rust\nRuns 12 services."), ["Go and Rust", "Runs 12 services."]);
    }

    #[test]
    fn sentence_openers() {
        let text = "Skills: Go\n- Rust and - Swift, C-level";
        let at = |word: &str| text.find(word).unwrap();
        assert!(opens_sentence(text, 0) && opens_sentence(text, at("Go")) && opens_sentence(text, at("Rust")));
        assert!(opens_sentence(text, at("Swift")), "a spaced dash opens a list item");
        assert!(!opens_sentence(text, at("level")) && !opens_sentence(text, at("and")));
    }
}
