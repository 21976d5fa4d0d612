//! Output safety: a build killed at any moment leaves the previous complete set of files or the
//! new complete set, never a torn file or a mix; a target that cannot be replaced leaves every
//! output as it was; identical input gives identical bytes whatever the thread count, with no
//! paths or timestamps inside.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

const FORMATS: [&str; 4] = ["pdf", "docx", "txt", "md"];

/// The four outputs of a build of `unicode.yaml`, in the order of [`FORMATS`].
fn outputs(dir: &std::path::Path) -> Vec<Vec<u8>> {
    let read = |ext: &str| std::fs::read(dir.join(format!("out/Zoë_Ødegård_Resume.{ext}"))).unwrap_or_default();
    FORMATS.iter().map(|ext| read(ext)).collect()
}

/// Whether a killed build left the journal of a set it was renaming (the next build finishes it).
fn set_in_progress(dir: &std::path::Path) -> bool {
    let entries = std::fs::read_dir(dir.join("out")).unwrap();
    entries.flatten().any(|e| e.file_name().to_string_lossy().ends_with(".set"))
}

#[test]
fn a_build_killed_at_random_moments_never_leaves_a_torn_file_or_a_mixed_set() {
    let (dir, resume) = staged("unicode.yaml");
    let started = std::time::Instant::now();
    let build = ["build", "unicode.yaml", "--format", "pdf,docx,txt,md", "-q"];
    assert_eq!(rescc(dir.path(), &build).status.code(), Some(0));
    // Kills spread over one and a half build times land before, during and after the writes.
    let span = started.elapsed().as_micros() as u64 * 3 / 2;
    let old = outputs(dir.path());
    let text = std::fs::read_to_string(&resume).unwrap();
    std::fs::write(&resume, text.replacen("Backend", "Platform", 1)).unwrap();

    // A fixed pseudo-random sequence of kill delays.
    let mut seed: u64 = 0x5eed;
    let (mut saw_new, mut mid_set) = (false, 0);
    for _ in 0..25 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % span);
        let mut child = Command::new(env!("CARGO_BIN_EXE_rescc"))
            .args(build)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let now = outputs(dir.path());
        assert!(now[0] == old[0] || now[0].ends_with(b"%%EOF\n") || now[0].ends_with(b"%%EOF"), "a torn PDF");
        assert!(now[1] == old[1] || zip_is_complete(&now[1]), "a torn DOCX");
        if set_in_progress(dir.path()) {
            mid_set += 1; // killed among the renames: the next build completes the set
        } else {
            let replaced: Vec<bool> = now.iter().zip(&old).map(|(now, old)| now != old).collect();
            assert!(replaced.iter().all(|r| *r == replaced[0]), "a mixed set: replaced {replaced:?} of {FORMATS:?}");
        }
        saw_new |= now[0] != old[0];
    }
    // Finally let one finish: the new complete files are in place, and what killed builds left
    // behind is swept once it is old enough that no running build can own it.
    let out = dir.path().join("out");
    let temporaries = || -> Vec<std::path::PathBuf> {
        let mut found: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".rescc-"))
            .collect();
        found.sort();
        found
    };
    let stale = out.join(".rescc-stale.tmp");
    let fresh = out.join(".rescc-fresh.tmp");
    std::fs::write(&stale, b"half a PDF").unwrap();
    std::fs::write(&fresh, b"a running build's PDF").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(an_hour_ago).unwrap();
    let left_by_kills: Vec<_> = temporaries().into_iter().filter(|p| *p != stale && *p != fresh).collect();
    for path in &left_by_kills {
        std::fs::File::options().write(true).open(path).unwrap().set_modified(an_hour_ago).unwrap();
    }
    assert_eq!(rescc(dir.path(), &build).status.code(), Some(0));
    let new = outputs(dir.path());
    assert!(new.iter().zip(&old).all(|(new, old)| new != old), "every format is replaced");
    assert_eq!(temporaries(), vec![fresh], "stale temporaries are removed, a fresh one is kept");
    eprintln!(
        "killed builds left {} temporary file(s); {mid_set} kill(s) landed among the renames",
        left_by_kills.len()
    );
    assert!(saw_new, "no kill landed after a build had replaced the PDF");
}

#[test]
fn a_target_that_cannot_be_replaced_leaves_every_output_as_it_was() {
    let (dir, resume) = staged("unicode.yaml");
    let build = ["build", "unicode.yaml", "--format", "pdf,docx,txt,md"];
    assert_eq!(rescc(dir.path(), &build).status.code(), Some(0));
    let old = outputs(dir.path());
    let text = std::fs::read_to_string(&resume).unwrap();
    std::fs::write(&resume, text.replacen("Backend", "Platform", 1)).unwrap();
    // The Markdown file's place is taken by a folder: renames would succeed for the other three.
    let md = dir.path().join("out/Zoë_Ødegård_Resume.md");
    std::fs::remove_file(&md).unwrap();
    std::fs::create_dir(&md).unwrap();
    let out = rescc(dir.path(), &build);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: cannot write `out/Zoë_Ødegård_Resume.md`: a folder is in its place"),
        "{}",
        stderr(&out)
    );
    let now = outputs(dir.path());
    for (i, ext) in FORMATS.iter().enumerate().take(3) {
        assert!(now[i] == old[i], "the {ext} was replaced although the set could not be");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 4, "no temporary file is left: {left:?}");
}

/// A ZIP ends with its end-of-central-directory record; a torn write would lack it.
fn zip_is_complete(bytes: &[u8]) -> bool {
    bytes.len() > 22 && bytes[bytes.len() - 22..].starts_with(b"PK\x05\x06")
}

#[test]
fn identical_bytes_across_runs_and_thread_counts() {
    let (dir, _) = staged("example.yaml");
    let build = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_rescc"))
            .args(["build", "example.yaml", "-q"])
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let read = |ext: &str| std::fs::read(dir.path().join(format!("out/Priya_Raman_Resume.{ext}"))).unwrap();
        (read("pdf"), read("docx"))
    };
    let one = build("1");
    let two = build("2");
    assert!(one == two, "the thread count changed the output");
    assert!(one == build("2"), "two runs differ");
    let dir_name = dir.path().to_string_lossy().into_owned();
    for bytes in [&one.0, &one.1] {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(&dir_name) && !text.contains(env!("CARGO_MANIFEST_DIR")), "an absolute path leaked");
    }
    let pdf = String::from_utf8_lossy(&one.0);
    assert!(!pdf.contains("/CreationDate") && !pdf.contains("/ModDate"), "no timestamp without SOURCE_DATE_EPOCH");
}
