//! `rescc init`: the starter files build and check clean, and nothing is ever overwritten.

mod common;

use common::{rescc, stderr, stdout};

#[test]
fn init_output_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rescc(tmp.path(), &["init", "my-resume"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tmp.path().join("my-resume");
    for file in ["resume.yaml", "resume.schema.json", "jobs/example.yaml", "job.schema.json", ".gitignore"] {
        assert!(dir.join(file).is_file(), "init did not write {file}\n{}", stdout(&out));
    }
    let resume = std::fs::read_to_string(dir.join("resume.yaml")).unwrap();
    assert_eq!(resume.lines().next(), Some("# yaml-language-server: $schema=./resume.schema.json"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("resume.schema.json")).unwrap()).unwrap();
    assert_eq!(schema, rescc::schema::resume(), "the written schema is the one `rescc schema` prints");
    assert!(std::fs::read_to_string(dir.join(".gitignore")).unwrap().lines().any(|l| l == "out/"));
    let job = std::fs::read_to_string(dir.join("jobs/example.yaml")).unwrap();
    assert_eq!(job.lines().next(), Some("# yaml-language-server: $schema=../job.schema.json"));
    let job_schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("job.schema.json")).unwrap()).unwrap();
    assert_eq!(job_schema, rescc::schema::job());
    let example = rescc::job::load(&dir.join("jobs/example.yaml"), &dir).map_err(|f| f.diagnostics().to_string());
    assert_eq!(example.unwrap().job.id.value, "example-payments");

    let check = rescc(&dir, &["check", "resume.yaml"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(stderr(&check).trim(), "ok: no problems", "the starter must check clean");

    let build = rescc(&dir, &["build", "resume.yaml"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(stderr(&build).trim().is_empty(), "the starter must build without warnings:\n{}", stderr(&build));
    assert!(stdout(&build).contains("1 page"), "{}", stdout(&build));
    assert!(dir.join("out/Jordan_Lee_Resume.pdf").is_file());
}

#[test]
fn init_refuses_to_clobber_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("resume.yaml"), "name: Mine\n").unwrap();
    let out = rescc(tmp.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("`resume.yaml` already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(tmp.path().join("resume.yaml")).unwrap(), "name: Mine\n");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["resume.yaml"], "a refused init writes nothing");

    // A clash deeper down is found before anything is written, too.
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir(other.path().join("jobs")).unwrap();
    std::fs::write(other.path().join("jobs/example.yaml"), "id: mine\n").unwrap();
    let out = rescc(other.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("jobs/example.yaml"), "{}", stderr(&out));
    assert!(!other.path().join("resume.yaml").exists());
}

#[test]
fn init_keeps_an_existing_gitignore() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "target/\n").unwrap();
    let out = rescc(tmp.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(), "target/\n");
    assert!(stdout(&out).contains("add `out/`"), "{}", stdout(&out));
}
