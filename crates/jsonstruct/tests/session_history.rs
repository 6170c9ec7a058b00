//! The Clerk Session's history as schema documents (`tests/data/session-history/`): 2021
//! (timestamps in seconds, no `created_at`/`updated_at`), 2022 (the webhook era: today's
//! members except `tasks`, statuses without `pending`), 2025 (`pending` and `tasks`; the actor
//! has no `type` yet) and today (a copy of `schemas/clerk/session.struct.json`).
//!
//! - The diff of each step is pinned as a golden file (`<from>-to-<to>.diff.txt`): every change
//!   with its class and semver bump. `UPDATE_GOLDEN=1 cargo test -p jsonstruct --test
//!   session_history` rewrites them.
//! - "today" must stay the current schema: the diff between them must be empty.
//! - Each era's real payloads from `../shared/clerk` are valid under their era's schema, and the
//!   payloads that mark an era's start are invalid under the era before, which makes the history
//!   honest. Without `../shared` that test says loudly that it did not run (and fails when
//!   `JSONSTRUCT_REQUIRE_CORPUS` is set).

mod support;

use std::path::{Path, PathBuf};

use jsonstruct::diff;
use jsonstruct::{Options, Schema, Validator};
use serde_json::Value;

const ERAS: &[&str] = &["2021", "2022", "2025", "today"];

fn history() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/session-history")
}

fn schema(era: &str) -> Schema {
    let path = history().join(format!("{era}.struct.json"));
    Schema::from_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Clerk sends its 64-bit timestamps as JSON numbers (and `schemas/jsonstruct.toml` says so).
fn clerk_options() -> Options {
    Options::default().int64_numbers(true)
}

/// Writes a file through a temporary sibling and a rename, so a failed run leaves no half file.
fn write_atomically(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn each_step_matches_its_golden_diff() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for pair in ERAS.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let d = diff::diff_with_options(&schema(from), &schema(to), &clerk_options());
        let text = diff::render::text(
            &d,
            &format!("{from}.struct.json"),
            &format!("{to}.struct.json"),
            None,
        );
        let golden = history().join(format!("{from}-to-{to}.diff.txt"));
        if update {
            write_atomically(&golden, &text);
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(pinned) if pinned.replace("\r\n", "\n") == text => {}
            Ok(pinned) => stale.push(format!(
                "{} differs:\n--- pinned\n{pinned}\n--- now\n{text}",
                golden.display()
            )),
            Err(e) => stale.push(format!("{}: {e}", golden.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n(run `UPDATE_GOLDEN=1 cargo test -p jsonstruct --test session_history` after checking the new output)",
        stale.join("\n")
    );
}

/// What each step must say, independently of the golden files' wording.
#[test]
fn each_step_has_the_verdicts_of_its_history() {
    let step = |from: &str, to: &str| {
        diff::diff_with_options(&schema(from), &schema(to), &clerk_options())
    };
    let kinds = |d: &diff::Diff| -> Vec<&'static str> {
        d.changes().iter().map(|c| c.kind.as_str()).collect()
    };

    // 2021 -> 2022: two required timestamps appear; old payloads lack them.
    let d = step("2021", "2022");
    let added: Vec<_> = d
        .changes()
        .iter()
        .filter(|c| c.kind == diff::ChangeKind::MemberAddedRequired)
        .map(|c| c.new.as_ref().unwrap().pointer.as_str())
        .collect();
    assert_eq!(added, ["/properties/updated_at", "/properties/created_at"]);
    assert!(kinds(&d).contains(&"unit-changed"), "{:?}", kinds(&d));
    assert!(!d.is_backward_compatible() && !d.is_forward_compatible());
    assert_eq!(d.semver(), Some(diff::Semver::Major));

    // 2022 -> 2025: `pending` and `tasks` are additions: backward compatible, a minor bump,
    // and forward-incompatible only for the strict validator (generated enums keep values).
    let d = step("2022", "2025");
    assert!(d.is_backward_compatible() && !d.is_forward_compatible());
    assert_eq!(d.semver(), Some(diff::Semver::Minor));
    let pending = d
        .changes()
        .iter()
        .find(|c| c.kind == diff::ChangeKind::EnumValueAdded)
        .unwrap();
    assert!(pending.message.contains("\"pending\""));
    assert!(pending.note.as_deref().unwrap().contains("generated types"));

    // 2025 -> today: `type` joins the open actor object, which old data may already carry
    // with another type: not backward compatible.
    let d = step("2025", "today");
    assert_eq!(kinds(&d), ["member-added-optional"]);
    assert!(!d.is_backward_compatible() && d.is_forward_compatible());
}

#[test]
fn today_is_the_current_schema() {
    let current = support::session_schema_path();
    let d = diff::diff_with_options(
        &schema("today"),
        &Schema::from_path(&current).unwrap(),
        &clerk_options(),
    );
    assert!(
        d.is_empty(),
        "tests/data/session-history/today.struct.json is no longer {}: copy it there, then run \
         `UPDATE_GOLDEN=1 cargo test -p jsonstruct --test session_history`\n{}",
        current.display(),
        diff::render::text(&d, "today.struct.json", "session.struct.json", None)
    );
}

/// `(file, pointer to the Session, member the envelope adds, eras valid, eras invalid)`.
/// Webhook envelopes carry the Session in `data`; the 2025 webhook examples add `user` to it
/// (SessionEventPayload extends Session), which is removed before validating.
type Payload = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    &'static [&'static str],
);

