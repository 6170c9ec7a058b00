//! Numeric keywords: core `precision` and `scale`, and the Validation add-in's bounds
//! (`minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`).

use super::At;
use crate::schema::load::Loader;

pub(super) fn precision(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, "precision") {
        l.with_prim(at.id, |pt| pt.precision = Some(n));
    }
}

pub(super) fn scale(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, "scale") {
        l.with_prim(at.id, |pt| pt.scale = Some(n));
    }
}

pub(super) fn minimum(l: &mut Loader<'_>, at: At<'_>) {
    l.numeric_bound(at.id, at.value(), at.ptr);
}

pub(super) fn maximum(l: &mut Loader<'_>, at: At<'_>) {
    l.numeric_bound(at.id, at.value(), at.ptr);
}

pub(super) fn exclusive_minimum(l: &mut Loader<'_>, at: At<'_>) {
    l.numeric_bound(at.id, at.value(), at.ptr);
}

pub(super) fn exclusive_maximum(l: &mut Loader<'_>, at: At<'_>) {
    l.numeric_bound(at.id, at.value(), at.ptr);
}

pub(super) fn multiple_of(l: &mut Loader<'_>, at: At<'_>) {
    l.numeric_bound(at.id, at.value(), at.ptr);
}
