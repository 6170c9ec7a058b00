//! ECMA-262 `pattern` strings compiled for the linear-time `regex` engine.
//!
//! The Validation draft says a string matches when "its entire value conforms" to the pattern,
//! so the compiled regex is anchored at both ends. ECMAScript semantics that differ from the
//! `regex` crate are translated: `\d`, `\w`, `\b` are ASCII, `.` stops at every line terminator,
//! `\uXXXX` escapes (including surrogate pairs) become code points. Look-around and
//! backreferences have no linear-time implementation and are reported as unsupported.

use std::fmt;

/// A compiled pattern with its source text.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    regex: regex::Regex,
}

impl Pattern {
    /// Compiles an ECMA-262 pattern (whole-value match).
    pub fn new(source: &str) -> Result<Pattern, String> {
        let translated = translate(source)?;
        let regex = regex::RegexBuilder::new(&format!(r"\A(?:{translated})\z"))
            .size_limit(8 << 20)
            .build()
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(_) => {
                    "is too large to compile (reduce counted repetitions)".to_string()
                }
                other => {
                    let text = other.to_string();
                    let last = text
                        .lines()
                        .rev()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("");
                    format!("is not a valid regular expression ({})", last.trim())
                }
            })?;
        Ok(Pattern {
            source: source.to_owned(),
            regex,
        })
    }

    /// The pattern as written in the schema.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the whole of `s` matches, in time linear in `s`.
    ///
    /// ```
    /// let p = jsonstruct::schema::Pattern::new(r"[A-Z]\d{2}").unwrap();
    /// assert!(p.is_match("A12") && !p.is_match("xA12"));
    /// ```
    #[inline]
    pub fn is_match(&self, s: &str) -> bool {
        self.regex.is_match(s)
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// Rewrites ECMAScript syntax into `regex` syntax with the same meaning.
fn translate(src: &str) -> Result<String, String> {
    let mut out = String::with_capacity(src.len() + 16);
    let mut chars = src.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    return Err("ends with a lone backslash".into());
                };
                match e {
                    'd' => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                    'D' => out.push_str(if in_class { "[:^digit:]" } else { "[^0-9]" }),
                    'w' => out.push_str(if in_class { "A-Za-z0-9_" } else { "[A-Za-z0-9_]" }),
                    'W' => out.push_str(if in_class { "[:^word:]" } else { "[^A-Za-z0-9_]" }),
                    'b' if in_class => out.push_str(r"\x08"),
                    'b' => out.push_str(r"(?-u:\b)"),
                    'B' => out.push_str(r"(?-u:\B)"),
                    'u' => {
                        let cp = unicode_escape(&mut chars)?;
                        push_literal(&mut out, cp);
                    }
                    'x' => {
                        let hex: String = (0..2).filter_map(|_| chars.next()).collect();
                        let cp = u32::from_str_radix(&hex, 16)
                            .map_err(|_| format!("has an invalid \\x escape '\\x{hex}'"))?;
                        push_literal(&mut out, cp);
                    }
                    'c' => match chars.next() {
                        Some(l) if l.is_ascii_alphabetic() => {
                            push_literal(&mut out, (l as u32) % 32);
                        }
                        _ => return Err("has an invalid \\c escape".into()),
                    },
                    '0' if !chars.peek().is_some_and(char::is_ascii_digit) => out.push_str(r"\x00"),
                    '1'..='9' => {
                        return Err(format!(
                            "uses a backreference (\\{e}), which the linear-time regex engine does not support"
                        ))
                    }
                    'k' if chars.peek() == Some(&'<') => {
                        return Err(
                            "uses a named backreference (\\k<...>), which the linear-time regex engine does not support"
                                .into(),
                        )
                    }
                    '/' => out.push('/'),
                    e if e.is_ascii_alphanumeric() => {
                        // \s \S \n \r \t \f \v \p{..} \P{..} mean the same in both dialects.
                        out.push('\\');
                        out.push(e);
                    }
                    e => push_literal(&mut out, e as u32),
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                // ECMAScript: `[]` matches nothing and `[^]` matches anything.
                if chars.peek() == Some(&']') {
                    chars.next();
                    in_class = false;
                    if out.ends_with("[^") {
                        out.truncate(out.len() - 2);
                        out.push_str(r"(?s:.)");
                    } else {
                        out.truncate(out.len() - 1);
                        out.push_str(r"[^\x00-\x{10FFFF}]");
                    }
                }
            }
            '[' => out.push_str(r"\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\u{2028}\u{2029}]"),
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let mut look = chars.clone();
                look.next();
                match (look.next(), look.next()) {
                    (Some('=' | '!'), _) | (Some('<'), Some('=' | '!')) => {
                        return Err(
                            "uses look-around, which the linear-time regex engine does not support"
                                .into(),
                        )
                    }
                    _ => out.push('('),
                }
            }
            // `regex` gives `&&` and `~~` set-operation meaning inside classes.
            '&' | '~' if in_class => push_literal(&mut out, c as u32),
            c => out.push(c),
        }
    }
    if in_class {
        return Err("has an unterminated character class".into());
    }
    Ok(out)
}

