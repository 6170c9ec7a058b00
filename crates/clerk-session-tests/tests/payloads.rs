//! Clerk's public payloads (`../shared/clerk`) through both the validator and the generated
//! types: every payload the validator accepts deserializes into `clerk_session::Session` and
//! round-trips to an equal value (up to `null` versus absent); every payload it rejects, the
//! types reject too, except for the documented exception of undeclared members.

mod common;

use clerk_session::{Session, SessionActor};
use jsonstruct::{Options, Validator};
use serde_json::Value;

use common::{accepts, clerk_dir, same_up_to_null, session_schema, session_validator};

/// Every value in a payload file that could be a Session: the file itself, the `data` of an
/// envelope, and the items of a list (the file's, or its `data`'s).
fn candidates(file: &str, value: &Value) -> Vec<(String, Value)> {
    let mut out = vec![(file.to_owned(), value.clone())];
    if let Some(data) = value.get("data") {
        out.push((format!("{file} /data"), data.clone()));
    }
    for (pointer, list) in [("", Some(value)), ("/data", value.get("data"))] {
        if let Some(Value::Array(items)) = list {
            for (i, item) in items.iter().enumerate() {
                out.push((format!("{file} {pointer}/{i}"), item.clone()));
            }
        }
    }
    out
}

fn payloads(dir: &std::path::Path) -> Vec<(String, Value)> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("list ../shared/clerk")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read(dir.join(&file)).expect("read a payload");
        let value: Value = serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        out.extend(candidates(&file, &value));
    }
    out
}

/// The Sessions the README says are valid.
const VALID: &[&str] = &[
    "04-webhook-session-created-event-catalog-2022.json /data",
    "05-webhook-session-ended-event-catalog-2022.json /data",
    "06-webhook-session-removed-event-catalog-2022.json /data",
    "07-webhook-session-revoked-event-catalog-2022.json /data",
    "09-bapi-get-session-2025-transcribed-python-issue-120.json",
    "12-bapi-session-speakeasy-synthetic-with-tasks.json",
];

#[test]
fn every_payload_the_validator_accepts_deserializes_and_round_trips() {
    let Some(dir) = clerk_dir(
        "every_payload_the_validator_accepts_deserializes_and_round_trips",
        "6 valid Sessions",
    ) else {
        return;
    };
    let v = session_validator();
    let mut valid = Vec::new();
    for (name, value) in payloads(&dir) {
        if !accepts(&v, &value) {
            continue;
        }
        let session: Session =
            serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written = serde_json::to_value(&session).expect("serialize");
        assert!(
            same_up_to_null(&value, &written),
            "{name} does not round-trip:\n in:  {value}\n out: {written}"
        );
        assert!(
            accepts(&v, &written),
            "{name}: the serialization is rejected"
        );
        let again: Session = serde_json::from_value(written).expect("read back");
        assert_eq!(again, session, "{name}");
        valid.push(name);
    }
    assert_eq!(valid, VALID, "the valid Sessions differ from the README's");
}

#[test]
fn every_payload_the_validator_rejects_the_types_reject_too() {
    let Some(dir) = clerk_dir(
        "every_payload_the_validator_rejects_the_types_reject_too",
        "the rejected payloads",
    ) else {
        return;
    };
    let v = session_validator();
    let mut rejected = 0;
    let mut tolerated = Vec::new();
    for (name, value) in payloads(&dir) {
        let Err(report) = v.validate_value(&value) else {
            continue;
        };
        rejected += 1;
        let read = serde_json::from_value::<Session>(value.clone());
        // The documented exception: undeclared members. The validator enforces
        // `additionalProperties: false`; the generated struct ignores unknown members so that
        // a new server-side member never breaks deserialization.
        let only_extra_members = report.errors.iter().all(|e| {
            e.code.as_str() == "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED"
                && e.path.matches('/').count() == 1
        });
        if only_extra_members {
            let session = read.unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut without = value.clone();
            for e in &report.errors {
                without.as_object_mut().unwrap().remove(&e.path[1..]);
            }
            assert!(accepts(&v, &without), "{name}");
            let written = serde_json::to_value(&session).unwrap();
            assert!(same_up_to_null(&without, &written), "{name}");
            tolerated.push(name);
        } else {
            assert!(
                read.is_err(),
                "{name}: the validator rejects it ({report}) but it deserializes"
            );
        }
    }
    assert!(rejected >= 10, "only {rejected} rejected candidates");
    assert_eq!(
        tolerated,
        [
            "10-webhook-session-created-openapi-example.json /data",
            "11-webhook-session-pending-openapi-example.json /data",
        ]
    );
}

#[test]
fn the_actor_of_an_actor_token_request_is_a_session_actor() {
    let Some(dir) = clerk_dir(
        "the_actor_of_an_actor_token_request_is_a_session_actor",
        "14-actor-token-request-docs.json",
    ) else {
        return;
    };
    let schema = session_schema();
    let ty = schema
        .definition("#/definitions/SessionActor")
        .expect("SessionActor");
    let v = Validator::for_type(&schema, ty, Options::default());
    let text = std::fs::read(dir.join("14-actor-token-request-docs.json")).unwrap();
    let value: Value = serde_json::from_slice(&text).unwrap();
    let actor = &value["actor"];
    assert!(accepts(&v, actor), "{actor}");
    let typed: SessionActor = serde_json::from_value(actor.clone()).expect("deserialize");
    assert_eq!(serde_json::to_value(&typed).unwrap(), *actor);
}
