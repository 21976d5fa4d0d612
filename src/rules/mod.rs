//! The hiring guidance as rules: one registry, one entry per rule.
//!
//! An entry holds the rule's stable id, its default severity, the stage that checks it (with the
//! check itself), a summary built from the same [`guidance`] numbers the check uses, and where
//! the guidance comes from. `checks:` in a resume, `--strict`, the JSON report, `rescc check
//! --list-rules`, the JSON Schema and the README's table all read this one list.

use crate::decode::{Decoder, did_you_mean};
use crate::diag::{Diagnostic, Severity};
use crate::guidance::{self, range};
use crate::ir::Document;
use crate::model::{Date, Level, Resume};
use crate::render::Metrics;
use crate::source::Span;

mod content;
pub mod letter;
mod pages;
pub mod vocab;

/// One guidance rule.
pub struct Rule {
    pub id: &'static str,
    pub default: Level,
    pub stage: Stage,
    /// What the rule asks, in one line.
    pub summary: fn() -> String,
    /// The guidance it enforces, as recruiters and ATS vendors word it.
    pub source: &'static str,
}

/// When a rule is checked, and by what.
pub enum Stage {
    /// When the file is loaded: a value outside the guidance is invalid input (see `validate`).
    Load,
    /// On what the resume says, by `rescc check` and every build.
    Content(fn(&mut content::Checker)),
    /// On the typeset pages, by every build.
    Pages(fn(&mut pages::Checker)),
    /// On the files a build is about to write, read back as an ATS reads them (see `verify`).
    ReadBack,
    /// On a job's cover letter, by `rescc check --job` and every batch.
    Letter(fn(&mut letter::Checker)),
    /// On a job's typeset cover letter, by every batch (see `build::render_letter`).
    LetterPages,
}

impl Stage {
    /// A short name for listings.
    pub fn name(&self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Content(_) => "content",
            Stage::Pages(_) => "pages",
            Stage::ReadBack => "read-back",
            Stage::Letter(_) => "letter",
            Stage::LetterPages => "letter pages",
        }
    }
}

impl Rule {
    /// Whether `checks:` may change the rule's severity. Only the content rules are advice; the
    /// page limit, the font size, the margins and the read-back are what rescc guarantees.
    pub fn adjustable(&self) -> bool {
        matches!(self.stage, Stage::Content(_) | Stage::Letter(_))
    }
}

