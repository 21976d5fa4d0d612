//! Bundled fonts, embedded in the binary so every machine typesets alike.
//!
//! Metric-compatible pairs (Carlito/Calibri, Liberation Sans/Arial, Liberation Serif/Times New
//! Roman, Caladea/Cambria) let the PDF and the DOCX break lines in the same places.
//! Font metadata is read once; a font's tables are parsed only when Typst first asks for it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// The font files in `fonts/`, with their licenses beside them.
const BUNDLED: &[&[u8]] = &[
    include_bytes!("../fonts/Caladea-Bold.ttf"),
    include_bytes!("../fonts/Caladea-BoldItalic.ttf"),
    include_bytes!("../fonts/Caladea-Italic.ttf"),
    include_bytes!("../fonts/Caladea-Regular.ttf"),
    include_bytes!("../fonts/Carlito-Bold.ttf"),
    include_bytes!("../fonts/Carlito-BoldItalic.ttf"),
    include_bytes!("../fonts/Carlito-Italic.ttf"),
    include_bytes!("../fonts/Carlito-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
];

/// The families rescc ships, and the Word font each stands in for.
pub const FAMILIES: &[(&str, &str)] = &[
    ("Carlito", "Calibri"),
    ("Liberation Sans", "Arial"),
    ("Liberation Serif", "Times New Roman"),
    ("Caladea", "Cambria"),
];

/// The fonts Typst may use, shared by every compilation in a process.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    slots: Vec<Slot>,
}

/// One face: where its bytes are, and the parsed font once Typst asked for it.
struct Slot {
    origin: Origin,
    index: u32,
    font: OnceLock<Option<Font>>,
}

enum Origin {
    Bundled(&'static [u8]),
    File(PathBuf),
}

/// Where to look for fonts beyond the bundled ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontOptions {
    /// Directories searched recursively (`--font-path`).
    pub paths: Vec<PathBuf>,
    /// Also use the system's fonts (`--system-fonts`).
    pub system: bool,
}

impl Fonts {
    /// The bundled fonts only (no file system access), built once per process.
    pub fn bundled() -> Arc<Fonts> {
        static FONTS: OnceLock<Arc<Fonts>> = OnceLock::new();
        FONTS.get_or_init(|| Arc::new(Fonts::load(&FontOptions::default()))).clone()
    }

    /// The bundled fonts first, then those found under `options`.
    pub fn with(options: &FontOptions) -> Arc<Fonts> {
        if options == &FontOptions::default() { Fonts::bundled() } else { Arc::new(Fonts::load(options)) }
    }

    fn load(options: &FontOptions) -> Fonts {
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for data in BUNDLED {
            for (index, info) in FontInfo::iter(data).enumerate() {
                book.push(info);
                slots.push(Slot { origin: Origin::Bundled(data), index: index as u32, font: OnceLock::new() });
            }
        }
        let mut db = fontdb::Database::new();
        for path in &options.paths {
            load_path(&mut db, path, 0);
        }
        if options.system {
            db.load_system_fonts();
        }
        // Sorted by path so the font book, and so the output, does not depend on directory order.
        let mut faces: Vec<(PathBuf, u32, fontdb::ID)> = db
            .faces()
            .filter_map(|face| match &face.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                    Some((path.clone(), face.index, face.id))
                }
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        faces.sort();
        for (path, index, id) in faces {
            if let Some(info) = db.with_face_data(id, FontInfo::new).flatten() {
                book.push(info);
                slots.push(Slot { origin: Origin::File(path), index, font: OnceLock::new() });
            }
        }
        Fonts { book: LazyHash::new(book), slots }
    }

    /// The font at `index` in the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| {
                let data = match &slot.origin {
                    Origin::Bundled(data) => Bytes::new(*data),
                    // Capped as when it was found: the file may have changed since.
                    Origin::File(path) => {
                        let data = crate::source::read_at_most(path, MAX_FONT_FILE_BYTES as usize).ok()?;
                        if data.len() > MAX_FONT_FILE_BYTES as usize {
                            return None;
                        }
                        Bytes::new(data)
                    }
                };
                Font::new(data, slot.index)
            })
            .clone()
    }

    /// The font files found beyond the bundled fonts.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.slots.iter().filter_map(|slot| match &slot.origin {
            Origin::File(path) => Some(path.as_path()),
            Origin::Bundled(_) => None,
        })
    }

    /// Whether a family is available (case-insensitive).
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }
}

/// Loads the font files under `dir`, as `fontdb::Database::load_fonts_dir` does, but only
/// regular files: opening a named pipe called `x.ttf` would wait for a writer forever.
fn load_path(db: &mut fontdb::Database, path: &Path, depth: usize) {
    let Ok(meta) = std::fs::metadata(path) else { return };
    if meta.is_file() && is_font_file(path) && meta.len() <= MAX_FONT_FILE_BYTES {
        // A file that is not a font is skipped, as fontdb skips it in a directory.
        let _ = db.load_font_file(path);
    } else if meta.is_dir() && depth < 16 {
        let Ok(entries) = std::fs::read_dir(path) else { return };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for path in paths {
            load_path(db, &path, depth + 1);
        }
    }
}

/// Larger than any real font family's file (Noto CJK collections are about 30 MiB).
const MAX_FONT_FILE_BYTES: u64 = 64 << 20;

fn is_font_file(path: &Path) -> bool {
    let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(extension.as_deref(), Some("ttf" | "otf" | "ttc" | "otc"))
}

/// Checks a `--font-path` argument: a directory (searched recursively) or a font file.
pub fn font_path(arg: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(arg);
    match std::fs::metadata(&path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(format!("`{arg}` does not exist")),
        Err(err) => Err(format!("cannot read `{arg}`: {err}")),
        Ok(meta) if meta.is_dir() => Ok(path),
        Ok(meta) if meta.is_file() && is_font_file(&path) && meta.len() > MAX_FONT_FILE_BYTES => {
            Err(format!("`{arg}` is over {} MiB; no font file is that large", MAX_FONT_FILE_BYTES >> 20))
        }
        Ok(meta) if meta.is_file() && is_font_file(&path) => Ok(path),
        Ok(meta) if meta.is_file() => Err(format!("`{arg}` is not a font file (.ttf, .otf, .ttc or .otc)")),
        Ok(meta) => Err(format!("`{arg}` is {}, not a directory of fonts", crate::source::describe(meta.file_type()))),
    }
}

/// A Debian package whose fonts cover `c`, for the hint when no available font does.
pub fn package_for(c: char) -> &'static str {
    match u32::from(c) {
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF => {
            "fonts-noto-cjk or fonts-wqy-microhei"
        }
        0x1F000..=0x1FAFF | 0x2600..=0x27BF => "fonts-noto-color-emoji",
        _ => "fonts-noto-core",
    }
}

/// The Word font metric-compatible with a bundled family, or the family itself.
pub fn word_name(family: &str) -> &str {
    FAMILIES.iter().find(|(ours, _)| ours.eq_ignore_ascii_case(family)).map_or(family, |(_, word)| word)
}
