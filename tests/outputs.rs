//! No output replaces an input: every file a command reads (resume, job files, postings, the
//! custom layout and what it reads, font files) is compared with every path it would write, by
//! identity, before anything is written. Job ids that would make a bad folder fail their job alone.

mod common;

use std::path::Path;

use common::*;

/// The custom-layout fixture (which reads `tagline.txt`) and one job for it, in a fresh folder.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["resume.yaml", "layout.typ", "tagline.txt"] {
        std::fs::copy(fixture(&format!("custom/{name}")), dir.path().join(name)).unwrap();
    }
    std::fs::create_dir(dir.path().join("jobs")).unwrap();
    std::fs::write(dir.path().join("jobs/fernway.yaml"), job("fernway", "posting: We need Python and PostgreSQL.\n"))
        .unwrap();
    dir
}

fn job(id: &str, posting: &str) -> String {
    format!("id: {id}\ncompany: Fernway\ntitle: Backend Developer\n{posting}")
}

/// Puts a symbolic link to `input` where the build will write `output`.
fn link(dir: &Path, input: &str, output: &str) {
    let output = dir.join(output);
    std::fs::create_dir_all(output.parent().unwrap()).unwrap();
    let target = dir.join(input).canonicalize().unwrap();
    std::os::unix::fs::symlink(target, output).unwrap();
}

