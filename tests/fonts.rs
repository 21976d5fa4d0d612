//! Fonts beyond the bundled ones: `--font-path`, `--system-fonts`, coverage errors.

mod common;

use std::path::Path;

use common::*;

const WQY: &str = "/usr/share/fonts/truetype/wqy";

/// Whether the CJK font that `.ci/run` installs is here; in CI it must be.
fn have_cjk_font() -> bool {
    let found = Path::new(WQY).is_dir();
    if !found {
        skip("fonts-wqy-microhei");
    }
    found
}

#[test]
fn a_character_no_font_covers_is_a_located_error_naming_a_package() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = rescc(&root(), &["build", "fixtures/cjk.yaml", "-o", out_dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: no available font has `李` (U+674E)\n  --> fixtures/cjk.yaml:3:7\n"), "{err}");
    assert!(err.contains("fonts-noto-cjk or fonts-wqy-microhei"), "{err}");
    assert!(err.contains("`--system-fonts` or `--font-path DIR`"), "{err}");
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0, "no empty boxes are ever written");
}

#[test]
fn cjk_text_falls_back_to_a_font_from_font_path() {
    if !have_cjk_font() {
        return;
    }
    let out_dir = tempfile::tempdir().unwrap();
    let out =
        rescc(&root(), &["build", "fixtures/cjk.yaml", "-o", out_dir.path().to_str().unwrap(), "--font-path", WQY]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = out_dir.path().join("李雷_Resume.pdf");
    assert!(pdf.is_file() && out_dir.path().join("李雷_Resume.docx").is_file());
    if have("pdftotext") {
        let text = pdftotext(&pdf);
        for word in ["李雷", "北京 (Beijing)", "北京大学 (Peking University)", "Backend Developer"] {
            assert!(text.contains(word), "{word} missing from {text}");
        }
    }
}

#[test]
fn system_fonts_are_used_only_when_asked() {
    if !have_cjk_font() {
        return;
    }
    let out_dir = tempfile::tempdir().unwrap();
    let out = rescc(&root(), &["build", "fixtures/cjk.yaml", "-o", out_dir.path().to_str().unwrap(), "--system-fonts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_unknown_font_family_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), "name: Ada Byte\nlayout:\n  font: Comic Sans\n").unwrap();
    let out = rescc(dir.path(), &["build", "r.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: no available font is called `Comic Sans`\n  --> r.yaml:3:9\n"), "{err}");
    assert!(err.contains("bundled: Carlito, Liberation Sans, Liberation Serif, Caladea"), "{err}");
}

#[test]
fn each_bundled_family_builds() {
    for family in ["Carlito", "Liberation Sans", "Liberation Serif", "Caladea"] {
        let (dir, resume) = staged("unicode.yaml");
        let text = std::fs::read_to_string(&resume).unwrap();
        let text = if text.contains("\n  font: ") {
            text.replace("font: Carlito", &format!("font: {family}"))
        } else {
            text.replace("\nlayout:\n", &format!("\nlayout:\n  font: {family}\n"))
        };
        std::fs::write(&resume, text).unwrap();
        let out = rescc(dir.path(), &["build", "unicode.yaml", "--format", "pdf"]);
        assert_eq!(out.status.code(), Some(0), "{family}: {}", stderr(&out));
        if have("pdffonts") {
            let pdf = std::fs::read_dir(dir.path().join("out")).unwrap().next().unwrap().unwrap().path();
            let fonts =
                String::from_utf8(std::process::Command::new("pdffonts").arg(&pdf).output().unwrap().stdout).unwrap();
            let needle = family.replace(' ', "");
            assert!(fonts.contains(&needle), "{family} not embedded:\n{fonts}");
        }
    }
}

#[test]
fn a_font_path_that_is_not_a_usable_font_is_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), "name: Ada Byte\ncontact:\n  email: ada@example.com\n").unwrap();
    // 65 MiB that take no room: larger than any font file.
    std::fs::File::create(dir.path().join("huge.ttf")).unwrap().set_len(65 << 20).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a font").unwrap();
    for (arg, reason) in [
        ("huge.ttf", "`huge.ttf` is over 64 MiB; no font file is that large"),
        ("notes.txt", "`notes.txt` is not a font file (.ttf, .otf, .ttc or .otc)"),
        ("missing", "`missing` does not exist"),
    ] {
        let out = rescc(dir.path(), &["build", "r.yaml", "--font-path", arg]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("invalid value '{arg}' for '--font-path <DIR>': {reason}")),
            "{}",
            stderr(&out)
        );
        assert!(!dir.path().join("out").exists());
    }
}
