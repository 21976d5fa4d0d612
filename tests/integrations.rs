//! rescc in other people's tools: the pre-commit hooks and the GitHub Actions workflow the
//! README documents. Each manifest is parsed, and each rescc command in it runs on a resume
//! repository made in a temporary folder.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use common::*;
use rescc::source::Source;
use rescc::yaml::{self, Node, NodeKind};

fn parse(path: &str) -> Node {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    yaml::parse(&Arc::new(Source::new(path, text))).unwrap_or_else(|d| panic!("{path}: {d}"))
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    let NodeKind::Map(entries) = &node.kind else { return None };
    entries.iter().find(|(k, _)| matches!(&k.kind, NodeKind::Scalar { value, .. } if value == key)).map(|(_, v)| v)
}

fn text<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    match &get(node, key)?.kind {
        NodeKind::Scalar { value, .. } => Some(value),
        _ => None,
    }
}

fn items(node: &Node) -> &[Node] {
    match &node.kind {
        NodeKind::Seq(items) => items,
        _ => panic!("expected a list"),
    }
}

/// A resume repository: `resume` twice, a job file tailored for `tagged.yaml`, and a schema
/// file no hook should touch.
fn repository(resume: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("cv")).unwrap();
    std::fs::create_dir_all(dir.path().join("jobs")).unwrap();
    std::fs::copy(fixture(resume), dir.path().join("resume.yaml")).unwrap();
    std::fs::copy(fixture(resume), dir.path().join("cv/resume-en.yaml")).unwrap();
    std::fs::copy(fixture("jobs/acme-payments.yaml"), dir.path().join("jobs/acme.yaml")).unwrap();
    std::fs::write(dir.path().join("resume.schema.json"), rescc(&root(), &["schema"]).stdout).unwrap();
    dir
}

/// Runs a command line from a manifest with this build of rescc first on the PATH.
fn run(dir: &Path, line: &str) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_rescc")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    Command::new("sh").arg("-c").arg(line).current_dir(dir).env("PATH", path).output().unwrap()
}

#[test]
fn the_pre_commit_hooks_match_resumes_and_run() {
    let manifest = parse(".pre-commit-hooks.yaml");
    let hooks = items(&manifest);
    let ids: Vec<&str> = hooks.iter().map(|h| text(h, "id").unwrap()).collect();
    assert_eq!(ids, ["rescc-check", "rescc-build"]);
    let dir = repository("example.yaml");
    let files = ["resume.yaml", "cv/resume-en.yaml", "jobs/acme.yaml", "resume.schema.json"];
    for hook in hooks {
        for key in ["name", "description", "entry", "language", "files"] {
            assert!(text(hook, key).is_some_and(|v| !v.is_empty()), "{key} of {:?}", text(hook, "id"));
        }
        assert_eq!(text(hook, "language"), Some("rust"), "pre-commit builds the hook with cargo install");
        let pattern = regex::Regex::new(text(hook, "files").unwrap()).unwrap();
        let matched: Vec<&str> = files.iter().copied().filter(|f| pattern.is_match(f)).collect();
        assert_eq!(matched, ["resume.yaml", "cv/resume-en.yaml"]);
        // pre-commit runs the entry with the matching files appended.
        let line = format!("{} {}", text(hook, "entry").unwrap(), matched.join(" "));
        let out = run(dir.path(), &line);
        assert!(out.status.success(), "`{line}`: {}", stderr(&out));
    }
    assert!(dir.path().join("out/Priya_Raman_Resume.pdf").is_file());
    assert!(dir.path().join("cv/out/Priya_Raman_Resume.docx").is_file());
    // A failing resume fails the commit.
    std::fs::copy(fixture("rules/errors.yaml"), dir.path().join("resume.yaml")).unwrap();
    let check = text(&hooks[0], "entry").unwrap();
    assert_eq!(run(dir.path(), &format!("{check} resume.yaml")).status.code(), Some(1));
}

#[test]
fn the_github_actions_workflow_runs_its_rescc_steps() {
    let workflow = parse("docs/github-actions.yml");
    let steps = items(get(get(get(&workflow, "jobs").unwrap(), "build").unwrap(), "steps").unwrap());
    let dir = repository("tagged.yaml");
    let mut ran = Vec::new();
    for step in steps {
        let Some(line) = text(step, "run") else { continue };
        if !line.starts_with("rescc ") {
            continue;
        }
        let out = run(dir.path(), &format!("export SOURCE_DATE_EPOCH=1796000000; {line}"));
        assert!(out.status.success(), "`{line}`: {}", stderr(&out));
        ran.push(line.to_string());
    }
    assert_eq!(ran.len(), 3, "check, build and the batch: {ran:?}");
    for file in ["out/Tomás_Ferreira_Resume.pdf", "out/Tomás_Ferreira_Resume.docx", "out/jobs/report.json"] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("docs/github-actions.yml") && readme.contains(".pre-commit-hooks.yaml"));
}
