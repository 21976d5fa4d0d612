//! The DOCX renderer: golden XML, Word structure, typography, a round trip through LibreOffice,
//! hostile and non-Latin text, determinism.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use common::{have, part, pretty};

use rescc::ir::{self, Body, Document};
use rescc::load::Loaded;
use rescc::render::Renderer;
use rescc::render::docx::Docx;
use roxmltree::Node;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn load(name: &str) -> Loaded {
    rescc::load::load(&common::fixture(name)).unwrap_or_else(|f| panic!("{}", f.diagnostics()))
}

fn document(loaded: &Loaded) -> Document {
    ir::build(&loaded.resume, rescc::cli::today())
}

fn docx(name: &str) -> (Document, Vec<u8>) {
    let doc = document(&load(name));
    let bytes = Docx.render(&doc).unwrap();
    (doc, bytes)
}

/// The names of the package's parts.
fn part_names(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    zip.file_names().map(String::from).collect()
}

fn w<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

fn val(node: Node, name: &str) -> Option<String> {
    w(node, name).and_then(|n| n.attribute((W, "val"))).map(String::from)
}

/// A paragraph read back: its style, its text (all `w:t`), and whether it is numbered.
#[derive(Debug)]
struct Para {
    style: String,
    text: String,
    num_id: Option<String>,
}

fn paragraphs(xml: &str) -> Vec<Para> {
    let tree = roxmltree::Document::parse(xml).expect("well-formed XML");
    tree.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let props = w(p, "pPr");
            Para {
                style: props.and_then(|pr| val(pr, "pStyle")).unwrap_or_default(),
                text: p.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|t| t.text()).collect(),
                num_id: props.and_then(|pr| w(pr, "numPr")).and_then(|n| val(n, "numId")),
            }
        })
        .collect()
}

/// Every text field of the IR, in document order.
fn fields(doc: &Document) -> Vec<String> {
    let mut out = vec![doc.name.clone()];
    out.extend(doc.headline.clone());
    out.extend(doc.contact.iter().map(|c| c.text.clone()));
    for section in &doc.sections {
        out.push(section.title.clone());
        match &section.body {
            Body::Text { text } => out.push(ir::plain_text(text)),
            Body::Skills { groups } => {
                for g in groups {
                    out.push(format!("{}:", g.name));
                    out.push(g.items.join(", "));
                }
            }
            Body::Entries { entries } => {
                for e in entries {
                    out.push(e.title.clone());
                    out.extend(e.org.clone());
                    out.extend(e.link.as_ref().map(|l| l.text.clone()));
                    out.extend(e.dates.clone());
                    out.extend(e.location.clone());
                    out.extend(e.description.as_ref().map(|d| ir::plain_text(d)));
                    out.extend(e.bullets.iter().map(|b| ir::plain_text(&b.text)));
                    for d in &e.details {
                        out.push(format!("{}:", d.label));
                        out.push(d.text.clone());
                    }
                }
            }
        }
    }
    out
}

/// Asserts that every needle occurs in `haystack`, each after the previous one.
fn assert_in_order(haystack: &str, needles: &[String]) {
    let mut at = 0;
    for needle in needles {
        match haystack[at..].find(needle.as_str()) {
            Some(i) => at += i + needle.len(),
            None => panic!("`{needle}` missing or out of order in:\n{}", &haystack[at..]),
        }
    }
}

#[test]
fn example_document_xml_matches_the_golden_file() {
    let (_, bytes) = docx("example.yaml");
    let document = pretty(&part(&bytes, "word/document.xml"));
    let links = pretty(&part(&bytes, "word/_rels/document.xml.rels"));
    insta::assert_snapshot!("docx_example_document_xml", format!("{document}\n{links}"));
    insta::assert_snapshot!("docx_example_styles_xml", pretty(&part(&bytes, "word/styles.xml")));
}

#[test]
fn every_ir_field_is_in_the_docx_in_order() {
    for name in ["example.yaml", "hostile.yaml", "unicode.yaml"] {
        let (doc, bytes) = docx(name);
        let paras = paragraphs(&part(&bytes, "word/document.xml"));
        let text: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_in_order(&text.join("\n"), &fields(&doc));
        assert_eq!(paras[0].text, doc.name, "{name}: the name comes first");
        assert_eq!(paras[0].style, "Title");
    }
}

