//! Unit tests of the JSON Schema export: small schemas -> expected JSON Schema fragments, each
//! also checked against the 2020-12 meta-schema and, where it matters, against instances with
//! the `jsonschema` crate and the validator side by side.

use serde_json::{json, Value};

use super::{json_schema, ExportOptions, DIALECT};
use crate::{Schema, Validator};

const CORE: &str = "https://json-structure.org/meta/core/v0/#";
const EXTENDED: &str = "https://json-structure.org/meta/extended/v0/#";

/// Loads a schema document given as JSON (adding `$schema`, `$id` and `name` when missing).
fn load(doc: Value) -> Schema {
    let mut doc = doc;
    let m = doc.as_object_mut().unwrap();
    m.entry("$schema").or_insert(CORE.into());
    m.entry("$id").or_insert("https://example.com/test".into());
    m.entry("name").or_insert("Test".into());
    let bytes = serde_json::to_vec(&doc).unwrap();
    match Schema::from_slice(&bytes) {
        Ok(s) => s,
        Err(e) => panic!("{e}\n{doc:#}"),
    }
}

fn export_with(doc: Value, options: ExportOptions) -> Value {
    let out = json_schema(&load(doc), &options);
    if let Err(e) = jsonschema::draft202012::meta::validate(&out) {
        panic!("not a valid 2020-12 schema: {e}\n{out:#}");
    }
    out
}

/// Exports with 64-bit integers accepted as JSON numbers too, so the tests see both forms;
/// `the_default_is_the_spec_string_form` checks the default.
fn export(doc: Value) -> Value {
    export_with(doc, lenient())
}

fn lenient() -> ExportOptions {
    ExportOptions::default().int64_numbers(true)
}

/// The export of a root type `ty` (an object of keywords), without annotations.
fn root_of(ty: Value) -> Value {
    let mut out = export(ty);
    let m = out.as_object_mut().unwrap();
    for k in ["$schema", "$comment", "title", "$defs"] {
        m.remove(k);
    }
    out
}

/// Both validators agree on each instance, and the verdict is `expected`.
fn agree(doc: Value, instances: &[(Value, bool)]) {
    let schema = load(doc);
    let exported = json_schema(&schema, &lenient());
    let js = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&exported)
        .unwrap_or_else(|e| panic!("{e}\n{exported:#}"));
    let ours =
        Validator::with_options(&schema, crate::Options::default().int64_numbers(true)).unwrap();
    for (instance, expected) in instances {
        let bytes = serde_json::to_vec(instance).unwrap();
        assert_eq!(ours.is_valid(&bytes), *expected, "jsonstruct on {instance}");
        assert_eq!(
            js.is_valid(instance),
            *expected,
            "jsonschema on {instance} with\n{exported:#}"
        );
    }
}

#[test]
fn document_frame() {
    let out = export(json!({
        "description": "A test.",
        "type": "object",
        "properties": { "a": { "type": "string" } },
        "examples": [{ "a": "x" }]
    }));
    assert_eq!(out["$schema"], DIALECT);
    assert_eq!(out["title"], "Test");
    assert_eq!(out["description"], "A test.");
    assert_eq!(out["examples"], json!([{ "a": "x" }]));
    assert!(out["$comment"]
        .as_str()
        .unwrap()
        .contains("https://example.com/test"));
    // The root type is the top level; it is not repeated under `$defs`.
    assert!(out.get("$defs").is_none());
}

#[test]
fn simple_primitives() {
    assert_eq!(
        root_of(json!({ "type": "string", "maxLength": 5 })),
        json!({ "type": "string", "maxLength": 5 })
    );
    assert_eq!(
        root_of(json!({ "type": "boolean" })),
        json!({ "type": "boolean" })
    );
    assert_eq!(
        root_of(json!({ "type": "null" })),
        json!({ "type": "null" })
    );
    assert_eq!(
        root_of(json!({ "type": "number" })),
        json!({ "type": "number" })
    );
    assert_eq!(
        root_of(json!({ "type": "double" })),
        json!({ "type": "number" })
    );
    assert_eq!(root_of(json!({ "type": "any" })), json!({}));
}

#[test]
fn integer_ranges() {
    for (ty, min, max) in [
        ("int8", json!(-128), json!(127)),
        ("uint8", json!(0), json!(255)),
        ("int16", json!(-32768), json!(32767)),
        ("uint16", json!(0), json!(65535)),
        ("int32", json!(-2147483648i64), json!(2147483647)),
        ("integer", json!(-2147483648i64), json!(2147483647)),
        ("uint32", json!(0), json!(4294967295u64)),
    ] {
        assert_eq!(
            root_of(json!({ "type": ty })),
            json!({ "type": "integer", "minimum": min, "maximum": max }),
            "{ty}"
        );
    }
}

