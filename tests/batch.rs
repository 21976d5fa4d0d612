//! `rescc build --job`: one tailored PDF and DOCX per job, `report.json`, and failures that
//! stay with their own job.

mod common;

use std::path::Path;

use common::*;

/// A temporary folder with `tagged.yaml` and the fixture postings under `jobs/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("tagged.yaml"), dir.path().join("tagged.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("jobs")).unwrap();
    for name in ["acme-payments.yaml", "data-platform.yaml", "data-platform.txt", "platform-k8s.yaml"] {
        std::fs::copy(fixture(&format!("jobs/{name}")), dir.path().join("jobs").join(name)).unwrap();
    }
    dir
}

fn report(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("out/report.json")).unwrap()).unwrap()
}

fn assert_built(dir: &Path, id: &str) {
    for ext in ["pdf", "docx"] {
        let file = dir.join(format!("out/{id}/Tomás_Ferreira_Resume.{ext}"));
        assert!(file.metadata().is_ok_and(|m| m.len() > 1000), "{} is missing", file.display());
    }
}

#[test]
fn each_job_gets_its_own_folder_and_report_entry() {
    let dir = workspace();
    let out = rescc(dir.path(), &["build", "tagged.yaml", "--job", "jobs/*.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids = ["acme-payments", "data-platform", "kestrel-platform"];
    for id in ids {
        assert_built(dir.path(), id);
    }
    let folders = std::fs::read_dir(dir.path().join("out")).unwrap().filter(|e| e.as_ref().unwrap().path().is_dir());
    assert_eq!(folders.count(), ids.len(), "one folder per job, nothing else");
    let json = report(dir.path());
    let jobs = json["jobs"].as_array().unwrap();
    let listed: Vec<&str> = jobs.iter().map(|j| j["id"].as_str().unwrap()).collect();
    assert_eq!(listed, ids, "sorted by job file");
    for job in jobs {
        assert_eq!(job["exit_code"], 0);
        assert!(job["pages"].as_u64().is_some_and(|p| p >= 1));
        assert_eq!(job["outputs"].as_array().unwrap().len(), 2);
        assert!(job["match"]["coverage"].as_u64().is_some());
    }
    let table = stdout(&out);
    assert!(table.starts_with("job "), "{table}");
    for id in ids {
        let row = table.lines().find(|l| l.starts_with(id)).unwrap_or_else(|| panic!("{id} row\n{table}"));
        assert!(row.contains('%'), "{row}");
    }
    if have("pdftotext") {
        // Tailoring shows: the payments variant has the job's headline and no data bullets.
        let text = pdftotext(&dir.path().join("out/acme-payments/Tomás_Ferreira_Resume.pdf"));
        assert!(text.contains("Senior Backend Engineer, Payments"), "{text}");
        assert!(!text.contains("Great Expectations"), "{text}");
        let text = pdftotext(&dir.path().join("out/data-platform/Tomás_Ferreira_Resume.pdf"));
        assert!(normalize(&text).contains("Great Expectations"), "{text}");
    }
}

#[test]
fn a_broken_job_fails_alone() {
    let dir = workspace();
    let broken = "company: Broken Ltd\ntitel: Engineer\nposting: We need Go.\n";
    std::fs::write(dir.path().join("jobs/broken.yaml"), broken).unwrap();
    let out = rescc(dir.path(), &["build", "tagged.yaml", "--job", "jobs/*.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "the exit code reports the failure\n{err}");
    assert!(err.contains("jobs/broken.yaml:2:1") && err.contains("did you mean `title`?"), "{err}");
    for id in ["acme-payments", "data-platform", "kestrel-platform"] {
        assert_built(dir.path(), id);
    }
    assert!(!dir.path().join("out/broken").exists());
    let json = report(dir.path());
    let jobs = json["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 4);
    let failed: Vec<&serde_json::Value> = jobs.iter().filter(|j| j["exit_code"] != 0).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["file"], "jobs/broken.yaml");
    assert_eq!(failed[0]["exit_code"], 2);
    assert!(failed[0]["diagnostics"][0]["line"].as_u64().is_some(), "located: {}", failed[0]);
    assert!(stdout(&out).contains("3 of 4 jobs built"), "{}", stdout(&out));
}

#[test]
fn a_job_that_overflows_its_page_limit_fails_alone() {
    let dir = workspace();
    // Every bullet kept (no tags) on one page is more than auto-fit can fit.
    let job = |pages: u8| {
        format!("company: Big Co\ntitle: Engineer\nposting: Go, Python and Kubernetes.\nmax_pages: {pages}\n")
    };
    std::fs::write(dir.path().join("jobs/one-page.yaml"), job(1)).unwrap();
    std::fs::write(dir.path().join("jobs/two-pages.yaml"), job(2)).unwrap();
    std::fs::copy(fixture("overflow.yaml"), dir.path().join("overflow.yaml")).unwrap();
    let out = rescc(dir.path(), &["build", "overflow.yaml", "--job", "jobs/one-page.yaml", "--job", "jobs/two-*.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("jobs/one-page.yaml:4:12"), "the page limit points at the job's max_pages\n{err}");
    let json = report(dir.path());
    let codes: Vec<(&str, u64)> = json["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| (j["id"].as_str().unwrap(), j["exit_code"].as_u64().unwrap()))
        .collect();
    assert_eq!(codes, [("one-page", 1), ("two-pages", 0)]);
    assert!(!dir.path().join("out/one-page").exists(), "a failed check writes nothing");
    assert!(dir.path().join("out/two-pages/Daniel_Okafor_Resume.pdf").is_file());
}

#[test]
fn duplicate_ids_and_empty_globs_are_refused() {
    let dir = workspace();
    let copy = std::fs::read_to_string(dir.path().join("jobs/acme-payments.yaml")).unwrap();
    std::fs::write(dir.path().join("jobs/zz-copy.yaml"), copy).unwrap();
    let out = rescc(dir.path(), &["build", "tagged.yaml", "--job", "jobs/*.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the id `acme-payments` is also the id of `jobs/zz-copy.yaml`"), "{}", stderr(&out));
    assert!(!dir.path().join("out/acme-payments").exists(), "neither job with the id is built");
    assert_built(dir.path(), "data-platform");
    let out = rescc(dir.path(), &["build", "tagged.yaml", "--job", "postings/*.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no job file matches `postings/*.yaml`"), "{}", stderr(&out));
}

#[test]
fn a_job_whose_folder_cannot_be_written_fails_alone() {
    let dir = workspace();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/acme-payments"), "a file where the folder goes").unwrap();
    let out = rescc(dir.path(), &["build", "tagged.yaml", "--job", "jobs/*.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    assert_built(dir.path(), "data-platform");
    assert_built(dir.path(), "kestrel-platform");
    let json = report(dir.path());
    let acme = &json["jobs"][0];
    assert_eq!((acme["id"].as_str(), acme["exit_code"].as_u64()), (Some("acme-payments"), Some(2)));
    assert_eq!(acme["outputs"].as_array().unwrap().len(), 0, "nothing was written: {acme}");
}

#[test]
fn three_hundred_jobs_on_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let resume =
        "name: Ada Byte\ncontact:\n  email: ada@example.com\nskills:\n  - { group: Languages, items: [Go, SQL] }\n";
    std::fs::write(dir.path().join("r.yaml"), resume).unwrap();
    std::fs::create_dir(dir.path().join("jobs")).unwrap();
    for i in 0..300 {
        // Each its own headline, so each is its own document: 300 compilations, none shared.
        let job = format!("company: Acme {i}\ntitle: Engineer\nheadline: Engineer {i}\nposting: We need Go and SQL.\n");
        std::fs::write(dir.path().join(format!("jobs/job-{i:03}.yaml")), job).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rescc"))
        .args(["build", "r.yaml", "--job", "jobs/*.yaml", "--format", "pdf,txt"])
        .current_dir(dir.path())
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("300 of 300 jobs built; report in out/report.json\n"), "{}", stdout(&out));
    let json = report(dir.path());
    let jobs = json["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 300);
    for (i, job) in jobs.iter().enumerate() {
        assert_eq!((job["id"].as_str(), job["exit_code"].as_u64()), (Some(format!("job-{i:03}").as_str()), Some(0)));
        let txt = std::fs::read_to_string(dir.path().join(format!("out/job-{i:03}/Ada_Byte_Resume.txt"))).unwrap();
        assert!(txt.contains(&format!("Engineer {i}\n")), "job {i} holds its own tailoring:\n{txt}");
    }
}
