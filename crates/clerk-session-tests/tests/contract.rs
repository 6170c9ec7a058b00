//! The contract between the validator (`schemas/clerk/session.struct.json`) and the generated
//! `clerk_session::Session`:
//!
//! 1. Any Session the validator accepts deserializes into `Session`, and its serialization is
//!    accepted by the validator (and reads back equal, up to `null` versus absent and the
//!    64-bit integers' string form, which is written as a number).
//! 2. What the validator rejects for a reason the type system expresses (a missing required
//!    member, a wrong JSON type, an int64 out of range, a fractional timestamp, a malformed
//!    `latest_activity`, `actor` or `tasks`), deserialization rejects too. The exceptions are
//!    listed in [`EXCEPTIONS`], each with the reason, and the test asserts that list exactly:
//!    a mutation the types accept must be listed, and a listed one must still be accepted.
//!
//! Sessions are generated from the schema's facts (property tests with `proptest`, strategies
//! from `jsonstruct-test-support`): valid ones, and valid ones with one mutation applied.

mod common;

use std::sync::LazyLock;

use clerk_session::{Session, SessionStatus};
use jsonstruct::Validator;
use jsonstruct_test_support::json::same_up_to_null;
use jsonstruct_test_support::session::{
    self, ACTIVITY_OPTIONAL, ACTIVITY_REQUIRED, ACTOR_CLAIMS, REQUIRED, REQUIRED_STRINGS,
    TIMESTAMPS,
};
use jsonstruct_test_support::strategies::session as valid_session;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

use common::{accepts, session_validator};

static VALIDATOR: LazyLock<Validator> = LazyLock::new(session_validator);

// ------------------------------------------------------------------------ mutations

/// A change that makes a valid Session invalid; `k` picks among variants.
type Mutate = fn(&mut Value, usize);

fn obj(v: &mut Value) -> &mut Map<String, Value> {
    v.as_object_mut().expect("an object")
}

/// A value of another JSON type than `like`.
fn other_type(like: &Value, k: usize) -> Value {
    let all = [
        json!(null),
        json!(true),
        json!(7),
        json!("text"),
        json!([1]),
        json!({"a": 1}),
    ];
    let same = |v: &Value| {
        std::mem::discriminant(v) == std::mem::discriminant(like)
            || (v.is_null() && !like.is_null())
    };
    let choices: Vec<&Value> = all.iter().filter(|v| !same(v)).collect();
    choices[k % choices.len()].clone()
}

/// Makes sure the member exists (with a valid value) so it can be broken.
fn ensure_member(v: &mut Value, name: &str) {
    let value = match name {
        "latest_activity" => {
            json!({"id": "act_1", "object": "session_activity", "is_mobile": true, "city": "Porto"})
        }
        "actor" => json!({"sub": "user_1", "iss": "https://dashboard.clerk.com"}),
        "tasks" => json!([{"key": "setup-mfa"}]),
        _ => unreachable!(),
    };
    let m = obj(v);
    if m.get(name).is_none_or(Value::is_null) {
        m.insert(name.into(), value);
    }
}

