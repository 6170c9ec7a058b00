//! Documentation keywords (`description`, `examples`, `name`, `$comment`, `title`) and the
//! Validation add-in's `default` annotation.

use super::At;
use crate::diagnostic::Code;
use crate::json::Node;
use crate::schema::load::Loader;

/// Known, and meaningless to the model.
pub(super) fn annotation(_: &mut Loader<'_>, _: At<'_>) {}

pub(super) fn description(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_str() {
        Some(s) => l.nodes[at.id.index()].description = Some(s.to_owned()),
        None => l.error(
            Code::SchemaKeywordInvalidType,
            at.ptr,
            v.start,
            "description must be a string",
        ),
    }
}

pub(super) fn examples(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_array() {
        Some(items) => l.nodes[at.id.index()].examples = items.iter().map(Node::to_serde).collect(),
        None => l.error(
            Code::SchemaKeywordInvalidType,
            at.ptr,
            v.start,
            "examples must be an array",
        ),
    }
}

/// A type's name; the root's was checked as an identifier with the document header.
pub(super) fn name(l: &mut Loader<'_>, at: At<'_>) {
    l.nodes[at.id.index()].name = if at.is_root {
        at.value().as_str().map(str::to_owned)
    } else {
        l.identifier_value(at.value(), at.ptr)
    };
}

pub(super) fn default(l: &mut Loader<'_>, at: At<'_>) {
    l.nodes[at.id.index()].default = Some(at.value().value.clone());
}
