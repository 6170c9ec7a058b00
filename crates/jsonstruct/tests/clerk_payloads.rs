//! Every Clerk payload in `<shared>/clerk` gets the verdict its README states against
//! `schemas/clerk/session.struct.json`, validated from bytes and from a `serde_json::Value`.
//! What each file holds and its verdict are `jsonstruct_test_support::clerk::FILES`; the
//! errors pinned here are this validator's.
//!
//! Whole-file cases are validated from the file's bytes as they are; the Session inside a
//! webhook envelope (`data`) and the items of a list are validated as `serde_json` serializes
//! them (pretty, so each member is on its own line), and as values.
//!
//! Without the corpus every test records its cases as not run and checks nothing else, or
//! fails under `JSONSTRUCT_REQUIRE_CORPUS=1` (CI).

mod support;

use std::path::PathBuf;

use jsonstruct::{Options, Report, Schema, Validator};
use jsonstruct_test_support::clerk::{self, Holds, Verdict};
use jsonstruct_test_support::corpus;
use jsonstruct_test_support::session::TIMESTAMPS;
use serde_json::Value;

const REQUIRED_MISSING: &str = "INSTANCE_REQUIRED_PROPERTY_MISSING";
const NOT_ALLOWED: &str = "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED";

/// An expected error: `(code, path, word in the message)`.
type Error = (&'static str, &'static str, &'static str);

/// The errors of the invalid Sessions that are whole files, exactly and in document order:
/// `(code, path, word in the message)`. (List items are checked for the Frontend API shape;
/// `OnlyUndeclared` verdicts give their own errors.)
const ERRORS: &[(&str, &[Error])] = &[
    // 2021 Backend API payloads, before `created_at`/`updated_at` existed.
    (
        "01-bapi-session-docs-2021-seconds.json",
        &[
            (REQUIRED_MISSING, "", "updated_at"),
            (REQUIRED_MISSING, "", "created_at"),
        ],
    ),
    (
        "02-bapi-session-go-sdk-v1-fixture-2021-seconds.json",
        &[
            (REQUIRED_MISSING, "", "updated_at"),
            (REQUIRED_MISSING, "", "created_at"),
        ],
    ),
    // A Frontend API session: no `user_id`/`client_id`, an embedded `user`.
    (
        "03-fapi-session-docs-2021-ms-with-user.json",
        &[
            (REQUIRED_MISSING, "", "user_id"),
            (REQUIRED_MISSING, "", "client_id"),
            (NOT_ALLOWED, "/user", "user"),
        ],
    ),
];

/// `<shared>/clerk`, or `None` when it is missing (`cases` recorded as not run).
fn clerk_dir(test: &str, cases: usize) -> Option<PathBuf> {
    corpus::open("clerk_payloads", test, clerk::NEEDS, cases).map(|s| s.join(clerk::DIR))
}

fn session_schema() -> Schema {
    Schema::from_path(corpus::workspace_root().join("schemas/clerk/session.struct.json"))
        .unwrap_or_else(|e| panic!("the Session schema does not load: {e}"))
}

/// Validates `bytes` and `value` (the same instance) four ways; the answers must agree, down to
/// the `(code, path)` of every error. Returns the report from bytes, whose errors must be
/// located inside the input.
fn validate_both(v: &Validator, what: &str, bytes: &[u8], value: &Value) -> Option<Report> {
    let from_bytes = v.validate(bytes).err();
    let from_value = v.validate_value(value).err();
    assert_eq!(
        v.is_valid(bytes),
        from_bytes.is_none(),
        "{what}: is_valid and validate disagree: {from_bytes:?}"
    );
    assert_eq!(
        v.is_valid_value(value),
        from_value.is_none(),
        "{what}: is_valid_value and validate_value disagree: {from_value:?}"
    );
    let pairs = |r: &Option<Report>| -> Vec<(&'static str, String)> {
        let mut p: Vec<_> = r
            .iter()
            .flat_map(|r| r.errors.iter().map(|e| (e.code.as_str(), e.path.clone())))
            .collect();
        p.sort();
        p
    };
    assert_eq!(
        pairs(&from_bytes),
        pairs(&from_value),
        "{what}: bytes and value give different errors"
    );
    if let Some(report) = &from_bytes {
        assert!(!report.errors.is_empty(), "{what}");
        let lines = bytes.split(|&b| b == b'\n').count();
        for e in &report.errors {
            let (Some(line), Some(column)) = (e.line, e.column) else {
                panic!("{what}: error without line/column: {e}");
            };
            assert!(line >= 1 && line <= lines && column >= 1, "{what}: {e}");
            assert!(value.pointer(&e.path).is_some(), "{what}: path of {e}");
        }
    }
    from_bytes
}

fn describe(r: &Option<Report>) -> String {
    r.as_ref().map_or("valid".into(), |r| r.to_string())
}

fn assert_valid(v: &Validator, what: &str, bytes: &[u8], value: &Value) {
    let report = validate_both(v, what, bytes, value);
    assert!(
        report.is_none(),
        "{what} must be valid: {}",
        describe(&report)
    );
}

fn assert_invalid(
    v: &Validator,
    what: &str,
    bytes: &[u8],
    value: &Value,
    want: Option<&[(&str, &str, &str)]>,
) -> Report {
    let report = validate_both(v, what, bytes, value)
        .unwrap_or_else(|| panic!("{what} must be invalid, but is valid"));
    if let Some(want) = want {
        let got: Vec<(&str, &str)> = report
            .errors
            .iter()
            .map(|e| (e.code.as_str(), e.path.as_str()))
            .collect();
        let expected: Vec<(&str, &str)> = want.iter().map(|&(c, p, _)| (c, p)).collect();
        assert_eq!(got, expected, "{what}: {report}");
        for (e, (_, _, word)) in report.errors.iter().zip(want) {
            assert!(
                e.message.contains(&format!("'{word}'")),
                "{what}: the message should name {word}: {e}"
            );
        }
    }
    report
}

/// Bytes of a sub-value, as `serde_json` writes it.
fn pretty(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("serialize")
}

#[test]
fn every_payload_gets_the_verdict_of_the_readme() {
    let Some(dir) = clerk_dir(
        "every_payload_gets_the_verdict_of_the_readme",
        clerk::parts_count(),
    ) else {
        return;
    };
    let schema = session_schema();
    // The workspace's settings: schemas/jsonstruct.toml accepts int64 numbers (Clerk's).
    let session =
        Validator::with_options(&schema, support::session_options()).expect("compile Session");
    let actor_type = schema
        .definition("#/definitions/SessionActor")
        .expect("SessionActor is defined");
    let actor = Validator::for_type(&schema, actor_type, support::session_options());
    let mut checked = 0;
    for part in clerk::parts(&dir) {
        let what = part.label();
        let file = clerk::FILES.iter().find(|f| f.name == part.file).unwrap();
        let v = if part.actor { &actor } else { &session };
        let pinned = ERRORS
            .iter()
            .find(|(f, _)| *f == part.file)
            .map(|(_, e)| *e);
        match (part.verdict, file.holds) {
            (Verdict::Valid, _) => assert_valid(v, &what, &part.bytes, &part.value),
            (Verdict::OnlyUndeclared(members), _) => {
                let want: Vec<(&str, String, &str)> = members
                    .iter()
                    .map(|m| (NOT_ALLOWED, format!("/{m}"), *m))
                    .collect();
                let want: Vec<(&str, &str, &str)> =
                    want.iter().map(|(c, p, w)| (*c, p.as_str(), *w)).collect();
                assert_invalid(v, &what, &part.bytes, &part.value, Some(&want));
            }
            (Verdict::Invalid, Holds::Items(_) | Holds::DataItems(_)) => {
                let report = assert_invalid(v, &what, &part.bytes, &part.value, None);
                // Neither shape has the Backend API's `user_id` and `client_id`.
                for name in ["user_id", "client_id"] {
                    assert!(
                        report
                            .errors
                            .iter()
                            .any(|e| e.code.as_str() == REQUIRED_MISSING
                                && e.message.contains(&format!("'{name}'"))),
                        "{what}: {name} should be reported missing: {report}"
                    );
                }
            }
            (Verdict::Invalid, _) => {
                let want = pinned.unwrap_or_else(|| panic!("{what}: no entry in ERRORS"));
                assert_invalid(v, &what, &part.bytes, &part.value, Some(want));
            }
        }
        if part.actor {
            // It is not a Session, though.
            let (bytes, value) = clerk::read(&dir, part.file);
            assert_invalid(&session, part.file, &bytes, &value, None);
        }
        checked += 1;
    }
    assert_eq!(checked, clerk::parts_count());
    for (file, _) in ERRORS {
        let listed = clerk::FILES.iter().find(|f| f.name == *file);
        assert!(
            listed.is_some_and(|f| f.verdict == Verdict::Invalid && f.holds == Holds::Session),
            "ERRORS entry {file} is not an invalid Session file of the table"
        );
    }
}

#[test]
fn the_table_covers_every_payload_file() {
    let Some(dir) = clerk_dir("the_table_covers_every_payload_file", 1) else {
        return;
    };
    let table: Vec<&str> = clerk::FILES.iter().map(|f| f.name).collect();
    assert_eq!(
        clerk::files_on_disk(&dir),
        table,
        "{} changed: update jsonstruct_test_support::clerk::FILES",
        dir.display()
    );
}

#[test]
fn strict_mode_rejects_numeric_timestamps() {
    let Some(dir) = clerk_dir("strict_mode_rejects_numeric_timestamps", 1) else {
        return;
    };
    let schema = session_schema();
    let strict = Validator::with_options(&schema, Options::default().int64_numbers(false))
        .expect("compile Session");
    let file = "09-bapi-get-session-2025-transcribed-python-issue-120.json";
    let (bytes, value) = clerk::read(&dir, file);
    let report = assert_invalid(&strict, file, &bytes, &value, None);
    let mut paths: Vec<&str> = report.errors.iter().map(|e| e.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/abandon_at",
            "/created_at",
            "/expire_at",
            "/last_active_at",
            "/updated_at"
        ],
        "{report}"
    );
    for e in &report.errors {
        assert_eq!(e.code.as_str(), "INSTANCE_STRING_EXPECTED", "{e}");
        assert!(e.message.contains("int64"), "{e}");
    }
    // The same payload with the spec's string form is valid in strict mode.
    let mut as_strings = value.clone();
    for key in TIMESTAMPS {
        let n = as_strings[key].to_string();
        as_strings[key] = Value::String(n);
    }
    assert_valid(
        &strict,
        "09 with string timestamps",
        &pretty(&as_strings),
        &as_strings,
    );
    // ... and with the workspace's settings (numbers accepted) too.
    let lenient =
        Validator::with_options(&schema, support::session_options()).expect("compile Session");
    assert_valid(
        &lenient,
        "09 with string timestamps",
        &pretty(&as_strings),
        &as_strings,
    );
}
