//! The Alternate Names add-in: `altnames`, `altenums`, `descriptions`.

use super::At;
use crate::schema::load::Loader;

pub(super) fn alternate_names(l: &mut Loader<'_>, at: At<'_>) {
    l.alternate_names(at.id, at.key(), at.value(), at.ptr, at.cat);
}

pub(super) use alternate_names as altenums;
pub(super) use alternate_names as altnames;
pub(super) use alternate_names as descriptions;
