//! The terminal side of every command: closed pipes, colour, `-q`, the manual, the machine
//! formats of `check`, and files given in the wrong place.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

/// Runs rescc with its standard output on a pipe whose reading end is already closed, as
/// `rescc ... | head` becomes once `head` has read enough.
fn into_closed_pipe(dir: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_rescc"))
        .args(args)
        .current_dir(dir)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_str().unwrap();
    let built = rescc(&root(), &["build", "fixtures/example.yaml", "-o", out, "--format", "pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let pdf = std::fs::read_dir(out).unwrap().next().unwrap().unwrap().path();
    let pdf = pdf.to_str().unwrap();
    let init_dir = out_dir.path().join("starter");
    let commands: Vec<Vec<&str>> = vec![
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["schema"],
        vec!["schema", "job"],
        vec!["layouts"],
        vec!["man"],
        vec!["man", "build"],
        vec!["check", "--list-rules"],
        vec!["check", "fixtures/rules/errors.yaml", "--format", "json"],
        vec!["check", "fixtures/rules/errors.yaml", "--format", "sarif"],
        vec!["check", "fixtures/rules/errors.yaml", "--format", "github"],
        vec!["match", "fixtures/tagged.yaml", "fixtures/jobs/acme-payments.yaml"],
        vec!["match", "fixtures/tagged.yaml", "fixtures/jobs/acme-payments.yaml", "--format", "json"],
        vec!["import", "fixtures/jsonresume/sample.json"],
        vec!["verify", pdf],
        vec!["build", "fixtures/example.yaml", "-o", out, "--format", "txt"],
        vec!["build", "fixtures/tagged.yaml", "--job", "fixtures/jobs/*.yaml", "-o", out, "--format", "txt"],
        vec!["init", init_dir.to_str().unwrap()],
        vec!["--help"],
        vec!["--version"],
    ];
    for args in commands {
        let output = into_closed_pipe(&root(), &args);
        let err = stderr(&output);
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "rescc {args:?}: {err}");
        // Help and version are clap's: it stops as quietly, with its own status.
        if !args[0].starts_with("--") {
            assert_eq!(output.status.code(), Some(141), "rescc {args:?}: {err}");
        }
    }
}

/// Runs rescc on a pseudo-terminal (`script`), so that `--color auto` sees a terminal.
fn on_a_terminal(args: &str, env: &[(&str, &str)]) -> String {
    let bin = env!("CARGO_BIN_EXE_rescc");
    let out = Command::new("script")
        .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colour_follows_the_terminal_no_color_and_the_flag() {
    const ESCAPE: &str = "\x1b[";
    let check = ["check", "fixtures/rules/errors.yaml"];
    // Not a terminal: plain, unless asked.
    assert!(!stderr(&rescc(&root(), &check)).contains(ESCAPE));
    assert!(stderr(&rescc(&root(), &[&check[..], &["--color", "always"]].concat())).contains(ESCAPE));
    let never = Command::new(env!("CARGO_BIN_EXE_rescc")).args(check).arg("--color=never").output().unwrap();
    assert!(!stderr(&never).contains(ESCAPE));
    if !have("script") {
        return;
    }
    let args = "check fixtures/rules/errors.yaml";
    assert!(on_a_terminal(args, &[]).contains(ESCAPE), "a terminal gets colour");
    let no_color = on_a_terminal(args, &[("NO_COLOR", "1")]);
    assert!(!no_color.contains(ESCAPE) && no_color.contains("error[quantified]"), "{no_color}");
    assert!(on_a_terminal(&format!("{args} --color always"), &[("NO_COLOR", "1")]).contains(ESCAPE));
}

#[test]
fn quiet_prints_only_problems() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_str().unwrap();
    let built = rescc(&root(), &["-q", "build", "fixtures/example.yaml", "-o", out, "--format", "txt"]);
    assert!(built.status.success() && stdout(&built).is_empty(), "{}", stdout(&built));
    let checked = rescc(&root(), &["check", "fixtures/example.yaml", "--quiet"]);
    assert!(checked.status.success() && stderr(&checked).is_empty(), "{}", stderr(&checked));
    let failing = rescc(&root(), &["check", "-q", "fixtures/rules/errors.yaml"]);
    assert_eq!(failing.status.code(), Some(1));
    assert!(stderr(&failing).contains("error[quantified]"));
    let init = rescc(out_dir.path(), &["init", "-q", "starter"]);
    assert!(init.status.success() && stdout(&init).is_empty(), "{}", stdout(&init));
}

#[test]
fn the_manual_has_examples_exit_status_files_and_environment() {
    let page = stdout(&rescc(&root(), &["man"]));
    for section in ["EXAMPLES", "EXIT STATUS", "ENVIRONMENT", "FILES"] {
        assert!(
            page.contains(&format!(".SH \"{section}\"")) || page.contains(&format!(".SH {section}\n")),
            "{section}"
        );
    }
    for variable in ["SOURCE_DATE_EPOCH", "NO_COLOR", "RAYON_NUM_THREADS"] {
        assert!(page.contains(variable), "{variable}");
    }
    // Each example is a tagged paragraph: the command alone on its tag line, its comment below.
    let build = stdout(&rescc(&root(), &["man", "build"]));
    let tag = build.lines().skip_while(|l| *l != ".SH EXAMPLES").find(|l| l.starts_with("\\fB")).unwrap();
    assert_eq!(tag, "\\fBrescc build resume.yaml\\fR");
    if have("man") {
        let rendered = Command::new("sh")
            .arg("-c")
            .arg(format!("{} man build | MANWIDTH=80 man -l -", env!("CARGO_BIN_EXE_rescc")))
            .output()
            .unwrap();
        let text = overstrikes_removed(&String::from_utf8_lossy(&rendered.stdout));
        let examples: Vec<&str> = text.lines().skip_while(|l| l.trim() != "EXAMPLES").take(9).collect();
        assert!(examples.contains(&"       rescc build resume.yaml --job 'jobs/*.yaml'"), "{examples:#?}");
        assert!(examples.iter().any(|l| l.trim() == "out/<job id>/ per posting, out/report.json"), "{examples:#?}");
    }
}

/// Terminal bold and underline (`X\bX`, `_\bX`) as the plain letters.
fn overstrikes_removed(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{8}' {
            plain.pop();
            plain.extend(chars.next());
        } else {
            plain.push(c);
        }
    }
    plain
}

