//! Helpers shared by the test files of this crate (the corpus, the Session's facts and the
//! Clerk payload table are in `jsonstruct-test-support`).

// Each test file compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use jsonstruct::{Schema, Validator};
use jsonstruct_test_support::{clerk, corpus};
use serde_json::Value;

pub fn session_schema() -> Schema {
    let path = corpus::workspace_root().join("schemas/clerk/session.struct.json");
    Schema::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Session's validator with the workspace's settings: `schemas/jsonstruct.toml` accepts
/// 64-bit integers as JSON numbers (Clerk's millisecond timestamps).
pub fn session_validator() -> Validator {
    let path = corpus::workspace_root().join("schemas/clerk/session.struct.json");
    let numbers = jsonstruct::config::Config::discover(&path)
        .expect("a readable jsonstruct.toml")
        .is_some_and(|(_, c)| c.int64_numbers());
    assert!(
        numbers,
        "schemas/jsonstruct.toml accepts int64 numbers for Clerk"
    );
    Validator::with_options(
        &session_schema(),
        jsonstruct::Options::default().int64_numbers(numbers),
    )
    .expect("compile the Session schema")
}

/// `<shared>/clerk`, or `None` when it is missing: `test` records its `cases` as not run
/// (or fails under `JSONSTRUCT_REQUIRE_CORPUS`).
pub fn clerk_dir(test: &str, cases: usize) -> Option<PathBuf> {
    corpus::open("clerk_session_tests", test, clerk::NEEDS, cases).map(|s| s.join(clerk::DIR))
}

/// The validator's verdict on a value, from bytes and from the `Value`; they must agree.
pub fn accepts(v: &Validator, value: &Value) -> bool {
    let bytes = serde_json::to_vec(value).expect("serialize");
    let from_bytes = v.is_valid(&bytes);
    let from_value = v.is_valid_value(value);
    assert_eq!(
        from_bytes, from_value,
        "bytes and Value verdicts differ for {value}"
    );
    from_bytes
}