/// Every mutation, by name. Those the types accept are in [`EXCEPTIONS`].
const MUTATIONS: &[(&str, Mutate)] = &[
    ("missing_required_member", |v, k| {
        obj(v).remove(REQUIRED[k % REQUIRED.len()]);
    }),
    ("required_member_null", |v, k| {
        obj(v).insert(REQUIRED[k % REQUIRED.len()].into(), Value::Null);
    }),
    ("string_member_of_another_type", |v, k| {
        let name = REQUIRED_STRINGS[k % REQUIRED_STRINGS.len()];
        let bad = other_type(&json!(""), k / REQUIRED_STRINGS.len());
        obj(v).insert(name.into(), if bad.is_null() { json!(1) } else { bad });
    }),
    ("organization_id_of_another_type", |v, k| {
        let bad = other_type(&json!(""), k);
        obj(v).insert(
            "last_active_organization_id".into(),
            if bad.is_null() { json!(false) } else { bad },
        );
    }),
    ("timestamp_of_another_type", |v, k| {
        let bad = [json!(true), json!([1]), json!({"ms": 1})][k % 3].clone();
        obj(v).insert(TIMESTAMPS[(k / 3) % 5].into(), bad);
    }),
    ("timestamp_with_a_fraction", |v, k| {
        let bad = [json!(1746645421127.5), json!(0.5), json!(-1.25)][k % 3].clone();
        obj(v).insert(TIMESTAMPS[(k / 3) % 5].into(), bad);
    }),
    // Integral but written as a float (`1000.0`): not an integer on the wire either.
    ("timestamp_as_a_float", |v, k| {
        obj(v).insert(TIMESTAMPS[k % 5].into(), json!(1746645421000.0));
    }),
    ("timestamp_out_of_int64_range", |v, k| {
        let bad = [
            json!(9223372036854775808u64),
            json!(u64::MAX),
            json!("9223372036854775808"),
            json!("-9223372036854775809"),
            json!("99999999999999999999999999"),
        ][k % 5]
            .clone();
        obj(v).insert(TIMESTAMPS[(k / 5) % 5].into(), bad);
    }),
    ("timestamp_text_not_an_integer", |v, k| {
        let bad = [
            "",
            "12.5",
            "1e3",
            "0x10",
            " 1",
            "1 ",
            "+",
            "-",
            "--1",
            "1_000",
            "\u{661}\u{662}",
            "NaN",
            "1746645421127ms",
        ];
        obj(v).insert(
            TIMESTAMPS[(k / bad.len()) % 5].into(),
            json!(bad[k % bad.len()]),
        );
    }),
    ("latest_activity_missing_required", |v, k| {
        ensure_member(v, "latest_activity");
        let a = obj(v).get_mut("latest_activity").unwrap();
        obj(a).remove(ACTIVITY_REQUIRED[k % ACTIVITY_REQUIRED.len()]);
    }),
    ("latest_activity_member_of_another_type", |v, k| {
        ensure_member(v, "latest_activity");
        let a = obj(v).get_mut("latest_activity").unwrap();
        let name = ["id", "object", "is_mobile", "city", "device_type"][k % 5];
        let like = if name == "is_mobile" {
            json!(true)
        } else {
            json!("")
        };
        let bad = other_type(&like, k / 5);
        obj(a).insert(name.into(), if bad.is_null() { json!(3) } else { bad });
    }),
    ("latest_activity_not_an_object", |v, k| {
        obj(v).insert("latest_activity".into(), other_type(&json!({}), k + 1));
    }),
    ("actor_missing_sub", |v, _| {
        ensure_member(v, "actor");
        obj(obj(v).get_mut("actor").unwrap()).remove("sub");
    }),
    ("actor_member_of_another_type", |v, k| {
        ensure_member(v, "actor");
        let a = obj(v).get_mut("actor").unwrap();
        let bad = other_type(&json!(""), k / ACTOR_CLAIMS.len());
        let name = ACTOR_CLAIMS[k % ACTOR_CLAIMS.len()];
        obj(a).insert(name.into(), if bad.is_null() { json!(1) } else { bad });
    }),
    ("actor_not_an_object", |v, k| {
        obj(v).insert("actor".into(), other_type(&json!({}), k + 1));
    }),
    ("tasks_not_an_array", |v, k| {
        obj(v).insert("tasks".into(), other_type(&json!([]), k + 1));
    }),
    ("task_missing_key", |v, _| {
        ensure_member(v, "tasks");
        obj(v)["tasks"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "x"}));
    }),
    ("task_key_or_task_of_another_type", |v, k| {
        ensure_member(v, "tasks");
        let bad = if k % 2 == 0 {
            let key = other_type(&json!(""), k / 2);
            json!({ "key": if key.is_null() { json!(1) } else { key } })
        } else {
            other_type(&json!({}), k / 2 + 1)
        };
        obj(v)["tasks"].as_array_mut().unwrap().push(bad);
    }),
    ("not_an_object", |v, k| {
        *v = other_type(&json!({}), k);
    }),
    // The exceptions (see EXCEPTIONS).
    ("unknown_status", |v, k| {
        obj(v).insert("status".into(), json!(format!("new_status_{k}")));
    }),
    ("additional_member", |v, k| {
        let value = [json!({"id": "user_1"}), json!(null), json!(1)][k % 3].clone();
        obj(v).insert(format!("x_added_{}", k % 7), value);
    }),
    ("object_not_session", |v, k| {
        obj(v).insert("object".into(), json!(["sessions", "Session", ""][k % 3]));
    }),
    ("optional_string_member_null", |v, k| {
        if k % 2 == 0 {
            ensure_member(v, "latest_activity");
            let a = obj(v).get_mut("latest_activity").unwrap();
            obj(a).insert(ACTIVITY_OPTIONAL[(k / 2) % 6].into(), Value::Null);
        } else {
            ensure_member(v, "actor");
            let a = obj(v).get_mut("actor").unwrap();
            obj(a).insert(ACTOR_CLAIMS[1 + (k / 2) % 3].into(), Value::Null);
        }
    }),
];