#[test]
fn the_default_is_the_spec_string_form() {
    let doc = export_with(json!({ "type": "int64" }), ExportOptions::default());
    assert_eq!(doc["$defs"]["jsonstruct:int64"]["type"], "string");
    assert!(!doc["$comment"].as_str().unwrap().contains("JSON numbers"));
}

#[test]
fn sixty_four_bit_integers_take_both_forms_unless_strict() {
    let doc = export(json!({ "type": "int64" }));
    // A plain 64-bit integer refers to a shared definition, written once.
    assert_eq!(doc["$ref"], "#/$defs/jsonstruct:int64");
    let out = &doc["$defs"]["jsonstruct:int64"];
    assert_eq!(out["type"], json!(["integer", "string"]));
    assert_eq!(out["minimum"], json!(i64::MIN));
    assert_eq!(out["maximum"], json!(i64::MAX));
    let re = regex::Regex::new(out["pattern"].as_str().unwrap()).unwrap();
    assert!(re.is_match("9223372036854775807") && re.is_match("-0"));
    assert!(!re.is_match("9223372036854775808") && !re.is_match("1.0"));
    let out = export(json!({ "type": "uint64" }));
    assert_eq!(
        out["$defs"]["jsonstruct:uint64"]["maximum"],
        json!(u64::MAX)
    );
    let strict = export_with(
        json!({ "type": "uint64" }),
        ExportOptions { strict_64: true },
    );
    let shared = &strict["$defs"]["jsonstruct:uint64"];
    assert_eq!(shared["type"], "string");
    assert!(shared.get("maximum").is_none());
    assert!(!strict["$comment"]
        .as_str()
        .unwrap()
        .contains("JSON numbers"));
    assert!(doc["$comment"]
        .as_str()
        .unwrap()
        .contains("also as JSON numbers"));
    agree(
        json!({ "type": "int64" }),
        &[
            (json!(9007199254740993u64), true),
            (json!("-9223372036854775808"), true),
            (json!("9223372036854775808"), false),
            (json!("042"), false),
            (json!(true), false),
        ],
    );
}

#[test]
fn wide_integers_and_decimals_are_strings() {
    let out = export(json!({ "type": "uint128" }));
    let out = &out["$defs"]["jsonstruct:uint128"];
    assert_eq!(out["type"], "string");
    let re = regex::Regex::new(out["pattern"].as_str().unwrap()).unwrap();
    assert!(re.is_match(&u128::MAX.to_string()) && !re.is_match("-1"));
    assert_eq!(
        root_of(json!({ "type": "decimal" })),
        json!({ "type": "string", "pattern": "^(?:-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?)$" })
    );
    agree(
        json!({ "type": "decimal" }),
        &[
            (json!("12.50"), true),
            (json!("-0"), true),
            (json!("1."), false),
            (json!("1e5"), false),
            (json!(1.5), false),
        ],
    );
}

#[test]
fn float_ranges() {
    assert_eq!(
        root_of(json!({ "type": "float8" })),
        json!({ "type": "number", "minimum": -3400.0, "maximum": 3400.0 })
    );
    let out = root_of(json!({ "type": "float" }));
    assert_eq!(out["maximum"].as_f64(), Some(f32::MAX as f64));
    agree(
        json!({ "type": "float" }),
        &[
            (json!(1e38), true),
            (json!(1e39), false),
            (json!(-1e39), false),
        ],
    );
}

#[test]
fn temporal_and_string_encoded_types() {
    let date = root_of(json!({ "type": "date" }));
    assert_eq!(date["format"], "date");
    let datetime = root_of(json!({ "type": "datetime" }));
    assert_eq!(datetime["format"], "date-time");
    let time = root_of(json!({ "type": "time" }));
    assert!(time.get("format").is_none());
    let duration = root_of(json!({ "type": "duration" }));
    assert!(duration.get("format").is_none());
    assert_eq!(root_of(json!({ "type": "uuid" }))["format"], "uuid");
    assert_eq!(root_of(json!({ "type": "uri" }))["format"], "uri-reference");
    assert_eq!(
        root_of(json!({ "type": "jsonpointer" }))["format"],
        "json-pointer"
    );
    let binary = root_of(json!({ "type": "binary", "contentEncoding": "base16" }));
    assert_eq!(binary["contentEncoding"], "base16");
    agree(
        json!({
            "type": "object",
            "properties": {
                "d": { "type": "date" }, "t": { "type": "time" }, "dt": { "type": "datetime" },
                "du": { "type": "duration" }, "u": { "type": "uuid" },
                "b": { "type": "binary" }, "p": { "type": "jsonpointer" }
            }
        }),
        &[
            (
                json!({
                    "d": "2024-02-29", "t": "09:00:00", "dt": "2024-01-01T10:00:00.5+01:00",
                    "du": "PT2.5S", "u": "550E8400-E29B-41D4-A716-446655440000",
                    "b": "Zm8=", "p": "/a~1b"
                }),
                true,
            ),
            (json!({ "d": "2023-02-29" }), false),
            (json!({ "t": "25:00:00" }), false),
            (json!({ "dt": "2024-01-01T10:00:00" }), false),
            (json!({ "du": "P1Y2D3M" }), false),
            (json!({ "u": "550e8400e29b41d4a716446655440000" }), false),
            (json!({ "b": "Zm8" }), false),
            (json!({ "p": "a/b" }), false),
        ],
    );
}

