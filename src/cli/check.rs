//! `rescc check`: validation plus the content rules, without typesetting, for every save.
//!
//! Text goes to standard error like a compiler's. The machine formats go to standard output and
//! cover invalid input too, so editors and CI parse a single shape: `json` (one report per
//! file), `sarif` (SARIF 2.1.0, for code-scanning uploads) and `github` (workflow commands, so
//! findings show as annotations on a pull request's diff).

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use serde_json::json;

use super::term::{out, outln};
use super::{CheckArgs, fail, report};
use crate::diag::{Diagnostic, Diagnostics, JsonDiagnostic, Severity};
use crate::fonts::{FontOptions, Fonts};
use crate::load::Failure;
use crate::render::Format;
use crate::{build, ir, load, rules};

/// How `rescc check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics with source snippets, then a summary line (standard error).
    Text,
    /// One JSON report per file on standard output (an array when several files are checked).
    Json,
    /// One SARIF 2.1.0 log on standard output, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=...,line=...::...`) on standard output.
    Github,
}

/// The `--format json` report of one file.
#[derive(Serialize)]
struct Report<'a> {
    file: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: usize,
    warnings: usize,
}

/// What checking one file found.
struct Checked {
    file: String,
    result: Result<Diagnostics, Failure>,
}

impl Checked {
    fn diagnostics(&self) -> &Diagnostics {
        match &self.result {
            Ok(found) => found,
            Err(failure) => failure.diagnostics(),
        }
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics().0.iter().filter(|d| d.severity == severity).count()
    }

    fn exit_code(&self) -> u8 {
        match &self.result {
            Ok(_) => u8::from(self.count(Severity::Error) > 0),
            Err(failure) => failure.exit_code(),
        }
    }
}

/// Runs `rescc check`.
pub fn run(args: &CheckArgs) -> ExitCode {
    if args.list_rules || args.resume.is_empty() {
        out!("{}", rules::listing());
        return ExitCode::SUCCESS;
    }
    let fonts = Fonts::with(&FontOptions { paths: args.font_path.clone(), system: args.system_fonts });
    let jobs = match crate::batch::expand(&args.job) {
        Ok(jobs) => jobs,
        Err(d) => return fail(&Failure::from(d)),
    };
    let checked: Vec<Checked> = args.resume.iter().map(|path| check(path, args.strict, &fonts, &jobs)).collect();
    match args.format {
        CheckFormat::Text => {
            for one in &checked {
                if let Err(failure) = &one.result {
                    let usage = "see what a resume covers of it: `rescc match resume.yaml {}`";
                    if super::misplaced(Path::new(&one.file), super::Kind::Resume, usage).is_none() {
                        fail(failure);
                    }
                    continue;
                }
                report(one.diagnostics());
                if !super::term::quiet() || one.exit_code() != 0 {
                    let name = if checked.len() > 1 { format!("{}: ", one.file) } else { String::new() };
                    eprintln!("{name}{}", summary(one.count(Severity::Error), one.count(Severity::Warning)));
                }
            }
        }
        CheckFormat::Json => {
            let reports: Vec<Report> = checked.iter().map(json_report).collect();
            let json = match reports.as_slice() {
                [one] => serde_json::to_string_pretty(one),
                all => serde_json::to_string_pretty(all),
            };
            outln!("{}", json.expect("the report serializes"));
        }
        CheckFormat::Sarif => {
            outln!("{}", serde_json::to_string_pretty(&sarif(&checked)).expect("the log serializes"))
        }
        CheckFormat::Github => out!("{}", github(&checked)),
    }
    ExitCode::from(checked.iter().map(Checked::exit_code).max().unwrap_or(0))
}

