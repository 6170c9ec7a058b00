//! Structure keywords: `type` and what each compound type is made of (`properties`,
//! `required`, `additionalProperties`, `items`, `values`, `choices`, `selector`, `tuple`).
//! `Loader::schema` builds the node from them before it reads the other keywords, so their
//! handlers only check what depends on those.

use super::At;
use crate::diagnostic::Code;
use crate::schema::load::Loader;

/// Read while the node was built.
pub(super) fn read_first(_: &mut Loader<'_>, _: At<'_>) {}

/// Abstract types are implicitly open (core `#abstract-keyword`).
pub(super) fn additional_properties(l: &mut Loader<'_>, at: At<'_>) {
    if l.nodes[at.id.index()].is_abstract {
        l.error(
            Code::SchemaConstraintInvalidForType,
            at.ptr,
            at.member.key_start,
            "additionalProperties must not be used on abstract types (they are implicitly open)",
        );
    }
}

/// `$ref` beside `type` instead of inside it.
pub(super) fn ref_outside_type(l: &mut Loader<'_>, at: At<'_>) {
    l.error(
        Code::SchemaRefNotInType,
        at.ptr,
        at.member.key_start,
        "$ref is only permitted inside 'type': write {\"type\": {\"$ref\": \"...\"}}",
    );
}
