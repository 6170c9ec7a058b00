//! The serde adapters for 64- and 128-bit integers that generated code uses: numbers and
//! decimal strings in, the configured form out, never through a float.

use std::collections::BTreeMap;

use jsonstruct_types::Set;
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Numbers {
    #[serde(with = "jsonstruct_types::__private::wide::number")]
    id: i64,
    #[serde(with = "jsonstruct_types::__private::wide::number", default)]
    maybe: Option<u64>,
    #[serde(with = "jsonstruct_types::__private::wide::number", default)]
    list: Vec<i64>,
    #[serde(with = "jsonstruct_types::__private::wide::number", default)]
    set: Set<u64>,
    #[serde(with = "jsonstruct_types::__private::wide::number", default)]
    map: BTreeMap<String, i64>,
    #[serde(with = "jsonstruct_types::__private::wide::number", default)]
    big: i128,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Strings {
    #[serde(with = "jsonstruct_types::__private::wide::string")]
    id: i64,
}

#[test]
fn numbers_and_strings_read_exactly() {
    let n: Numbers = serde_json::from_str(
        r#"{"id": 9007199254740993, "maybe": "18446744073709551615", "list": [1, "-2"],
            "set": [3, "4"], "map": {"a": "-9223372036854775808"}, "big": "170141183460469231731687303715884105727"}"#,
    )
    .unwrap();
    assert_eq!(n.id, 9_007_199_254_740_993);
    assert_eq!(n.maybe, Some(u64::MAX));
    assert_eq!(n.list, [1, -2]);
    assert_eq!(n.set.as_slice(), [3, 4]);
    assert_eq!(n.map["a"], i64::MIN);
    assert_eq!(n.big, i128::MAX);
    assert_eq!(
        serde_json::to_value(&n).unwrap(),
        serde_json::json!({"id": 9007199254740993u64, "maybe": u64::MAX, "list": [1, -2],
            "set": [3, 4], "map": {"a": i64::MIN}, "big": "170141183460469231731687303715884105727"})
    );
    let s: Strings = serde_json::from_str(r#"{"id": 5}"#).unwrap();
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"id":"5"}"#);
}

#[test]
fn bad_integers_are_rejected_with_the_type_named() {
    for (input, message) in [
        (r#"{"id": 1.5}"#, "floating point"),
        (r#"{"id": 1e3}"#, "floating point"),
        (
            r#"{"id": "01"}"#,
            "int64 as a JSON number or a decimal string",
        ),
        (
            r#"{"id": "+1"}"#,
            "int64 as a JSON number or a decimal string",
        ),
        (r#"{"id": "9223372036854775808"}"#, "out of range for int64"),
        (r#"{"id": 1, "maybe": -1}"#, "out of range for uint64"),
        (r#"{"id": 1, "set": [1, "1"]}"#, "repeats an earlier item"),
    ] {
        let err = serde_json::from_str::<Numbers>(input).unwrap_err();
        assert!(err.to_string().contains(message), "{input}: {err}");
    }
    // A number of 10,000 digits is a float to serde_json: rejected, not parsed digit by digit.
    let huge = format!(r#"{{"id": {}}}"#, "9".repeat(10_000));
    assert!(serde_json::from_str::<Numbers>(&huge).is_err());
    let huge = format!(r#"{{"id": "{}"}}"#, "9".repeat(10_000));
    let err = serde_json::from_str::<Numbers>(&huge).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
}
