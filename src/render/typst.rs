//! Typesetting through Typst: a small `World` over one layout and the document as JSON.
//!
//! The layout is the main file; the IR is served as the virtual file `/resume.json`, so user
//! text reaches Typst only as data. Fonts are the process's shared set; a custom layout may also
//! read files in its own folder, and nothing else. [`typeset`] lays the pages out once (auto-fit
//! calls it again with tighter styles); the [`Pdf`] and [`Png`] renderers export those pages.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::layout::{FrameItem, Point, Transform};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, TextItem};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use super::{Format, Metrics, Renderer};
use crate::diag::Diagnostic;
use crate::fonts::Fonts;
use crate::ir::Document;

/// Path under which layouts read the document.
pub const DATA_PATH: &str = "resume.json";
const MAIN_PATH: &str = "layout.typ";
/// Largest file a custom layout may read (an image or a data file beside it).
const MAX_LAYOUT_FILE_BYTES: usize = 16 << 20;

/// A layout's source text and the name shown in its diagnostics.
#[derive(Debug, Clone)]
pub struct LayoutSource {
    pub name: String,
    pub text: String,
    /// The folder a custom layout may read files from; built-in layouts read none.
    pub root: Option<PathBuf>,
    /// How long one compilation may take: Typst cannot be interrupted, so a layout that loops is
    /// left running and the build fails.
    pub timeout: std::time::Duration,
}

/// How long a compilation may take unless the user says otherwise (`--layout-timeout`).
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Stack of a compilation's thread, as much as a main thread's: Typst recurses as deep as a
/// layout nests.
const COMPILE_STACK: usize = 8 << 20;

/// The rule id of a compilation that ran past its deadline.
pub const TIMEOUT_RULE: &str = "layout-timeout";

/// The world one document is compiled in.
pub struct ResumeWorld {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
    main: Source,
    data: Bytes,
    root: Option<PathBuf>,
    /// The files the layout read, so that no output replaces one.
    read: std::sync::Mutex<Vec<PathBuf>>,
}

fn file_id(path: &str) -> FileId {
    let path = VirtualPath::new(path).expect("static virtual path is valid");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

impl ResumeWorld {
    pub fn new(layout: &LayoutSource, document: &Document, fonts: Arc<Fonts>) -> Self {
        let data = serde_json::to_vec(document).expect("the IR serializes to JSON");
        ResumeWorld {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            main: Source::new(file_id(MAIN_PATH), layout.text.clone()),
            data: Bytes::new(data),
            root: layout.root.clone(),
            read: std::sync::Mutex::default(),
        }
    }

    /// Reads a file inside the layout's folder; paths that resolve outside it are refused.
    fn read_in_root(&self, id: FileId) -> FileResult<Vec<u8>> {
        let root = self.root.as_ref().ok_or_else(|| not_found(id))?;
        let path = id.vpath().realize(root).map_err(FileError::Realize)?;
        let real = path.canonicalize().map_err(|err| FileError::from_io(err, &path))?;
        if !real.starts_with(root) {
            return Err(FileError::AccessDenied);
        }
        self.read.lock().expect("no compilation panics holding the list").push(real.clone());
        let bytes =
            crate::source::read_at_most(&real, MAX_LAYOUT_FILE_BYTES).map_err(|err| FileError::from_io(err, &path))?;
        if bytes.len() > MAX_LAYOUT_FILE_BYTES {
            return Err(FileError::Other(Some(
                format!(
                    "`{}` is over {} MiB; a layout reads small files",
                    id.vpath().get_without_slash(),
                    MAX_LAYOUT_FILE_BYTES >> 20
                )
                .into(),
            )));
        }
        Ok(bytes)
    }
}

impl World for ResumeWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let text = String::from_utf8(self.read_in_root(id)?).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id(DATA_PATH) {
            return Ok(self.data.clone());
        }
        self.read_in_root(id).map(Bytes::new)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Fixed so that identical input gives identical output.
        Datetime::from_ymd(2000, 1, 1)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(std::path::PathBuf::from(id.vpath().get_with_slash()))
}

