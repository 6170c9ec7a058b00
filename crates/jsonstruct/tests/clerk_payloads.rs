//! Every Clerk payload in `../shared/clerk` gets the verdict its README states against
//! `schemas/clerk/session.struct.json`, validated from bytes and from a `serde_json::Value`.
//!
//! Whole-file cases are validated from the file's bytes as they are; the Session inside a
//! webhook envelope (`data`) and the items of a list are validated as `serde_json` serializes
//! them (pretty, so each member is on its own line), and as values.
//!
//! Without `../shared` next to the workspace every test says so loudly on stderr and checks
//! nothing else (set `JSONSTRUCT_REQUIRE_CORPUS=1` to make that a failure, e.g. in CI).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use jsonstruct::{Options, Report, Schema, Validator};
use serde_json::Value;

const REQUIRED_MISSING: &str = "INSTANCE_REQUIRED_PROPERTY_MISSING";
const NOT_ALLOWED: &str = "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED";

/// Where the instance is in a file, and what the README says about it.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// The whole file is a valid Session.
    Valid,
    /// `data` is a valid Session.
    DataValid,
    /// The whole file is invalid with exactly these `(code, path, word in the message)`, in
    /// document order.
    Invalid(&'static [(&'static str, &'static str, &'static str)]),
    /// `data` is invalid with exactly these errors.
    DataInvalid(&'static [(&'static str, &'static str, &'static str)]),
    /// The file is an array; every item is an invalid Session.
    EachItemInvalid,
    /// `data` is an array; every item is an invalid Session.
    EachDataItemInvalid,
    /// Not a Session: its `actor` is a valid `SessionActor`.
    ActorValid,
}

