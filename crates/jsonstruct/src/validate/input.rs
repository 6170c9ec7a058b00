//! The two inputs the validator walks with the same code: raw bytes (through the scanner, one
//! pass, nothing buffered) and an existing `serde_json::Value`.
//!
//! An input is always positioned at one value. Compound values are walked through callbacks
//! that receive the same input positioned at the member, which the callback must consume.
//! `fork` copies the position so unions, choices and composition can look ahead and rewind.

use std::borrow::Cow;

use crate::json::{Peek, Scanner, SyntaxError, SyntaxErrorKind};
use crate::scalar::Num;

use super::compile::{ObjectCheck, RawStrings};

/// Why a walk stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// A rule failed in fast mode.
    Invalid,
    /// The input is not well-formed JSON; nothing after the offset can be trusted.
    Syntax(SyntaxError),
}

impl From<SyntaxError> for Stop {
    #[inline]
    fn from(e: SyntaxError) -> Self {
        Stop::Syntax(e)
    }
}

pub(crate) type Walk<T = ()> = Result<T, Stop>;

pub(crate) trait Input<'de>: Sized {
    /// The kind of the value at the position.
    fn peek(&mut self) -> Walk<Peek>;
    fn null(&mut self) -> Walk;
    fn boolean(&mut self) -> Walk<bool>;
    fn number(&mut self) -> Walk<Num<'de>>;
    /// Reads a string value; borrowed from the input, or decoded into a buffer the input reuses.
    fn string(&mut self) -> Walk<&str>;
    /// Consumes a string value without decoding it (still checked for well-formedness).
    fn skip_string(&mut self) -> Walk;
    /// Consumes an integer and returns its sign and magnitude: from bytes, a literal of at
    /// most 15 digits (no fraction, no exponent); any other value is left unread (`None`).
    fn small_int(&mut self) -> Option<(bool, u64)> {
        None
    }
    /// Consumes a string that is exactly `[-]digits` (at most 19, no leading zero) and returns
    /// its sign and magnitude; any other string is left unread (`None`).
    fn quoted_integer(&mut self) -> Option<(bool, u64)> {
        None
    }
    /// Consumes a string that is one of `set`'s values and returns true; any other value
    /// (another string, no string at all, and from bytes also a value written with an
    /// escape) is left unread, for the full checks to decide.
    fn raw_string_in(&mut self, _set: &RawStrings) -> bool {
        false
    }
    /// Consumes any value, checking it is well-formed and at most `max_depth` deep.
    fn skip(&mut self, max_depth: u32) -> Walk;
    /// Walks an array; `f` receives each element's index and must consume the element.
    /// Returns the number of elements.
    fn array(&mut self, f: impl FnMut(&mut Self, usize) -> Walk) -> Walk<usize>;
    /// Walks an object; `f` receives each member name and must consume the member's value.
    /// Returns the number of members.
    fn object(&mut self, f: impl FnMut(&mut Self, Cow<'de, str>) -> Walk) -> Walk<usize>;
    /// Walks an object whose declared properties `o` knows: `f` receives each member as a
    /// property index or, for undeclared members, its name.
    fn object_members(
        &mut self,
        o: &ObjectCheck,
        f: impl FnMut(&mut Self, Member<'de>) -> Walk,
    ) -> Walk<usize>;
    /// A copy of the position, for look-ahead.
    fn fork(&self) -> Self;
    /// Moves to where `fork` (made from this input) has got to.
    fn adopt(&mut self, fork: Self);
    /// Byte offset of the current value, when the input has source text.
    fn offset(&self) -> Option<usize>;
    /// Identifies the current value within this input (after `peek`): the trial memo's key.
    fn position(&self) -> usize;
    /// Consumes a value and appends a canonical form for JSON equality (used for set
    /// uniqueness): numbers by exact value, objects with sorted members.
    fn canonical(&mut self, out: &mut String, max_depth: u32) -> Walk;
}

/// A member of an object with declared properties.
pub(crate) enum Member<'de> {
    Declared(usize),
    Other(Cow<'de, str>),
}

/// Raw bytes through the scanner.
pub(crate) struct Bytes<'de> {
    scanner: Scanner<'de>,
    scratch: String,
}

impl<'de> Bytes<'de> {
    pub(super) fn new(input: &'de [u8]) -> Self {
        Bytes {
            scanner: Scanner::new(input),
            scratch: String::new(),
        }
    }

    /// Checks that only whitespace is left.
    pub(super) fn end(&mut self) -> Walk {
        Ok(self.scanner.end()?)
    }
}

impl<'de> Input<'de> for Bytes<'de> {
    #[inline]
    fn peek(&mut self) -> Walk<Peek> {
        Ok(self.scanner.peek()?)
    }

    #[inline]
    fn null(&mut self) -> Walk {
        Ok(self.scanner.null()?)
    }

    #[inline]
    fn boolean(&mut self) -> Walk<bool> {
        Ok(self.scanner.boolean()?)
    }

    #[inline]
    fn number(&mut self) -> Walk<Num<'de>> {
        Ok(Num::Text(self.scanner.number()?))
    }

    #[inline]
    fn string(&mut self) -> Walk<&str> {
        Ok(self.scanner.string(&mut self.scratch)?)
    }

    #[inline(always)]
    fn skip_string(&mut self) -> Walk {
        Ok(self.scanner.skip_string()?)
    }

    #[inline(always)]
    fn quoted_integer(&mut self) -> Option<(bool, u64)> {
        self.scanner.quoted_integer()
    }

    #[inline(always)]
    fn small_int(&mut self) -> Option<(bool, u64)> {
        self.scanner.small_int()
    }

    #[inline(always)]
    fn raw_string_in(&mut self, set: &RawStrings) -> bool {
        let scanner = &mut self.scanner;
        scanner
            .key_word()
            .is_some_and(|word| set.contains_raw(word, |raw| scanner.raw_is(raw)))
    }

    #[inline]
    fn skip(&mut self, max_depth: u32) -> Walk {
        Ok(self.scanner.skip_value(max_depth)?)
    }

    #[inline]
    fn array(&mut self, mut f: impl FnMut(&mut Self, usize) -> Walk) -> Walk<usize> {
        self.scanner.begin_array();
        let mut first = true;
        let mut i = 0;
        while self.scanner.next_element(&mut first)? {
            f(self, i)?;
            i += 1;
        }
        Ok(i)
    }

    #[inline]
    fn object(&mut self, mut f: impl FnMut(&mut Self, Cow<'de, str>) -> Walk) -> Walk<usize> {
        self.scanner.begin_object();
        let mut first = true;
        let mut n = 0;
        while self.scanner.next_member(&mut first)? {
            // Keys without escapes (nearly all) borrow from the input; escaped keys are decoded
            // into an owned string so the value can use the scratch buffer meanwhile.
            let key = self.scanner.key()?;
            f(self, key)?;
            n += 1;
        }
        Ok(n)
    }

    #[inline]
    fn object_members(
        &mut self,
        o: &ObjectCheck,
        mut f: impl FnMut(&mut Self, Member<'de>) -> Walk,
    ) -> Walk<usize> {
        self.scanner.begin_object();
        let mut first = true;
        let mut n = 0;
        // 0 before the first member, `i + 1` after property `i`.
        let mut prev = 0;
        // Predictions that failed, minus those that held, in this object: when the producer
        // shuffles its members, checking the prediction first is wasted work, so it stops
        // (after one miss when the last object of this type was shuffled too).
        let mut misses = if o.was_shuffled() { 2i32 } else { 0 };
        while self.scanner.next_member(&mut first)? {
            // The learned successor is checked with one comparison, without scanning the key,
            // then the one after it; any other key is scanned once and looked up (members in
            // another order, an undeclared member).
            let guess = if misses < 3 { o.predict(prev) } else { None };
            // The member after the guessed one: the guess was an optional member that this
            // payload leaves out.
            let skip_one = || guess.and_then(|(i, _)| o.predict(i + 1));
            let member = match guess {
                Some((i, name)) if self.scanner.key_is(name)? => {
                    misses -= 1;
                    Member::Declared(i)
                }
                Some(_) if matches!(skip_one(), Some((_, name)) if self.scanner.key_is(name)?) => {
                    Member::Declared(skip_one().map_or(0, |(j, _)| j))
                }
                _ => {
                    misses += i32::from(guess.is_some());
                    // A declared name in compact form is found by the key's first eight bytes
                    // and one comparison; anything else (an undeclared member, an escape,
                    // whitespace before the colon) is scanned and looked up by name.
                    let scanner = &mut self.scanner;
                    let found = scanner
                        .key_word()
                        .and_then(|word| o.find_raw(word, |raw| scanner.raw_is(raw)));
                    let found = match found {
                        Some(i) => Ok(i),
                        None => {
                            let key = match self.scanner.plain_key()? {
                                Some(key) => Cow::Borrowed(key),
                                None => self.scanner.key()?,
                            };
                            o.find(&key).ok_or(key)
                        }
                    };
                    match found {
                        Ok(i) => {
                            // Learn only while this object looks ordered: a shuffled one would
                            // overwrite what the ordered payloads taught, and every write is
                            // a cache line the other validating threads must fetch again. The
                            // first two members are always learned, so that an ordered stream
                            // after a shuffled one gets its predictions back.
                            if misses <= 1 || n < 2 {
                                o.learn(prev, i);
                            }
                            Member::Declared(i)
                        }
                        Err(key) => Member::Other(key),
                    }
                }
            };
            if let Member::Declared(i) = member {
                prev = i + 1;
            }
            f(self, member)?;
            n += 1;
        }
        o.remember_shuffled(misses >= 3);
        Ok(n)
    }

    #[inline]
    fn fork(&self) -> Self {
        Bytes {
            scanner: self.scanner,
            scratch: String::new(),
        }
    }

    #[inline]
    fn adopt(&mut self, fork: Self) {
        self.scanner = fork.scanner;
    }

    #[inline]
    fn offset(&self) -> Option<usize> {
        Some(self.scanner.offset())
    }

    #[inline]
    fn position(&self) -> usize {
        self.scanner.offset()
    }

    fn canonical(&mut self, out: &mut String, max_depth: u32) -> Walk {
        canonical(self, out, max_depth)
    }
}

/// A `serde_json::Value`.
#[derive(Clone, Copy)]
pub(crate) struct ValueInput<'de> {
    value: &'de serde_json::Value,
}