/// Loads and checks one resume, refusing what `build` would refuse before typesetting; with job
/// files, also each job's cover letter, against the resume as tailored for it.
fn check(path: &Path, strict: bool, fonts: &Fonts, jobs: &[std::path::PathBuf]) -> Checked {
    let loaded = load::load(path).and_then(|loaded| {
        let document = ir::build(&loaded.resume, super::today());
        let out_dir = loaded.source.path.parent().unwrap_or(Path::new("")).join("out");
        build::preflight(&loaded, &document, fonts, &out_dir, &Format::ALL)?;
        Ok(loaded)
    });
    match loaded {
        Ok(loaded) => {
            let mut found = rules::content_checks(&loaded.resume, super::today());
            found.extend(loaded.warnings.iter().cloned());
            let resume_dir = loaded.source.path.parent().unwrap_or(Path::new(""));
            for file in jobs {
                let job = match crate::job::load(file, resume_dir) {
                    Ok(job) => job,
                    Err(failure) => return Checked { file: loaded.source.name.clone(), result: Err(failure) },
                };
                let Some(letter) = &job.job.letter else { continue };
                let tailored = crate::tailor::apply(&loaded.resume, &job.job);
                let coverage = crate::keywords::report(&tailored, &job);
                found.extend(crate::letter::checks(&tailored, &job, letter, &coverage));
            }
            if strict {
                rules::escalate(&mut found);
            }
            let mut found = Diagnostics(found);
            found.sort();
            Checked { file: loaded.source.name.clone(), result: Ok(found) }
        }
        Err(failure) => Checked { file: path.display().to_string(), result: Err(failure) },
    }
}

fn json_report(one: &Checked) -> Report<'_> {
    Report {
        file: one.file.clone(),
        diagnostics: one.diagnostics().0.iter().map(JsonDiagnostic::from).collect(),
        errors: one.count(Severity::Error),
        warnings: one.count(Severity::Warning),
    }
}

/// A SARIF 2.1.0 log: one run of rescc, its rules, and one result per diagnostic.
fn sarif(checked: &[Checked]) -> serde_json::Value {
    let rules: Vec<_> = rules::RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": { "text": (rule.summary)() },
                "fullDescription": { "text": rule.source },
            })
        })
        .collect();
    let results: Vec<_> = checked
        .iter()
        .flat_map(|one| one.diagnostics().0.iter().map(move |d| (one, d)))
        .map(|(one, d)| {
            let (file, line, column) = place(one, d);
            let mut region = serde_json::Map::new();
            if let Some(line) = line {
                region.insert("startLine".into(), line.into());
                region.insert("startColumn".into(), column.unwrap_or(1).into());
            }
            let message = match &d.help {
                Some(help) => format!("{} (help: {help})", d.message),
                None => d.message.clone(),
            };
            let mut location = json!({ "artifactLocation": { "uri": file } });
            if !region.is_empty() {
                location["region"] = region.into();
            }
            json!({
                "ruleId": d.rule.unwrap_or("input"),
                "level": if d.severity == Severity::Error { "error" } else { "warning" },
                "message": { "text": message },
                "locations": [{ "physicalLocation": location }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "rescc",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

/// GitHub Actions workflow commands, one line per diagnostic.
fn github(checked: &[Checked]) -> String {
    let mut out = String::new();
    for one in checked {
        for d in &one.diagnostics().0 {
            let (file, line, column) = place(one, d);
            let mut properties = vec![format!("file={}", property(&file))];
            if let (Some(line), Some(column)) = (line, column) {
                properties.push(format!("line={line},col={column}"));
            }
            let title = d.rule.map_or("rescc".to_string(), |rule| format!("rescc {rule}"));
            properties.push(format!("title={}", property(&title)));
            let level = if d.severity == Severity::Error { "error" } else { "warning" };
            let message = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            out += &format!("::{level} {}::{}\n", properties.join(","), data(&message));
        }
    }
    out
}

/// The file, line and column a diagnostic points at (the checked file when it points nowhere).
fn place(one: &Checked, d: &Diagnostic) -> (String, Option<usize>, Option<usize>) {
    match d.location() {
        Some((file, line, column)) if d.range.is_some() => (file, Some(line), Some(column)),
        Some((file, _, _)) => (file, None, None),
        None => (one.file.clone(), None, None),
    }
}

/// A workflow command's message, escaped as the runner expects.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value, escaped as the runner expects.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `ok: no problems`, `2 warnings`, `1 error, 3 warnings`.
fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "ok: no problems".into(),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}