#[test]
fn man_dir_writes_one_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = rescc(&root(), &["man", "--dir", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut pages: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    pages.sort();
    let expected = [
        "rescc-build.1",
        "rescc-check.1",
        "rescc-completions.1",
        "rescc-import.1",
        "rescc-init.1",
        "rescc-layouts.1",
        "rescc-man.1",
        "rescc-match.1",
        "rescc-schema.1",
        "rescc-verify.1",
        "rescc.1",
    ];
    assert_eq!(pages, expected);
    let build = std::fs::read_to_string(dir.path().join("rescc-build.1")).unwrap();
    assert!(build.starts_with(".ie") || build.contains(".TH rescc-build 1"), "{}", &build[..200]);
    assert!(build.contains(".SH \"SEE ALSO\"") && build.contains("EXIT STATUS"));
}

#[test]
fn check_speaks_github_annotations_and_sarif() {
    let out = rescc(&root(), &["check", "fixtures/rules/errors.yaml", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=fixtures/rules/errors.yaml,line=")
            && first.contains(",title=rescc quantified::bullet has no figure%0Ahelp: "),
        "{first}"
    );
    assert!(text.lines().all(|l| l.starts_with("::error ") || l.starts_with("::warning ")), "{text}");

    let out = rescc(&root(), &["check", "fixtures/rules/errors.yaml", "fixtures/example.yaml", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "rescc");
    let rules: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rules.contains(&"quantified") && rules.contains(&"page-limit"));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "quantified");
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "fixtures/rules/errors.yaml");
    assert!(location["region"]["startLine"].as_u64().unwrap() > 1);
}

#[test]
fn check_takes_several_files_and_reports_each() {
    let out = rescc(&root(), &["check", "fixtures/example.yaml", "fixtures/rules/errors.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("fixtures/example.yaml: ok: no problems"), "{err}");
    assert!(err.contains("fixtures/rules/errors.yaml: "), "{err}");
    let json = rescc(&root(), &["check", "fixtures/example.yaml", "fixtures/tagged.yaml", "--format", "json"]);
    let reports: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(reports.as_array().unwrap().len(), 2);
}

#[test]
fn files_in_the_wrong_place_are_named() {
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["match", "fixtures/jobs/acme-payments.yaml", "fixtures/tagged.yaml"],
            "error: the files are swapped: `fixtures/jobs/acme-payments.yaml` is a job file and `fixtures/tagged.yaml` is a resume",
            "rescc match fixtures/tagged.yaml fixtures/jobs/acme-payments.yaml",
        ),
        (
            &["match", "fixtures/tagged.yaml", "fixtures/example.yaml"],
            "error: `fixtures/example.yaml` is a resume (it has `name`, `contact`, `experience`, `skills`, `education`), not a job file",
            "usage: rescc match RESUME JOB",
        ),
        (
            &["match", "fixtures/tagged.yaml", "fixtures/tagged.yaml"],
            "error: `fixtures/tagged.yaml` is given twice: as the resume and as the job file",
            "usage: rescc match RESUME JOB",
        ),
        (
            &["build", "fixtures/jobs/acme-payments.yaml"],
            "error: `fixtures/jobs/acme-payments.yaml` is a job file (it has `company`",
            "`rescc build resume.yaml --job fixtures/jobs/acme-payments.yaml`",
        ),
        (
            &["build", "fixtures/tagged.yaml", "--job", "fixtures/jobs/nope.yaml"],
            "error: job file `fixtures/jobs/nope.yaml` does not exist",
            "",
        ),
        (
            &["build", "fixtures/tagged.yaml", "--job", "fixtures/jobs"],
            "error: `fixtures/jobs` is a folder, not a job file",
            "`--job 'fixtures/jobs/*.yaml'`",
        ),
    ];
    for (args, message, hint) in cases {
        let out = rescc(&root(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert!(err.contains(hint), "{args:?}: {err}");
        assert!(!err.contains("unknown key") && !err.contains("quote the pattern"), "{args:?}: {err}");
        assert!(err.lines().count() <= 2, "{args:?}: {err}");
    }
}

#[test]
fn several_resumes_build_each_beside_itself_and_refuse_one_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        std::fs::create_dir(dir.path().join(name)).unwrap();
        std::fs::copy(fixture("example.yaml"), dir.path().join(name).join("resume.yaml")).unwrap();
    }
    let out = rescc(dir.path(), &["build", "a/resume.yaml", "b/resume.yaml", "--format", "txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("a/out/Priya_Raman_Resume.txt").is_file());
    assert!(dir.path().join("b/out/Priya_Raman_Resume.txt").is_file());
    let out = rescc(dir.path(), &["build", "a/resume.yaml", "b/resume.yaml", "-o", "dist"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: -o takes one resume, and 2 were given\n");
}
