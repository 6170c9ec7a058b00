//! Inheritance keywords: `abstract` and `$extends` (core `#abstract-keyword`,
//! `#extends-keyword`); `resolve` ties the bases together and flattens them.

use super::At;
use crate::diagnostic::Code;
use crate::json::Value;
use crate::schema::load::{Loader, RefSite};

/// Only `"abstract": true` is restricted to the types that can be extended.
pub(super) fn is_abstract(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_bool() {
        Some(b) => {
            if b && !at.applies() {
                at.report_misplaced(l, at.member.key_start);
            }
            if b && at.is_root {
                l.error(
                    Code::SchemaAbstractReferenced,
                    at.ptr,
                    at.member.key_start,
                    "the root type cannot be abstract: abstract types are only used through $extends",
                );
            }
            l.nodes[at.id.index()].is_abstract = b;
        }
        None => l.error(
            Code::SchemaKeywordInvalidType,
            at.ptr,
            v.start,
            "abstract must be a boolean",
        ),
    }
}

pub(super) fn extends(l: &mut Loader<'_>, at: At<'_>) {
    let (v, kptr) = (at.value(), at.ptr);
    let sites: Option<Vec<RefSite>> = match &v.value {
        Value::String(s) => Some(vec![l.ref_site(s, kptr.to_owned(), v.start)]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, n)| {
                n.as_str()
                    .map(|s| l.ref_site(s, format!("{kptr}/{i}"), n.start))
            })
            .collect(),
        _ => None,
    };
    match sites {
        Some(s) => {
            l.pending.extends.insert(at.id, s);
        }
        None => l.error(
            Code::SchemaKeywordInvalidType,
            kptr,
            v.start,
            "$extends must be a JSON Pointer or a non-empty array of JSON Pointers",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found};

    const BASE: &str = r#""definitions": {"Base": {"type": "object", "abstract": true,
        "properties": {"id": {"type": "string"}}}}"#;

    #[test]
    fn extends_an_abstract_base() {
        let r = check(
            &format!(
                r##"{BASE}, "type": "object", "$extends": "#/definitions/Base",
                   "properties": {{"n": {{"type": "int32"}}}}"##
            ),
            &[],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let schema = r.schema.unwrap();
        let base = schema.definition("#/definitions/Base").unwrap();
        assert!(schema.node(base).is_abstract);
        assert_eq!(schema.node(schema.root().unwrap()).extends, [base]);
    }

    /// An add-in type extends the (concrete) type it adds to (core `#add-ins`); only other
    /// `$extends` of a concrete type get the warning.
    #[test]
    fn an_offered_add_in_may_extend_a_concrete_type() {
        let r = check(
            r##""$root": "#/definitions/Address", "$offers": {"Delivery": "#/definitions/Delivery"},
               "definitions": {
                 "Address": {"type": "object", "properties": {"street": {"type": "string"}}},
                 "Delivery": {"type": "object", "abstract": true, "$extends": "#/definitions/Address",
                   "properties": {"instructions": {"type": "string"}}},
                 "Other": {"type": "object", "$extends": "#/definitions/Address",
                   "properties": {"x": {"type": "string"}}}}"##,
            &[],
        );
        assert_eq!(
            found(&r),
            ["SCHEMA_EXTENDS_NOT_ABSTRACT at /definitions/Other/$extends"]
        );
    }

    #[test]
    fn bad_values_and_places() {
        let r = check(
            &format!(
                r##"{BASE}, "type": "object", "properties": {{"a": {{"type": "string",
                   "$extends": "#/definitions/Base", "abstract": false}}}}, "$extends": [], "abstract": "no""##
            ),
            &[],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /properties/a/$extends",
                "SCHEMA_KEYWORD_INVALID_TYPE at /$extends",
                "SCHEMA_KEYWORD_INVALID_TYPE at /abstract",
            ]
        );
    }
}
