//! The Validation add-in's array and set keywords: `minItems`, `maxItems`, `uniqueItems`,
//! `contains`, `minContains`, `maxContains`.

use super::At;
use crate::schema::load::Loader;

pub(super) fn array_keyword(l: &mut Loader<'_>, at: At<'_>) {
    l.array_keyword(at.id, at.key(), at.value(), at.ptr);
}

pub(super) use array_keyword as contains;
pub(super) use array_keyword as max_contains;
pub(super) use array_keyword as max_items;
pub(super) use array_keyword as min_contains;
pub(super) use array_keyword as min_items;
pub(super) use array_keyword as unique_items;
