//! Comparisons of JSON values that tests share.

use std::collections::BTreeSet;

use serde_json::Value;

/// JSON equality where a `null` member equals an absent one (how optional, nullable members
/// read and write).
pub fn same_up_to_null(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_equals_absent_and_nothing_else_does() {
        assert!(same_up_to_null(
            &json!({"a": null, "b": 1}),
            &json!({"b": 1})
        ));
        assert!(same_up_to_null(&json!([{"a": null}]), &json!([{}])));
        assert!(!same_up_to_null(&json!({"a": 0}), &json!({})));
        assert!(!same_up_to_null(&json!([null]), &json!([])));
        assert!(!same_up_to_null(&json!({"a": "1"}), &json!({"a": 1})));
    }
}
