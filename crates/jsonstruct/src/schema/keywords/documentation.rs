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

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::Validation;

    #[test]
    fn annotations_are_kept() {
        let r = check(
            r#""type": "string", "description": "d", "examples": ["x"], "default": "x",
               "title": "ignored", "$comment": "ignored""#,
            &[Validation],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let node = root(&r);
        assert_eq!(node.description.as_deref(), Some("d"));
        assert_eq!(node.examples, [serde_json::json!("x")]);
        assert!(node.default.is_some());
    }

    #[test]
    fn bad_values() {
        let r = check(
            r#""type": "object", "description": 1, "examples": {},
               "properties": {"a": {"type": "string", "name": "not an identifier"}}"#,
            &[],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_KEYWORD_INVALID_TYPE at /description",
                "SCHEMA_KEYWORD_INVALID_TYPE at /examples",
                "SCHEMA_NAME_INVALID at /properties/a/name",
            ]
        );
        let r = check(r#""type": "string", "default": 1"#, &[]);
        assert_eq!(
            found(&r),
            ["SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /default"]
        );
    }
}
