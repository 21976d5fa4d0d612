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
fn a_device_is_refused_by_its_type_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let job = "id: endless\ncompany: Acme\ntitle: Engineer\nposting_file: /dev/zero\n";
    std::fs::write(dir.path().join("job.yaml"), job).unwrap();
    let out = rescc(dir.path(), &["match", fixture("tagged.yaml").to_str().unwrap(), "job.yaml"]);
    assert_input_error(&out, "error: cannot read `/dev/zero`: it is a device, not a regular file", "--> job.yaml:4:15");

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("r.yaml")).unwrap();
        let out = rescc(dir.path(), &["build", "r.yaml"]);
        assert_input_error(
            &out,
            "error: cannot read `r.yaml`: it is a device, not a regular file",
            "pass a file saved on disk",
        );

        std::os::unix::fs::symlink("/dev/zero", dir.path().join("r.pdf")).unwrap();
        let out = rescc(dir.path(), &["verify", "r.pdf"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).starts_with("error: cannot read `r.pdf`: it is a device, not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

/// A named pipe in any input's place is refused by its type before it is opened: the test never
/// writes to the pipe, so a command that opened it for reading would hang (and time out).
#[test]
fn named_pipes_as_inputs_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let fifo = |name: &str| {
        let status = std::process::Command::new("mkfifo").arg(path.join(name)).status().unwrap();
        assert!(status.success());
    };
    for name in ["pipe.yaml", "job.yaml", "posting.txt", "layout.typ"] {
        fifo(name);
    }
    std::fs::write(path.join("r.yaml"), HEADER).unwrap();
    std::fs::write(path.join("j.yaml"), "title: Engineer\ncompany: Acme\nposting_file: posting.txt\n").unwrap();
    std::fs::write(path.join("l.yaml"), format!("{HEADER}layout:\n  template: layout.typ\n")).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["build", "pipe.yaml"], "error: cannot read `pipe.yaml`: it is a named pipe, not a regular file"),
        (
            &["build", "r.yaml", "--job", "job.yaml"],
            "error: cannot read `job.yaml`: it is a named pipe, not a regular file",
        ),
        (&["build", "r.yaml", "--job", "j.yaml"], "it is a named pipe, not a regular file"),
        (&["check", "l.yaml"], "error: cannot read layout `layout.typ`: it is a named pipe, not a regular file"),
        (&["build", "r.yaml", "--font-path", "pipe.yaml"], "`pipe.yaml` is a named pipe, not a directory of fonts"),
    ];
    for (args, expected) in cases {
        let out = rescc(path, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{args:?}: expected {expected:?} in\n{}", stderr(&out));
    }
}

/// What `build` refuses before typesetting, `check` refuses too, with the same diagnostics.
#[test]
fn check_and_build_agree_on_what_needs_no_typesetting() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("font", format!("{HEADER}layout:\n  font: Arial\n"), "error: no available font is called `Arial`"),
        (
            "layout-file",
            format!("{HEADER}layout:\n  template: missing.typ\n"),
            "error: cannot read layout `missing.typ`",
        ),
        (
            "layout-name",
            format!("{HEADER}layout:\n  template: clasic\n"),
            "error: no built-in layout is called `clasic`",
        ),
        (
            "long-name",
            HEADER.replace("Ada Byte", &"Adalovelace ".repeat(30)),
            "error: the name makes an output file name of",
        ),
    ];
    for (name, text, expected) in cases {
        std::fs::write(dir.path().join(format!("{name}.yaml")), text).unwrap();
        let file = format!("{name}.yaml");
        let (check, build) = (rescc(dir.path(), &["check", &file]), rescc(dir.path(), &["build", &file]));
        for out in [&check, &build] {
            assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(out));
            assert!(stderr(out).contains(expected), "{name}: {}", stderr(out));
        }
        assert_eq!(stderr(&check), stderr(&build), "{name}: the same diagnostics");
    }
    assert!(!dir.path().join("out").exists());
}

