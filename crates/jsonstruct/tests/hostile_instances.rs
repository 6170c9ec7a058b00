//! Hostile instances: nesting 200,000 deep, numbers with thousands of digits, invalid UTF-8, NUL
//! bytes, lone surrogate escapes, empty and whitespace-only input, every truncation of a real
//! Session payload, trailing garbage, a 20 MB array of Sessions, a 5 MB string, objects with
//! 100,000 members, 100,000 errors on one line. Each gives a verdict: invalid with a located error (INSTANCE_JSON_SYNTAX
//! for malformed JSON, a rule error otherwise) or valid where the input is valid JSON and valid
//! for the schema; quickly, never a panic or a stack overflow. `is_valid` and `validate` must
//! agree, and so must `validate_value` whenever `serde_json` can parse the input.
//!
//! Every case runs in a child process (this test binary re-executed with
//! `JSONSTRUCT_HOSTILE_INSTANCE=<name>`) on a thread with Rust's default 2 MiB stack, killed when it
//! runs far past its bound. So a stack overflow or a hang fails that case only, saying which.
//! Inside the case every `is_valid` and `validate` call is timed and must finish within the
//! case's bound. The bounds are for an unoptimised (debug) build on two shared cores; release
//! builds are many times faster.
//!
//! Cases the library gets wrong are listed in [`EXPECTED_FAILURES`] with the reason; the harness
//! inverts them, so a listed case that starts passing fails the run and the list stays honest.

mod support;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use jsonstruct::{Report, Schema, Validator};
use jsonstruct_test_support::{clerk, corpus};
use libtest_mimic::{Arguments, Trial};
use serde_json::{json, Value};
use support::{case, ensure, line_col, ChildCase as Case};

const CASE_ENV: &str = "JSONSTRUCT_HOSTILE_INSTANCE";

/// The case that reads Clerk payload files of the shared corpus.
const CLERK_CASE: &str = "truncated::every_prefix_of_clerk_payloads";

/// Cases the library gets wrong today: `(case name, reason)`. None at the moment: the two
/// backtracking cases (`union::two_recursive_members_40_levels`,
/// `anyof::two_recursive_branches_40_levels`) were here until trials were memoised per
/// (node, position) within a validation (`validate/memo.rs`).
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

const EXTENDED: &str = "https://json-structure.org/meta/extended/v0/#";

/// Each validation call of a small input (debug build; release is about 10x faster).
const QUICK: Duration = Duration::from_secs(1);
/// Each validation call of the multi-megabyte inputs (debug build).
const LARGE: Duration = Duration::from_secs(10);
/// The backtracking cases take microseconds when right and hours when wrong: a short bound
/// keeps the expected failures from holding up the run.
const BACKTRACK: Duration = Duration::from_millis(500);