#[test]
fn objects_required_and_additional_properties() {
    let out = root_of(json!({
        "type": "object",
        "properties": { "a": { "type": "string" }, "b": { "type": "int8" } },
        "required": ["a"]
    }));
    assert_eq!(out["type"], "object");
    assert_eq!(out["required"], json!(["a"]));
    assert!(
        out.get("additionalProperties").is_none(),
        "unspecified: open"
    );
    for (given, expected) in [
        (json!(true), json!(true)),
        (json!(false), json!(false)),
        (
            json!({ "type": "int8" }),
            json!({ "type": "integer", "minimum": -128, "maximum": 127 }),
        ),
    ] {
        let out = root_of(json!({
            "type": "object",
            "properties": { "a": { "type": "string" } },
            "additionalProperties": given
        }));
        assert_eq!(out["additionalProperties"], expected);
    }
}

#[test]
fn alternative_required_sets_are_exactly_one_of() {
    let out = root_of(json!({
        "type": "object",
        "properties": {
            "name": { "type": "string" }, "fins": { "type": "int8" }, "legs": { "type": "int8" }
        },
        "required": [["name", "fins"], ["name", "legs"]]
    }));
    assert_eq!(
        out["oneOf"],
        json!([{ "required": ["name", "fins"] }, { "required": ["name", "legs"] }])
    );
    agree(
        json!({
            "type": "object",
            "properties": {
                "name": { "type": "string" }, "fins": { "type": "int8" }, "legs": { "type": "int8" }
            },
            "required": [["name", "fins"], ["name", "legs"]]
        }),
        &[
            (json!({ "name": "a", "fins": 1 }), true),
            (json!({ "name": "a", "legs": 1 }), true),
            (json!({ "name": "a", "fins": 1, "legs": 2 }), false),
            (json!({ "name": "a" }), false),
        ],
    );
}

#[test]
fn root_schema_member_is_metadata() {
    let doc = json!({
        "type": "object",
        "properties": { "a": { "type": "string" } },
        "additionalProperties": false,
        "definitions": {
            "Inner": {
                "type": "object",
                "properties": { "x": { "type": "string" } },
                "additionalProperties": false
            }
        }
    });
    let out = export(doc.clone());
    assert!(out["properties"]["$schema"].is_object());
    // Only at the root: a closed definition keeps `$schema` out.
    assert!(out["$defs"]["Inner"]["properties"].get("$schema").is_none());
    agree(
        doc,
        &[
            (
                json!({ "$schema": "https://example.com/test", "a": "x" }),
                true,
            ),
            (json!({ "b": 1 }), false),
        ],
    );
}

#[test]
fn definitions_refs_and_namespaces() {
    let out = export(json!({
        "$root": "#/definitions/HR/Employee",
        "definitions": {
            "HR": {
                "Employee": {
                    "type": "object",
                    "properties": { "boss": { "type": { "$ref": "#/definitions/HR/Employee" } } }
                },
                "Unit": { "type": "string" }
            }
        }
    }));
    // The root type is referenced, so it is under `$defs` too.
    assert_eq!(out["properties"]["boss"]["$ref"], "#/$defs/HR.Employee");
    assert_eq!(out["$defs"]["HR.Employee"]["type"], "object");
    assert_eq!(out["$defs"]["HR.Unit"], json!({ "type": "string" }));
    assert_eq!(json_schema::defs_ref("a/b~c d"), "#/$defs/a~1b~0c%20d");
    agree(
        json!({
            "$root": "#/definitions/HR/Employee",
            "definitions": { "HR": { "Employee": {
                "type": "object",
                "properties": { "boss": { "type": { "$ref": "#/definitions/HR/Employee" } } },
                "additionalProperties": false
            } } }
        }),
        &[
            (json!({ "boss": { "boss": {} } }), true),
            (json!({ "boss": { "x": 1 } }), false),
        ],
    );
}

