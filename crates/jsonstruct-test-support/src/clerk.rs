//! The Clerk payloads of `<shared>/clerk`: what each file holds and the verdict its README
//! states against the `Session` schema, and a reader that yields every Session-shaped part.

use std::path::Path;

use serde_json::Value;

/// The folder below the shared folder, and the file whose presence says it is there.
pub const DIR: &str = "clerk";

/// What [`crate::corpus::open`] needs for the payloads.
pub const NEEDS: &[&str] = &["clerk/README.md"];

/// Where the Session (or the actor) is in a payload file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// The file is a Session.
    Session,
    /// The file is a webhook envelope whose `data` is a Session.
    Data,
    /// The file is a list of this many Sessions.
    Items(usize),
    /// The file's `data` is a list of this many Sessions.
    DataItems(usize),
    /// Not a Session (an actor-token request): its `actor` is a `SessionActor`.
    Actor,
}

/// The README's verdict on each part a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Valid.
    Valid,
    /// Invalid for reasons the generated types express too (missing members, other shapes).
    Invalid,
    /// Invalid only because of these undeclared members (`additionalProperties: false`);
    /// the generated types ignore them.
    OnlyUndeclared(&'static [&'static str]),
}

/// The type a file really is, as `schemas/clerk/` names it: what it is validated against as
/// recorded (the README's verdict table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// `session.struct.json`: a Session.
    Session,
    /// `session-webhook-event.struct.json`: a `SessionWebhookEvent`.
    WebhookEvent,
    /// `session-list.struct.json`: the paginated `SessionList`.
    List,
    /// `session-list.struct.json --type Sessions`: the bare array of Sessions.
    Sessions,
    /// Not a Session payload (validated as nothing).
    NotASession,
}

impl Recorded {
    /// The schema file (in `schemas/clerk/`) and the `--type`, as the README's table writes
    /// them.
    pub fn target(self) -> Option<(&'static str, Option<&'static str>)> {
        match self {
            Recorded::Session => Some(("session.struct.json", None)),
            Recorded::WebhookEvent => Some(("session-webhook-event.struct.json", None)),
            Recorded::List => Some(("session-list.struct.json", None)),
            Recorded::Sessions => Some(("session-list.struct.json", Some("Sessions"))),
            Recorded::NotASession => None,
        }
    }
}

/// One payload file.
#[derive(Debug, Clone, Copy)]
pub struct File {
    /// The file name in `<shared>/clerk`.
    pub name: &'static str,
    /// What it holds.
    pub holds: Holds,
    /// The verdict on each part it holds.
    pub verdict: Verdict,
    /// What the whole file is, and whether it is valid as that.
    pub recorded: (Recorded, bool),
}

/// The README's table, file by file (`Items` and `DataItems` count the list as it is).
pub const FILES: &[File] = &[
    // Backend API payloads of 2021, before `created_at`/`updated_at` existed.
    file(
        "01-bapi-session-docs-2021-seconds.json",
        Holds::Session,
        Verdict::Invalid,
        (Recorded::Session, false),
    ),
    file(
        "02-bapi-session-go-sdk-v1-fixture-2021-seconds.json",
        Holds::Session,
        Verdict::Invalid,
        (Recorded::Session, false),
    ),
    // A Frontend API session: no `user_id`/`client_id`, an embedded `user`.
    file(
        "03-fapi-session-docs-2021-ms-with-user.json",
        Holds::Session,
        Verdict::Invalid,
        (Recorded::Session, false),
    ),
    file(
        "04-webhook-session-created-event-catalog-2022.json",
        Holds::Data,
        Verdict::Valid,
        (Recorded::WebhookEvent, true),
    ),
    file(
        "05-webhook-session-ended-event-catalog-2022.json",
        Holds::Data,
        Verdict::Valid,
        (Recorded::WebhookEvent, true),
    ),
    file(
        "06-webhook-session-removed-event-catalog-2022.json",
        Holds::Data,
        Verdict::Valid,
        (Recorded::WebhookEvent, true),
    ),
    file(
        "07-webhook-session-revoked-event-catalog-2022.json",
        Holds::Data,
        Verdict::Valid,
        (Recorded::WebhookEvent, true),
    ),
    // Frontend API shapes.
    file(
        "08-fapi-active-sessions-clerk-ios-mock-2024.json",
        Holds::Items(3),
        Verdict::Invalid,
        (Recorded::Sessions, false),
    ),
    file(
        "09-bapi-get-session-2025-transcribed-python-issue-120.json",
        Holds::Session,
        Verdict::Valid,
        (Recorded::Session, true),
    ),
    file(
        "10-webhook-session-created-openapi-example.json",
        Holds::Data,
        Verdict::OnlyUndeclared(&["user"]),
        (Recorded::WebhookEvent, true),
    ),
    file(
        "11-webhook-session-pending-openapi-example.json",
        Holds::Data,
        Verdict::OnlyUndeclared(&["user"]),
        (Recorded::WebhookEvent, true),
    ),
    file(
        "12-bapi-session-speakeasy-synthetic-with-tasks.json",
        Holds::Session,
        Verdict::Valid,
        (Recorded::Session, true),
    ),
    // Stubs of id and status only.
    file(
        "13-bapi-session-list-paginated-envelope-go-sdk-test.json",
        Holds::DataItems(1),
        Verdict::Invalid,
        (Recorded::List, false),
    ),
    file(
        "14-actor-token-request-docs.json",
        Holds::Actor,
        Verdict::Valid,
        (Recorded::NotASession, false),
    ),
];

