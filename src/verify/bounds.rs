//! Caps on what a file handed to `rescc verify` may make rescc read: the text an ATS reads from a
//! resume is a few kilobytes, so a PDF stream or a DOCX part that inflates to hundreds of
//! megabytes, a file of millions of objects or arrays nested a thousand deep is refused before
//! a parser spends memory or stack on it.

use std::io::Read;

/// Largest inflated PDF stream or DOCX part; a resume's largest (an embedded font) is a few MiB.
pub const MAX_PART_BYTES: u64 = 32 << 20;
/// Largest sum of every inflated stream or part of one file.
pub const MAX_INFLATED_BYTES: u64 = 96 << 20;
/// Most PDF objects or DOCX parts in one file; a resume has a few hundred.
pub const MAX_OBJECTS: usize = 100_000;
/// Deepest nesting of PDF arrays and dictionaries; real files rarely pass 10.
pub const MAX_NESTING: usize = 64;

/// What inflating a file's parts has used so far.
#[derive(Default)]
pub struct Budget {
    inflated: u64,
}

/// Why a part was not inflated.
#[derive(Debug)]
pub enum Refused {
    /// Over a cap: the file is refused.
    TooBig(String),
    /// Not valid compressed data: the parser says what it makes of it.
    Corrupt(std::io::Error),
}

impl Budget {
    /// Reads all of `reader` (one part or stream, called `name`), within both caps.
    pub fn inflate(&mut self, name: &str, reader: impl Read) -> Result<Vec<u8>, Refused> {
        let room = MAX_PART_BYTES.min(MAX_INFLATED_BYTES - self.inflated);
        let mut bytes = Vec::new();
        reader.take(room + 1).read_to_end(&mut bytes).map_err(Refused::Corrupt)?;
        if bytes.len() as u64 > room {
            return Err(Refused::TooBig(if room == MAX_PART_BYTES {
                format!("{name} inflates to more than {} MiB; a resume's is far smaller", MAX_PART_BYTES >> 20)
            } else {
                format!("its parts inflate to more than {} MiB; a resume's are far smaller", MAX_INFLATED_BYTES >> 20)
            }));
        }
        self.inflated += bytes.len() as u64;
        Ok(bytes)
    }
}

/// Checks a PDF's syntax against the caps before lopdf parses it: the number of objects, the
/// nesting of arrays and dictionaries (in the file, and in object streams, which keep objects
/// compressed), and the inflated size of every Flate stream.
pub fn pdf(bytes: &[u8]) -> Result<(), String> {
    let mut budget = Budget::default();
    let mut objects = 0;
    scan(bytes, &mut objects, &mut |data, object_stream| {
        // Zlib data starts with 0x78; what does not inflate is lopdf's to judge.
        if !data.starts_with(&[0x78]) {
            return Ok(());
        }
        match budget.inflate("a stream", flate2::read::ZlibDecoder::new(data)) {
            Ok(inflated) if object_stream => scan(&inflated, &mut 0, &mut |_, _| Ok(())),
            Ok(_) | Err(Refused::Corrupt(_)) => Ok(()),
            Err(Refused::TooBig(reason)) => Err(reason),
        }
    })
}

/// Called with a stream's data and whether it is an object stream.
type StreamVisitor<'a> = dyn FnMut(&[u8], bool) -> Result<(), String> + 'a;

/// Walks PDF syntax, counting objects and calling `stream` with each stream's data and whether it
/// is an object stream. Stream data itself is not read as syntax.
fn scan(bytes: &[u8], objects: &mut usize, stream: &mut StreamVisitor) -> Result<(), String> {
    let (mut depth, mut object_start, mut i) = (0usize, 0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'%' => i = skip_line(bytes, i),
            b'(' => i = skip_string(bytes, i),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'<' => i = bytes[i..].iter().position(|&b| b == b'>').map_or(bytes.len(), |end| i + end + 1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'o' if keyword(bytes, i, b"obj") => {
                *objects += 1;
                if *objects > MAX_OBJECTS {
                    return Err(format!("it has more than {MAX_OBJECTS} objects; a resume has a few hundred"));
                }
                object_start = i;
                i += 3;
            }
            b's' if keyword(bytes, i, b"stream") => {
                let object_stream = find(&bytes[object_start..i], b"/ObjStm").is_some();
                let start = data_start(bytes, i + b"stream".len());
                let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |at| start + at);
                stream(&bytes[start..end], object_stream)?;
                i = end + b"endstream".len();
            }
            _ => i += 1,
        }
        if depth > MAX_NESTING {
            return Err(format!("its arrays and dictionaries nest more than {MAX_NESTING} deep"));
        }
    }
    Ok(())
}

/// Whether `word` stands at `at` as a keyword, with delimiters on both sides.
fn keyword(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    let delimiter = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_whitespace() || b"<>[]()/%".contains(b));
    bytes[at..].starts_with(word) && (at == 0 || delimiter(bytes.get(at - 1))) && delimiter(bytes.get(at + word.len()))
}

/// Where a stream's data begins: after the end of line that follows `stream`.
fn data_start(bytes: &[u8], mut at: usize) -> usize {
    if bytes.get(at) == Some(&b'\r') {
        at += 1;
    }
    if bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    at.min(bytes.len())
}

fn skip_line(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |end| at + end + 1)
}

/// Past a literal string, whose parentheses nest unless escaped.
fn skip_string(bytes: &[u8], at: usize) -> usize {
    let (mut depth, mut i) = (0usize, at);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn with_stream(data: &[u8]) -> Vec<u8> {
        let mut pdf =
            format!("%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /Length {} /Filter /FlateDecode >>\nstream\n", data.len())
                .into_bytes();
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_stream_that_inflates_past_the_cap_is_refused() {
        let bomb = deflate(&vec![b' '; (MAX_PART_BYTES + 1) as usize]);
        let error = pdf(&with_stream(&bomb)).unwrap_err();
        assert_eq!(error, "a stream inflates to more than 32 MiB; a resume's is far smaller");
        assert_eq!(pdf(&with_stream(&deflate(b"BT /F1 10 Tf (Hello) Tj ET"))), Ok(()));
    }

    #[test]
    fn nesting_counts_inside_streams_and_strings_do_not() {
        let deep = "[".repeat(MAX_NESTING + 1);
        assert!(pdf(deep.as_bytes()).unwrap_err().contains("nest more than 64 deep"));
        assert!(pdf(&with_stream(&deflate(deep.as_bytes()))).is_err(), "an object stream can nest too");
        assert_eq!(pdf(format!("1 0 obj ({deep}) endobj").as_bytes()), Ok(()), "brackets in a string are text");
        assert_eq!(pdf(&with_stream(deep.as_bytes())), Ok(()), "raw stream data is not PDF syntax");
        let image = as_image(with_stream(&deflate(deep.as_bytes())));
        assert_eq!(pdf(&image), Ok(()), "an image's pixels are not PDF syntax");
    }

    /// The same stream as an image rather than an object stream.
    fn as_image(pdf: Vec<u8>) -> Vec<u8> {
        let at = pdf.windows(7).position(|w| w == b"/ObjStm").unwrap();
        let mut image = pdf;
        image.splice(at..at + 7, b"/XObject".iter().copied());
        image
    }

    #[test]
    fn too_many_objects_are_refused() {
        let many = "1 0 obj null endobj\n".repeat(MAX_OBJECTS + 1);
        assert!(pdf(many.as_bytes()).unwrap_err().starts_with("it has more than 100000 objects"));
    }
}
