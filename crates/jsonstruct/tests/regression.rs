//! Regression tests, one per fixed bug, each named after what the bug was.

use jsonstruct::{Code, Schema};

/// The message of the `SCHEMA_TYPE_INVALID` error for a root `type`.
fn invalid_type_message(type_name: &str) -> String {
    let doc = format!(
        r#"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t", "name": "T", "type": "{type_name}"}}"#
    );
    let report = Schema::check(doc.as_bytes());
    let e = report
        .errors()
        .find(|d| d.code == Code::SchemaTypeInvalid)
        .unwrap_or_else(|| panic!("{type_name}: no SCHEMA_TYPE_INVALID"));
    assert_eq!(e.pointer, "/type");
    e.message.clone()
}

/// `int65` was reported as an invalid type without a suggestion: only a fixed list of other
/// languages' names (`long`, `bool`, ...) got one. Now the closest valid names do.
#[test]
fn int65_got_no_did_you_mean() {
    assert_eq!(
        invalid_type_message("int65"),
        "invalid type: 'int65' (did you mean int64?)"
    );
    for (typo, meant) in [
        ("strnig", "string"),
        ("unit32", "uint32"),
        ("Int64", "int64"),
        ("datetme", "datetime"),
        ("uuidd", "uuid"),
        ("arry", "array"),
        ("flaot", "float"),
        ("tupel", "tuple"),
    ] {
        assert!(
            invalid_type_message(typo).ends_with(&format!("(did you mean {meant}?)")),
            "{typo}: {}",
            invalid_type_message(typo)
        );
    }
    // Ties name every closest type; other languages' names keep their hints.
    assert!(invalid_type_message("int9").ends_with("(did you mean int8?)"));
    assert!(invalid_type_message("long").ends_with("(did you mean int32 or int64?)"));
    // Nothing close, nothing suggested.
    assert_eq!(invalid_type_message("banana"), "invalid type: 'banana'");
    assert_eq!(invalid_type_message("xyz"), "invalid type: 'xyz'");
}