/// Every rule, in the order the README's table lists them.
pub const RULES: &[Rule] = &[
    Rule {
        id: "page-limit",
        default: Level::Error,
        stage: Stage::Pages(pages::page_limit),
        summary: || {
            let years = guidance::SENIOR_YEARS;
            let most = guidance::PAGES.end();
            format!("pages ≤ `max_pages`: 1 below {years} years of experience, else 2, never above {most}")
        },
        source: "\"one page for junior/mid-level roles, two maximum for seniors\"",
    },
    Rule {
        id: "font-size",
        default: Level::Error,
        stage: Stage::Pages(pages::font_size),
        summary: || {
            let sizes = &guidance::FONT_SIZE_PT;
            format!("body text {} pt, nothing under {} pt, read off the typeset pages", range(sizes), sizes.start())
        },
        source: "\"10–11pt font\"",
    },
    Rule {
        id: "margins",
        default: Level::Error,
        stage: Stage::Load,
        summary: || {
            let margins = &guidance::MARGINS_IN;
            format!("{} in to {} in", margins.start(), margins.end())
        },
        source: "\"1-inch margins, plenty of whitespace\"",
    },
    Rule {
        id: "page-fill",
        default: Level::Warning,
        stage: Stage::Pages(pages::page_fill),
        summary: || "no last page under a third full; auto-fit first tries one page fewer".into(),
        source: "\"don't leave a nearly blank page\"",
    },
    Rule {
        id: "layout-integrity",
        default: Level::Error,
        stage: Stage::Pages(pages::layout_integrity),
        summary: || "the configured paper; no text in the page's colour, off the page or clipped away".into(),
        source: "ATS keyword-stuffing checks",
    },
    Rule {
        id: "past-margin",
        default: Level::Error,
        stage: Stage::Pages(pages::past_margin),
        summary: || "no text runs past the right margin (a long address or word)".into(),
        source: "\"nothing cut off when printed\"",
    },
    Rule {
        id: "chronology",
        default: Level::Warning,
        stage: Stage::Content(content::chronology),
        summary: || "experience and education newest first; no future start".into(),
        source: "\"reverse chronological order\"",
    },
    Rule {
        id: "bullet-length",
        default: Level::Warning,
        stage: Stage::Content(content::bullet_length),
        summary: || format!("{} words", range(&guidance::BULLET_WORDS)),
        source: "\"each bullet should be 12–20 words\"",
    },
    Rule {
        id: "weak-opening",
        default: Level::Warning,
        stage: Stage::Content(content::weak_opening),
        summary: || "not \"Responsible for\", \"Worked on\", \"Helped\"...".into(),
        source: "\"'Responsible for...' (passive)\"",
    },
    Rule {
        id: "action-verb",
        default: Level::Warning,
        stage: Stage::Content(content::action_verb),
        summary: || "a strong past-tense verb first (present tense in the current role)".into(),
        source: "\"start with strong action verbs\"",
    },
    Rule {
        id: "quantified",
        default: Level::Warning,
        stage: Stage::Content(content::quantified),
        summary: || "a number, percentage, latency, throughput or money".into(),
        source: "\"always include quantified results\"",
    },
    Rule {
        id: "bullets-per-role",
        default: Level::Warning,
        stage: Stage::Content(content::bullets_per_role),
        summary: || format!("{} bullets for recent roles", range(&guidance::BULLETS_PER_ROLE)),
        source: "\"use 3–5 bullet points per role\"",
    },
    Rule {
        id: "summary",
        default: Level::Warning,
        stage: Stage::Content(content::summary),
        summary: || {
            let sentences = range(&guidance::SUMMARY_SENTENCES);
            format!("{sentences} sentences, a technology and a scale figure, no filler")
        },
        source: "summary guidance",
    },
    Rule {
        id: "skills-focus",
        default: Level::Warning,
        stage: Stage::Content(content::skills_focus),
        summary: || format!("about {} grouped skills, each backed by a bullet", range(&guidance::SKILLS)),
        source: "\"a focused list of 10 says more than a wall of 30\"",
    },
    Rule {
        id: "gpa",
        default: Level::Warning,
        stage: Stage::Content(content::gpa),
        summary: || format!("shown only when {}/4.0 or above", guidance::GPA_MIN),
        source: "\"GPA if 3.5+\"",
    },
    Rule {
        id: "headings",
        default: Level::Warning,
        stage: Stage::Content(content::headings),
        summary: || "section titles ATS recognize".into(),
        source: "ATS section detection",
    },
    Rule {
        id: "contact",
        default: Level::Warning,
        stage: Stage::Content(content::contact),
        summary: || "email, phone, a GitHub or portfolio link".into(),
        source: "\"include GitHub profile\"",
    },
    Rule {
        id: "pronouns",
        default: Level::Warning,
        stage: Stage::Content(content::pronouns),
        summary: || "no \"I\", \"my\", \"we\" in bullets".into(),
        source: "resume convention",
    },
    Rule {
        id: "letter-page-limit",
        default: Level::Error,
        stage: Stage::LetterPages,
        summary: || "a cover letter fits on one page, with the resume's body text size".into(),
        source: "cover letter guidance: one page",
    },
    Rule {
        id: "letter-length",
        default: Level::Warning,
        stage: Stage::Letter(letter::length),
        summary: || {
            let (words, paragraphs) = (range(&guidance::LETTER_WORDS), range(&guidance::LETTER_PARAGRAPHS));
            format!("{words} words in {paragraphs} paragraphs")
        },
        source: "cover letter guidance: 250–400 words, 3–4 paragraphs",
    },
    Rule {
        id: "letter-greeting",
        default: Level::Warning,
        stage: Stage::Letter(letter::greeting),
        summary: || "a person or the team, not \"To whom it may concern\" or \"Dear Sir or Madam\"".into(),
        source: "cover letter guidance: address a person or the team",
    },
    Rule {
        id: "letter-opening",
        default: Level::Warning,
        stage: Stage::Letter(letter::opening),
        summary: || "not \"I am writing to apply\"".into(),
        source: "cover letter guidance: no stock opening",
    },
    Rule {
        id: "letter-company",
        default: Level::Warning,
        stage: Stage::Letter(letter::company),
        summary: || "names the company".into(),
        source: "cover letter guidance: written for this company",
    },
    Rule {
        id: "letter-role",
        default: Level::Warning,
        stage: Stage::Letter(letter::role),
        summary: || "names the role as the posting titles it".into(),
        source: "cover letter guidance: name the role",
    },
    Rule {
        id: "letter-figure",
        default: Level::Warning,
        stage: Stage::Letter(letter::figure),
        summary: || "at least one concrete, quantified result".into(),
        source: "cover letter guidance: a concrete, quantified result",
    },
    Rule {
        id: "letter-consistent",
        default: Level::Warning,
        stage: Stage::Letter(letter::consistent),
        summary: || "every figure it cites is in the resume".into(),
        source: "recruiters compare the letter with the resume",
    },
    Rule {
        id: "letter-terms",
        default: Level::Warning,
        stage: Stage::Letter(letter::terms),
        summary: || {
            format!("names some of the posting's {} most prominent terms the resume covers", guidance::LETTER_TERMS)
        },
        source: "cover letter guidance: the posting's own terms",
    },
    Rule {
        id: "letter-filler",
        default: Level::Warning,
        stage: Stage::Letter(letter::filler),
        summary: || "none of the summary rule's filler".into(),
        source: "summary guidance, applied to the letter",
    },
    Rule {
        id: "verify",
        default: Level::Error,
        stage: Stage::ReadBack,
        summary: || "every field read back from the PDF and DOCX, in order, as plain text".into(),
        source: "ATS text extraction",
    },
];

