//! The core pipeline end to end: `rescc build` on real fixtures, read back through pdftotext.

mod common;

use common::*;

#[test]
fn example_builds_and_its_text_layer_holds_every_bullet_in_order() {
    let (dir, resume) = staged("example.yaml");
    let out = rescc(dir.path(), &["build", "example.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = dir.path().join("out/Priya_Raman_Resume.pdf");
    assert!(pdf.is_file());
    let line = stdout(&out);
    assert!(line.contains("Priya_Raman_Resume.pdf: ") && line.contains("body 10.5 pt"), "{line}");
    assert!(line.contains("1 page,") || line.contains("2 pages,"), "{line}");
    if have("pdftotext") {
        let text = pdftotext(&pdf);
        let bullets = bullets(&document(&resume));
        assert!(bullets.len() >= 12, "the example has a realistic number of bullets");
        assert_in_order(&text, &bullets);
        for heading in ["EXPERIENCE", "SKILLS", "EDUCATION"] {
            assert!(text.contains(heading), "{heading} missing");
        }
        assert!(text.contains("github.com/priyaraman"), "links show their address");
        assert!(text.contains("– Present"), "date ranges are formatted");
        assert!(!text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)), "no ligatures");
    }
}

#[test]
fn output_directory_is_chosen_with_dash_o() {
    let (dir, _) = staged("example.yaml");
    let out = rescc(dir.path(), &["build", "example.yaml", "-o", "dist/pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("dist/pdf/Priya_Raman_Resume.pdf").is_file());
}

#[test]
fn hostile_text_prints_literally() {
    let (dir, _) = staged("hostile.yaml");
    let out = rescc(dir.path(), &["build", "hostile.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    if have("pdftotext") {
        let text = normalize(&pdftotext(&dir.path().join("out/Alex_Hostile_Resume.pdf")));
        for literal in
            ["#read(\"/etc/passwd\")", "#panic()", "<x>", "$x^2$", "//", "\\", "]", "@", "_", "#set page(width: 1cm)"]
        {
            assert!(text.contains(literal), "{literal:?} not in {text}");
        }
        assert!(!text.contains("root:x:0:0"), "no file contents leak into the PDF");
    }
}

#[test]
fn overflow_exits_1_and_leaves_no_new_pdf() {
    let (dir, _) = staged("overflow.yaml");
    let out = rescc(dir.path(), &["build", "overflow.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error[page-limit]: ") && err.contains("pages, limit 1"), "{err}");
    assert!(err.contains("page 2 holds"), "{err}");
    assert!(!dir.path().join("out").exists(), "nothing was written");

    let forced = rescc(dir.path(), &["build", "overflow.yaml", "--force"]);
    assert_eq!(forced.status.code(), Some(1), "--force writes but still reports the failure");
    assert!(dir.path().join("out/Daniel_Okafor_Resume.pdf").is_file());
}

#[test]
fn failed_build_keeps_the_earlier_pdf() {
    let (dir, resume) = staged("example.yaml");
    assert_eq!(rescc(dir.path(), &["build", "example.yaml"]).status.code(), Some(0));
    let pdf = dir.path().join("out/Priya_Raman_Resume.pdf");
    let before = std::fs::read(&pdf).unwrap();
    let broken = std::fs::read_to_string(&resume).unwrap().replace("start: 2022-03", "start: 2022-13");
    std::fs::write(&resume, broken).unwrap();
    let out = rescc(dir.path(), &["build", "example.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    let mut names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Priya_Raman_Resume.docx", "Priya_Raman_Resume.pdf"], "no temporary files are left behind");
}

#[test]
fn identical_input_gives_identical_bytes() {
    let (dir, _) = staged("example.yaml");
    let pdf = dir.path().join("out/Priya_Raman_Resume.pdf");
    assert_eq!(rescc(dir.path(), &["build", "example.yaml"]).status.code(), Some(0));
    let first = std::fs::read(&pdf).unwrap();
    assert_eq!(rescc(dir.path(), &["build", "example.yaml"]).status.code(), Some(0));
    assert_eq!(first, std::fs::read(&pdf).unwrap());
}

#[test]
fn a_missing_file_is_one_clear_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = rescc(dir.path(), &["build", "nope.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: cannot read `nope.yaml`: no such file"), "{}", stderr(&out));
}

/// A link's label is shown before its address in every output, unless it only names the site
/// the address is on (`GitHub` for github.com).
#[test]
fn link_labels_are_shown_unless_they_name_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let resume = "name: Julia Alvarez
contact:
  email: julia@example.com
  links:
    - { label: Portfolio, url: \"https://jalvarez.dev\" }
    - { label: GitHub, url: \"https://github.com/jalvarez\" }
    - { label: Stack Overflow, url: \"https://stackoverflow.com/users/42/jalvarez\" }
    - https://gitlab.com/jalvarez
";
    std::fs::write(dir.path().join("resume.yaml"), resume).unwrap();
    let out = rescc(dir.path(), &["build", "resume.yaml", "--format", "pdf,docx,txt,md", "--force"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let shown = "julia@example.com | Portfolio: jalvarez.dev | github.com/jalvarez | stackoverflow.com/users/42/jalvarez | gitlab.com/jalvarez";
    let txt = std::fs::read_to_string(dir.path().join("out/Julia_Alvarez_Resume.txt")).unwrap();
    assert!(txt.lines().any(|l| l == shown), "{txt}");
    let md = std::fs::read_to_string(dir.path().join("out/Julia_Alvarez_Resume.md")).unwrap();
    assert!(md.contains("[Portfolio: jalvarez.dev](<https://jalvarez.dev>)"), "{md}");
    let docx = part(&std::fs::read(dir.path().join("out/Julia_Alvarez_Resume.docx")).unwrap(), "word/document.xml");
    assert!(docx.contains(">Portfolio: jalvarez.dev<"), "the DOCX shows the label");
    assert!(!docx.contains(">GitHub: "), "a label naming its site is not repeated");
    if have("pdftotext") {
        let text = normalize(&pdftotext(&dir.path().join("out/Julia_Alvarez_Resume.pdf")));
        assert!(text.contains("Portfolio: jalvarez.dev"), "{text}");
        assert!(!text.contains("GitHub:") && !text.contains("Stack Overflow:"), "{text}");
    }
}

/// Hebrew in the name, an employer and a bullet, with a font that covers it: the build verifies
/// (its reader puts right-to-left runs back in the order written, as pdftotext does), and the
/// DOCX marks the paragraphs that read right to left.
#[test]
fn right_to_left_text_builds_and_reads_in_written_order() {
    let (dir, _) = staged("hebrew.yaml");
    let out = rescc(dir.path(), &["build", "hebrew.yaml", "--format", "pdf,docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("out/דנה_כהן_Resume.pdf")).unwrap();
    let reading = rescc::verify::read(&pdf).unwrap();
    let lines: Vec<&str> = reading.lines.iter().map(|l| l.text.as_str()).collect();
    for written in ["דנה כהן", "Backend Developer · חברת תשלומים", "פיתחתי שירות תשלומים ב-Go שמטפל ב-3,000 בקשות"]
    {
        assert!(lines.iter().any(|l| l.contains(written)), "`{written}` in {lines:#?}");
    }
    let docx = part(&std::fs::read(dir.path().join("out/דנה_כהן_Resume.docx")).unwrap(), "word/document.xml");
    let paragraph =
        |text: &str| docx.split("</w:p>").find(|p| p.contains(text)).unwrap_or_else(|| panic!("{text}")).to_string();
    assert!(paragraph("דנה כהן").contains("<w:bidi/>"), "the Hebrew name reads right to left");
    assert!(paragraph("פיתחתי").contains("<w:bidi/>"), "the Hebrew bullet reads right to left");
    assert!(!paragraph("Built a payments API").contains("<w:bidi/>"), "an English bullet does not");
}
