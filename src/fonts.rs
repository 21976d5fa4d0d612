//! Bundled fonts, embedded in the binary so every machine typesets alike.
//!
//! Metric-compatible pairs (Carlito/Calibri, Liberation Sans/Arial, Liberation Serif/Times New
//! Roman, Caladea/Cambria) let the PDF and the DOCX break lines in the same places.
//! Font metadata is read once; a font's tables are parsed only when Typst first asks for it.

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

struct Slot {
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

impl Fonts {
    /// The bundled fonts.
    pub fn bundled() -> Arc<Fonts> {
        static FONTS: OnceLock<Arc<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let mut book = FontBook::new();
                let mut slots = Vec::new();
                for data in BUNDLED {
                    for (index, info) in FontInfo::iter(data).enumerate() {
                        book.push(info);
                        let data = Bytes::new(*data);
                        slots.push(Slot { data, index: index as u32, font: OnceLock::new() });
                    }
                }
                Arc::new(Fonts { book: LazyHash::new(book), slots })
            })
            .clone()
    }

    /// The font at `index` in the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font.get_or_init(|| Font::new(slot.data.clone(), slot.index)).clone()
    }

    /// Whether a family is available (case-insensitive).
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }
}

/// The Word font metric-compatible with a bundled family, or the family itself.
pub fn word_name(family: &str) -> &str {
    FAMILIES.iter().find(|(ours, _)| ours.eq_ignore_ascii_case(family)).map_or(family, |(_, word)| word)
}
