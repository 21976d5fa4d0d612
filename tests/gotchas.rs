//! The YAML mistakes people make in resume text: each fixture in `fixtures/gotchas/` gets its
//! golden diagnostic (line, column, message, fix), and the fix its first comment names builds.

mod common;

use common::*;

/// The fixture's `# fix: line N: TEXT` comment: the line to replace and what to write there.
fn fix_of(text: &str) -> (usize, String) {
    let comment = text.lines().find_map(|l| l.strip_prefix("# fix: line ")).expect("a fix comment");
    let (number, line) = comment.split_once(": ").expect("`line N: text`");
    (number.parse().unwrap(), line.to_string())
}

/// The text the fixed line puts in the resume, as plain text shows it.
fn shown(line: &str) -> String {
    let value = line.trim_start().trim_start_matches("- ");
    let value =
        value.split_once(": ").filter(|(k, _)| !k.contains(' ') && !k.starts_with('"')).map_or(value, |(_, v)| v);
    value.trim_matches('"').replace('*', "")
}

/// Runs `rescc ARGS` on `text` saved as `r.yaml` in a fresh folder; the folder stays while it lives.
fn run_on(text: &str, args: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), text).unwrap();
    let out = rescc(dir.path(), args);
    (dir, out)
}

#[test]
fn each_gotcha_has_its_golden_diagnostic_and_its_fix_builds() {
    let mut names: Vec<String> = std::fs::read_dir(fixture("gotchas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 18, "one fixture per gotcha");
    for name in names {
        let rel = format!("fixtures/gotchas/{name}");
        let out = rescc(&root(), &["check", &rel]);
        let err = stderr(&out);
        // ` #` loses text without breaking the file: a warning. The rest cannot be read.
        let expected = if name == "comment.yaml" { 0 } else { 2 };
        assert_eq!(out.status.code(), Some(expected), "{name}: {err}");
        // One diagnostic about the YAML (the content rules may also see what was lost).
        let heads = err.lines().filter(|l| l.starts_with("error: ") || l.starts_with("warning: "));
        assert_eq!(heads.filter(|l| !l.contains("the input is invalid")).count(), 1, "{name}: one diagnostic\n{err}");
        insta::with_settings!({ snapshot_suffix => name.trim_end_matches(".yaml"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("gotcha", err);
        });

        let text = std::fs::read_to_string(root().join(&rel)).unwrap();
        let (number, fixed) = fix_of(&text);
        let mut lines: Vec<&str> = text.lines().collect();
        lines[number - 1] = &fixed;
        let (dir, out) = run_on(&(lines.join("\n") + "\n"), &["build", "r.yaml", "--format", "txt"]);
        assert_eq!(out.status.code(), Some(0), "{name}, fixed: {}", stderr(&out));
        assert!(!stderr(&out).contains("YAML"), "{name}, fixed: {}", stderr(&out));
        let txt = std::fs::read_to_string(dir.path().join("out/Dana_Osei_Resume.txt")).unwrap();
        let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
        let value = shown(&fixed);
        if !value.starts_with("20") {
            assert!(flat.contains(&value), "{name}: `{value}` not in the text:\n{txt}");
        }
    }
}

#[test]
fn every_recoverable_mistake_is_reported_in_one_run() {
    let text = std::fs::read_to_string(fixture("gotchas/star-bold.yaml")).unwrap();
    let text = text
        .replace("headline: Backend Engineer", "headline: Backend Engineer: Payments")
        .replace("      - Cut p99", "      - @Cut p99")
        .replace("  - group: Languages", "  - group: Languages\n    items: [Go, Python\n  - group: Tools");
    let (_dir, out) = run_on(&text, &["check", "r.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for (at, message) in [
        ("r.yaml:4:27", "the value of `headline` holds `: `"),
        ("r.yaml:21:9", "this bullet starts with `*`"),
        ("r.yaml:22:9", "this bullet starts with `@`"),
        (
            "r.yaml:33:12",
            "the value of `items` starts with `[`, which YAML reads as the start of a list, and it is not closed",
        ),
    ] {
        let found = err.find(message).unwrap_or_else(|| panic!("missing {message:?}:\n{err}"));
        assert!(err[found..].contains(at), "{message} at {at}:\n{err}");
    }
    assert!(err.ends_with("error: the input is invalid (4 errors)\n"), "{err}");
}

#[test]
fn a_comment_that_cuts_text_warns_and_hashes_inside_words_do_not() {
    let text = std::fs::read_to_string(fixture("gotchas/star-bold.yaml")).unwrap();
    let text = text
        .replace(
            "      - **Migrated** 12 services to Kubernetes with Helm, cutting hosting costs 35% in one quarter.",
            "      - Wrote C# and F# services for issue#1 triage, handling 5,000 requests per second for 40 teams.",
        )
        .replace("      - Cut p99", "      - Ranked #1 of 40 teams after cutting p99")
        .replace("  location: Denver, CO", "  location: Denver, CO  # home office");
    let (_dir, out) = run_on(&text, &["check", "r.yaml"]);
    let err = stderr(&out);
    let warning = "warning: text after ` #` is a YAML comment and is not in your resume";
    assert_eq!(
        err.matches(warning).count(),
        1,
        "only ` #1` cuts text; `C#`, `issue#1` and `# home office` do not:\n{err}"
    );
    assert!(err.contains("--> r.yaml:22:16"), "at the `#`:\n{err}");
    assert!(err.contains("help: put the whole text in quotes to keep it: \"Ranked #1 of 40 teams"), "{err}");
}
