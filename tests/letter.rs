//! Cover letters: a job's `letter:` is built beside its tailored resume with the same header and
//! layout, on one page, read back line by line; the letter rules fire where the job file says
//! what they are about; user text stays text; identical input gives identical bytes.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const LETTER: &str = "out/acme-payments/Tomás_Ferreira_Cover_Letter";

/// `tagged.yaml` (in `layout`, when given) and the letter fixture as `jobs/acme-payments.yaml`.
fn workspace(layout: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut resume = std::fs::read_to_string(fixture("tagged.yaml")).unwrap();
    if let Some(layout) = layout {
        resume += &format!("layout:\n  template: {layout}\n");
    }
    std::fs::write(dir.path().join("tagged.yaml"), resume).unwrap();
    std::fs::create_dir(dir.path().join("jobs")).unwrap();
    std::fs::copy(fixture("letters/acme-payments.yaml"), dir.path().join("jobs/acme-payments.yaml")).unwrap();
    dir
}

/// The letter fixture with `from` replaced by `to`.
fn edit_letter(dir: &Path, from: &str, to: &str) {
    let path = dir.join("jobs/acme-payments.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "the fixture holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Builds every job, as of 2 March 2026 (the letter's date is the build's).
fn build(dir: &Path, formats: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rescc"))
        .args(["build", "tagged.yaml", "--job", "jobs/*.yaml", "--format", formats])
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1772409600")
        .output()
        .unwrap()
}

#[test]
fn a_golden_letter_for_each_built_in_layout() {
    for layout in ["classic", "compact", "modern"] {
        let dir = workspace(Some(layout));
        let out = build(dir.path(), "pdf,docx,txt");
        assert_eq!(out.status.code(), Some(0), "{layout}: {}", stderr(&out));
        assert!(!stderr(&out).contains("letter-"), "{layout}: the fixture passes every letter rule:\n{}", stderr(&out));
        let pdf = std::fs::read(dir.path().join(format!("{LETTER}.pdf"))).unwrap();
        let docx = std::fs::read(dir.path().join(format!("{LETTER}.docx"))).unwrap();
        let reading = rescc::verify::read(&pdf).unwrap();
        assert_eq!(reading.pages, 1, "{layout}: one page");
        let document = pretty(&part(&docx, "word/document.xml"));
        insta::with_settings!({ snapshot_suffix => layout, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("letter_pdf_text", reading.text());
            insta::assert_snapshot!("letter_docx_document_xml", document);
        });
        // The text as written, in order, in every output.
        let txt = std::fs::read_to_string(dir.path().join(format!("{LETTER}.txt"))).unwrap();
        let lines: Vec<String> = txt.lines().filter(|l| !l.is_empty()).map(String::from).collect();
        assert_eq!(lines[0], "Tomás Ferreira");
        let expected = [
            "2 March 2026",
            "Dana Okafor",
            "Payments Core",
            "Acme Pay",
            "Application for Senior Backend Engineer, Payments",
            "Dear Dana Okafor,",
        ];
        assert_eq!(lines[3..9], expected, "{layout}: the date, recipient, subject and greeting follow the header");
        assert_eq!(lines[lines.len() - 2..], ["Kind regards,", "Tomás Ferreira"], "{layout}");
        if have("pdftotext") {
            let extracted = normalize(&pdftotext(&dir.path().join(format!("{LETTER}.pdf"))));
            let paragraphs: Vec<String> = lines.iter().skip(3).map(|l| normalize(l)).collect();
            assert_eq!(
                paragraphs.len(),
                4 + 2 + 4 + 2,
                "{layout}: date, recipient (3), subject, greeting, 4 paragraphs, closing, name"
            );
            assert_in_order(&extracted, &paragraphs);
        } else {
            skip("pdftotext");
        }
        if have("soffice") {
            let converted = tempfile::tempdir().unwrap();
            let status = Command::new("soffice")
                .arg(format!("-env:UserInstallation=file://{}/profile", converted.path().display()))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(converted.path())
                .arg(dir.path().join(format!("{LETTER}.docx")))
                .output()
                .unwrap();
            assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
            let pdf = std::fs::read(converted.path().join("Tomás_Ferreira_Cover_Letter.pdf")).unwrap();
            assert_eq!(rescc::verify::read(&pdf).unwrap().pages, 1, "{layout}: LibreOffice lays the DOCX on one page");
        } else {
            skip("soffice");
        }
    }
}

#[test]
fn a_letter_that_does_not_fit_on_one_page_fails_its_job_alone() {
    let dir = workspace(None);
    let long =
        "    We measured every step of the settlement path and wrote down what we learned for the team.\n".repeat(60);
    edit_letter(dir.path(), "    I care as much", &format!("{long}\n    I care as much"));
    std::fs::copy(fixture("jobs/platform-k8s.yaml"), dir.path().join("jobs/platform-k8s.yaml")).unwrap();
    let out = build(dir.path(), "pdf,docx");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error[letter-page-limit]: the letter runs to 2 pages; a cover letter takes one"), "{err}");
    assert!(err.contains("--> jobs/acme-payments.yaml:14:1"), "at `letter:`:\n{err}");
    assert!(err.contains("= help: cut about "), "{err}");
    assert!(!dir.path().join("out/acme-payments").exists(), "nothing of the job is written, its resume included");
    assert!(dir.path().join("out/kestrel-platform/Tomás_Ferreira_Resume.pdf").is_file(), "the other job builds");

    // `--force` writes the failing letter as it writes a failing resume; the job still fails.
    let out = Command::new(env!("CARGO_BIN_EXE_rescc"))
        .args(["build", "tagged.yaml", "--job", "jobs/acme-payments.yaml", "--force"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error: job acme-payments failed: checks failed; written anyway (--force)"));
    assert!(dir.path().join(format!("{LETTER}.pdf")).is_file());
}

#[test]
fn each_letter_rule_fires_where_the_letter_says_it_and_is_quiet_otherwise() {
    let check = |dir: &Path| {
        let out = rescc(dir, &["check", "tagged.yaml", "--job", "jobs/acme-payments.yaml"]);
        stderr(&out)
    };
    // Quiet: the fixture passes every rule, in check as in build.
    let dir = workspace(None);
    let quiet = check(dir.path());
    assert!(!quiet.contains("letter-"), "{quiet}");

    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "  to: Dana Okafor\n",
            "  greeting: To whom it may concern,\n",
            "letter-greeting",
            "jobs/acme-payments.yaml:15:13",
        ),
        (
            "I would like to join Acme Pay",
            "I am writing to apply to Acme Pay",
            "letter-opening",
            "jobs/acme-payments.yaml:18:5",
        ),
        ("join Acme Pay as a Senior Backend Engineer", "join you as a Senior Backend Engineer", "letter-company", ""),
        ("as a Senior Backend Engineer on", "as an engineer on", "letter-role", ""),
        (
            "cutting the run from 6\n    hours to 40 minutes",
            "cutting the run by 85%",
            "letter-consistent",
            "jobs/acme-payments.yaml:25:91",
        ),
        (
            "I care as much about the people",
            "I am a passionate team player who cares about the people",
            "letter-filler",
            "jobs/acme-payments.yaml:30:12",
        ),
    ];
    for (from, to, rule, at) in cases {
        let dir = workspace(None);
        edit_letter(dir.path(), from, to);
        let err = check(dir.path());
        assert!(err.contains(&format!("warning[{rule}]")), "{rule} fires:\n{err}");
        if !at.is_empty() {
            let found = err.find(&format!("warning[{rule}]")).unwrap();
            assert!(err[found..].lines().nth(1).unwrap().ends_with(at), "{rule} at {at}:\n{err}");
        }
        let others: Vec<&str> = err.lines().filter(|l| l.contains("[letter-") && !l.contains(rule)).collect();
        assert!(others.is_empty(), "only {rule} fires: {others:?}");
    }

    // Length, figures and terms: a short letter with no number that names none of the stack.
    let dir = workspace(None);
    let path = dir.path().join("jobs/acme-payments.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let short = "  body: |\n    I would like to join Acme Pay as a Senior Backend Engineer.\n\n    I build reliable services.\n\n    Thank you.\n";
    let cut = text.find("  body: |").unwrap();
    std::fs::write(&path, format!("{}{short}", &text[..cut])).unwrap();
    let err = check(dir.path());
    for rule in ["letter-length", "letter-figure", "letter-terms"] {
        assert!(err.contains(&format!("warning[{rule}]")), "{rule} fires:\n{err}");
    }
    assert!(err.contains("the letter has 18 words; 250–400 is the length recruiters read"), "{err}");
    assert!(err.contains("it leaves out `Go`"), "{err}");

    // Severities come from the resume's `checks:`: an error fails the job, and `off` is silent.
    let dir = workspace(None);
    edit_letter(dir.path(), "I would like to join Acme Pay", "I am writing to apply to Acme Pay");
    let resume = dir.path().join("tagged.yaml");
    let text = std::fs::read_to_string(&resume).unwrap();
    std::fs::write(&resume, format!("{text}checks:\n  letter-opening: error\n")).unwrap();
    let out = build(dir.path(), "pdf");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[letter-opening]"), "{}", stderr(&out));
    assert!(!dir.path().join("out/acme-payments").exists());
    std::fs::write(&resume, format!("{text}checks:\n  letter-opening: off\n")).unwrap();
    assert!(!check(dir.path()).contains("letter-opening"));
}

#[test]
fn hostile_text_in_every_letter_field_stays_text() {
    let dir = workspace(None);
    let path = dir.path().join("jobs/acme-payments.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("  to: Dana Okafor\n", "  to: \"Dana #set page(height: 1pt) Okafor\"\n", 1)
        .replacen(
            "  team: Payments Core\n",
            "  team: \"</w:t><w:t>Core] $x$ <b>\"\n  greeting: \"Dear #{1 + 1} team,\"\n",
            1,
        )
        .replacen(
            "    I care as much",
            "    Text with `#raw` and \\\\ and ]) and #import \"x\" stays: I care as much",
            1,
        )
        + "  closing: \"Best, ]#panic()\"\n";
    std::fs::write(&path, text).unwrap();
    let out = build(dir.path(), "pdf,docx,txt,md");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let txt = std::fs::read_to_string(dir.path().join(format!("{LETTER}.txt"))).unwrap();
    for written in [
        "Dana #set page(height: 1pt) Okafor",
        "</w:t><w:t>Core] $x$ <b>",
        "Dear #{1 + 1} team,",
        "Text with `#raw` and \\\\ and ]) and #import \"x\" stays",
        "Best, ]#panic()",
    ] {
        assert!(txt.contains(written), "{written:?} in:\n{txt}");
    }
    let docx = std::fs::read(dir.path().join(format!("{LETTER}.docx"))).unwrap();
    assert!(part(&docx, "word/document.xml").contains("&lt;/w:t&gt;&lt;w:t&gt;Core]"), "escaped in the DOCX");
}

#[test]
fn a_job_without_a_letter_gets_none() {
    let dir = workspace(None);
    let path = dir.path().join("jobs/acme-payments.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.find("letter:").unwrap()]).unwrap();
    let out = build(dir.path(), "pdf,docx");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files: Vec<String> = std::fs::read_dir(dir.path().join("out/acme-payments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().all(|f| f.contains("_Resume.")), "{files:?}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/report.json")).unwrap()).unwrap();
    assert!(report["jobs"][0]["letter"].is_null());
    assert!(!stdout(&out).contains("letter"), "no letter column without letters:\n{}", stdout(&out));
}

#[test]
fn a_letters_bytes_are_the_same_on_every_build() {
    let dir = workspace(None);
    let read = |dir: &Path| ["pdf", "docx"].map(|ext| std::fs::read(dir.join(format!("{LETTER}.{ext}"))).unwrap());
    assert_eq!(build(dir.path(), "pdf,docx").status.code(), Some(0));
    let first = read(dir.path());
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    assert_eq!(build(dir.path(), "pdf,docx").status.code(), Some(0));
    assert!(first == read(dir.path()), "two builds differ");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/report.json")).unwrap()).unwrap();
    assert_eq!(report["jobs"][0]["letter"], serde_json::json!({ "pages": 1, "words": 273 }));
}

#[test]
fn a_custom_layout_uses_the_letter_beside_it_or_the_default_layout() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["resume.yaml", "layout.typ", "tagline.txt"] {
        std::fs::copy(fixture(&format!("custom/{name}")), dir.path().join(name)).unwrap();
    }
    std::fs::create_dir(dir.path().join("jobs")).unwrap();
    let job = std::fs::read_to_string(fixture("letters/acme-payments.yaml")).unwrap();
    std::fs::write(dir.path().join("jobs/acme.yaml"), job).unwrap();
    let letter = dir.path().join("out/acme-payments/Sam_Carter_Cover_Letter.pdf");
    let build = || {
        let out = rescc(dir.path(), &["build", "resume.yaml", "--job", "jobs/*.yaml", "--format", "pdf"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        std::fs::read(&letter).unwrap()
    };
    // No letter.typ: the default layout sets the letter.
    let default = build();
    assert!(!String::from_utf8_lossy(&default).contains("custom-letter"));
    // letter.typ beside the layout: it sets the letter, reading the same data.
    let classic = std::fs::read_to_string(root().join("layouts/classic.typ")).unwrap();
    let marked = classic.replacen("keywords: data.meta.keywords", "keywords: (\"custom-letter\",)", 1);
    std::fs::write(dir.path().join("letter.typ"), marked).unwrap();
    assert!(String::from_utf8_lossy(&build()).contains("custom-letter"), "the PDF's keywords come from letter.typ");
}

#[test]
fn what_people_paste_into_a_letters_body_is_located() {
    for (from, to, message, at) in [
        (
            "  body: |\n    I would",
            "  body: |\n    Dear Dana Okafor,\n\n    I would",
            "error: the body starts with a greeting, \"Dear Dana Okafor,\"",
            "jobs/acme-payments.yaml:18:5",
        ),
        (
            "    hearing from you.\n",
            "    hearing from you.\n\n    Sincerely,\n    Tomás Ferreira\n",
            "error: the body ends with a sign-off, \"Sincerely,\"",
            "jobs/acme-payments.yaml:41:5",
        ),
        (
            "    I care as much",
            "    - Built the ledger\n    - Ran the reviews\n\n    I care as much",
            "error: the letter's body has a list item; lists are not printed as lists in a letter",
            "jobs/acme-payments.yaml:30:5",
        ),
        (
            "  to: Dana Okafor\n",
            "  to: Dear Dana Okafor\n",
            "error: `to:` is who the letter is for",
            "jobs/acme-payments.yaml:15:7",
        ),
    ] {
        let dir = workspace(None);
        edit_letter(dir.path(), from, to);
        let out = rescc(dir.path(), &["check", "tagged.yaml", "--job", "jobs/acme-payments.yaml"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        let found = err.find(message).unwrap_or_else(|| panic!("{message:?} in:\n{err}"));
        assert!(err[found..].lines().nth(1).unwrap().ends_with(at), "{message} at {at}:\n{err}");
    }
}

#[test]
fn a_bare_address_in_a_letter_is_a_link_that_never_breaks() {
    let dir = workspace(None);
    edit_letter(
        dir.path(),
        "hearing from you.",
        "hearing from you. My work is at https://github.com/tomasferreira/ledgerkit.",
    );
    let out = build(dir.path(), "pdf,txt");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let txt = std::fs::read_to_string(dir.path().join(format!("{LETTER}.txt"))).unwrap();
    assert!(txt.contains("My work is at github.com/tomasferreira/ledgerkit."), "{txt}");
    let pdf = std::fs::read(dir.path().join(format!("{LETTER}.pdf"))).unwrap();
    assert!(String::from_utf8_lossy(&pdf).contains("https://github.com/tomasferreira/ledgerkit"), "linked");
}
