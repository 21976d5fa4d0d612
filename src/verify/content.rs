//! A content-stream lexer for the read-back: a page's operators and their operands, borrowed
//! from the stream wherever it can be.
//!
//! lopdf's own content parser builds an owned object tree for every operand of every operator
//! (marked-content dictionaries, paths, colours) and was half the cost of reading a resume's PDF
//! back. Reading text needs only numbers, names, strings and arrays; everything else is skipped
//! here without being built. Malformed syntax ends the stream, as for any reader.

use std::borrow::Cow;

/// Arrays and dictionaries nested deeper than this are malformed (real files nest two deep).
const MAX_NESTING: usize = 32;

/// An operand of an operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Number(f64),
    Name(Cow<'a, [u8]>),
    String(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// A dictionary, a boolean or `null`: present, but nothing text extraction reads.
    Other,
}

impl Operand<'_> {
    pub fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(name) => Some(name),
            _ => None,
        }
    }
}

/// One operator and the operands before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation<'a> {
    pub operator: &'a [u8],
    pub operands: Vec<Operand<'a>>,
}

/// The operations of a content stream, or `None` when its syntax is broken.
pub fn operations(content: &[u8]) -> Option<Vec<Operation<'_>>> {
    let mut lexer = Lexer { bytes: content, at: 0 };
    let mut out = Vec::new();
    let mut operands = Vec::new();
    while let Some(token) = lexer.token(0)? {
        match token {
            Token::Operand(operand) => operands.push(operand),
            Token::Operator(b"BI") => {
                lexer.skip_inline_image()?;
                operands.clear();
            }
            Token::Operator(operator) => out.push(Operation { operator, operands: std::mem::take(&mut operands) }),
            Token::Close(_) => return None,
        }
    }
    Some(out)
}

enum Token<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
    /// `]` or `>>`, ending the collection being read.
    Close(u8),
}

struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !is_delimiter(b)
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips whitespace and comments.
    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.at += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A run of regular characters.
    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.peek().is_some_and(is_regular) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// The next token; `Ok(None)` at the end, `None` for broken syntax.
    fn token(&mut self, depth: usize) -> Option<Option<Token<'a>>> {
        self.skip_space();
        let Some(b) = self.peek() else { return Some(None) };
        let token = match b {
            b'/' => {
                self.at += 1;
                Token::Operand(Operand::Name(decode_name(self.word())))
            }
            b'(' => {
                self.at += 1;
                Token::Operand(Operand::String(self.literal()?))
            }
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                self.collection(depth, b'>')?;
                Token::Operand(Operand::Other)
            }
            b'<' => {
                self.at += 1;
                Token::Operand(Operand::String(Cow::Owned(self.hex()?)))
            }
            b'[' => {
                self.at += 1;
                Token::Operand(Operand::Array(self.collection(depth, b']')?))
            }
            b']' => {
                self.at += 1;
                Token::Close(b']')
            }
            b'>' if self.bytes.get(self.at + 1) == Some(&b'>') => {
                self.at += 2;
                Token::Close(b'>')
            }
            // `{`, `}`, a lone `>` or `)`: not content-stream syntax.
            _ if is_delimiter(b) => return None,
            _ => {
                let word = self.word();
                match word {
                    b"true" | b"false" | b"null" => Token::Operand(Operand::Other),
                    _ => match number(word) {
                        Some(n) => Token::Operand(Operand::Number(n)),
                        None => Token::Operator(word),
                    },
                }
            }
        };
        Some(Some(token))
    }

    /// The operands up to the closing `]` (or `>>`); a dictionary's are read only to be skipped.
    fn collection(&mut self, depth: usize, close: u8) -> Option<Vec<Operand<'a>>> {
        if depth >= MAX_NESTING {
            return None;
        }
        let mut items = Vec::new();
        loop {
            match self.token(depth + 1)?? {
                Token::Operand(operand) => items.push(operand),
                Token::Close(c) if c == close => return Some(items),
                // An operator inside an array, or the wrong closing bracket.
                _ => return None,
            }
        }
    }

    /// A literal string after its `(`, with escapes and balanced parentheses.
    fn literal(&mut self) -> Option<Cow<'a, [u8]>> {
        let start = self.at;
        let mut depth = 0;
        // Most strings have no escapes: they are borrowed as they stand.
        while let Some(b) = self.peek() {
            match b {
                b'\\' => break,
                b'(' => depth += 1,
                b')' if depth == 0 => {
                    self.at += 1;
                    return Some(Cow::Borrowed(&self.bytes[start..self.at - 1]));
                }
                b')' => depth -= 1,
                _ => {}
            }
            self.at += 1;
        }
        let mut out = self.bytes[start..self.at].to_vec();
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'\\' => {
                    let escaped = self.peek()?;
                    self.at += 1;
                    match escaped {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0C),
                        b'0'..=b'7' => {
                            let mut code = u32::from(escaped - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        code = code * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(code as u8);
                        }
                        // A backslash before a line break continues the string on the next line.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => return Some(Cow::Owned(out)),
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        None
    }

    /// A hexadecimal string after its `<`; an odd last digit is followed by 0.
    fn hex(&mut self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        loop {
            let b = self.peek()?;
            self.at += 1;
            let digit = match b {
                b'>' => break,
                _ if is_whitespace(b) => continue,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return None,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | digit),
                None => high = Some(digit),
            }
        }
        out.extend(high.map(|h| h << 4));
        Some(out)
    }

    /// Skips an inline image: its dictionary up to `ID`, then its data up to an `EI` that stands
    /// alone between whitespace.
    fn skip_inline_image(&mut self) -> Option<()> {
        loop {
            match self.token(0)?? {
                Token::Operator(b"ID") => break,
                Token::Operand(_) => {}
                _ => return None,
            }
        }
        self.at += 1;
        let data = &self.bytes[self.at.min(self.bytes.len())..];
        let end = data.windows(4).position(|w| is_whitespace(w[0]) && &w[1..3] == b"EI" && is_whitespace(w[3]));
        let end = end.map(|e| e + 3).or_else(|| data.ends_with(b" EI").then_some(data.len()))?;
        self.at += end;
        Some(())
    }
}

