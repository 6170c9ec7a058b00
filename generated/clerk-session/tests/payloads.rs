//! Hand-written tests of the generated `clerk-session` crate against Clerk's public payloads
//! in `../shared/clerk` (see its README for what each file is).

use std::path::{Path, PathBuf};

use clerk_session::{Session, SessionActor, SessionStatus};
use serde_json::{json, Value};

fn clerk_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/clerk");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!! {} is missing: the Clerk payload tests are SKIPPED.\n",
            dir.display()
        );
        None
    }
}

fn read(dir: &Path, file: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The Session payloads: (file, where the Session is, members the schema does not declare).
const VALID: &[(&str, &str, &[&str])] = &[
    (
        "04-webhook-session-created-event-catalog-2022.json",
        "/data",
        &[],
    ),
    (
        "05-webhook-session-ended-event-catalog-2022.json",
        "/data",
        &[],
    ),
    (
        "06-webhook-session-removed-event-catalog-2022.json",
        "/data",
        &[],
    ),
    (
        "07-webhook-session-revoked-event-catalog-2022.json",
        "/data",
        &[],
    ),
    (
        "09-bapi-get-session-2025-transcribed-python-issue-120.json",
        "",
        &[],
    ),
    (
        "10-webhook-session-created-openapi-example.json",
        "/data",
        &["user"],
    ),
    (
        "11-webhook-session-pending-openapi-example.json",
        "/data",
        &["user"],
    ),
    (
        "12-bapi-session-speakeasy-synthetic-with-tasks.json",
        "",
        &[],
    ),
];

/// JSON equality where `null` equals absent.
fn same_up_to_null(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
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

#[test]
fn every_clerk_session_deserializes_and_round_trips() {
    let Some(dir) = clerk_dir() else { return };
    for (file, pointer, undeclared) in VALID {
        let payload = read(&dir, file);
        let mut data = payload.pointer(pointer).unwrap().clone();
        let session: Session =
            serde_json::from_value(data.clone()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let written: Value =
            serde_json::from_str(&serde_json::to_string(&session).unwrap()).unwrap();
        for key in *undeclared {
            // Tolerated when reading, not kept: `Session` does not allow extra members.
            assert!(data.as_object_mut().unwrap().remove(*key).is_some());
        }
        assert!(
            same_up_to_null(&data, &written),
            "{file} does not round-trip:\n in:  {data}\n out: {written}"
        );
        // Timestamps are written as JSON numbers, as Clerk sends them.
        assert!(written["created_at"].is_u64(), "{file}");
        let again: Session = serde_json::from_value(written).unwrap();
        assert_eq!(again, session, "{file}");
    }
}

#[test]
fn payloads_that_are_not_sessions_fail_to_deserialize() {
    let Some(dir) = clerk_dir() else { return };
    // 2021 payloads lack `created_at`/`updated_at`; the Frontend API session lacks `user_id`
    // and `client_id`; list items of 08 and 13 are Frontend API shapes or stubs.
    for file in [
        "01-bapi-session-docs-2021-seconds.json",
        "02-bapi-session-go-sdk-v1-fixture-2021-seconds.json",
        "03-fapi-session-docs-2021-ms-with-user.json",
    ] {
        let err = serde_json::from_value::<Session>(read(&dir, file)).unwrap_err();
        assert!(err.to_string().contains("missing field"), "{file}: {err}");
    }
    for (file, pointer) in [
        ("08-fapi-active-sessions-clerk-ios-mock-2024.json", ""),
        (
            "13-bapi-session-list-paginated-envelope-go-sdk-test.json",
            "/data",
        ),
    ] {
        let list = read(&dir, file);
        let items = list.pointer(pointer).unwrap().as_array().unwrap();
        assert!(!items.is_empty());
        for item in items {
            assert!(
                serde_json::from_value::<Session>(item.clone()).is_err(),
                "{file}: {item}"
            );
        }
    }
}

fn minimal() -> Value {
    json!({
        "object": "session",
        "id": "sess_1",
        "user_id": "user_1",
        "client_id": "client_1",
        "status": "active",
        "last_active_at": 1746645421127u64,
        "expire_at": 1747250221127u64,
        "abandon_at": 1749237421127u64,
        "updated_at": 1746645421195u64,
        "created_at": 1746645421127u64
    })
}

#[test]
fn a_new_status_is_kept_and_written_back_unchanged() {
    let mut data = minimal();
    data["status"] = json!("some_new_status");
    let session: Session = serde_json::from_value(data.clone()).unwrap();
    assert_eq!(
        session.status,
        SessionStatus::Unknown("some_new_status".to_owned())
    );
    assert_eq!(session.status.to_string(), "some_new_status");
    assert_eq!(serde_json::to_value(&session).unwrap(), data);
    // Known values map to their variants, `pending` included.
    data["status"] = json!("pending");
    let session: Session = serde_json::from_value(data).unwrap();
    assert_eq!(session.status, SessionStatus::Pending);
}

#[test]
fn actor_keeps_every_member() {
    let mut data = minimal();
    data["actor"] = json!({
        "sub": "user_21Ufcy98STcA11s3QckIwtwHIES",
        "iss": "https://dashboard.clerk.com",
        "type": "agent",
        "custom_claim": {"nested": [1, 2, 3]},
        "scope": "read"
    });
    let session: Session = serde_json::from_value(data.clone()).unwrap();
    let actor: &SessionActor = session.actor.as_ref().unwrap();
    assert_eq!(actor.sub, "user_21Ufcy98STcA11s3QckIwtwHIES");
    assert_eq!(actor.r#type.as_deref(), Some("agent"));
    assert_eq!(actor.additional_properties["scope"], "read");
    assert_eq!(
        actor.additional_properties["custom_claim"],
        json!({"nested": [1, 2, 3]})
    );
    assert_eq!(serde_json::to_value(&session).unwrap(), data);
}

#[test]
fn large_integers_survive_exactly() {
    let mut data = minimal();
    data["last_active_at"] = json!(9007199254740993u64);
    let text = data.to_string();
    assert!(text.contains("9007199254740993"));
    let session: Session = serde_json::from_str(&text).unwrap();
    assert_eq!(session.last_active_at, 9007199254740993);
    assert!(serde_json::to_string(&session)
        .unwrap()
        .contains("\"last_active_at\":9007199254740993"));
}

#[test]
fn int64_given_as_a_string_deserializes() {
    let mut data = minimal();
    data["expire_at"] = json!("123");
    let session: Session = serde_json::from_value(data).unwrap();
    assert_eq!(session.expire_at, 123);
    // ... and is written as a number.
    assert_eq!(
        serde_json::to_value(&session).unwrap()["expire_at"],
        json!(123)
    );
    for bad in [json!("12.5"), json!(1.5), json!("0x10"), json!(true)] {
        let mut data = minimal();
        data["expire_at"] = bad.clone();
        assert!(serde_json::from_value::<Session>(data).is_err(), "{bad}");
    }
}

#[test]
fn optional_members_accept_null_and_absence() {
    let mut data = minimal();
    for key in [
        "actor",
        "last_active_organization_id",
        "latest_activity",
        "tasks",
    ] {
        data[key] = Value::Null;
    }
    let with_nulls: Session = serde_json::from_value(data).unwrap();
    let without: Session = serde_json::from_value(minimal()).unwrap();
    assert_eq!(with_nulls, without);
    // `None` is omitted when writing.
    assert_eq!(serde_json::to_value(&without).unwrap(), minimal());
}
