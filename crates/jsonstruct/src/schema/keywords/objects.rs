//! The Validation add-in's object and map keywords: `minProperties`/`minEntries`,
//! `maxProperties`/`maxEntries`, `dependentRequired`, `patternProperties`/`patternKeys`,
//! `propertyNames`/`keyNames`, `has`.

use super::At;
use crate::schema::load::Loader;

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
