//! Hostile and unusual input: each case ends quickly in a located diagnostic, or builds.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

const HEADER: &str = "name: Ada Byte\ncontact:\n  email: ada@example.com\n";

/// Writes `bytes` as `r.yaml` in a fresh directory and runs `rescc build` on it.
fn build_bytes(bytes: &[u8]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), bytes).unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml", "--format", "pdf"]);
    (dir, out)
}

fn assert_input_error(out: &Output, starts: &str, at: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.starts_with(starts), "expected {starts:?}, got:\n{err}");
    assert!(err.contains(at), "expected location {at:?}, got:\n{err}");
}

fn wrote_pdf(dir: &Path) -> bool {
    dir.join("out/Ada_Byte_Resume.pdf").is_file()
}

#[test]
fn input_over_the_size_limit() {
    let mut text = String::from(HEADER);
    text += &format!("summary: \"{}\"\n", "x".repeat(2 * 1024 * 1024));
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(&out, "error: `r.yaml` is 2048 KiB; the limit is 2048 KiB", "a resume is a few kilobytes");
}

#[test]
fn alias_expansion_bomb() {
    // Empty texts, so the count of values is the budget that ends it.
    let mut text = String::from("a0: &a0 ['', '', '', '', '', '', '', '', '', '']\n");
    for i in 1..10 {
        let p = i - 1;
        text += &format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n");
    }
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(&out, "error: YAML aliases expand to more than 200000 values", "--> r.yaml:");
    assert!(stderr(&out).contains("alias bomb"));
}

/// One long text aliased into long lists, aliased again: few values, a lot of text. It ends at the
/// size budget, naming the alias, long before the text reaches any later stage.
#[test]
fn alias_amplification_ends_at_the_text_budget() {
    let mut text = format!("{HEADER}x-long: &long \"Built {}\"\n", "data ".repeat(390));
    text += &format!("x-bullets: &bullets [{}]\n", vec!["*long"; 200].join(", "));
    text += "experience:\n";
    for i in 0..20 {
        text += &format!("  - {{company: C{i}, role: Engineer, start: 2020-01, bullets: *bullets}}\n");
    }
    assert!(text.len() < 6 * 1024, "a small file: {} bytes", text.len());
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(
        &out,
        "error: YAML aliases expand to more than 128 KiB of text, the last at `*long`",
        "--> r.yaml:5:",
    );
}

#[test]
fn deep_nesting() {
    let text = format!("{HEADER}summary: {}{}\n", "[".repeat(100), "]".repeat(100));
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(&out, "error: values nested deeper than 64 levels", "--> r.yaml:4:73");
    // Far deeper, the YAML parser's own guard stops first.
    let text = format!("{HEADER}summary: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(&out, "error: invalid YAML: recursion limit exceeded", "--> r.yaml:4:");
}

#[test]
fn thousands_of_entries() {
    let mut text = format!("{HEADER}experience:\n");
    for i in 0..3000 {
        text += &format!("  - {{company: Co{i}, role: Dev, start: 2020-01, bullets: [Built 3 services.]}}\n");
    }
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(&out, "error: this list holds 3000 items; the limit is 200", "--> r.yaml:5:3");
}

#[test]
fn a_ten_thousand_character_bullet() {
    let bullet = "Built ".to_string() + &"fast services ".repeat(715);
    let text = format!(
        "{HEADER}experience:\n  - company: Co\n    role: Dev\n    start: 2020-01\n    bullets:\n      - {bullet}\n"
    );
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(&out, "error: this text is 10015 characters long; the limit is 2000", "--> r.yaml:9:9");
}

#[test]
fn a_file_that_is_not_utf8() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"headline: Caf\xe9 owner\n");
    let (_dir, out) = build_bytes(&bytes);
    assert_input_error(
        &out,
        "error: `r.yaml` is not valid UTF-8 (first bad byte at r.yaml:4:14)",
        "save the file as UTF-8",
    );
}

#[test]
fn a_utf8_byte_order_mark_builds() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(HEADER.as_bytes());
    let (dir, out) = build_bytes(&bytes);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    assert!(wrote_pdf(dir.path()));
}

#[test]
fn crlf_line_endings_build_and_locate_correctly() {
    let (dir, out) = build_bytes(HEADER.replace('\n', "\r\n").as_bytes());
    assert!(wrote_pdf(dir.path()), "{}", stderr(&out));
    let broken = format!("{HEADER}headlin: x\n").replace('\n', "\r\n");
    let (_dir, out) = build_bytes(broken.as_bytes());
    assert_input_error(&out, "error: unknown key `headlin` in the resume", "--> r.yaml:4:1");
}

#[test]
fn tabs_in_text_build_but_tab_indentation_is_located() {
    let (dir, out) = build_bytes(format!("{HEADER}headline: \"Backend\tDeveloper\"\n").as_bytes());
    assert!(wrote_pdf(dir.path()), "{}", stderr(&out));
    let (_dir, out) = build_bytes(b"name: Ada Byte\ncontact:\n\temail: ada@example.com\n");
    assert_input_error(
        &out,
        "error: this line is indented with a tab; YAML indents with spaces only",
        "--> r.yaml:3:1",
    );
}

#[test]
fn an_output_passed_as_the_input_is_refused_and_left_alone() {
    let (dir, out) = build_bytes(HEADER.as_bytes());
    assert!(wrote_pdf(dir.path()), "{}", stderr(&out));
    let pdf = dir.path().join("out/Ada_Byte_Resume.pdf");
    let before = std::fs::read(&pdf).unwrap();
    let out = rescc(dir.path(), &["build", "out/Ada_Byte_Resume.pdf", "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: `out/Ada_Byte_Resume.pdf` is not a resume source"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
}

#[test]
fn output_into_a_missing_directory_creates_it_and_an_unwritable_one_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), HEADER).unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml", "-o", "a/b/c", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("a/b/c/Ada_Byte_Resume.pdf").is_file());

    std::fs::write(dir.path().join("blocker"), "a file, not a directory").unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml", "-o", "blocker/out", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: cannot write `blocker/out/Ada_Byte_Resume.pdf`: "), "{}", stderr(&out));
}

#[test]
fn a_device_that_never_ends_is_cut_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let job = "id: endless\ncompany: Acme\ntitle: Engineer\nposting_file: /dev/zero\n";
    std::fs::write(dir.path().join("job.yaml"), job).unwrap();
    let out = rescc(dir.path(), &["match", fixture("tagged.yaml").to_str().unwrap(), "job.yaml"]);
    assert_input_error(&out, "error: `/dev/zero` is 2048 KiB; the limit is 2048 KiB", "--> job.yaml:4:15");

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("r.yaml")).unwrap();
        let out = rescc(dir.path(), &["build", "r.yaml"]);
        assert_input_error(&out, "error: `r.yaml` is 2048 KiB; the limit is 2048 KiB", "a resume is a few kilobytes");

        std::os::unix::fs::symlink("/dev/zero", dir.path().join("r.pdf")).unwrap();
        let out = rescc(dir.path(), &["verify", "r.pdf"]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stderr(&out), "error: cannot read `r.pdf`: it is over 64 MiB; a resume is far smaller\n");
    }
}
