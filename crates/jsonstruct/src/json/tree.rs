//! A JSON tree with byte spans, built by the scanner. Schema documents are loaded through it so
//! every diagnostic can point at the exact line and column; numbers keep their source text so
//! `const`, `enum` and bounds never lose precision.

use super::scanner::{Peek, Scanner, SyntaxError, SyntaxErrorKind};

/// A value with the byte range it occupies in the source.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Node {
    /// Byte offset where the value starts.
    pub start: usize,
    /// Byte offset just after the value.
    pub end: usize,
    /// The value.
    pub value: Value,
}

/// A JSON value, numbers as their exact text. JSON has these six kinds and no others, so the
/// enum is exhaustive.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The exact number text (RFC 8259 grammar).
    Number(Box<str>),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object's members in source order.
    Object(Vec<Member>),
}

/// One object member; duplicates are kept in source order so the loader can report them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Member {
    /// The member name, unescaped.
    pub key: String,
    /// Byte offset of the key's opening quote.
    pub key_start: usize,
    /// The member's value.
    pub value: Node,
}

impl Node {
    /// The member named `key` (the first one, if duplicated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if the value is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The items, if the value is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if the value is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The number's exact text, if the value is a number.
    pub fn as_number(&self) -> Option<&str> {
        match &self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The JSON type name, for messages ("string", "object", ...).
    pub fn type_name(&self) -> &'static str {
        self.value.type_name()
    }

    /// Converts to a `serde_json::Value`. Integers that fit `i64`/`u64` stay exact; other
    /// numbers go through `f64`, so use the `Number` text where exactness matters.
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => number_to_serde(n),
            Value::String(s) => J::String(s.clone()),
            Value::Array(items) => J::Array(items.iter().map(Node::to_serde).collect()),
            Value::Object(members) => J::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// Converts exact number text to a `serde_json::Value` (see [`Node::to_serde`]).
pub(crate) fn number_to_serde(n: &str) -> serde_json::Value {
    if let Ok(i) = n.parse::<i64>() {
        return i.into();
    }
    if let Ok(u) = n.parse::<u64>() {
        return u.into();
    }
    n.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

impl Value {
    /// The JSON type name, for messages ("string", "object", ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

/// Parses a whole document. Nesting deeper than `max_depth` is an error, never a stack overflow.
pub(crate) fn parse(bytes: &[u8], max_depth: u32) -> Result<Node, SyntaxError> {
    let mut scanner = Scanner::new(bytes);
    let mut scratch = String::new();
    let node = parse_value(&mut scanner, &mut scratch, 0, max_depth)?;
    scanner.end()?;
    Ok(node)
}

fn parse_value(
    s: &mut Scanner<'_>,
    scratch: &mut String,
    depth: u32,
    max_depth: u32,
) -> Result<Node, SyntaxError> {
    let peek = s.peek()?;
    let start = s.offset();
    let value = match peek {
        Peek::Null => {
            s.null()?;
            Value::Null
        }
        Peek::Bool => Value::Bool(s.boolean()?),
        Peek::Number => Value::Number(s.number()?.text.into()),
        Peek::String => Value::String(s.string(scratch)?.to_owned()),
        Peek::Array | Peek::Object if depth >= max_depth => {
            return Err(SyntaxError {
                kind: SyntaxErrorKind::NestingTooDeep(max_depth),
                offset: start,
            })
        }
        Peek::Array => {
            s.begin_array();
            let mut items = Vec::new();
            let mut first = true;
            while s.next_element(&mut first)? {
                items.push(parse_value(s, scratch, depth + 1, max_depth)?);
            }
            Value::Array(items)
        }
        Peek::Object => {
            s.begin_object();
            let mut members = Vec::new();
            let mut first = true;
            while s.next_member(&mut first)? {
                let key_start = s.offset();
                let key = s.key()?.into_owned();
                let value = parse_value(s, scratch, depth + 1, max_depth)?;
                members.push(Member {
                    key,
                    key_start,
                    value,
                });
            }
            Value::Object(members)
        }
    };
    Ok(Node {
        start,
        end: s.offset(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_values_and_keys() {
        let src = br#"{ "a": [1, "x"], "b": {"c": null} }"#;
        let root = parse(src, 16).unwrap();
        assert_eq!((root.start, root.end), (0, src.len()));
        let members = root.as_object().unwrap();
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].key_start, 2);
        let a = &members[0].value;
        assert_eq!(&src[a.start..a.end], b"[1, \"x\"]");
        assert_eq!(root.get("b").unwrap().get("c").unwrap().value, Value::Null);
    }

    #[test]
    fn numbers_keep_their_text() {
        let root = parse(b"[18446744073709551617, 1.10]", 4).unwrap();
        let items = root.as_array().unwrap();
        assert_eq!(items[0].as_number(), Some("18446744073709551617"));
        assert_eq!(items[1].as_number(), Some("1.10"));
    }

    #[test]
    fn depth_limit_is_enforced() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = parse(deep.as_bytes(), 256).unwrap_err();
        assert_eq!(err.kind, SyntaxErrorKind::NestingTooDeep(256));
        assert_eq!(err.offset, 256);
    }
}