#[test]
fn extends_is_inlined() {
    let out = export(json!({
        "$root": "#/definitions/Car",
        "definitions": {
            "Vehicle": {
                "abstract": true, "type": "object",
                "properties": { "make": { "type": "string" } }, "required": ["make"]
            },
            "Car": {
                "type": "object", "$extends": "#/definitions/Vehicle",
                "properties": { "doors": { "type": "uint8" } }, "required": ["doors"]
            }
        }
    }));
    assert_eq!(out["required"], json!(["make", "doors"]));
    assert_eq!(out["properties"]["make"], json!({ "type": "string" }));
    assert!(out["$defs"]["Vehicle"]["$comment"]
        .as_str()
        .unwrap()
        .contains("Abstract"));
}

#[test]
fn collections() {
    assert_eq!(
        root_of(json!({ "type": "array", "items": { "type": "string" } })),
        json!({ "type": "array", "items": { "type": "string" } })
    );
    assert_eq!(
        root_of(json!({ "type": "set", "items": { "type": "string" } })),
        json!({ "type": "array", "items": { "type": "string" }, "uniqueItems": true })
    );
    let map = root_of(json!({ "type": "map", "values": { "type": "boolean" } }));
    assert_eq!(map["type"], "object");
    assert_eq!(map["additionalProperties"], json!({ "type": "boolean" }));
    let tuple = root_of(json!({
        "type": "tuple",
        "properties": { "x": { "type": "double" }, "label": { "type": "string" } },
        "tuple": ["x", "label"]
    }));
    assert_eq!(
        tuple,
        json!({
            "type": "array",
            "prefixItems": [
                { "type": "number", "title": "x" },
                { "type": "string", "title": "label" }
            ],
            "items": false, "minItems": 2, "maxItems": 2
        })
    );
    agree(
        json!({
            "type": "object",
            "properties": {
                "s": { "type": "set", "items": { "type": "int32" } },
                "m": { "type": "map", "values": { "type": "string" } },
                "t": {
                    "type": "tuple",
                    "properties": { "a": { "type": "int8" }, "b": { "type": "string" } },
                    "tuple": ["a", "b"]
                }
            }
        }),
        &[
            (
                json!({ "s": [1, 2], "m": { "k": "v" }, "t": [1, "x"] }),
                true,
            ),
            (json!({ "s": [1, 1] }), false),
            (json!({ "m": { "k": 1 } }), false),
            (json!({ "t": [1] }), false),
            (json!({ "t": [1, "x", 2] }), false),
            (json!({ "t": ["x", 1] }), false),
        ],
    );
}

#[test]
fn tagged_choice() {
    let doc = json!({
        "type": "choice",
        "choices": { "a": { "type": "string" }, "b": { "type": "int8" } }
    });
    let out = root_of(doc.clone());
    assert_eq!(out["type"], "object");
    assert_eq!(out["oneOf"].as_array().unwrap().len(), 2);
    assert_eq!(out["oneOf"][0]["required"], json!(["a"]));
    assert_eq!(out["oneOf"][0]["additionalProperties"], false);
    agree(
        doc,
        &[
            (json!({ "a": "x" }), true),
            (
                json!({ "b": 5, "$schema": "https://example.com/test" }),
                true,
            ),
            (json!({ "a": "x", "b": 5 }), false),
            (json!({}), false),
            (json!({ "c": 1 }), false),
            (json!({ "b": "x" }), false),
        ],
    );
}

#[test]
fn inline_choice() {
    let doc = json!({
        "$root": "#/definitions/Shape",
        "definitions": {
            "Base": {
                "abstract": true, "type": "object",
                "properties": { "kind": { "type": "string" } }
            },
            "Circle": {
                "type": "object", "$extends": "#/definitions/Base",
                "properties": { "r": { "type": "double" } }, "required": ["r"],
                "additionalProperties": false
            },
            "Square": {
                "type": "object",
                "properties": { "side": { "type": "double" } }, "required": ["side"],
                "additionalProperties": false
            },
            "Shape": {
                "type": "choice", "$extends": "#/definitions/Base", "selector": "kind",
                "choices": {
                    "circle": { "type": { "$ref": "#/definitions/Circle" } },
                    "square": { "type": { "$ref": "#/definitions/Square" } }
                }
            }
        }
    });
    let out = export(doc.clone());
    let options = out["oneOf"].as_array().unwrap();
    assert_eq!(options[0]["title"], "circle");
    assert_eq!(
        options[0]["properties"]["kind"],
        json!({ "allOf": [{ "type": "string" }, { "const": "circle" }] })
    );
    assert_eq!(
        options[1]["properties"]["kind"],
        json!({ "const": "square" })
    );
    assert_eq!(options[1]["required"], json!(["side", "kind"]));
    agree(
        doc,
        &[
            (json!({ "kind": "circle", "r": 1.0 }), true),
            (json!({ "kind": "square", "side": 2 }), true),
            (json!({ "kind": "square", "r": 1.0 }), false),
            (json!({ "kind": "triangle" }), false),
            (json!({ "r": 1.0 }), false),
            (json!({ "kind": 1, "r": 1.0 }), false),
        ],
    );
}