/// What the validator rejects and the generated types accept, on purpose: `(mutation, reason)`.
///
/// The test asserts this list exactly: every mutation here is accepted by the types (and kept
/// or dropped as described), every mutation not here is rejected by them.
const EXCEPTIONS: &[(&str, &str)] = &[
    // The validator is strict so that CI notices drift; the generated enum is forward
    // compatible: `SessionStatus::Unknown` keeps the value and writes it back unchanged.
    (
        "unknown_status",
        "new enum values are kept (SessionStatus::Unknown)",
    ),
    // `additionalProperties: false` is enforced by the validator; the generated struct ignores
    // unknown members (they are dropped on write), so a new member never breaks production.
    (
        "additional_member",
        "unknown members are ignored by the generated struct",
    ),
    // `object` is `"const": "session"` in the schema; the generated field is a plain `String`
    // (const is not modelled in the types), kept as received.
    (
        "object_not_session",
        "const values are not checked by the types",
    ),
    // The optional strings of `latest_activity` and `actor` are not nullable in the schema
    // (Clerk leaves them out when unknown), but an optional member is an `Option` and the
    // crate documents that absent and null both read as `None` (and `None` is omitted on write).
    (
        "optional_string_member_null",
        "Option reads null as None for optional members",
    ),
];

// ------------------------------------------------------------------------ the properties

/// `value` with the timestamps' string form turned into numbers (what `Session` writes).
fn numbers_for_timestamps(value: &Value) -> Value {
    let mut v = value.clone();
    if let Some(m) = v.as_object_mut() {
        for name in TIMESTAMPS {
            if let Some(Value::String(s)) = m.get(*name) {
                let n: i64 = s.parse().expect("a valid int64 text");
                m.insert((*name).into(), n.into());
            }
        }
    }
    v
}

/// Property 1 for one accepted value.
fn check_accepted(value: &Value) -> Result<(), TestCaseError> {
    let session: Session = serde_json::from_value(value.clone()).map_err(|e| {
        TestCaseError::fail(format!(
            "the validator accepts it, deserialization fails: {e}\n{value}"
        ))
    })?;
    let written = serde_json::to_value(&session).unwrap();
    prop_assert!(
        accepts(&VALIDATOR, &written),
        "the serialization is rejected: {written}"
    );
    prop_assert!(
        same_up_to_null(&numbers_for_timestamps(value), &written),
        "round trip changed the value:\n in:  {value}\n out: {written}"
    );
    let again: Session = serde_json::from_value(written).unwrap();
    prop_assert_eq!(again, session);
    Ok(())
}

