//! The Relations add-in's keywords: `identity` and `relations`.

use super::At;
use crate::schema::load::Loader;

pub(super) fn identity(l: &mut Loader<'_>, at: At<'_>) {
    l.identity_keyword(at.id, at.value(), at.ptr);
}

pub(super) fn relations(l: &mut Loader<'_>, at: At<'_>) {
    l.relations_keyword(at.id, at.value(), at.ptr);
}
