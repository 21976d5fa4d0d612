//! Source files and spans: the text the user wrote, and where in it each value was written.
//!
//! Every later stage points back into that text, so every value keeps a [`Span`], and a span
//! carries its file (as typst's `Span` carries a `FileId`): diagnostics from a resume, a job file,
//! a posting and a layout mix in one list and each still names its own file and line.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// A text file as read: its name as shown in diagnostics, where it lives, and its contents.
#[derive(Clone)]
pub struct Source {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// Files are numbered in the order they were read, so diagnostics about several files list
    /// them file by file in that order (the resume before the job files read after it).
    order: u64,
    /// The file's own names for rescc's keys (`contact.email` is `basics.email` in a JSON
    /// Resume), set once its format is known, so diagnostics about it speak its vocabulary.
    pub vocabulary: OnceLock<&'static [(&'static str, &'static str)]>,
}

impl Source {
    /// Text that did not come from disk (tests, generated input): its name is also its path.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let name = name.into();
        Source::file(name.clone(), PathBuf::from(name), text)
    }

    /// The text of the file at `path`, shown as `name`.
    pub fn file(name: impl Into<String>, path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        static READ: AtomicU64 = AtomicU64::new(0);
        let order = READ.fetch_add(1, Ordering::Relaxed);
        Source { name: name.into(), path: path.into(), text: text.into(), order, vocabulary: OnceLock::new() }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// `text` with every rescc key in backticks written in the file's vocabulary: `` `contact.links` ``
    /// is `` `basics.profiles` `` in a JSON Resume, `` `start: 2021-03` `` is `` `startDate: 2021-03` ``.
    pub fn speak<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let Some(words) = self.vocabulary.get() else { return Cow::Borrowed(text) };
        if !text.contains('`') {
            return Cow::Borrowed(text);
        }
        let spoken: Vec<String> = text
            .split('`')
            .enumerate()
            .map(|(i, part)| {
                let renamed = (i % 2 == 1).then(|| {
                    words.iter().find_map(|(ours, theirs)| {
                        let rest = part.strip_prefix(ours)?;
                        (rest.is_empty() || rest.starts_with(['.', ':', ' ', '['])).then(|| format!("{theirs}{rest}"))
                    })
                });
                renamed.flatten().unwrap_or_else(|| part.to_string())
            })
            .collect();
        Cow::Owned(spoken.join("`"))
    }

    /// The position of this file among those read (see the field).
    pub fn order(&self) -> u64 {
        self.order
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Source({}, {} bytes)", self.name, self.text.len())
    }
}

/// The file's bytes, but no more than one past `limit`. A result longer than `limit` means the
/// file is too big. Only regular files are read: opening a named pipe for reading waits for a
/// writer, and a device may never end, so the type is checked before the file is opened.
pub fn read_at_most(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    regular_file(path)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(std::fs::File::open(path)?, limit as u64 + 1), &mut bytes)?;
    Ok(bytes)
}

/// Fails unless `path` (after symbolic links) is a regular file, naming what it is instead.
pub fn regular_file(path: &Path) -> std::io::Result<()> {
    let kind = std::fs::metadata(path)?.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = describe(kind);
    Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("it is {what}, not a regular file")))
}

#[cfg(unix)]
pub fn describe(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    match () {
        _ if kind.is_dir() => "a directory",
        _ if kind.is_fifo() => "a named pipe",
        _ if kind.is_socket() => "a socket",
        _ if kind.is_char_device() || kind.is_block_device() => "a device",
        _ => "something else",
    }
}

#[cfg(not(unix))]
pub fn describe(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() { "a directory" } else { "something else" }
}

/// A byte range in one source file.
#[derive(Clone)]
pub struct Span {
    pub source: Arc<Source>,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(source: Arc<Source>, range: Range<usize>) -> Self {
        Span { source, range }
    }

    pub fn start(&self) -> usize {
        self.range.start
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The empty span where this one starts (where a missing key would go).
    pub fn at_start(&self) -> Span {
        self.with_range(self.range.start..self.range.start)
    }

    /// Another range of the same file.
    pub fn with_range(&self, range: Range<usize>) -> Span {
        Span { source: Arc::clone(&self.source), range }
    }

    /// The text the span covers, as written; `None` when the range is not in the file.
    pub fn text(&self) -> Option<&str> {
        self.source.text.get(self.range.clone())
    }

    /// 1-based line and column where the span starts.
    pub fn line_col(&self) -> (usize, usize) {
        self.source.line_col(self.range.start)
    }

    /// Orders spans file by file (in the order the files were read), then by position.
    pub fn sort_key(&self) -> (u64, usize) {
        (self.source.order, self.range.start)
    }
}

impl PartialEq for Span {
    fn eq(&self, other: &Span) -> bool {
        Arc::ptr_eq(&self.source, &other.source) && self.range == other.range
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{:?}", self.source.name, self.range)
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Text the user wrote, with its span.
pub type Text = Spanned<String>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let source = Source::new("t.yaml", "name: Zoë\nrole: x\n");
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(10), (1, 10), "inside `ë`, rounded down to its start");
        assert_eq!(source.line_col(12), (2, 2));
    }

    #[test]
    fn files_sort_in_the_order_they_were_read() {
        let (a, b) = (Arc::new(Source::new("a", "xx")), Arc::new(Source::new("b", "xx")));
        assert!(Span::new(b, 0..1).sort_key() > Span::new(a, 1..2).sort_key());
    }
}
