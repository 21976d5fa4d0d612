//! `rescc verify`: read a PDF or DOCX made anywhere as an ATS would, report what it reads, and
//! check it against a resume.

use std::path::PathBuf;
use std::process::ExitCode;

use super::fail;
use super::term::{error, out, outln};
use crate::diag::Diagnostic;
use crate::guidance::{MARGINS_IN, PT_PER_IN};
use crate::render::TextLayer;
use crate::verify::{self, Reading};
use crate::{ir, load};

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The PDF or DOCX to read.
    pub file: PathBuf,
    /// The resume (YAML) the file should carry, field by field.
    #[arg(long, value_name = "RESUME")]
    pub against: Option<PathBuf>,
}

/// A PDF or DOCX larger than this is not a resume (and may be a device that never ends).
const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Runs `rescc verify`: exit 0 when all is read in order, 1 when not, 2 when the file is unreadable.
pub fn run(args: &VerifyArgs) -> ExitCode {
    let name = args.file.display().to_string();
    let reading = load::read_at_most(&args.file, MAX_DOCUMENT_BYTES)
        .map_err(|err| match err.kind() {
            _ if args.file.is_dir() => "it is a directory".to_string(),
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            _ => err.to_string(),
        })
        .and_then(|bytes| {
            if bytes.len() > MAX_DOCUMENT_BYTES {
                return Err(format!("it is over {} MiB; a resume is far smaller", MAX_DOCUMENT_BYTES >> 20));
            }
            verify::read(&bytes)
        });
    let reading = match reading {
        Ok(reading) => reading,
        Err(reason) => {
            error!("cannot read `{name}`: {reason}");
            return ExitCode::from(2);
        }
    };
    let against = match &args.against {
        Some(path) => match load::load(path) {
            Ok(loaded) => {
                let document = ir::build(&loaded.resume, super::today());
                Some((loaded, document))
            }
            Err(failure) => return fail(&failure),
        },
        None => None,
    };
    // A file made elsewhere has unknown margins: text beyond the smallest allowed margin is
    // header or footer whatever the layout.
    let margins = against.as_ref().map(|_| MARGINS_IN.start() * PT_PER_IN);
    let findings = verify::check(&reading, against.as_ref().map(|(_, d)| d), margins);
    out!("{}", report(&name, &reading));
    let verdict = match (&against, findings.len()) {
        (Some((loaded, document)), 0) => {
            format!(
                "every field of {} read back in order ({} fields)",
                loaded.source.name,
                verify::field_count(document)
            )
        }
        (None, 0) => "nothing an ATS would stumble on (pass --against resume.yaml to check every field)".into(),
        (_, n) => format!("{n} problem{} (below)", if n == 1 { "" } else { "s" }),
    };
    outln!("Verdict: {verdict}");
    for finding in &findings {
        let mut d =
            Diagnostic::error(format!("{name}: {}", finding.message)).with_rule(verify::RULE).with_help(&finding.help);
        if let Some(span) = &finding.span {
            d = d.at(span.clone());
        }
        super::report(&crate::diag::Diagnostics::one(d));
    }
    ExitCode::from(if findings.is_empty() { 0 } else { 1 })
}

/// What an ATS reads: the text, the standard sections and the contact details it can find.
fn report(name: &str, reading: &Reading) -> String {
    let pages = if reading.kind == TextLayer::Pdf {
        format!(", {} page{}", reading.pages, if reading.pages == 1 { "" } else { "s" })
    } else {
        String::new()
    };
    let mut out = format!("{name}: {}{pages}, read as an ATS reads it\n\n", reading.kind.name());
    for line in reading.text().lines() {
        out.push_str(if line.is_empty() { "" } else { "    " });
        out.push_str(line);
        out.push('\n');
    }
    let list = |items: &[String]| if items.is_empty() { "none found".to_string() } else { items.join(", ") };
    let sections: Vec<String> = verify::sections(reading).into_iter().map(String::from).collect();
    let contact = verify::contact(reading);
    out.push_str(&format!("\nSections: {}\n", list(&sections)));
    out.push_str(&format!("Email: {}\n", list(&contact.emails)));
    out.push_str(&format!("Phone: {}\n", list(&contact.phones)));
    out.push_str(&format!("Links: {}\n", list(&contact.links)));
    out
}
