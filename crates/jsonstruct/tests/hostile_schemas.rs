//! Hostile schema documents: malformed JSON, keywords of the wrong JSON type, `$ref` and
//! `$extends` cycles, 10,000-deep nesting, a 50 MB document, 100,000-definition chains. Each must
//! give errors or a result: never a panic, a stack overflow or a hang.
//!
//! Every case runs in a child process (this test binary re-executed with
//! `JSONSTRUCT_HOSTILE_CASE=<name>`), on a thread with Rust's default 2 MiB stack, and is killed
//! when it exceeds its time bound. So a stack overflow or a hang fails that case only, with a
//! message saying which, instead of taking the whole run down.
//!
//! Cases the library gets wrong are listed in [`EXPECTED_FAILURES`] with the reason; the harness
//! inverts them, so a listed case that starts passing fails the run and the list stays honest.

mod support;

use std::fmt::Write as _;
use std::time::Duration;

use jsonstruct::schema::Primitive;
use jsonstruct::{CheckReport, Diagnostic, Schema, TypeId, TypeKind};
use libtest_mimic::{Arguments, Trial};
use support::{case, ensure, line_col, ChildCase as Case};

const CASE_ENV: &str = "JSONSTRUCT_HOSTILE_CASE";

/// Cases the library gets wrong today: `(case name, reason)`.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

const CORE: &str = "https://json-structure.org/meta/core/v0/#";
const EXTENDED: &str = "https://json-structure.org/meta/extended/v0/#";

/// Default bound for a case. Debug build, two cores shared with the other trials.
const QUICK: Duration = Duration::from_secs(10);
/// Bound for the large generated documents (the 50 MB one takes about 15 s in a debug build).
const LARGE: Duration = Duration::from_secs(120);
/// Bound for the large cases that should be linear (a few seconds) and are not today.
const SUPERLINEAR: Duration = Duration::from_secs(20);

fn main() {
    if let Ok(name) = std::env::var(CASE_ENV) {
        support::run_child(cases(), &name, |_| {});
    }
    let args = Arguments::from_args();
    let all_cases = cases();
    eprintln!("hostile_schemas: {} cases", all_cases.len());
    let mut trials = support::child_trials(CASE_ENV, all_cases, EXPECTED_FAILURES, |bound| bound);
    trials.push(Trial::test(
        "meta::expected_failures_name_real_cases",
        || {
            let names: Vec<String> = cases().into_iter().map(|c| c.name).collect();
            for (name, _) in EXPECTED_FAILURES {
                if !names.iter().any(|n| n == name) {
                    return Err(format!("EXPECTED_FAILURES names unknown case {name}").into());
                }
            }
            Ok(())
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}

// ---------------------------------------------------------------------------------- helpers

/// A document with the usual root keywords followed by `members` (one per line).
fn doc(members: &str) -> String {
    format!(
        "{{\n  \"$schema\": \"{CORE}\",\n  \"$id\": \"https://example.com/hostile\",\n  \"name\": \"H\",\n  {members}\n}}\n"
    )
}

fn listing(report: &CheckReport) -> String {
    support::listing(report, " (no diagnostics)")
}

/// Every diagnostic's line/column agree with its offset, which lies inside the document.
fn all_located(text: &[u8], report: &CheckReport) -> Result<(), String> {
    for d in &report.diagnostics {
        if d.offset > text.len() {
            return Err(format!("offset {} beyond the document: {d}", d.offset));
        }
        if (d.line, d.column) != line_col(text, d.offset) {
            return Err(format!(
                "line/column {}:{} disagree with offset {} (expected {:?}): {d}",
                d.line,
                d.column,
                d.offset,
                line_col(text, d.offset)
            ));
        }
    }
    Ok(())
}

/// The document is rejected with `code` at `pointer`, located where the text starts with `at`.
fn rejected(text: &[u8], code: &str, pointer: &str, at: &str) -> Result<Diagnostic, String> {
    let report = Schema::check(text);
    all_located(text, &report)?;
    if report.is_valid() {
        return Err(format!(
            "accepted; expected {code} at '{pointer}':{}",
            listing(&report)
        ));
    }
    let Some(d) = report
        .errors()
        .find(|d| d.code.as_str() == code && d.pointer == pointer)
    else {
        return Err(format!(
            "expected {code} at '{pointer}', got:{}",
            listing(&report)
        ));
    };
    if !text[d.offset..].starts_with(at.as_bytes()) {
        let shown = String::from_utf8_lossy(&text[d.offset..(d.offset + 30).min(text.len())]);
        return Err(format!(
            "{d} is located at {shown:?}, expected the text there to start with {at:?}"
        ));
    }
    Ok(d.clone())
}

/// The document is rejected with `code` somewhere; returns the matching errors.
fn rejected_anywhere(text: &[u8], code: &str) -> Result<Vec<Diagnostic>, String> {
    let report = Schema::check(text);
    all_located(text, &report)?;
    let found: Vec<Diagnostic> = report
        .errors()
        .filter(|d| d.code.as_str() == code)
        .cloned()
        .collect();
    if found.is_empty() {
        return Err(format!("expected {code}, got:{}", listing(&report)));
    }
    Ok(found)
}

fn accepted(text: &[u8]) -> Result<Schema, String> {
    let report = Schema::check(text);
    all_located(text, &report)?;
    if let Some(d) = report.errors().next() {
        return Err(format!("rejected ({d}):{}", listing(&report)));
    }
    report
        .schema
        .ok_or_else(|| "no errors but no schema".to_owned())
}

fn session_schema() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/clerk/session.struct.json"
    );
    std::fs::read(path).expect("read schemas/clerk/session.struct.json")
}

// ---------------------------------------------------------------------------------- cases

fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    malformed_json(&mut all);
    wrong_types(&mut all);
    ref_cycles(&mut all);
    extends_cycles(&mut all);
    deep_nesting(&mut all);
    huge_documents(&mut all);
    all
}

