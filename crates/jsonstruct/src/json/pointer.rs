//! RFC 6901 JSON Pointers: escaping segments for the pointers we report, and parsing the
//! `#/...` fragments that `$ref`, `$root` and `$extends` use.

use std::fmt::Write;

use super::Scanner;

/// Appends `/segment` to `pointer`, escaping `~` and `/`.
pub(crate) fn push(pointer: &mut String, segment: &str) {
    pointer.push('/');
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Appends `/index`.
pub(crate) fn push_index(pointer: &mut String, index: usize) {
    let _ = write!(pointer, "/{index}");
}

/// Returns `pointer` extended by one segment.
pub(crate) fn join(pointer: &str, segment: &str) -> String {
    let mut p = String::with_capacity(pointer.len() + segment.len() + 1);
    p.push_str(pointer);
    push(&mut p, segment);
    p
}

/// Why a pointer fragment is malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PointerError {
    /// It does not start with `#/` (or is not a same-document fragment at all).
    NotFragment,
    /// A `~` is not followed by `0` or `1`.
    BadEscape,
    /// An empty segment (`//` or a trailing `/`).
    EmptySegment,
    /// Percent-encoding is not decoded in a fragment here; it is almost always a mistake.
    PercentEncoded,
}

impl std::fmt::Display for PointerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PointerError::NotFragment => {
                "must be a same-document JSON Pointer fragment starting with \"#/\""
            }
            PointerError::BadEscape => "has '~' not followed by '0' or '1'",
            PointerError::EmptySegment => "has an empty segment",
            PointerError::PercentEncoded => "contains '%' (percent-encoding is not supported)",
        })
    }
}

/// Splits a `#/a/b` fragment into unescaped segments.
pub(crate) fn parse_fragment(fragment: &str) -> Result<Vec<String>, PointerError> {
    let rest = fragment
        .strip_prefix("#/")
        .ok_or(PointerError::NotFragment)?;
    rest.split('/').map(unescape).collect()
}

fn unescape(segment: &str) -> Result<String, PointerError> {
    if segment.is_empty() {
        return Err(PointerError::EmptySegment);
    }
    if segment.contains('%') {
        return Err(PointerError::PercentEncoded);
    }
    if segment.contains('#') {
        return Err(PointerError::NotFragment);
    }
    let mut out = String::with_capacity(segment.len());
    let mut chars = segment.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return Err(PointerError::BadEscape),
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// The JSON Pointer of the value being read at byte `offset` of a JSON text that may be
/// malformed from there on: where a syntax error is. The text before `offset` is assumed to
/// be well-formed (it is what the scanner accepted). Inside an array the pointer names the
/// element being read; inside an object, the member once its name has been read, else the
/// object itself.
pub(crate) fn at_offset(text: &[u8], offset: usize) -> String {
    enum Frame {
        Array(usize),
        /// The name of the member being read, once its `:` has been seen.
        Object(Option<String>),
    }
    let text = &text[..offset.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut pending_name: Option<String> = None;
    let mut scratch = String::new();
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(name)) => *name = None,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object(name)) = stack.last_mut() {
                    *name = pending_name.take();
                }
            }
            b'"' => {
                // The scanner decodes the string as it did when it accepted this text; one it
                // cannot finish is cut by `offset`, and nothing after it matters.
                let mut scanner = Scanner::new(&text[i..]);
                let Ok(s) = scanner.string(&mut scratch) else {
                    break;
                };
                if let Some(Frame::Object(None)) = stack.last() {
                    pending_name = Some(s.to_owned());
                }
                i += scanner.offset();
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut pointer = String::new();
    for frame in &stack {
        match frame {
            Frame::Array(n) => push_index(&mut pointer, *n),
            Frame::Object(Some(name)) => push(&mut pointer, name),
            Frame::Object(None) => break,
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let mut p = String::new();
        push(&mut p, "a/b~c");
        push_index(&mut p, 3);
        assert_eq!(p, "/a~1b~0c/3");
        assert_eq!(parse_fragment("#/a~1b~0c/3").unwrap(), ["a/b~c", "3"]);
    }

    #[test]
    fn malformed_fragments_are_rejected() {
        assert_eq!(parse_fragment("/$defs/X"), Err(PointerError::NotFragment));
        assert_eq!(parse_fragment("##/x"), Err(PointerError::NotFragment));
        assert_eq!(parse_fragment("#/a/"), Err(PointerError::EmptySegment));
        assert_eq!(parse_fragment("#/a//b"), Err(PointerError::EmptySegment));
        assert_eq!(parse_fragment("#/~2x"), Err(PointerError::BadEscape));
        assert_eq!(
            parse_fragment("#/%24defs"),
            Err(PointerError::PercentEncoded)
        );
        assert_eq!(parse_fragment("#/a#b"), Err(PointerError::NotFragment));
    }

    #[test]
    fn at_offset_names_the_value_being_read() {
        let at = |text: &str| at_offset(text.as_bytes(), text.len());
        assert_eq!(at(""), "");
        assert_eq!(at("{"), "");
        assert_eq!(at(r#"{"a""#), "");
        assert_eq!(at(r#"{"a": "#), "/a");
        assert_eq!(at(r#"{"a": 1, "b": [1, {"c/d": tru"#), "/b/1/c~1d");
        assert_eq!(at(r#"{"a": 1, "#), "");
        assert_eq!(at(r#"[[1], [2, "#), "/1/1");
        assert_eq!(at(r#"{"a": {"b": 1}, "c": "x"#), "/c");
        // Escaped names, including a surrogate pair and an escaped quote.
        assert_eq!(at(r#"{"\ud83d\ude00\"\n": ["#), "/\u{1F600}\"\n/0");
        // Brackets inside strings are not structure.
        assert_eq!(at(r#"{"a": "]}", "b": "#), "/b");
        // After the root value closes: trailing garbage belongs to no value.
        assert_eq!(at(r#"{"a": 1} x"#), "");
        // An offset past the end is clamped.
        assert_eq!(at_offset(b"[1", 99), "/0");
    }
}