/// Property 2 for one rejected value produced by `mutation`.
fn check_rejected(mutation: &str, value: &Value) -> Result<(), TestCaseError> {
    let read = serde_json::from_value::<Session>(value.clone());
    match EXCEPTIONS.iter().find(|(m, _)| *m == mutation) {
        None => prop_assert!(
            read.is_err(),
            "{mutation}: the validator rejects it, but it deserializes: {value}"
        ),
        Some((_, reason)) => {
            let session = read.map_err(|e| {
                TestCaseError::fail(format!(
                    "{mutation} is a listed exception ({reason}) but deserialization fails: {e}"
                ))
            })?;
            let written = serde_json::to_value(&session).unwrap();
            match mutation {
                "unknown_status" => {
                    let status = value["status"].as_str().unwrap();
                    prop_assert_eq!(&session.status, &SessionStatus::Unknown(status.into()));
                    prop_assert_eq!(&written["status"], &value["status"]);
                }
                "additional_member" => {
                    let mut without = value.clone();
                    obj(&mut without).retain(|k, _| !k.starts_with("x_added_"));
                    prop_assert!(accepts(&VALIDATOR, &written));
                    prop_assert!(same_up_to_null(&numbers_for_timestamps(&without), &written));
                }
                "object_not_session" => {
                    prop_assert_eq!(&written["object"], &value["object"]);
                    prop_assert!(!accepts(&VALIDATOR, &written));
                }
                "optional_string_member_null" => {
                    // Null reads as None, which is omitted on write: valid again.
                    prop_assert!(accepts(&VALIDATOR, &written));
                    prop_assert!(same_up_to_null(&numbers_for_timestamps(value), &written));
                }
                other => prop_assert!(false, "no check for exception {}", other),
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Property 1: generated valid Sessions are accepted, deserialize, and re-serialize valid.
    #[test]
    fn valid_sessions_deserialize_and_reserialize_valid(value in valid_session()) {
        prop_assert!(accepts(&VALIDATOR, &value), "a generated Session is rejected: {}",
            VALIDATOR.validate_value(&value).unwrap_err());
        check_accepted(&value)?;
    }

    /// Property 1 on whatever the validator accepts, and property 2 on what it rejects.
    #[test]
    fn rejected_by_the_validator_means_rejected_by_the_types(
        mut value in valid_session(),
        (mutation, mutate) in select(MUTATIONS),
        k in any::<usize>(),
    ) {
        mutate(&mut value, k);
        if accepts(&VALIDATOR, &value) {
            check_accepted(&value)?;
        } else {
            check_rejected(mutation, &value)?;
        }
    }
}

/// Every variant of every mutation is rejected by the validator, and the types agree, except
/// exactly for the mutations listed in EXCEPTIONS.
/// (On [`session::full`], a Session with every optional member, so each mutation has
/// something to break.)
#[test]
fn the_exception_list_is_exact() {
    assert!(accepts(&VALIDATOR, &session::full()));
    check_accepted(&session::full()).unwrap();
    for (name, mutate) in MUTATIONS {
        let mut types_accepted = 0;
        for k in 0..64 {
            let mut value = session::full();
            mutate(&mut value, k);
            assert!(
                !accepts(&VALIDATOR, &value),
                "{name} (variant {k}) is accepted by the validator: {value}"
            );
            if serde_json::from_value::<Session>(value.clone()).is_ok() {
                types_accepted += 1;
            }
            check_rejected(name, &value).unwrap_or_else(|e| panic!("{name} variant {k}: {e}"));
        }
        let listed = EXCEPTIONS.iter().any(|(m, _)| m == name);
        assert_eq!(
            types_accepted,
            if listed { 64 } else { 0 },
            "{name}: the types accept {types_accepted} of 64 variants (listed as an exception: {listed})"
        );
    }
    for (m, reason) in EXCEPTIONS {
        assert!(
            MUTATIONS.iter().any(|(n, _)| n == m) && !reason.is_empty(),
            "EXCEPTIONS names unknown mutation {m}"
        );
    }
}