impl<'de> ValueInput<'de> {
    pub(super) fn new(value: &'de serde_json::Value) -> Self {
        ValueInput { value }
    }
}

fn wrong_kind<T>() -> Walk<T> {
    // The walker peeks before it reads, so this is unreachable in practice; it is an error,
    // not a panic, all the same.
    Err(Stop::Syntax(SyntaxError {
        kind: SyntaxErrorKind::ExpectedValue,
        offset: 0,
    }))
}

impl<'de> Input<'de> for ValueInput<'de> {
    #[inline]
    fn peek(&mut self) -> Walk<Peek> {
        use serde_json::Value as J;
        Ok(match self.value {
            J::Null => Peek::Null,
            J::Bool(_) => Peek::Bool,
            J::Number(_) => Peek::Number,
            J::String(_) => Peek::String,
            J::Array(_) => Peek::Array,
            J::Object(_) => Peek::Object,
        })
    }

    #[inline]
    fn null(&mut self) -> Walk {
        match self.value {
            serde_json::Value::Null => Ok(()),
            _ => wrong_kind(),
        }
    }

    #[inline]
    fn boolean(&mut self) -> Walk<bool> {
        match self.value {
            serde_json::Value::Bool(b) => Ok(*b),
            _ => wrong_kind(),
        }
    }

    #[inline]
    fn number(&mut self) -> Walk<Num<'de>> {
        let serde_json::Value::Number(n) = self.value else {
            return wrong_kind();
        };
        Ok(if let Some(u) = n.as_u64() {
            Num::U64(u)
        } else if let Some(i) = n.as_i64() {
            Num::I64(i)
        } else {
            match n.as_f64() {
                // serde_json reads the integer literal `-0` as the float -0.0; the bytes path
                // sees `-0` as an integer, and so must this one. (A value parsed from `-0.0`
                // becomes indistinguishable from it: the literal is lost in the Value.)
                Some(f) if f == 0.0 && f.is_sign_negative() => Num::I64(0),
                f => Num::F64(f.unwrap_or(f64::NAN)),
            }
        })
    }

    #[inline]
    fn string(&mut self) -> Walk<&str> {
        match self.value {
            serde_json::Value::String(s) => Ok(s),
            _ => wrong_kind(),
        }
    }

    #[inline]
    fn skip_string(&mut self) -> Walk {
        Ok(())
    }

    #[inline(always)]
    fn raw_string_in(&mut self, set: &RawStrings) -> bool {
        matches!(self.value, serde_json::Value::String(s) if set.contains_str(s))
    }

    /// Any integer the `Value` holds as one (`serde_json` keeps fractions, exponents and
    /// `-0` as floats, which go to [`Input::number`]).
    #[inline(always)]
    fn small_int(&mut self) -> Option<(bool, u64)> {
        let serde_json::Value::Number(n) = self.value else {
            return None;
        };
        match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Some((false, u)),
            (None, Some(i)) => Some((true, i.unsigned_abs())),
            _ => None,
        }
    }

    #[inline]
    fn skip(&mut self, max_depth: u32) -> Walk {
        // A Value is well-formed by construction; only the depth bound applies.
        if depth_exceeds(self.value, max_depth) {
            return Err(Stop::Syntax(SyntaxError {
                kind: SyntaxErrorKind::NestingTooDeep(max_depth),
                offset: 0,
            }));
        }
        Ok(())
    }

    #[inline]
    fn array(&mut self, mut f: impl FnMut(&mut Self, usize) -> Walk) -> Walk<usize> {
        let serde_json::Value::Array(items) = self.value else {
            return wrong_kind();
        };
        for (i, item) in items.iter().enumerate() {
            f(&mut ValueInput { value: item }, i)?;
        }
        Ok(items.len())
    }

    #[inline]
    fn object(&mut self, mut f: impl FnMut(&mut Self, Cow<'de, str>) -> Walk) -> Walk<usize> {
        let serde_json::Value::Object(map) = self.value else {
            return wrong_kind();
        };
        for (k, v) in map {
            f(&mut ValueInput { value: v }, Cow::Borrowed(k.as_str()))?;
        }
        Ok(map.len())
    }

    #[inline]
    fn object_members(
        &mut self,
        o: &ObjectCheck,
        mut f: impl FnMut(&mut Self, Member<'de>) -> Walk,
    ) -> Walk<usize> {
        let serde_json::Value::Object(map) = self.value else {
            return wrong_kind();
        };
        // 0 before the first member, `i + 1` after property `i`.
        let mut prev = 0;
        for (k, v) in map {
            let member = match o.find_in_map(prev, k) {
                Some(i) => {
                    prev = i + 1;
                    Member::Declared(i)
                }
                None => Member::Other(Cow::Borrowed(k.as_str())),
            };
            f(&mut ValueInput { value: v }, member)?;
        }
        Ok(map.len())
    }

    #[inline]
    fn fork(&self) -> Self {
        *self
    }

    #[inline]
    fn adopt(&mut self, fork: Self) {
        *self = fork;
    }

    #[inline]
    fn offset(&self) -> Option<usize> {
        None
    }

    #[inline]
    fn position(&self) -> usize {
        // The value's address: every value of one document has its own.
        std::ptr::from_ref(self.value) as usize
    }

    fn canonical(&mut self, out: &mut String, max_depth: u32) -> Walk {
        canonical(self, out, max_depth)
    }
}

/// Whether a value nests deeper than `max` containers (iterative, so any depth is safe).
fn depth_exceeds(v: &serde_json::Value, max: u32) -> bool {
    use serde_json::Value as J;
    if !matches!(v, J::Array(_) | J::Object(_)) {
        return false;
    }
    let mut stack: Vec<(&J, u32)> = vec![(v, 0)];
    while let Some((v, d)) = stack.pop() {
        match v {
            J::Array(_) | J::Object(_) if d >= max => return true,
            J::Array(a) => stack.extend(a.iter().map(|c| (c, d + 1))),
            J::Object(o) => stack.extend(o.values().map(|c| (c, d + 1))),
            _ => {}
        }
    }
    false
}

/// The canonical form behind [`Input::canonical`]. Recursion is bounded by `max_depth`.
fn canonical<'de, I: Input<'de>>(input: &mut I, out: &mut String, max_depth: u32) -> Walk {
    use std::fmt::Write;
    match input.peek()? {
        Peek::Null => {
            input.null()?;
            out.push('n');
        }
        Peek::Bool => {
            let b = input.boolean()?;
            out.push(if b { 't' } else { 'f' });
        }
        Peek::Number => {
            let n = input.number()?;
            // Exact value: 1, 1.0 and 1e0 are the same number.
            match n.exact() {
                Some(x) => {
                    let _ = write!(out, "#{x:?};");
                }
                None => {
                    let _ = write!(out, "#{n};");
                }
            }
        }
        Peek::String => {
            let s = input.string()?;
            let _ = write!(out, "s{}:{s}", s.len());
        }
        Peek::Array | Peek::Object if max_depth == 0 => {
            let offset = input.offset().unwrap_or(0);
            return Err(Stop::Syntax(SyntaxError {
                kind: SyntaxErrorKind::NestingTooDeep(0),
                offset,
            }));
        }
        Peek::Array => {
            out.push('[');
            input.array(|item, _| {
                canonical(item, out, max_depth - 1)?;
                out.push(',');
                Ok(())
            })?;
            out.push(']');
        }
        Peek::Object => {
            let mut members: Vec<(String, String)> = Vec::new();
            input.object(|v, key| {
                let mut s = String::new();
                canonical(v, &mut s, max_depth - 1)?;
                members.push((key.into_owned(), s));
                Ok(())
            })?;
            members.sort();
            out.push('{');
            for (k, v) in members {
                let _ = write!(out, "{}:{k}={v},", k.len());
            }
            out.push('}');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon_bytes(s: &str) -> String {
        let mut out = String::new();
        Bytes::new(s.as_bytes()).canonical(&mut out, 16).unwrap();
        out
    }

    fn canon_value(s: &str) -> String {
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        let mut out = String::new();
        ValueInput::new(&v).canonical(&mut out, 16).unwrap();
        out
    }

    #[test]
    fn canonical_forms_follow_json_equality() {
        assert_eq!(canon_bytes("1"), canon_bytes("1.0"));
        assert_eq!(canon_bytes("1"), canon_bytes("1e0"));
        assert_ne!(canon_bytes("1"), canon_bytes("\"1\""));
        assert_eq!(
            canon_bytes(r#"{"a":1,"b":[2]}"#),
            canon_bytes(r#"{ "b" : [2.0], "a": 1 }"#)
        );
        assert_eq!(canon_bytes(r#""\u0041""#), canon_bytes(r#""A""#));
        assert_eq!(
            canon_bytes(r#"{"a":[1,{"b":null}]}"#),
            canon_value(r#"{"a":[1,{"b":null}]}"#)
        );
        assert_eq!(canon_bytes("[1.5, true]"), canon_value("[1.5, true]"));
    }

    #[test]
    fn escaped_keys_are_owned_and_plain_keys_borrowed() {
        let src = br#"{"plain": 1, "esc\u0061ped": "x\ny"}"#;
        let mut input = Bytes::new(src);
        input.peek().unwrap();
        let mut keys = Vec::new();
        input
            .object(|v, k| {
                keys.push((matches!(k, Cow::Borrowed(_)), k.into_owned()));
                v.skip(8)
            })
            .unwrap();
        assert_eq!(
            keys,
            [(true, "plain".to_owned()), (false, "escaped".to_owned())]
        );
    }
}