fn unicode_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<u32, String> {
    if chars.peek() == Some(&'{') {
        chars.next();
        let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
        return u32::from_str_radix(&hex, 16).map_err(|_| "has an invalid \\u{...} escape".into());
    }
    let hex: String = (0..4).filter_map(|_| chars.next()).collect();
    let hi = u32::from_str_radix(&hex, 16)
        .ok()
        .filter(|_| hex.len() == 4)
        .ok_or_else(|| format!("has an invalid \\u escape '\\u{hex}'"))?;
    if (0xD800..0xDC00).contains(&hi) {
        let mut look = chars.clone();
        if look.next() == Some('\\') && look.next() == Some('u') {
            let lo_hex: String = (0..4).filter_map(|_| look.next()).collect();
            if let Ok(lo) = u32::from_str_radix(&lo_hex, 16) {
                if (0xDC00..0xE000).contains(&lo) {
                    *chars = look;
                    return Ok(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
                }
            }
        }
    }
    Ok(hi)
}

fn push_literal(out: &mut String, cp: u32) {
    use std::fmt::Write;
    match char::from_u32(cp) {
        Some(c) if c.is_ascii_alphanumeric() => out.push(c),
        Some(_) => {
            let _ = write!(out, r"\x{{{cp:X}}}");
        }
        // A lone surrogate can never occur in a Rust string; match nothing.
        None => out.push_str(r"[^\x00-\x{10FFFF}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        Pattern::new(p)
            .unwrap_or_else(|e| panic!("{p}: {e}"))
            .is_match(s)
    }

    #[test]
    fn whole_value_semantics() {
        assert!(m("^[A-Z][a-z]+$", "Hello"));
        assert!(!m("^[A-Z][a-z]+$", "hello"));
        assert!(m("[a-z]+", "abc"));
        assert!(!m("[a-z]+", "abc1"));
        assert!(!m("^[A-Z]", "Test"));
    }

    #[test]
    fn ecmascript_classes_are_ascii() {
        assert!(m(r"\d+", "123"));
        assert!(!m(r"\d+", "١٢٣"));
        assert!(m(r"[\d-]+", "1-2"));
        assert!(m(r"\w+", "a_1"));
        assert!(!m(r"\w+", "é"));
        assert!(!m(".", "\n"));
        assert!(!m(".", "\u{2028}"));
        assert!(m(r"\u00e9", "é"));
        assert!(m(r"\ud83d\ude00", "😀"));
        assert!(m(r"\p{L}+", "Héllo"));
        assert!(m(r"^[\x00-\x1F]*$", "\u{0}\u{1}\u{1f}"));
        assert!(m("a/b", "a/b"));
        assert!(m(r"a\/b", "a/b"));
        assert!(m("(?<name>[a-z]+)", "abc"));
        assert!(m("[^]", "\n"));
        assert!(!m("[]", "a"));
        assert!(m("[a&&b]+", "a&&b"));
    }

    #[test]
    fn redos_patterns_are_linear() {
        let s = "a".repeat(50_000) + "b";
        assert!(!m("^(a+)+$", &s));
        assert!(!m("^([a-zA-Z0-9]+)*$", &(s + "!")));
    }

    #[test]
    fn unsupported_and_invalid_patterns_are_errors() {
        for p in [
            "(?<=prefix)content",
            "(?=a)",
            "(a)\\1",
            "[invalid(regex",
            "(",
            "\\",
        ] {
            assert!(Pattern::new(p).is_err(), "{p}");
        }
        let big = Pattern::new("^[a-zA-Z0-9]{1,1000000}$").unwrap_err();
        assert!(big.contains("too large"), "{big}");
    }
}
