//! Verification: every build reads back its PDF and DOCX, fails when an ATS would get less than
//! the source, and `rescc verify` does the same for files made elsewhere. The negative cases use
//! the deliberately broken layouts in tests/layouts/ and DOCX files edited by hand.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use common::*;
use rescc::build::{self, Options};
use rescc::ir::{self, Document};
use rescc::load::{self, Loaded};
use rescc::render::Format;
use rescc::render::typst::PdfStandard;
use rescc::verify;

fn load(path: &Path) -> Loaded {
    load::load(path).unwrap_or_else(|f| panic!("{}", f.diagnostics()))
}

/// The fixture's PDF and DOCX, as the build makes them (the build itself verifies them).
fn outputs(name: &str) -> (Document, Vec<u8>, Vec<u8>) {
    let built =
        build::render(&load(&fixture(name)), &options()).unwrap_or_else(|f| panic!("{name}: {}", f.diagnostics()));
    let bytes = |ext: &str| built.outputs.iter().find(|o| o.path.extension().unwrap() == ext).unwrap().bytes.clone();
    (built.document.clone(), bytes("pdf"), bytes("docx"))
}

fn messages(findings: &[verify::Finding]) -> String {
    findings.iter().map(|f| format!("{}\n  help: {}\n", f.message, f.help)).collect()
}

#[test]
fn the_example_and_hostile_fixtures_pass_for_pdf_and_docx() {
    for name in ["example.yaml", "hostile.yaml", "unicode.yaml"] {
        let (doc, pdf, docx) = outputs(name);
        for (kind, bytes) in [("pdf", &pdf), ("docx", &docx)] {
            let reading = verify::read(bytes).unwrap_or_else(|e| panic!("{name} {kind}: {e}"));
            let findings = verify::check(&reading, Some(&doc), Some(doc.style.margins));
            assert!(findings.is_empty(), "{name} {kind}:\n{}", messages(&findings));
        }
    }
}

#[test]
fn the_pdf_reads_back_line_by_line_like_pdftotext() {
    for name in ["example.yaml", "hostile.yaml", "unicode.yaml"] {
        let (_, pdf, _) = outputs(name);
        let ours = verify::read(&pdf).unwrap().text();
        if have("pdftotext") {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("r.pdf");
            std::fs::write(&path, &pdf).unwrap();
            // Same characters, same order, same words: only blank lines and page breaks differ.
            assert_eq!(normalize(&ours), normalize(&pdftotext(&path)), "{name}");
        }
    }
}

/// A copy of the example in a temporary folder, typeset with one of tests/layouts/.
fn with_test_layout(layout: &str, resume: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let template = root().join("tests/layouts").join(layout);
    let text = resume.replace("template: classic", &format!("template: {}", template.display()));
    assert!(text.contains(&template.display().to_string()), "the resume names its layout");
    std::fs::write(dir.path().join("r.yaml"), text).unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml", "--format", "pdf"]);
    (dir, out)
}

fn example_text() -> String {
    std::fs::read_to_string(fixture("example.yaml")).unwrap()
}

/// A folder holding the example as `r.yaml`, typeset with one of tests/layouts/.
fn example_with_layout(layout: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let template = root().join("tests/layouts").join(layout);
    let text = example_text().replace("template: classic", &format!("template: {}", template.display()));
    std::fs::write(dir.path().join("r.yaml"), text).unwrap();
    dir
}

/// Asserts that a layout fails verification with `message`, and writes nothing.
fn fails_with(layout: &str, resume: &str, message: &str) -> String {
    let (dir, out) = with_test_layout(layout, resume);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{layout}: {err}");
    assert!(err.contains("error[verify]: r.yaml: Priya_Raman_Resume.pdf: "), "{err}");
    assert!(err.contains(message), "{layout}: expected {message:?} in\n{err}");
    assert!(err.contains("checks failed; nothing was written"), "{err}");
    assert!(!dir.path().join("out").exists(), "{layout}: nothing is written");
    err
}

