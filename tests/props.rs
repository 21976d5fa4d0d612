//! Property test over the whole build: generated resumes with arbitrary Unicode strings never
//! panic or hang; every failure is a diagnostic.

use std::sync::Arc;

use proptest::prelude::*;
use rescc::build::{self, Options};
use rescc::load;
use rescc::render::Format;
use rescc::source::Source;

/// A JSON string literal is also a valid YAML double-quoted scalar, so any text can be embedded.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn resume_yaml(name: &str, headline: &str, bullets: &[String], start: &str, skill: &str) -> String {
    let bullets: String = bullets.iter().map(|b| format!("      - {}\n", quoted(b))).collect();
    format!(
        "name: {}\nheadline: {}\ncontact:\n  email: a@example.com\nexperience:\n  - company: {}\n    role: Dev\n    start: {}\n    bullets:\n{bullets}skills:\n  - {{group: Languages, items: [{}]}}\n",
        quoted(name),
        quoted(headline),
        quoted(headline),
        quoted(start),
        quoted(skill),
    )
}

/// Text the bundled fonts cover, rich in characters that mean something to Typst or Markdown.
const TYPST_HOSTILE: &str = "[A-Za-z0-9À-ÿĀ-ž –—“”‘’…#$*_@<>\\[\\]\\\\/(){}=+~^`'\"%&|;:.,!?\\t\\n-]{1,120}";

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_builds_or_gets_a_diagnostic(
        name in prop_oneof![3 => TYPST_HOSTILE, 1 => "\\PC{0,40}"],
        headline in prop_oneof![3 => TYPST_HOSTILE, 1 => "\\PC{0,60}"],
        bullets in proptest::collection::vec(prop_oneof![3 => TYPST_HOSTILE, 1 => "\\PC{0,160}"], 0..6),
        start in prop_oneof![4 => "20[0-2][0-9]-(0[1-9]|1[0-2])", 1 => "\\PC{0,10}"],
        skill in "[\\PC&&[^\\]\\[,]]{0,20}",
    ) {
        let text = resume_yaml(&name, &headline, &bullets, &start, &skill);
        let source = Arc::new(Source::new("generated.yaml", text));
        let options = Options { formats: vec![Format::Pdf, Format::Docx], ..Options::new("out", rescc::cli::today()) };
        match load::load_source(source).and_then(|loaded| build::render(&loaded, &options)) {
            Ok(built) => prop_assert!(!built.outputs.is_empty()),
            Err(failure) => {
                let diagnostics = failure.diagnostics();
                prop_assert!(!diagnostics.is_empty(), "a failure without a diagnostic");
                prop_assert!(diagnostics.0.iter().all(|d| !d.message.is_empty()));
                // Rendering never panics either.
                let _ = diagnostics.to_string();
            }
        }
    }

    #[test]
    fn any_bytes_load_or_get_a_diagnostic(text in "\\PC{0,400}|[-:\\[\\]{}&*!|>'\"%@` \\n#a-z0-9]{0,400}") {
        let source = Arc::new(Source::new("generated.yaml", text));
        if let Err(failure) = load::load_source(source) {
            prop_assert!(!failure.diagnostics().is_empty());
            let _ = failure.diagnostics().to_string();
        }
    }
}
