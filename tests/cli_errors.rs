//! Input files that cannot be a resume: each is one clear line on standard error, exit 2.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixture, have, rescc, stderr};

/// Runs `rescc <command> <file>` and returns its one line of standard error.
fn one_line_error(dir: &Path, command: &str, file: &str) -> String {
    let out = rescc(dir, &[command, file]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "`rescc {command} {file}`: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "`rescc {command} {file}` must say it in one line:\n{err}");
    assert!(err.starts_with("error: ") && err.contains(file), "{err}");
    err
}

#[test]
fn missing_file() {
    let tmp = tempfile::tempdir().unwrap();
    for command in ["build", "check", "import"] {
        let err = one_line_error(tmp.path(), command, "resume.yaml");
        assert!(err.contains("no such file") && err.contains("rescc init"), "{err}");
    }
}

#[test]
fn directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("resume")).unwrap();
    for command in ["build", "check", "import"] {
        let err = one_line_error(tmp.path(), command, "resume");
        assert!(err.contains("is a directory"), "{err}");
    }
}

#[test]
fn wrong_extension() {
    let tmp = tempfile::tempdir().unwrap();
    for (file, hint) in [("resume.txt", ".yaml"), ("resume.pdf", "output"), ("resume", ".yaml")] {
        std::fs::copy(fixture("example.yaml"), tmp.path().join(file)).unwrap();
        for command in ["build", "check"] {
            let err = one_line_error(tmp.path(), command, file);
            assert!(err.contains("not a resume source") && err.contains(hint), "{err}");
        }
    }
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("resume.yaml");
    std::fs::copy(fixture("example.yaml"), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_err() {
        let err = one_line_error(tmp.path(), "build", "resume.yaml");
        assert!(err.contains("permission denied"), "{err}");
    } else if have("setpriv") {
        // Root reads any file: run rescc as `nobody`, whom the permissions do stop.
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_rescc"))
            .args(["check", "resume.yaml"])
            .current_dir(tmp.path())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.starts_with("error: ") && err.contains("permission denied"), "{err}");
    }
    // Bytes that are not UTF-8 cannot be read as text either.
    std::fs::write(tmp.path().join("latin1.yaml"), b"name: Zo\xeb\n").unwrap();
    let err = one_line_error(tmp.path(), "build", "latin1.yaml");
    assert!(err.contains("not valid UTF-8") && err.contains("latin1.yaml:1:9"), "{err}");
}

#[test]
fn every_command_shows_an_example() {
    let help = rescc(Path::new("."), &["--help"]);
    assert!(common::stdout(&help).contains("Examples:"));
    use clap::CommandFactory;
    let cli = rescc::cli::Cli::command();
    let commands: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
    assert!(commands.contains(&"import") && commands.contains(&"completions"));
    for command in commands {
        let out = rescc(Path::new("."), &[command, "--help"]);
        let text = common::stdout(&out);
        assert!(out.status.success() && text.contains("rescc "), "{command}: {text}");
        assert!(text.contains("Example"), "`rescc {command} --help` shows no example:\n{text}");
    }
}

#[test]
fn completions_and_man_page() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef rescc"), ("fish", "complete -c rescc")] {
        let out = rescc(Path::new("."), &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = common::stdout(&out);
        assert!(script.contains(marker) && script.contains("import"), "{shell}:\n{script}");
    }
    let man = rescc(Path::new("."), &["man"]);
    let page = common::stdout(&man);
    assert!(man.status.success() && page.contains(".TH rescc"), "{page}");
    assert!(page.contains("rescc\\-build") || page.contains("rescc-build"), "{page}");
    let build = common::stdout(&rescc(Path::new("."), &["man", "build"]));
    assert!(build.contains("\\-\\-format"), "{build}");
}
