//! Arbitrary bytes as an instance of a fixed set of schemas (the Clerk Session with the spec's
//! 64-bit strings and with Clerk's numbers, `any`, every primitive, the collections, choices and inheritance, the
//! Validation and Conditional Composition add-ins, a recursive type). For every schema:
//!
//! - `is_valid` and `validate` never panic and agree; an invalid report has errors, each with a
//!   line and column inside the input;
//! - when `serde_json` parses the bytes into a `Value`: `is_valid_value` and `validate_value`
//!   agree, and give the same verdict and the same `(code, path)` errors as validating
//!   `serde_json::to_vec(&value)` from bytes; and when the input has no duplicate member names
//!   and only integer numbers (so the `Value` is exactly what the bytes say), the same verdict
//!   as the original bytes.

#![no_main]

use std::sync::OnceLock;

use jsonstruct::{Options, Report, Schema, Validator};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const SESSION: &str = include_str!("../../schemas/clerk/session.struct.json");

const ANY: &str = r#"{"$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://fuzz.example/any", "name": "Any", "type": "any"}"#;

const PRIMITIVES: &str = r#"{"$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://fuzz.example/primitives", "name": "Primitives", "type": "object",
  "properties": {
    "i8": {"type": "int8"}, "u8": {"type": "uint8"}, "i16": {"type": "int16"},
    "u16": {"type": "uint16"}, "i32": {"type": "int32"}, "u32": {"type": "uint32"},
    "i64": {"type": "int64"}, "u64": {"type": "uint64"}, "i128": {"type": "int128"},
    "u128": {"type": "uint128"}, "f": {"type": "float"}, "d": {"type": "double"},
    "dec": {"type": "decimal", "precision": 10, "scale": 2}, "n": {"type": "number"},
    "b": {"type": "boolean"}, "s": {"type": "string", "maxLength": 8},
    "date": {"type": "date"}, "time": {"type": "time"}, "dt": {"type": "datetime"},
    "dur": {"type": "duration"}, "id": {"type": "uuid"}, "uri": {"type": "uri"},
    "bin": {"type": "binary"}, "ptr": {"type": "jsonpointer"}, "nil": {"type": "null"},
    "e": {"type": "string", "enum": ["a", "b\u00e9", "\ud83d\ude00"]},
    "c": {"type": "number", "const": 0.1}
  },
  "required": ["i32"]}"#;

const COLLECTIONS: &str = r##"{"$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://fuzz.example/collections", "name": "Collections", "type": "object",
  "properties": {
    "arr": {"type": "array", "items": {"type": "int32"}},
    "set": {"type": "set", "items": {"type": "any"}},
    "map": {"type": "map", "values": {"type": ["string", "null"]}},
    "tup": {"type": {"$ref": "#/definitions/Pair"}},
    "union": {"type": ["int64", "string", {"$ref": "#/definitions/Pair"}, "null"]},
    "tagged": {"type": {"$ref": "#/definitions/Tagged"}},
    "inline": {"type": {"$ref": "#/definitions/Inline"}}
  },
  "additionalProperties": false,
  "definitions": {
    "Pair": {"type": "tuple", "properties": {"k": {"type": "string"}, "v": {"type": "double"}},
             "tuple": ["k", "v"]},
    "Tagged": {"type": "choice", "choices": {
      "one": {"type": "string"}, "two": {"type": {"$ref": "#/definitions/Pair"}}}},
    "Base": {"type": "object", "abstract": true,
             "properties": {"kind": {"type": "string"}, "at": {"type": "datetime"}}},
    "Email": {"type": "object", "$extends": "#/definitions/Base",
              "properties": {"to": {"type": "string"}}, "required": ["to"]},
    "Sms": {"type": "object", "$extends": "#/definitions/Base",
            "properties": {"phone": {"type": "string"}}, "required": ["phone"]},
    "Inline": {"type": "choice", "$extends": "#/definitions/Base", "selector": "kind",
               "choices": {"email": {"type": {"$ref": "#/definitions/Email"}},
                           "sms": {"type": {"$ref": "#/definitions/Sms"}}}}
  }}"##;