#[test]
fn dates_say_which_part_is_wrong_and_a_year_only_end_is_that_year() {
    let role = |dates: &str| {
        format!("{HEADER}experience:\n  - company: Acme\n    role: Engineer\n{dates}    bullets: [Built 3 services.]\n")
    };
    let (_dir, out) = build_bytes(role("    start: 2021-03\n    end: 2021\n").as_bytes());
    assert!(!stderr(&out).contains("before the start"), "{}", stderr(&out));
    for (dates, expected) in [
        ("    start: 3017-05\n", "error: `3017-05` is not a date: the year 3017 is outside 1900–2200"),
        ("    start: 2021-13\n", "error: `2021-13` is not a date: there is no month 13; months run from 01 to 12"),
        ("    start: 2024-02-30\n", "error: `2024-02-30` is not a date: February 2024 has no day 30; it has 29 days"),
    ] {
        let (_dir, out) = build_bytes(role(dates).as_bytes());
        assert_input_error(&out, expected, "--> r.yaml:7:12");
    }
}

#[test]
fn lone_cr_line_endings_count_lines() {
    let broken = format!("{HEADER}headlin: x\n").replace('\n', "\r");
    let (_dir, out) = build_bytes(broken.as_bytes());
    assert_input_error(&out, "error: unknown key `headlin` in the resume", "--> r.yaml:4:1");
}

#[test]
fn a_misspelt_required_key_is_not_also_missing() {
    let text = format!("{HEADER}experience:\n  - company: Acme\n    rol: Engineer\n    start: 2021-03\n");
    let (_dir, out) = build_bytes(text.as_bytes());
    assert_input_error(&out, "error: unknown key `rol` in experience entry", "did you mean `role`?");
    assert!(!stderr(&out).contains("missing `role`"), "{}", stderr(&out));
}

#[test]
fn every_link_gets_the_url_rules() {
    let text = format!(
        "{HEADER}  links:\n    - https://gіthub.com/ada\nsummary: See [site](javascript:alert(1)) and [mail](mailto:ada@example.com?cc=x).\n"
    );
    let (_dir, out) = build_bytes(text.as_bytes());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "error: `javascript:` links are not allowed; a link is an http, https or mailto address\n  --> r.yaml:6:21"
        ),
        "{err}"
    );
    assert!(err.contains("error: `ada@example.com?cc=x` is not an email address"), "{err}");
    assert!(err.contains("warning: the host `gіthub.com` mixes Latin and Cyrillic letters"), "{err}");
    let (_dir, out) =
        build_bytes(format!("{}mailto:ada@example.com\n", HEADER.replace("ada@example.com\n", "")).as_bytes());
    assert_input_error(
        &out,
        "error: `mailto:ada@example.com` is not an email address",
        "write the address alone: `ada@example.com`",
    );
}

/// YAML 1.1 would read `no`, `yes`, `on` as booleans and `1.10` as 1.1: the schema says text,
/// so each is the text as written. An international host is shown as written, linked as punycode.
#[test]
fn text_is_read_as_written_and_international_hosts_link_as_punycode() {
    let text = "name: Ada Byte\nheadline: no\ncontact:\n  email: ada@bücher.example\n  links:\n    - https://bücher.example/ada\nskills:\n  - group: Languages\n    items: [Python 3.10, 1.10, yes, on]\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), text).unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml", "--format", "md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.path().join("out/Ada_Byte_Resume.md")).unwrap();
    assert!(md.contains("\n\nno\n\n"), "{md}");
    assert!(md.contains("Python 3.10, 1.10, yes, on"), "{md}");
    assert!(md.contains("[ada@bücher.example](<mailto:ada@xn--bcher-kva.example>)"), "{md}");
    assert!(md.contains("[bücher.example/ada](<https://xn--bcher-kva.example/ada>)"), "{md}");
}
