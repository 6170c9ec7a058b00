//! A strict RFC 8259 pull scanner over a byte slice.
//!
//! It is the only JSON lexer in the crate: the schema loader builds its spanned tree with it,
//! and the validator walks instances with it directly, so every value is visited once, numbers
//! keep their exact text, and strings are borrowed from the input unless they contain escapes.
//! Positions are byte offsets; lines and columns are computed only when an error is reported.

use std::fmt;

/// Why the input is not well-formed JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SyntaxErrorKind {
    UnexpectedEnd,
    UnexpectedChar(u8),
    ExpectedValue,
    ExpectedColon,
    ExpectedCommaOrEnd,
    ExpectedKey,
    TrailingComma,
    ControlCharInString,
    InvalidEscape,
    LoneSurrogate,
    InvalidUtf8,
    InvalidNumber,
    TrailingCharacters,
    NestingTooDeep(u32),
    /// The input starts with a UTF-8 byte order mark, which RFC 8259 forbids.
    ByteOrderMark,
}

/// A syntax error at a byte offset of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub offset: usize,
}

impl fmt::Display for SyntaxErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedEnd => f.write_str("unexpected end of input"),
            UnexpectedChar(b) if b.is_ascii_graphic() => {
                write!(f, "unexpected character '{}'", *b as char)
            }
            UnexpectedChar(b) => write!(f, "unexpected byte 0x{b:02x}"),
            ExpectedValue => f.write_str("expected a JSON value"),
            ExpectedColon => f.write_str("expected ':' after object key"),
            ExpectedCommaOrEnd => f.write_str("expected ',' or a closing bracket"),
            ExpectedKey => f.write_str("expected a string object key"),
            TrailingComma => f.write_str("trailing comma"),
            ControlCharInString => f.write_str("unescaped control character in string"),
            InvalidEscape => f.write_str("invalid escape sequence in string"),
            LoneSurrogate => f.write_str("lone UTF-16 surrogate in \\u escape"),
            InvalidUtf8 => f.write_str("invalid UTF-8"),
            InvalidNumber => f.write_str("invalid number"),
            TrailingCharacters => f.write_str("trailing characters after the JSON value"),
            NestingTooDeep(max) => write!(f, "nesting deeper than {max} levels"),
            ByteOrderMark => f.write_str("the input starts with a UTF-8 byte order mark (RFC 8259 forbids it; save without BOM)"),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)
    }
}

impl std::error::Error for SyntaxError {}

/// The kind of the next value, read from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Peek {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A number exactly as written. `int` is set when it has neither fraction nor exponent; `mag`
/// then holds its magnitude when it fits in a `u64` (so the sign is `negative`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Number<'a> {
    pub text: &'a str,
    pub negative: bool,
    pub int: bool,
    pub mag: Option<u64>,
}

impl<'a> Number<'a> {
    /// Parses the text of a JSON number (strict RFC 8259 grammar).
    pub(crate) fn parse(text: &'a str) -> Option<Number<'a>> {
        let mut s = Scanner::new(text.as_bytes());
        let n = s.number().ok()?;
        (s.pos == text.len()).then_some(n)
    }

    /// The value as an `i128` when it is an integer literal that fits.
    pub(crate) fn as_i128(&self) -> Option<i128> {
        if !self.int {
            return None;
        }
        if let Some(m) = self.mag {
            return Some(if self.negative {
                -(m as i128)
            } else {
                m as i128
            });
        }
        self.text.parse::<i128>().ok()
    }

    /// The value as an `f64` (correctly rounded; infinite when out of range).
    pub(crate) fn as_f64(&self) -> f64 {
        if let (true, Some(m)) = (self.int, self.mag) {
            if m < (1u64 << 53) {
                let v = m as f64;
                return if self.negative { -v } else { v };
            }
        }
        self.text.parse::<f64>().unwrap_or(f64::NAN)
    }
}

/// A string value: borrowed from the input when it has no escapes, otherwise decoded into the
/// caller's scratch buffer (which is reused, so decoding allocates at most once per buffer).
pub(crate) type Str<'s> = std::borrow::Cow<'s, str>;

const MAX_DEPTH_BITS: usize = 1024;

/// Byte classes for the string loop: 0 = plain, 1 = stop (quote, backslash, control, non-ASCII).
static STRING_STOP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i < 0x20 || i == b'"' as usize || i == b'\\' as usize || i >= 0x80) as u8;
        i += 1;
    }
    t
};

#[inline(always)]
fn load8(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        Some(w) => u64::from_le_bytes(w),
        None => 0,
    }
}

/// Equality of short byte strings without a `memcmp` call: member names and enum values are
/// mostly under 32 bytes, where the call costs more than the comparison.
#[inline(always)]
pub(crate) fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if load8(a, i) != load8(b, i) {
                return false;
            }
            i += 8;
        }
        // The last word may overlap the previous one.
        return load8(a, n - 8) == load8(b, n - 8);
    }
    if n >= 4 {
        let w = |x: &[u8], at: usize| u32::from_le_bytes([x[at], x[at + 1], x[at + 2], x[at + 3]]);
        return w(a, 0) == w(b, 0) && w(a, n - 4) == w(b, n - 4);
    }
    a == b
}

/// Sign, magnitude and end of an integer of at most 15 digits at `at` (`-`? then digits, no
/// leading zero), read from two words at most; `None` for anything else, including a longer
/// run of digits or fewer than eight bytes left, which the callers' slow paths read.
#[inline(always)]
fn short_digits(b: &[u8], at: usize) -> Option<(bool, u64, usize)> {
    let negative = b.get(at) == Some(&b'-');
    let i = at + usize::from(negative);
    let word = |at: usize| {
        b.get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_le_bytes)
    };
    let w1 = word(i)?;
    let k1 = digit_run(w1);
    // No digit, or a leading zero followed by more digits (not JSON).
    if k1 == 0 || (k1 > 1 && w1 as u8 == b'0') {
        return None;
    }
    if k1 < 8 {
        return Some((negative, digits_value(w1, k1), i + k1));
    }
    let w2 = word(i + 8)?;
    let k2 = digit_run(w2);
    if k2 == 8 {
        return None;
    }
    let low = if k2 > 0 { digits_value(w2, k2) } else { 0 };
    Some((negative, digits_value(w1, 8) * POW10[k2] + low, i + 8 + k2))
}