fn main() {
    if let Ok(name) = std::env::var(CASE_ENV) {
        // Each validation call of the case is timed against the case's bound.
        support::run_child(cases(), &name, |bound| BOUND.with(|b| b.set(bound)));
    }
    let args = Arguments::from_args();
    let all_cases = cases();
    eprintln!("hostile_instances: {} cases", all_cases.len());
    // The real payloads' case runs only with the corpus; without it, it is recorded as not
    // run (or fails the suite under JSONSTRUCT_REQUIRE_CORPUS).
    let all_cases: Vec<Case> =
        if corpus::open("hostile_instances", CLERK_CASE, clerk::NEEDS, 1).is_some() {
            all_cases
        } else {
            all_cases
                .into_iter()
                .filter(|c| c.name != CLERK_CASE)
                .collect()
        };
    // The child also builds the input (a 20 MB array takes a while in a debug build) and walks
    // it several times: kill it only far past the per-call bound.
    let mut trials = support::child_trials(CASE_ENV, all_cases, EXPECTED_FAILURES, |bound| {
        bound * 8 + Duration::from_secs(5)
    });
    trials.push(Trial::test(
        "meta::expected_failures_name_real_cases",
        || {
            let names: Vec<String> = cases().into_iter().map(|c| c.name).collect();
            for (name, reason) in EXPECTED_FAILURES {
                if !names.iter().any(|n| n == name) || reason.trim().is_empty() {
                    return Err(format!("EXPECTED_FAILURES entry {name} is wrong").into());
                }
            }
            Ok(())
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}

thread_local! {
    /// The bound of the case running on this thread.
    static BOUND: std::cell::Cell<Duration> = const { std::cell::Cell::new(QUICK) };
}

// ---------------------------------------------------------------------------------- helpers

/// A validator for a schema document made of the usual root keywords and `members`.
fn validator(members: &str) -> Validator {
    let text = format!(
        "{{\"$schema\": \"{EXTENDED}\", \"$id\": \"https://example.com/hostile\", \"name\": \"H\", {members}}}"
    );
    let schema = Schema::from_slice(text.as_bytes())
        .unwrap_or_else(|e| panic!("test schema does not load: {e}\n{text}"));
    // Both 64-bit forms, so the hostile number cases reach the integer reader.
    Validator::with_options(&schema, jsonstruct::Options::default().int64_numbers(true))
        .expect("compile")
}

fn any() -> Validator {
    validator(r#""type": "any""#)
}

fn session_schema_value() -> Value {
    let path = support::session_schema_path();
    serde_json::from_slice(&std::fs::read(path).expect("read the Session schema"))
        .expect("the Session schema is JSON")
}

fn session() -> Validator {
    let text = serde_json::to_vec(&session_schema_value()).unwrap();
    Validator::with_options(
        &Schema::from_slice(&text).expect("Session schema"),
        support::session_options(),
    )
    .expect("compile")
}

/// A schema whose root is an array of Sessions: the Session root type moves into
/// `definitions` beside the types it refers to.
fn session_array() -> Validator {
    let mut s = session_schema_value();
    let obj = s.as_object_mut().unwrap();
    let mut session = serde_json::Map::new();
    for key in [
        "type",
        "properties",
        "required",
        "additionalProperties",
        "description",
    ] {
        session.insert(key.into(), obj.remove(key).expect(key));
    }
    obj.remove("examples");
    obj["definitions"]
        .as_object_mut()
        .unwrap()
        .insert("Session".into(), Value::Object(session));
    obj.insert("name".into(), json!("Sessions"));
    obj.insert("type".into(), json!("array"));
    obj.insert(
        "items".into(),
        json!({"type": {"$ref": "#/definitions/Session"}}),
    );
    let text = serde_json::to_vec(&s).unwrap();
    Validator::with_options(
        &Schema::from_slice(&text).expect("Sessions schema"),
        support::session_options(),
    )
    .expect("compile")
}

/// A realistic Session with every optional member, pretty-printed.
fn session_payload() -> Value {
    json!({
        "object": "session",
        "id": "sess_2wmSnIrq5dtl2HNZf1WfgeHraby",
        "user_id": "user_2wjoXAGQEMLezQ7fb2M6mzViYfU",
        "client_id": "client_2vXsj2CJCcJFoTY0QYqnoB5b9vI",
        "actor": {"sub": "user_21Ufcy98STcA11s3QckIwtwHIES", "iss": "https://dashboard.clerk.com"},
        "status": "active",
        "last_active_organization_id": "org_2wjoYo7hSjpkZtU0qLkSGrHb2wx",
        "last_active_at": 1746645421127u64,
        "latest_activity": jsonstruct_test_support::session::activity(),
        "expire_at": 1747250221127u64,
        "abandon_at": 1749237421127u64,
        "updated_at": 1746645421195u64,
        "created_at": 1746645421127u64,
        "tasks": [{"key": "choose-organization"}]
    })
}

fn session_bytes() -> Vec<u8> {
    serde_json::to_vec_pretty(&session_payload()).unwrap()
}

/// [`line_col`] of many offsets in one pass over the text (100,000 errors in a 1.5 MB input
/// would take minutes one by one in a debug build).
fn line_cols(text: &[u8], offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(0, 0); offsets.len()];
    let (mut pos, mut line, mut col) = (0, 1, 1);
    for i in order {
        for &b in &text[pos..offsets[i]] {
            if b == b'\n' {
                (line, col) = (line + 1, 1);
            } else if b & 0xC0 != 0x80 {
                col += 1;
            }
        }
        pos = offsets[i];
        out[i] = (line, col);
    }
    out
}

/// Validates `text` with `is_valid` and `validate` (each call timed against the case's bound),
/// checks they agree and that every error is located where its offset says, and, when
/// `serde_json` parses the input, that the `Value` methods agree. Returns the report.
fn verdict(v: &Validator, text: &[u8]) -> Result<Option<Report>, String> {
    let bound = BOUND.with(|b| b.get());
    let t = Instant::now();
    let fast = v.is_valid(text);
    let fast_time = t.elapsed();
    let t = Instant::now();
    let full = v.validate(text);
    let full_time = t.elapsed();
    ensure(fast_time <= bound && full_time <= bound, || {
        format!(
            "too slow for {} bytes: is_valid {fast_time:?}, validate {full_time:?} (bound {bound:?})",
            text.len()
        )
    })?;
    ensure(fast == full.is_ok(), || {
        format!("is_valid says {fast}, validate says {full:?}")
    })?;
    if let Err(report) = &full {
        ensure(!report.errors.is_empty(), || {
            format!("an invalid verdict without errors: {report:?}")
        })?;
        let mut offsets = Vec::with_capacity(report.errors.len());
        for e in &report.errors {
            let off = e
                .offset
                .ok_or_else(|| format!("error without an offset: {e}"))?;
            ensure(off <= text.len(), || {
                format!("offset beyond the input: {e}")
            })?;
            offsets.push(off);
        }
        for (e, want) in report.errors.iter().zip(line_cols(text, &offsets)) {
            ensure((e.line, e.column) == (Some(want.0), Some(want.1)), || {
                format!("line/column {:?}:{:?} != {want:?}: {e}", e.line, e.column)
            })?;
        }
    }
    // serde_json stops at 128 levels and at numbers beyond f64; when it parses, the Value
    // methods must give the same verdict.
    if let Ok(value) = serde_json::from_slice::<Value>(text) {
        let by_value = v.validate_value(&value);
        ensure(by_value.is_ok() == fast, || {
            format!("bytes say valid={fast}, the Value says {by_value:?}")
        })?;
        ensure(v.is_valid_value(&value) == fast, || {
            "is_valid_value disagrees".to_owned()
        })?;
    }
    Ok(full.err())
}

fn valid(v: &Validator, text: &[u8]) -> Result<(), String> {
    match verdict(v, text)? {
        None => Ok(()),
        Some(r) => Err(format!("must be valid: {r}")),
    }
}

/// Invalid, and the report holds `code` (first one found returned).
fn invalid_with(
    v: &Validator,
    text: &[u8],
    code: &str,
) -> Result<jsonstruct::ValidationError, String> {
    let report = verdict(v, text)?.ok_or_else(|| format!("accepted; expected {code}"))?;
    report
        .errors
        .iter()
        .find(|e| e.code.as_str() == code)
        .cloned()
        .ok_or_else(|| format!("expected {code}, got {report}"))
}

/// Not well-formed: INSTANCE_JSON_SYNTAX at byte `offset`, whose message mentions `word`.
fn syntax_at(v: &Validator, text: &[u8], offset: usize, word: &str) -> Result<(), String> {
    let e = invalid_with(v, text, "INSTANCE_JSON_SYNTAX")?;
    ensure(e.offset == Some(offset), || {
        format!(
            "syntax error at offset {:?}, expected {offset} ({:?}): {e}",
            e.offset,
            line_col(text, offset)
        )
    })?;
    ensure(e.message.contains(word), || {
        format!("message should mention {word:?}: {e}")
    })?;
    ensure(serde_json::from_slice::<Value>(text).is_err(), || {
        "serde_json accepts what the validator calls malformed".into()
    })
}

// ---------------------------------------------------------------------------------- cases

fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    deep_nesting(&mut all);
    huge_numbers(&mut all);
    invalid_utf8(&mut all);
    nul_bytes(&mut all);
    lone_surrogates(&mut all);
    empty_and_truncated(&mut all);
    large_inputs(&mut all);
    backtracking(&mut all);
    all
}

const DEEP: usize = 200_000;

fn deep_nesting(all: &mut Vec<Case>) {
    all.push(case("depth::objects_200k_against_any", QUICK, || {
        let text = "{\"a\":".repeat(DEEP) + "1" + &"}".repeat(DEEP);
        let e = invalid_with(&any(), text.as_bytes(), "INSTANCE_JSON_SYNTAX")?;
        // Stopped at the depth bound (128), not at the end of the input.
        ensure(
            e.message.contains("nesting") && e.offset.is_some_and(|o| o < 5 * 200),
            || e.to_string(),
        )
    }));
    all.push(case("depth::arrays_200k_against_any", QUICK, || {
        let text = "[".repeat(DEEP) + &"]".repeat(DEEP);
        let e = invalid_with(&any(), text.as_bytes(), "INSTANCE_JSON_SYNTAX")?;
        ensure(
            e.message.contains("nesting") && e.offset.is_some_and(|o| o < 200),
            || e.to_string(),
        )
    }));
    all.push(case(
        "depth::unclosed_arrays_200k_on_many_lines",
        QUICK,
        || {
            let text = "[\n".repeat(DEEP);
            let e = invalid_with(&any(), text.as_bytes(), "INSTANCE_JSON_SYNTAX")?;
            ensure(
                e.message.contains("nesting") && e.line.is_some_and(|l| l > 100 && l < 200),
                || e.to_string(),
            )
        },
    ));
    all.push(case("depth::arrays_200k_inside_an_any_member", QUICK, || {
        let v = validator(
            r#""type": "object", "properties": {"id": {"type": "string"}, "x": {"type": "any"}}"#,
        );
        let text = "{\"id\": \"a\",\n \"x\": ".to_owned()
            + &"[".repeat(DEEP)
            + &"]".repeat(DEEP)
            + "}";
        let e = invalid_with(&v, text.as_bytes(), "INSTANCE_JSON_SYNTAX")?;
        // Syntax errors are located by line and column; their path is the document's ("").
        let start = text.find('[').unwrap();
        ensure(
            e.line == Some(2)
                && e.offset.is_some_and(|o| o > start && o < start + 200)
                && e.message.contains("nesting"),
            || e.to_string(),
        )
    }));
    all.push(case(
        "depth::actor_claims_200k_inside_a_session",
        QUICK,
        || {
            // `actor` is an open object: its extra members are `any`.
            let mut text = String::from_utf8(session_bytes()).unwrap();
            let deep = "[".repeat(DEEP) + &"]".repeat(DEEP);
            text = text.replacen("\"iss\":", &format!("\"claim\": {deep},\n    \"iss\":"), 1);
            let e = invalid_with(&session(), text.as_bytes(), "INSTANCE_JSON_SYNTAX")?;
            let start = text.find("\"claim\"").unwrap();
            ensure(
                e.offset.is_some_and(|o| o > start && o < start + 200),
                || e.to_string(),
            )
        },
    ));
    all.push(case("depth::recursive_schema_200k", QUICK, || {
        let v = validator(
            r##""$root": "#/definitions/Tree", "definitions": {"Tree": {"type": "object",
                "properties": {"v": {"type": "int32"}, "c": {"type": [{"$ref": "#/definitions/Tree"}, "null"]}}}}"##,
        );
        let text = "{\"v\": 1, \"c\":".repeat(DEEP) + "null" + &"}".repeat(DEEP);
        let e = invalid_with(&v, text.as_bytes(), "INSTANCE_MAX_DEPTH_EXCEEDED")?;
        ensure(e.offset.is_some_and(|o| o < 15 * 200), || e.to_string())?;
        // Within the bound the same shape is valid.
        let ok = "{\"v\": 1, \"c\":".repeat(100) + "null" + &"}".repeat(100);
        valid(&v, ok.as_bytes())
    }));
    all.push(case("depth::recursive_array_schema_200k", QUICK, || {
        let v = validator(
            r##""$root": "#/definitions/L", "definitions": {"L": {"type": "array",
                "items": {"type": [{"$ref": "#/definitions/L"}, "string"]}}}"##,
        );
        let text = "[".repeat(DEEP) + &"]".repeat(DEEP);
        let report = verdict(&v, text.as_bytes())?.ok_or("accepted")?;
        ensure(
            report.errors.iter().any(|e| {
                matches!(
                    e.code.as_str(),
                    "INSTANCE_MAX_DEPTH_EXCEEDED" | "INSTANCE_JSON_SYNTAX"
                )
            }),
            || report.to_string(),
        )?;
        valid(
            &v,
            ("[".repeat(100) + "\"x\"" + &"]".repeat(100)).as_bytes(),
        )
    }));
}