/// A PDF number: `12`, `-3.5`, `.5`, `4.` (no exponents in PDF).
fn number(word: &[u8]) -> Option<f64> {
    let digits = word.strip_prefix(b"-").or_else(|| word.strip_prefix(b"+")).unwrap_or(word);
    let valid = !digits.is_empty()
        && digits.iter().filter(|&&b| b == b'.').count() <= 1
        && digits.iter().all(|&b| b.is_ascii_digit() || b == b'.')
        && digits.iter().any(u8::is_ascii_digit);
    if !valid {
        return None;
    }
    std::str::from_utf8(word).ok()?.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A name with its `#xx` escapes decoded.
fn decode_name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (raw[i], hex) {
            (b'#', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(content: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        operations(content)
            .unwrap()
            .into_iter()
            .map(|op| (String::from_utf8_lossy(op.operator).into_owned(), op.operands))
            .collect()
    }

    #[test]
    fn text_operators_and_their_operands() {
        let content = b"/Span <</MCID 0 /Alt (a >> b)>> BDC\nBT /F1 10.5 Tf 1 0 0 -1 72 .5 Tm [(Led) -250 <0041> (\\(5\\)\\101)] TJ ET EMC % done\n";
        let found = ops(content);
        let names: Vec<&str> = found.iter().map(|(op, _)| op.as_str()).collect();
        assert_eq!(names, ["BDC", "BT", "Tf", "Tm", "TJ", "ET", "EMC"]);
        assert_eq!(found[0].1, [Operand::Name(Cow::Borrowed(b"Span")), Operand::Other]);
        assert_eq!(found[2].1, [Operand::Name(Cow::Borrowed(b"F1")), Operand::Number(10.5)]);
        assert_eq!(found[3].1.last(), Some(&Operand::Number(0.5)));
        let Operand::Array(items) = &found[4].1[0] else { panic!("{:?}", found[4]) };
        assert_eq!(items[0], Operand::String(Cow::Borrowed(b"Led")));
        assert_eq!(items[1], Operand::Number(-250.0));
        assert_eq!(items[2], Operand::String(Cow::Owned(vec![0x00, 0x41])));
        assert_eq!(items[3], Operand::String(Cow::Owned(b"(5)A".to_vec())));
    }

    #[test]
    fn inline_images_escaped_names_and_broken_syntax() {
        let found = ops(b"q BI /W 2 /H 1 ID \x00EI\xffZ EI Q /A#20B Do");
        let names: Vec<&str> = found.iter().map(|(op, _)| op.as_str()).collect();
        assert_eq!(names, ["q", "Q", "Do"]);
        assert_eq!(found[2].1, [Operand::Name(Cow::Owned(b"A B".to_vec()))]);
        assert!(operations(b"BT (unclosed Tj").is_none());
        assert!(operations(b"[1 2 Tj").is_none());
        assert!(operations(b"] Tj").is_none());
        assert!(operations(&[b'['; 100]).is_none(), "nesting is bounded");
        assert_eq!(operations(b"").unwrap(), []);
    }
}