#[test]
fn unions() {
    assert_eq!(
        root_of(json!({ "type": "object", "properties": { "u": { "type": ["string", "null"] } } }))
            ["properties"]["u"],
        json!({ "type": ["string", "null"] })
    );
    let out = export(json!({
        "type": "object",
        "properties": { "u": { "type": [{ "$ref": "#/definitions/A" }, "int8", "null"] } },
        "definitions": { "A": { "type": "object", "properties": { "x": { "type": "string" } } } }
    }));
    assert_eq!(
        out["properties"]["u"]["anyOf"],
        json!([
            { "$ref": "#/$defs/A" },
            { "type": "integer", "minimum": -128, "maximum": 127 },
            { "type": "null" }
        ])
    );
}

#[test]
fn enums_and_consts() {
    assert_eq!(
        root_of(json!({ "type": "string", "enum": ["a", "b"] })),
        json!({ "type": "string", "enum": ["a", "b"] })
    );
    assert_eq!(
        root_of(json!({ "type": "string", "const": "session" }))["const"],
        "session"
    );
    // 64-bit integers compare by value in both forms.
    let out = root_of(json!({ "type": "int64", "enum": ["1", 0] }));
    assert_eq!(out["enum"], json!([1, "1", 0, "0", "-0"]));
    let strict = export_with(
        json!({ "type": "int64", "enum": ["1"] }),
        ExportOptions { strict_64: true },
    );
    assert_eq!(strict["enum"], json!(["1"]));
    agree(
        json!({ "type": "int64", "enum": ["1", "2"] }),
        &[
            (json!(1), true),
            (json!("2"), true),
            (json!(3), false),
            (json!("01"), false),
        ],
    );
    // Decimals compare by value: a value pattern.
    agree(
        json!({ "type": "decimal", "enum": ["1.5", "2"] }),
        &[
            (json!("1.50"), true),
            (json!("2.0"), true),
            (json!("2.5"), false),
            (json!("-1.5"), false),
        ],
    );
}

