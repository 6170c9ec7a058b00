//! Clerk's public payloads (`<shared>/clerk`) through both the validator and the generated
//! types: every Session the validator accepts deserializes into `clerk_session::Session` and
//! round-trips to an equal value (up to `null` versus absent); every Session it rejects, the
//! types reject too, except for the documented exception of undeclared members. What each file
//! holds and its verdict are `jsonstruct_test_support::clerk::FILES` (the README's table).

mod common;

use clerk_session::{Session, SessionActor};
use jsonstruct::{Options, Validator};
use jsonstruct_test_support::clerk::{self, Holds, Part, Verdict};
use jsonstruct_test_support::json::same_up_to_null;
use jsonstruct_test_support::session::TIMESTAMPS;
use serde_json::Value;

use common::{accepts, clerk_dir, session_schema, session_validator};

/// The Session-shaped parts of the payloads (not the actor), or `None` without the corpus.
fn sessions(test: &str) -> Option<Vec<Part>> {
    let dir = clerk_dir(test, clerk::parts_count() - 1)?;
    Some(
        clerk::parts(&dir)
            .into_iter()
            .filter(|p| !p.actor)
            .collect(),
    )
}

#[test]
fn every_payload_the_validator_accepts_deserializes_and_round_trips() {
    let Some(parts) = sessions("every_payload_the_validator_accepts_deserializes_and_round_trips")
    else {
        return;
    };
    let v = session_validator();
    let mut valid = Vec::new();
    for part in &parts {
        let (name, value) = (part.label(), &part.value);
        if !accepts(&v, value) {
            continue;
        }
        let session: Session =
            serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Through text, as a real writer would.
        let written: Value =
            serde_json::from_str(&serde_json::to_string(&session).unwrap()).unwrap();
        assert!(
            same_up_to_null(value, &written),
            "{name} does not round-trip:\n in:  {value}\n out: {written}"
        );
        // Timestamps are written as JSON numbers, as Clerk sends them (`--int64 number`).
        for t in TIMESTAMPS {
            assert!(written[*t].is_i64(), "{name}: {t} is {}", written[*t]);
        }
        assert!(
            accepts(&v, &written),
            "{name}: the serialization is rejected"
        );
        let again: Session = serde_json::from_value(written).expect("read back");
        assert_eq!(again, session, "{name}");
        valid.push(name);
    }
    let readme: Vec<String> = parts
        .iter()
        .filter(|p| p.verdict == Verdict::Valid)
        .map(Part::label)
        .collect();
    assert_eq!(valid, readme, "the valid Sessions differ from the README's");
}

#[test]
fn every_payload_the_validator_rejects_the_types_reject_too() {
    let Some(parts) = sessions("every_payload_the_validator_rejects_the_types_reject_too") else {
        return;
    };
    let v = session_validator();
    let mut rejected = 0;
    let mut tolerated = Vec::new();
    for part in &parts {
        let (name, value) = (part.label(), &part.value);
        let Err(report) = v.validate_value(value) else {
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
            let Verdict::OnlyUndeclared(members) = part.verdict else {
                panic!("{name}: the README does not call it invalid for undeclared members only");
            };
            let dropped: Vec<&str> = report.errors.iter().map(|e| &e.path[1..]).collect();
            assert_eq!(dropped, members, "{name}");
            tolerated.push(name);
        } else {
            let err = read.expect_err(&format!(
                "{name}: the validator rejects it ({report}) but it deserializes"
            ));
            // Whole files lack members the Backend API requires (2021 payloads, the Frontend
            // API shape); list items are other shapes or stubs.
            let file = clerk::FILES.iter().find(|f| f.name == part.file).unwrap();
            if file.holds == Holds::Session {
                assert!(err.to_string().contains("missing field"), "{name}: {err}");
            }
        }
    }
    let readme_invalid = parts.iter().filter(|p| p.verdict != Verdict::Valid).count();
    assert_eq!(rejected, readme_invalid, "rejected Sessions");
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
    let Some(dir) = clerk_dir("the_actor_of_an_actor_token_request_is_a_session_actor", 1) else {
        return;
    };
    let schema = session_schema();
    let ty = schema
        .definition("#/definitions/SessionActor")
        .expect("SessionActor");
    let v = Validator::for_type(&schema, ty, Options::default());
    let part = clerk::parts(&dir)
        .into_iter()
        .find(|p| p.actor)
        .expect("the table has an actor");
    let actor = &part.value;
    assert!(accepts(&v, actor), "{actor}");
    let typed: SessionActor = serde_json::from_value(actor.clone()).expect("deserialize");
    assert_eq!(serde_json::to_value(&typed).unwrap(), *actor);
}

/// This suite run again as a child process against an empty shared folder: under
/// `JSONSTRUCT_REQUIRE_CORPUS=1` it fails and names what is missing; without the switch it
/// passes and records its case as not run, which is what `cargo xtask test` sums up.
#[test]
fn a_missing_corpus_fails_under_the_switch_and_is_recorded_otherwise() {
    use jsonstruct_test_support::corpus::{self, REQUIRE_ENV, SHARED_ENV, SKIPPED_DIR_ENV};

    let tmp = std::env::temp_dir().join(format!("clerk-session-tests-{}", std::process::id()));
    let (empty, records) = (tmp.join("shared"), tmp.join("skipped"));
    std::fs::create_dir_all(&empty).unwrap();
    let run = |require: bool| {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap());
        child
            .args([
                "--exact",
                "the_actor_of_an_actor_token_request_is_a_session_actor",
            ])
            .env(SHARED_ENV, &empty)
            .env(SKIPPED_DIR_ENV, &records)
            .env_remove(REQUIRE_ENV);
        if require {
            child.env(REQUIRE_ENV, "1");
        }
        let out = child.output().expect("run this suite again");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    };

    let (passed, text) = run(true);
    assert!(
        !passed,
        "passed without its corpus under the switch:\n{text}"
    );
    assert!(
        text.contains(&format!("{}/clerk not found", empty.display()))
            && text.contains("JSONSTRUCT_REQUIRE_CORPUS is set"),
        "{text}"
    );
    assert!(
        !records.exists(),
        "a failure under the switch records nothing"
    );

    let (passed, text) = run(false);
    assert!(passed, "{text}");
    let skipped = corpus::read_records(&records).unwrap();
    assert_eq!(
        skipped.by_suite.get("clerk_session_tests"),
        Some(&1),
        "{skipped:?}"
    );
    assert_eq!(skipped.missing, [format!("{}/clerk", empty.display())]);
    std::fs::remove_dir_all(&tmp).unwrap();
}
