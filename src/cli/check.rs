//! `rescc check`: validation plus the content rules, without typesetting, for every save.
//!
//! Text goes to standard error like a compiler's; `--format json` prints one report to standard
//! output, also for invalid input, so editors and CI parse a single shape.

use std::process::ExitCode;

use serde::Serialize;

use super::{CheckArgs, ReportFormat, fail, report};
use crate::diag::{Diagnostic, Diagnostics, JsonDiagnostic, Severity};
use crate::{load, rules};

/// The `--format json` report.
#[derive(Serialize)]
struct Report<'a> {
    file: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: usize,
    warnings: usize,
}

/// Runs `rescc check`.
pub fn run(args: &CheckArgs) -> ExitCode {
    let Some(resume) = args.resume.as_ref().filter(|_| !args.list_rules) else {
        print!("{}", rules::listing());
        return ExitCode::SUCCESS;
    };
    let (file, result) = match load::load(resume) {
        Ok(loaded) => {
            let mut found = rules::content_checks(&loaded.resume, super::today());
            found.extend(loaded.warnings.iter().cloned());
            if args.strict {
                rules::escalate(&mut found);
            }
            let mut found = Diagnostics(found);
            found.sort();
            (loaded.source.name.clone(), Ok(found))
        }
        Err(failure) => (resume.display().to_string(), Err(failure)),
    };
    let diagnostics = match &result {
        Ok(found) => found,
        Err(failure) => failure.diagnostics(),
    };
    let count = |severity| diagnostics.0.iter().filter(|d: &&Diagnostic| d.severity == severity).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let code = match &result {
        Ok(_) => u8::from(errors > 0),
        Err(failure) => failure.exit_code(),
    };
    match args.format {
        ReportFormat::Json => {
            let diagnostics = diagnostics.0.iter().map(JsonDiagnostic::from).collect();
            let json = serde_json::to_string_pretty(&Report { file, diagnostics, errors, warnings });
            println!("{}", json.expect("the report serializes"));
        }
        ReportFormat::Text => match &result {
            Err(failure) => return fail(failure),
            Ok(found) => {
                report(found);
                eprintln!("{}", summary(errors, warnings));
            }
        },
    }
    ExitCode::from(code)
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
