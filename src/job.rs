//! Job files: one posting to tailor the resume for, decoded like a resume.
//!
//! A job file goes through the same source -> decode -> validate path as a resume, so a typo in
//! `jobs/acme.yaml` gets the same located, did-you-mean diagnostic, all problems at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use schemars::Schema;
use serde_json::json;

use crate::decode::{Decode, Decoder};
use crate::diag::Diagnostics;
use crate::guidance::PAGES;
use crate::load::{self, Failure};
use crate::source::{Source, Span, Spanned, Text};
use crate::yaml::{self, Node, NodeKind};
use crate::{model, validate};

/// One path component for an output folder, as [`check_id`] accepts (for the JSON Schema).
const JOB_ID_PATTERN: &str = r"^(?!\.)([A-Za-z0-9._-]|[^\x00-\x7F])+$";

/// A job posting and how to tailor the resume for it.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = one_posting)]
pub struct Job {
    /// Output folder name; the file stem when not given (then its span is empty).
    #[schemars(regex(pattern = JOB_ID_PATTERN))]
    pub id: Text,
    /// The employer.
    pub company: Text,
    /// The job title as the posting words it.
    pub title: Text,
    /// The posting's full text, pasted as is (`posting: |`).
    pub posting: Option<Text>,
    /// A text file holding the posting, relative to the job file.
    pub posting_file: Option<Text>,
    /// Bullets with any of these tags are kept (untagged bullets always are).
    #[schemars(default)]
    pub tags: Vec<Text>,
    /// A headline for this posting instead of the resume's.
    pub headline: Option<Text>,
    /// A summary for this posting instead of the resume's.
    pub summary: Option<Text>,
    /// Skills to move to the front of their groups.
    #[schemars(default)]
    pub skills_first: Vec<Text>,
    /// The page limit for this posting.
    pub max_pages: Option<Spanned<i64>>,
    /// The order of the sections for this posting.
    #[schemars(default, schema_with = "model::schema::order")]
    pub order: Option<Spanned<Vec<Text>>>,
    /// A cover letter for this posting, built beside the tailored resume.
    pub letter: Option<Spanned<Letter>>,
}

/// A cover letter: the body is the person's; the header, date, recipient and subject come from
/// the resume and the job.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Letter {
    /// Who the letter is for: the greeting becomes "Dear <to>,".
    pub to: Option<Text>,
    /// The team, shown in the recipient block under `to`.
    pub team: Option<Text>,
    /// The whole greeting line, instead of "Dear <to>," or "Dear Hiring Team,".
    pub greeting: Option<Text>,
    /// Paragraphs separated by blank lines; inline **bold**, *italic* and [label](url).
    #[schemars(with = "String")]
    pub body: Spanned<LetterBody>,
    /// The line before the name, "Kind regards," unless given.
    pub closing: Option<Text>,
}

/// A letter's body as written: its blank lines separate paragraphs.
#[derive(Debug, Clone)]
pub struct LetterBody(pub String);

impl Letter {
    pub const DEFAULT_GREETING: &'static str = "Dear Hiring Team,";
    pub const DEFAULT_CLOSING: &'static str = "Kind regards,";

    /// The greeting line as printed.
    pub fn greeting(&self) -> String {
        match (&self.greeting, &self.to) {
            (Some(greeting), _) => greeting.value.clone(),
            (None, Some(to)) => format!("Dear {},", to.value),
            (None, None) => Letter::DEFAULT_GREETING.to_string(),
        }
    }

    /// The closing line as printed.
    pub fn closing(&self) -> &str {
        self.closing.as_ref().map_or(Letter::DEFAULT_CLOSING, |c| c.value.as_str())
    }