/// The verdict of each numeric type on each huge number, pinned: `None` is valid.
///
/// Decision (`scalar.rs`): an integer type takes a JSON number without fraction *or exponent*,
/// so `1e99999` and even a long way of writing 1 (`1000...0e-5000`) are
/// INSTANCE_INTEGER_EXPECTED, like `1.0` and `1e2`. `double` reports values beyond its range
/// as INSTANCE_INT_RANGE_INVALID (the shared code list has no float range code); `number` is
/// any JSON number; `decimal` is a string in the spec, so a JSON number is
/// INSTANCE_DECIMAL_EXPECTED whatever its size.
const NUMBERS: &[(&str, &str, Option<&str>)] = &[
    ("int32", "nines", Some("INSTANCE_INT_RANGE_INVALID")),
    ("int32", "minus_nines", Some("INSTANCE_INT_RANGE_INVALID")),
    (
        "int32",
        "one_then_zeros_fraction",
        Some("INSTANCE_INTEGER_EXPECTED"),
    ),
    ("int32", "tiny_fraction", Some("INSTANCE_INTEGER_EXPECTED")),
    ("int32", "huge_exponent", Some("INSTANCE_INTEGER_EXPECTED")),
    ("int32", "tiny_exponent", Some("INSTANCE_INTEGER_EXPECTED")),
    (
        "int32",
        "one_written_long",
        Some("INSTANCE_INTEGER_EXPECTED"),
    ),
    ("int64", "nines", Some("INSTANCE_INT_RANGE_INVALID")),
    ("int64", "minus_nines", Some("INSTANCE_INT_RANGE_INVALID")),
    (
        "int64",
        "one_then_zeros_fraction",
        Some("INSTANCE_INTEGER_EXPECTED"),
    ),
    ("int64", "tiny_fraction", Some("INSTANCE_INTEGER_EXPECTED")),
    ("int64", "huge_exponent", Some("INSTANCE_INTEGER_EXPECTED")),
    ("int64", "tiny_exponent", Some("INSTANCE_INTEGER_EXPECTED")),
    (
        "int64",
        "one_written_long",
        Some("INSTANCE_INTEGER_EXPECTED"),
    ),
    ("double", "nines", Some("INSTANCE_INT_RANGE_INVALID")),
    ("double", "minus_nines", Some("INSTANCE_INT_RANGE_INVALID")),
    (
        "double",
        "one_then_zeros_fraction",
        Some("INSTANCE_INT_RANGE_INVALID"),
    ),
    ("double", "tiny_fraction", None),
    (
        "double",
        "huge_exponent",
        Some("INSTANCE_INT_RANGE_INVALID"),
    ),
    ("double", "tiny_exponent", None),
    ("double", "one_written_long", None),
    ("number", "nines", None),
    ("number", "minus_nines", None),
    ("number", "one_then_zeros_fraction", None),
    ("number", "tiny_fraction", None),
    ("number", "huge_exponent", None),
    ("number", "tiny_exponent", None),
    ("number", "one_written_long", None),
    ("decimal", "nines", Some("INSTANCE_DECIMAL_EXPECTED")),
    ("decimal", "minus_nines", Some("INSTANCE_DECIMAL_EXPECTED")),
    (
        "decimal",
        "one_then_zeros_fraction",
        Some("INSTANCE_DECIMAL_EXPECTED"),
    ),
    (
        "decimal",
        "tiny_fraction",
        Some("INSTANCE_DECIMAL_EXPECTED"),
    ),
    (
        "decimal",
        "huge_exponent",
        Some("INSTANCE_DECIMAL_EXPECTED"),
    ),
    (
        "decimal",
        "tiny_exponent",
        Some("INSTANCE_DECIMAL_EXPECTED"),
    ),
    (
        "decimal",
        "one_written_long",
        Some("INSTANCE_DECIMAL_EXPECTED"),
    ),
];

