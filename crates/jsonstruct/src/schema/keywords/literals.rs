//! `enum` and `const` of primitive types.

use super::At;
use crate::schema::load::Loader;

/// Checked once every keyword of the node is read (`check_primitive_literals`): a literal is
/// checked in the type's encoding.
pub(super) fn read_last(_: &mut Loader<'_>, _: At<'_>) {}