    /// The body's paragraphs (runs of lines between blank ones), each with its whitespace
    /// collapsed, and the span of its first word in the job file.
    pub fn paragraphs(&self) -> Vec<(String, Span)> {
        let span = &self.body.span;
        let file = span.source.text.as_str();
        let mut blocks: Vec<String> = vec![String::new()];
        for line in self.body.value.0.lines() {
            match (line.trim().is_empty(), blocks.last_mut()) {
                (true, Some(last)) if !last.is_empty() => blocks.push(String::new()),
                (false, Some(last)) => {
                    last.push(' ');
                    last.push_str(line);
                }
                _ => {}
            }
        }
        let mut from = span.start();
        blocks
            .iter()
            .map(|block| crate::decode::normalize_text(block))
            .filter(|paragraph| !paragraph.is_empty())
            .map(|paragraph| {
                let first = paragraph.split(' ').next().unwrap_or_default();
                let at = file.get(from..).and_then(|rest| rest.find(first)).map_or(from, |i| from + i);
                from = at + first.len();
                let located = span.with_range(at..at + first.len());
                (paragraph, located)
            })
            .collect()
    }
}

const LETTER_KEYS: &[&str] = &["to", "team", "greeting", "body", "closing"];

impl Decode for Letter {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(node, "the letter", LETTER_KEYS)?;
        let body = d.req::<Spanned<LetterBody>>(&f, "body");
        // An empty `to:` is no recipient, not "Dear ,".
        let to = d.opt::<Text>(&f, "to").filter(|to| !to.trim().is_empty());
        if let Some(to) = &to
            && to.to_lowercase().starts_with("dear ")
        {
            let help = format!("write the name alone, `to: {}`, or the whole line as `greeting:`", to[5..].trim());
            d.error(to.span.clone(), "`to:` is who the letter is for; the greeting is made from it", help);
        }
        let letter = Letter {
            to,
            team: d.opt(&f, "team"),
            greeting: d.opt(&f, "greeting"),
            body: body?,
            closing: d.opt(&f, "closing"),
        };
        check_body(&letter.body.span, d);
        Some(letter)
    }
}

/// Lines people paste into a letter's body that rescc prints itself or cannot print as written:
/// a greeting, a sign-off with the name, list items.
fn check_body(span: &Span, d: &mut Decoder) {
    let lines = source_lines(span);
    let greeting = ["dear ", "hi ", "hello ", "to whom"];
    if let Some((at, first)) = lines.first()
        && greeting.iter().any(|g| first.to_lowercase().starts_with(g))
        && first.ends_with([',', ':', '!'])
    {
        let help = "remove it from `body:`; rescc writes the greeting from `to:` (or `greeting:` as written)";
        d.error(at.clone(), format!("the body starts with a greeting, \"{first}\""), help);
    }
    let closings = [
        "sincerely",
        "best regards",
        "kind regards",
        "regards",
        "best",
        "thanks",
        "thank you",
        "yours",
        "warm regards",
        "cheers",
    ];
    let closing = lines.iter().rev().take(3).find(|(_, line)| {
        let lower = line.to_lowercase();
        let bare = lower.trim_end_matches([',', '.', '!']);
        line.ends_with(',') && (closings.contains(&bare) || bare.starts_with("yours "))
    });
    if let Some((at, line)) = closing {
        let help = "remove it and the name under it from `body:`; rescc writes `closing:` (\"Kind regards,\" unless set) and your name";
        d.error(at.clone(), format!("the body ends with a sign-off, \"{line}\""), help);
    }
    for (at, line) in &lines {
        let numbered = line.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
        });
        if ["- ", "* ", "• ", "· "].iter().any(|marker| line.starts_with(marker)) || numbered {
            let help =
                "a cover letter is paragraphs: write the items as sentences, or as one line each ending in a full stop";
            d.error(at.clone(), "the letter's body has a list item; lists are not printed as lists in a letter", help);
            break;
        }
    }
}

/// The non-blank lines of the text `span` covers in its file, each with the span of its text.
fn source_lines(span: &Span) -> Vec<(Span, String)> {
    let text = span.text().unwrap_or_default();
    let mut out = Vec::new();
    let mut offset = span.start();
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        // The block scalar's indicator line (`|`, `>-`) is not text.
        let indicator = offset == span.start() && matches!(trimmed, "|" | "|-" | ">" | ">-" | "|+" | ">+");
        if !trimmed.is_empty() && !indicator {
            let start = offset + (content.len() - trimmed.len());
            out.push((span.with_range(start..start + trimmed.trim_end().len()), trimmed.trim_end().to_string()));
        }
        offset += line.len();
    }
    out
}

