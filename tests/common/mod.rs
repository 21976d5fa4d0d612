//! Shared test helpers: run the binary, read outputs back through real tools.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (fixtures live under it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Runs `rescc` with `args` in `dir`.
pub fn rescc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rescc"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the rescc binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Copies a fixture into a fresh directory, returning (dir guard, path of the copy).
pub fn staged(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join(Path::new(name).file_name().unwrap());
    std::fs::copy(fixture(name), &dest).unwrap();
    (dir, dest)
}

/// Whether an external tool is installed; in CI a missing tool is a failure, locally a skip.
pub fn have(tool: &str) -> bool {
    let found =
        Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success());
    if !found {
        skip(tool);
    }
    found
}

/// The tests that skipped a part for want of something, and what they lacked.
static SKIPPED: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

/// Records that the running test skips a part because `what` (a tool, a font, a privilege) is
/// missing. In CI that is a failure. Locally the test binary ends with one line counting the
/// skips (`2 tests skipped: pdfminer, soffice`), so a skip never looks like a pass.
pub fn skip(what: &str) {
    assert!(std::env::var_os("CI").is_none(), "{what} is required in CI (.ci/run installs it)");
    let test = std::thread::current().name().unwrap_or("main").to_string();
    let mut skipped = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if skipped.is_empty() {
        // SAFETY: registers a plain function with no captured state, run once at exit.
        unsafe { libc::atexit(print_skipped) };
    }
    skipped.push((test, what.to_string()));
}

extern "C" fn print_skipped() {
    use std::collections::BTreeSet;
    use std::io::Write as _;
    let skipped = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    let tests: BTreeSet<&str> = skipped.iter().map(|(test, _)| test.as_str()).collect();
    let missing: BTreeSet<&str> = skipped.iter().map(|(_, what)| what.as_str()).collect();
    let missing: Vec<&str> = missing.into_iter().collect();
    let (n, s) = (tests.len(), if tests.len() == 1 { "" } else { "s" });
    let names: Vec<&str> = tests.into_iter().collect();
    let _ = writeln!(std::io::stderr(), "{n} test{s} skipped: {} ({})", missing.join(", "), names.join(", "));
}

/// The text layer of a PDF as pdftotext reads it.
pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Collapses all whitespace to single spaces.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every needle occurs in `haystack`, in order (after whitespace normalization).
pub fn assert_in_order(haystack: &str, needles: &[String]) {
    let hay = normalize(haystack);
    let mut at = 0;
    for needle in needles {
        let needle = normalize(needle);
        match hay[at..].find(&needle) {
            Some(pos) => at += pos + needle.len(),
            None => panic!(
                "missing or out of order: {needle:?}\n(found anywhere: {})\n--- text ---\n{hay}",
                hay.contains(&needle)
            ),
        }
    }
}

/// The IR of a resume file, as of today.
pub fn document(path: &Path) -> rescc::ir::Document {
    let loaded = rescc::load::load(path).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    rescc::ir::build(&loaded.resume, rescc::cli::today())
}

/// Build options as the binary resolves them today: a PDF and a DOCX into `out/`, bundled fonts.
pub fn options() -> rescc::build::Options {
    rescc::build::Options::new("out", rescc::cli::today())
}

/// Every bullet of a document, as plain text, in order.
pub fn bullets(doc: &rescc::ir::Document) -> Vec<String> {
    use rescc::ir::Body;
    doc.sections
        .iter()
        .flat_map(|s| match &s.body {
            Body::Entries { entries } => {
                entries.iter().flat_map(|e| &e.bullets).map(|b| rescc::ir::plain_text(&b.text)).collect()
            }
            _ => Vec::new(),
        })
        .collect()
}

/// One part of the package, as text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut text = String::new();
    use std::io::Read;
    zip.by_name(name).unwrap_or_else(|_| panic!("{name} is in the package")).read_to_string(&mut text).unwrap();
    text
}

/// An indented dump of an XML part, one element per line, for golden files.
pub fn pretty(xml: &str) -> String {
    fn name(n: roxmltree::ExpandedName) -> String {
        let prefix = match n.namespace() {
            Some("http://schemas.openxmlformats.org/wordprocessingml/2006/main") => "w:",
            Some("http://schemas.openxmlformats.org/officeDocument/2006/relationships") => "r:",
            Some("http://www.w3.org/XML/1998/namespace") => "xml:",
            _ => "",
        };
        format!("{prefix}{}", n.name())
    }
    fn walk(node: roxmltree::Node, depth: usize, out: &mut String) {
        let tag = name(node.tag_name());
        out.push_str(&"  ".repeat(depth));
        out.push('<');
        out.push_str(&tag);
        for a in node.attributes() {
            let key = match a.namespace() {
                Some(ns) => name(roxmltree::ExpandedName::from((ns, a.name()))),
                None => a.name().to_string(),
            };
            out.push_str(&format!(" {key}=\"{}\"", a.value()));
        }
        let elements: Vec<roxmltree::Node> = node.children().filter(roxmltree::Node::is_element).collect();
        match (node.text(), elements.is_empty()) {
            (Some(text), true) => out.push_str(&format!(">{text}</{tag}>\n")),
            (None, true) => out.push_str("/>\n"),
            _ => {
                out.push_str(">\n");
                for child in elements {
                    walk(child, depth + 1, out);
                }
                out.push_str(&format!("{}</{tag}>\n", "  ".repeat(depth)));
            }
        }
    }
    let tree = roxmltree::Document::parse(xml).expect("well-formed XML");
    let mut out = String::new();
    walk(tree.root_element(), 0, &mut out);
    out
}