#[test]
fn section_titles_use_the_built_in_heading_style() {
    let (doc, bytes) = docx("example.yaml");
    let headings: Vec<String> = paragraphs(&part(&bytes, "word/document.xml"))
        .into_iter()
        .filter(|p| p.style == "Heading1")
        .map(|p| p.text)
        .collect();
    let titles: Vec<String> = doc.sections.iter().map(|s| s.title.clone()).collect();
    assert_eq!(headings, titles, "one Heading 1 per section, keeping the source text");

    let styles = part(&bytes, "word/styles.xml");
    let tree = roxmltree::Document::parse(&styles).unwrap();
    let heading =
        tree.descendants().find(|n| n.attribute((W, "styleId")) == Some("Heading1")).expect("Heading1 is defined");
    assert_eq!(val(heading, "name").as_deref(), Some("heading 1"), "Word's built-in name");
    let run = w(heading, "rPr").unwrap();
    assert!(w(run, "b").is_some() && w(run, "caps").is_some(), "bold and upper-case");
    assert_eq!(w(heading, "pPr").and_then(|p| val(p, "outlineLvl")).as_deref(), Some("0"));
}

#[test]
fn bullets_are_word_numbering_not_characters() {
    let (doc, bytes) = docx("example.yaml");
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    let numbered: Vec<&Para> = paras.iter().filter(|p| p.num_id.is_some()).collect();
    assert_eq!(numbered.iter().map(|p| p.text.clone()).collect::<Vec<_>>(), common::bullets(&doc));
    assert!(numbered.iter().all(|p| p.style == "ListBullet"));
    assert!(paras.iter().all(|p| !p.text.contains(['•', '●', '▪', '◦'])), "no literal bullet characters");

    let num_id = numbered[0].num_id.clone().unwrap();
    assert!(num_id.parse::<u32>().unwrap() >= 2, "id 1 is the decimal list by convention");
    let numbering = part(&bytes, "word/numbering.xml");
    let tree = roxmltree::Document::parse(&numbering).unwrap();
    let num = tree
        .descendants()
        .find(|n| n.has_tag_name((W, "num")) && n.attribute((W, "numId")) == Some(&num_id))
        .expect("num defined");
    let abstract_id = val(num, "abstractNumId").unwrap();
    let abstract_num = tree
        .descendants()
        .find(|n| n.has_tag_name((W, "abstractNum")) && n.attribute((W, "abstractNumId")) == Some(&abstract_id))
        .expect("abstractNum defined");
    let level = w(abstract_num, "lvl").unwrap();
    assert_eq!(val(level, "numFmt").as_deref(), Some("bullet"));
}