impl Decode for LetterBody {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar { value, .. } if !value.trim().is_empty() => Some(LetterBody(value.trim().to_string())),
            NodeKind::Scalar { .. } => {
                let help = "write the letter's paragraphs under `body: |`, indented, with a blank line between them";
                d.error(node.span.clone(), "the letter's body is empty", help);
                None
            }
            _ => {
                let help = "write the letter's paragraphs under `body: |`, indented, with a blank line between them";
                d.expected(node, "the letter's text", help);
                None
            }
        }
    }
}

/// The batch's report, in the output folder beside the jobs' folders (so no job may take its name).
pub const REPORT: &str = "report.json";

/// A job file read and validated, with its posting's text resolved.
#[derive(Debug, Clone)]
pub struct LoadedJob {
    pub source: Arc<Source>,
    pub job: Job,
    /// The posting's text, from `posting` or read from `posting_file`.
    pub posting: String,
    /// The file the posting was read from, when it came from `posting_file`.
    pub posting_path: Option<PathBuf>,
}

const KEYS: &[&str] = &[
    "id",
    "company",
    "title",
    "posting",
    "posting_file",
    "tags",
    "headline",
    "summary",
    "skills_first",
    "max_pages",
    "order",
    "letter",
];

impl Decode for Job {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let f = d.fields(node, "the job", KEYS)?;
        let stem = d.source.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        // Missing fields become empty text, already reported, so validation still runs and
        // every problem shows at once.
        let at = || Spanned::new(String::new(), node.span.at_start());
        let id = d.opt(&f, "id").unwrap_or_else(|| Spanned::new(stem, node.span.at_start()));
        Some(Job {
            id,
            company: d.req(&f, "company").unwrap_or_else(at),
            title: d.req(&f, "title").unwrap_or_else(at),
            posting: d.opt::<Spanned<Posting>>(&f, "posting").map(|p| Spanned::new(p.value.0, p.span)),
            posting_file: d.opt(&f, "posting_file"),
            tags: d.list(&f, "tags"),
            headline: d.opt(&f, "headline"),
            summary: d.opt(&f, "summary"),
            skills_first: d.list(&f, "skills_first"),
            max_pages: d.opt(&f, "max_pages"),
            order: d.opt(&f, "order"),
            letter: d.opt(&f, "letter"),
        })
    }
}

/// A posting's text as written: unlike other text its line breaks stay (they mark its headings
/// and lists), and it may run far longer than any resume field.
struct Posting(String);

impl Decode for Posting {
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar { value, .. } => Some(Posting(value.trim().to_string())),
            _ => {
                d.expected(node, "text", "paste the posting's text under `posting: |`, indented by two spaces");
                None
            }
        }
    }
}

/// Reads, decodes and validates a job file, reporting every problem at once. `posting_file` may
/// name a file in the job file's folder tree or in `resume_dir`'s.
pub fn load(path: &Path, resume_dir: &Path) -> Result<LoadedJob, Failure> {
    load_source(Arc::new(load::read(path)?), resume_dir)
}

/// Like [`load`], for text already in memory; `posting_file` is resolved beside `source.path`.
pub fn load_source(source: Arc<Source>, resume_dir: &Path) -> Result<LoadedJob, Failure> {
    let node = yaml::parse(&source).map_err(Failure::Input)?;
    let mut d = Decoder::new(Arc::clone(&source));
    let job = Job::decode(&node, &mut d);
    let posting = job.as_ref().and_then(|job| validate_job(job, &node, resume_dir, &mut d));
    let mut diagnostics = Diagnostics(d.diagnostics);
    match (job, posting) {
        (Some(job), Some((posting, posting_path))) if !diagnostics.has_errors() => {
            Ok(LoadedJob { source, job, posting, posting_path })
        }
        _ => {
            diagnostics.sort();
            Err(Failure::Input(diagnostics))
        }
    }
}

