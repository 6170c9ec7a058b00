//! Helpers shared by the test files of this crate.

// Each test file compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use jsonstruct::{Schema, Validator};
use serde_json::Value;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn session_schema() -> Schema {
    let path = workspace().join("schemas/clerk/session.struct.json");
    Schema::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn session_validator() -> Validator {
    Validator::new(&session_schema()).expect("compile the Session schema")
}

/// `../shared/clerk`, or `None` after a loud message naming what was skipped.
pub fn clerk_dir(test: &str, skipped: &str) -> Option<PathBuf> {
    let dir = workspace().join("../shared/clerk");
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    // Straight to stderr: `eprintln!` output of a passing test is captured and never shown.
    let _ = writeln!(
        std::io::stderr(),
        "\n!!!!! {test}: Clerk payloads NOT FOUND at {} (expected ../shared beside the workspace): SKIPPED {skipped}\n",
        dir.display()
    );
    assert!(
        std::env::var_os("JSONSTRUCT_REQUIRE_CORPUS").is_none(),
        "JSONSTRUCT_REQUIRE_CORPUS is set and ../shared/clerk is missing"
    );
    None
}

/// JSON equality where a `null` member equals an absent one.
pub fn same_up_to_null(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| match (x.get(k), y.get(k)) {
                (Some(v), Some(w)) => same_up_to_null(v, w),
                (Some(v), None) | (None, Some(v)) => v.is_null(),
                (None, None) => true,
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_up_to_null(v, w))
        }
        _ => a == b,
    }
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