#[test]
fn the_control_layout_passes() {
    let (_dir, out) = with_test_layout("single.typ", &example_text());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn two_columns_are_caught() {
    let err = fails_with("two-columns.typ", &example_text(), "is missing from the text layer");
    assert!(err.contains("help: text is set side by side (a gap of "), "{err}");
}

#[test]
fn dates_pushed_to_the_far_right_are_caught() {
    let message = "the dates \"Mar 2022 – Present\" of \"Senior Backend Developer\" are set apart at the far right of the title line";
    fails_with("date-right.typ", &example_text(), message);
    fails_with("date-grid.typ", &example_text(), message);
}

#[test]
fn force_writes_a_file_that_fails_verification() {
    let dir = example_with_layout("date-right.typ");
    let out = rescc(dir.path(), &["build", "r.yaml", "--format", "pdf", "--force"]);
    assert_eq!(out.status.code(), Some(1), "--force writes but still reports the failure");
    assert!(stderr(&out).contains("error[verify]"), "{}", stderr(&out));
    assert!(dir.path().join("out/Priya_Raman_Resume.pdf").is_file());
}

#[test]
fn ligatures_are_caught() {
    let resume = "name: Ada Byte\ncontact: { email: ada@example.com }\nexperience:\n  - company: Northwind\n    role: Backend Developer\n    start: 2021-01\n    bullets:\n      - Rebuilt the office workflow in Go, making 40 invoice runs a month efficient and auditable.\nlayout: { template: classic }\n";
    let (dir, out) = with_test_layout("ligatures.typ", resume);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("Ada_Byte_Resume.pdf: `ffi` is set as one ligature glyph, in \"office\" (and 2 more ligatures)"),
        "{err}"
    );
    assert!(err.contains("turn ligatures off"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn text_in_the_page_footer_is_caught() {
    let err = fails_with(
        "footer.typ",
        &example_text(),
        "text in the page footer (below the bottom margin) on page 1: \"priya.raman@example.com | +44 7700 900123",
    );
    assert!(err.contains("the contact item \"priya.raman@example.com\" is missing from the text layer"), "{err}");
}

/// The example's DOCX with `word/document.xml` passed through `edit`.
fn edited_docx(edit: impl Fn(&str) -> String, extra: &[(&str, &str)]) -> (Document, Vec<u8>) {
    let (doc, _, docx) = outputs("example.yaml");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        if name == "word/document.xml" {
            let edited = edit(&text);
            assert_ne!(edited, text, "the edit applies");
            text = edited;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    for (name, text) in extra {
        out.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    (doc, out.finish().unwrap().into_inner())
}

fn docx_findings(doc: &Document, bytes: &[u8]) -> String {
    let reading = verify::read(bytes).unwrap();
    messages(&verify::check(&reading, Some(doc), None))
}

const NUMBERED: &str =
    r#"<w:pStyle w:val="ListBullet"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>"#;

#[test]
fn a_docx_with_a_typed_bullet_is_caught() {
    let (doc, docx) = edited_docx(
        |xml| {
            xml.replacen(
                NUMBERED,
                r#"<w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">• </w:t></w:r>"#,
                1,
            )
        },
        &[],
    );
    let found = docx_findings(&doc, &docx);
    assert!(found.contains("starts with a typed bullet `•`: \"• Designed the order routing service"), "{found}");
    assert!(
        found.contains("bullet 1 of \"Senior Backend Developer\" (\"Designed the order routing service in Go"),
        "{found}"
    );
    assert!(found.contains("is not a numbered list item (no w:numPr)"), "{found}");
}

#[test]
fn a_docx_with_a_table_is_caught() {
    let (doc, docx) = edited_docx(
        |xml| {
            let start = xml[..xml.find("priya.raman@example.com").unwrap()].rfind("<w:p>").unwrap();
            let end = start + xml[start..].find("</w:p>").unwrap() + "</w:p>".len();
            format!("{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>{}", &xml[..start], &xml[start..end], &xml[end..])
        },
        &[],
    );
    let found = docx_findings(&doc, &docx);
    assert!(found.contains("the document lays text out in 1 table: \"priya.raman@example.com | +44 7700"), "{found}");
}

#[test]
fn docx_columns_text_boxes_headers_and_plain_headings_are_caught() {
    let header = r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>Priya Raman, page 1</w:t></w:r></w:p></w:hdr>"#;
    let (doc, docx) = edited_docx(
        |xml| {
            xml.replace(r#"<w:cols w:space="720"/>"#, r#"<w:cols w:num="2" w:space="720"/>"#)
                .replacen(r#"<w:pStyle w:val="Heading1"/>"#, r#"<w:pStyle w:val="Normal"/>"#, 1)
                .replacen("</w:body>", r#"<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p></w:body>"#, 1)
        },
        &[("word/header1.xml", header)],
    );
    let found = docx_findings(&doc, &docx);
    for message in [
        "a section is set in 2 columns",
        "the document has 1 text box",
        "the page header (word/header1.xml) holds text: \"Priya Raman, page 1\"",
        "the heading \"Summary\" is not in a Heading style (its style is \"Normal\")",
    ] {
        assert!(found.contains(message), "expected {message:?} in\n{found}");
    }
}

#[test]
fn unit_checks_on_bytes() {
    assert!(verify::read(b"hello").unwrap_err().contains("neither a PDF nor a DOCX"));
    assert!(verify::read(b"%PDF-1.7\ntruncated").is_err());
    assert!(verify::read(b"PK\x03\x04broken").is_err());
    let (doc, pdf, docx) = outputs("example.yaml");
    let reading = verify::read(&pdf).unwrap();
    assert_eq!(reading.pages, 2);
    assert!(reading.ligatures.is_empty() && reading.lines.iter().all(|l| l.gaps.is_empty()));
    assert_eq!(
        verify::sections(&reading),
        ["Summary", "Experience", "Skills", "Projects", "Education", "Certifications", "Open Source"]
    );
    // Another resume's fields are not in this PDF: the first one missing is named.
    let other = ir::build(&load(&fixture("hostile.yaml")).resume, rescc::cli::today());
    let found = messages(&verify::check(&reading, Some(&other), None));
    assert!(found.starts_with("the name \"Alex Hostile\" is missing from the text layer"), "{found}");
    // The same fields in another order.
    let mut shuffled = doc.clone();
    shuffled.sections.swap(1, 2);
    let found = messages(&verify::check(&verify::read(&docx).unwrap(), Some(&shuffled), None));
    assert!(found.starts_with("the heading \"Experience\" is out of order in the document text: it reads before the skill \"OpenTelemetry\" (APIs and Observability)"), "{found}");
}

#[test]
fn real_readers_get_every_bullet_in_order() {
    let (doc, pdf, _) = outputs("example.yaml");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let bullets = bullets(&doc);
    assert!(bullets.len() >= 12);
    if have("pdftotext") {
        assert_in_order(&pdftotext(&path), &bullets);
    }
    match std::env::var_os("RESCC_PDFMINER") {
        Some(tool) => {
            let out = Command::new(&tool).arg(&path).output().expect("pdf2txt.py runs");
            assert!(out.status.success(), "pdfminer failed: {}", String::from_utf8_lossy(&out.stderr));
            assert_in_order(&String::from_utf8(out.stdout).unwrap(), &bullets);
        }
        None => skip("pdfminer (set RESCC_PDFMINER to its pdf2txt.py)"),
    }
}

#[test]
fn verify_command_reports_what_an_ats_reads() {
    let (dir, _) = staged("example.yaml");
    assert_eq!(rescc(dir.path(), &["build", "example.yaml"]).status.code(), Some(0));
    let out = rescc(dir.path(), &["verify", "out/Priya_Raman_Resume.pdf", "--against", "example.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("verify_example_pdf", stdout(&out));

    let docx = rescc(dir.path(), &["verify", "out/Priya_Raman_Resume.docx"]);
    assert_eq!(docx.status.code(), Some(0), "{}", stderr(&docx));
    assert!(
        stdout(&docx)
            .ends_with("Verdict: nothing an ATS would stumble on (pass --against resume.yaml to check every field)\n")
    );

    // Checked against another resume, the first missing field is named: exit 1.
    std::fs::copy(fixture("hostile.yaml"), dir.path().join("hostile.yaml")).unwrap();
    let wrong = rescc(dir.path(), &["verify", "out/Priya_Raman_Resume.pdf", "--against", "hostile.yaml"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stdout(&wrong).ends_with("Verdict: 1 problem (below)\n"), "{}", stdout(&wrong));
    assert!(
        stderr(&wrong).starts_with(
            "error[verify]: out/Priya_Raman_Resume.pdf: the name \"Alex Hostile\" is missing from the text layer"
        ),
        "{}",
        stderr(&wrong)
    );

    // Unreadable files are one clear line and exit 2.
    for (file, reason) in
        [("nope.pdf", "no such file"), ("example.yaml", "neither a PDF nor a DOCX"), ("out", "it is a directory")]
    {
        let out = rescc(dir.path(), &["verify", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert_eq!(stderr(&out), format!("error: cannot read `{file}`: {reason}\n"));
    }
    std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.7\n1 0 obj <<").unwrap();
    let broken = rescc(dir.path(), &["verify", "broken.pdf"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(stderr(&broken).starts_with("error: cannot read `broken.pdf`: "), "{}", stderr(&broken));
}

#[test]
fn text_and_markdown_outputs() {
    let loaded = load(&fixture("example.yaml"));
    let built = build::render(&loaded, &Options { formats: vec![Format::Txt, Format::Md], ..options() }).unwrap();
    let names: Vec<_> = built.outputs.iter().map(|o| o.path.file_name().unwrap().to_str().unwrap()).collect();
    assert_eq!(names, ["Priya_Raman_Resume.txt", "Priya_Raman_Resume.md"]);
    let text = String::from_utf8(built.outputs[0].bytes.clone()).unwrap();
    assert_in_order(&text, &bullets(&built.document));
    insta::assert_snapshot!("example_txt", text);
    insta::assert_snapshot!("example_md", String::from_utf8(built.outputs[1].bytes.clone()).unwrap());
    let hostile =
        build::render(&load(&fixture("hostile.yaml")), &Options { formats: vec![Format::Md], ..options() }).unwrap();
    insta::assert_snapshot!("hostile_md", String::from_utf8(hostile.outputs[0].bytes.clone()).unwrap());
}

#[test]
fn pdf_standards() {
    let loaded = load(&fixture("example.yaml"));
    for (standard, marker) in [
        (PdfStandard::A2b, "<pdfaid:conformance>B</pdfaid:conformance>"),
        (PdfStandard::A2u, "<pdfaid:conformance>U</pdfaid:conformance>"),
        (PdfStandard::Ua1, "<pdfuaid:part>1</pdfuaid:part>"),
    ] {
        let options = Options { formats: vec![Format::Pdf], pdf_standard: Some(standard), ..options() };
        let built = build::render(&loaded, &options).unwrap_or_else(|f| panic!("{standard:?}: {}", f.diagnostics()));
        let pdf = &built.outputs[0].bytes;
        assert!(String::from_utf8_lossy(pdf).contains(marker), "{standard:?}: {marker}");
        let again = build::render(&loaded, &options).unwrap();
        assert_eq!(&again.outputs[0].bytes, pdf, "{standard:?} output is reproducible");
    }
    let (dir, _) = staged("example.yaml");
    let out = rescc(dir.path(), &["build", "example.yaml", "--pdf-standard", "a-2b", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn hyphenation_is_caught() {
    let resume = "name: Ada Byte\ncontact: { email: ada@example.com }\nsummary: Backend developer specializing in internationalization, containerization and observability for distributed transportation infrastructure, with measurable improvements.\nlayout: { template: classic }\n";
    let (_dir, out) = with_test_layout("hyphenate.typ", resume);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("Ada_Byte_Resume.pdf: hyphenation splits \"internationalization\" across lines (\"internationaliza-\" / \"tion\")"), "{err}");
}

/// A PDF made with lopdf: a simple font with widths, a Type0 font whose `/W` runs cover every
/// CID many times over, a form XObject that draws itself four times at every level, and a blank
/// page.
fn hostile_pdf() -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let simple = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding", "FirstChar" => 32,
        "Widths" => (32..127).map(|_| Object::Integer(500)).collect::<Vec<_>>(),
    });
    let runs: Vec<Object> = (0..2000).flat_map(|_| [0.into(), 4_294_967_295_i64.into(), 600.into()]).collect();
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Hostile", "W" => runs,
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
    });
    let cmap = Stream::new(
        dictionary! {},
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo 3 dict dup begin\n\
          /Registry (Adobe) def\n/Ordering (Identity) def\n/Supplement 0 def\nend def\n/CMapName /Custom def\n\
          /CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n\
          endcodespacerange\n2 beginbfchar\n<0001> <004F>\n<0002> <004B>\nendbfchar\nendcmap\n\
          CMapName currentdict /CMap defineresource pop\nend\nend\n"
            .to_vec(),
    );
    let to_unicode = doc.add_object(cmap);
    let composite = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Hostile", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()], "ToUnicode" => to_unicode,
    });
    let form_id = doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "X" => form_id } },
        },
        b"/X Do /X Do /X Do /X Do".to_vec(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let content = b"BT /F1 12 Tf 72 720 Td (Ada Byte) Tj ET BT /F2 12 Tf 72 700 Td <00010002> Tj ET /X Do".to_vec();
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! {
            "Font" => dictionary! { "F1" => simple, "F2" => composite },
            "XObject" => dictionary! { "X" => form_id },
        },
    });
    // A blank page, with no content stream and the page size inherited.
    let blank = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id });
    let pages = dictionary! {
        "Type" => "Pages", "Kids" => vec![page.into(), blank.into()], "Count" => 2,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_hostile_pdf_is_read_in_bounded_time() {
    let started = std::time::Instant::now();
    let reading = verify::read(&hostile_pdf()).expect("the PDF reads");
    let text: Vec<&str> = reading.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(text, ["Ada Byte", "OK"]);
    assert_eq!(reading.pages, 2);
    // Generous: the point is that the self-drawing form and the endless width runs are cut short.
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn a_build_that_fails_verification_leaves_an_existing_folder_as_it_was() {
    let dir = example_with_layout("two-columns.typ");
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("Priya_Raman_Resume.pdf"), "the previous build").unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let left: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["Priya_Raman_Resume.pdf"], "the files staged while reading back are gone");
    assert_eq!(std::fs::read_to_string(out_dir.join("Priya_Raman_Resume.pdf")).unwrap(), "the previous build");
}

/// Files made to exhaust a reader, generated here: each is refused on one line, exit 2, and what
/// inflating them took is bounded by the caps (measured in the closing note, not timed here).
#[test]
fn rescc_verify_refuses_files_that_inflate_past_its_caps() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![b'0'; 48 << 20];
    let deflate = |bytes: &[u8]| {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    };

    // A DOCX whose document.xml inflates to 48 MiB.
    let mut docx = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    docx.start_file("[Content_Types].xml", deflated).unwrap();
    docx.write_all(b"<Types/>").unwrap();
    docx.start_file("word/document.xml", deflated).unwrap();
    docx.write_all(b"<w:document><w:body><w:p><w:r><w:t>").unwrap();
    docx.write_all(&zeros).unwrap();
    docx.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    std::fs::write(dir.path().join("bomb.docx"), docx.finish().unwrap().into_inner()).unwrap();

    // A PDF whose page content inflates to 48 MiB, and one whose arrays nest a thousand deep.
    let stream = deflate(&zeros);
    let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n".to_vec();
    pdf.extend_from_slice(format!("4 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n", stream.len()).as_bytes());
    pdf.extend_from_slice(&stream);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    std::fs::write(dir.path().join("bomb.pdf"), &pdf).unwrap();
    let deep = format!("%PDF-1.7\n1 0 obj\n{}{}\nendobj\n%%EOF\n", "[".repeat(1000), "]".repeat(1000));
    std::fs::write(dir.path().join("deep.pdf"), deep).unwrap();

    for (file, reason) in [
        ("bomb.docx", "word/document.xml inflates to more than 32 MiB; a resume's is far smaller"),
        ("bomb.pdf", "a stream inflates to more than 32 MiB; a resume's is far smaller"),
        ("deep.pdf", "its arrays and dictionaries nest more than 64 deep"),
    ] {
        let out = rescc(dir.path(), &["verify", file]);
        assert_eq!(out.status.code(), Some(2), "{file}: {}", stderr(&out));
        assert_eq!(stderr(&out), format!("error: cannot read `{file}`: {reason}\n"));
    }
}
