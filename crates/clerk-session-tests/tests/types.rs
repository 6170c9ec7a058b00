//! The generated `clerk_session` types on their own (no validator): forward-compatible enums,
//! open objects, exact 64-bit integers, optional members. Moved here from the generated crate's
//! `tests/` so that they share the Session's facts of `jsonstruct-test-support`.

use clerk_session::{Session, SessionActor, SessionStatus};
use jsonstruct_test_support::session::{self, OPTIONAL};
use serde_json::{json, Value};

#[test]
fn a_new_status_is_kept_and_written_back_unchanged() {
    let mut data = session::minimal();
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
    let mut data = session::minimal();
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
    let mut data = session::minimal();
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
    let mut data = session::minimal();
    data["expire_at"] = json!("123");
    let session: Session = serde_json::from_value(data).unwrap();
    assert_eq!(session.expire_at, 123);
    // ... and is written as a number.
    assert_eq!(
        serde_json::to_value(&session).unwrap()["expire_at"],
        json!(123)
    );
    for bad in [json!("12.5"), json!(1.5), json!("0x10"), json!(true)] {
        let mut data = session::minimal();
        data["expire_at"] = bad.clone();
        assert!(serde_json::from_value::<Session>(data).is_err(), "{bad}");
    }
}

#[test]
fn optional_members_accept_null_and_absence() {
    let mut data = session::minimal();
    for key in OPTIONAL {
        data[key] = Value::Null;
    }
    let with_nulls: Session = serde_json::from_value(data).unwrap();
    let without: Session = serde_json::from_value(session::minimal()).unwrap();
    assert_eq!(with_nulls, without);
    // `None` is omitted when writing.
    assert_eq!(serde_json::to_value(&without).unwrap(), session::minimal());
}
