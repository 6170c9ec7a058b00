//! `proptest` strategies for Session-shaped payloads, built from the facts in
//! [`crate::session`]: every value [`session`] generates is a valid Session, and tests break
//! them with mutations of their own.

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

use crate::session::{ACTIVITY_OPTIONAL, ACTOR_CLAIMS, STATUSES, TASK_KEYS, TIMESTAMPS};

/// Identifier-like strings mostly, any Unicode text sometimes.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-zA-Z0-9_]{0,24}", 1 => any::<String>()]
}

/// An int64 as Clerk sends it: a millisecond timestamp mostly, seconds (as in 2021), anywhere
/// in range, the extremes, or the spec's decimal-string form.
pub fn timestamp() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (1_500_000_000_000i64..1_900_000_000_000).prop_map(Value::from),
        1 => (1_500_000_000i64..1_900_000_000).prop_map(Value::from),
        2 => any::<i64>().prop_map(Value::from),
        1 => any::<i64>().prop_map(|n| Value::String(n.to_string())),
        1 => select(&[i64::MIN, -1, 0, i64::MAX][..]).prop_map(Value::from),
    ]
}

/// Absent (`None`), `null`, or a value: the three forms of an optional, nullable member.
pub fn optional(v: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Value::Null)),
        3 => v.prop_map(Some),
    ]
}

/// Any JSON, a few levels deep, with finite numbers only.
pub fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A `latest_activity`: the required members, and each optional string present or absent
/// (absent rather than null when unknown: the schema's strings are not nullable).
pub fn activity() -> impl Strategy<Value = Value> {
    (
        text(),
        prop_oneof![3 => Just("session_activity".to_owned()), 1 => text()],
        any::<bool>(),
        prop::collection::vec(prop::option::of(text()), ACTIVITY_OPTIONAL.len()),
    )
        .prop_map(|(id, object, is_mobile, optional)| {
            let mut m = Map::new();
            m.insert("id".into(), id.into());
            m.insert("object".into(), object.into());
            m.insert("is_mobile".into(), is_mobile.into());
            for (name, v) in ACTIVITY_OPTIONAL.iter().zip(optional) {
                if let Some(v) = v {
                    m.insert((*name).into(), v.into());
                }
            }
            Value::Object(m)
        })
}

/// An actor: `sub`, the other declared claims present or absent, and any other claims (it is
/// an open object).
pub fn actor() -> impl Strategy<Value = Value> {
    (
        text(),
        prop::collection::vec(prop::option::of(text()), ACTOR_CLAIMS.len() - 1),
        prop::collection::btree_map("[a-z_]{1,10}", json(), 0..3),
    )
        .prop_map(|(sub, declared, extra)| {
            let mut m = Map::new();
            for (k, v) in extra {
                if !ACTOR_CLAIMS.contains(&k.as_str()) {
                    m.insert(k, v);
                }
            }
            m.insert("sub".into(), sub.into());
            for (name, v) in ACTOR_CLAIMS[1..].iter().zip(declared) {
                if let Some(v) = v {
                    m.insert((*name).into(), v.into());
                }
            }
            Value::Object(m)
        })
}

/// A list of tasks: known keys or any text.
pub fn tasks() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        prop_oneof![select(TASK_KEYS).prop_map(str::to_owned), text()]
            .prop_map(|k| json!({ "key": k })),
        0..4,
    )
    .prop_map(Value::Array)
}

/// A valid Session, built from the facts.
pub fn session() -> impl Strategy<Value = Value> {
    (
        (text(), text(), text(), select(STATUSES)),
        prop::collection::vec(timestamp(), TIMESTAMPS.len()),
        (
            optional(actor()),
            optional(text().prop_map(Value::from)),
            optional(activity()),
            optional(tasks()),
        ),
    )
        .prop_map(
            |((id, user_id, client_id, status), stamps, (actor, org, activity, tasks))| {
                let mut m = Map::new();
                m.insert("object".into(), "session".into());
                m.insert("id".into(), id.into());
                m.insert("user_id".into(), user_id.into());
                m.insert("client_id".into(), client_id.into());
                m.insert("status".into(), status.into());
                for (name, v) in TIMESTAMPS.iter().zip(stamps) {
                    m.insert((*name).into(), v);
                }
                for (name, v) in [
                    ("actor", actor),
                    ("last_active_organization_id", org),
                    ("latest_activity", activity),
                    ("tasks", tasks),
                ] {
                    if let Some(v) = v {
                        m.insert(name.into(), v);
                    }
                }
                Value::Object(m)
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{OPTIONAL, REQUIRED};

    proptest! {
        /// Generated Sessions have exactly the declared members, the required ones always.
        #[test]
        fn sessions_have_the_declared_members(v in session()) {
            let m = v.as_object().unwrap();
            for name in REQUIRED {
                prop_assert!(m.contains_key(*name), "{name} missing");
            }
            for name in m.keys() {
                prop_assert!(REQUIRED.contains(&name.as_str()) || OPTIONAL.contains(&name.as_str()));
            }
            prop_assert!(STATUSES.contains(&m["status"].as_str().unwrap()));
        }
    }
}
