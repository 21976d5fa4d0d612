//! `rescc build --watch` rebuilds on each save, including saves by rename, keeps the last good
//! output when a save breaks the resume, says once that a file went missing, and rebuilds a
//! batch (new job files included) with `--job`. Every test stops its watcher.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

/// Generous: the machine may be busy; a healthy rebuild takes milliseconds.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A running watcher whose standard output is read line by line; killed when dropped.
struct Watcher {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watcher {
    fn start(dir: &Path, args: &[&str]) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rescc"))
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Watcher { child, lines }
    }

    /// The next line, with a rebuild's `[hh:mm:ss] ` stamp checked and removed.
    fn next(&self) -> String {
        let line = self.lines.recv_timeout(TIMEOUT).expect("a line within the timeout");
        let Some(rest) = line.strip_prefix('[') else { return line };
        let (stamp, rest) = rest.split_once("] ").expect("a stamped line");
        let digits: Vec<&str> = stamp.split(':').collect();
        assert!(digits.len() == 3 && digits.iter().all(|d| d.len() == 2), "stamp `{stamp}`");
        rest.to_string()
    }

    /// Stops the watcher and asserts it printed nothing more.
    fn stop(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(100));
        assert!(self.lines.try_recv().is_err(), "no extra output");
    }
}

#[test]
fn each_save_triggers_one_rebuild() {
    let (dir, resume) = staged("unicode.yaml");
    let watcher = Watcher::start(dir.path(), &["build", "unicode.yaml", "--watch", "--format", "pdf"]);
    assert_eq!(watcher.next(), "watching unicode.yaml -> out/; Ctrl-C to stop");
    let first = watcher.next();
    assert!(first.starts_with("built in ") && first.contains("1 page"), "{first}");
    let pdf = std::fs::read_dir(dir.path().join("out")).unwrap().next().unwrap().unwrap().path();
    let good = std::fs::read(&pdf).unwrap();

    // An in-place save.
    let text = std::fs::read_to_string(&resume).unwrap();
    std::fs::write(&resume, text.replacen("Zoë Ødegård", "Zoë Ødegård-Berg", 1)).unwrap();
    let second = watcher.next();
    assert!(second.starts_with("built in "), "{second}");

    // A broken save by rename, as many editors do: the last good output stays.
    let good_second = std::fs::read(dir.path().join("out/Zoë_Ødegård-Berg_Resume.pdf")).unwrap();
    let tmp = dir.path().join(".unicode.yaml.swp");
    std::fs::write(&tmp, text.replacen("Zoë Ødegård", "Zoë Ødegård-Berg", 1).replace("start: 20", "start: 19x"))
        .unwrap();
    std::fs::rename(&tmp, &resume).unwrap();
    let third = watcher.next();
    assert!(third.starts_with("failed in ") && third.ends_with("the last good output is kept"), "{third}");
    assert_eq!(std::fs::read(dir.path().join("out/Zoë_Ødegård-Berg_Resume.pdf")).unwrap(), good_second);
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    watcher.stop();
}

#[test]
fn a_deleted_resume_is_one_message_and_its_return_a_build() {
    let (dir, resume) = staged("unicode.yaml");
    let watcher = Watcher::start(dir.path(), &["build", "unicode.yaml", "--watch", "--format", "txt", "--no-clear"]);
    assert!(watcher.next().starts_with("watching "));
    assert!(watcher.next().starts_with("built in "));
    let text = std::fs::read(&resume).unwrap();
    std::fs::remove_file(&resume).unwrap();
    assert_eq!(watcher.next(), "unicode.yaml is missing; waiting for it to be saved again");
    std::fs::write(&resume, text).unwrap();
    assert!(watcher.next().starts_with("built in "));
    watcher.stop();
}

#[test]
fn a_batch_is_rebuilt_and_a_new_job_file_joins_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("tagged.yaml"), dir.path().join("tagged.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("jobs")).unwrap();
    let job = std::fs::read_to_string(fixture("jobs/acme-payments.yaml")).unwrap();
    std::fs::write(dir.path().join("jobs/acme.yaml"), &job).unwrap();
    let watcher = Watcher::start(
        dir.path(),
        &["build", "tagged.yaml", "--job", "jobs/*.yaml", "--watch", "-q", "--format", "txt"],
    );
    assert_eq!(watcher.next(), "watching tagged.yaml, jobs/*.yaml -> out/; Ctrl-C to stop");
    let first = watcher.next();
    assert!(first.starts_with("built in ") && first.ends_with(": 1 job"), "{first}");

    let id = job.lines().find_map(|l| l.strip_prefix("id: ")).unwrap().trim();
    std::fs::write(dir.path().join("jobs/second.yaml"), job.replace(&format!("id: {id}"), "id: second")).unwrap();
    let second = watcher.next();
    assert!(second.starts_with("built in ") && second.ends_with(": 2 jobs"), "{second}");
    assert!(dir.path().join("out/second").is_dir());
    watcher.stop();
}

#[cfg(unix)]
#[test]
fn a_resume_that_becomes_a_device_is_one_failure_not_a_read_without_end() {
    let (dir, resume) = staged("unicode.yaml");
    let watcher = Watcher::start(dir.path(), &["build", "unicode.yaml", "--watch", "--format", "txt", "--no-clear"]);
    assert!(watcher.next().starts_with("watching "));
    assert!(watcher.next().starts_with("built in "));
    // Saved by rename as a link to an endless device: change detection reads it within the cap,
    // and the build refuses it by its type.
    let link = dir.path().join(".unicode.yaml.tmp");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    std::fs::rename(&link, &resume).unwrap();
    let failed = watcher.next();
    assert!(failed.starts_with("failed in ") && failed.ends_with("the last good output is kept"), "{failed}");
    watcher.stop();
}