const VALIDATION: &str = r#"{"$schema": "https://json-structure.org/meta/extended/v0/#",
  "$id": "https://fuzz.example/validation", "name": "Validation",
  "$uses": ["JSONStructureValidation"], "type": "object",
  "properties": {
    "count": {"type": "int32", "minimum": 0, "maximum": 100, "multipleOf": 5},
    "rate": {"type": "double", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "name": {"type": "string", "minLength": 1, "maxLength": 20, "pattern": "^[A-Z][a-z]*$"},
    "mail": {"type": "string", "format": "email"},
    "host": {"type": "string", "format": "hostname"},
    "ip": {"type": "string", "format": "ipv6"},
    "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5,
             "uniqueItems": true},
    "nums": {"type": "array", "items": {"type": "int32"},
             "contains": {"type": "int32", "minimum": 10}, "minContains": 1, "maxContains": 2},
    "dict": {"type": "map", "values": {"type": "int32"}, "minEntries": 1, "maxEntries": 3,
             "keyNames": {"type": "string", "pattern": "^[a-z]+$"}}
  },
  "minProperties": 1, "maxProperties": 6,
  "dependentRequired": {"mail": ["name"]}}"#;

const COMPOSITION: &str = r#"{"$schema": "https://json-structure.org/meta/extended/v0/#",
  "$id": "https://fuzz.example/composition", "name": "Composition",
  "$uses": ["JSONStructureConditionalComposition", "JSONStructureValidation"],
  "type": "object",
  "properties": {
    "all": {"allOf": [{"type": "int32", "minimum": 0}, {"type": "int32", "maximum": 100}]},
    "any": {"anyOf": [{"type": "string"}, {"type": "int32", "minimum": 100}]},
    "one": {"oneOf": [{"type": "int32", "minimum": 0}, {"type": "int32", "maximum": 10}]},
    "not": {"type": "string", "not": {"type": "string", "const": "forbidden"}},
    "cond": {"type": "int32", "if": {"type": "int32", "minimum": 10},
             "then": {"type": "int32", "maximum": 12}, "else": {"type": "int32", "minimum": 5}}
  }}"#;

const TREE: &str = r##"{"$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://fuzz.example/tree", "name": "Tree", "$root": "#/definitions/Node",
  "definitions": {
    "Node": {"type": "object", "properties": {
      "value": {"type": ["string", "int32"]},
      "children": {"type": "array", "items": {"type": {"$ref": "#/definitions/Node"}}},
      "next": {"type": [{"$ref": "#/definitions/Node"}, "null"]}},
      "required": ["value"]}
  }}"##;

fn validators() -> &'static [Validator] {
    static V: OnceLock<Vec<Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let load = |text: &str| {
            Schema::from_slice(text.as_bytes()).unwrap_or_else(|e| panic!("fixed schema: {e}"))
        };
        let session = load(SESSION);
        // The spec's string form (the default) and Clerk's numbers.
        let numbers = Options::default().int64_numbers(true);
        let mut out = vec![
            Validator::new(&session).unwrap(),
            Validator::with_options(&session, numbers).unwrap(),
        ];
        for text in [ANY, PRIMITIVES, COLLECTIONS, VALIDATION, COMPOSITION, TREE] {
            out.push(Validator::new(&load(text)).unwrap());
        }
        out
    })
}

fn errors(r: &Result<(), Report>) -> Vec<(&'static str, String)> {
    let mut e: Vec<_> = match r {
        Ok(()) => Vec::new(),
        Err(r) => r
            .errors
            .iter()
            .map(|e| (e.code.as_str(), e.path.clone()))
            .collect(),
    };
    e.sort();
    e
}

/// Whether the value says exactly what the bytes said: integers only (no float rounding).
fn integers_only(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_i64() || n.is_u64(),
        Value::Array(a) => a.iter().all(integers_only),
        Value::Object(o) => o.values().all(integers_only),
        _ => true,
    }
}

