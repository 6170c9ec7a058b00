//! Clerk's payloads as recorded, through the generated envelope types: every file that is
//! valid as the type it really is (a webhook event, a Session, a page of Sessions) deserializes
//! into the generated type of that name and writes back without losing a member (up to `null`
//! versus absent), and what it writes is still valid. Which file is which is the support
//! crate's Clerk table, checked against the README by `jsonstruct-cli`'s `clerk_verdicts`.

mod common;

use clerk_session::{Session, SessionList, SessionWebhookEvent, Sessions};
use jsonstruct::schema::SchemaSet;
use jsonstruct::{Options, Validator};
use jsonstruct_test_support::clerk::{self, Recorded};
use jsonstruct_test_support::corpus;
use jsonstruct_test_support::json::same_up_to_null;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use common::clerk_dir;

/// The validator for what a file is recorded as.
fn validator(recorded: Recorded) -> Validator {
    let (file, ty) = recorded.target().expect("a Session payload");
    let path = corpus::workspace_root().join("schemas/clerk").join(file);
    let mut set = SchemaSet::new();
    let doc = set.add_file(&path).expect("read the schema");
    let schema = set.load(doc).unwrap_or_else(|e| panic!("{e}"));
    // Clerk sends its 64-bit timestamps as JSON numbers.
    let options = Options::default().int64_numbers(true);
    match ty {
        Some(name) => Validator::for_definition(&schema, name, options).expect("the type"),
        None => Validator::with_options(&schema, options).expect("the root"),
    }
}

/// Reads `value` as `T`, writes it through text, and checks nothing was lost and the result
/// is still valid; returns what was written.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str, value: &Value, v: &Validator) -> Value {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let written: Value = serde_json::from_str(&serde_json::to_string(&typed).unwrap()).unwrap();
    assert!(
        same_up_to_null(value, &written),
        "{name} loses members:\n in:  {value}\n out: {written}"
    );
    assert!(
        v.is_valid(written.to_string().as_bytes()),
        "{name}: what the generated type writes is invalid: {written}"
    );
    written
}

#[test]
fn every_payload_valid_as_recorded_round_trips_through_its_generated_type() {
    let files: Vec<_> = clerk::FILES.iter().filter(|f| f.recorded.1).collect();
    let Some(dir) = clerk_dir(
        "every_payload_valid_as_recorded_round_trips_through_its_generated_type",
        files.len(),
    ) else {
        return;
    };
    let mut seen = Vec::new();
    for f in files {
        let (bytes, value) = clerk::read(&dir, f.name);
        let recorded = f.recorded.0;
        let v = validator(recorded);
        assert!(v.is_valid(&bytes), "{}: the README calls it valid", f.name);
        match recorded {
            Recorded::WebhookEvent => {
                let written = round_trip::<SessionWebhookEvent>(f.name, &value, &v);
                // The embedded user is an open object: every member it had is kept.
                if let Some(user) = value["data"].get("user") {
                    assert_eq!(&written["data"]["user"], user, "{}", f.name);
                }
            }
            Recorded::Session => {
                round_trip::<Session>(f.name, &value, &v);
            }
            Recorded::List => {
                round_trip::<SessionList>(f.name, &value, &v);
            }
            Recorded::Sessions => {
                round_trip::<Sessions>(f.name, &value, &v);
            }
            Recorded::NotASession => unreachable!("not valid as anything"),
        }
        seen.push(recorded);
    }
    // Both kinds the envelopes exist for were exercised.
    assert!(seen.contains(&Recorded::WebhookEvent) && seen.contains(&Recorded::Session));
}

/// The event type keeps a value this version does not know, like the Session's status: the
/// validator reports it (CI notices), the generated enum carries it through.
#[test]
fn a_new_event_type_reads_and_writes_back() {
    let event = serde_json::json!({
        "object": "event", "type": "session.transferred", "timestamp": 1654014318503u64,
        "event_attributes": {"http_request": {"client_ip": "0.0.0.0", "user_agent": "x"}},
        "data": {"object": "session", "id": "sess_1", "user_id": "user_1", "client_id": "client_1",
                 "status": "active", "last_active_at": 1, "expire_at": 2, "abandon_at": 3,
                 "updated_at": 4, "created_at": 5}
    });
    let v = validator(Recorded::WebhookEvent);
    assert!(
        !v.is_valid(event.to_string().as_bytes()),
        "the validator is strict"
    );
    let typed: SessionWebhookEvent = serde_json::from_value(event.clone()).unwrap();
    assert_eq!(typed.r#type.to_string(), "session.transferred");
    assert_eq!(serde_json::to_value(&typed).unwrap(), event);
}