/// The README's table, file by file.
const PAYLOADS: &[(&str, Expect)] = &[
    // 2021 Backend API payloads, before `created_at`/`updated_at` existed.
    (
        "01-bapi-session-docs-2021-seconds.json",
        Expect::Invalid(&[
            (REQUIRED_MISSING, "", "updated_at"),
            (REQUIRED_MISSING, "", "created_at"),
        ]),
    ),
    (
        "02-bapi-session-go-sdk-v1-fixture-2021-seconds.json",
        Expect::Invalid(&[
            (REQUIRED_MISSING, "", "updated_at"),
            (REQUIRED_MISSING, "", "created_at"),
        ]),
    ),
    // A Frontend API session: no `user_id`/`client_id`, an embedded `user`.
    (
        "03-fapi-session-docs-2021-ms-with-user.json",
        Expect::Invalid(&[
            (REQUIRED_MISSING, "", "user_id"),
            (REQUIRED_MISSING, "", "client_id"),
            (NOT_ALLOWED, "/user", "user"),
        ]),
    ),
    (
        "04-webhook-session-created-event-catalog-2022.json",
        Expect::DataValid,
    ),
    (
        "05-webhook-session-ended-event-catalog-2022.json",
        Expect::DataValid,
    ),
    (
        "06-webhook-session-removed-event-catalog-2022.json",
        Expect::DataValid,
    ),
    (
        "07-webhook-session-revoked-event-catalog-2022.json",
        Expect::DataValid,
    ),
    (
        "08-fapi-active-sessions-clerk-ios-mock-2024.json",
        Expect::EachItemInvalid,
    ),
    (
        "09-bapi-get-session-2025-transcribed-python-issue-120.json",
        Expect::Valid,
    ),
    (
        "10-webhook-session-created-openapi-example.json",
        Expect::DataInvalid(&[(NOT_ALLOWED, "/user", "user")]),
    ),
    (
        "11-webhook-session-pending-openapi-example.json",
        Expect::DataInvalid(&[(NOT_ALLOWED, "/user", "user")]),
    ),
    (
        "12-bapi-session-speakeasy-synthetic-with-tasks.json",
        Expect::Valid,
    ),
    (
        "13-bapi-session-list-paginated-envelope-go-sdk-test.json",
        Expect::EachDataItemInvalid,
    ),
    ("14-actor-token-request-docs.json", Expect::ActorValid),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/clerk`, or `None` after a loud message when it is missing.
fn clerk_dir(test: &str) -> Option<PathBuf> {
    let dir = workspace().join("../shared/clerk");
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    // Straight to stderr: `eprintln!` output of a passing test is captured and never shown.
    let _ = writeln!(
        std::io::stderr(),
        "\n!!!!! {test}: Clerk payloads NOT FOUND at {} (expected ../shared beside the workspace): 0 of {} payload files checked\n",
        dir.display(),
        PAYLOADS.len()
    );
    assert!(
        std::env::var_os("JSONSTRUCT_REQUIRE_CORPUS").is_none(),
        "JSONSTRUCT_REQUIRE_CORPUS is set and ../shared/clerk is missing"
    );
    None
}

fn session_schema() -> Schema {
    Schema::from_path(workspace().join("schemas/clerk/session.struct.json"))
        .unwrap_or_else(|e| panic!("the Session schema does not load: {e}"))
}

fn read(dir: &Path, file: &str) -> (Vec<u8>, Value) {
    let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    (bytes, value)
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
        assert!(!report.valid, "{what}");
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
    let Some(dir) = clerk_dir("every_payload_gets_the_verdict_of_the_readme") else {
        return;
    };
    let schema = session_schema();
    let session = Validator::new(&schema).expect("compile Session");
    let actor_type = schema
        .definition("#/definitions/SessionActor")
        .expect("SessionActor is defined");
    let actor = Validator::for_type(&schema, actor_type, Options::default());
    let mut checked = 0;
    for &(file, expect) in PAYLOADS {
        let (bytes, value) = read(&dir, file);
        match expect {
            Expect::Valid => assert_valid(&session, file, &bytes, &value),
            Expect::Invalid(want) => {
                assert_invalid(&session, file, &bytes, &value, Some(want));
            }
            Expect::DataValid | Expect::DataInvalid(_) => {
                let data = value
                    .get("data")
                    .unwrap_or_else(|| panic!("{file}: no data"));
                let what = format!("{file} /data");
                match expect {
                    Expect::DataValid => assert_valid(&session, &what, &pretty(data), data),
                    Expect::DataInvalid(want) => {
                        assert_invalid(&session, &what, &pretty(data), data, Some(want));
                    }
                    _ => unreachable!(),
                }
            }
            Expect::EachItemInvalid | Expect::EachDataItemInvalid => {
                let list = match expect {
                    Expect::EachItemInvalid => &value,
                    _ => value.get("data").expect("data"),
                };
                let items = list.as_array().unwrap_or_else(|| panic!("{file}: no list"));
                assert!(!items.is_empty(), "{file}: empty list");
                for (i, item) in items.iter().enumerate() {
                    let what = format!("{file} item {i}");
                    let report = assert_invalid(&session, &what, &pretty(item), item, None);
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
            }
            Expect::ActorValid => {
                let a = value
                    .get("actor")
                    .unwrap_or_else(|| panic!("{file}: no actor"));
                assert_valid(&actor, &format!("{file} /actor"), &pretty(a), a);
                // It is not a Session, though.
                assert_invalid(&session, file, &bytes, &value, None);
            }
        }
        checked += 1;
    }
    assert_eq!(checked, PAYLOADS.len());
}

#[test]
fn the_table_covers_every_payload_file() {
    let Some(dir) = clerk_dir("the_table_covers_every_payload_file") else {
        return;
    };
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("list ../shared/clerk")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let table: Vec<&str> = PAYLOADS.iter().map(|(f, _)| *f).collect();
    assert_eq!(files, table, "../shared/clerk changed: update PAYLOADS");
}

#[test]
fn strict_mode_rejects_numeric_timestamps() {
    let Some(dir) = clerk_dir("strict_mode_rejects_numeric_timestamps") else {
        return;
    };
    let schema = session_schema();
    let strict = Validator::with_options(
        &schema,
        Options {
            strict_64: true,
            ..Options::default()
        },
    )
    .expect("compile Session");
    let file = "09-bapi-get-session-2025-transcribed-python-issue-120.json";
    let (bytes, value) = read(&dir, file);
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
    for key in [
        "last_active_at",
        "expire_at",
        "abandon_at",
        "updated_at",
        "created_at",
    ] {
        let n = as_strings[key].to_string();
        as_strings[key] = Value::String(n);
    }
    assert_valid(
        &strict,
        "09 with string timestamps",
        &pretty(&as_strings),
        &as_strings,
    );
    // ... and in the default mode too.
    let lenient = Validator::new(&schema).expect("compile Session");
    assert_valid(
        &lenient,
        "09 with string timestamps",
        &pretty(&as_strings),
        &as_strings,
    );
}