/// Whether `v` holds a float -0.0: serde_json's reading of the integer literal `-0`, which
/// `validate_value` treats as that literal (integer zero) but `to_vec` writes as `-0.0`, which
/// is not an integer literal. Validating the serialization is then not the same question.
fn has_negative_zero(v: &Value) -> bool {
    match v {
        Value::Number(n) => {
            n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) && n.is_f64()
        }
        Value::Array(a) => a.iter().any(has_negative_zero),
        Value::Object(o) => o.values().any(has_negative_zero),
        _ => false,
    }
}

/// Parses like `serde_json::Value` but fails on a repeated member name (which a `Value`
/// silently collapses to the last one).
struct NoDuplicates;

impl<'de> serde::Deserialize<'de> for NoDuplicates {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = NoDuplicates;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, _: bool) -> Result<NoDuplicates, E> {
                Ok(NoDuplicates)
            }
            fn visit_i64<E>(self, _: i64) -> Result<NoDuplicates, E> {
                Ok(NoDuplicates)
            }
            fn visit_u64<E>(self, _: u64) -> Result<NoDuplicates, E> {
                Ok(NoDuplicates)
            }
            fn visit_f64<E>(self, _: f64) -> Result<NoDuplicates, E> {
                Ok(NoDuplicates)
            }
            fn visit_str<E>(self, _: &str) -> Result<NoDuplicates, E> {
                Ok(NoDuplicates)
            }
            fn visit_unit<E>(self) -> Result<NoDuplicates, E> {
                Ok(NoDuplicates)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<NoDuplicates, A::Error> {
                while a.next_element::<NoDuplicates>()?.is_some() {}
                Ok(NoDuplicates)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<NoDuplicates, A::Error> {
                let mut seen = std::collections::HashSet::new();
                while let Some(k) = a.next_key::<String>()? {
                    if !seen.insert(k) {
                        return Err(serde::de::Error::custom("duplicate member name"));
                    }
                    a.next_value::<NoDuplicates>()?;
                }
                Ok(NoDuplicates)
            }
        }
        d.deserialize_any(V)
    }
}

fn check_bytes(v: &Validator, data: &[u8]) -> Result<(), Report> {
    let fast = v.is_valid(data);
    let full = v.validate(data);
    assert_eq!(
        fast,
        full.is_ok(),
        "is_valid and validate disagree: {full:?}"
    );
    if let Err(r) = &full {
        assert!(!r.errors.is_empty(), "invalid without errors");
        let lines = data.split(|&b| b == b'\n').count();
        for e in &r.errors {
            assert!(
                e.line.is_some_and(|l| l >= 1 && l <= lines) && e.column.is_some_and(|c| c >= 1),
                "error not located: {e}"
            );
        }
    }
    full
}

fuzz_target!(|data: &[u8]| {
    let value: Option<Value> = serde_json::from_slice(data).ok();
    let exact = value
        .as_ref()
        .is_some_and(|v| integers_only(v) && serde_json::from_slice::<NoDuplicates>(data).is_ok());
    let canonical = value.as_ref().map(|v| serde_json::to_vec(v).unwrap());
    for v in validators() {
        let from_bytes = check_bytes(v, data);
        let (Some(value), Some(canonical)) = (&value, &canonical) else {
            continue;
        };
        let fast = v.is_valid_value(value);
        let from_value = v.validate_value(value);
        assert_eq!(
            fast,
            from_value.is_ok(),
            "is_valid_value and validate_value disagree"
        );
        let from_canonical = check_bytes(v, canonical);
        if !has_negative_zero(value) {
            assert_eq!(
                errors(&from_value),
                errors(&from_canonical),
                "validate_value and validate(to_vec(value)) disagree"
            );
        }
        if exact {
            assert_eq!(
                from_bytes.is_ok(),
                fast,
                "the bytes and their Value disagree: {from_bytes:?} / {from_value:?}"
            );
        }
    }
});
