//! Auto-fit, the built-in layouts, custom layouts and PNG previews.

mod common;

use std::sync::Arc;

use common::*;
use rescc::build::{self, Options};
use rescc::fit::MIN_SPACING;
use rescc::guidance::{FONT_SIZE_PT, MARGINS_IN, PT_PER_IN};
use rescc::load::{self, Failure, Loaded};
use rescc::render::Format;
use rescc::source::Spanned;

fn load(name: &str) -> Loaded {
    load::load(&fixture(name)).unwrap_or_else(|f| panic!("{}", f.diagnostics()))
}

fn pdf_only() -> Options {
    Options { formats: vec![Format::Pdf], ..options() }
}

#[test]
fn a_slight_overflow_is_fitted_within_bounds() {
    let loaded = load("overflow-slight.yaml");
    let unfitted = build::render(&loaded, &Options { fit: false, ..pdf_only() });
    assert!(matches!(unfitted, Err(Failure::Checks(_))), "the fixture overflows without fitting");

    let built = build::render(&loaded, &pdf_only()).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    let style = &built.document.style;
    assert_eq!(built.metrics.pages, 1);
    assert!((MIN_SPACING..1.0).contains(&style.spacing), "spacing {}", style.spacing);
    assert!(
        (*FONT_SIZE_PT.start()..=10.5).contains(&style.font_size) && style.margins >= MARGINS_IN.start() * PT_PER_IN
    );
    assert!(built.metrics.body_size >= 10.0);
    assert!(built.compilations <= 6, "{} compilations", built.compilations);
    assert!(built.fitted.as_deref().is_some_and(|f| f.starts_with("spacing 1.00 -> ")), "{:?}", built.fitted);

    let (dir, _) = staged("overflow-slight.yaml");
    let out = rescc(dir.path(), &["build", "overflow-slight.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("fitted to the 1-page limit: spacing 1.00 -> 0."), "{}", stdout(&out));
}

#[test]
fn a_large_overflow_names_the_lowest_priority_bullets() {
    let (dir, _) = staged("overflow.yaml");
    let out = rescc(dir.path(), &["build", "overflow.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("even at the tightest spacing, 10 pt and 0.5 in margins, about "), "{err}");
    assert!(err.contains("the lowest-priority bullets are:\n"), "{err}");
    // The project's last bullet and the oldest role's last bullet come first.
    assert!(err.contains("line 98 (transit-eta): Deployed the service"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn every_builtin_layout_passes_the_checks_with_golden_text() {
    for layout in rescc::layouts::BUILTIN {
        let mut loaded = load("example.yaml");
        loaded.resume.layout.template = Some(Spanned::new(layout.name.to_string(), loaded.resume.name.span.at_start()));
        let built = build::render(&loaded, &Options { fit: false, ..pdf_only() })
            .unwrap_or_else(|f| panic!("{}: {}", layout.name, f.diagnostics()));
        assert!(!build::checks_failed(&built), "{}: {}", layout.name, built.diagnostics);
        assert!(built.metrics.pages <= 2 && (10.0..=11.0).contains(&built.metrics.body_size));
        assert!(built.metrics.min_size >= 10.0, "{}: text under 10 pt", layout.name);
        if have("pdftotext") {
            let dir = tempfile::tempdir().unwrap();
            let pdf = dir.path().join("r.pdf");
            std::fs::write(&pdf, &built.outputs[0].bytes).unwrap();
            insta::with_settings!({ snapshot_suffix => layout.name, prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!("layout_text", pdftotext(&pdf));
            });
        }
    }
}

#[test]
fn layouts_command_lists_each_layout() {
    let out = rescc(&root(), &["layouts"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for layout in rescc::layouts::BUILTIN {
        assert!(text.lines().any(|l| l.starts_with(layout.name) && l.contains(layout.description)), "{text}");
    }
}

#[test]
fn a_custom_layout_compiles_and_reads_files_in_its_folder() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = rescc(&root(), &["build", "fixtures/custom/resume.yaml", "-o", out_dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    if have("pdftotext") {
        let text = pdftotext(&out_dir.path().join("Sam_Carter_Resume.pdf"));
        assert!(text.contains("Open to backend roles in Leeds and remote."), "{text}");
        assert!(text.contains("Built the fare search API in Python"), "{text}");
    }
}

/// A resume in a temporary folder whose custom layout is `layout`.
fn with_layout(layout: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("theme")).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "do not read").unwrap();
    std::fs::write(dir.path().join("theme/layout.typ"), layout).unwrap();
    std::fs::write(dir.path().join("r.yaml"), "name: Ada Byte\nlayout:\n  template: theme/layout.typ\n").unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml"]);
    (dir, out)
}

#[test]
fn a_typst_error_in_a_custom_layout_is_located() {
    let (_dir, out) = with_layout("#let data = json(\"/resume.json\")\n#data.nmae\n");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: layout error: dictionary does not contain key \"nmae\""), "{err}");
    assert!(err.contains("--> theme/layout.typ:2:7"), "{err}");
}

#[test]
fn a_custom_layout_cannot_read_outside_its_folder() {
    for (path, message) in [("/etc/passwd", "file not found"), ("../secret.txt", "would escape the project root")] {
        let (dir, out) = with_layout(&format!("#read(\"{path}\")\n"));
        assert_eq!(out.status.code(), Some(2), "{path}");
        assert!(stderr(&out).contains(message), "{path}: {}", stderr(&out));
        assert!(!dir.path().join("out").exists());
    }
    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("pw")).unwrap();
        std::fs::write(dir.path().join("layout.typ"), "#read(\"pw\")\n").unwrap();
        std::fs::write(dir.path().join("r.yaml"), "name: Ada Byte\nlayout:\n  template: layout.typ\n").unwrap();
        let out = rescc(dir.path(), &["build", "r.yaml"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("access denied"), "a symlink out of the folder is refused: {}", stderr(&out));
    }
}

#[test]
fn a_custom_layout_is_held_to_the_font_size_rule() {
    let (dir, out) = with_layout("#set text(size: 8pt)\n#let data = json(\"/resume.json\")\n#data.name\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[font-size]: r.yaml: the layout sets text in 8 pt"), "{}", stderr(&out));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn png_previews_are_one_image_per_page() {
    let loaded = Arc::new(load("example.yaml"));
    let built = build::render(&loaded, &Options { formats: vec![Format::Png], ..options() }).unwrap();
    assert_eq!(built.outputs.len(), built.metrics.pages);
    for (i, output) in built.outputs.iter().enumerate() {
        assert!(output.path.ends_with(format!("Priya_Raman_Resume-{}.png", i + 1)));
        assert!(output.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    }
}

/// A contact line and entry title lines too long for one line wrap between items in every
/// built-in layout: no line of the PDF's text ends or starts with a separator, and each contact
/// item stays on one line.
#[test]
fn a_long_contact_line_wraps_between_items() {
    if !have("pdftotext") {
        return skip("pdftotext");
    }
    let items = [
        "julia.alvarez.montenegro@example.com",
        "+34 612 345 678",
        "Sant Cugat del Vallès, Barcelona, Spain",
        "Portfolio: jalvarez.dev",
        "github.com/julia-alvarez-montenegro",
        "linkedin.com/in/julia-alvarez-montenegro",
        "gitlab.com/julia-alvarez-montenegro/platform-notes",
    ];
    let tags = regex::Regex::new("<[^>]+>").unwrap();
    for layout in ["classic", "modern", "compact"] {
        let (dir, _) = staged("long-contact.yaml");
        let yaml = std::fs::read_to_string(dir.path().join("long-contact.yaml")).unwrap();
        std::fs::write(dir.path().join("long-contact.yaml"), format!("{yaml}layout:\n  template: {layout}\n")).unwrap();
        let out = rescc(dir.path(), &["build", "long-contact.yaml", "--format", "pdf,docx"]);
        assert_eq!(out.status.code(), Some(0), "{layout}: {}", stderr(&out));
        let pdf = dir.path().join("out/Julia_Alvarez-Montenegro_Resume.pdf");
        let text = String::from_utf8(
            std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap().stdout,
        )
        .unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        // The header's lines: those above the first section heading.
        let header = lines.iter().take_while(|l| !l.chars().all(|c| c.is_uppercase() || c == ' '));
        let contact: Vec<&&str> = header.filter(|l| items.iter().any(|i| l.contains(i))).collect();
        assert!(contact.len() >= 2, "{layout}: the line wraps:\n{text}");
        for line in &contact {
            assert!(!line.ends_with('|') && !line.starts_with('|'), "{layout}: a separator at a line's edge: {line:?}");
        }
        // The same for an entry's title line: `title · organisation · link`.
        for line in &lines {
            let edge = |c: char| line.starts_with(c) || line.ends_with(c);
            assert!(!edge('·') && !edge('|'), "{layout}: a separator at a line's edge: {line:?}");
        }
        for item in items {
            assert!(contact.iter().any(|l| l.contains(item)), "{layout}: `{item}` is broken:\n{text}");
        }
        // The DOCX breaks its contact line at the same items, with no separator at a break.
        let docx = part(
            &std::fs::read(dir.path().join("out/Julia_Alvarez-Montenegro_Resume.docx")).unwrap(),
            "word/document.xml",
        );
        let paragraph = docx.split("</w:p>").find(|p| p.contains(items[0])).unwrap();
        let lines: Vec<String> =
            paragraph.split("<w:br/>").map(|l| tags.replace_all(l, "").trim().to_string()).collect();
        assert_eq!(lines.len(), contact.len(), "{layout}: {lines:?} against the PDF's {contact:?}");
        for (line, pdf_line) in lines.iter().zip(&contact) {
            assert_eq!(normalize(line), normalize(pdf_line), "{layout}");
        }
    }
}

/// A resume whose first role's bullets run to the foot of page 1 in every built-in layout: no
/// page ends with a section heading or an entry's header, which stay with what follows.
#[test]
fn no_page_ends_with_a_heading_or_an_entry_header() {
    if !have("pdftotext") {
        return skip("pdftotext");
    }
    let bullet = |k: usize| {
        format!(
            "      - Cut p99 latency of service {k} by {}% across 40 regions by adding a Redis cache for 2 million users.\n",
            10 + k % 30
        )
    };
    let role = |i: usize, bullets: usize| {
        let lines: String = (0..bullets).map(|j| bullet(i * 100 + j)).collect();
        format!(
            "  - company: Firm{i}\n    role: Backend Engineer\n    start: {}-01\n    end: {}-12\n    bullets:\n{lines}",
            2022 - 3 * i,
            2024 - 3 * i
        )
    };
    let dates = regex::Regex::new(r"^[A-Z][a-z]{2} \d{4} – ").unwrap();
    for layout in ["classic", "modern", "compact"] {
        for first in [36, 39, 42] {
            let dir = tempfile::tempdir().unwrap();
            let yaml = format!(
                "name: Sam Lee\ncontact:\n  email: sam@example.com\nsummary: Backend engineer with 12 years building payment APIs in Go for 2 million users a day.\nlayout:\n  template: {layout}\n  max_pages: 2\nexperience:\n{}{}{}education:\n  - institution: University of Leeds\n    degree: BSc Computer Science\n    start: 2008-09\n    end: 2011-06\n",
                role(0, first),
                role(1, 5),
                role(2, 5)
            );
            std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
            rescc(dir.path(), &["build", "r.yaml", "--format", "pdf", "--force", "--no-fit"]);
            let out = std::process::Command::new("pdftotext")
                .arg("-layout")
                .arg(dir.path().join("out/Sam_Lee_Resume.pdf"))
                .arg("-")
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            let pages: Vec<&str> = text.split('\x0c').filter(|p| !p.trim().is_empty()).collect();
            for page in &pages[..pages.len() - 1] {
                let last = page.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or_default();
                let header = last.contains("Backend Engineer")
                    || dates.is_match(last)
                    || last.chars().all(|c| c.is_uppercase() || c == ' ');
                assert!(!header, "{layout}, {first} bullets: a page ends with {last:?}");
            }
        }
    }
}

/// The keyword-stuffing tricks, each in a custom layout that otherwise sets the name at 10.5 pt:
/// each is an error naming the layout and what was hidden.
#[test]
fn a_layout_cannot_cheat() {
    let head = "#set text(size: 10.5pt)\n#let data = json(\"/resume.json\")\n";
    for (trick, layout, expected) in [
        (
            "one endless page",
            "#set page(height: auto)\n",
            "error[layout-integrity]: the layout `theme/layout.typ` sets 595 × ",
        ),
        (
            "white ink",
            "#text(fill: white)[Kubernetes Terraform]\n",
            "error[layout-integrity]: the layout `theme/layout.typ` hides `Kubernetes Terraform` in ink the colour of the page",
        ),
        ("off the page", "#place(dx: 700pt)[Kubernetes]\n", "hides `Kubernetes` off the page"),
        (
            "clipped to nothing",
            "#box(width: 0pt, height: 0pt, clip: true)[Kubernetes]\n",
            "hides `Kubernetes` clipped to nothing",
        ),
        (
            "squeezed flat",
            "#scale(x: 3%, reflow: true)[Kubernetes Terraform]\n",
            "error[font-size]: r.yaml: the layout sets text in 0.3",
        ),
    ] {
        let (dir, out) = with_layout(&format!("{head}{layout}#data.name\n"));
        assert_eq!(out.status.code(), Some(1), "{trick}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{trick}: {}", stderr(&out));
        assert!(!dir.path().join("out").exists(), "{trick}");
    }
}

/// A 300-character address runs past the right margin: an error at the line that holds it.
#[test]
fn text_past_the_margin_is_an_error_at_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("https://example.com/{}", "a".repeat(280));
    let yaml = format!("name: Ada Byte\ncontact:\n  email: ada@example.com\n  links:\n    - {long}\n");
    std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let finding = err.split("error[past-margin]: ").nth(1).expect("a past-margin error");
    assert!(finding.starts_with("`aaaa") && finding.contains("pt past the right margin"), "{err}");
    assert!(finding.lines().nth(1).is_some_and(|l| l.trim().starts_with("--> r.yaml:5:")), "at the link's line: {err}");
}

/// A senior resume that runs a few lines onto page 2: auto-fit sets it on one page in every
/// layout, within the bounds, and says so; with `--no-fit` it keeps its two pages and warns with
/// what to cut. Goldens: pages and the lines on the last page.
#[test]
fn a_nearly_empty_last_page_is_fitted_away_or_warned() {
    for (layout, fitted, unfitted) in
        [("classic", (1, 0), (2, 10)), ("modern", (1, 0), (2, 13)), ("compact", (1, 0), (1, 0))]
    {
        let (dir, _) = staged("senior-spill.yaml");
        let yaml = std::fs::read_to_string(dir.path().join("senior-spill.yaml")).unwrap();
        std::fs::write(
            dir.path().join("senior-spill.yaml"),
            yaml.replace("  template: classic", &format!("  template: {layout}")),
        )
        .unwrap();
        for (args, (pages, last)) in
            [(&["--format", "pdf"][..], fitted), (&["--format", "pdf", "--no-fit"][..], unfitted)]
        {
            let out = rescc(dir.path(), &[&["build", "senior-spill.yaml"][..], args].concat());
            assert_eq!(out.status.code(), Some(0), "{layout} {args:?}: {}", stderr(&out));
            let report = stdout(&out);
            assert!(report.contains(&format!("Priya_Raman_Resume.pdf: {pages} page")), "{layout} {args:?}: {report}");
            let warning = format!(
                "warning[page-fill]: senior-spill.yaml: page 2 holds {last} lines; a last page should be at least a third full"
            );
            assert_eq!(stderr(&out).contains(&warning), last > 0, "{layout} {args:?}: {}", stderr(&out));
            let moved = report.contains("fitted onto 1 page, so no page is nearly empty: spacing 1.00 -> ");
            assert_eq!(moved, args.len() == 2 && layout != "compact", "{layout} {args:?}: {report}");
        }
    }
}

/// A long address in an entry breaks after a `/`, with nothing inserted: read back, its lines
/// join to the address as written, and nothing runs past the margin.
#[test]
fn a_long_entry_address_breaks_after_a_slash() {
    if !have("pdftotext") {
        return skip("pdftotext");
    }
    let address = "github.com/ada-byte-platform-engineering/kubedrift-operator-for-multi-cluster-configuration-drift-detection/tree/main/docs";
    let dir = tempfile::tempdir().unwrap();
    let yaml = format!(
        "name: Ada Byte\ncontact:\n  email: ada@example.com\nprojects:\n  - name: kubedrift\n    url: https://{address}\n    description: Reports drift between Git and 40 live Kubernetes clusters.\n"
    );
    std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = pdftotext(&dir.path().join("out/Ada_Byte_Resume.pdf"));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines.iter().position(|l| l.starts_with("github.com/ada-byte")).expect("the address");
    assert!(lines[at].ends_with('/'), "it breaks after a slash: {:?}", &lines[at..at + 2]);
    assert_eq!(format!("{}{}", lines[at], lines[at + 1]), address, "nothing is inserted");
}