fn huge_number(label: &str) -> String {
    let digits = 5000;
    match label {
        "nines" => "9".repeat(digits),
        "minus_nines" => format!("-{}", "9".repeat(digits)),
        "one_then_zeros_fraction" => format!("1{}.5", "0".repeat(digits)),
        "tiny_fraction" => format!("0.{}1", "0".repeat(digits)),
        "huge_exponent" => format!("1{}e99999", "0".repeat(digits)),
        "tiny_exponent" => format!("1e-{}", "9".repeat(digits)),
        // Exactly 1: 1 followed by 5000 zeros, times 10^-5000.
        "one_written_long" => format!("1{}e-{digits}", "0".repeat(digits)),
        other => panic!("no number {other}"),
    }
}

fn huge_numbers(all: &mut Vec<Case>) {
    let mut types: Vec<&str> = NUMBERS.iter().map(|(t, ..)| *t).collect();
    types.dedup();
    for ty in types {
        all.push(case(
            format!("numbers::{ty}_5000_digits"),
            QUICK,
            move || {
                let v = validator(&format!(
                    r#""type": "object", "properties": {{"n": {{"type": "{ty}"}}}}"#
                ));
                let mut failures = String::new();
                for &(_, label, want) in NUMBERS.iter().filter(|(t, ..)| *t == ty) {
                    let n = huge_number(label);
                    let text = format!("{{\n  \"n\": {n}\n}}");
                    let got = match verdict(&v, text.as_bytes()) {
                        Err(e) => {
                            let _ = writeln!(failures, "{label}: {e}");
                            continue;
                        }
                        Ok(None) => None,
                        Ok(Some(r)) => {
                            let e = &r.errors[0];
                            if r.errors.len() != 1 || e.path != "/n" || e.line != Some(2) {
                                let _ = writeln!(failures, "{label}: not one error at /n: {r}");
                            }
                            Some(e.code.as_str())
                        }
                    };
                    if got != want {
                        let _ = writeln!(failures, "{label}: got {got:?}, pinned {want:?}");
                    }
                }
                // The same digits as a string: the spec's form for int64 and decimal.
                if matches!(ty, "int64" | "decimal") {
                    let text = format!("{{\"n\": \"{}\"}}", "9".repeat(5000));
                    let got = verdict(&v, text.as_bytes())?.map(|r| r.errors[0].code.as_str());
                    let want = (ty == "int64").then_some("INSTANCE_INT_RANGE_INVALID");
                    if got != want {
                        let _ =
                            writeln!(failures, "string of 5000 nines: got {got:?}, want {want:?}");
                    }
                }
                ensure(failures.is_empty(), || failures)
            },
        ));
    }
}

/// A text with `bad` spliced in on line 2, and the offset where it starts.
fn splice(before: &str, bad: &[u8], after: &str) -> (Vec<u8>, usize) {
    let mut text = before.as_bytes().to_vec();
    let at = text.len();
    text.extend_from_slice(bad);
    text.extend_from_slice(after.as_bytes());
    (text, at)
}

const BAD_UTF8: &[(&str, &[u8])] = &[
    ("0xff", &[0xff]),
    ("stray continuation byte", &[0x80]),
    ("overlong NUL", &[0xc0, 0x80]),
    ("overlong slash", &[0xe0, 0x80, 0xaf]),
    ("UTF-8 encoded surrogate", &[0xed, 0xa0, 0x80]),
    ("beyond U+10FFFF", &[0xf4, 0x90, 0x80, 0x80]),
    ("lead byte without continuation", &[0xe2, 0x82, b'x']),
];