/// Bytes of a [`RawText`] compared as four masked words.
const RAW_WINDOW: usize = 32;

/// A member name or a string value as compact JSON writes it after the opening quote:
/// `name":` for a name, `value"` for a value. Kept as masked words, so that checking the input
/// against it costs the same few instructions whatever its length: in a shuffled stream the
/// length of the next candidate is a coin toss, and a comparison loop whose trip count follows
/// it mispredicts two or three times per key.
pub(crate) struct RawText {
    words: [u64; 4],
    masks: [u64; 4],
    /// The name or value, then `":` or `"`.
    text: Box<str>,
    /// Bytes of the name or value alone.
    len: usize,
}

impl RawText {
    /// A member name and its colon; `None` when the name has a character JSON escapes (it
    /// never appears verbatim).
    pub(crate) fn member(name: &str) -> Option<RawText> {
        RawText::new(name, "\":")
    }

    /// A string value and its closing quote; `None` as for [`RawText::member`].
    pub(crate) fn string(value: &str) -> Option<RawText> {
        RawText::new(value, "\"")
    }

    fn new(unquoted: &str, end: &str) -> Option<RawText> {
        if unquoted
            .bytes()
            .any(|b| b == b'"' || b == b'\\' || b < 0x20)
        {
            return None;
        }
        let text = format!("{unquoted}{end}");
        let (mut padded, mut mask) = ([0u8; RAW_WINDOW], [0u8; RAW_WINDOW]);
        for (i, &b) in text.as_bytes().iter().take(RAW_WINDOW).enumerate() {
            padded[i] = b;
            mask[i] = 0xff;
        }
        Some(RawText {
            words: std::array::from_fn(|k| load8(&padded, 8 * k)),
            masks: std::array::from_fn(|k| load8(&mask, 8 * k)),
            text: text.into(),
            len: unquoted.len(),
        })
    }

    /// The whole text, from the first byte after the opening quote.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The name or value alone.
    pub(crate) fn unquoted(&self) -> &str {
        &self.text[..self.len]
    }

    /// Whether `b[start..]` begins with the text. Without a branch on its length: up to 32
    /// bytes are decided by the four words alone.
    #[inline(always)]
    fn is_at(&self, b: &[u8], start: usize) -> bool {
        match b.get(start..start + RAW_WINDOW) {
            Some(w) => {
                let mut diff = 0;
                for k in 0..4 {
                    diff |= (load8(w, 8 * k) ^ self.words[k]) & self.masks[k];
                }
                diff == 0 && (self.text.len() <= RAW_WINDOW || self.rest_is_at(b, start))
            }
            None => self.is_near_end(b, start),
        }
    }

    /// The bytes of a text past the window.
    #[cold]
    fn rest_is_at(&self, b: &[u8], start: usize) -> bool {
        let rest = &self.text.as_bytes()[RAW_WINDOW..];
        b.get(start + RAW_WINDOW..start + self.text.len())
            .is_some_and(|at| eq_bytes(at, rest))
    }

    /// [`RawText::is_at`] with fewer than a window's bytes left: once per object at most.
    #[cold]
    fn is_near_end(&self, b: &[u8], start: usize) -> bool {
        let t = self.text.as_bytes();
        b.get(start..start + t.len()).is_some_and(|at| at == t)
    }
}

/// How many of the eight bytes of `w` (little-endian: the first byte is the lowest) are ASCII
/// digits before the first byte that is not: 0 to 8. A lane is flagged when it is above '9'
/// (adding 0x46 sets its high bit), below '0' (subtracting 0x30 borrows) or not ASCII; carries
/// and borrows only spread upwards from a flagged lane, so the lowest flag is exact.
#[inline(always)]
fn digit_run(w: u64) -> usize {
    let flags = (w.wrapping_add(0x4646_4646_4646_4646) | w.wrapping_sub(0x3030_3030_3030_3030) | w)
        & 0x8080_8080_8080_8080;
    (flags.trailing_zeros() / 8) as usize
}

/// The value of the first `k` (1 to 8) digits of `w`: the digits are moved to the top lanes so
/// the lanes below read as leading zeros, then pairs, quads and halves are combined with three
/// multiplies (SWAR).
#[inline(always)]
fn digits_value(w: u64, k: usize) -> u64 {
    let v = w.wrapping_sub(0x3030_3030_3030_3030) << (8 * (8 - k));
    let v = (v.wrapping_mul(10) + (v >> 8)) & 0x00FF_00FF_00FF_00FF;
    let v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_FFFF_0000_FFFF;
    (v.wrapping_mul(10_000) + (v >> 32)) & 0xFFFF_FFFF
}