/// The command failed with exit 2 naming the output and the input, and `input` is unchanged.
fn assert_refused(dir: &Path, args: &[&str], output: &str, input: &str) {
    let before = std::fs::read(dir.join(input)).unwrap();
    let out = rescc(dir, args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let expected = format!("error: the output `{output}` would replace the input `{input}`");
    assert!(stderr(&out).contains(&expected), "expected `{expected}` in:\n{}", stderr(&out));
    assert_eq!(std::fs::read(dir.join(input)).unwrap(), before, "{input} was replaced");
}

#[test]
fn a_batch_report_never_replaces_the_resume() {
    let dir = workspace();
    std::fs::copy(fixture("jsonresume/sample.json"), dir.path().join("report.json")).unwrap();
    let job = dir.path().join("jobs/fernway.yaml");
    let args = ["build", "report.json", "--job", job.to_str().unwrap(), "-o", "."];
    assert_refused(dir.path(), &args, "./report.json", "report.json");
    assert!(!dir.path().join("fernway").exists(), "no job was built before the report was checked");
}

#[cfg(unix)]
#[test]
fn no_output_replaces_the_resume_its_layout_or_a_file_the_layout_reads() {
    for input in ["resume.yaml", "layout.typ", "tagline.txt"] {
        let dir = workspace();
        link(dir.path(), input, "out/Sam_Carter_Resume.txt");
        let args = ["build", "resume.yaml", "--format", "pdf,txt"];
        assert_refused(dir.path(), &args, "out/Sam_Carter_Resume.txt", input);
        assert!(!dir.path().join("out/Sam_Carter_Resume.pdf").exists(), "{input}: nothing is written");
    }
}

#[cfg(unix)]
#[test]
fn no_output_replaces_a_font_file() {
    let dir = workspace();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::copy(root().join("fonts/Carlito-Regular.ttf"), dir.path().join("fonts/Extra.ttf")).unwrap();
    link(dir.path(), "fonts/Extra.ttf", "out/Sam_Carter_Resume.md");
    let args = ["build", "resume.yaml", "--format", "pdf,md", "--font-path", "fonts"];
    assert_refused(dir.path(), &args, "out/Sam_Carter_Resume.md", "fonts/Extra.ttf");
}

#[cfg(unix)]
#[test]
fn no_job_output_replaces_a_job_file_or_a_posting() {
    // A job file where another job's output goes: that job fails, the other builds.
    let dir = workspace();
    std::fs::write(dir.path().join("jobs/other.yaml"), job("other", "posting: Python.\n")).unwrap();
    link(dir.path(), "jobs/other.yaml", "out/fernway/Sam_Carter_Resume.txt");
    let args = ["build", "resume.yaml", "--job", "jobs/*.yaml", "--format", "pdf,txt"];
    assert_refused(dir.path(), &args, "out/fernway/Sam_Carter_Resume.txt", "jobs/other.yaml");
    assert!(dir.path().join("out/other/Sam_Carter_Resume.pdf").is_file(), "the other job built");
    assert!(!dir.path().join("out/fernway/Sam_Carter_Resume.pdf").exists());

    // A posting file read from where its own job writes.
    let dir = workspace();
    std::fs::create_dir_all(dir.path().join("out/fernway")).unwrap();
    std::fs::write(dir.path().join("out/fernway/Sam_Carter_Resume.txt"), "We need Python.").unwrap();
    let posting = "posting_file: ../out/fernway/Sam_Carter_Resume.txt\n";
    std::fs::write(dir.path().join("jobs/fernway.yaml"), job("fernway", posting)).unwrap();
    let named = "jobs/../out/fernway/Sam_Carter_Resume.txt";
    assert_refused(dir.path(), &args, "out/fernway/Sam_Carter_Resume.txt", named);

    // A job whose folder would be a job file: the id names the file itself.
    let dir = workspace();
    std::fs::write(dir.path().join("jobs/fernway.yaml"), job("fernway.yaml", "posting: Python.\n")).unwrap();
    let args = ["build", "resume.yaml", "--job", "jobs/*.yaml", "-o", "jobs"];
    assert_refused(dir.path(), &args, "jobs/fernway.yaml", "jobs/fernway.yaml");
}

#[test]
fn bad_job_ids_fail_their_job_alone() {
    let dir = workspace();
    let jobs = [
        ("a-slash.yaml", "id: acme/payments\n"),
        ("b-dots.yaml", "id: ..\n"),
        ("c-report.yaml", "id: Report.json\n"),
        ("d-same.yaml", "id: same\n"),
        ("e-same.yaml", "id: Same\n"),
    ];
    for (file, id) in jobs {
        let text = format!("{id}company: Fernway\ntitle: Backend Developer\nposting: We need Python.\n");
        std::fs::write(dir.path().join("jobs").join(file), text).unwrap();
    }
    let out = rescc(dir.path(), &["build", "resume.yaml", "--job", "jobs/*.yaml", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "error: the id `acme/payments` is not a usable folder name\n  --> jobs/a-slash.yaml:1:5",
        "error: the id `..` is not a usable folder name\n  --> jobs/b-dots.yaml:1:5",
        "error: the id `Report.json` is the name of the batch's report\n  --> jobs/c-report.yaml:1:5",
        "error: the id `same` is also the id of `jobs/e-same.yaml`\n  --> jobs/d-same.yaml:1:5",
        "error: the id `Same` is also the id of `jobs/d-same.yaml`\n  --> jobs/e-same.yaml:1:5",
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/report.json")).unwrap()).unwrap();
    let codes: Vec<u64> = report["jobs"].as_array().unwrap().iter().map(|j| j["exit_code"].as_u64().unwrap()).collect();
    assert_eq!(codes, [2, 2, 2, 2, 2, 0], "only the job with a good id builds");
    assert!(dir.path().join("out/fernway/Sam_Carter_Resume.pdf").is_file());
}

#[test]
fn a_posting_file_outside_the_job_and_resume_folders_is_refused() {
    let dir = workspace();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOKEN=hunter2 Python").unwrap();
    for path in [outside.path().join("secret.txt").display().to_string(), "/proc/self/environ".to_string()] {
        let posting = format!("posting_file: {path}\n");
        std::fs::write(dir.path().join("jobs/fernway.yaml"), job("fernway", &posting)).unwrap();
        let out = rescc(dir.path(), &["build", "resume.yaml", "--job", "jobs/fernway.yaml", "--format", "pdf"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let expected =
            format!("error: `{path}` is outside the job file's folder and the resume's\n  --> jobs/fernway.yaml:4:15");
        assert!(stderr(&out).contains(&expected), "expected `{expected}` in:\n{}", stderr(&out));
        let report = std::fs::read_to_string(dir.path().join("out/report.json")).unwrap();
        assert!(!report.contains("hunter2") && !report.contains("PATH="), "the file reached the report");
    }
    // The resume's folder tree is allowed, as is the job file's own.
    std::fs::write(dir.path().join("posting.txt"), "We need Python and PostgreSQL.").unwrap();
    std::fs::write(dir.path().join("jobs/fernway.yaml"), job("fernway", "posting_file: ../posting.txt\n")).unwrap();
    let out = rescc(dir.path(), &["build", "resume.yaml", "--job", "jobs/fernway.yaml", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_layout_that_never_finishes_ends_the_build_at_its_deadline() {
    let dir = workspace();
    // About 10^8 iterations: minutes of work for Typst, in little memory.
    let spin = "#for a in range(10000) { for b in range(10000) { } }\n";
    let layout = std::fs::read_to_string(dir.path().join("layout.typ")).unwrap();
    std::fs::write(dir.path().join("layout.typ"), format!("{spin}{layout}")).unwrap();
    let started = std::time::Instant::now();
    let out = rescc(dir.path(), &["build", "resume.yaml", "--layout-timeout", "0.5"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error[layout-timeout]: layout.typ: the layout did not finish within 0.5 s\n"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "the command ended soon after the deadline");
    assert!(!dir.path().join("out").exists(), "nothing is written");

    // In a batch the job fails, and no later job starts: each would wait out the deadline too.
    for id in ["b", "c", "d"] {
        std::fs::write(dir.path().join(format!("jobs/{id}.yaml")), job(id, "posting: Python.\n")).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rescc"))
        .args(["build", "resume.yaml", "--job", "jobs/*.yaml", "--layout-timeout", "0.5"])
        .current_dir(dir.path())
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/report.json")).unwrap()).unwrap();
    let stopped = report["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["diagnostics"][0]["message"].as_str().unwrap().starts_with("not built: the batch stopped"));
    assert_eq!(stopped.count(), 3, "the first job ran out of time; the other three did not start: {report}");
}

/// A WebAssembly module whose start function loops forever: Typst runs it when it loads the plugin.
const SPINNING_PLUGIN: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: () -> ()
    0x03, 0x02, 0x01, 0x00, // functions: one of type 0
    0x05, 0x03, 0x01, 0x00, 0x01, // memory: one page
    0x07, 0x0a, 0x01, 0x06, b'm', b'e', b'm', b'o', b'r', b'y', 0x02, 0x00, // export "memory"
    0x08, 0x01, 0x00, // start: function 0
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b, // code: loop { br 0 }
];

#[test]
fn a_plugin_that_spins_ends_the_build_at_its_deadline() {
    let dir = workspace();
    std::fs::write(dir.path().join("spin.wasm"), SPINNING_PLUGIN).unwrap();
    let layout = std::fs::read_to_string(dir.path().join("layout.typ")).unwrap();
    std::fs::write(dir.path().join("layout.typ"), format!("#let spin = plugin(\"spin.wasm\")\n{layout}")).unwrap();
    let out = rescc(dir.path(), &["build", "resume.yaml", "--layout-timeout", "0.5"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error[layout-timeout]: layout.typ: the layout did not finish within 0.5 s\n"));
    assert!(!dir.path().join("out").exists(), "nothing is written");
}

#[test]
fn a_file_a_layout_reads_is_capped() {
    let dir = workspace();
    // Three gigabytes that take no room: a sparse file.
    std::fs::File::create(dir.path().join("big.bin")).unwrap().set_len(3 << 30).unwrap();
    let layout = std::fs::read_to_string(dir.path().join("layout.typ")).unwrap();
    let reads = format!("#let big = read(\"big.bin\", encoding: none)\n{layout}");
    std::fs::write(dir.path().join("layout.typ"), reads).unwrap();
    let out = rescc(dir.path(), &["build", "resume.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("failed to load file (`big.bin` is over 16 MiB; a layout reads small files)"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--> layout.typ:1:17"), "{}", stderr(&out));
}

#[test]
fn the_layout_timeout_is_checked() {
    let dir = workspace();
    for (value, expected) in [("0", "0 s is outside 0–3600 s"), ("soon", "`soon` is not a number of seconds")] {
        let out = rescc(dir.path(), &["build", "resume.yaml", "--layout-timeout", value]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
}
