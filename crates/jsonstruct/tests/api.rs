//! The library entry points that scripts use (../shared/DESIGN.md, "CLI contract"), called
//! exactly as scripts call them, and their signatures pinned: a change that breaks any of them
//! fails this file's build, not a user's.

use std::path::{Path, PathBuf};

use jsonstruct::{CompileError, LoadError, Options, Report, Schema, ValidationError, Validator};
use jsonstruct_test_support::session;
use serde_json::Value;

fn session_schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/clerk/session.struct.json")
}

/// The signatures themselves: coercing each entry point to a function pointer of the exact
/// type scripts rely on fails to compile when a parameter or result type changes.
#[test]
fn entry_point_signatures_are_pinned() {
    let _: fn(&[u8]) -> Result<Schema, LoadError> = Schema::from_slice;
    let _: fn(&Path) -> Result<Schema, LoadError> = |p| Schema::from_path(p);
    let _: fn(&str) -> Result<Schema, LoadError> = |p| Schema::from_path(p);
    let _: fn(&Schema) -> Result<Validator, CompileError> = Validator::new;
    let _: fn(&Schema, Options) -> Result<Validator, CompileError> = Validator::with_options;
    let _: fn(&Validator, &[u8]) -> bool = Validator::is_valid;
    let _: fn(&Validator, &[u8]) -> Result<(), Report> = Validator::validate;
    let _: fn(&Validator, &Value) -> bool = Validator::is_valid_value;
    let _: fn() -> Options = Options::default;
    let _: fn(Options, bool) -> Options = Options::int64_numbers;
    // A validator is shared between threads (the CLI validates files in parallel).
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Validator>();
    send_sync::<Schema>();
}

#[test]
fn from_path_new_and_with_options_on_the_clerk_session() {
    let schema = Schema::from_path(session_schema_path()).expect("the Session schema loads");
    let spec = Validator::new(&schema).expect("compiles");
    let clerk =
        Validator::with_options(&schema, Options::default().int64_numbers(true)).expect("compiles");

    // Clerk's payloads send 64-bit timestamps as JSON numbers: valid only when asked for.
    let payload = session::minimal();
    let bytes = serde_json::to_vec(&payload).unwrap();
    assert!(clerk.is_valid(&bytes));
    assert!(clerk.is_valid_value(&payload));
    assert!(clerk.validate(&bytes).is_ok());
    assert!(!spec.is_valid(&bytes));
    assert!(!spec.is_valid_value(&payload));

    // The spec's string form is valid either way.
    let mut strings = payload.clone();
    for key in [
        "last_active_at",
        "expire_at",
        "abandon_at",
        "updated_at",
        "created_at",
    ] {
        strings[key] = Value::String(strings[key].to_string());
    }
    let bytes = serde_json::to_vec(&strings).unwrap();
    assert!(spec.is_valid(&bytes) && clerk.is_valid(&bytes));
}

#[test]
fn validate_reports_located_errors_with_the_documented_fields() {
    let schema = Schema::from_slice(
        br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
            "$id": "https://example.com/api", "name": "T", "type": "object",
            "properties": {"at": {"type": "int64"}, "tag": {"type": "string", "enum": ["a"]}},
            "required": ["at"]}"#,
    )
    .expect("loads");
    let validator = Validator::new(&schema).expect("compiles");
    let report: Report = validator
        .validate(b"{\n  \"at\": 1,\n  \"tag\": \"b\"\n}")
        .expect_err("invalid");
    // What README's "The library" prints for each error.
    let found: Vec<(&str, &str, Option<usize>, Option<usize>)> = report
        .errors
        .iter()
        .map(|e: &ValidationError| (e.code.as_str(), e.path.as_str(), e.line, e.column))
        .collect();
    assert_eq!(
        found,
        [
            ("INSTANCE_STRING_EXPECTED", "/at", Some(2), Some(9)),
            ("INSTANCE_ENUM_MISMATCH", "/tag", Some(3), Some(10)),
        ]
    );
    assert!(report.errors.iter().all(|e| !e.message.is_empty()));
    assert_eq!(report.omitted, 0);
    // The report serialises without a verdict of its own: `Err` is the verdict.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["errors"]
    );
    assert_eq!(json["errors"][1]["path"], "/tag");

    let with =
        Validator::with_options(&schema, Options::default().int64_numbers(true)).expect("compiles");
    let report = with
        .validate(br#"{"at": 1, "tag": "b"}"#)
        .expect_err("invalid");
    assert_eq!(report.errors.len(), 1);
    assert!(with.is_valid(br#"{"at": 1, "tag": "a"}"#));
}

#[test]
fn load_errors_are_located_and_name_the_file() {
    let err = Schema::from_slice(br#"{"$schema": "https://json-structure.org/meta/core/v0/#"}"#)
        .expect_err("no $id");
    assert!(!err.diagnostics().is_empty());
    let missing = Schema::from_path("/no/such/schema.struct.json").expect_err("no file");
    assert!(matches!(missing, LoadError::Io { .. }), "{missing:?}");
    assert!(missing.to_string().contains("/no/such/schema.struct.json"));
}