fn malformed_json(all: &mut Vec<Case>) {
    all.push(case("malformed::truncated", QUICK, || {
        let text = format!("{{\n  \"$schema\": \"{CORE}\",\n  \"type\": \"obj");
        let d = rejected(text.as_bytes(), "SCHEMA_JSON_SYNTAX", "", "")?;
        ensure(d.offset == text.len(), || format!("not at the end: {d}"))?;
        ensure((d.line, d.column) == (3, 15), || {
            format!("expected line 3, column 15: {d}")
        })?;
        ensure(d.message.contains("unexpected end"), || d.to_string())
    }));
    all.push(case(
        "malformed::every_prefix_of_the_session_schema",
        QUICK,
        || {
            let full = session_schema();
            let end = full
                .iter()
                .rposition(|&b| b == b'}')
                .expect("closing brace");
            for len in 0..=end {
                let text = &full[..len];
                let report = Schema::check(text);
                all_located(text, &report).map_err(|e| format!("prefix {len}: {e}"))?;
                let first = report.errors().next();
                ensure(
                    first.is_some_and(|d| d.code.as_str() == "SCHEMA_JSON_SYNTAX"),
                    || format!("prefix of {len} bytes:{}", listing(&report)),
                )?;
            }
            accepted(&full[..=end]).map(drop)
        },
    ));
    all.push(case("malformed::trailing_garbage", QUICK, || {
        let text = doc("\"type\": \"string\"") + "x";
        rejected(text.as_bytes(), "SCHEMA_JSON_SYNTAX", "", "x")?;
        let text = doc("\"type\": \"string\"") + "{}";
        let d = rejected(text.as_bytes(), "SCHEMA_JSON_SYNTAX", "", "{}")?;
        ensure(d.message.contains("trailing"), || d.to_string())
    }));
    all.push(case("malformed::empty_and_blank", QUICK, || {
        let d = rejected(b"", "SCHEMA_JSON_SYNTAX", "", "")?;
        ensure((d.line, d.column) == (1, 1), || d.to_string())?;
        let d = rejected(b" \n\t ", "SCHEMA_JSON_SYNTAX", "", "")?;
        ensure((d.line, d.column) == (2, 3), || d.to_string())
    }));
    // RFC 8259 lets a parser reject a byte order mark; it is reported where it stands.
    all.push(case("malformed::byte_order_mark", QUICK, || {
        let text = format!("\u{feff}{}", doc("\"type\": \"string\""));
        let d = rejected(text.as_bytes(), "SCHEMA_JSON_SYNTAX", "", "\u{feff}")?;
        ensure((d.line, d.column) == (1, 1), || d.to_string())?;
        ensure(d.message.contains("byte order mark"), || d.to_string())
    }));
    all.push(case("malformed::invalid_utf8", QUICK, || {
        let head = doc("\"type\": \"string\",\n  \"description\": \"ab");
        let (head, tail) = head.split_at(head.find("ab").unwrap() + 2);
        for (label, bad) in [
            ("0xff", &[0xffu8][..]),
            ("overlong NUL", &[0xc0, 0x80]),
            ("UTF-8 encoded surrogate", &[0xed, 0xa0, 0x80]),
            ("stray continuation", &[0x80]),
        ] {
            let mut text = head.as_bytes().to_vec();
            text.extend_from_slice(bad);
            text.extend_from_slice(tail.as_bytes());
            let report = Schema::check(&text);
            all_located(&text, &report)?;
            let d = report
                .errors()
                .find(|d| d.code.as_str() == "SCHEMA_JSON_SYNTAX")
                .ok_or_else(|| format!("{label}: accepted:{}", listing(&report)))?;
            ensure(d.offset == head.len() && d.line == 6, || {
                format!("{label}: not located on the bad byte (line 6): {d}")
            })?;
            ensure(d.message.contains("UTF-8"), || format!("{label}: {d}"))?;
        }
        // A multi-byte character cut off by the end of the input.
        let mut text = head.as_bytes().to_vec();
        text.extend_from_slice(&[0xe2, 0x82]);
        let report = Schema::check(&text);
        all_located(&text, &report)?;
        ensure(
            report
                .errors()
                .any(|d| d.code.as_str() == "SCHEMA_JSON_SYNTAX"),
            || format!("truncated character accepted:{}", listing(&report)),
        )?;
        // Outside any string.
        let mut text = doc("\"type\": \"string\"").into_bytes();
        text.insert(1, 0xfe);
        let report = Schema::check(&text);
        all_located(&text, &report)?;
        let d = report
            .errors()
            .next()
            .ok_or("0xfe between tokens accepted")?;
        ensure(
            d.code.as_str() == "SCHEMA_JSON_SYNTAX" && d.offset == 1,
            || d.to_string(),
        )
    }));
    all.push(case("malformed::lone_surrogate_escapes", QUICK, || {
        for escape in [
            r"\ud800",
            r"\udfff",
            r"\ud800\u0041",
            r"\ud800\ud800",
            r"\udc00\ud800",
        ] {
            let text = doc(&format!(
                "\"type\": \"string\",\n  \"description\": \"x{escape}y\""
            ));
            let report = Schema::check(text.as_bytes());
            all_located(text.as_bytes(), &report)?;
            let d = report
                .errors()
                .next()
                .ok_or_else(|| format!("{escape}: accepted"))?;
            ensure(
                d.code.as_str() == "SCHEMA_JSON_SYNTAX" && d.line == 6,
                || format!("{escape}: {d}"),
            )?;
            ensure(d.message.contains("surrogate"), || format!("{escape}: {d}"))?;
        }
        // A proper pair decodes to one character.
        let text = doc("\"type\": \"string\",\n  \"description\": \"x\\ud83d\\ude00\"");
        let schema = accepted(text.as_bytes())?;
        let root = schema.node(schema.root().unwrap());
        ensure(root.description.as_deref() == Some("x\u{1f600}"), || {
            format!("{:?}", root.description)
        })
    }));
    all.push(case("malformed::nul_bytes", QUICK, || {
        // Raw NUL inside a string: a control character.
        let text = doc("\"type\": \"str\0ing\"");
        let d = rejected(text.as_bytes(), "SCHEMA_JSON_SYNTAX", "", "\0")?;
        ensure(d.message.contains("control character"), || d.to_string())?;
        // Raw NUL between tokens.
        let text = doc("\0\"type\": \"string\"");
        rejected(text.as_bytes(), "SCHEMA_JSON_SYNTAX", "", "\0")?;
        // An escaped NUL is well-formed JSON: in a property name it is not an identifier...
        let text =
            doc("\"type\": \"object\",\n  \"properties\": {\"a\\u0000\": {\"type\": \"string\"}}");
        rejected(
            text.as_bytes(),
            "SCHEMA_NAME_INVALID",
            "/properties/a\0",
            "\"a\\u0000\"",
        )?;
        // ...and in a description it is just a character.
        let text = doc("\"type\": \"string\",\n  \"description\": \"a\\u0000b\"");
        let schema = accepted(text.as_bytes())?;
        let root = schema.node(schema.root().unwrap());
        ensure(root.description.as_deref() == Some("a\0b"), || {
            format!("{:?}", root.description)
        })
    }));
    all.push(case("malformed::root_is_not_an_object", QUICK, || {
        for text in [
            "[]",
            "\"x\"",
            "null",
            "42",
            "true",
            "[{\"type\": \"string\"}]",
        ] {
            rejected(text.as_bytes(), "SCHEMA_INVALID_TYPE", "", &text[..1])?;
        }
        Ok(())
    }));
    all.push(case("malformed::extreme_numbers", QUICK, || {
        for n in [
            "1e999999",
            "99999999999999999999999999",
            "1.5",
            "-1",
            "1E400",
        ] {
            let text = doc(&format!("\"type\": \"string\",\n  \"maxLength\": {n}"));
            rejected(
                text.as_bytes(),
                "SCHEMA_INTEGER_CONSTRAINT_INVALID",
                "/maxLength",
                n,
            )?;
        }
        // Very long numbers in enum and const keep their text and compare exactly.
        let big = format!("1{}", "0".repeat(5000));
        let text = doc(&format!(
            "\"type\": \"number\",\n  \"enum\": [{big}, {big}1, -{big}]"
        ));
        accepted(text.as_bytes())?;
        let text = doc(&format!(
            "\"type\": \"number\",\n  \"enum\": [{big}, {big}]"
        ));
        rejected(text.as_bytes(), "SCHEMA_ENUM_DUPLICATES", "/enum/1", &big).map(drop)
    }));
}

