//! The Validation add-in's array and set keywords: `minItems`, `maxItems`, `uniqueItems`,
//! `contains`, `minContains`, `maxContains`.

use super::At;
use crate::diagnostic::Code;
use crate::json::Node;
use crate::schema::load::Loader;
use crate::schema::{TypeId, Validation};

fn set_count(l: &mut Loader<'_>, at: At<'_>, field: fn(&mut Validation) -> &mut Option<u64>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, at.key()) {
        *field(&mut l.nodes[at.id.index()].validation) = Some(n);
    }
}

pub(super) fn min_items(l: &mut Loader<'_>, at: At<'_>) {
    set_count(l, at, |v| &mut v.min_items);
}

pub(super) fn max_items(l: &mut Loader<'_>, at: At<'_>) {
    set_count(l, at, |v| &mut v.max_items);
}

pub(super) fn min_contains(l: &mut Loader<'_>, at: At<'_>) {
    set_count(l, at, |v| &mut v.min_contains);
}

pub(super) fn max_contains(l: &mut Loader<'_>, at: At<'_>) {
    set_count(l, at, |v| &mut v.max_contains);
}

pub(super) fn unique_items(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_bool() {
        Some(b) => l.nodes[at.id.index()].validation.unique_items = b,
        None => l.error(
            Code::SchemaUniqueItemsNotBoolean,
            at.ptr,
            v.start,
            "uniqueItems must be a boolean",
        ),
    }
}

pub(super) fn contains(l: &mut Loader<'_>, at: At<'_>) {
    let sub = l.schema(at.value(), at.ptr, false, None);
    l.nodes[at.id.index()].validation.contains = Some(sub);
}

pub(super) fn check_counts(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let val = &l.nodes[id.index()].validation;
    let (items, contains) = (
        (val.min_items, val.max_items),
        (val.min_contains, val.max_contains),
    );
    super::check_count_pair(l, node, ptr, ("minItems", "maxItems"), items.0, items.1);
    super::check_count_pair(
        l,
        node,
        ptr,
        ("minContains", "maxContains"),
        contains.0,
        contains.1,
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::Validation;

    #[test]
    fn counts_and_contains() {
        let r = check(
            r#""type": "set", "items": {"type": "string"}, "minItems": 1, "maxItems": 3,
               "uniqueItems": true, "contains": {"type": "string"}, "minContains": 0, "maxContains": 2"#,
            &[Validation],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let v = &root(&r).validation;
        assert_eq!((v.min_items, v.max_items), (Some(1), Some(3)));
        assert_eq!((v.min_contains, v.max_contains), (Some(0), Some(2)));
        assert!(v.unique_items && v.contains.is_some());
    }

    #[test]
    fn bad_values_and_impossible_counts() {
        let r = check(
            r#""type": "array", "items": {"type": "string"}, "minItems": 4, "maxItems": 2,
               "uniqueItems": "yes", "maxContains": -1"#,
            &[Validation],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_MIN_GREATER_THAN_MAX at /minItems",
                "SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN at /uniqueItems",
                "SCHEMA_INTEGER_CONSTRAINT_INVALID at /maxContains",
            ]
        );
    }

    #[test]
    fn only_arrays_and_sets_take_them() {
        let r = check(
            r#""type": "map", "values": {"type": "string"}, "minItems": 1"#,
            &[Validation],
        );
        assert_eq!(
            found(&r),
            ["SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /minItems"]
        );
    }
}