/// What typesetting produced, with the measurements the page and font checks need.
pub struct Typeset {
    pub document: PagedDocument,
    pub metrics: Metrics,
    /// The files beside a custom layout that it read.
    pub read: Vec<PathBuf>,
}

/// A Typst error in the layout: what went wrong, Typst's hint, and where in the layout's text
/// (when it is in the layout itself rather than in a file it reads). The caller, who knows the
/// layout's file, turns it into a located diagnostic.
#[derive(Debug, Clone)]
pub struct LayoutError {
    pub message: String,
    pub hint: Option<String>,
    pub range: Option<Range<usize>>,
    /// A rule id, for the errors a caller tells apart (a compilation past its deadline).
    pub rule: Option<&'static str>,
}

/// Compiles the document with a layout, within the layout's timeout.
///
/// The compilation runs on a thread of its own, which is abandoned (still running) when the
/// deadline passes; the process ends it when the command ends. On a rayon worker, which must
/// not block waiting for a thread that may need the pool, it runs in place with no deadline.
pub fn typeset(layout: &LayoutSource, document: &Document, fonts: Arc<Fonts>) -> Result<Typeset, Vec<LayoutError>> {
    let world = ResumeWorld::new(layout, document, fonts);
    if rayon::current_thread_index().is_some() {
        return compile(&world);
    }
    let (send, receive) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("typst".into())
        .stack_size(COMPILE_STACK)
        .spawn(move || {
            let _ = send.send(compile(&world));
        })
        .map_err(|err| vec![stopped(format!("cannot start a compilation: {err}"), None)])?;
    // Waits in short steps, to see the memory the compilation takes as well as the time.
    let started = std::time::Instant::now();
    loop {
        match receive.recv_timeout(WATCH_STEP) {
            Ok(result) => return result,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(vec![stopped("the layout's compilation stopped without a result".into(), None)]);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        if started.elapsed() >= layout.timeout {
            ABANDONED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let message = format!("the layout did not finish within {}", seconds(layout.timeout));
            let hint = "a loop that never ends, or one over millions of items, keeps Typst busy: fix the layout, or \
                        give it longer with `--layout-timeout SECONDS`";
            return Err(vec![stopped(message, Some(hint))]);
        }
        if resident_memory().is_some_and(|bytes| bytes > MAX_MEMORY) {
            ABANDONED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let message = format!("the layout took more than {} GiB of memory", MAX_MEMORY >> 30);
            let hint =
                "a loop over millions of items (`range(...)` makes them all at once) fills the memory: fix the layout";
            return Err(vec![stopped(message, Some(hint))]);
        }
    }
}

/// Compilations left running past their limits in this process.
static ABANDONED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many compilations were left running past their limits (they end with the process).
pub fn abandoned() -> usize {
    ABANDONED.load(std::sync::atomic::Ordering::Relaxed)
}

/// How often a running compilation is looked at.
const WATCH_STEP: std::time::Duration = std::time::Duration::from_millis(20);

/// Memory the process may hold while a layout compiles; a resume needs a few dozen MiB.
const MAX_MEMORY: u64 = 1 << 30;

/// A compilation ended by its deadline or its memory.
fn stopped(message: String, hint: Option<&str>) -> LayoutError {
    LayoutError { message, hint: hint.map(Into::into), range: None, rule: Some(TIMEOUT_RULE) }
}

/// The process's resident memory, where the system says (Linux).
fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}

fn compile(world: &ResumeWorld) -> Result<Typeset, Vec<LayoutError>> {
    let Warned { output, warnings: _ } = typst::compile::<PagedDocument>(world);
    let document = output.map_err(|errors| convert(world, &errors))?;
    let metrics = measure(&document);
    let read = std::mem::take(&mut *world.read.lock().expect("no compilation panics holding the list"));
    Ok(Typeset { document, metrics, read })
}

/// `10 s`, `0.5 s`.
fn seconds(duration: std::time::Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// A PDF standard to conform to; without one the PDF is tagged PDF 1.7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PdfStandard {
    /// PDF/A-2b, for archives.
    A2b,
    /// PDF/A-2u: PDF/A-2b with Unicode text.
    A2u,
    /// PDF/UA-1, for accessibility.
    Ua1,
}

