//! `Set`: uniqueness by the item type's own equality, in linear time.
//!
//! Linear time is checked by counting `PartialEq` calls on an item type that counts them (not
//! by timing, which flakes): the pairwise check this replaced made 2·10¹⁰ comparisons for
//! 200,000 items.

use std::cell::Cell;
use std::collections::BTreeMap;

use jsonstruct_types::Set;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

thread_local! {
    static COMPARISONS: Cell<u64> = const { Cell::new(0) };
}

/// An item that counts how often it is compared.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Counted(u64);

/// More comparisons than this in one measured call is not linear: fail at once rather than
/// spend minutes on the n²/2 comparisons of a quadratic check.
const BUDGET: u64 = 10 * N;

impl PartialEq for Counted {
    fn eq(&self, other: &Self) -> bool {
        let count = COMPARISONS.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        assert!(
            count <= BUDGET,
            "more than {BUDGET} comparisons for {N} items"
        );
        self.0 == other.0
    }
}

fn comparisons<R>(f: impl FnOnce() -> R) -> (R, u64) {
    COMPARISONS.with(|c| c.set(0));
    let out = f();
    (out, COMPARISONS.with(Cell::get))
}

const N: u64 = 200_000;

#[test]
fn regression_set_uniqueness_was_pairwise_quadratic() {
    let json = serde_json::to_string(&(0..N).collect::<Vec<_>>()).unwrap();
    let (set, count) = comparisons(|| serde_json::from_str::<Set<Counted>>(&json).unwrap());
    assert_eq!(set.len(), N as usize);
    // Distinct items almost never share a 64-bit key: a handful of comparisons at most.
    assert!(count < N / 100, "{count} comparisons for {N} items");

    // A repeat at the very end is found by one comparison, not by scanning.
    let mut items: Vec<u64> = (0..N).collect();
    items.push(N / 2);
    let json = serde_json::to_string(&items).unwrap();
    let (result, count) = comparisons(|| serde_json::from_str::<Set<Counted>>(&json));
    let err = result.unwrap_err().to_string();
    assert!(err.contains(&format!("set item {N} repeats")), "{err}");
    assert!(count < N / 100, "{count} comparisons");
}

#[test]
fn comparing_and_collecting_large_sets_is_linear() {
    let a: Set<Counted> = Set::from_vec((0..N).map(Counted).collect()).unwrap();
    let b: Set<Counted> = Set::from_vec((0..N).rev().map(Counted).collect()).unwrap();
    let (equal, count) = comparisons(|| a == b);
    assert!(equal);
    assert!(count <= N + N / 100, "{count} comparisons");
    let c: Set<Counted> = Set::from_vec((1..=N).map(Counted).collect()).unwrap();
    assert!(a != c);

    let (collected, count) =
        comparisons(|| (0..N).chain(0..N).map(Counted).collect::<Set<Counted>>());
    assert_eq!(collected.len(), N as usize);
    assert!(count <= N + N / 100, "{count} comparisons");
}

#[test]
fn sets_reject_repeats_keep_order_and_compare_without_order() {
    assert!(serde_json::from_str::<Set<String>>(r#"["a", "b", "a"]"#).is_err());
    let a: Set<String> = serde_json::from_str(r#"["a", "b"]"#).unwrap();
    let b: Set<String> = serde_json::from_str(r#"["b", "a"]"#).unwrap();
    assert_eq!(a, b);
    assert_eq!(serde_json::to_string(&b).unwrap(), r#"["b","a"]"#);
    let err = Set::from_vec(vec![1, 2, 3, 2]).unwrap_err();
    assert_eq!(err.index(), 3);
    let mut s = Set::new();
    assert!(s.insert(1) && s.insert(2) && !s.insert(1));
    assert_eq!(s.into_vec(), [1, 2]);
}

/// Equal items must meet however they serialize: keys follow the type's equality.
#[test]
fn keys_respect_the_item_types_equality() {
    // -0.0 == 0.0.
    assert!(Set::from_vec(vec![0.0, -0.0]).is_err());
    // NaN equals nothing, so two NaNs are two items.
    assert_eq!(Set::from_vec(vec![f64::NAN, f64::NAN]).unwrap().len(), 2);
    // Nested sets are equal in any order.
    let nested = serde_json::from_str::<Set<Set<u8>>>("[[1, 2], [2, 1]]");
    assert!(nested.is_err());
    assert_eq!(
        serde_json::from_str::<Set<Set<u8>>>("[[1, 2], [2, 3]]")
            .unwrap()
            .len(),
        2
    );
    // Arrays are equal only in the same order.
    assert_eq!(
        serde_json::from_str::<Set<Vec<u8>>>("[[1, 2], [2, 1]]")
            .unwrap()
            .len(),
        2
    );
    // Objects are maps: member order is not part of the value.
    assert!(serde_json::from_str::<Set<Value>>(r#"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#).is_err());
    assert!(serde_json::from_str::<Set<Value>>(r#"[{"a": [1]}, {"a": [1]}]"#).is_err());
    // serde_json::Value tells 1 from 1.0 (and so does the set), but not 1.0 from 1e0.
    assert_eq!(
        serde_json::from_str::<Set<Value>>("[1, 1.0, -1]")
            .unwrap()
            .len(),
        3
    );
    assert!(serde_json::from_str::<Set<Value>>("[1.0, 1e0]").is_err());
    // A struct with flattened members serializes as a map; its keys do not depend on order.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Open {
        id: u32,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        note: Option<String>,
        #[serde(flatten)]
        rest: BTreeMap<String, Value>,
    }
    let open = serde_json::from_str::<Set<Open>>(r#"[{"id": 1, "x": 1}, {"x": 1, "id": 1}]"#);
    assert!(open.is_err());
    let open: Set<Open> =
        serde_json::from_str(r#"[{"id": 1}, {"id": 1, "note": "n"}, {"id": 1, "x": null}]"#)
            .unwrap();
    assert_eq!(open.len(), 3);
}

#[test]
fn set_hash_ignores_order() {
    use std::hash::{BuildHasher, RandomState};
    let a: Set<u32> = Set::from_vec(vec![1, 2, 3]).unwrap();
    let b: Set<u32> = Set::from_vec(vec![3, 2, 1]).unwrap();
    let c: Set<u32> = Set::from_vec(vec![1, 2, 4]).unwrap();
    let state = RandomState::new();
    assert_eq!(state.hash_one(&a), state.hash_one(&b));
    assert_ne!(state.hash_one(&a), state.hash_one(&c));
    assert_eq!(json!(a), json!([1, 2, 3]));
}
