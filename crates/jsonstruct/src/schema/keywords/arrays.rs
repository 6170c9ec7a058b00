//! The Validation add-in's array and set keywords: `minItems`, `maxItems`, `uniqueItems`,
//! `contains`, `minContains`, `maxContains`.

use super::At;
use crate::json::Node;
use crate::schema::load::Loader;
use crate::schema::TypeId;

pub(super) fn array_keyword(l: &mut Loader<'_>, at: At<'_>) {
    l.array_keyword(at.id, at.key(), at.value(), at.ptr);
}

pub(super) use array_keyword as contains;
pub(super) use array_keyword as max_contains;
pub(super) use array_keyword as max_items;
pub(super) use array_keyword as min_contains;
pub(super) use array_keyword as min_items;
pub(super) use array_keyword as unique_items;

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
