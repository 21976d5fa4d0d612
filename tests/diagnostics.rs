//! Every invalid fixture gets its located diagnostic (golden), exit code 2, and no output.

mod common;

use common::*;

#[test]
fn each_invalid_fixture_has_its_golden_diagnostic() {
    let mut names: Vec<String> = std::fs::read_dir(fixture("invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "one fixture per validation rule");
    let out_dir = tempfile::tempdir().unwrap();
    for name in names {
        let rel = format!("fixtures/invalid/{name}");
        let out = rescc(&root(), &["build", &rel, "-o", out_dir.path().to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(&format!("{rel}:")), "{name}: the diagnostic names file:line:col\n{err}");
        insta::with_settings!({ snapshot_suffix => name.trim_end_matches(".yaml"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("invalid", err);
        });
    }
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0, "invalid input writes nothing");
}

#[test]
fn all_problems_are_reported_at_once() {
    let out = rescc(&root(), &["build", "fixtures/invalid/multiple.yaml"]);
    let err = stderr(&out);
    assert_eq!(
        err.matches("\nerror: ").count() + usize::from(err.starts_with("error: ")),
        4,
        "three problems and a summary:\n{err}"
    );
    assert!(err.ends_with("error: the input is invalid (3 errors)\n"), "{err}");
}