#[test]
fn validation_keywords_when_enabled() {
    let doc = json!({
        "$schema": EXTENDED,
        "$uses": ["JSONStructureValidation"],
        "type": "object",
        "properties": {
            "count": { "type": "int32", "minimum": 0, "exclusiveMaximum": 100, "multipleOf": 5 },
            "big": { "type": "int64", "minimum": "10" },
            "rate": { "type": "double", "exclusiveMinimum": 0, "maximum": 1 },
            "name": { "type": "string", "minLength": 1, "pattern": "[A-Z][a-z]*" },
            "mail": { "type": "string", "format": "email" },
            "tags": {
                "type": "array", "items": { "type": "string" },
                "minItems": 1, "maxItems": 3, "uniqueItems": true,
                "contains": { "type": "string", "const": "x" }, "maxContains": 1
            },
            "amount": { "type": "decimal", "minimum": "0" }
        },
        "minProperties": 1,
        "maxProperties": 5,
        "dependentRequired": { "rate": ["count"] },
        "patternProperties": { "^x_": { "type": "string" } }
    });
    let out = root_of(doc.clone());
    let p = &out["properties"];
    assert_eq!(
        p["count"],
        json!({ "type": "integer", "minimum": 0, "maximum": 99, "multipleOf": 5 })
    );
    assert_eq!(p["big"]["minimum"], 10);
    let big = regex::Regex::new(p["big"]["pattern"].as_str().unwrap()).unwrap();
    assert!(big.is_match("10") && !big.is_match("9"));
    assert_eq!(
        p["rate"],
        json!({ "type": "number", "exclusiveMinimum": 0, "maximum": 1 })
    );
    assert_eq!(p["name"]["minLength"], 1);
    assert_eq!(p["name"]["pattern"], "^(?:[A-Z][a-z]*)$");
    assert_eq!(p["mail"]["format"], "email");
    assert_eq!(
        p["tags"]["contains"],
        json!({ "type": "string", "const": "x" })
    );
    assert_eq!(p["tags"]["maxContains"], 1);
    assert!(p["amount"]["$comment"]
        .as_str()
        .unwrap()
        .contains("minimum 0"));
    // At the root, `$schema` and `$uses` members (metadata) are not counted.
    let counts = |extra: u64| json!({ "minProperties": 1 + extra, "maxProperties": 5 + extra });
    assert_eq!(
        out["allOf"][0],
        json!({
            "if": { "required": ["$schema"] },
            "then": { "if": { "required": ["$uses"] }, "then": counts(2), "else": counts(1) },
            "else": { "if": { "required": ["$uses"] }, "then": counts(1), "else": counts(0) }
        })
    );
    assert_eq!(out["dependentRequired"], json!({ "rate": ["count"] }));
    assert_eq!(out["patternProperties"]["^x_"], json!({ "type": "string" }));
    agree(
        doc,
        &[
            (json!({ "count": 95, "name": "Ab", "big": "11" }), true),
            (json!({ "count": 100 }), false),
            (json!({ "count": 7 }), false),
            (json!({ "big": "9" }), false),
            (json!({ "big": 9 }), false),
            (json!({ "rate": 0 }), false),
            (json!({ "rate": 0.5 }), false),
            (json!({ "name": "ab" }), false),
            (json!({ "name": "Ab1" }), false),
            (json!({ "mail": "a@example.com" }), true),
            (json!({ "mail": "not an address" }), false),
            (json!({ "tags": [] }), false),
            (json!({ "tags": ["x", "x"] }), false),
            (json!({ "tags": ["a"] }), false),
            (json!({}), false),
            (json!({ "x_a": 1 }), false),
            (json!({ "a_x_": 1 }), true),
            // Metadata members are not counted, and `$uses` names only offered add-ins.
            (json!({ "$schema": "s", "$uses": [] }), false),
            (json!({ "$schema": "s", "$uses": [], "count": 5 }), true),
            (json!({ "$uses": ["X"], "count": 5 }), false),
        ],
    );
}

/// `dependentRequired` may name members the object does not declare; they are exported as
/// written, so both sides enforce them.
#[test]
fn dependent_required_with_undeclared_names() {
    let doc = json!({
        "$schema": EXTENDED,
        "$uses": ["JSONStructureValidation"],
        "type": "object",
        "properties": { "age": { "type": "int32" } },
        "dependentRequired": { "age": ["birthdate"], "nick": ["age"] }
    });
    let out = root_of(doc.clone());
    assert_eq!(
        out["dependentRequired"],
        json!({ "age": ["birthdate"], "nick": ["age"] })
    );
    agree(
        doc,
        &[
            (json!({ "age": 3, "birthdate": "x" }), true),
            (json!({ "age": 3 }), false),
            (json!({ "nick": "n" }), false),
            (json!({ "nick": "n", "age": 1, "birthdate": 0 }), true),
        ],
    );
}

#[test]
fn validation_keywords_are_left_out_when_not_enabled() {
    let out = root_of(json!({
        "type": "object",
        "properties": { "n": { "type": "int32", "minimum": 5 } }
    }));
    assert_eq!(out["properties"]["n"]["minimum"], json!(i32::MIN));
    assert!(out["properties"]["n"]["$comment"]
        .as_str()
        .unwrap()
        .contains("not enabled"));
}

#[test]
fn map_validation_keywords() {
    let doc = json!({
        "$schema": EXTENDED,
        "$uses": ["JSONStructureValidation"],
        "type": "object",
        "properties": {
            "m": {
                "type": "map", "values": { "type": "int32" },
                "minEntries": 1, "maxEntries": 2,
                "keyNames": { "type": "string", "pattern": "[a-z]+" },
                "patternKeys": { "^x": { "type": "int32", "minimum": 10 } },
                "has": { "type": "int32", "minimum": 5 }
            }
        }
    });
    let out = root_of(doc.clone());
    let m = &out["properties"]["m"];
    assert_eq!(m["minProperties"], 1);
    assert_eq!(m["maxProperties"], 2);
    assert_eq!(m["propertyNames"]["pattern"], "^(?:[a-z]+)$");
    agree(
        doc,
        &[
            (json!({ "m": { "a": 5 } }), true),
            (json!({ "m": {} }), false),
            (json!({ "m": { "a": 5, "b": 6, "c": 7 } }), false),
            (json!({ "m": { "A": 5 } }), false),
            (json!({ "m": { "a": 1 } }), false),
            (json!({ "m": { "xa": 6 } }), false),
            (json!({ "m": { "a": "s" } }), false),
        ],
    );
}