/// `(name, root members, code, pointer, text at the reported location)`.
#[rustfmt::skip]
const WRONG_TYPES: &[(&str, &str, &str, &str, &str)] = &[
    ("type_number", r#""type": 5"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/type", "5"),
    ("type_null", r#""type": null"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/type", "null"),
    ("type_bool", r#""type": true"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/type", "true"),
    ("type_empty_union", r#""type": []"#, "SCHEMA_TYPE_ARRAY_EMPTY", "/type", "[]"),
    ("type_union_number", r#""type": ["string", 5]"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/type/1", "5"),
    ("type_union_nested", r#""type": [["string"]]"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/type/0", "[\"string\"]"),
    ("type_object_without_ref", r#""type": {}"#, "SCHEMA_TYPE_OBJECT_MISSING_REF", "/type", "{}"),
    ("type_ref_number", r#""type": {"$ref": 5}"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/type/$ref", "5"),
    ("type_ref_array", r##""type": {"$ref": ["#/definitions/A"]}"##, "SCHEMA_KEYWORD_INVALID_TYPE", "/type/$ref", "["),
    ("properties_array", r#""type": "object", "properties": []"#, "SCHEMA_PROPERTIES_NOT_OBJECT", "/properties", "[]"),
    ("properties_string", r#""type": "object", "properties": "x""#, "SCHEMA_PROPERTIES_NOT_OBJECT", "/properties", "\"x\""),
    ("properties_null", r#""type": "object", "properties": null"#, "SCHEMA_PROPERTIES_NOT_OBJECT", "/properties", "null"),
    ("property_schema_number", r#""type": "object", "properties": {"a": 5}"#, "SCHEMA_INVALID_TYPE", "/properties/a", "5"),
    ("property_schema_array", r#""type": "object", "properties": {"a": []}"#, "SCHEMA_INVALID_TYPE", "/properties/a", "[]"),
    ("property_schema_string", r#""type": "object", "properties": {"a": "string"}"#, "SCHEMA_INVALID_TYPE", "/properties/a", "\"string\""),
    ("required_object", r#""type": "object", "properties": {"a": {"type": "string"}}, "required": {}"#, "SCHEMA_REQUIRED_NOT_ARRAY", "/required", "{}"),
    ("required_string", r#""type": "object", "properties": {"a": {"type": "string"}}, "required": "a""#, "SCHEMA_REQUIRED_NOT_ARRAY", "/required", "\"a\""),
    ("required_item_number", r#""type": "object", "properties": {"a": {"type": "string"}}, "required": [5]"#, "SCHEMA_REQUIRED_ITEM_NOT_STRING", "/required/0", "5"),
    ("required_mixed_sets", r#""type": "object", "properties": {"a": {"type": "string"}}, "required": [["a"], "a"]"#, "SCHEMA_REQUIRED_ITEM_NOT_STRING", "/required/0", "[\"a\"]"),
    ("additional_properties_string", r#""type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": "x""#, "SCHEMA_ADDITIONAL_PROPERTIES_INVALID", "/additionalProperties", "\"x\""),
    ("additional_properties_number", r#""type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": 0"#, "SCHEMA_ADDITIONAL_PROPERTIES_INVALID", "/additionalProperties", "0"),
    ("enum_string", r#""type": "string", "enum": "x""#, "SCHEMA_ENUM_NOT_ARRAY", "/enum", "\"x\""),
    ("enum_object", r#""type": "string", "enum": {}"#, "SCHEMA_ENUM_NOT_ARRAY", "/enum", "{}"),
    ("enum_null", r#""type": "string", "enum": null"#, "SCHEMA_ENUM_NOT_ARRAY", "/enum", "null"),
    ("enum_value_of_other_type", r#""type": "string", "enum": ["a", 1]"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/enum/1", "1"),
    ("enum_on_union", r#""type": ["string", "null"], "enum": ["a"]"#, "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", "/enum", "\"enum\""),
    ("const_of_other_type", r#""type": "string", "const": 5"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/const", "5"),
    ("const_on_object", r#""type": "object", "properties": {"a": {"type": "string"}}, "const": {}"#, "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE", "/const", "\"const\""),
    ("items_string", r#""type": "array", "items": "x""#, "SCHEMA_INVALID_TYPE", "/items", "\"x\""),
    ("items_number", r#""type": "array", "items": 5"#, "SCHEMA_INVALID_TYPE", "/items", "5"),
    ("items_array", r#""type": "array", "items": [{"type": "string"}]"#, "SCHEMA_INVALID_TYPE", "/items", "["),
    ("set_items_null", r#""type": "set", "items": null"#, "SCHEMA_INVALID_TYPE", "/items", "null"),
    ("values_string", r#""type": "map", "values": "x""#, "SCHEMA_INVALID_TYPE", "/values", "\"x\""),
    ("choices_array", r#""type": "choice", "choices": []"#, "SCHEMA_CHOICES_NOT_OBJECT", "/choices", "[]"),
    ("choices_string", r#""type": "choice", "choices": "x""#, "SCHEMA_CHOICES_NOT_OBJECT", "/choices", "\"x\""),
    ("choices_empty", r#""type": "choice", "choices": {}"#, "SCHEMA_KEYWORD_EMPTY", "/choices", "{}"),
    ("choice_option_number", r#""type": "choice", "choices": {"a": 5}"#, "SCHEMA_INVALID_TYPE", "/choices/a", "5"),
    ("selector_number", r#""type": "choice", "choices": {"a": {"type": "string"}}, "selector": 5"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/selector", "5"),
    ("tuple_order_string", r#""type": "tuple", "properties": {"a": {"type": "string"}}, "tuple": "a""#, "SCHEMA_TUPLE_ORDER_NOT_ARRAY", "/tuple", "\"a\""),
    ("tuple_order_numbers", r#""type": "tuple", "properties": {"a": {"type": "string"}}, "tuple": [0]"#, "SCHEMA_TUPLE_ORDER_NOT_ARRAY", "/tuple", "[0]"),
    ("extends_number", r#""type": "object", "properties": {"a": {"type": "string"}}, "$extends": 3"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$extends", "3"),
    ("extends_empty_array", r#""type": "object", "properties": {"a": {"type": "string"}}, "$extends": []"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$extends", "[]"),
    ("extends_array_of_numbers", r#""type": "object", "properties": {"a": {"type": "string"}}, "$extends": [3]"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$extends", "[3]"),
    ("definitions_string", r#""type": "string", "definitions": "x""#, "SCHEMA_KEYWORD_INVALID_TYPE", "/definitions", "\"x\""),
    ("definitions_number", r#""type": "string", "definitions": 5"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/definitions", "5"),
    ("definitions_array", r#""type": "string", "definitions": [{"type": "string"}]"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/definitions", "["),
    ("definition_number", r#""type": "string", "definitions": {"A": 5}"#, "SCHEMA_INVALID_TYPE", "/definitions/A", "5"),
    ("definition_string", r#""type": "string", "definitions": {"A": "string"}"#, "SCHEMA_INVALID_TYPE", "/definitions/A", "\"string\""),
    ("abstract_string", r#""type": "object", "properties": {"a": {"type": "string"}}, "abstract": "yes""#, "SCHEMA_KEYWORD_INVALID_TYPE", "/abstract", "\"yes\""),
    ("description_number", r#""type": "string", "description": 5"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/description", "5"),
    ("examples_object", r#""type": "string", "examples": {}"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/examples", "{}"),
    ("root_ref_number", r#""definitions": {"A": {"type": "string"}}, "$root": 5"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$root", "5"),
    ("uses_string", r#""type": "string", "$uses": "JSONStructureValidation""#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$uses", "\"JSONStructureValidation\""),
    ("uses_number_entry", r#""type": "string", "$uses": [5]"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$uses/0", "5"),
    ("offers_array", r#""type": "string", "$offers": []"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$offers", "[]"),
    ("max_length_string", r#""type": "string", "maxLength": "10""#, "SCHEMA_INTEGER_CONSTRAINT_INVALID", "/maxLength", "\"10\""),
    ("precision_string", r#""type": "decimal", "precision": "x""#, "SCHEMA_INTEGER_CONSTRAINT_INVALID", "/precision", "\"x\""),
    ("content_encoding_number", r#""type": "binary", "contentEncoding": 5"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/contentEncoding", "5"),
    ("pattern_number", r#""type": "string", "pattern": 5"#, "SCHEMA_PATTERN_NOT_STRING", "/pattern", "5"),
    ("minimum_word", r#""type": "int32", "minimum": "abc""#, "SCHEMA_NUMBER_CONSTRAINT_INVALID", "/minimum", "\"abc\""),
    ("multiple_of_array", r#""type": "int32", "multipleOf": [5]"#, "SCHEMA_NUMBER_CONSTRAINT_INVALID", "/multipleOf", "[5]"),
    ("min_items_string", r#""type": "array", "items": {"type": "string"}, "minItems": "1""#, "SCHEMA_INTEGER_CONSTRAINT_INVALID", "/minItems", "\"1\""),
    ("unique_items_string", r#""type": "array", "items": {"type": "string"}, "uniqueItems": "yes""#, "SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN", "/uniqueItems", "\"yes\""),
    ("contains_number", r#""type": "array", "items": {"type": "string"}, "contains": 5"#, "SCHEMA_INVALID_TYPE", "/contains", "5"),
    ("dependent_required_array", r#""type": "object", "properties": {"a": {"type": "string"}}, "dependentRequired": []"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/dependentRequired", "[]"),
    ("pattern_properties_array", r#""type": "object", "properties": {"a": {"type": "string"}}, "patternProperties": []"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/patternProperties", "[]"),
    ("property_names_number", r#""type": "object", "properties": {"a": {"type": "string"}}, "propertyNames": 5"#, "SCHEMA_INVALID_TYPE", "/propertyNames", "5"),
    ("all_of_object", r#""type": "string", "allOf": {}"#, "SCHEMA_COMPOSITION_NOT_ARRAY", "/allOf", "{}"),
    ("any_of_empty", r#""type": "string", "anyOf": []"#, "SCHEMA_COMPOSITION_EMPTY", "/anyOf", "[]"),
    ("one_of_string", r#""type": "string", "oneOf": "x""#, "SCHEMA_COMPOSITION_NOT_ARRAY", "/oneOf", "\"x\""),
    ("all_of_member_number", r#""type": "string", "allOf": [5]"#, "SCHEMA_INVALID_TYPE", "/allOf/0", "5"),
    ("not_number", r#""type": "string", "not": 1"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/not", "1"),
    ("if_array", r#""type": "string", "if": []"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/if", "[]"),
    ("altnames_array", r#""type": "string", "altnames": []"#, "SCHEMA_ALTNAMES_NOT_OBJECT", "/altnames", "[]"),
    ("altnames_value_number", r#""type": "string", "altnames": {"json": 5}"#, "SCHEMA_ALTNAMES_VALUE_NOT_STRING", "/altnames/json", "5"),
];

/// Root keywords of the wrong type, which `doc` cannot express.
#[rustfmt::skip]
const WRONG_ROOT_TYPES: &[(&str, &str, &str, &str, &str)] = &[
    ("schema_number", r#"{"$schema": 5, "$id": "https://example.com/h", "name": "H", "type": "string"}"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$schema", "5"),
    ("id_number", r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": 5, "name": "H", "type": "string"}"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$id", "5"),
    ("id_not_a_uri", r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "not a uri", "name": "H", "type": "string"}"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/$id", "\"not a uri\""),
    ("name_number", r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/h", "name": 5, "type": "string"}"#, "SCHEMA_KEYWORD_INVALID_TYPE", "/name", "5"),
    ("name_not_an_identifier", r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/h", "name": "my-type", "type": "string"}"#, "SCHEMA_NAME_INVALID", "/name", "\"my-type\""),
];

fn wrong_types(all: &mut Vec<Case>) {
    for &(name, members, code, pointer, at) in WRONG_TYPES {
        all.push(case(format!("wrong_types::{name}"), QUICK, move || {
            rejected(doc(members).as_bytes(), code, pointer, at).map(drop)
        }));
    }
    for &(name, text, code, pointer, at) in WRONG_ROOT_TYPES {
        all.push(case(format!("wrong_types::{name}"), QUICK, move || {
            rejected(text.as_bytes(), code, pointer, at).map(drop)
        }));
    }
    // Every member of the Session schema, at every depth, replaced by values of each JSON type:
    // no panic, every diagnostic located, and structural keywords of the wrong type rejected.
    all.push(case(
        "wrong_types::every_member_of_the_session_schema",
        LARGE,
        || {
            let original: serde_json::Value =
                serde_json::from_slice(&session_schema()).map_err(|e| e.to_string())?;
            let mut paths = Vec::new();
            member_paths(&original, &mut Vec::new(), &mut paths);
            ensure(paths.len() > 100, || {
                format!("only {} members", paths.len())
            })?;
            let replacements = [
                serde_json::json!(5),
                serde_json::json!("x"),
                serde_json::json!([]),
                serde_json::json!({}),
                serde_json::json!(null),
                serde_json::json!(true),
            ];
            for path in &paths {
                for value in &replacements {
                    let mut mutated = original.clone();
                    *pointer_mut(&mut mutated, path) = value.clone();
                    let text = serde_json::to_vec_pretty(&mutated).map_err(|e| e.to_string())?;
                    let report = Schema::check(&text);
                    let at = format!("/{} = {value}", path.join("/"));
                    all_located(&text, &report).map_err(|e| format!("{at}: {e}"))?;
                    let key = path.last().map(String::as_str).unwrap_or_default();
                    let structural = ["type", "properties", "items", "required", "enum"];
                    if value.is_number() && structural.contains(&key) {
                        ensure(!report.is_valid(), || format!("{at} accepted"))?;
                    }
                }
            }
            Ok(())
        },
    ));
}

/// Paths of every object member in a JSON value, depth first.
fn member_paths(v: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                path.push(k.clone());
                out.push(path.clone());
                member_paths(child, path, out);
                path.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(i.to_string());
                member_paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn pointer_mut<'v>(v: &'v mut serde_json::Value, path: &[String]) -> &'v mut serde_json::Value {
    path.iter().fold(v, |v, seg| match v {
        serde_json::Value::Object(map) => map.get_mut(seg).expect("member exists"),
        serde_json::Value::Array(items) => &mut items[seg.parse::<usize>().expect("index")],
        _ => unreachable!("paths only lead through containers"),
    })
}

fn ref_cycles(all: &mut Vec<Case>) {
    const REF_A: &str =
        r##""type": "object", "properties": {"a": {"type": {"$ref": "#/definitions/A"}}}"##;
    all.push(case("refs::direct_alias", QUICK, || {
        let text = doc(&format!(
            r##"{REF_A},
  "definitions": {{"A": {{"type": {{"$ref": "#/definitions/A"}}}}}}"##
        ));
        rejected(
            text.as_bytes(),
            "SCHEMA_REF_CIRCULAR",
            "/definitions/A",
            "{",
        )
        .map(drop)
    }));
    all.push(case("refs::two_step_alias", QUICK, || {
        let text = doc(&format!(
            r##"{REF_A},
  "definitions": {{
    "A": {{"type": {{"$ref": "#/definitions/B"}}}},
    "B": {{"type": {{"$ref": "#/definitions/A"}}}}
  }}"##
        ));
        rejected_anywhere(text.as_bytes(), "SCHEMA_REF_CIRCULAR").map(drop)
    }));
    all.push(case("refs::through_a_union", QUICK, || {
        let text = doc(&format!(
            r##"{REF_A},
  "definitions": {{
    "A": {{"type": [{{"$ref": "#/definitions/B"}}, "null"]}},
    "B": {{"type": {{"$ref": "#/definitions/A"}}}}
  }}"##
        ));
        rejected_anywhere(text.as_bytes(), "SCHEMA_REF_CIRCULAR").map(drop)
    }));
    all.push(case("refs::union_containing_itself", QUICK, || {
        let text = doc(&format!(
            r##"{REF_A},
  "definitions": {{"A": {{"type": ["string", {{"$ref": "#/definitions/A"}}]}}}}"##
        ));
        rejected_anywhere(text.as_bytes(), "SCHEMA_REF_CIRCULAR").map(drop)
    }));
    all.push(case("refs::through_all_of_with_uses", QUICK, || {
        let text = format!(
            r##"{{
  "$schema": "{EXTENDED}",
  "$id": "https://example.com/hostile",
  "$uses": ["JSONStructureConditionalComposition"],
  "name": "H",
  {REF_A},
  "definitions": {{
    "A": {{"allOf": [{{"type": {{"$ref": "#/definitions/B"}}}}]}},
    "B": {{"anyOf": [{{"type": "string"}}, {{"type": {{"$ref": "#/definitions/A"}}}}]}}
  }}
}}"##
        );
        let report = Schema::check(text.as_bytes());
        ensure(report.warnings().next().is_none(), || {
            format!("composition is enabled, yet:{}", listing(&report))
        })?;
        rejected_anywhere(text.as_bytes(), "SCHEMA_REF_CIRCULAR").map(drop)
    }));
    all.push(case("refs::through_not_with_uses", QUICK, || {
        let text = format!(
            r##"{{
  "$schema": "{EXTENDED}",
  "$id": "https://example.com/hostile",
  "$uses": ["JSONStructureConditionalComposition"],
  "name": "H",
  {REF_A},
  "definitions": {{"A": {{"not": {{"type": {{"$ref": "#/definitions/A"}}}}}}}}
}}"##
        );
        rejected_anywhere(text.as_bytes(), "SCHEMA_REF_CIRCULAR").map(drop)
    }));
    all.push(case("refs::root_is_an_alias_cycle", QUICK, || {
        let text = doc(r##""$root": "#/definitions/A",
  "definitions": {
    "A": {"type": {"$ref": "#/definitions/B"}},
    "B": {"type": {"$ref": "#/definitions/A"}}
  }"##);
        rejected_anywhere(text.as_bytes(), "SCHEMA_REF_CIRCULAR").map(drop)
    }));
    // Recursion that consumes part of the instance on each round is legal and must stay so.
    all.push(case(
        "refs::recursion_with_a_base_case_is_fine",
        QUICK,
        || {
            let text = doc(r##""type": "object",
  "properties": {
    "list": {"type": {"$ref": "#/definitions/Node"}},
    "tree": {"type": {"$ref": "#/definitions/Tree"}}
  },
  "definitions": {
    "Node": {"type": "object", "properties": {
      "value": {"type": "string"},
      "next": {"type": [{"$ref": "#/definitions/Node"}, "null"]}
    }},
    "Tree": {"type": "object", "properties": {
      "children": {"type": "array", "items": {"type": {"$ref": "#/definitions/Tree"}}}
    }}
  }"##);
            let schema = accepted(text.as_bytes())?;
            let node = schema.definition("#/definitions/Node").ok_or("no Node")?;
            let TypeKind::Object(o) = &schema.node(node).kind else {
                return Err("Node is not an object".into());
            };
            let next = o.property("next").ok_or("no next")?;
            let TypeKind::Union(members) = &schema.node(next.ty).kind else {
                return Err("next is not a union".into());
            };
            ensure(schema.resolve(members[0]) == node, || {
                "next does not refer back to Node".into()
            })
        },
    ));
    // The corpus's `ref-to-nowhere` written the JSON Structure way ($ref inside type).
    all.push(case("refs::to_nowhere", QUICK, || {
        let refs = [
            ("missingDef", "#/definitions/DoesNotExist"),
            ("missingNested", "#/definitions/Exists/DoesNotExist"),
            ("externalMissing", "https://example.com/missing.schema.json"),
            ("malformedPointer", "#/definitions/has spaces"),
            ("invalidEscape", "#/definitions/~2invalid"),
            ("namespace", "#/definitions/NS"),
            ("outsideDefinitions", "#/properties/missingDef"),
            ("empty", ""),
        ];
        refs_rejected(&refs)
    }));
    // `#` names the typed root (README decisions); only a document without a root type has
    // nothing for it to name.
    all.push(case("refs::hash_names_the_typed_root", QUICK, || {
        let typed = doc(r##""type": "object",
  "properties": {"next": {"type": {"$ref": "#"}}, "v": {"type": "string"}}"##);
        let schema = Schema::from_slice(typed.as_bytes()).map_err(|e| e.to_string())?;
        let v = jsonstruct::Validator::new(&schema).map_err(|e| e.to_string())?;
        if !v.is_valid(br#"{"v": "a", "next": {"v": "b", "next": {}}}"#)
            || v.is_valid(br#"{"next": {"v": 1}}"#)
        {
            return Err("\"#\" should validate like the root type, recursively".into());
        }
        let untyped = doc(r##""definitions": {"A": {"type": {"$ref": "#"}}}"##);
        rejected(
            untyped.as_bytes(),
            "SCHEMA_REF_NOT_FOUND",
            "/definitions/A/type/$ref",
            "\"#\"",
        )
        .map(drop)
    }));
    // The corpus's `malformed-json-pointer` written the JSON Structure way.
    all.push(case("refs::malformed_pointers", QUICK, || {
        let refs = [
            ("noHash", "/definitions/Exists"),
            ("doubleHash", "##/definitions/Exists"),
            ("backslash", "#\\\\definitions\\\\Exists"),
            ("dotNotation", "#.definitions.Exists"),
            ("urlEncoded", "#/%64efinitions/Exists"),
            ("trailingSlash", "#/definitions/Exists/"),
            ("doubleSlash", "#/definitions//Exists"),
            ("relative", "../other.json#/definitions/Type"),
            ("fragment", "#/definitions/Exists#extra"),
        ];
        refs_rejected(&refs)
    }));
}

/// Each `(property, reference)` is rejected with SCHEMA_REF_NOT_FOUND at its `$ref`.
fn refs_rejected(refs: &[(&str, &str)]) -> Result<(), String> {
    let props: Vec<String> = refs
        .iter()
        .map(|(p, r)| format!("    \"{p}\": {{\"type\": {{\"$ref\": \"{r}\"}}}}"))
        .collect();
    let text = doc(&format!(
        "\"type\": \"object\",\n  \"properties\": {{\n{}\n  }},\n  \"definitions\": {{\"Exists\": {{\"type\": \"string\"}}, \"NS\": {{\"Inner\": {{\"type\": \"string\"}}}}}}",
        props.join(",\n")
    ));
    for (p, r) in refs {
        rejected(
            text.as_bytes(),
            "SCHEMA_REF_NOT_FOUND",
            &format!("/properties/{p}/type/$ref"),
            &format!("\"{r}\""),
        )?;
    }
    Ok(())
}

fn extends_cycles(all: &mut Vec<Case>) {
    all.push(case("extends::self", QUICK, || {
        let text = doc(r##""type": "object",
  "$extends": "#/definitions/T",
  "properties": {"own": {"type": "string"}},
  "definitions": {
    "T": {"type": "object", "abstract": true, "$extends": "#/definitions/T",
          "properties": {"value": {"type": "string"}}}
  }"##);
        rejected(
            text.as_bytes(),
            "SCHEMA_REF_CIRCULAR",
            "/definitions/T/$extends",
            "\"#/definitions/T\"",
        )
        .map(drop)
    }));
    all.push(case("extends::three_chain", QUICK, || {
        let text = doc(
            r##""type": "object",
  "$extends": "#/definitions/A",
  "properties": {"own": {"type": "string"}},
  "definitions": {
    "A": {"type": "object", "abstract": true, "$extends": "#/definitions/B", "properties": {"a": {"type": "string"}}},
    "B": {"type": "object", "abstract": true, "$extends": "#/definitions/C", "properties": {"b": {"type": "string"}}},
    "C": {"type": "object", "abstract": true, "$extends": "#/definitions/A", "properties": {"c": {"type": "string"}}}
  }"##,
        );
        let report = Schema::check(text.as_bytes());
        all_located(text.as_bytes(), &report)?;
        let cycles: Vec<&Diagnostic> = report
            .errors()
            .filter(|d| d.code.as_str() == "SCHEMA_REF_CIRCULAR")
            .collect();
        ensure(cycles.len() == 1, || {
            format!("expected the cycle once:{}", listing(&report))
        })?;
        let d = cycles[0];
        ensure(
            d.pointer.ends_with("/$extends") && d.message.matches("->").count() == 3,
            || format!("the report should name the 3-step chain: {d}"),
        )
    }));
    all.push(case(
        "extends::chain_100k_single_base_property",
        LARGE,
        || {
            // Inheritance chains are bounded (64 levels, README); a longer one is a located
            // SCHEMA_MAX_DEPTH_EXCEEDED error, reported once, quickly.
            let text = extends_chain(100_000, false);
            let report = Schema::check(text.as_bytes());
            all_located(text.as_bytes(), &report)?;
            let codes: Vec<&str> = report.errors().map(|d| d.code.as_str()).collect();
            ensure(codes == ["SCHEMA_MAX_DEPTH_EXCEEDED"], || {
                format!("{codes:?}")
            })
        },
    ));
    all.push(case("extends::chain_at_the_depth_bound", QUICK, || {
        // 64 levels of $extends above the root are accepted and flattened.
        let schema = accepted(extends_chain(64, false).as_bytes())?;
        let TypeKind::Object(o) = &schema.node(schema.root().unwrap()).kind else {
            return Err("root is not an object".into());
        };
        let names: Vec<&str> = o.properties.iter().map(|p| p.name.as_str()).collect();
        ensure(names == ["p0", "own"], || format!("{names:?}"))?;
        let report = Schema::check(extends_chain(66, false).as_bytes());
        ensure(!report.is_valid(), || "66 levels accepted".into())
    }));
    all.push(case(
        "extends::chain_100k_each_adding_a_property",
        SUPERLINEAR,
        || {
            let n = 100_000;
            let text = extends_chain(n, true);
            // Errors (e.g. a bound on the chain) or a result are both fine; the time is what counts.
            let report = Schema::check(text.as_bytes());
            all_located(text.as_bytes(), &report)?;
            if let Some(schema) = &report.schema {
                let TypeKind::Object(o) = &schema.node(schema.root().unwrap()).kind else {
                    return Err("root is not an object".into());
                };
                ensure(o.properties.len() == n + 1, || {
                    format!("{} properties", o.properties.len())
                })?;
            }
            Ok(())
        },
    ));
}

/// Root extends T{n-1}, which extends T{n-2}, ... T0. Only T0 declares a property unless
/// `each_adds` (then every Ti declares `pi`).
fn extends_chain(n: usize, each_adds: bool) -> String {
    let mut s = String::with_capacity(n * 120);
    let _ = write!(
        s,
        "{{\n\"$schema\": \"{CORE}\",\n\"$id\": \"https://example.com/chain\",\n\"name\": \"Root\",\n\"type\": \"object\",\n\"$extends\": \"#/definitions/T{}\",\n\"properties\": {{\"own\": {{\"type\": \"string\"}}}},\n\"definitions\": {{\n",
        n - 1
    );
    for i in 0..n {
        if i > 0 {
            s.push_str(",\n");
        }
        let _ = write!(s, "\"T{i}\": {{\"type\": \"object\", \"abstract\": true");
        if i > 0 {
            let _ = write!(s, ", \"$extends\": \"#/definitions/T{}\"", i - 1);
        }
        if i == 0 || each_adds {
            let _ = write!(
                s,
                ", \"properties\": {{\"p{i}\": {{\"type\": \"string\"}}}}"
            );
        }
        s.push('}');
    }
    s.push_str("\n}\n}\n");
    s
}

fn deep_nesting(all: &mut Vec<Case>) {
    const DEPTH: usize = 10_000;
    all.push(case("depth::objects_10000", QUICK, || {
        let text = "{\"a\":".repeat(DEPTH) + "1" + &"}".repeat(DEPTH);
        let d = rejected(text.as_bytes(), "SCHEMA_MAX_DEPTH_EXCEEDED", "", "{")?;
        ensure(d.line == 1 && d.column > 1, || d.to_string())
    }));
    all.push(case("depth::arrays_10000_on_separate_lines", QUICK, || {
        let text = "[\n".repeat(DEPTH) + &"]".repeat(DEPTH);
        let d = rejected(text.as_bytes(), "SCHEMA_MAX_DEPTH_EXCEEDED", "", "[")?;
        // One bracket per line: the line number is the depth at which loading stopped.
        ensure(d.line > 1 && d.line < DEPTH && d.column == 1, || {
            d.to_string()
        })
    }));
    all.push(case("depth::schema_properties_10000", QUICK, || {
        let text = nested_properties(DEPTH);
        rejected(text.as_bytes(), "SCHEMA_MAX_DEPTH_EXCEEDED", "", "{").map(drop)
    }));
    all.push(case("depth::arrays_10000_inside_examples", QUICK, || {
        let text = doc(&format!(
            "\"type\": \"string\",\n  \"examples\": {}{}",
            "[".repeat(DEPTH),
            "]".repeat(DEPTH)
        ));
        rejected(text.as_bytes(), "SCHEMA_MAX_DEPTH_EXCEEDED", "", "[").map(drop)
    }));
    // Nesting up to the loader's bound (256 JSON levels: 127 nested schemas, two levels each)
    // must load, on a 2 MiB stack.
    all.push(case("depth::deep_but_allowed_schema_loads", QUICK, || {
        let levels = 127;
        let text = nested_properties(levels);
        let schema = accepted(text.as_bytes())?;
        let mut id = schema.root().ok_or("no root")?;
        let mut depth = 0;
        while let TypeKind::Object(o) = &schema.node(id).kind {
            id = o.property("a").ok_or("no property a")?.ty;
            depth += 1;
        }
        ensure(
            depth == levels && matches!(&schema.node(id).kind, TypeKind::Primitive(p) if p.ty == Primitive::String),
            || format!("followed {depth} levels"),
        )
    }));
}

/// A root object whose property `a` is an object whose property `a` is ... `levels` deep.
fn nested_properties(levels: usize) -> String {
    let mut s = format!(
        "{{\"$schema\": \"{CORE}\", \"$id\": \"https://example.com/deep\", \"name\": \"Deep\", "
    );
    for _ in 0..levels {
        s.push_str("\"type\": \"object\", \"properties\": {\"a\": {");
    }
    s.push_str("\"type\": \"string\"");
    for _ in 0..levels {
        s.push_str("}}");
    }
    s.push('}');
    s
}

fn huge_documents(all: &mut Vec<Case>) {
    all.push(case("huge::document_50mb_of_definitions", LARGE, || {
        let (text, count) = many_definitions(50 * 1024 * 1024, true);
        ensure(text.len() >= 50 * 1024 * 1024, || {
            format!("{} bytes", text.len())
        })?;
        let schema = accepted(text.as_bytes())?;
        // The root type is a definition too.
        let defs = schema.definitions().count();
        ensure(defs == count + 1, || {
            format!("{defs} definitions, wrote {count}")
        })
    }));
    all.push(case("huge::minified_10mb_on_one_line", SUPERLINEAR, || {
        let (text, count) = many_definitions(10 * 1024 * 1024, false);
        ensure(!text.trim_end().contains('\n'), || "not one line".into())?;
        let schema = accepted(text.as_bytes())?;
        ensure(schema.definitions().count() == count + 1, || {
            "definitions lost".into()
        })
    }));
    all.push(case(
        "huge::object_with_200k_properties",
        SUPERLINEAR,
        || {
            let n = 200_000;
            let mut members = String::from("\"type\": \"object\",\n  \"properties\": {\n");
            for i in 0..n {
                let sep = if i + 1 < n { "," } else { "" };
                let _ = writeln!(members, "    \"p{i}\": {{\"type\": \"string\"}}{sep}");
            }
            members.push_str("  },\n  \"required\": [\"p0\", \"p199999\"]");
            let schema = accepted(doc(&members).as_bytes())?;
            let TypeKind::Object(o) = &schema.node(schema.root().unwrap()).kind else {
                return Err("root is not an object".into());
            };
            ensure(o.properties.len() == n, || {
                format!("{} properties", o.properties.len())
            })
        },
    ));
    all.push(case("huge::200k_errors", LARGE, || {
        let n = 200_000;
        let mut members = String::from("\"type\": \"string\",\n  \"definitions\": {\n");
        for i in 0..n {
            let sep = if i + 1 < n { "," } else { "" };
            let _ = writeln!(members, "    \"D{i}\": {{\"type\": \"strin\"}}{sep}");
        }
        members.push_str("  }");
        let text = doc(&members);
        let report = Schema::check(text.as_bytes());
        let errors: Vec<&Diagnostic> = report.errors().collect();
        ensure(errors.len() == n, || format!("{} errors", errors.len()))?;
        ensure(
            errors
                .iter()
                .all(|d| d.code.as_str() == "SCHEMA_TYPE_INVALID"),
            || "unexpected codes".into(),
        )?;
        // In document order, each on its own line (the first definition is on line 7).
        let (first, last) = (errors[0], errors[n - 1]);
        ensure(
            first.pointer == "/definitions/D0/type" && first.line == 7,
            || first.to_string(),
        )?;
        ensure(
            last.pointer == format!("/definitions/D{}/type", n - 1) && last.line == 6 + n,
            || last.to_string(),
        )
    }));
    all.push(case("huge::long_strings", LARGE, || {
        let name = "a".repeat(1 << 20);
        let description = "long ".repeat(4 << 20);
        let text = doc(&format!(
            "\"type\": \"object\",\n  \"description\": \"{description}\",\n  \"properties\": {{\"{name}\": {{\"type\": \"string\"}}}}"
        ));
        let schema = accepted(text.as_bytes())?;
        let TypeKind::Object(o) = &schema.node(schema.root().unwrap()).kind else {
            return Err("root is not an object".into());
        };
        ensure(o.properties[0].name.len() == 1 << 20, || "name cut".into())
    }));
    all.push(case("huge::alias_chain_100k", LARGE, || {
        let n = 100_000;
        let mut members = String::from(
            "\"type\": \"object\",\n  \"properties\": {\"a\": {\"type\": {\"$ref\": \"#/definitions/A0\"}}},\n  \"definitions\": {\n",
        );
        for i in 0..n {
            if i + 1 < n {
                let _ = writeln!(
                    members,
                    "    \"A{i}\": {{\"type\": {{\"$ref\": \"#/definitions/A{}\"}}}},",
                    i + 1
                );
            } else {
                let _ = writeln!(members, "    \"A{i}\": {{\"type\": \"string\"}}");
            }
        }
        members.push_str("  }");
        let schema = accepted(doc(&members).as_bytes())?;
        let a0 = schema.definition("#/definitions/A0").ok_or("no A0")?;
        let end: TypeId = schema.resolve(a0);
        ensure(
            matches!(&schema.node(end).kind, TypeKind::Primitive(p) if p.ty == Primitive::String),
            || "the chain does not resolve to the string".into(),
        )
    }));
}

/// A document of at least `size` bytes of object definitions that refer to each other, pretty
/// (one definition over several lines) or minified (one line). Returns the definition count.
fn many_definitions(size: usize, pretty: bool) -> (String, usize) {
    let nl = if pretty { "\n" } else { "" };
    let mut s = String::with_capacity(size + 4096);
    let _ = write!(
        s,
        "{{{nl}\"$schema\": \"{CORE}\",{nl}\"$id\": \"https://example.com/huge\",{nl}\"name\": \"Huge\",{nl}\"type\": \"object\",{nl}\"properties\": {{\"first\": {{\"type\": {{\"$ref\": \"#/definitions/D0\"}}}}}},{nl}\"definitions\": {{{nl}"
    );
    let mut count = 0;
    while s.len() < size {
        if count > 0 {
            let _ = write!(s, ",{nl}");
        }
        let next = count + 1;
        let _ = write!(
            s,
            "\"D{count}\": {{{nl}  \"type\": \"object\",{nl}  \"description\": \"definition number {count}\",{nl}  \"properties\": {{{nl}    \"name\": {{\"type\": \"string\", \"maxLength\": 64}},{nl}    \"count\": {{\"type\": \"int64\"}},{nl}    \"tags\": {{\"type\": \"array\", \"items\": {{\"type\": \"string\"}}}},{nl}    \"next\": {{\"type\": [{{\"$ref\": \"#/definitions/D{next}\"}}, \"null\"]}}{nl}  }},{nl}  \"required\": [\"name\"]{nl}}}"
        );
        count += 1;
    }
    let _ = writeln!(s, ",{nl}\"D{count}\": {{\"type\": \"string\"}}{nl}}}{nl}}}");
    (s, count + 1)
}
