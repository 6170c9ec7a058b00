//! Facts of Clerk's `Session` (`<shared>/clerk/README.md`, from Clerk's OpenAPI
//! `components.schemas.Session`) and example payloads built from them. Written out here, not
//! read from the schema, so that a wrong schema cannot agree with itself.

use serde_json::{json, Value};

/// The `status` values, in the order of Clerk's OpenAPI.
pub const STATUSES: &[&str] = &[
    "active",
    "revoked",
    "ended",
    "expired",
    "removed",
    "abandoned",
    "replaced",
    "pending",
];

/// The required members of a Session.
pub const REQUIRED: &[&str] = &[
    "object",
    "id",
    "user_id",
    "client_id",
    "status",
    "last_active_at",
    "expire_at",
    "abandon_at",
    "updated_at",
    "created_at",
];

/// The required members whose value is a string.
pub const REQUIRED_STRINGS: &[&str] = &["object", "id", "user_id", "client_id", "status"];

/// The millisecond timestamps (`int64`).
pub const TIMESTAMPS: &[&str] = &[
    "last_active_at",
    "expire_at",
    "abandon_at",
    "updated_at",
    "created_at",
];

/// The optional members; each is also nullable.
pub const OPTIONAL: &[&str] = &[
    "actor",
    "last_active_organization_id",
    "latest_activity",
    "tasks",
];

/// The required members of `latest_activity` (a `SessionActivity`).
pub const ACTIVITY_REQUIRED: &[&str] = &["id", "object", "is_mobile"];

/// The optional strings of `latest_activity`: absent rather than null when unknown.
pub const ACTIVITY_OPTIONAL: &[&str] = &[
    "device_type",
    "browser_name",
    "browser_version",
    "ip_address",
    "city",
    "country",
];

/// The claims of `actor` the schema declares (`sub` required); other claims are allowed.
pub const ACTOR_CLAIMS: &[&str] = &["sub", "iss", "sid", "type"];

/// The task keys seen so far (a task's `key` stays a string: Clerk renames them).
pub const TASK_KEYS: &[&str] = &["choose-organization", "reset-password", "setup-mfa"];

/// A Session with the required members only (the values of a real 2025 payload).
pub fn minimal() -> Value {
    json!({
        "object": "session",
        "id": "sess_2wmSnIrq5dtl2HNZf1WfgeHraby",
        "user_id": "user_2wjoXAGQEMLezQ7fb2M6mzViYfU",
        "client_id": "client_2vXsj2CJCcJFoTY0QYqnoB5b9vI",
        "status": "active",
        "last_active_at": 1746645421127u64,
        "expire_at": 1747250221127u64,
        "abandon_at": 1749237421127u64,
        "updated_at": 1746645421195u64,
        "created_at": 1746645421127u64
    })
}

/// A realistic `SessionActivity` with every optional member.
pub fn activity() -> Value {
    json!({
        "object": "session_activity",
        "id": "sess_activity_2bjrbwTrDdlrsSIvnBcc542X6VO",
        "device_type": "Macintosh",
        "is_mobile": false,
        "browser_name": "Safari",
        "browser_version": "17.3",
        "ip_address": "108.50.209.172",
        "city": "Asbury Park",
        "country": "US"
    })
}

/// An actor with every declared claim and a nested custom one.
pub fn actor() -> Value {
    json!({
        "sub": "user_21Ufcy98STcA11s3QckIwtwHIES",
        "iss": "https://dashboard.clerk.com",
        "sid": "sess_2wmSnIrq5dtl2HNZf1WfgeHraby",
        "type": "agent",
        "custom_claim": {"nested": [1, 2.5, "three", null, true]}
    })
}

/// [`minimal`] with every optional member set, one timestamp in the spec's string form.
pub fn full() -> Value {
    let mut v = minimal();
    v["actor"] = actor();
    v["last_active_organization_id"] = json!("org_2wjoYo7hSjpkZtU0qLkSGrHb2wx");
    v["latest_activity"] = activity();
    v["expire_at"] = json!("1747250221127");
    v["tasks"] = json!([{"key": "choose-organization"}]);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_follow_the_facts() {
        let min = minimal();
        let members: Vec<&str> = min
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut required = REQUIRED.to_vec();
        required.sort_unstable();
        assert_eq!(members, required);
        let full = full();
        for name in OPTIONAL {
            assert!(!full[*name].is_null(), "{name}");
        }
        for name in ACTIVITY_REQUIRED.iter().chain(ACTIVITY_OPTIONAL) {
            assert!(full["latest_activity"].get(*name).is_some(), "{name}");
        }
        for name in ACTOR_CLAIMS {
            assert!(full["actor"][*name].is_string(), "{name}");
        }
        assert!(REQUIRED_STRINGS.iter().all(|s| REQUIRED.contains(s)));
        assert!(TIMESTAMPS.iter().all(|s| REQUIRED.contains(s)));
        assert_eq!(REQUIRED_STRINGS.len() + TIMESTAMPS.len(), REQUIRED.len());
        assert!(STATUSES.contains(&min["status"].as_str().unwrap()));
    }
}
