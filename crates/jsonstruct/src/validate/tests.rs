//! Semantics of the validator, checked on both inputs (bytes and `serde_json::Value`) and in
//! both modes (fast and collecting), which must always agree.

use super::*;
use crate::schema::Schema;

fn schema(body: &str) -> Schema {
    let doc = format!(
        r##"{{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/t",
            "$uses": ["JSONStructureValidation", "JSONStructureConditionalComposition"],
            "name": "T", {body}}}"##
    );
    Schema::from_slice(doc.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

/// A validator that also takes 64-bit integers as JSON numbers, so the tests below see both
/// wire forms; `the_default_follows_the_spec_for_64_bit_integers` checks the default.
fn validator(body: &str) -> Validator {
    Validator::with_options(&schema(body), Options::default().int64_numbers(true)).unwrap()
}

#[test]
fn the_default_follows_the_spec_for_64_bit_integers() {
    let body =
        r##""type": "object", "properties": {"i": {"type": "int64"}, "u": {"type": "uint64"}}"##;
    let v = Validator::new(&schema(body)).unwrap();
    ok(
        &v,
        r#"{"i": "-9223372036854775808", "u": "18446744073709551615"}"#,
    );
    bad(&v, r#"{"i": 1}"#, "INSTANCE_STRING_EXPECTED");
    bad(
        &v,
        r#"{"u": 18446744073709551615}"#,
        "INSTANCE_STRING_EXPECTED",
    );
    assert!(Options::default().strict_64);
}

/// Validates through every path and checks they agree; returns the codes of the byte report.
fn codes(v: &Validator, instance: &str) -> Vec<&'static str> {
    let fast = v.is_valid(instance.as_bytes());
    let report = v.validate(instance.as_bytes());
    assert_eq!(
        fast,
        report.is_ok(),
        "is_valid and validate disagree on {instance}"
    );
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(instance) {
        assert_eq!(
            v.is_valid_value(&value),
            fast,
            "bytes and Value disagree on {instance}"
        );
        assert_eq!(
            v.validate_value(&value).is_ok(),
            fast,
            "validate_value disagrees on {instance}"
        );
    }
    match report {
        Ok(()) => vec![],
        Err(r) => {
            assert!(!r.errors.is_empty());
            r.errors.iter().map(|e| e.code.as_str()).collect()
        }
    }
}

fn ok(v: &Validator, instance: &str) {
    assert_eq!(
        codes(v, instance),
        Vec::<&str>::new(),
        "expected valid: {instance}"
    );
}

fn bad(v: &Validator, instance: &str, code: &str) {
    let got = codes(v, instance);
    assert!(
        got.contains(&code),
        "expected {code} for {instance}, got {got:?}"
    );
}

#[test]
fn integers_never_go_through_f64() {
    let v = validator(
        r##""type": "object", "properties": {"i": {"type": "int64"}, "u": {"type": "uint64"}}"##,
    );
    ok(&v, r##"{"i": 9007199254740993}"##);
    ok(&v, r##"{"i": "9007199254740993"}"##);
    ok(
        &v,
        r##"{"i": 9223372036854775807, "u": 18446744073709551615}"##,
    );
    ok(&v, r##"{"i": -9223372036854775808}"##);
    // `-0` is an integer literal; serde_json makes it -0.0, which the Value path must accept
    // the same (`codes` checks both paths agree).
    ok(&v, r##"{"i": -0, "u": -0}"##);
    bad(&v, r##"{"i": 0.0}"##, "INSTANCE_INTEGER_EXPECTED");
    bad(
        &v,
        r##"{"i": 9223372036854775808}"##,
        "INSTANCE_INT_RANGE_INVALID",
    );
    bad(
        &v,
        r##"{"u": 18446744073709551616}"##,
        "INSTANCE_INT_RANGE_INVALID",
    );
    bad(&v, r##"{"u": -1}"##, "INSTANCE_INT_RANGE_INVALID");
    bad(&v, r##"{"i": 1.0}"##, "INSTANCE_INTEGER_EXPECTED");
    bad(&v, r##"{"i": 1e3}"##, "INSTANCE_INTEGER_EXPECTED");
    bad(&v, r##"{"i": "1.5"}"##, "INSTANCE_INTEGER_EXPECTED");
    bad(&v, r##"{"i": true}"##, "INSTANCE_INTEGER_EXPECTED");
}

#[test]
fn strict_mode_requires_the_string_form_of_64_bit_integers() {
    let s = schema(r##""type": "object", "properties": {"i": {"type": "int64"}}"##);
    let strict = Validator::with_options(
        &s,
        Options {
            strict_64: true,
            ..Options::default()
        },
    )
    .unwrap();
    ok(&strict, r##"{"i": "42"}"##);
    bad(&strict, r##"{"i": 42}"##, "INSTANCE_STRING_EXPECTED");
}

#[test]
fn small_integers_floats_and_decimals() {
    let v = validator(
        r##""type": "object", "properties": {"a": {"type": "int8"}, "b": {"type": "uint16"},
        "f": {"type": "float"}, "d": {"type": "decimal"}, "x": {"type": "int128"}, "n": {"type": "number"}}"##,
    );
    ok(
        &v,
        r##"{"a": -128, "b": 65535, "f": 3.4e38, "d": "-12.50", "x": "-170141183460469231731687303715884105728", "n": 1e400}"##,
    );
    bad(&v, r##"{"a": 128}"##, "INSTANCE_INT_RANGE_INVALID");
    bad(&v, r##"{"b": "1"}"##, "INSTANCE_INTEGER_EXPECTED");
    bad(&v, r##"{"f": 1e39}"##, "INSTANCE_INT_RANGE_INVALID");
    bad(&v, r##"{"d": 1.5}"##, "INSTANCE_DECIMAL_EXPECTED");
    bad(&v, r##"{"d": "1e5"}"##, "INSTANCE_DECIMAL_EXPECTED");
    bad(&v, r##"{"x": 5}"##, "INSTANCE_TYPE_MISMATCH");
    bad(
        &v,
        r##"{"x": "170141183460469231731687303715884105728"}"##,
        "INSTANCE_INT_RANGE_INVALID",
    );
}

#[test]
fn string_encoded_types() {
    let v = validator(
        r##""type": "object", "properties": {"d": {"type": "date"}, "t": {"type": "time"},
        "dt": {"type": "datetime"}, "du": {"type": "duration"}, "u": {"type": "uuid"}, "uri": {"type": "uri"},
        "b": {"type": "binary"}, "h": {"type": "binary", "contentEncoding": "base16"}, "p": {"type": "jsonpointer"}}"##,
    );
    ok(
        &v,
        r##"{"d": "2024-02-29", "t": "10:00:00Z", "dt": "2024-01-01T00:00:00+01:00", "du": "PT1.5S",
        "u": "550E8400-e29b-41d4-a716-446655440000", "uri": "../relative?x#y", "b": "aGk=", "h": "BEEF", "p": "/a~1b"}"##,
    );
    bad(
        &v,
        r##"{"d": "2023-02-29"}"##,
        "INSTANCE_DATE_FORMAT_INVALID",
    );
    bad(&v, r##"{"t": "25:00:00"}"##, "INSTANCE_TIME_FORMAT_INVALID");
    bad(
        &v,
        r##"{"dt": "2024-01-01T00:00:00"}"##,
        "INSTANCE_DATETIME_FORMAT_INVALID",
    );
    bad(&v, r##"{"du": "P"}"##, "INSTANCE_DURATION_FORMAT_INVALID");
    bad(&v, r##"{"u": "1234"}"##, "INSTANCE_UUID_FORMAT_INVALID");
    bad(&v, r##"{"uri": "a b"}"##, "INSTANCE_URI_FORMAT_INVALID");
    bad(&v, r##"{"b": "aGk"}"##, "INSTANCE_BINARY_ENCODING_INVALID");
    bad(&v, r##"{"h": "aGk="}"##, "INSTANCE_BINARY_ENCODING_INVALID");
    bad(&v, r##"{"p": "a"}"##, "INSTANCE_JSONPOINTER_FORMAT_INVALID");
    bad(&v, r##"{"d": 20240101}"##, "INSTANCE_DATE_EXPECTED");
}

#[test]
fn objects_required_additional_and_duplicates() {
    let v = validator(
        r##""type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "int32"}},
        "required": ["a"], "additionalProperties": false"##,
    );
    ok(&v, r##"{"a": "x"}"##);
    ok(&v, r##"{"b": 1, "a": "x"}"##);
    bad(&v, r##"{"b": 1}"##, "INSTANCE_REQUIRED_PROPERTY_MISSING");
    bad(
        &v,
        r##"{"a": "x", "c": 1}"##,
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
    );
    // A Value cannot hold duplicate keys, so only the byte path can see them.
    let dup = v.validate(br##"{"a": "x", "a": "y"}"##).unwrap_err();
    assert_eq!(dup.errors[0].code, InstanceCode::DuplicateProperty);
    assert!(!v.is_valid(br##"{"a": "x", "a": "y"}"##));
    bad(&v, r##"[1]"##, "INSTANCE_OBJECT_EXPECTED");
    // The root `$schema` names the schema document: metadata, not a property.
    ok(&v, r##"{"$schema": "https://example.com/t", "a": "x"}"##);
    let open = validator(r##""type": "object", "properties": {"a": {"type": "string"}}"##);
    ok(&open, r##"{"a": "x", "anything": [1, {"deep": null}]}"##);
    let typed = validator(
        r##""type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "int32"}"##,
    );
    ok(&typed, r##"{"a": "x", "n": 1}"##);
    bad(
        &typed,
        r##"{"a": "x", "n": "1"}"##,
        "INSTANCE_INTEGER_EXPECTED",
    );
}

#[test]
fn required_alternative_sets_need_exactly_one() {
    let v = validator(
        r##""type": "object", "properties": {"name": {"type": "string"}, "fins": {"type": "int8"}, "legs": {"type": "int8"}},
        "required": [["name", "fins"], ["name", "legs"]]"##,
    );
    ok(&v, r##"{"name": "a", "fins": 2}"##);
    ok(&v, r##"{"name": "a", "legs": 4}"##);
    bad(&v, r##"{"name": "a"}"##, "INSTANCE_REQUIRED_ALTERNATIVES");
    bad(
        &v,
        r##"{"name": "a", "fins": 2, "legs": 4}"##,
        "INSTANCE_REQUIRED_ALTERNATIVES",
    );
}

#[test]
fn inheritance_through_extends() {
    let v = validator(
        r##""$root": "#/definitions/Car", "definitions": {
            "Vehicle": {"abstract": true, "type": "object", "properties": {"make": {"type": "string"}}, "required": ["make"]},
            "Car": {"type": "object", "$extends": "#/definitions/Vehicle", "properties": {"doors": {"type": "uint8"}},
                    "additionalProperties": false}}"##,
    );
    ok(&v, r##"{"make": "x", "doors": 4}"##);
    bad(
        &v,
        r##"{"doors": 4}"##,
        "INSTANCE_REQUIRED_PROPERTY_MISSING",
    );
    bad(&v, r##"{"make": 1}"##, "INSTANCE_STRING_EXPECTED");
    bad(
        &v,
        r##"{"make": "x", "wheels": 4}"##,
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
    );
}

#[test]
fn arrays_sets_tuples_maps() {
    let v = validator(
        r##""type": "object", "properties": {
            "a": {"type": "array", "items": {"type": "int32"}},
            "s": {"type": "set", "items": {"type": "number"}},
            "t": {"type": "tuple", "properties": {"x": {"type": "string"}, "y": {"type": "boolean"}}, "tuple": ["x", "y"]},
            "m": {"type": "map", "values": {"type": "uint8"}}}"##,
    );
    ok(
        &v,
        r##"{"a": [], "s": [1, 2, 2.5], "t": ["x", true], "m": {"any key": 1, "": 2}}"##,
    );
    bad(&v, r##"{"a": [1, "2"]}"##, "INSTANCE_INTEGER_EXPECTED");
    bad(&v, r##"{"s": [1, 2, 1.0]}"##, "INSTANCE_SET_DUPLICATE");
    bad(&v, r##"{"s": {}}"##, "INSTANCE_SET_EXPECTED");
    bad(&v, r##"{"t": ["x"]}"##, "INSTANCE_TUPLE_LENGTH_MISMATCH");
    bad(
        &v,
        r##"{"t": ["x", true, 1]}"##,
        "INSTANCE_TUPLE_LENGTH_MISMATCH",
    );
    bad(&v, r##"{"t": [true, "x"]}"##, "INSTANCE_STRING_EXPECTED");
    bad(&v, r##"{"m": {"k": 256}}"##, "INSTANCE_INT_RANGE_INVALID");
    bad(&v, r##"{"m": []}"##, "INSTANCE_MAP_EXPECTED");
    let objects = validator(r##""type": "set", "items": {"type": "any"}"##);
    ok(&objects, r##"[{"a": 1, "b": 2}, {"a": 1, "b": 3}]"##);
    bad(
        &objects,
        r##"[{"a": 1, "b": 2}, {"b": 2.0, "a": 1}]"##,
        "INSTANCE_SET_DUPLICATE",
    );
}

#[test]
fn unions_take_the_first_match() {
    let v = validator(
        r##""type": "object", "properties": {"v": {"type": ["int32", "number", "string"]}, "n": {"type": ["string", "null"]},
            "r": {"type": [{"$ref": "#/definitions/P"}, "null"]}},
           "definitions": {"P": {"type": "object", "properties": {"x": {"type": "int8"}}, "required": ["x"]}}"##,
    );
    ok(&v, r##"{"v": 42, "n": null, "r": null}"##);
    ok(&v, r##"{"v": 42.5, "n": "s", "r": {"x": 1}}"##);
    ok(&v, r##"{"v": "42"}"##);
    bad(&v, r##"{"v": true}"##, "INSTANCE_TYPE_MISMATCH");
    bad(&v, r##"{"n": 1}"##, "INSTANCE_TYPE_MISMATCH");
    // Only one member takes objects, so its own errors are reported.
    bad(&v, r##"{"r": {}}"##, "INSTANCE_REQUIRED_PROPERTY_MISSING");
}

#[test]
fn tagged_and_inline_choices() {
    let v = validator(
        r##""type": "object", "properties": {
            "tagged": {"type": "choice", "choices": {"num": {"type": "int32"}, "txt": {"type": "string"}}},
            "inline": {"type": {"$ref": "#/definitions/Shape"}}},
        "definitions": {
            "Base": {"abstract": true, "type": "object", "properties": {"id": {"type": "string"}}},
            "Circle": {"type": "object", "$extends": "#/definitions/Base", "properties": {"r": {"type": "double"}}, "required": ["r"], "additionalProperties": false},
            "Square": {"type": "object", "$extends": "#/definitions/Base", "properties": {"side": {"type": "double"}}, "additionalProperties": false},
            "Shape": {"type": "choice", "$extends": "#/definitions/Base", "selector": "kind",
                      "choices": {"circle": {"type": {"$ref": "#/definitions/Circle"}}, "square": {"type": {"$ref": "#/definitions/Square"}}}}}"##,
    );
    ok(
        &v,
        r##"{"tagged": {"num": 1}, "inline": {"kind": "circle", "id": "c", "r": 1.5}}"##,
    );
    ok(
        &v,
        r##"{"tagged": {"txt": "x"}, "inline": {"side": 2, "kind": "square"}}"##,
    );
    bad(
        &v,
        r##"{"tagged": {"num": "1"}}"##,
        "INSTANCE_INTEGER_EXPECTED",
    );
    bad(
        &v,
        r##"{"tagged": {"other": 1}}"##,
        "INSTANCE_CHOICE_UNKNOWN",
    );
    bad(
        &v,
        r##"{"tagged": {"num": 1, "txt": "x"}}"##,
        "INSTANCE_CHOICE_NO_MATCH",
    );
    bad(&v, r##"{"tagged": {}}"##, "INSTANCE_CHOICE_NO_MATCH");
    bad(
        &v,
        r##"{"inline": {"r": 1}}"##,
        "INSTANCE_CHOICE_SELECTOR_MISSING",
    );
    bad(
        &v,
        r##"{"inline": {"kind": 1, "r": 1}}"##,
        "INSTANCE_CHOICE_SELECTOR_NOT_STRING",
    );
    bad(
        &v,
        r##"{"inline": {"kind": "hexagon"}}"##,
        "INSTANCE_CHOICE_UNKNOWN",
    );
    bad(
        &v,
        r##"{"inline": {"kind": "circle"}}"##,
        "INSTANCE_REQUIRED_PROPERTY_MISSING",
    );
    bad(
        &v,
        r##"{"inline": {"kind": "circle", "r": 1, "side": 2}}"##,
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
    );
}

#[test]
fn enum_and_const() {
    let v = validator(
        r##""type": "object", "properties": {"s": {"type": "string", "enum": ["a", "b"]}, "c": {"type": "string", "const": "x"},
            "i": {"type": "int64", "enum": ["1", "2"]}, "d": {"type": "decimal", "enum": ["1.50"]}, "f": {"type": "double", "enum": [0.1]}}"##,
    );
    ok(
        &v,
        r##"{"s": "a", "c": "x", "i": 2, "d": "1.5", "f": 0.1}"##,
    );
    ok(&v, r##"{"i": "1"}"##);
    bad(&v, r##"{"s": "c"}"##, "INSTANCE_ENUM_MISMATCH");
    bad(&v, r##"{"c": "y"}"##, "INSTANCE_CONST_MISMATCH");
    bad(&v, r##"{"i": 3}"##, "INSTANCE_ENUM_MISMATCH");
    bad(&v, r##"{"d": "1.51"}"##, "INSTANCE_ENUM_MISMATCH");
}

#[test]
fn validation_keywords_only_when_enabled() {
    let without = Schema::from_slice(
        br##"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://e.com/x", "name": "X",
             "type": "string", "minLength": 3}"##,
    )
    .unwrap();
    let v = Validator::new(&without).unwrap();
    assert!(v.is_valid(br##""a""##), "not enforced without $uses");
    let with =
        validator(r##""type": "string", "minLength": 3, "maxLength": 4, "pattern": "[a-z]+""##);
    ok(&with, r##""abc""##);
    bad(&with, r##""ab""##, "INSTANCE_STRING_MIN_LENGTH");
    bad(&with, r##""abcde""##, "INSTANCE_STRING_MAX_LENGTH");
    bad(&with, r##""ab1""##, "INSTANCE_STRING_PATTERN_MISMATCH");
    // Lengths are in code points, not bytes.
    let lengths = validator(r##""type": "string", "minLength": 3, "maxLength": 3"##);
    ok(&lengths, r##""äöü""##);
    ok(&lengths, r##""a😀b""##);
    bad(&lengths, r##""😀😀""##, "INSTANCE_STRING_MIN_LENGTH");
}

#[test]
fn numeric_bounds_in_each_domain() {
    let v = validator(
        r##""type": "object", "properties": {
            "i": {"type": "int32", "exclusiveMinimum": 2.5, "maximum": 10, "multipleOf": 3},
            "f": {"type": "double", "exclusiveMaximum": 1, "minimum": -1},
            "big": {"type": "int64", "maximum": "9007199254740993"},
            "d": {"type": "decimal", "minimum": "0.10", "multipleOf": "0.05"}}"##,
    );
    ok(
        &v,
        r##"{"i": 3, "f": 0.999, "big": 9007199254740993, "d": "0.15"}"##,
    );
    bad(&v, r##"{"i": 2}"##, "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM");
    bad(&v, r##"{"i": 12}"##, "INSTANCE_NUMBER_MAXIMUM");
    bad(&v, r##"{"i": 4}"##, "INSTANCE_NUMBER_MULTIPLE_OF");
    bad(&v, r##"{"f": 1}"##, "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM");
    bad(&v, r##"{"f": -1.5}"##, "INSTANCE_NUMBER_MINIMUM");
    bad(
        &v,
        r##"{"big": "9007199254740994"}"##,
        "INSTANCE_NUMBER_MAXIMUM",
    );
    bad(&v, r##"{"d": "0.05"}"##, "INSTANCE_NUMBER_MINIMUM");
    bad(&v, r##"{"d": "0.17"}"##, "INSTANCE_NUMBER_MULTIPLE_OF");
}

#[test]
fn collection_keywords() {
    let v = validator(
        r##""type": "object", "properties": {
            "a": {"type": "array", "items": {"type": "int32"}, "minItems": 1, "maxItems": 3, "uniqueItems": true,
                  "contains": {"type": "int32", "minimum": 10}, "maxContains": 1},
            "m": {"type": "map", "values": {"type": "int32"}, "minEntries": 1, "keyNames": {"type": "string", "pattern": "[a-z]+"}},
            "o": {"type": "object", "properties": {"x": {"type": "string"}, "y": {"type": "string"}},
                  "dependentRequired": {"x": ["y"]}, "maxProperties": 2}}"##,
    );
    ok(
        &v,
        r##"{"a": [1, 10], "m": {"ab": 1}, "o": {"x": "1", "y": "2"}}"##,
    );
    bad(&v, r##"{"a": []}"##, "INSTANCE_MIN_ITEMS");
    bad(&v, r##"{"a": [1, 2, 10, 4]}"##, "INSTANCE_MAX_ITEMS");
    bad(&v, r##"{"a": [10, 10]}"##, "INSTANCE_SET_DUPLICATE");
    bad(&v, r##"{"a": [1, 2]}"##, "INSTANCE_MIN_CONTAINS");
    bad(&v, r##"{"a": [10, 11]}"##, "INSTANCE_MAX_CONTAINS");
    bad(&v, r##"{"m": {}}"##, "INSTANCE_MAP_MIN_ENTRIES");
    bad(&v, r##"{"m": {"AB": 1}}"##, "INSTANCE_MAP_KEY_INVALID");
    bad(&v, r##"{"o": {"x": "1"}}"##, "INSTANCE_DEPENDENT_REQUIRED");
    bad(
        &v,
        r##"{"o": {"x": "1", "y": "2", "z": 3}}"##,
        "INSTANCE_MAX_PROPERTIES",
    );
}

/// The validation draft lets `dependentRequired` name members the object does not declare;
/// they count when present as additional or pattern members, as triggers and as dependencies.
#[test]
fn dependent_required_names_undeclared_members() {
    let v = validator(
        r##""type": "object", "properties": {"age": {"type": "int32"}, "name": {"type": "string"}},
            "patternProperties": {"^meta_": {"type": "string"}},
            "dependentRequired": {"age": ["birthdate"], "meta_a": ["name", "meta_b"]}"##,
    );
    ok(&v, r##"{"name": "n"}"##);
    ok(&v, r##"{"age": 3, "birthdate": "2000-01-01"}"##);
    ok(&v, r##"{"meta_a": "x", "meta_b": "y", "name": "n"}"##);
    bad(&v, r##"{"age": 3}"##, "INSTANCE_DEPENDENT_REQUIRED");
    bad(
        &v,
        r##"{"meta_a": "x", "name": "n"}"##,
        "INSTANCE_DEPENDENT_REQUIRED",
    );
    let report = v.validate(br#"{"meta_a": "x"}"#).unwrap_err();
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "property 'meta_a' requires property 'name'",
            "property 'meta_a' requires property 'meta_b'"
        ]
    );
}

/// Core `#add-ins`: an offered add-in type extends a type and replaces it wherever it is used
/// once an instance names the add-in in its root `$uses`; `$uses` may only name offered add-ins.
#[test]
fn instance_uses_enables_offered_add_ins() {
    let v = validator(
        r##""$root": "#/definitions/Order",
            "$offers": {"Delivery": "#/definitions/DeliveryInstructions", "Gift": ["#/definitions/GiftNote"]},
            "definitions": {
              "Order": {"type": "object", "properties": {
                  "id": {"type": "string"},
                  "ship_to": {"type": {"$ref": "#/definitions/StreetAddress"}}},
                "additionalProperties": false},
              "StreetAddress": {"type": "object", "properties": {"street": {"type": "string"}},
                "additionalProperties": false},
              "DeliveryInstructions": {"abstract": true, "type": "object",
                "$extends": "#/definitions/StreetAddress",
                "properties": {"instructions": {"type": "string"}, "floor": {"type": "int32"}},
                "required": ["instructions"]},
              "GiftNote": {"abstract": true, "type": "object",
                "properties": {"note": {"type": "string"}}}}"##,
    );
    // Without $uses the add-in's members are unknown to the closed types.
    ok(&v, r##"{"id": "1", "ship_to": {"street": "Main St"}}"##);
    bad(
        &v,
        r##"{"id": "1", "ship_to": {"street": "Main St", "instructions": "back door"}}"##,
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
    );
    // With it, they are members of the extended type wherever it appears, checked by their
    // own schema; `$uses` may come after them.
    ok(
        &v,
        r##"{"ship_to": {"street": "Main St", "instructions": "back door", "floor": 2}, "id": "1",
            "$uses": ["Delivery"]}"##,
    );
    bad(
        &v,
        r##"{"$uses": ["Delivery"], "ship_to": {"instructions": "x", "floor": "two"}}"##,
        "INSTANCE_INTEGER_EXPECTED",
    );
    bad(
        &v,
        r##"{"$uses": ["Delivery"], "ship_to": {"street": "Main St"}}"##,
        "INSTANCE_REQUIRED_PROPERTY_MISSING",
    );
    // An add-in without $extends adds to the document's type; each add-in is enabled alone.
    ok(&v, r##"{"$uses": ["Gift"], "id": "1", "note": "enjoy"}"##);
    bad(
        &v,
        r##"{"$uses": ["Gift"], "ship_to": {"instructions": "x"}}"##,
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
    );
    // What $uses may hold.
    bad(
        &v,
        r##"{"$uses": ["Delivery", "Units"]}"##,
        "INSTANCE_USES_NOT_OFFERED",
    );
    bad(
        &v,
        r##"{"$uses": ["Gift", "Gift"]}"##,
        "INSTANCE_SET_DUPLICATE",
    );
    bad(&v, r##"{"$uses": "Gift"}"##, "INSTANCE_ARRAY_EXPECTED");
    bad(&v, r##"{"$uses": [1]}"##, "INSTANCE_STRING_EXPECTED");
    // `$uses` is instance metadata only at the root.
    bad(
        &v,
        r##"{"ship_to": {"$uses": ["Delivery"], "instructions": "x"}}"##,
        "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED",
    );
    let report = v.validate(br#"{"$uses": ["Units"]}"#).unwrap_err();
    assert_eq!(report.errors[0].path, "/$uses/0");
    assert_eq!(
        report.errors[0].message,
        "$uses names the add-in 'Units', which the schema does not offer (it offers: Delivery, Gift)"
    );
}

/// A schema that offers nothing accepts no `$uses` names, but `$uses` is still metadata there:
/// it is never checked as an ordinary member.
#[test]
fn instance_uses_without_offers() {
    let v = validator(
        r##""type": "object", "properties": {"value": {"type": "string"}}, "additionalProperties": false"##,
    );
    ok(
        &v,
        r##"{"$schema": "https://example.com/t", "$uses": [], "value": "x"}"##,
    );
    assert_eq!(
        codes(
            &v,
            r##"{"$uses": ["JSONStructureValidation"], "value": "x"}"##
        ),
        ["INSTANCE_USES_NOT_OFFERED"]
    );
    let v = validator(r##""type": "map", "values": {"type": "string"}"##);
    ok(&v, r##"{"$uses": [], "a": "b"}"##);
    bad(
        &v,
        r##"{"$uses": ["X"], "a": "b"}"##,
        "INSTANCE_USES_NOT_OFFERED",
    );
}

#[test]
fn composition_keywords() {
    let v = validator(
        r##""type": "object", "properties": {
            "all": {"type": "int32", "allOf": [{"type": "int32", "minimum": 0}, {"type": "int32", "maximum": 9}]},
            "any": {"anyOf": [{"type": "string"}, {"type": "int32", "minimum": 100}]},
            "one": {"oneOf": [{"type": "int32"}, {"type": "number"}]},
            "not": {"type": "string", "not": {"type": "string", "enum": ["forbidden"]}},
            "cond": {"type": "int32", "if": {"type": "int32", "minimum": 10}, "then": {"type": "int32", "multipleOf": 10}}}"##,
    );
    ok(
        &v,
        r##"{"all": 5, "any": "s", "one": 1.5, "not": "ok", "cond": 20}"##,
    );
    ok(&v, r##"{"any": 150, "cond": 7}"##);
    bad(&v, r##"{"all": 10}"##, "INSTANCE_NUMBER_MAXIMUM");
    bad(&v, r##"{"any": 5}"##, "INSTANCE_ANY_OF_NONE_MATCHED");
    bad(&v, r##"{"one": 1}"##, "INSTANCE_ONE_OF_INVALID_COUNT");
    bad(&v, r##"{"not": "forbidden"}"##, "INSTANCE_NOT_MATCHED");
    bad(&v, r##"{"cond": 15}"##, "INSTANCE_CONDITIONAL_FAILED");
}

#[test]
fn the_same_type_reached_twice_through_all_of_reports_its_error_once() {
    let v = validator(
        r##""$root": "#/definitions/A", "definitions": {"A": {"type": "object", "properties": {
            "a": {"type": "string"},
            "n": {"allOf": [{"type": {"$ref": "#/definitions/A"}}, {"type": {"$ref": "#/definitions/A"}}]}}}}"##,
    );
    let text = r#"{"n": {"n": {"n": {"a": 1}}}}"#;
    assert_eq!(codes(&v, text), ["INSTANCE_STRING_EXPECTED"]);
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let report = v.validate_value(&value).unwrap_err();
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(report.errors[0].path, "/n/n/n/a");
}

#[test]
fn errors_are_located() {
    let v = validator(
        r##""type": "object", "properties": {"list": {"type": "array", "items": {"type": "uint8"}}}"##,
    );
    let report = v.validate(b"{\n  \"list\": [1,\n    300]\n}").unwrap_err();
    let e = &report.errors[0];
    assert_eq!(
        (e.code, e.path.as_str()),
        (InstanceCode::IntRangeInvalid, "/list/1")
    );
    assert_eq!((e.line, e.column), (Some(3), Some(5)));
    assert_eq!(e.schema_path, "/properties/list/items");
    let value: serde_json::Value = serde_json::from_str(r##"{"list": [1, 300]}"##).unwrap();
    let e = &v.validate_value(&value).unwrap_err().errors[0];
    assert_eq!((e.path.as_str(), e.line), ("/list/1", None));
}

#[test]
fn malformed_json_is_an_invalid_instance_with_a_location() {
    let v = validator(r##""type": "any""##);
    for (input, line, column, path) in [
        ("{\"a\": [1, 2", 1, 12, "/a/1"),
        ("{\"a\": 1} x", 1, 10, ""),
        ("", 1, 1, ""),
        // The lone surrogate is reported at its escape.
        ("[\"\\ud800\"]", 1, 3, "/0"),
        ("{\n\"a\": 01}", 2, 7, "/a"),
        ("{\"a\": {\"b\": tru}}", 1, 16, "/a/b"),
    ] {
        let report = v.validate(input.as_bytes()).unwrap_err();
        let e = &report.errors[0];
        assert_eq!(e.code, InstanceCode::JsonSyntax, "{input}");
        assert_eq!((e.line, e.column), (Some(line), Some(column)), "{input}");
        assert_eq!(e.path, path, "{input}");
    }
    assert!(!v.is_valid(b"\"\xff\""));
    assert!(!v.is_valid(b"\"a\x00b\""));
}

#[test]
fn deep_nesting_is_rejected_quickly_without_overflow() {
    let v = validator(
        r##""$root": "#/definitions/Tree", "definitions": {"Tree": {"type": "object",
        "properties": {"c": {"type": [{"$ref": "#/definitions/Tree"}, "null"]}}}}"##,
    );
    let deep = "{\"c\":".repeat(200_000) + "null" + &"}".repeat(200_000);
    let report = v.validate(deep.as_bytes()).unwrap_err();
    assert_eq!(report.errors[0].code, InstanceCode::MaxDepthExceeded);
    let any = validator(r##""type": "any""##);
    let arrays = "[".repeat(200_000) + &"]".repeat(200_000);
    let e = &any.validate(arrays.as_bytes()).unwrap_err().errors[0];
    assert_eq!(e.code, InstanceCode::JsonSyntax);
    // The limit of the document, wherever the skipped value starts.
    assert!(
        e.message.contains("deeper than 128 levels"),
        "{}",
        e.message
    );
    let inner = validator(r##""type": "object", "properties": {"a": {"type": "any"}}"##);
    let e = &inner
        .validate(format!("{{\"a\": {arrays}}}").as_bytes())
        .unwrap_err()
        .errors[0];
    assert!(
        e.message.contains("deeper than 128 levels"),
        "{}",
        e.message
    );
    assert_eq!(e.path, "/a/0/0/0".to_owned() + &"/0".repeat(124));
    let ok_depth = "{\"c\":".repeat(100) + "null" + &"}".repeat(100);
    assert!(v.is_valid(ok_depth.as_bytes()));
}

#[test]
fn huge_numbers_are_handled() {
    let v = validator(
        r##""type": "object", "properties": {"i": {"type": "int64"}, "n": {"type": "number"}, "d": {"type": "double"}}"##,
    );
    let digits = "9".repeat(5000);
    bad(
        &v,
        &format!(r##"{{"i": {digits}}}"##),
        "INSTANCE_INT_RANGE_INVALID",
    );
    ok(&v, &format!(r##"{{"n": {digits}}}"##));
    bad(
        &v,
        &format!(r##"{{"d": {digits}}}"##),
        "INSTANCE_INT_RANGE_INVALID",
    );
}

#[test]
fn validator_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Validator>();
}

#[test]
fn schema_without_root_cannot_compile() {
    let s = Schema::from_slice(
        br##"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://e.com/x", "name": "X",
             "definitions": {"A": {"type": "string"}}}"##,
    )
    .unwrap();
    assert!(matches!(Validator::new(&s), Err(CompileError::NoRoot)));
    let a = s.definition("#/definitions/A").unwrap();
    let v = Validator::for_type(&s, a, Options::default());
    assert!(v.is_valid(br##""x""##));
}

#[test]
fn max_errors_keeps_the_first_in_document_order_and_counts_the_rest() {
    let s = schema(
        r##""type": "object", "properties": {"a": {"type": "int32"}, "b": {"type": "string"}},
            "required": ["a", "b"], "additionalProperties": false"##,
    );
    let all = Validator::new(&s).unwrap();
    // The missing `b` is found after the members but belongs at the object's start.
    let text = "{\"x\": 1,\n \"a\": \"no\", \"y\": [2], \"z\": 3}";
    let full = all.validate(text.as_bytes()).unwrap_err();
    assert_eq!(full.omitted, 0);
    let paths: Vec<&str> = full.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["", "/x", "/a", "/y", "/z"]);
    for max in 0..=6 {
        let limited = Validator::with_options(&s, Options::default().max_errors(max)).unwrap();
        let report = limited.validate(text.as_bytes()).unwrap_err();
        let shown = max.min(full.errors.len());
        assert_eq!(report.errors[..], full.errors[..shown], "max {max}");
        assert_eq!(report.omitted, full.errors.len() - shown, "max {max}");
        assert!(limited.is_valid(b"{\"a\": 1, \"b\": \"x\"}"));
        assert!(!limited.is_valid(text.as_bytes()));
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let by_value = limited.validate_value(&value).unwrap_err();
        assert_eq!(by_value.errors.len() + by_value.omitted, full.errors.len());
    }
    let two = Validator::with_options(&s, Options::default().max_errors(2)).unwrap();
    let shown = two.validate(text.as_bytes()).unwrap_err().to_string();
    assert!(
        shown.starts_with("invalid instance (5 error(s))")
            && shown.ends_with("3 more error(s) not shown"),
        "{shown}"
    );
}

#[test]
fn errors_on_one_long_line_are_located_like_one_by_one() {
    // Regression: lines and columns are now found in one pass over the text; they must be
    // exactly what a lookup per error gives, also after multi-byte characters.
    let v = validator(r##""type": "map", "values": {"type": "int32"}"##);
    let mut text = String::from("{");
    for i in 0..300 {
        text.push_str(&format!("\"k\u{e9}{i}\": \"\u{1f600}{i}\", "));
        if i % 97 == 0 {
            text.push('\n');
        }
    }
    text.push_str("\"end\": 0}");
    let report = v.validate(text.as_bytes()).unwrap_err();
    assert_eq!(report.errors.len(), 300);
    for e in &report.errors {
        let want = crate::location::line_col(text.as_bytes(), e.offset.unwrap());
        assert_eq!((e.line, e.column), (Some(want.0), Some(want.1)), "{e}");
    }
}

#[test]
fn every_single_byte_change_of_sessions_gets_one_verdict_from_every_path() {
    // The fast readers (keys the prediction missed, digit runs, integers in strings, nullable
    // unions) against the collecting walk and the `Value` walk, on every position of real
    // payloads with every byte that matters to them.
    let text = include_str!("../../../../schemas/clerk/session.struct.json");
    let s = Schema::from_slice(text.as_bytes()).unwrap();
    let v = Validator::with_options(&s, Options::default().int64_numbers(true)).unwrap();
    let payloads = [
        r#"{"object":"session","id":"sess_2wmSnIrq5dtl","user_id":"user_2wjo","client_id":"client_2vX","actor":null,"status":"active","last_active_organization_id":"org_2wjo","last_active_at":1746645421127,"latest_activity":{"object":"session_activity","id":"sa_1","is_mobile":false,"city":"Z\u00fcrich","device_type":"Mac \"x\" \/"},"expire_at":1747250221127,"abandon_at":1749237421127,"updated_at":1746645421195,"created_at":1746645421127,"tasks":[{"key":"setup-mfa"}]}"#,
        r#"{"updated_at":"1746645421195","tasks":null,"status":"pending","object":"session","created_at":"-1746645421127","last_active_at":"0","id":"s","expire_at":"9223372036854775807","client_id":"c","actor":{"sub":"u","claims":{"a":[1,2.5,"é"]}},"abandon_at":"12345678","user_id":"u"}"#,
    ];
    let bytes: &[u8] = b"09-\"\\.eEx }:,\xffn1";
    let mut checked = 0;
    for payload in payloads {
        assert!(v.is_valid(payload.as_bytes()), "{payload}");
        for at in 0..payload.len() {
            for &b in bytes {
                let mut text = payload.as_bytes().to_vec();
                text[at] = b;
                let fast = v.is_valid(&text);
                let report = v.validate(&text);
                assert_eq!(fast, report.is_ok(), "{}", String::from_utf8_lossy(&text));
                let Err(report) = report else {
                    continue;
                };
                assert!(!report.errors.is_empty());
                let duplicate = report
                    .errors
                    .iter()
                    .any(|e| e.code == InstanceCode::DuplicateProperty);
                if let (Ok(value), false) = (serde_json::from_slice(&text), duplicate) {
                    assert_eq!(
                        v.is_valid_value(&value),
                        fast,
                        "bytes and Value disagree on {}",
                        String::from_utf8_lossy(&text)
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// Key-order hints (the learned successor of each member in bytes and in parsed maps, and
/// whether the last object of a type was shuffled) are shared by every validation with one
/// validator: whatever order the stream before taught, a payload gets the verdict a fresh
/// validator gives it, from bytes and from a `Value` (`codes` checks both).
#[test]
fn key_order_hints_never_change_a_verdict() {
    let body = r##""type": "object", "properties": {
        "a": {"type": "string"}, "b": {"type": "int32"}, "c": {"type": "boolean"},
        "d": {"type": "string"}, "e": {"type": "int32"}, "f": {"type": "string"}},
        "required": ["a", "c", "e"], "additionalProperties": false"##;
    let shared = validator(body);
    let members = [
        r#""a": "x""#,
        r#""b": 1"#,
        r#""c": true"#,
        r#""d": "y""#,
        r#""e": 2"#,
        r#""f": "z""#,
        r#""g": 0"#,
        r#""b": "wrong""#,
    ];
    // A deterministic stream of payloads in declaration order, reversed, rotated and with
    // members left out, added or repeated.
    let mut state = 7u64;
    for round in 0..600 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut picked: Vec<&str> = members[..6]
            .iter()
            .enumerate()
            .filter(|(i, _)| (state >> (i + 8)) & 3 != 0)
            .map(|(_, m)| *m)
            .collect();
        let len = picked.len();
        match round % 5 {
            0 => {}
            1 => picked.reverse(),
            2 => picked.rotate_left((state >> 20) as usize % len.max(1)),
            3 => picked.push(members[6 + (state >> 30) as usize % 2]),
            _ if len > 1 => picked.swap(0, len - 1),
            _ => {}
        }
        let text = format!("{{{}}}", picked.join(", "));
        let fresh = validator(body);
        assert_eq!(
            shared.is_valid(text.as_bytes()),
            fresh.is_valid(text.as_bytes()),
            "{text}"
        );
        assert_eq!(codes(&shared, &text), codes(&fresh, &text), "{text}");
    }
}

/// The quick integer readers need eight bytes of lookahead, so the short instances above end
/// in the full number reader; these are long enough for the quick path, whose out-of-range
/// values must get the same report: code, pointer and the value in the message.
#[test]
fn out_of_range_integers_from_the_quick_readers_get_the_full_report() {
    let v = validator(
        r##""type": "object", "properties": {"a": {"type": "int8"}, "b": {"type": "uint32"},
        "i": {"type": "int64"}, "u": {"type": "uint64"}, "pad": {"type": "string"}}"##,
    );
    let pad = r#""pad": "the quick readers look eight bytes ahead""#;
    let range = "INSTANCE_INT_RANGE_INVALID";
    for (member, shown, code) in [
        (r#""a": 128"#, "128", range),
        (r#""a": -129"#, "-129", range),
        (r#""b": 4294967296"#, "4294967296", range),
        (r#""b": -1"#, "-1", range),
        (
            r#""i": "9223372036854775808""#,
            "9223372036854775808",
            range,
        ),
        // A minus sign is not in uint64's string form at all.
        (r#""u": "-1""#, "-1", "INSTANCE_INTEGER_EXPECTED"),
    ] {
        for text in [
            format!("{{{member}, {pad}}}"),
            format!("{{{pad}, {member}}}"),
        ] {
            assert!(!v.is_valid(text.as_bytes()), "{text}");
            let report = v.validate(text.as_bytes()).expect_err(&text);
            let [e] = &report.errors[..] else {
                panic!("one error expected for {text}: {:?}", report.errors);
            };
            assert_eq!(e.code.as_str(), code, "{text}");
            assert_eq!(e.path, format!("/{}", &member[1..2]), "{text}");
            assert!(e.message.contains(shown), "{text}: {}", e.message);
            // Bytes and parsed values agree.
            assert_eq!(codes(&v, &text), [code], "{text}");
        }
    }
}

/// Keys out of the learned order are found by their first eight bytes and one comparison
/// with the input: names that share those bytes, are shorter or longer than a word, are
/// empty, non-ASCII or need escapes, and keys written with escapes or spaced from their
/// colon must still land on their own property, and near misses on none.
#[test]
fn shuffled_keys_find_their_own_property_whatever_their_shape() {
    // Each property takes only its own value, so a mix-up is an error.
    let props = [
        "",
        "a",
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "abcdefgh_x",
        "last_active_at",
        "last_active_organization_id",
        "caf\u{e9}",
        "quo\"te",
    ];
    let value = |i: usize| format!(r#""v{i}""#);
    let body = format!(
        r#"{{"$schema": "https://json-structure.org/meta/extended/v0/#",
            "$id": "https://example.com/t", "$uses": ["JSONStructureAlternateNames"],
            "name": "T", "type": "object", "properties": {{{}}}, "additionalProperties": false}}"#,
        props
            .iter()
            .enumerate()
            .map(|(i, name)| {
                // Identifiers as declared names, the shapes under test as wire names.
                let wire = serde_json::to_string(name).unwrap();
                format!(r#""p{i}": {{"type": "string", "const": "v{i}", "altnames": {{"json": {wire}}}}}"#)
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    let doc = Schema::from_slice(body.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let v = Validator::new(&doc).unwrap();
    let member = |i: usize, spaced: bool, escaped: bool| {
        let name = props[i];
        let mut key = serde_json::to_string(name).unwrap();
        if escaped && !name.is_empty() {
            // The first character as a \u escape: the same name in other bytes.
            let c = name.chars().next().unwrap_or('a');
            key = format!("\"\\u{:04x}{}", c as u32, &key[1 + c.len_utf8()..]);
        }
        format!("{key}{}{}", if spaced { " : " } else { ":" }, value(i))
    };
    let mut state = 11u64;
    let mut swapped = 0;
    for round in 0..300 {
        let mut order: Vec<usize> = (0..props.len()).collect();
        for i in (1..order.len()).rev() {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let text = format!(
            "{{{}}}",
            order
                .iter()
                .map(|&i| member(i, round % 3 == 1, round % 5 == 2 && i % 2 == 0))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(codes(&v, &text), Vec::<&str>::new(), "{text}");
        // One member's value swapped for another's: an error at that member.
        let (wrong, donor) = (order[0], order[1]);
        let bad = text.replacen(
            &format!(":{}", value(wrong)),
            &format!(":{}", value(donor)),
            1,
        );
        // (Spaced rounds write ` : ` and are left as they are.)
        if bad != text {
            swapped += 1;
            let report = v.validate(bad.as_bytes()).expect_err(&bad);
            assert!(!report.errors.is_empty());
            let pointer = format!("/{}", props[wrong]);
            assert!(
                report.errors.iter().all(|e| e.path == pointer),
                "{bad}: {:?}",
                report.errors
            );
        }
    }
    assert!(swapped >= 150, "{swapped}");
    // Near misses of declared names are undeclared, compact or not.
    for near in [
        "abcdefgh_y",
        "abcdefgh ",
        "abcdefghij",
        "abcdef",
        "b",
        "last_active_a",
        "caf",
    ] {
        for text in [
            format!(r#"{{"{near}":1,"a":"v1","abcdefg":"v2"}}"#),
            format!(r#"{{"a":"v1","{near}" :1,"abcdefg":"v2"}}"#),
        ] {
            assert_eq!(
                codes(&v, &text),
                ["INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"],
                "{text}"
            );
        }
    }
}

#[test]
fn string_enum_values_are_found_verbatim_escaped_and_never_by_a_near_miss() {
    // Prefixes of each other, sharing their first eight bytes, non-ASCII, values JSON must
    // escape (no raw form), and one longer than the 32-byte window of the raw comparison.
    let values = [
        "",
        "a",
        "act",
        "active",
        "activeX",
        "abcdefgh",
        "abcdefghi",
        "abcdefgh_x",
        "caf\u{e9}",
        "quo\"te",
        "back\\slash",
        "a_value_longer_than_the_thirty_two_byte_window",
    ];
    let body = format!(
        r#""type": "object", "properties": {{"s": {{"type": "string", "enum": {}}},
            "c": {{"type": "string", "const": "active"}}}}, "additionalProperties": false"#,
        serde_json::to_string(&values).unwrap()
    );
    let v = validator(&body);
    for value in values {
        let json = serde_json::to_string(value).unwrap();
        // At the end of the input, before another member, and after whitespace.
        ok(&v, &format!(r#"{{"s":{json}}}"#));
        ok(&v, &format!(r#"{{"s":{json},"c":"active"}}"#));
        ok(&v, &format!(r#"{{"c":"active", "s" : {json} }}"#));
        // The first character as a \u escape: the same value in other bytes.
        if let Some(c) = value.chars().next() {
            let escaped = format!("\"\\u{:04x}{}", c as u32, &json[1 + c.len_utf8()..]);
            ok(&v, &format!(r#"{{"s":{escaped}}}"#));
        }
        // One character more or less, or another case: not in the set.
        let mut near = vec![format!("{value}y"), value.to_uppercase()];
        near.extend(
            value
                .char_indices()
                .last()
                .map(|(i, _)| value[..i].to_owned()),
        );
        for other in near.iter().filter(|n| !values.contains(&n.as_str())) {
            let json = serde_json::to_string(other).unwrap();
            for text in [
                format!(r#"{{"s":{json}}}"#),
                format!(r#"{{"s":{json},"c":"active"}}"#),
            ] {
                assert_eq!(codes(&v, &text), ["INSTANCE_ENUM_MISMATCH"], "{text}");
            }
        }
    }
    for c in [
        "\"activ\"",
        "\"activeX\"",
        "\"Active\"",
        "\"\\u0041ctive\"",
        "\"\"",
    ] {
        let text = format!(r#"{{"c":{c}}}"#);
        assert_eq!(codes(&v, &text), ["INSTANCE_CONST_MISMATCH"], "{text}");
    }
    ok(&v, r#"{"c":"\u0061ctive"}"#);
}