/// The rule called `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The severity a rule has for this resume (its `checks:` entry, else the default).
pub fn level(resume: &Resume, id: &str) -> Level {
    let configured = resume.checks.iter().find(|(rule, _)| rule.value == id).map(|(_, level)| level.value);
    configured.or_else(|| rule(id).map(|r| r.default)).unwrap_or(Level::Warning)
}

/// A diagnostic for rule `id` at its configured severity, or `None` when the rule is off.
pub fn finding(resume: &Resume, id: &'static str, message: String) -> Option<Diagnostic> {
    let d = match level(resume, id) {
        Level::Off => return None,
        Level::Error => Diagnostic::error(message),
        Level::Warning => Diagnostic::warning(message),
    };
    Some(d.with_rule(id))
}

/// Reports `checks:` entries that name no rule, or ask a guaranteed rule for less than an error.
pub fn check_settings(resume: &Resume, d: &mut Decoder) {
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    for (id, _) in &resume.checks {
        let Some(rule) = rule(id) else {
            let help = match did_you_mean(id, &ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("expected one of: {}", ids.join(", ")),
            };
            d.error(id.span.clone(), format!("unknown key `{}` in checks", id.value), help);
            continue;
        };
        if !rule.adjustable() {
            d.error(
                id.span.clone(),
                format!("`{}` cannot be set in checks: rescc guarantees it ({})", rule.id, (rule.summary)()),
                "remove this line; the limit holds in every build, and `--force` writes a failing build anyway (exit code 1)",
            );
        }
    }
}

/// Runs every content rule, with `today` deciding what is recent or in the future. Findings are
/// in reading order: file by file, top to bottom, and for one place in the order of [`RULES`].
pub fn content_checks(resume: &Resume, today: Date) -> Vec<Diagnostic> {
    let mut checker = content::Checker::new(resume, today);
    for rule in RULES {
        if let Stage::Content(check) = rule.stage {
            check(&mut checker);
        }
    }
    let mut out = checker.finish();
    out.sort_by_key(Diagnostic::sort_key);
    out
}

/// Runs the rules read off the typeset pages: page count and text sizes.
pub fn typeset_checks(resume: &Resume, document: &Document, metrics: &Metrics) -> Vec<Diagnostic> {
    let mut checker = pages::Checker { resume, document, metrics, out: Vec::new() };
    for rule in RULES {
        if let Stage::Pages(check) = rule.stage {
            check(&mut checker);
        }
    }
    checker.out
}

/// Runs the cover-letter rules on a job's letter, at the severities the resume's `checks:` sets.
pub fn letter_checks(resume: &Resume, text: &letter::LetterText) -> Vec<Diagnostic> {
    let mut checker = letter::Checker::new(resume, text);
    for rule in RULES {
        if let Stage::Letter(check) = rule.stage {
            check(&mut checker);
        }
    }
    let mut out = checker.finish();
    out.sort_by_key(Diagnostic::sort_key);
    out
}

/// Turns warnings into errors (`--strict`).
pub fn escalate(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = Severity::Error;
    }
}

/// Locates a finding at `span`, or in the resume's file when it has no place of its own.
fn locate(d: Diagnostic, resume: &Resume, span: Option<Span>) -> Diagnostic {
    match span {
        Some(span) => d.at(span),
        None => d.in_file(resume.file()),
    }
}

/// The rules as a table: `id  default  stage  summary`, one line each.
pub fn listing() -> String {
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let stages = RULES.iter().map(|r| r.stage.name().len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        let default = rule.default.name();
        out += &format!("{:width$}  {default:7}  {:stages$}  {}\n", rule.id, rule.stage.name(), (rule.summary)());
    }
    out
}

/// The README's table of rules: `| id | default | what it asks | source of the guidance |`.
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | default | what it asks | source of the guidance |\n|---|---|---|---|\n");
    for rule in RULES {
        let default = rule.default.name();
        out += &format!("| `{}` | {default} | {} | {} |\n", rule.id, (rule.summary)(), rule.source);
    }
    out
}