/// Powers of ten by digit count, for appending a run of up to eight digits.
const POW10: [u64; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// The value of the eight ASCII digits at `at`, if there are eight digits there.
#[cfg(test)]
fn eight_digits(b: &[u8], at: usize) -> Option<u64> {
    let w = u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?);
    (digit_run(w) == 8).then(|| digits_value(w, 8))
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Flags (in the high bit of each byte lane) bytes of `w` that are zero. Only the lowest flag
/// is exact (borrows can flag higher lanes), which is all `find_stop` uses.
#[inline(always)]
fn zero_lanes(w: u64) -> u64 {
    w.wrapping_sub(LO) & !w & HI
}

/// The lookup word of the key whose text starts at `start` (after its opening quote): its
/// first eight bytes, with those from the first quote on zeroed. Two keys whose raw text
/// matches have the same word, and keys of up to seven bytes are told apart by their word
/// alone (a raw key has no zero bytes, so the zeroed tail marks its length). Branch-free:
/// in a shuffled stream whether a key is shorter than eight bytes is a coin toss. `None`
/// when fewer than eight bytes follow.
#[inline(always)]
pub(crate) fn key_word(b: &[u8], start: usize) -> Option<u64> {
    let w = u64::from_le_bytes(b.get(start..start + 8)?.try_into().ok()?);
    // 64 when there is no quote: the whole word is kept.
    let cut = zero_lanes(w ^ (LO * b'"' as u64)).trailing_zeros() & !7;
    // Two shifts of at most 32: a single one by 64 would overflow.
    let kept = ((1u64 << (cut / 2)) << (cut / 2)).wrapping_sub(1);
    Some(w & kept)
}

/// Index of the first byte at or after `i` that ends a plain run inside a string: a quote, a
/// backslash, a control character or a non-ASCII byte. Eight bytes at a time.
#[inline(always)]
fn find_stop(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let w = u64::from_le_bytes(chunk);
        let stops = zero_lanes(w ^ (LO * b'"' as u64))
            | zero_lanes(w ^ (LO * b'\\' as u64))
            | (w.wrapping_sub(LO * 0x20) & !w & HI)
            | (w & HI);
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && STRING_STOP[b[i] as usize] == 0 {
        i += 1;
    }
    i
}

/// A position in the input; scanners are cheap to copy, which is how unions and choices look
/// ahead and rewind without buffering.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, SyntaxError>;

impl<'a> Scanner<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Scanner { bytes, pos: 0 }
    }

    /// Byte offset of the next unread byte.
    #[inline]
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    #[inline]
    fn err<T>(&self, kind: SyntaxErrorKind, offset: usize) -> R<T> {
        Err(SyntaxError { kind, offset })
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Skips whitespace and tells what the next value is.
    #[inline]
    pub(crate) fn peek(&mut self) -> R<Peek> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            None => self.err(SyntaxErrorKind::UnexpectedEnd, self.pos),
            Some(b'{') => Ok(Peek::Object),
            Some(b'[') => Ok(Peek::Array),
            Some(b'"') => Ok(Peek::String),
            Some(b't' | b'f') => Ok(Peek::Bool),
            Some(b'n') => Ok(Peek::Null),
            Some(b'-' | b'0'..=b'9') => Ok(Peek::Number),
            Some(0xEF) if self.pos == 0 && self.bytes.starts_with(b"\xEF\xBB\xBF") => {
                self.err(SyntaxErrorKind::ByteOrderMark, 0)
            }
            Some(&b) => self.err(SyntaxErrorKind::UnexpectedChar(b), self.pos),
        }
    }

    fn literal(&mut self, word: &[u8]) -> R<()> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word) {
            self.pos = end;
            Ok(())
        } else {
            let at = (self.pos..end.min(self.bytes.len()))
                .find(|&i| self.bytes[i] != word[i - self.pos])
                .unwrap_or(self.bytes.len());
            match self.bytes.get(at) {
                None => self.err(SyntaxErrorKind::UnexpectedEnd, at),
                Some(&b) => self.err(SyntaxErrorKind::UnexpectedChar(b), at),
            }
        }
    }

    /// Reads `null` (after `peek` returned `Null`).
    pub(crate) fn null(&mut self) -> R<()> {
        self.literal(b"null")
    }

    /// Reads `true` or `false` (after `peek` returned `Bool`).
    pub(crate) fn boolean(&mut self) -> R<bool> {
        if self.bytes.get(self.pos) == Some(&b't') {
            self.literal(b"true").map(|_| true)
        } else {
            self.literal(b"false").map(|_| false)
        }
    }

    /// Reads a number (after `peek` returned `Number`), keeping its exact text.
    #[inline]
    pub(crate) fn number(&mut self) -> R<Number<'a>> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = self.pos;
        let negative = b.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        let mut mag: u64 = 0;
        let mut fits = true;
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                let digits_start = i;
                // Up to eight digits per word while eight bytes are left, then one at a time.
                // Up to 19 digits always fit a u64; only longer runs need checking (below).
                while let Some(w) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
                    let w = u64::from_le_bytes(w);
                    let k = digit_run(w);
                    if k == 0 {
                        break;
                    }
                    mag = mag.wrapping_mul(POW10[k]).wrapping_add(digits_value(w, k));
                    i += k;
                    if k < 8 {
                        break;
                    }
                }
                while i < b.len() {
                    let d = b[i].wrapping_sub(b'0');
                    if d > 9 {
                        break;
                    }
                    mag = mag.wrapping_mul(10).wrapping_add(d as u64);
                    i += 1;
                }
                let len = i - digits_start;
                if len > 19 {
                    fits = false;
                    if len == 20 {
                        let mut m: u64 = 0;
                        let exact = b[digits_start..i].iter().all(|&d| {
                            match m
                                .checked_mul(10)
                                .and_then(|x| x.checked_add((d - b'0') as u64))
                            {
                                Some(x) => {
                                    m = x;
                                    true
                                }
                                None => false,
                            }
                        });
                        if exact {
                            (mag, fits) = (m, true);
                        }
                    }
                }
            }
            _ => return self.number_error(i),
        }
        let mut int = true;
        let next = b.get(i).copied().unwrap_or(b' ');
        if !matches!(next, b'.' | b'e' | b'E' | b'0'..=b'9') {
            // The common case, an integer followed by a delimiter.
            self.pos = i;
            return Ok(Number {
                text: as_str(&b[start..i]),
                negative,
                int,
                mag: fits.then_some(mag),
            });
        }
        if next == b'.' {
            int = false;
            i += 1;
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                return self.number_error(i);
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            int = false;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                return self.number_error(i);
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        // A digit right after a leading zero ("01") is not a number.
        if matches!(b.get(i), Some(b'0'..=b'9')) {
            return self.number_error(i);
        }
        self.pos = i;
        // The slice holds only ASCII digits, signs, '.', 'e' and 'E'.
        let text = as_str(&b[start..i]);
        Ok(Number {
            text,
            negative,
            int,
            mag: (int && fits).then_some(mag),
        })
    }

    fn number_error<T>(&self, at: usize) -> R<T> {
        match self.bytes.get(at) {
            None => self.err(SyntaxErrorKind::UnexpectedEnd, at),
            Some(_) => self.err(SyntaxErrorKind::InvalidNumber, at),
        }
    }

    /// Reads an integer literal of at most 15 digits followed by neither a fraction nor an
    /// exponent (a timestamp, a count: nearly every number in an API payload), as its sign and
    /// magnitude, from two words at most. Returns `None`, without moving, for anything else,
    /// which [`Scanner::number`] then reads.
    #[inline(always)]
    pub(crate) fn small_int(&mut self) -> Option<(bool, u64)> {
        let (negative, mag, end) = short_digits(self.bytes, self.pos)?;
        if matches!(self.bytes.get(end), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.pos = end;
        Some((negative, mag))
    }

    /// Reads a string that is exactly a decimal integer of at most 19 digits, `"[-]digits"`
    /// with no leading zero (the spec's form of a 64-bit integer), as its sign and magnitude.
    /// Returns `None`, without moving, for any other string. Up to 15 digits (timestamps,
    /// counts) are read inline from two words; longer ones by
    /// [`Scanner::long_quoted_integer`].
    #[inline(always)]
    pub(crate) fn quoted_integer(&mut self) -> Option<(bool, u64)> {
        match short_digits(self.bytes, self.pos + 1) {
            Some((negative, mag, end)) if self.bytes.get(end) == Some(&b'"') => {
                self.pos = end + 1;
                Some((negative, mag))
            }
            _ => self.long_quoted_integer(),
        }
    }

    /// [`Scanner::quoted_integer`] for any length, a word at a time.
    #[inline(never)]
    fn long_quoted_integer(&mut self) -> Option<(bool, u64)> {
        let b = self.bytes;
        let mut i = self.pos + 1;
        let negative = b.get(i) == Some(&b'-');
        i += usize::from(negative);
        let digits_start = i;
        let mut mag: u64 = 0;
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while let Some(w) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
                    let w = u64::from_le_bytes(w);
                    let k = digit_run(w);
                    if k == 0 {
                        break;
                    }
                    mag = mag.wrapping_mul(POW10[k]).wrapping_add(digits_value(w, k));
                    i += k;
                    if k < 8 || i - digits_start > 19 {
                        break;
                    }
                }
                while let Some(d) = b.get(i).map(|c| c.wrapping_sub(b'0')).filter(|&d| d <= 9) {
                    if i - digits_start >= 19 {
                        return None;
                    }
                    mag = mag.wrapping_mul(10).wrapping_add(u64::from(d));
                    i += 1;
                }
            }
            _ => return None,
        }
        if i - digits_start > 19 || b.get(i) != Some(&b'"') {
            return None;
        }
        self.pos = i + 1;
        Some((negative, mag))
    }

    /// Reads a string (after `peek` returned `String`): borrowed from the input when it has
    /// no escapes, otherwise decoded into `scratch`.
    #[inline]
    pub(crate) fn string<'s>(&mut self, scratch: &'s mut String) -> R<&'s str>
    where
        'a: 's,
    {
        let start = self.pos + 1;
        let mut i = start;
        let b = self.bytes;
        loop {
            i = find_stop(b, i);
            match b.get(i) {
                None => return self.err(SyntaxErrorKind::UnexpectedEnd, i),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(as_str(&b[start..i]));
                }
                Some(b'\\') => {
                    scratch.clear();
                    scratch.push_str(as_str(&b[start..i]));
                    self.pos = i;
                    self.string_escaped(scratch)?;
                    return Ok(scratch.as_str());
                }
                Some(&c) if c < 0x20 => return self.err(SyntaxErrorKind::ControlCharInString, i),
                Some(_) => i = self.utf8_char(i)?,
            }
        }
    }

    /// Skips a string without decoding it, still checking escapes and UTF-8. A plain ASCII
    /// string (nearly every value) is skipped inline, keeping the position in a register;
    /// an escape, non-ASCII text or an error goes to [`Scanner::skip_string_rest`].
    #[inline(always)]
    pub(crate) fn skip_string(&mut self) -> R<()> {
        let i = find_stop(self.bytes, self.pos + 1);
        if self.bytes.get(i) == Some(&b'"') {
            self.pos = i + 1;
            return Ok(());
        }
        self.skip_string_rest(i)
    }

    /// [`Scanner::skip_string`] from the first byte at `i` that ends a plain run.
    #[inline(never)]
    fn skip_string_rest(&mut self, mut i: usize) -> R<()> {
        let b = self.bytes;
        loop {
            match b.get(i) {
                None => return self.err(SyntaxErrorKind::UnexpectedEnd, i),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos = i;
                    i = self.escape(None)?;
                }
                Some(&c) if c < 0x20 => return self.err(SyntaxErrorKind::ControlCharInString, i),
                Some(_) => i = self.utf8_char(i)?,
            }
            i = find_stop(b, i);
        }
    }

    /// Validates one multi-byte UTF-8 character at `i`; returns the index after it.
    #[inline]
    fn utf8_char(&self, i: usize) -> R<usize> {
        let b = self.bytes;
        let lead = b[i];
        let width = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return self.err(SyntaxErrorKind::InvalidUtf8, i),
        };
        let Some(seq) = b.get(i..i + width) else {
            return self.err(SyntaxErrorKind::InvalidUtf8, i);
        };
        match std::str::from_utf8(seq) {
            Ok(_) => Ok(i + width),
            Err(_) => self.err(SyntaxErrorKind::InvalidUtf8, i),
        }
    }

    /// Decodes the rest of a string that contains escapes into `out`; `self.pos` is at a '\\'.
    fn string_escaped(&mut self, out: &mut String) -> R<()> {
        let b = self.bytes;
        let mut i = self.pos;
        loop {
            let run = i;
            i = find_stop(b, i);
            out.push_str(as_str(&b[run..i]));
            match b.get(i) {
                None => return self.err(SyntaxErrorKind::UnexpectedEnd, i),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos = i;
                    i = self.escape(Some(out))?;
                }
                Some(&c) if c < 0x20 => return self.err(SyntaxErrorKind::ControlCharInString, i),
                Some(_) => {
                    let end = self.utf8_char(i)?;
                    out.push_str(as_str(&b[i..end]));
                    i = end;
                }
            }
        }
    }

    /// Reads one escape at `self.pos` (a '\\'); pushes the character when `out` is given.
    /// Returns the index after the escape.
    fn escape(&self, out: Option<&mut String>) -> R<usize> {
        let b = self.bytes;
        let i = self.pos;
        let c = match b.get(i + 1) {
            None => return self.err(SyntaxErrorKind::UnexpectedEnd, i + 1),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (ch, end) = self.unicode_escape(i)?;
                if let Some(out) = out {
                    out.push(ch);
                }
                return Ok(end);
            }
            Some(_) => return self.err(SyntaxErrorKind::InvalidEscape, i),
        };
        if let Some(out) = out {
            out.push(c);
        }
        Ok(i + 2)
    }

    fn hex4(&self, at: usize) -> R<u16> {
        let Some(digits) = self.bytes.get(at..at + 4) else {
            return self.err(SyntaxErrorKind::UnexpectedEnd, self.bytes.len());
        };
        let mut v: u16 = 0;
        for &d in digits {
            let n = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return self.err(SyntaxErrorKind::InvalidEscape, at - 2),
            };
            v = (v << 4) | n as u16;
        }
        Ok(v)
    }

    /// `\uXXXX` at `i`, joining surrogate pairs; lone surrogates are errors.
    fn unicode_escape(&self, i: usize) -> R<(char, usize)> {
        let hi = self.hex4(i + 2)?;
        match hi {
            0xD800..=0xDBFF => {
                let j = i + 6;
                if self.bytes.get(j..j + 2) != Some(b"\\u") {
                    return self.err(SyntaxErrorKind::LoneSurrogate, i);
                }
                let lo = self.hex4(j + 2)?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return self.err(SyntaxErrorKind::LoneSurrogate, i);
                }
                let cp = 0x10000 + (((hi as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00);
                match char::from_u32(cp) {
                    Some(c) => Ok((c, j + 6)),
                    None => self.err(SyntaxErrorKind::LoneSurrogate, i),
                }
            }
            0xDC00..=0xDFFF => self.err(SyntaxErrorKind::LoneSurrogate, i),
            _ => match char::from_u32(hi as u32) {
                Some(c) => Ok((c, i + 6)),
                None => self.err(SyntaxErrorKind::InvalidEscape, i),
            },
        }
    }

    /// Consumes `{` (after `peek` returned `Object`).
    #[inline]
    pub(crate) fn begin_object(&mut self) {
        self.pos += 1;
    }

    /// Consumes `[` (after `peek` returned `Array`).
    #[inline]
    pub(crate) fn begin_array(&mut self) {
        self.pos += 1;
    }

    /// Moves to the next member of an object. Returns `Ok(false)` after consuming the closing
    /// `}`; otherwise the scanner is at the key string. `first` tracks whether a comma is due.
    #[inline]
    pub(crate) fn next_member(&mut self, first: &mut bool) -> R<bool> {
        // Compact JSON: `,"` between members, checked with two loads and no whitespace loop.
        if !*first && self.bytes.get(self.pos..self.pos + 2) == Some(b",\"") {
            self.pos += 1;
            return Ok(true);
        }
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b'}') => {
                self.pos += 1;
                return Ok(false);
            }
            Some(b',') if !*first => {
                self.pos += 1;
                self.skip_ws();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    return self.err(SyntaxErrorKind::TrailingComma, self.pos - 1);
                }
            }
            None => return self.err(SyntaxErrorKind::UnexpectedEnd, self.pos),
            Some(_) if !*first => return self.err(SyntaxErrorKind::ExpectedCommaOrEnd, self.pos),
            Some(_) => {}
        }
        *first = false;
        match self.bytes.get(self.pos) {
            Some(b'"') => Ok(true),
            None => self.err(SyntaxErrorKind::UnexpectedEnd, self.pos),
            Some(_) => self.err(SyntaxErrorKind::ExpectedKey, self.pos),
        }
    }

    /// Reads a string with the input's lifetime: borrowed when it has no escapes, owned when
    /// it had to be decoded.
    #[inline]
    pub(crate) fn string_cow(&mut self) -> R<Str<'a>> {
        let mut scratch = String::new();
        let len = self.string(&mut scratch)?.len();
        if scratch.is_empty() {
            // Nothing was decoded, so the text lies in the input: take it with that lifetime.
            let end = self.pos - 1;
            Ok(Str::Borrowed(as_str(&self.bytes[end - len..end])))
        } else {
            Ok(Str::Owned(scratch))
        }
    }

    /// Reads an object key (the scanner is at its opening quote) and the following colon.
    #[inline]
    pub(crate) fn key(&mut self) -> R<Str<'a>> {
        let k = self.string_cow()?;
        self.colon()?;
        Ok(k)
    }

    /// If the key at the scanner (after `next_member`) is exactly `key`'s name with no escapes,
    /// consumes it and the colon and returns true; otherwise leaves the scanner unchanged.
    /// Inlined into the member loop, which keeps the position in a register: a call would
    /// store it and load it back for every key.
    // Forced only when optimizing: unoptimized code keeps every inlined copy's locals apart,
    // and this one sits in the frame of every nesting level (see `Walker::primitive`).
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub(crate) fn key_is(&mut self, key: &RawText) -> R<bool> {
        if self.raw_is(key) {
            return Ok(true);
        }
        // A quote where the name would end: perhaps the name, spaced from its colon.
        if self.bytes.get(self.pos + 1 + key.unquoted().len()) == Some(&b'"') {
            return self.spaced_key_is(key);
        }
        Ok(false)
    }

    /// [`Scanner::key_is`] with whitespace between the name and the colon.
    #[inline(never)]
    fn spaced_key_is(&mut self, key: &RawText) -> R<bool> {
        let start = self.pos + 1;
        let name = key.unquoted().as_bytes();
        let end = start + name.len();
        if self.bytes.get(end) != Some(&b'"') || !eq_bytes(&self.bytes[start..end], name) {
            return Ok(false);
        }
        self.pos = end + 1;
        self.colon()?;
        Ok(true)
    }

    /// The lookup word ([`key_word`]) of the key or string at the scanner (at its opening
    /// quote).
    #[inline(always)]
    pub(crate) fn key_word(&self) -> Option<u64> {
        key_word(self.bytes, self.pos + 1)
    }

    /// Whether the key or string at the scanner (at its opening quote) is verbatim `raw`:
    /// for a key, [`Scanner::key_is`] in compact JSON only (no whitespace before the colon).
    /// Consumes the text on success; otherwise leaves the scanner unchanged.
    #[inline(always)]
    pub(crate) fn raw_is(&mut self, raw: &RawText) -> bool {
        let start = self.pos + 1;
        if raw.is_at(self.bytes, start) {
            self.pos = start + raw.text.len();
            true
        } else {
            false
        }
    }

    /// Reads an object key that has no escapes (the scanner is at its opening quote) and the
    /// following colon, borrowing it from the input. Returns `None`, without moving, when the
    /// key has an escape: [`Scanner::key`] decodes it.
    #[inline(always)]
    pub(crate) fn plain_key(&mut self) -> R<Option<&'a str>> {
        let b = self.bytes;
        let start = self.pos + 1;
        let end = find_stop(b, start);
        // Nearly every key is short ASCII followed by `":` (compact JSON): no loop, no call.
        if b.get(end) == Some(&b'"') && b.get(end + 1) == Some(&b':') {
            self.pos = end + 2;
            return Ok(Some(as_str(&b[start..end])));
        }
        self.plain_key_slow(start, end)
    }

    /// [`Scanner::plain_key`] for keys with non-ASCII text, whitespace before the colon, an
    /// escape or an error; `end` is where the first plain run stopped.
    #[cold]
    #[inline(never)]
    fn plain_key_slow(&mut self, start: usize, mut i: usize) -> R<Option<&'a str>> {
        let b = self.bytes;
        loop {
            match b.get(i) {
                Some(b'"') => break,
                None => return self.err(SyntaxErrorKind::UnexpectedEnd, i),
                Some(b'\\') => return Ok(None),
                Some(&c) if c < 0x20 => return self.err(SyntaxErrorKind::ControlCharInString, i),
                Some(_) => i = find_stop(b, self.utf8_char(i)?),
            }
        }
        let key = as_str(&b[start..i]);
        self.pos = i + 1;
        self.colon()?;
        Ok(Some(key))
    }

    /// Skips an object key and its colon.
    #[inline]
    pub(crate) fn skip_key(&mut self) -> R<()> {
        self.skip_string()?;
        self.colon()
    }

    #[inline]
    fn colon(&mut self) -> R<()> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            None => self.err(SyntaxErrorKind::UnexpectedEnd, self.pos),
            Some(_) => self.err(SyntaxErrorKind::ExpectedColon, self.pos),
        }
    }

    /// Moves to the next element of an array. Returns `Ok(false)` after consuming `]`.
    #[inline]
    pub(crate) fn next_element(&mut self, first: &mut bool) -> R<bool> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b']') => {
                self.pos += 1;
                return Ok(false);
            }
            Some(b',') if !*first => {
                self.pos += 1;
                self.skip_ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    return self.err(SyntaxErrorKind::TrailingComma, self.pos - 1);
                }
            }
            None => return self.err(SyntaxErrorKind::UnexpectedEnd, self.pos),
            Some(_) if !*first => return self.err(SyntaxErrorKind::ExpectedCommaOrEnd, self.pos),
            Some(_) => {}
        }
        *first = false;
        Ok(true)
    }

    /// Skips one complete value without recursion, checking its syntax. Nesting is bounded by
    /// `max_depth` (at most 1024) so hostile input cannot make this unbounded.
    pub(crate) fn skip_value(&mut self, max_depth: u32) -> R<()> {
        let max_depth = (max_depth as usize).min(MAX_DEPTH_BITS);
        // One bit per open container: 1 = object, 0 = array.
        let mut stack = [0u64; MAX_DEPTH_BITS / 64];
        let mut depth = 0usize;
        let mut first = true;
        loop {
            // At a value position.
            match self.peek()? {
                Peek::Null => self.null()?,
                Peek::Bool => {
                    self.boolean()?;
                }
                Peek::Number => {
                    self.number()?;
                }
                Peek::String => self.skip_string()?,
                Peek::Array | Peek::Object => {
                    let is_obj = self.bytes[self.pos] == b'{';
                    if depth >= max_depth {
                        return self
                            .err(SyntaxErrorKind::NestingTooDeep(max_depth as u32), self.pos);
                    }
                    let (word, bit) = (depth / 64, depth % 64);
                    if is_obj {
                        stack[word] |= 1 << bit;
                    } else {
                        stack[word] &= !(1 << bit);
                    }
                    depth += 1;
                    self.pos += 1;
                    first = true;
                }
            }
            // After a value (or an opened container): find the next value position.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let top = depth - 1;
                let is_obj = stack[top / 64] & (1 << (top % 64)) != 0;
                let more = if is_obj {
                    self.next_member(&mut first)?
                } else {
                    self.next_element(&mut first)?
                };
                if more {
                    if is_obj {
                        self.skip_key()?;
                    }
                    break;
                }
                depth -= 1;
                first = false;
            }
        }
    }

    /// Checks that only whitespace follows.
    pub(crate) fn end(&mut self) -> R<()> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            self.err(SyntaxErrorKind::TrailingCharacters, self.pos)
        } else {
            Ok(())
        }
    }
}