/// Creation date of PDF/A files when no timestamp is given (2000-01-01), which PDF/A requires.
const FIXED_TIMESTAMP: i64 = 946_684_800;

/// The PDF of typeset pages. `timestamp` (seconds since the epoch) sets the creation date;
/// without it the PDF carries none (PDF/A a fixed one), so identical input gives identical bytes.
pub struct Pdf<'a> {
    pub typeset: &'a Typeset,
    pub timestamp: Option<i64>,
    pub standard: Option<PdfStandard>,
}

impl Renderer for Pdf<'_> {
    fn format(&self) -> Format {
        Format::Pdf
    }

    /// Exports the pages `doc` was typeset into.
    fn render(&self, _doc: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let standard = self.standard.map(|standard| match standard {
            PdfStandard::A2b => typst_pdf::PdfStandard::A_2b,
            PdfStandard::A2u => typst_pdf::PdfStandard::A_2u,
            PdfStandard::Ua1 => typst_pdf::PdfStandard::Ua_1,
        });
        let standards = match standard {
            Some(standard) => PdfStandards::new(&[standard])
                .map_err(|e| vec![Diagnostic::error(format!("PDF standard: {}", e.message()))])?,
            None => PdfStandards::default(),
        };
        let archival = matches!(self.standard, Some(PdfStandard::A2b | PdfStandard::A2u));
        let timestamp = self.timestamp.or(archival.then_some(FIXED_TIMESTAMP)).and_then(|secs| {
            let t = time::OffsetDateTime::from_unix_timestamp(secs).ok()?;
            let dt = Datetime::from_ymd_hms(t.year(), t.month() as u8, t.day(), t.hour(), t.minute(), t.second())?;
            Some(Timestamp::new_utc(dt))
        });
        let options =
            PdfOptions { ident: Smart::Custom("rescc".into()), timestamp, standards, ..PdfOptions::default() };
        typst_pdf::pdf(&self.typeset.document, &options).map_err(|errors| {
            errors.iter().map(|e| Diagnostic::error(format!("PDF export failed: {}", e.message))).collect()
        })
    }
}

/// One typeset page as a PNG at 2 pixels per point (144 dpi).
pub struct Png<'a> {
    pub typeset: &'a Typeset,
    /// The page, from 0.
    pub page: usize,
}

impl Renderer for Png<'_> {
    fn format(&self) -> Format {
        Format::Png
    }

    fn render(&self, _doc: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let options = typst_render::RenderOptions { pixel_per_pt: 2.0.into(), render_bleed: false };
        let page = &self.typeset.document.pages()[self.page];
        Ok(typst_render::render(page, &options).encode_png().expect("an in-memory PNG encodes"))
    }
}

/// Turns Typst errors into layout errors, with a range when they are in the layout itself.
fn convert(world: &ResumeWorld, errors: &[SourceDiagnostic]) -> Vec<LayoutError> {
    errors
        .iter()
        .map(|e| {
            let in_main = e.span.id() == Some(world.main());
            LayoutError {
                message: e.message.to_string(),
                hint: e.hints.first().map(|hint| hint.v.to_string()),
                range: world.range(e.span).filter(|_| in_main),
                rule: None,
            }
        })
        .collect()
}

/// The widest margin a resume may set (pt): text closer than this to the page's right edge is
/// measured against the resume's own.
const WIDEST_MARGIN_PT: f64 = 72.0;