const PAYLOADS: &[Payload] = &[
    // 2021 Backend API payloads: seconds, no created_at/updated_at.
    (
        "01-bapi-session-docs-2021-seconds.json",
        "",
        None,
        &["2021"],
        &["2022", "2025", "today"],
    ),
    (
        "02-bapi-session-go-sdk-v1-fixture-2021-seconds.json",
        "",
        None,
        &["2021"],
        &["2022"],
    ),
    // 2022 webhook catalog: created_at/updated_at present, no tasks.
    (
        "04-webhook-session-created-event-catalog-2022.json",
        "/data",
        None,
        &["2022", "2025", "today"],
        &["2021"],
    ),
    (
        "05-webhook-session-ended-event-catalog-2022.json",
        "/data",
        None,
        &["2022", "2025", "today"],
        &["2021"],
    ),
    (
        "06-webhook-session-removed-event-catalog-2022.json",
        "/data",
        None,
        &["2022", "2025", "today"],
        &["2021"],
    ),
    (
        "07-webhook-session-revoked-event-catalog-2022.json",
        "/data",
        None,
        &["2022", "2025", "today"],
        &["2021"],
    ),
    // 2025: a real GET /v1/sessions/{id} response, and the examples with `tasks` and `pending`.
    (
        "09-bapi-get-session-2025-transcribed-python-issue-120.json",
        "",
        None,
        &["2022", "2025", "today"],
        &["2021"],
    ),
    (
        "10-webhook-session-created-openapi-example.json",
        "/data",
        Some("user"),
        &["2025", "today"],
        &["2021"],
    ),
    (
        "11-webhook-session-pending-openapi-example.json",
        "/data",
        Some("user"),
        &["2025", "today"],
        &["2021", "2022"],
    ),
    (
        "12-bapi-session-speakeasy-synthetic-with-tasks.json",
        "",
        None,
        &["2025", "today"],
        &["2021", "2022"],
    ),
];

#[test]
fn each_eras_payloads_are_valid_under_its_schema() {
    let Some(shared) = jsonstruct_test_support::corpus::open(
        "session_history",
        "each_eras_payloads_are_valid_under_its_schema",
        jsonstruct_test_support::clerk::NEEDS,
        PAYLOADS.len(),
    ) else {
        return;
    };
    let clerk = shared.join("clerk");
    let validators: Vec<(&str, Validator)> = ERAS
        .iter()
        .map(|era| {
            (
                *era,
                Validator::with_options(&schema(era), clerk_options()).unwrap(),
            )
        })
        .collect();
    let validator = |era: &str| &validators.iter().find(|(e, _)| *e == era).unwrap().1;
    let mut failures = Vec::new();
    for (file, pointer, extra, valid, invalid) in PAYLOADS {
        let doc: Value = serde_json::from_slice(&std::fs::read(clerk.join(file)).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut session = doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{file}{pointer}"))
            .clone();
        if let Some(member) = extra {
            let removed = session.as_object_mut().unwrap().remove(*member);
            assert!(
                removed.is_some(),
                "{file}: the envelope no longer adds `{member}`"
            );
        }
        let bytes = serde_json::to_vec_pretty(&session).unwrap();
        for era in *valid {
            if let Err(report) = validator(era).validate(&bytes) {
                let errors: Vec<String> = report
                    .errors
                    .iter()
                    .map(|e| format!("{} {} {}", e.code, e.path, e.message))
                    .collect();
                failures.push(format!(
                    "{file}{pointer} should be valid under {era}: {errors:?}"
                ));
            }
        }
        for era in *invalid {
            if validator(era).is_valid(&bytes) {
                failures.push(format!("{file}{pointer} should be invalid under {era}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!(
        "session history: {} payloads checked against {} eras",
        PAYLOADS.len(),
        ERAS.len()
    );
}
