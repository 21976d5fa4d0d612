//! JSON Resume input: the official sample builds directly and imports, and both routes give the
//! same document.

mod common;

use std::sync::Arc;

use common::{fixture, have, pdftotext, rescc, stderr, stdout};
use rescc::load;
use rescc::model::Date;
use rescc::source::Source;

fn sample() -> String {
    std::fs::read_to_string(fixture("jsonresume/sample.json")).unwrap()
}

/// The IR as JSON: what every renderer reads.
fn ir(loaded: &load::Loaded) -> serde_json::Value {
    let today = Date { year: 2026, month: Some(1), day: Some(15) };
    serde_json::to_value(rescc::ir::build(&loaded.resume, today)).unwrap()
}

#[test]
fn sample_builds_directly() {
    let (dir, json) = common::staged("jsonresume/sample.json");
    let out = rescc(dir.path(), &["build", json.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = dir.path().join("out/Richard_Hendriks_Resume.pdf");
    assert!(pdf.is_file(), "{}", stdout(&out));
    // What has no place in rescc is named, located in the JSON file.
    let err = stderr(&out);
    assert!(err.contains("not mapped: basics.location.address") && err.contains("sample.json:"), "{err}");
    if have("pdftotext") {
        let text = common::normalize(&pdftotext(&pdf));
        for needle in [
            "Richard Hendriks",
            "CEO/President · Pied Piper",
            "Successfully won Techcrunch Disrupt",
            "Bachelor in Information Technology",
            "GPA: 4.0",
            "VOLUNTEERING",
            "Digital Compression Pioneer Award",
            "English · Native speaker",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
    }
}

#[test]
fn sample_imports_with_comments_on_what_was_left_out() {
    let out = rescc(&fixture("jsonresume"), &["import", "sample.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let yaml = stdout(&out);
    for line in [
        "# not mapped: basics.location.address (a city is enough on a resume)",
        "# not mapped: references (references are given when asked, not on the resume)",
        "  # not mapped: work[0].url (this entry has no link in rescc)",
        "name: Richard Hendriks",
        "  location: San Francisco, California",
        "    gpa: \"4.0\"",
    ] {
        assert!(yaml.lines().any(|l| l == line), "missing line {line:?} in:\n{yaml}");
    }
    assert!(!yaml.contains("meta"), "file metadata is not content:\n{yaml}");
    assert!(stderr(&out).contains("not mapped"), "{}", stderr(&out));
}

#[test]
fn import_then_build_gives_the_same_document() {
    let direct = load::load_source(Arc::new(Source::new("sample.json", sample()))).unwrap();
    let source = Arc::new(Source::new("sample.json", sample()));
    let (yaml, _) = rescc::formats::import(&source).unwrap();
    let imported = load::load_source(Arc::new(Source::new("resume.yaml", yaml))).unwrap();
    assert_eq!(ir(&direct), ir(&imported));
}

#[test]
fn import_then_build_gives_the_same_pdf_text() {
    if !have("pdftotext") {
        return;
    }
    let (dir, json) = common::staged("jsonresume/sample.json");
    let import = rescc(dir.path(), &["import", "sample.json"]);
    assert!(import.status.success(), "{}", stderr(&import));
    std::fs::write(dir.path().join("resume.yaml"), &import.stdout).unwrap();
    let mut texts = Vec::new();
    for (input, out) in [(json.to_str().unwrap(), "direct"), ("resume.yaml", "imported")] {
        let build = rescc(dir.path(), &["build", input, "-o", out, "--format", "pdf"]);
        assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
        texts.push(pdftotext(&dir.path().join(out).join("Richard_Hendriks_Resume.pdf")));
    }
    assert_eq!(texts[0], texts[1]);
}

#[test]
fn errors_point_into_the_json_file() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = sample().replace("\"startDate\": \"2013-12-01\"", "\"startDate\": \"2013-12-32\"");
    std::fs::write(tmp.path().join("bad.json"), bad).unwrap();
    for command in ["build", "import"] {
        let out = rescc(tmp.path(), &[command, "bad.json"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = stderr(&out);
        let message = "`2013-12-32` is not a date: December 2013 has no day 32; it has 31 days";
        assert!(err.contains(message) && err.contains("bad.json:38:20"), "{command}: {err}");
        assert!(stdout(&out).is_empty(), "a failed import prints no YAML");
    }
}

#[test]
fn a_rescc_resume_written_as_json_is_not_converted() {
    let json = r#"{ "name": "Priya Raman", "experience": [] }"#;
    let loaded = load::load_source(Arc::new(Source::new("resume.json", json))).unwrap();
    assert_eq!(loaded.resume.name.value, "Priya Raman");
    assert!(loaded.warnings.is_empty());
}

#[test]
fn the_older_schemas_keys_build_and_copied_list_markers_go() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("jsonresume/older-keys.json"), tmp.path().join("resume.json")).unwrap();
    let out = rescc(tmp.path(), &["build", "resume.json", "--format", "txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    for (warning, at) in [
        ("warning: not mapped: basics.picture", "resume.json:5:16"),
        ("warning: not mapped: work[0].website", "resume.json:15:18"),
        ("warning: this item starts with `-`, a list marker", "resume.json:18:9"),
        ("warning: this item starts with `•`, a list marker", "resume.json:19:9"),
        ("warning: this item starts with `*`, a list marker", "resume.json:20:9"),
    ] {
        let found = err.find(warning).unwrap_or_else(|| panic!("{warning:?} in:\n{err}"));
        assert!(err[found..].lines().nth(1).unwrap().ends_with(at), "{warning} at {at}:\n{err}");
    }
    let txt = std::fs::read_to_string(tmp.path().join("out/Marta_Kowalczyk_Resume.txt")).unwrap();
    for shown in [
        "martakowalczyk.dev",
        "Backend Developer · Vistula Logistics",
        "- Built the shipment tracking API",
        "- Cut the nightly invoicing batch",
        "- Added contract tests",
        "GPA: 3.8/4.0",
        "Skills: Java, Spring Boot, PostgreSQL, Kafka",
    ] {
        assert!(txt.contains(shown), "{shown:?} in:\n{txt}");
    }
}

#[test]
fn dates_as_people_write_them_and_links_that_are_no_web_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let json = std::fs::read_to_string(fixture("jsonresume/older-keys.json")).unwrap();
    let json = json
        .replace("\"startDate\": \"2021-02\",", "\"startDate\": \"Feb 2021\", \"endDate\": \"Current\",")
        .replace("\"startDate\": \"2015-10\"", "\"startDate\": \"2015-9-28\"")
        .replace("\"endDate\": \"2019-06\"", "\"endDate\": \"June 2019\"")
        .replace(
            "\"website\": \"https://martakowalczyk.dev\",",
            "\"website\": \"https://martakowalczyk.dev\", \"profiles\": [{ \"network\": \"Skype\", \"url\": \"skype:marta.k?call\" }],",
        );
    std::fs::write(tmp.path().join("resume.json"), json).unwrap();
    let out = rescc(tmp.path(), &["build", "resume.json", "--format", "txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: not mapped: basics.profiles[0].url (`skype:marta.k?call` is not a web page)"),
        "{}",
        stderr(&out)
    );
    let txt = std::fs::read_to_string(tmp.path().join("out/Marta_Kowalczyk_Resume.txt")).unwrap();
    for shown in ["Feb 2021 – Present", "Sep 2015 – Jun 2019"] {
        assert!(txt.contains(shown), "{shown:?} in:\n{txt}");
    }
    assert!(!txt.contains("skype"), "{txt}");
}