#[test]
fn composition_when_enabled() {
    let doc = json!({
        "$schema": EXTENDED,
        "$uses": ["JSONStructureConditionalComposition"],
        "type": "object",
        "properties": { "a": { "type": "string" }, "b": { "type": "int8" } },
        "anyOf": [
            { "type": "object", "properties": { "a": { "type": "string" } }, "required": ["a"] },
            { "type": "object", "properties": { "b": { "type": "int8" } }, "required": ["b"] }
        ],
        "not": { "type": "object", "properties": { "a": { "type": "string", "const": "no" } }, "required": ["a"] }
    });
    let out = root_of(doc.clone());
    assert_eq!(out["anyOf"].as_array().unwrap().len(), 2);
    assert!(out.get("not").is_some());
    agree(
        doc,
        &[
            (json!({ "a": "x" }), true),
            (json!({ "b": 1 }), true),
            (json!({}), false),
            (json!({ "a": "no" }), false),
        ],
    );
}

#[test]
fn put_moves_clashing_keywords_into_all_of() {
    let mut m = serde_json::Map::new();
    json_schema::put(&mut m, "pattern", json!("a"));
    json_schema::put(&mut m, "pattern", json!("b"));
    json_schema::put(&mut m, "allOf", json!([{ "x": 1 }]));
    assert_eq!(
        Value::Object(m),
        json!({ "pattern": "a", "allOf": [{ "pattern": "b" }, { "x": 1 }] })
    );
}

#[test]
fn output_is_deterministic() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/clerk/session.struct.json"
    ))
    .unwrap();
    let schema = Schema::from_slice(&bytes).unwrap();
    let a = serde_json::to_string(&json_schema(&schema, &ExportOptions::default())).unwrap();
    let b = serde_json::to_string(&json_schema(&schema, &ExportOptions::default())).unwrap();
    assert_eq!(a, b);
}

#[test]
fn root_metadata_through_aliases_unions_and_inline_choices() {
    // `$root` naming a union-free closed object reached through a definition.
    agree(
        json!({
            "$root": "#/definitions/Shape",
            "definitions": {
                "Base": {
                    "abstract": true, "type": "object",
                    "properties": { "kind": { "type": "string" } }
                },
                "Circle": {
                    "type": "object", "$extends": "#/definitions/Base",
                    "properties": { "r": { "type": "double" } }, "additionalProperties": false
                },
                "Shape": {
                    "type": "choice", "$extends": "#/definitions/Base", "selector": "kind",
                    "choices": { "circle": { "type": { "$ref": "#/definitions/Circle" } } }
                },
                "Holder": {
                    "type": "object",
                    "properties": { "shape": { "type": { "$ref": "#/definitions/Shape" } } }
                }
            }
        }),
        &[
            (
                json!({ "$schema": "https://example.com/test", "kind": "circle", "r": 1 }),
                true,
            ),
            (json!({ "kind": "circle", "r": 1, "x": 1 }), false),
        ],
    );
    // A map at the root: `$schema` is not an entry.
    agree(
        json!({ "type": "map", "values": { "type": "int32" } }),
        &[
            (
                json!({ "$schema": "https://example.com/test", "a": 1 }),
                true,
            ),
            (json!({ "a": "x" }), false),
        ],
    );
    // A tagged choice nested below the root does not get the exemption.
    agree(
        json!({
            "type": "object",
            "properties": {
                "c": { "type": "choice", "choices": { "a": { "type": "string" } } }
            }
        }),
        &[
            (json!({ "c": { "a": "x" } }), true),
            (json!({ "c": { "a": "x", "$schema": "y" } }), false),
        ],
    );
}

#[test]
fn recursive_root_is_also_a_definition() {
    let doc = json!({
        "type": "object",
        "properties": {
            "value": { "type": "int32" },
            "children": { "type": "array", "items": { "type": { "$ref": "#/definitions/Test" } } }
        },
        "required": ["value"],
        "additionalProperties": false
    });
    let out = export(doc.clone());
    assert_eq!(
        out["properties"]["children"]["items"]["$ref"],
        "#/$defs/Test"
    );
    // Below the root the definition has no `$schema` exemption.
    assert!(out["$defs"]["Test"]["properties"].get("$schema").is_none());
    agree(
        doc,
        &[
            (
                json!({ "value": 1, "children": [{ "value": 2, "children": [] }] }),
                true,
            ),
            (json!({ "$schema": "x", "value": 1 }), true),
            (
                json!({ "value": 1, "children": [{ "value": 2, "$schema": "x" }] }),
                false,
            ),
            (json!({ "value": 1, "children": [{}] }), false),
        ],
    );
}