/// Text the scanner has already checked, as `&str`.
///
/// Every caller passes a slice that (a) starts and ends at ASCII bytes (quotes, escape
/// backslashes, number characters) and (b) contains only ASCII bytes or multi-byte sequences
/// that `utf8_char` validated while scanning. Such a slice is valid UTF-8. Re-validating it was
/// measured at a fifth of `is_valid`'s time, which is why this is the crate's one `unsafe`.
#[inline]
#[allow(unsafe_code)]
fn as_str(b: &[u8]) -> &str {
    debug_assert!(std::str::from_utf8(b).is_ok());
    // SAFETY: see above; `debug_assert` re-checks the invariant in tests and debug builds.
    unsafe { std::str::from_utf8_unchecked(b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(s: &str) -> R<()> {
        let mut sc = Scanner::new(s.as_bytes());
        sc.skip_value(128)?;
        sc.end()
    }

    #[test]
    fn accepts_valid_documents() {
        for s in [
            "null",
            " true ",
            "false",
            "0",
            "-0",
            "1.5e-3",
            "-12E+2",
            "\"a\\u00e9\\ud83d\\ude00\\n\"",
            "[]",
            "{}",
            "[1,[2,{\"a\":[]}],\"x\"]",
            "{\"a\":{\"b\":{\"c\":null}},\"d\":[true,false]}",
            "\"héllo 😀\"",
        ] {
            skip(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        }
    }

    #[test]
    fn rejects_invalid_documents_with_offsets() {
        let cases: &[(&str, SyntaxErrorKind, usize)] = &[
            ("", SyntaxErrorKind::UnexpectedEnd, 0),
            ("[1,]", SyntaxErrorKind::TrailingComma, 2),
            ("{\"a\":1,}", SyntaxErrorKind::TrailingComma, 6),
            ("01", SyntaxErrorKind::InvalidNumber, 1),
            ("1.", SyntaxErrorKind::UnexpectedEnd, 2),
            ("-", SyntaxErrorKind::UnexpectedEnd, 1),
            ("1e", SyntaxErrorKind::UnexpectedEnd, 2),
            ("\"a\u{1}\"", SyntaxErrorKind::ControlCharInString, 2),
            ("\"\\x\"", SyntaxErrorKind::InvalidEscape, 1),
            ("\"\\ud800\"", SyntaxErrorKind::LoneSurrogate, 1),
            ("\"\\udc00\"", SyntaxErrorKind::LoneSurrogate, 1),
            ("{\"a\" 1}", SyntaxErrorKind::ExpectedColon, 5),
            ("{1:2}", SyntaxErrorKind::ExpectedKey, 1),
            ("[1 2]", SyntaxErrorKind::ExpectedCommaOrEnd, 3),
            ("nul", SyntaxErrorKind::UnexpectedEnd, 3),
            ("nulL", SyntaxErrorKind::UnexpectedChar(b'L'), 3),
            ("1 2", SyntaxErrorKind::TrailingCharacters, 2),
            ("[\"abc", SyntaxErrorKind::UnexpectedEnd, 5),
        ];
        for &(s, kind, offset) in cases {
            assert_eq!(skip(s), Err(SyntaxError { kind, offset }), "{s:?}");
        }
    }

    #[test]
    fn byte_order_mark_is_named() {
        let e = skip("\u{feff}{}").unwrap_err();
        assert_eq!(
            e,
            SyntaxError {
                kind: SyntaxErrorKind::ByteOrderMark,
                offset: 0
            }
        );
    }

    #[test]
    fn rejects_invalid_utf8() {
        let mut sc = Scanner::new(b"\"ab\xff\"");
        assert_eq!(
            sc.skip_value(8),
            Err(SyntaxError {
                kind: SyntaxErrorKind::InvalidUtf8,
                offset: 3
            })
        );
        let mut sc = Scanner::new(b"\"\xe2\x82\"");
        assert_eq!(
            sc.skip_value(8).unwrap_err().kind,
            SyntaxErrorKind::InvalidUtf8
        );
        // Overlong encoding and encoded surrogate.
        assert!(Scanner::new(b"\"\xc0\xaf\"").skip_value(8).is_err());
        assert!(Scanner::new(b"\"\xed\xa0\x80\"").skip_value(8).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let s = "[".repeat(200_000) + &"]".repeat(200_000);
        let e = skip(&s).unwrap_err();
        assert_eq!(e.kind, SyntaxErrorKind::NestingTooDeep(128));
        assert_eq!(e.offset, 128);
    }

    #[test]
    fn digit_runs_of_every_length_parse_exactly() {
        for len in 1..=20 {
            for first in ['1', '9'] {
                let text: String = std::iter::once(first)
                    .chain("1234567890123456789".chars().cycle().take(len - 1))
                    .collect();
                let n = Number::parse(&text).unwrap();
                assert_eq!(n.mag, text.parse::<u64>().ok(), "{text}");
            }
        }
        assert_eq!(eight_digits(b"12345678", 0), Some(12_345_678));
        assert_eq!(eight_digits(b"1234567a", 0), None);
        assert_eq!(eight_digits(b"1234/678", 0), None);
        assert_eq!(eight_digits(b"1234:678", 0), None);
        assert_eq!(eight_digits(b"1234567", 0), None);
    }

    #[test]
    fn digit_runs_are_counted_and_read_in_one_word() {
        let word = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap());
        for (text, run) in [
            (b"12345678", 8),
            (b"1234567,", 7),
            (b"1/345678", 1),
            (b"123:5678", 3),
            (b"12\xff45678", 2),
            (b"x2345678", 0),
            (b"0000000}", 7),
        ] {
            let w = word(text);
            assert_eq!(digit_run(w), run, "{:?}", String::from_utf8_lossy(text));
            if run > 0 {
                let want: u64 = std::str::from_utf8(&text[..run]).unwrap().parse().unwrap();
                assert_eq!(digits_value(w, run), want);
            }
        }
        // Every byte value right after a digit ends the run exactly where it should.
        for b in 0..=255u8 {
            let w = word(&[b'7', b, b'1', b'1', b'1', b'1', b'1', b'1']);
            let expect = if b.is_ascii_digit() { 8 } else { 1 };
            assert_eq!(digit_run(w), expect, "byte {b:#x}");
        }
    }

    #[test]
    fn small_integers_are_read_exactly_or_left_to_number() {
        for (text, want) in [
            ("0,            ", Some((false, 0))),
            ("-0}            ", Some((true, 0))),
            ("7]            ", Some((false, 7))),
            (
                "1746645421127,            ",
                Some((false, 1_746_645_421_127)),
            ),
            ("12345678,            ", Some((false, 12_345_678))),
            (
                "-123456789012345}            ",
                Some((true, 123_456_789_012_345)),
            ),
            ("1234567890123456,            ", None),
            ("12345678901234567,            ", None),
            ("01,            ", None),
            ("1.5,            ", None),
            ("1e3,            ", None),
            ("12345678E1            ", None),
            ("-x            ", None),
            ("12", None),
        ] {
            let mut sc = Scanner::new(text.as_bytes());
            assert_eq!(sc.small_int(), want, "{text}");
            let end = text.find([',', '}', ']']).unwrap_or(0);
            assert_eq!(sc.offset(), if want.is_some() { end } else { 0 }, "{text}");
            if want.is_none() {
                // `number` still reads (or rejects) what `small_int` left.
                let _ = sc.number();
            }
        }
    }

    #[test]
    fn quoted_integers_are_read_exactly_or_left_alone() {
        for (text, want) in [
            (r#""0""#, Some((false, 0))),
            (r#""-0""#, Some((true, 0))),
            (r#""1746645421127""#, Some((false, 1_746_645_421_127))),
            (
                r#""-9223372036854775808""#,
                Some((true, 9_223_372_036_854_775_808)),
            ),
            (
                r#""9999999999999999999""#,
                Some((false, 9_999_999_999_999_999_999)),
            ),
            (r#""12345678""#, Some((false, 12_345_678))),
            (r#""10000000000000000000""#, None),
            (r#""01""#, None),
            (r#""1.5""#, None),
            (r#""1e3""#, None),
            (r#""+1""#, None),
            (r#""""#, None),
            (r#""-""#, None),
            (r#"" 1""#, None),
            (r#""1 ""#, None),
            (r#""12"#, None),
            (r#""123456789012345""#, Some((false, 123_456_789_012_345))),
            (
                r#""1234567890123456""#,
                Some((false, 1_234_567_890_123_456)),
            ),
            (r#""-1234567a""#, None),
            (r#""12345678"9"#, Some((false, 12_345_678))),
        ] {
            // Alone (fewer than two words follow: the long reader) and followed by more
            // input (up to 15 digits: the inline two-word reader), with the same result.
            for tail in ["", r#","next_member":"1234567890123456789"}"#] {
                let input = format!("{text}{tail}");
                let mut sc = Scanner::new(input.as_bytes());
                assert_eq!(sc.quoted_integer(), want, "{input}");
                let moved = match want {
                    Some(_) => text.rfind('"').map_or(0, |q| q + 1),
                    None => 0,
                };
                assert_eq!(sc.offset(), moved, "{input}");
            }
        }
    }

    #[test]
    fn raw_keys_match_their_own_text_at_every_length_and_place() {
        for len in 0..45 {
            let name: String = (0..len).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            let key = RawText::member(&name).unwrap();
            assert_eq!(key.unquoted(), name);
            // Followed by plenty of input, by its value only, and by nothing (the end).
            for tail in [",\"next\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]}", "1}", ""] {
                let text = format!("\"{name}\":{tail}");
                let mut sc = Scanner::new(text.as_bytes());
                assert!(sc.raw_is(&key), "{text}");
                assert_eq!(sc.offset(), name.len() + 3, "{text}");
                // A change of any one byte of the name or of `":` is a miss, and moves nothing.
                for at in 1..name.len() + 3 {
                    let mut bytes = text.clone().into_bytes();
                    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
                    let mut sc = Scanner::new(&bytes);
                    assert!(
                        !sc.raw_is(&key),
                        "{} at {at}",
                        String::from_utf8_lossy(&bytes)
                    );
                    assert_eq!(sc.offset(), 0);
                }
                // The input ends inside the name or before the colon.
                for cut in 1..name.len() + 2 {
                    assert!(!Scanner::new(&text.as_bytes()[..cut]).raw_is(&key));
                }
            }
        }
        // Whitespace before the colon: not compact, but still the key.
        let key = RawText::member("status").unwrap();
        let mut sc = Scanner::new(br#""status" : "active"}"#);
        assert!(!sc.raw_is(&key));
        assert!(sc.key_is(&key).unwrap());
        assert_eq!(sc.peek().unwrap(), Peek::String);
        // Non-ASCII names are compared as their UTF-8 bytes; names JSON escapes never match raw.
        let key = RawText::member("città").unwrap();
        assert!(Scanner::new("\"città\":1".as_bytes()).raw_is(&key));
        assert!(!Scanner::new("\"citta\":1".as_bytes()).raw_is(&key));
        assert!(RawText::member("a\"b").is_none());
        assert!(RawText::member("tab\there").is_none());
    }

    #[test]
    fn key_words_depend_on_the_key_alone() {
        let word = |text: &str| key_word(text.as_bytes(), 0);
        // What follows the closing quote does not matter.
        assert_eq!(word(r#"ab":1,"cd":2"#), word(r#"ab":"xyzxyz"#));
        // A cut key differs from its extensions and from the empty key.
        assert_ne!(word(r#"ab":1,"cd":2"#), word(r#"abc":1,"cd":2"#));
        assert_ne!(word(r#"":1,"cd":22"#), word(r#"a":1,"cd":2"#));
        // Keys of eight bytes or more share the word of their first eight.
        assert_eq!(word(r#"abcdefgh":1,"#), word(r#"abcdefghij":1"#));
        assert_ne!(word(r#"abcdefg":1,"#), word(r#"abcdefgh":1,"#));
        // Fewer than eight bytes left: no word (the caller scans the key instead).
        assert_eq!(word(r#"ab":1}"#), None);
    }

    #[test]
    fn plain_keys_borrow_and_escaped_keys_are_left_to_key() {
        let mut sc = Scanner::new(br#""name" : 1"#);
        assert_eq!(sc.plain_key().unwrap(), Some("name"));
        assert_eq!(sc.peek().unwrap(), Peek::Number);
        let mut sc = Scanner::new("\"caf\u{e9}\":1".as_bytes());
        assert_eq!(sc.plain_key().unwrap(), Some("caf\u{e9}"));
        let mut sc = Scanner::new(br#""na\u006de":1"#);
        assert_eq!(sc.plain_key().unwrap(), None);
        assert_eq!(sc.offset(), 0);
        assert_eq!(sc.key().unwrap(), "name");
        assert!(Scanner::new(b"\"ab").plain_key().is_err());
        assert!(Scanner::new(b"\"a\x01\":1").plain_key().is_err());
        assert!(Scanner::new(b"\"a\xff\":1").plain_key().is_err());
        assert!(Scanner::new(b"\"a\" 1").plain_key().is_err());
    }

    #[test]
    fn numbers_keep_exact_text_and_magnitude() {
        let n = Number::parse("9007199254740993").unwrap();
        assert_eq!(n.mag, Some(9_007_199_254_740_993));
        assert_eq!(n.as_i128(), Some(9_007_199_254_740_993));
        let n = Number::parse("-18446744073709551616").unwrap();
        assert_eq!(n.mag, None);
        assert_eq!(n.as_i128(), Some(-18_446_744_073_709_551_616));
        let n = Number::parse("1.0").unwrap();
        assert!(!n.int);
        assert_eq!(n.as_i128(), None);
        assert!(Number::parse("1.0x").is_none());
        assert!(Number::parse("+1").is_none());
    }

    #[test]
    fn strings_borrow_without_escapes_and_decode_with_them() {
        let mut scratch = String::new();
        let mut sc = Scanner::new(b"\"plain\"");
        assert_eq!(sc.string(&mut scratch).unwrap(), "plain");
        assert!(scratch.is_empty());
        let mut sc = Scanner::new(br#""a\"b\u00e9\ud83d\ude00""#);
        assert_eq!(sc.string(&mut scratch).unwrap(), "a\"bé😀");
        let mut sc = Scanner::new(br#""plain" "esc\n""#);
        assert!(matches!(sc.string_cow().unwrap(), Str::Borrowed("plain")));
        sc.peek().unwrap();
        assert!(matches!(sc.string_cow().unwrap(), Str::Owned(s) if s == "esc\n"));
    }
}
