//! The Validation add-in's object and map keywords: `minProperties`/`minEntries`,
//! `maxProperties`/`maxEntries`, `dependentRequired`, `patternProperties`/`patternKeys`,
//! `propertyNames`/`keyNames`, `has`.

use super::At;
use crate::json::Node;
use crate::schema::load::Loader;
use crate::schema::TypeId;

pub(super) fn entries_keyword(l: &mut Loader<'_>, at: At<'_>) {
    l.entries_keyword(at.id, at.key(), at.value(), at.ptr);
}

pub(super) use entries_keyword as dependent_required;
pub(super) use entries_keyword as entry_names;
pub(super) use entries_keyword as max_entries;
pub(super) use entries_keyword as min_entries;
pub(super) use entries_keyword as pattern_entries;

pub(super) fn has(l: &mut Loader<'_>, at: At<'_>) {
    let sub = l.schema(at.value(), at.ptr, false, None);
    l.nodes[at.id.index()].validation.has = Some(sub);
}

/// Maps spell the counts `minEntries`/`maxEntries`, objects `minProperties`/`maxProperties`.
pub(super) fn check_counts(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let val = &l.nodes[id.index()].validation;
    let (lo, hi) = (val.min_entries, val.max_entries);
    let keys = if node.get("minEntries").is_some() || node.get("maxEntries").is_some() {
        ("minEntries", "maxEntries")
    } else {
        ("minProperties", "maxProperties")
    };
    super::check_count_pair(l, node, ptr, keys, lo, hi);
}