fn measure(document: &PagedDocument) -> Metrics {
    let mut sizes: Vec<(f64, usize)> = Vec::new();
    let mut lines_per_page = Vec::new();
    let mut fill_of_last_page = 0.0;
    let mut missing_glyphs: Vec<char> = Vec::new();
    let mut min_size = f64::INFINITY;
    let (mut hidden, mut past_margin) = (Vec::new(), Vec::new());
    let mut page_sizes = Vec::new();
    for page in document.pages() {
        let (width, height) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        page_sizes.push((width, height));
        let mut baselines: Vec<f64> = Vec::new();
        walk(&page.frame, Transform::identity(), false, &mut |at, ts, clipped, item| {
            let glyphs = item.glyphs.len();
            // Glyph 0 is `.notdef`: the font had nothing for these characters.
            for glyph in item.glyphs.iter().filter(|g| g.id == 0) {
                let text = item.text.get(glyph.range()).unwrap_or_default();
                for c in text.chars().filter(|c| !c.is_whitespace()) {
                    if !missing_glyphs.contains(&c) {
                        missing_glyphs.push(c);
                    }
                }
            }
            // The size as set on each axis: a layout may squeeze text flat (`scale(x: 3%)`).
            let (sx, sy) = (ts.sx.get().hypot(ts.ky.get()), ts.sy.get().hypot(ts.kx.get()));
            let point = item.size.to_pt();
            let size = (point * sy * 100.0).round() / 100.0;
            min_size = min_size.min((point * sx.min(sy) * 100.0).round() / 100.0);
            match sizes.iter_mut().find(|(s, _)| *s == size) {
                Some((_, count)) => *count += glyphs,
                None => sizes.push((size, glyphs)),
            }
            let y = (at.y.to_pt() * 2.0).round() / 2.0;
            if !baselines.contains(&y) {
                baselines.push(y);
            }
            let text = item.text.trim();
            if text.is_empty() {
                return;
            }
            let (x, right) = (at.x.to_pt(), at.x.to_pt() + item.width().to_pt() * sx);
            let pale = match &item.fill {
                typst::visualize::Paint::Solid(color) => {
                    let [r, g, b, a] = color.to_vec4_u8();
                    a < 40 || (r.min(g).min(b) > 235)
                }
                _ => false,
            };
            if clipped {
                hidden.push((text.to_string(), "clipped to nothing"));
            } else if pale {
                hidden.push((text.to_string(), "in ink the colour of the page"));
            } else if x < -1.0 || x > width || at.y.to_pt() < 0.0 || at.y.to_pt() > height + 1.0 {
                // Set outside the page; text that starts on it and runs off is an overflow.
                hidden.push((text.to_string(), "off the page"));
            } else if right > width - WIDEST_MARGIN_PT {
                // Near the right edge: the rules judge it against the resume's own margin.
                past_margin.push((text.to_string(), width - right));
            }
        });
        lines_per_page.push(baselines.len());
        let bottom = baselines.iter().copied().fold(0.0, f64::max);
        fill_of_last_page = bottom / height;
    }
    let (body_size, body_glyphs) = sizes.iter().copied().max_by_key(|(_, count)| *count).unwrap_or((0.0, 0));
    Metrics {
        pages: document.pages().len(),
        lines_per_page,
        body_size,
        body_glyphs,
        min_size: if min_size.is_finite() { min_size } else { 0.0 },
        fill_of_last_page,
        missing_glyphs,
        contact_lines: contact_lines(document),
        page_sizes,
        hidden,
        past_margin,
    }
}

/// The items on each contact line, as a built-in layout records them (`<rescc-contact-lines>`
/// metadata); none from a layout that does not.
fn contact_lines(document: &PagedDocument) -> Vec<usize> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern("rescc-contact-lines")) else { return Vec::new() };
    // The layout measures its line more than once; every record says the same.
    let found = document.introspector().query(&Selector::Label(label));
    let Some(Value::Array(counts)) = found.last().and_then(|c| c.to_packed::<MetadataElem>()).map(|m| m.value.clone())
    else {
        return Vec::new();
    };
    counts.into_iter().filter_map(|n| n.cast::<i64>().ok()).filter_map(|n| usize::try_from(n).ok()).collect()
}

/// Calls `visit(position, transform, clipped, item)` for every text item, in page coordinates;
/// `clipped` when a group around it clips it to nothing (a box under a point wide or high).
fn walk(
    frame: &typst::layout::Frame,
    ts: Transform,
    clipped: bool,
    visit: &mut impl FnMut(Point, &Transform, bool, &TextItem),
) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                let size = group.frame.size();
                let nothing = group.clip.is_some() && (size.x.to_pt() < 1.0 || size.y.to_pt() < 1.0);
                walk(&group.frame, ts, clipped || nothing, visit);
            }
            FrameItem::Text(text) => visit(pos.transform(ts), &ts, clipped, text),
            _ => {}
        }
    }
}