fn invalid_utf8(all: &mut Vec<Case>) {
    all.push(case("utf8::in_string_values", QUICK, || {
        let targets = [
            ("any", any()),
            ("string", validator(r#""type": "string""#)),
            (
                "enum",
                validator(r#""type": "string", "enum": ["ab", "abc"]"#),
            ),
        ];
        for (label, bad) in BAD_UTF8 {
            for (name, v) in &targets {
                let (text, at) = splice("\n\"ab", bad, "c\"");
                syntax_at(v, &text, at, "UTF-8").map_err(|e| format!("{label} / {name}: {e}"))?;
            }
            // A Session's `id` (a plain string: skipped, still checked) and `status` (an enum).
            for member in ["\"id\": \"sess_", "\"status\": \"act"] {
                let full = String::from_utf8(session_bytes()).unwrap();
                let cut = full.find(member).unwrap() + member.len();
                let (text, at) = splice(&full[..cut], bad, &full[cut..]);
                syntax_at(&session(), &text, at, "UTF-8")
                    .map_err(|e| format!("{label} in {member}: {e}"))?;
            }
        }
        Ok(())
    }));
    all.push(case("utf8::in_keys", QUICK, || {
        let object = validator(
            r#""type": "object", "properties": {"ab": {"type": "string"}, "abc": {"type": "string"}}"#,
        );
        let map = validator(r#""type": "map", "values": {"type": "string"}"#);
        for (label, bad) in BAD_UTF8 {
            for (name, v) in [("any", &any()), ("object", &object), ("map", &map)] {
                let (text, at) = splice("{\"x\": \"1\",\n \"ab", bad, "\": \"v\"}");
                syntax_at(v, &text, at, "UTF-8").map_err(|e| format!("{label} / {name}: {e}"))?;
            }
            // The first member of a Session, where the declared-name fast path looks first.
            let full = String::from_utf8(session_bytes()).unwrap();
            let cut = full.find("\"object\"").unwrap() + 4;
            let (text, at) = splice(&full[..cut], bad, &full[cut..]);
            syntax_at(&session(), &text, at, "UTF-8").map_err(|e| format!("{label}: {e}"))?;
        }
        Ok(())
    }));
    all.push(case("utf8::outside_strings", QUICK, || {
        for (label, bad) in BAD_UTF8 {
            let (text, at) = splice("[1,\n ", bad, "]");
            syntax_at(&any(), &text, at, "").map_err(|e| format!("{label} in an array: {e}"))?;
            let (text, at) = splice("", bad, "");
            syntax_at(&any(), &text, at, "").map_err(|e| format!("{label} alone: {e}"))?;
            let (text, at) = splice("{\"a\": 1}\n", bad, "");
            syntax_at(&any(), &text, at, "").map_err(|e| format!("{label} after: {e}"))?;
        }
        Ok(())
    }));
    all.push(case("utf8::cut_off_by_the_end", QUICK, || {
        for cut in [&[0xe2u8][..], &[0xe2, 0x82], &[0xf0, 0x9f, 0x98]] {
            let (text, at) = splice("\"ab", cut, "");
            let report = verdict(&any(), &text)?.ok_or("accepted")?;
            let e = &report.errors[0];
            ensure(
                e.code.as_str() == "INSTANCE_JSON_SYNTAX" && e.offset.is_some_and(|o| o >= at),
                || format!("{cut:x?}: {e}"),
            )?;
        }
        Ok(())
    }));
    all.push(case("utf8::valid_multibyte_text_is_fine", QUICK, || {
        let text = "{\"id\": \"caf\u{e9} \u{1f600} \u{10ffff} \u{7ff}\"}";
        valid(&any(), text.as_bytes())?;
        valid(
            &validator(r#""type": "map", "values": {"type": "string"}"#),
            text.as_bytes(),
        )
    }));
}

fn nul_bytes(all: &mut Vec<Case>) {
    all.push(case("nul::raw_in_string_value", QUICK, || {
        for v in [any(), validator(r#""type": "string""#)] {
            let (text, at) = splice("\n\"a", b"\0", "b\"");
            syntax_at(&v, &text, at, "control character")?;
        }
        let full = String::from_utf8(session_bytes()).unwrap();
        let cut = full.find("sess_2w").unwrap() + 5;
        let (text, at) = splice(&full[..cut], b"\0", &full[cut..]);
        syntax_at(&session(), &text, at, "control character")
    }));
    all.push(case("nul::raw_in_key", QUICK, || {
        let (text, at) = splice("{\"a", b"\0", "\": 1}");
        syntax_at(&any(), &text, at, "control character")
    }));
    all.push(case("nul::outside_strings", QUICK, || {
        let (text, at) = splice("[1,", b"\0", "2]");
        syntax_at(&any(), &text, at, "")?;
        let (text, at) = splice("", b"\0", "");
        syntax_at(&any(), &text, at, "")?;
        let (text, at) = splice("", b"\0", "{}");
        syntax_at(&any(), &text, at, "")?;
        // After a complete document: trailing characters.
        let mut text = session_bytes();
        let at = text.len();
        text.push(0);
        syntax_at(&session(), &text, at, "trailing")
    }));
    all.push(case("nul::escaped_is_fine", QUICK, || {
        valid(&any(), br#"{"a\u0000": "x\u0000y"}"#)?;
        valid(&validator(r#""type": "string""#), br#""\u0000""#)?;
        // ... but an escaped NUL is still a character that must match.
        let e = invalid_with(
            &validator(r#""type": "string", "enum": ["active"]"#),
            br#""active\u0000""#,
            "INSTANCE_ENUM_MISMATCH",
        )?;
        ensure(e.offset == Some(0), || e.to_string())
    }));
}

/// Each escape sequence and the offset (within it) of the error.
const SURROGATES: &[(&str, usize)] = &[
    (r"\ud800", 0),
    (r"\udc00", 0),
    (r"\udbff", 0),
    (r"\ud800\u0041", 0),
    (r"\ud800\ud800", 0),
    (r"\ud800x", 0),
    (r"\ud800\n", 0),
];

fn lone_surrogates(all: &mut Vec<Case>) {
    all.push(case("surrogates::in_values", QUICK, || {
        let targets = [
            ("any", any()),
            (
                "string",
                validator(r#""type": "array", "items": {"type": "string"}"#),
            ),
            (
                "enum",
                validator(r#""type": "array", "items": {"type": "string", "enum": ["ok"]}"#),
            ),
        ];
        for (escape, rel) in SURROGATES {
            for (name, v) in &targets {
                let text = format!("[\"ok\",\n \"a{escape}b\"]");
                let at = text.find(escape).unwrap() + rel;
                syntax_at(v, text.as_bytes(), at, "surrogate")
                    .map_err(|e| format!("{escape} / {name}: {e}"))?;
            }
            // In a Session's `id` (skipped) and `status` (decoded for the enum).
            for member in ["\"id\": \"sess_", "\"status\": \"act"] {
                let full = String::from_utf8(session_bytes()).unwrap();
                let cut = full.find(member).unwrap() + member.len();
                let text = format!("{}{escape}{}", &full[..cut], &full[cut..]);
                syntax_at(&session(), text.as_bytes(), cut + rel, "surrogate")
                    .map_err(|e| format!("{escape} in {member}: {e}"))?;
            }
        }
        Ok(())
    }));
    all.push(case("surrogates::in_keys", QUICK, || {
        for (escape, rel) in SURROGATES {
            let text = format!("{{\"ok\": 1,\n \"k{escape}\": 2}}");
            let at = text.find(escape).unwrap() + rel;
            syntax_at(&any(), text.as_bytes(), at, "surrogate")
                .map_err(|e| format!("{escape}: {e}"))?;
            let map = validator(r#""type": "map", "values": {"type": "int32"}"#);
            syntax_at(&map, text.as_bytes(), at, "surrogate")
                .map_err(|e| format!("{escape} in a map: {e}"))?;
        }
        Ok(())
    }));
    all.push(case("surrogates::pairs_are_fine", QUICK, || {
        let v = validator(r#""type": "string", "maxLength": 1"#);
        // One code point (U+1F600) written as a pair: length 1.
        valid(&v, br#""\ud83d\ude00""#)?;
        valid(&any(), br#"{"\ud83d\ude00": "\udbff\udfff"}"#)
    }));
}

fn empty_and_truncated(all: &mut Vec<Case>) {
    all.push(case("empty::empty_input", QUICK, || {
        for v in [any(), session(), validator(r#""type": "string""#)] {
            syntax_at(&v, b"", 0, "end")?;
        }
        Ok(())
    }));
    all.push(case("empty::whitespace_only", QUICK, || {
        for text in [&b" "[..], b"\n", b" \n\t \r\n  ", &b"\n".repeat(100_000)] {
            let e = invalid_with(&session(), text, "INSTANCE_JSON_SYNTAX")?;
            ensure(e.offset == Some(text.len()), || e.to_string())?;
        }
        let e = invalid_with(&any(), b" \n\t ", "INSTANCE_JSON_SYNTAX")?;
        ensure((e.line, e.column) == (Some(2), Some(3)), || e.to_string())
    }));
    all.push(case("truncated::every_prefix_of_a_session", QUICK, || {
        every_prefix_is_one_syntax_error("a Session with every member", &session_bytes())
    }));
    // The real Session files as they are on disk (`main` keeps this case only when the
    // corpus is there).
    all.push(case(CLERK_CASE, QUICK, || {
        let dir = corpus::shared_dir().join(clerk::DIR);
        let files: Vec<&str> = clerk::valid_sessions()
            .filter(|(_, pointer)| pointer.is_empty())
            .map(|(file, _)| file)
            .collect();
        ensure(files.len() == 2, || format!("{files:?}"))?;
        for file in files {
            let full = std::fs::read(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
            every_prefix_is_one_syntax_error(file, &full)?;
        }
        Ok(())
    }));
    all.push(case("truncated::every_prefix_against_any", QUICK, || {
        let full = session_bytes();
        for len in 0..full.len() {
            let e = invalid_with(&any(), &full[..len], "INSTANCE_JSON_SYNTAX")
                .map_err(|e| format!("prefix of {len} bytes: {e}"))?;
            ensure(e.offset.is_some_and(|o| o <= len), || e.to_string())?;
        }
        Ok(())
    }));
    all.push(case("trailing::garbage_after_a_session", QUICK, || {
        let v = session();
        for garbage in [
            &b"x"[..],
            b"{}",
            b"}",
            b"]",
            b",",
            b"nul",
            b"\"",
            b"1",
            b"\xff",
        ] {
            let mut text = session_bytes();
            text.extend_from_slice(b"\n  ");
            let at = text.len();
            text.extend_from_slice(garbage);
            syntax_at(&v, &text, at, "trailing")
                .or_else(|e| syntax_at(&v, &text, at, "").map_err(|_| e))
                .map_err(|e| format!("{:?}: {e}", String::from_utf8_lossy(garbage)))?;
        }
        // Trailing whitespace is fine.
        let mut text = session_bytes();
        text.extend_from_slice(b" \n\t\r\n");
        valid(&v, &text)
    }));
}

fn large_inputs(all: &mut Vec<Case>) {
    all.push(case("large::array_of_sessions_20mb", LARGE, || {
        let v = session_array();
        let (text, count) = sessions_array(20 << 20, None);
        valid(&v, &text)?;
        // One bad item at the end: one located error.
        let (text, _) = sessions_array(20 << 20, Some("unknown_status"));
        let report = verdict(&v, &text)?.ok_or("accepted")?;
        ensure(
            report.errors.len() == 1
                && report.errors[0].code.as_str() == "INSTANCE_ENUM_MISMATCH"
                && report.errors[0].path == format!("/{}/status", count - 1),
            || report.to_string(),
        )
    }));
    all.push(case("large::string_5mb", LARGE, || {
        let big = "a".repeat(5 << 20);
        let text = format!("\"{big}\"");
        valid(&any(), text.as_bytes())?;
        valid(&validator(r#""type": "string""#), text.as_bytes())?;
        let e = invalid_with(
            &validator(r#""type": "string", "maxLength": 1000"#),
            text.as_bytes(),
            "INSTANCE_STRING_MAX_LENGTH",
        )?;
        ensure(e.offset == Some(0), || e.to_string())?;
        // Escaped all the way: decoded where the schema looks at it.
        let escaped = format!("\"{}\"", "\\n\\u00e9".repeat(1 << 20));
        valid(&any(), escaped.as_bytes())?;
        invalid_with(
            &validator(r#""type": "string", "enum": ["x"]"#),
            escaped.as_bytes(),
            "INSTANCE_ENUM_MISMATCH",
        )?;
        // As a Session's `id`.
        let mut s = session_payload();
        s["id"] = Value::String(big);
        valid(&session(), &serde_json::to_vec(&s).unwrap())
    }));
    all.push(case("large::object_100k_members", LARGE, || {
        let n = 100_000;
        let mut text = String::from("{");
        for i in 0..n {
            let sep = if i + 1 < n { "," } else { "" };
            let _ = write!(text, "\n  \"k{i}\": {i}{sep}");
        }
        text.push_str("\n}");
        let open = validator(r#""type": "object", "properties": {"k0": {"type": "int32"}}"#);
        valid(&open, text.as_bytes())?;
        let map = validator(r#""type": "map", "values": {"type": "int32"}"#);
        valid(&map, text.as_bytes())?;
        // The last value of the wrong type: one error, at the right line.
        let bad = text.replace(&format!("\"k{}\": {}", n - 1, n - 1), "\"last\": \"x\"");
        let e = invalid_with(&map, bad.as_bytes(), "INSTANCE_NUMBER_EXPECTED")
            .or_else(|_| invalid_with(&map, bad.as_bytes(), "INSTANCE_INTEGER_EXPECTED"))?;
        ensure(e.path == "/last" && e.line == Some(n + 1), || e.to_string())?;
        // Against the closed Session: every member is reported, each on its own line.
        let report = verdict(&session(), text.as_bytes())?.ok_or("accepted")?;
        let extra = report
            .errors
            .iter()
            .filter(|e| e.code.as_str() == "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED")
            .count();
        ensure(extra == n, || format!("{extra} additional-property errors"))
    }));
    // Regression: each error used to search for its own line and column from the start of the
    // input, so errors on one long line cost the square of their number (10,000 unknown
    // members took 0.47 s in a release build, 40,000 took 8 s; 100,000 would take about a
    // minute, far past the bound). Now they are located in one pass.
    all.push(case(
        "errors::unknown_members_100k_on_one_line",
        LARGE,
        || {
            let n = 100_000;
            let mut text = String::from("{");
            for i in 0..n {
                let sep = if i + 1 < n { "," } else { "" };
                let _ = write!(text, "\"k{i}\":{i}{sep}");
            }
            text.push('}');
            let report = verdict(&session(), text.as_bytes())?.ok_or("accepted")?;
            let extra = report
                .errors
                .iter()
                .filter(|e| e.code.as_str() == "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED")
                .count();
            ensure(extra == n, || format!("{extra} additional-property errors"))?;
            let last = report.errors.last().ok_or("no errors")?;
            ensure(
                last.line == Some(1) && last.column == Some(text.len() - (n - 1).to_string().len()),
                || format!("the last error is misplaced: {last}"),
            )?;
            // With a limit: the first errors in document order, the rest counted.
            let schema = Schema::from_slice(&serde_json::to_vec(&session_schema_value()).unwrap())
                .map_err(|e| e.to_string())?;
            let limited =
                Validator::with_options(&schema, jsonstruct::Options::default().max_errors(10))
                    .map_err(|e| e.to_string())?;
            let t = Instant::now();
            let short = limited.validate(text.as_bytes()).err().ok_or("accepted")?;
            let bound = BOUND.with(|b| b.get());
            ensure(t.elapsed() <= bound, || {
                format!("too slow: {:?}", t.elapsed())
            })?;
            ensure(short.errors[..] == report.errors[..10], || {
                format!("a limit changed which errors come first: {short}")
            })?;
            ensure(short.omitted == report.errors.len() - 10, || {
                format!("{} omitted of {}", short.omitted, report.errors.len())
            })
        },
    ));
    all.push(case("large::redos_pattern_on_a_long_string", QUICK, || {
        let v = validator(
            r#""$uses": ["JSONStructureValidation"], "type": "string", "pattern": "^(a+)+$""#,
        );
        let text = format!("\"{}b\"", "a".repeat(100_000));
        let e = invalid_with(&v, text.as_bytes(), "INSTANCE_STRING_PATTERN_MISMATCH")?;
        ensure(e.offset == Some(0), || e.to_string())?;
        valid(&v, format!("\"{}\"", "a".repeat(100_000)).as_bytes())
    }));
}

/// `full` is a valid Session; every prefix that cuts it before its closing brace is invalid
/// with exactly one error: INSTANCE_JSON_SYNTAX at the end of the input. (No rule can fail
/// earlier: a cut never completes a wrong value, and required members are checked at the
/// closing brace, which a prefix never reaches.)
fn every_prefix_is_one_syntax_error(what: &str, full: &[u8]) -> Result<(), String> {
    let v = session();
    valid(&v, full).map_err(|e| format!("{what}: {e}"))?;
    let end = full
        .iter()
        .rposition(|&b| b == b'}')
        .ok_or("no closing brace")?;
    for len in 0..=end {
        let text = &full[..len];
        let report = verdict(&v, text)
            .map_err(|e| format!("{what}, prefix of {len} bytes: {e}"))?
            .ok_or_else(|| format!("{what}, prefix of {len} bytes accepted"))?;
        let e = &report.errors[0];
        ensure(
            report.errors.len() == 1
                && e.code.as_str() == "INSTANCE_JSON_SYNTAX"
                && e.offset == Some(len),
            || format!("{what}, prefix of {len} bytes: {report}"),
        )?;
    }
    Ok(())
}

/// A JSON array of distinct valid Sessions of at least `size` bytes; `bad_status` replaces the
/// last one's status. Returns the text and the item count.
fn sessions_array(size: usize, bad_status: Option<&str>) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(size + 4096);
    out.extend_from_slice(b"[\n");
    let mut count = 0;
    let mut s = session_payload();
    while out.len() < size {
        if count > 0 {
            out.extend_from_slice(b",\n");
        }
        s["id"] = Value::String(format!("sess_{count:027}"));
        s["created_at"] = json!(1_700_000_000_000u64 + count as u64);
        if count % 3 == 1 {
            s["latest_activity"] = Value::Null;
        }
        let is_last = out.len() + 1200 >= size;
        if let (true, Some(status)) = (is_last, bad_status) {
            s["status"] = json!(status);
        }
        serde_json::to_writer(&mut out, &s).unwrap();
        count += 1;
        if is_last {
            break;
        }
    }
    out.extend_from_slice(b"\n]\n");
    (out, count)
}

/// Two recursive object types; `link` is the schema of their `n` member, naming both.
fn recursive_pair(uses: &str, link: &str) -> Validator {
    validator(&format!(
        r##"{uses} "$root": "#/definitions/A", "definitions": {{
            "A": {{"type": "object", "additionalProperties": false, "properties": {{
                "a": {{"type": "string"}}, "n": {link}}}}},
            "B": {{"type": "object", "additionalProperties": false, "properties": {{
                "b": {{"type": "string"}}, "n": {link}}}}}}}"##
    ))
}

const UNION_LINK: &str =
    r##"{"type": [{"$ref": "#/definitions/A"}, {"$ref": "#/definitions/B"}, "null"]}"##;
const COMPOSITION: &str = r#""$uses": ["JSONStructureConditionalComposition"],"#;

fn backtracking(all: &mut Vec<Case>) {
    // Two recursive object types in a union: when a value fails deep down, both members are
    // tried at every level. Without the trial memo this is 2^depth walks (hours at 40).
    all.push(case(
        "union::two_recursive_members_40_levels",
        BACKTRACK,
        || two_recursive_types(&recursive_pair("", UNION_LINK), 40),
    ));
    // Near the depth limit (128): the memo's fixed table must still hold the level below.
    all.push(case(
        "union::two_recursive_members_120_levels",
        BACKTRACK,
        || two_recursive_types(&recursive_pair("", UNION_LINK), 120),
    ));
    // Many chains in one document: far more trials than the memo has slots, so entries are
    // evicted; each chain must still be linear.
    all.push(case(
        "union::two_thousand_chains_of_20_levels",
        LARGE,
        || {
            let v = validator(&format!(
                r##""$root": "#/definitions/L", "definitions": {{
                "L": {{"type": "array", "items": {UNION_LINK}}},
                "A": {{"type": "object", "additionalProperties": false, "properties": {{
                    "a": {{"type": "string"}}, "n": {UNION_LINK}}}}},
                "B": {{"type": "object", "additionalProperties": false, "properties": {{
                    "b": {{"type": "string"}}, "n": {UNION_LINK}}}}}}}"##
            ));
            let chain = |leaf: &str| "{\"n\":".repeat(20) + leaf + &"}".repeat(20);
            let good = vec![chain("{\"b\": \"x\"}"); 2000];
            valid(&v, format!("[{}]", good.join(",")).as_bytes())?;
            let mut bad = good;
            bad[1999] = chain("{\"bad\": 1}");
            verdict(&v, format!("[{}]", bad.join(",")).as_bytes())?.ok_or("accepted")?;
            Ok(())
        },
    ));
    // The same shapes through Conditional Composition: each branch is a trial too.
    let branches = |keyword: &str| {
        format!(
            r##"{{"{keyword}": [{{"type": {{"$ref": "#/definitions/A"}}}}, {{"type": {{"$ref": "#/definitions/B"}}}}]}}"##
        )
    };
    let any_of = branches("anyOf");
    all.push(case(
        "anyof::two_recursive_branches_40_levels",
        BACKTRACK,
        move || two_recursive_types(&recursive_pair(COMPOSITION, &any_of), 40),
    ));
    // Every `{"n": ..}` matches both branches, so a oneOf chain is invalid at each level; the
    // point is that it says so quickly.
    let one_of = branches("oneOf");
    all.push(case(
        "oneof::two_recursive_branches_40_levels",
        BACKTRACK,
        move || {
            let v = recursive_pair(COMPOSITION, &one_of);
            for leaf in ["{\"bad\": 1}", "{\"a\": \"x\"}"] {
                let text = "{\"n\":".repeat(40) + leaf + &"}".repeat(40);
                verdict(&v, text.as_bytes())?.ok_or("accepted")?;
            }
            Ok(())
        },
    ));
    // `allOf` of the same type twice walks each member; nested, that is 2^depth on a valid
    // value unless a member already seen to match at a position is not walked again.
    all.push(case("allof::same_recursive_type_twice_40_levels", BACKTRACK, || {
        let v = validator(&format!(
            r##"{COMPOSITION} "$root": "#/definitions/A", "definitions": {{
                "A": {{"type": "object", "properties": {{
                    "a": {{"type": "string"}},
                    "n": {{"allOf": [{{"type": {{"$ref": "#/definitions/A"}}}}, {{"type": {{"$ref": "#/definitions/A"}}}}]}}}}}}}}"##
        ));
        let depth = 40;
        let ok = "{\"n\":".repeat(depth) + "{\"a\": \"x\"}" + &"}".repeat(depth);
        valid(&v, ok.as_bytes())?;
        let bad = "{\"n\":".repeat(depth) + "{\"a\": 1}" + &"}".repeat(depth);
        verdict(&v, bad.as_bytes())?.ok_or("accepted")?;
        Ok(())
    }));
}

/// `depth` levels of `{"n": ...}` around an object that neither type accepts: invalid, quickly.
fn two_recursive_types(v: &Validator, depth: usize) -> Result<(), String> {
    let text = "{\"n\":".repeat(depth) + "{\"bad\": 1}" + &"}".repeat(depth);
    verdict(v, text.as_bytes())?.ok_or("accepted")?;
    // A valid chain of the same depth is accepted.
    let ok = "{\"n\":".repeat(depth) + "{\"a\": \"x\"}" + &"}".repeat(depth);
    valid(v, ok.as_bytes())
}
