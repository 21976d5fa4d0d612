//! What `rescc verify` reports about any PDF or DOCX, made by rescc or not: the standard
//! sections an ATS finds, and the contact details it picks out by pattern.

use super::Reading;
use crate::rules::vocab::HEADINGS;
use crate::text::{is_email, is_url, url_host};

/// Standard section headings found on lines of their own, in order.
pub fn sections(reading: &Reading) -> Vec<&'static str> {
    let mut found = Vec::new();
    for line in &reading.lines {
        let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ").replace('&', "and");
        let text = text.trim_end_matches(':').to_lowercase();
        if let Some(heading) = HEADINGS.iter().find(|h| h.to_lowercase() == text)
            && !found.contains(heading)
        {
            found.push(*heading);
        }
    }
    found
}

/// Contact details an ATS finds by pattern.
#[derive(Debug, Default, PartialEq)]
pub struct Contact {
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
}

/// Emails, phone numbers and links found anywhere in the text.
pub fn contact(reading: &Reading) -> Contact {
    let mut contact = Contact::default();
    let push = |list: &mut Vec<String>, item: &str| {
        if !list.iter().any(|i| i == item) {
            list.push(item.to_string());
        }
    };
    for line in &reading.lines {
        for token in line.text.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | ';')) {
            let token =
                token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '"' | '\'' | '.' | ':'));
            if is_email(token) {
                push(&mut contact.emails, token);
            } else if is_link(token) {
                push(&mut contact.links, token);
            }
        }
        for phone in phones(&line.text) {
            push(&mut contact.phones, &phone);
        }
    }
    contact
}

/// A link in running text: an address with a scheme, `www.` or a path, on a host whose last
/// part is letters (so `3.7/4.0` and `Node.js` are not links).
fn is_link(token: &str) -> bool {
    let tld = url_host(token).rsplit('.').next().unwrap_or_default();
    let marked = token.contains("://") || token.starts_with("www.") || token.contains('/');
    is_url(token) && marked && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// Runs of digits and phone punctuation with 7 to 15 digits, not dates or year ranges.
fn phones(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once('\n')) {
        let phone_char = c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' ' | '\u{A0}');
        if phone_char && (!run.is_empty() || c.is_ascii_digit() || c == '+' || c == '(') {
            run.push(c);
            continue;
        }
        let candidate = run.trim().trim_end_matches(['-', '.', '(']).trim();
        let digits = candidate.chars().filter(char::is_ascii_digit).count();
        let separated = candidate.starts_with('+') || candidate.contains([' ', '-', '(', '.', '\u{A0}']);
        let year_range = digits == 8 && candidate.split(['-', ' ']).filter(|p| !p.is_empty()).all(|p| p.len() == 4);
        if (7..=15).contains(&digits) && separated && !year_range && !candidate.contains("..") {
            out.push(candidate.to_string());
        }
        run.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::tests::reading;

    #[test]
    fn contact_fields_by_pattern() {
        let r = reading(&[
            "priya.raman@example.com | +44 7700 900123 | Leeds, UK | github.com/priyaraman",
            "Mar 2022 – Present · 2014-2017 · 840,000 orders · 3.7/4.0 · https://example.org/x",
        ]);
        let c = contact(&r);
        assert_eq!(c.emails, ["priya.raman@example.com"]);
        assert_eq!(c.phones, ["+44 7700 900123"]);
        assert_eq!(c.links, ["github.com/priyaraman", "https://example.org/x"]);
    }

    #[test]
    fn standard_sections_are_detected_on_their_own_lines() {
        let r = reading(&["EXPERIENCE", "Built the Skills matrix", "Licenses & Certifications:", "SKILLS"]);
        assert_eq!(sections(&r), ["Experience", "Licenses and Certifications", "Skills"]);
    }
}
