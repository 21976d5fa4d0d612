//! `rescc build --watch` rebuilds on each save, including saves by rename, and keeps the last
//! good output when a save breaks the resume.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

/// Generous: the machine may be busy; a healthy rebuild takes milliseconds.
const TIMEOUT: Duration = Duration::from_secs(60);

#[test]
fn each_save_triggers_one_rebuild() {
    let (dir, resume) = staged("unicode.yaml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rescc"))
        .args(["build", "unicode.yaml", "--watch", "--format", "pdf"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let next = || rx.recv_timeout(TIMEOUT).expect("a result line within the timeout");
    let first = next();
    assert!(first.starts_with("built in ") && first.contains("1 page"), "{first}");
    let pdf = std::fs::read_dir(dir.path().join("out")).unwrap().next().unwrap().unwrap().path();
    let good = std::fs::read(&pdf).unwrap();

    // An in-place save.
    let text = std::fs::read_to_string(&resume).unwrap();
    std::fs::write(&resume, text.replacen("Zoë Ødegård", "Zoë Ødegård-Berg", 1)).unwrap();
    let second = next();
    assert!(second.starts_with("built in "), "{second}");

    // A broken save by rename, as many editors do: the last good output stays.
    let good_second = std::fs::read(dir.path().join("out/Zoë_Ødegård-Berg_Resume.pdf")).unwrap();
    let tmp = dir.path().join(".unicode.yaml.swp");
    std::fs::write(&tmp, text.replacen("Zoë Ødegård", "Zoë Ødegård-Berg", 1).replace("start: 20", "start: 19x"))
        .unwrap();
    std::fs::rename(&tmp, &resume).unwrap();
    let third = next();
    assert!(third.starts_with("failed in ") && third.ends_with("the last good output is kept"), "{third}");
    assert_eq!(std::fs::read(dir.path().join("out/Zoë_Ødegård-Berg_Resume.pdf")).unwrap(), good_second);
    assert_eq!(std::fs::read(&pdf).unwrap(), good);

    child.kill().unwrap();
    child.wait().unwrap();
    assert!(rx.try_recv().is_err(), "no extra rebuilds");
}