#[test]
fn object_validation_keywords() {
    agree(
        json!({
            "$schema": EXTENDED,
            "$uses": ["JSONStructureValidation"],
            "type": "object",
            "properties": {
                "a": { "type": "string" }, "b": { "type": "string" }, "n": { "type": "int32" }
            },
            "propertyNames": { "type": "string", "maxLength": 1 },
            "has": { "type": "int32", "minimum": 10 },
            "dependentRequired": { "a": ["b"] }
        }),
        &[
            (json!({ "n": 10 }), true),
            (json!({ "n": 10, "a": "x", "b": "y" }), true),
            (json!({ "n": 9 }), false),
            (json!({}), false),
            (json!({ "n": 10, "a": "x" }), false),
            (json!({ "n": 10, "long": 1 }), false),
        ],
    );
}

#[test]
fn clashing_keywords_keep_both_meanings() {
    // Alternative required sets (`oneOf`) next to a composition `oneOf`.
    let doc = json!({
        "$schema": EXTENDED,
        "$uses": ["JSONStructureConditionalComposition"],
        "type": "object",
        "properties": { "a": { "type": "int8" }, "b": { "type": "int8" } },
        "required": [["a"], ["b"]],
        "oneOf": [
            { "type": "object", "properties": { "a": { "type": "int8", "const": 1 } }, "required": ["a"] },
            { "type": "object", "properties": { "b": { "type": "int8" } }, "required": ["b"] }
        ]
    });
    let out = root_of(doc.clone());
    assert!(out["allOf"].is_array());
    agree(
        doc,
        &[
            (json!({ "a": 1 }), true),
            (json!({ "b": 5 }), true),
            (json!({ "a": 2 }), false),
            (json!({ "a": 1, "b": 2 }), false),
        ],
    );
}

#[test]
fn composition_only_root_and_conditionals() {
    agree(
        json!({
            "$schema": EXTENDED,
            "$uses": ["JSONStructureConditionalComposition"],
            "type": "object",
            "properties": { "kind": { "type": "string" }, "n": { "type": "int32" } },
            "if": { "type": "object", "properties": { "kind": { "type": "string", "const": "num" } }, "required": ["kind"] },
            "then": { "type": "object", "properties": { "n": { "type": "int32" } }, "required": ["n"] },
            "else": { "type": "object", "properties": { "n": { "type": "null" } } }
        }),
        &[
            (json!({ "kind": "num", "n": 1 }), true),
            (json!({ "kind": "num" }), false),
            (json!({ "kind": "other" }), true),
            (json!({ "kind": "other", "n": 1 }), false),
        ],
    );
}

#[test]
fn root_map_entries_leave_out_the_metadata_member() {
    agree(
        json!({
            "$schema": EXTENDED,
            "$uses": ["JSONStructureValidation"],
            "type": "map",
            "values": { "type": "int32" },
            "minEntries": 1,
            "maxEntries": 2,
            "keyNames": { "type": "string", "pattern": "[a-z]+" },
            "has": { "type": "int32", "minimum": 5 }
        }),
        &[
            (
                json!({ "$schema": "https://example.com/test", "a": 5, "b": 1 }),
                true,
            ),
            (json!({ "a": 5, "b": 1 }), true),
            (json!({ "$schema": "https://example.com/test" }), false),
            (
                json!({ "$schema": "https://example.com/test", "a": 1 }),
                false,
            ),
            (
                json!({ "$schema": "https://example.com/test", "a": 5, "b": 1, "c": 1 }),
                false,
            ),
            (json!({ "a": 5, "B": 1 }), false),
        ],
    );
}

/// At the document root an object's `minProperties`/`maxProperties` do not count the
/// `$schema` member, as for maps: it is metadata, not a property.
#[test]
fn root_object_counts_leave_out_the_metadata_member() {
    agree(
        json!({
            "$schema": EXTENDED,
            "$uses": ["JSONStructureValidation"],
            "type": "object",
            "properties": { "a": { "type": "int32" } },
            "maxProperties": 1
        }),
        &[
            (json!({ "a": 1 }), true),
            (
                json!({ "$schema": "https://example.com/test", "a": 1 }),
                true,
            ),
            (
                json!({ "$schema": "https://example.com/test", "a": 1, "b": 2 }),
                false,
            ),
            (json!({ "a": 1, "b": 2 }), false),
        ],
    );
}
