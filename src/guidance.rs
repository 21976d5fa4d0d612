//! The hiring guidance as numbers, each defined once.
//!
//! Validation, auto-fit, the rules, their summaries (and so the README's table) and the JSON
//! Schema all read these, so a bound can change in one place and nowhere disagrees.

use std::ops::RangeInclusive;

/// Body text size in points: "10–11pt font".
pub const FONT_SIZE_PT: RangeInclusive<f64> = 10.0..=11.0;
/// Page margins in inches: "1-inch margins"; half an inch is the least that still reads as whitespace.
pub const MARGINS_IN: RangeInclusive<f64> = 0.5..=1.0;
/// Pages: "one page for junior/mid-level roles, two maximum for seniors".
pub const PAGES: RangeInclusive<u8> = 1..=2;
/// Years of experience from which a resume may take the second page.
pub const SENIOR_YEARS: i32 = 8;
/// Words per bullet: "each bullet should be 12–20 words".
pub const BULLET_WORDS: RangeInclusive<usize> = 12..=20;
/// Bullets per recent role: "use 3–5 bullet points per role".
pub const BULLETS_PER_ROLE: RangeInclusive<usize> = 3..=5;
/// A role that ended within this many years is recent.
pub const RECENT_YEARS: i32 = 5;
/// Sentences in a summary.
pub const SUMMARY_SENTENCES: RangeInclusive<usize> = 2..=3;
/// Skills: "a focused list of about 10–15".
pub const SKILLS: RangeInclusive<usize> = 10..=15;
/// How far below [`SKILLS`] a list may fall before it reads as thin ("about").
pub const SKILLS_SLACK: usize = 2;
/// The lowest GPA worth showing, on a 4-point scale: "GPA if 3.5+".
pub const GPA_MIN: f64 = 3.5;

/// `12–20`, as the guidance writes a range.
pub fn range<T: std::fmt::Display>(range: &RangeInclusive<T>) -> String {
    format!("{}–{}", range.start(), range.end())
}

/// Points per inch.
pub const PT_PER_IN: f64 = 72.0;
/// Words in a cover letter's body: "a cover letter should be 250–400 words".
pub const LETTER_WORDS: RangeInclusive<usize> = 250..=400;
/// Paragraphs in a cover letter's body.
pub const LETTER_PARAGRAPHS: RangeInclusive<usize> = 3..=4;
/// The posting's most prominent terms the resume covers that a letter should name some of.
pub const LETTER_TERMS: usize = 5;
