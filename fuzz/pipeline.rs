//! One fuzz input through load -> validate -> IR -> content rules -> text and DOCX renderers, then,
//! for a posting, job load -> tailor -> keyword report; every failure must be a located
//! diagnostic. Shared by the cargo-fuzz target and the corpus replay test. (Typst is left out: at
//! over 10 ms a compile it would slow the fuzzer, under 1 ms an input, more than tenfold;
//! `tests/props.rs` builds end to end.)

use std::sync::Arc;

use rescc::diag::Diagnostics;
use rescc::load::{self, Failure};
use rescc::model::Date;
use rescc::render::Renderer;
use rescc::render::docx::Docx;
use rescc::render::text::{Markdown, Plain};
use rescc::source::Source;
use rescc::{ir, job, keywords, rules, tailor};

/// Separates the resume from the job posting in one input.
pub const JOB_SEPARATOR: &[u8] = b"\n%%job%%\n";

pub fn run(data: &[u8]) {
    let (resume, posting) = match data.windows(JOB_SEPARATOR.len()).position(|w| w == JOB_SEPARATOR) {
        Some(at) => (&data[..at], Some(&data[at + JOB_SEPARATOR.len()..])),
        None => (data, None),
    };
    // Non-UTF-8 input is refused before parsing (tests/limits.rs); fuzz what gets past that.
    let Ok(resume) = std::str::from_utf8(resume) else { return };
    // JSON Resume documents take the converter's path, as `rescc build resume.json` would.
    let name = if resume.trim_start().starts_with('{') { "fuzz.json" } else { "fuzz.yaml" };
    // A fixed day, so an input behaves the same whenever it is replayed.
    let today = Date { year: 2026, month: Some(11), day: Some(23) };

    let loaded = match load::load_source(Arc::new(Source::new(name, resume))) {
        Ok(loaded) => loaded,
        Err(failure) => return assert_reported(&failure),
    };
    let document = ir::build(&loaded.resume, today);
    for d in rules::content_checks(&loaded.resume, today) {
        assert!(d.location().is_some(), "a finding without a location: {d}");
        d.render();
    }
    for renderer in [&Plain as &dyn Renderer, &Markdown, &Docx] {
        renderer.render(&document).expect("the text and DOCX renderers cannot fail");
    }

    let Some(Ok(posting)) = posting.map(std::str::from_utf8) else { return };
    let job = match job::load_source(Arc::new(Source::new("job.yaml", posting)), std::path::Path::new(".")) {
        Ok(job) => job,
        Err(failure) => return assert_reported(&failure),
    };
    let tailored = tailor::apply(&loaded.resume, &job.job);
    ir::build(&tailored, today);
    keywords::report(&tailored, &job);
}

/// A failure carries at least one error, and each error says where it is.
fn assert_reported(failure: &Failure) {
    let Diagnostics(diagnostics) = failure.diagnostics();
    assert!(failure.diagnostics().has_errors(), "a failure without an error: {diagnostics:?}");
    for d in diagnostics {
        assert!(d.location().is_some(), "a diagnostic without a location: {d}");
        d.render();
    }
}