const fn file(
    name: &'static str,
    holds: Holds,
    verdict: Verdict,
    recorded: (Recorded, bool),
) -> File {
    File {
        name,
        holds,
        verdict,
        recorded,
    }
}

/// How many parts [`parts`] yields: one per Session (or actor) in [`FILES`].
pub const fn parts_count() -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < FILES.len() {
        n += match FILES[i].holds {
            Holds::Items(k) | Holds::DataItems(k) => k,
            _ => 1,
        };
        i += 1;
    }
    n
}

/// The files whose every part is a valid Session: `(file, pointer to the Session)`.
pub fn valid_sessions() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().filter_map(|f| match (f.holds, f.verdict) {
        (Holds::Session, Verdict::Valid) => Some((f.name, "")),
        (Holds::Data, Verdict::Valid) => Some((f.name, "/data")),
        _ => None,
    })
}

/// One Session (or actor) out of a payload file.
#[derive(Debug, Clone)]
pub struct Part {
    /// The file it is in.
    pub file: &'static str,
    /// Where in the file (`""` for the whole file).
    pub pointer: String,
    /// Whether it is the `actor` of an actor-token request rather than a Session.
    pub actor: bool,
    /// The README's verdict.
    pub verdict: Verdict,
    /// The part as a value.
    pub value: Value,
    /// The bytes to validate: the file as it is for a whole file, else the part as
    /// `serde_json` writes it (pretty, so each member is on a line of its own).
    pub bytes: Vec<u8>,
}

impl Part {
    /// The trial name of the differential suites: `clerk::<file stem>[#<pointer>]`.
    pub fn trial_name(&self) -> String {
        let stem = self.file.strip_suffix(".json").unwrap_or(self.file);
        if self.pointer.is_empty() {
            format!("clerk::{stem}")
        } else {
            format!("clerk::{stem}#{}", self.pointer)
        }
    }

    /// `<file>` or `<file> <pointer>`, for messages.
    pub fn label(&self) -> String {
        if self.pointer.is_empty() {
            self.file.to_owned()
        } else {
            format!("{} {}", self.file, self.pointer)
        }
    }
}

/// Reads a payload file: its bytes and its value. Panics (naming the file) when it cannot.
pub fn read(clerk_dir: &Path, file: &str) -> (Vec<u8>, Value) {
    let path = clerk_dir.join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    (bytes, value)
}

/// The `.json` files of the folder, sorted.
pub fn files_on_disk(clerk_dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(clerk_dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", clerk_dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    files
}

/// Every part of every file of [`FILES`], in table order. Panics when the folder has a file
/// the table does not list (someone must decide what it holds), lacks one it lists, or a list
/// has another length than the table says.
pub fn parts(clerk_dir: &Path) -> Vec<Part> {
    let on_disk = files_on_disk(clerk_dir);
    let listed: Vec<&str> = FILES.iter().map(|f| f.name).collect();
    assert_eq!(
        on_disk,
        listed,
        "{} changed: update jsonstruct_test_support::clerk::FILES",
        clerk_dir.display()
    );
    let mut out = Vec::new();
    for f in FILES {
        let (bytes, value) = read(clerk_dir, f.name);
        let mut sub = |pointer: String, actor: bool| {
            let v = value
                .pointer(&pointer)
                .unwrap_or_else(|| panic!("{}: nothing at {pointer}", f.name))
                .clone();
            out.push(Part {
                file: f.name,
                bytes: serde_json::to_vec_pretty(&v).expect("serialize"),
                pointer,
                actor,
                verdict: f.verdict,
                value: v,
            });
        };
        match f.holds {
            Holds::Session => out.push(Part {
                file: f.name,
                pointer: String::new(),
                actor: false,
                verdict: f.verdict,
                value: value.clone(),
                bytes: bytes.clone(),
            }),
            Holds::Data => sub("/data".into(), false),
            Holds::Items(n) | Holds::DataItems(n) => {
                let list = if matches!(f.holds, Holds::Items(_)) {
                    ""
                } else {
                    "/data"
                };
                let len = value
                    .pointer(list)
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                assert_eq!(len, n, "{}: {len} items, the table says {n}", f.name);
                for i in 0..n {
                    sub(format!("{list}/{i}"), false);
                }
            }
            Holds::Actor => sub("/actor".into(), true),
        }
    }
    assert_eq!(out.len(), parts_count());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_counts_its_parts() {
        assert_eq!(FILES.len(), 14);
        assert_eq!(parts_count(), 16);
        assert_eq!(valid_sessions().count(), 6);
    }

    /// Against the real folder when it is there (the suites that use the parts check it under
    /// `JSONSTRUCT_REQUIRE_CORPUS`).
    #[test]
    fn the_table_matches_the_folder() {
        let Some(shared) = crate::corpus::open(
            "jsonstruct-test-support",
            "clerk::the_table_matches_the_folder",
            NEEDS,
            1,
        ) else {
            return;
        };
        let parts = parts(&shared.join(DIR));
        assert_eq!(
            parts[0].trial_name(),
            "clerk::01-bapi-session-docs-2021-seconds"
        );
        assert!(parts
            .iter()
            .any(|p| p.trial_name() == "clerk::14-actor-token-request-docs#/actor" && p.actor));
    }
}
