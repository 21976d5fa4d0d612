//! The README tells the truth: its sample outputs are what the current binary prints, and its
//! set-up lines name the Rust version and the packages CI installs.
//!
//! A sample is a fenced block after `<!-- sample: COMMAND -->`; the command runs from the
//! repository root with this build's `rescc` first on the PATH and the date pinned. Run
//! `scripts/readme-samples.sh` to regenerate the samples after a change to what rescc prints.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// The date the samples are made on (2026-11-30), so only a change to rescc changes them.
const SAMPLE_EPOCH: &str = "1796000000";
const MARKER: &str = "<!-- sample: ";

/// What `command` prints, standard error merged in order unless the command redirects it.
fn run(command: &str) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_rescc")).parent().unwrap();
    let merged = if command.contains("2>") { command.to_string() } else { format!("exec 2>&1; {command}") };
    let out = Command::new("sh")
        .arg("-c")
        .arg(merged)
        .current_dir(root())
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
        .env("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
        .env_remove("CI")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The README with every sample block replaced by the output of its command.
fn regenerated(readme: &str) -> String {
    let mut out = String::new();
    let mut lines = readme.split_inclusive('\n');
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(command) = line.trim().strip_prefix(MARKER).and_then(|l| l.strip_suffix("-->")) else { continue };
        let fence = lines.next().expect("a fenced block after a sample marker");
        assert!(fence.starts_with("```"), "a fenced block must follow `{line}`");
        out.push_str(fence);
        for line in lines.by_ref() {
            if line.starts_with("```") {
                out.push_str(&run(command.trim()));
                out.push_str(line);
                break;
            }
        }
    }
    out
}

#[test]
fn samples_are_what_the_binary_prints() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    assert!(readme.matches(MARKER).count() >= 4, "the build line, a check, a match and a batch");
    let fresh = regenerated(&readme);
    if std::env::var_os("RESCC_README_UPDATE").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    if fresh != readme {
        let drift = fresh.lines().zip(readme.lines()).find(|(a, b)| a != b);
        panic!("README samples drifted (run scripts/readme-samples.sh); first difference: {drift:?}");
    }
}

#[test]
fn set_up_names_the_rust_version_and_the_packages_ci_installs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let version = manifest.lines().find_map(|l| l.strip_prefix("rust-version = ")).unwrap().trim_matches('"');
    let head: String = readme.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(head.contains(&format!("Rust {version}")) && head.contains("rustup"), "{head}");
    assert!(head.contains("cargo install --locked --path ."), "{head}");
    // The packages of the first `apt-get install`, to the line that does not continue.
    let packages = |text: &str| -> Vec<String> {
        let at = text.find("apt-get install").expect("an apt-get install line") + "apt-get install".len();
        let mut names = Vec::new();
        for line in text[at..].lines() {
            names.extend(line.split_whitespace().filter(|w| !w.starts_with(['-', '>', '\\'])).map(String::from));
            if !line.trim_end().ends_with('\\') {
                break;
            }
        }
        names.sort();
        names
    };
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert_eq!(packages(&head), packages(&ci), "the README's apt-get line lists what .ci/run installs");
}