#[test]
fn typography_and_page_match_the_pdf() {
    let (doc, bytes) = docx("example.yaml");
    let xml = part(&bytes, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    for run in tree.descendants().filter(|n| n.has_tag_name((W, "r"))) {
        let fonts = w(w(run, "rPr").expect("run properties"), "rFonts").expect("every run names its font");
        for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
            assert_eq!(fonts.attribute((W, slot)), Some("Calibri"), "Carlito maps to Calibri");
        }
    }
    let section = tree.descendants().find(|n| n.has_tag_name((W, "sectPr"))).unwrap();
    let size = w(section, "pgSz").unwrap();
    assert_eq!((size.attribute((W, "w")), size.attribute((W, "h"))), (Some("12240"), Some("15840")), "US Letter");
    let margins = w(section, "pgMar").unwrap();
    for side in ["top", "right", "bottom", "left"] {
        assert_eq!(margins.attribute((W, side)), Some("1080"), "0.75in margins");
    }
    assert!(w(section, "headerReference").is_none() && w(section, "footerReference").is_none());
    for forbidden in ["<w:tbl>", "txbxContent", "w:num=\"2\"", "<w:drawing"] {
        assert!(!xml.contains(forbidden), "{forbidden}: no tables, text boxes, columns or drawings");
    }
    assert!(part_names(&bytes).iter().all(|n| !n.contains("header") && !n.contains("footer")));

    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"<w:sz w:val="21"/>"#), "10.5 pt body in half-points");
    assert!(styles.contains(r#"<w:sz w:val="42"/>"#), "name at 2em");
    assert_eq!(doc.style.font_size, 10.5);

    let (_, a4) = docx("unicode.yaml");
    assert!(part(&a4, "word/document.xml").contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
}

#[test]
fn core_properties_name_the_resume_not_the_tool() {
    let (doc, bytes) = docx("example.yaml");
    let core = part(&bytes, "docProps/core.xml");
    let tree = roxmltree::Document::parse(&core).unwrap();
    let text = |local: &str| {
        tree.descendants().find(|n| n.tag_name().name() == local).and_then(|n| n.text()).map(String::from)
    };
    assert_eq!(text("title"), Some(doc.meta.title.clone()));
    assert_eq!(text("creator").as_deref(), Some("Priya Raman"));
    assert!(text("keywords").unwrap().contains("PostgreSQL"));
    assert_eq!(text("created").as_deref(), Some("2000-01-01T00:00:00Z"));
    assert_eq!(text("modified").as_deref(), Some("2000-01-01T00:00:00Z"));
    for name in part_names(&bytes) {
        let body = part(&bytes, &name).to_lowercase();
        assert!(!body.contains("docx-rs") && !body.contains("rescc"), "{name} names a tool");
    }
}

#[test]
fn hostile_text_is_escaped_and_reads_back_literally() {
    let (doc, bytes) = docx("hostile.yaml");
    let xml = part(&bytes, "word/document.xml");
    let text: String = paragraphs(&xml).iter().map(|p| format!("{}\n", p.text)).collect();
    for literal in [
        "Backend Developer #set page(width: 1cm) // C# & F# \\ snake_case @handle <x>",
        "Austin, TX <script>alert(1)</script>",
        "#read(\"/etc/passwd\")",
        "<script>, &amp; and \"quotes\"",
        "C:\\temp\\ paths",
        "Hash & Dollar #1 <x> Labs, Inc. ]",
        "Languages & <Markup>:",
        "<script> & \\LaTeX //",
        "\"quoted\" strings",
        "Dean's List <x> ]",
    ] {
        assert!(text.contains(literal), "`{literal}` missing");
    }
    assert!(xml.contains("&lt;script&gt;") && xml.contains("&amp;amp;"), "< and & are escaped");
    assert!(!xml.contains("<script>") && !xml.contains("<x>"));
    assert!(xml.contains("&quot;quotes&quot;"), "\" is escaped");
    // Every part is still well-formed XML.
    for name in part_names(&bytes) {
        roxmltree::Document::parse(&part(&bytes, &name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert_eq!(fields(&doc).len(), fields(&doc).iter().filter(|f| text.contains(f.as_str())).count());
}

#[test]
fn non_latin_names_round_trip() {
    let (doc, bytes) = docx("unicode.yaml");
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    assert_eq!(paras[0].text, "Zoë Ødegård");
    assert!(paras.iter().any(|p| p.text.contains("Großmann & Söhne Logistik GmbH")));
    assert!(part(&bytes, "docProps/core.xml").contains("<dc:creator>Zoë Ødegård</dc:creator>"));
    assert_eq!(doc.name, "Zoë Ødegård");

    let yaml =
        "name: 李雷\nheadline: 后端开发工程师\ncontact:\n  email: li.lei@example.com\nsummary: 在北京构建支付系统。\n";
    let loaded = rescc::load::load_source(Arc::new(rescc::source::Source::new("t.yaml", yaml)))
        .unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    let bytes = Docx.render(&document(&loaded)).unwrap();
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    assert_eq!(paras[0].text, "李雷");
    assert_eq!(paras[1].text, "后端开发工程师");
    assert!(paras.iter().any(|p| p.text == "在北京构建支付系统。"));
    assert!(part(&bytes, "docProps/core.xml").contains("<dc:creator>李雷</dc:creator>"));
}

#[test]
fn identical_input_gives_identical_bytes() {
    let (_, first) = docx("example.yaml");
    let (_, second) = docx("example.yaml");
    assert!(first == second, "two renders differ");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    assert!(zip.file_names().count() >= 6);
}

/// Converts DOCX files to PDF with LibreOffice in a fresh profile; `None` when it is absent
/// locally (in CI it must be there).
fn libreoffice(files: &[PathBuf], out: &Path) -> Option<()> {
    if !have("soffice") {
        return None;
    }
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "soffice failed: {}", String::from_utf8_lossy(&status.stderr));
    Some(())
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e} (install poppler-utils)"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.as_os_str()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo prints Pages");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// Text without whitespace or hyphens: pdftotext joins a line ending in `-` to the next one.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

#[test]
fn libreoffice_lays_out_the_same_pages_and_keeps_every_bullet() {
    let dir = tempfile::tempdir().unwrap();
    // `overflow` is tightened by auto-fit (where the build has it), `senior-spill` fitted onto one
    // page fewer: the DOCX must follow, in every built-in layout's own look.
    let fixtures = [
        "example.yaml",
        "hostile.yaml",
        "unicode.yaml",
        "overflow.yaml",
        "overflow-slight.yaml",
        "senior-spill.yaml",
        "tagged.yaml",
        "long-contact.yaml",
        "hebrew.yaml",
    ];
    let options = rescc::build::Options { force: true, ..common::options() };
    let mut builds = Vec::new();
    for fixture in fixtures {
        for layout in ["classic", "modern", "compact"] {
            let yaml = std::fs::read_to_string(common::fixture(fixture)).unwrap();
            let yaml = match yaml.contains("\n  template: classic\n") {
                true => yaml.replace("\n  template: classic\n", &format!("\n  template: {layout}\n")),
                false if yaml.contains("\nlayout:\n") => {
                    yaml.replace("\nlayout:\n", &format!("\nlayout:\n  template: {layout}\n"))
                }
                false => format!("{yaml}\nlayout:\n  template: {layout}\n"),
            };
            let name: &'static str =
                Box::leak(format!("{}-{layout}", fixture.trim_end_matches(".yaml")).into_boxed_str());
            let source =
                std::sync::Arc::new(rescc::source::Source::new(common::fixture(fixture).display().to_string(), yaml));
            let loaded = rescc::load::load_source(source).unwrap_or_else(|f| panic!("{name}: {}", f.diagnostics()));
            let built =
                rescc::build::render(&loaded, &options).unwrap_or_else(|f| panic!("{name}: {}", f.diagnostics()));
            let path = dir.path().join(format!("{name}.docx"));
            std::fs::write(&path, Docx.render(&built.document).unwrap()).unwrap();
            builds.push((name, path, built));
        }
    }
    let files: Vec<PathBuf> = builds.iter().map(|(_, path, _)| path.clone()).collect();
    if libreoffice(&files, dir.path()).is_none() {
        return;
    }
    for (name, path, built) in builds {
        let pdf = path.with_extension("pdf");
        let lo_pages = pages(&pdf);
        eprintln!("{name}: LibreOffice {lo_pages} page(s), Typst {}", built.metrics.pages);
        assert_eq!(lo_pages, built.metrics.pages, "{name}: the DOCX lays out to as many pages as the PDF");
        let text = squeezed(&tool("pdftotext", &[pdf.as_os_str(), std::ffi::OsStr::new("-")]));
        // rescc's own reader on another producer's PDF (TrueType subsets, its own content streams).
        let reading = rescc::verify::read(&std::fs::read(&pdf).unwrap()).expect("rescc reads LibreOffice's PDF");
        assert_eq!(reading.pages, lo_pages, "{name}: rescc counts LibreOffice's pages");
        let read_back = squeezed(&reading.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n"));
        for bullet in common::bullets(&built.document) {
            // LibreOffice lays a Hebrew bullet out right to left (the DOCX marks it so), and a
            // reader orders its Latin runs by its own lights: such a bullet is checked word by word.
            let rtl = bullet.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c));
            if rtl {
                let words = |t: &str| -> Vec<String> {
                    t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
                };
                let raw = tool("pdftotext", &[pdf.as_os_str(), std::ffi::OsStr::new("-")]);
                let line = raw
                    .lines()
                    .find(|l| bullet.split_whitespace().next().is_some_and(|w| l.contains(w)))
                    .unwrap_or_default();
                let marks = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
                let line: String = line.chars().filter(|c| !marks(*c)).collect();
                for word in words(&bullet) {
                    assert!(
                        words(&line).iter().any(|w| w.contains(&word)),
                        "{name}: `{word}` of `{bullet}` missing from LibreOffice's PDF: {line}"
                    );
                }
                continue;
            }
            assert!(text.contains(&squeezed(&bullet)), "{name}: `{bullet}` missing from LibreOffice's PDF");
            assert!(read_back.contains(&squeezed(&bullet)), "{name}: rescc misreads `{bullet}` in LibreOffice's PDF");
        }
    }
}

/// A custom layout's DOCX takes the look of the built-in layout `layout.docx` names (classic by
/// default); a name that is no built-in layout is an error at it.
#[test]
fn a_custom_layouts_docx_takes_the_look_it_names() {
    let layout = "#let data = json(\"/resume.json\")\n#set text(size: 10.5pt)\n#data.name\n";
    for (docx, rule) in [("", true), ("  docx: compact\n", false)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.typ"), layout).unwrap();
        let yaml = format!("name: Ada Byte\nheadline: Platform Engineer\nlayout:\n  template: mine.typ\n{docx}");
        std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
        let out = common::rescc(dir.path(), &["build", "r.yaml", "--format", "docx", "--force"]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", common::stderr(&out));
        let bytes = std::fs::read(dir.path().join("out/Ada_Byte_Resume.docx")).unwrap();
        let styles = common::part(&bytes, "word/styles.xml");
        assert_eq!(styles.contains("<w:pBdr>"), rule, "{docx:?}: classic headings carry a rule, compact's none");
        let document = common::part(&bytes, "word/document.xml");
        assert_eq!(
            document.contains(" | Platform Engineer"),
            !rule,
            "{docx:?}: compact sets the headline beside the name"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), "name: Ada Byte\nlayout:\n  docx: compactt\n").unwrap();
    let out = common::rescc(dir.path(), &["check", "r.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("error: no built-in layout is called `compactt`") && err.contains("did you mean `compact`?"),
        "{err}"
    );
}