/// Checks what the types cannot say and returns the posting's text, with its file if it has one.
fn validate_job(job: &Job, node: &Node, resume_dir: &Path, d: &mut Decoder) -> Option<(String, Option<PathBuf>)> {
    check_id(&job.id, d);
    if let Some(pages) = &job.max_pages {
        validate::check_max_pages(pages, d);
    }
    if let Some(order) = &job.order {
        validate::check_order(order, "the job's order", d);
    }
    let posting = match (&job.posting, &job.posting_file) {
        (Some(_), Some(file)) => {
            d.error(
                file.span.clone(),
                "the job has both `posting` and `posting_file`",
                "keep one: the posting's text, or the file that holds it",
            );
            return None;
        }
        (None, None) => {
            d.error(
                node.span.at_start(),
                "missing `posting` in the job",
                "paste the posting's text under `posting: |`, or name a text file with `posting_file:`",
            );
            return None;
        }
        (Some(text), None) => (text.clone(), None),
        (None, Some(file)) => {
            let (text, path) = read_posting(file, resume_dir, d)?;
            (text, Some(path))
        }
    };
    let (posting, path) = posting;
    if posting.split_whitespace().next().is_none() {
        d.error(
            posting.span.clone(),
            "the posting is empty",
            "paste the posting's full text: it is what `match` reads",
        );
        return None;
    }
    Some((posting.value, path))
}

/// An id names an output folder, so it must be one plain path component.
fn check_id(id: &Text, d: &mut Decoder) {
    let ok = !id.is_empty()
        && !id.starts_with('.')
        && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok && id.eq_ignore_ascii_case(REPORT) {
        let message = format!("the id `{}` is the name of the batch's report", id.value);
        let help = "give the job another `id:`, e.g. the company and the role: `acme-payments`";
        d.error(id.span.clone(), message, help);
        return;
    }
    if !ok {
        let message = if id.span.is_empty() {
            format!("the file name makes the id `{}`, which is not a usable folder name", id.value)
        } else {
            format!("the id `{}` is not a usable folder name", id.value)
        };
        d.error(id.span.clone(), message, "use letters, digits, `-`, `_` and `.`, e.g. `id: acme-payments`");
    }
}

/// Reads `posting_file`, relative to the job file. Only a file inside the job file's folder tree
/// or the resume's is read: a job file from elsewhere must not pull any file it names into a
/// report.
fn read_posting(file: &Text, resume_dir: &Path, d: &mut Decoder) -> Option<(Text, PathBuf)> {
    let base = d.source.path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let path = base.join(&file.value);
    let folder = |dir: &Path| if dir.as_os_str().is_empty() { Path::new(".") } else { dir }.canonicalize().ok();
    let allowed = [folder(&base), folder(resume_dir)];
    // What is not a regular file gets the loader's error, which says what it is.
    if load::regular_file(&path).is_ok()
        && let Ok(real) = path.canonicalize()
        && !allowed.iter().flatten().any(|dir| real.starts_with(dir))
    {
        let message = format!("`{}` is outside the job file's folder and the resume's", file.value);
        let help =
            "put the posting's text file beside the job file (a path relative to it), or paste it under `posting: |`";
        d.error(file.span.clone(), message, help);
        return None;
    }
    match load::read(&path) {
        Ok(posting) => Some((Spanned::new(posting.text, file.span.clone()), path)),
        Err(err) => {
            let help = "check the path; it is relative to the job file";
            d.diagnostics.push(err.with_help(help).at(file.span.clone()));
            None
        }
    }
}

/// A job file gives its posting one way: `posting` or `posting_file`, not both; `id` may be left
/// out (the file stem is the id).
fn one_posting(schema: &mut Schema) {
    schema.insert("oneOf".into(), json!([{ "required": ["posting"] }, { "required": ["posting_file"] }]));
    if let Some(pages) = schema.get_mut("properties").and_then(|p| p.get_mut("max_pages")) {
        (pages["minimum"], pages["maximum"]) = (json!(*PAGES.start()), json!(*PAGES.end()));
    }
    if let Some(serde_json::Value::Array(required)) = schema.get_mut("required") {
        required.retain(|key| key != "id");
    }
}
