//! String keywords: core `maxLength`, and the Validation add-in's `minLength`, `pattern` and
//! `format`.

use super::At;
use crate::schema::load::Loader;

pub(super) fn max_length(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, "maxLength") {
        l.with_prim(at.id, |pt| pt.max_length = Some(n));
    }
}

pub(super) fn min_length(l: &mut Loader<'_>, at: At<'_>) {
    l.string_keyword(at.id, at.value(), at.ptr);
}

pub(super) fn pattern(l: &mut Loader<'_>, at: At<'_>) {
    l.string_keyword(at.id, at.value(), at.ptr);
}

pub(super) fn format(l: &mut Loader<'_>, at: At<'_>) {
    l.string_keyword(at.id, at.value(), at.ptr);
}
