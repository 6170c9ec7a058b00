//! The Conditional Composition add-in: `allOf`, `anyOf`, `oneOf`, `not`, `if`, `then`,
//! `else`. Their subschemas are constraints, which may leave out `type` (see `typeless`).

use super::At;
use crate::diagnostic::Code;
use crate::schema::load::Loader;
use crate::schema::{Composition, TypeId};

/// `allOf`, `anyOf`, `oneOf`: a non-empty array of schemas.
fn list(l: &mut Loader<'_>, at: At<'_>, set: fn(&mut Composition, Vec<TypeId>)) {
    let (key, v, kptr) = (at.key(), at.value(), at.ptr);
    match v.as_array() {
        None => l.error(
            Code::SchemaCompositionNotArray,
            kptr,
            v.start,
            format!("{key} must be an array of schemas"),
        ),
        Some([]) => l.error(
            Code::SchemaCompositionEmpty,
            kptr,
            v.start,
            format!("{key} array cannot be empty"),
        ),
        Some(items) => {
            l.constraint_depth += 1;
            let subs: Vec<TypeId> = items
                .iter()
                .enumerate()
                .map(|(i, s)| l.schema(s, &format!("{kptr}/{i}"), false, None))
                .collect();
            l.constraint_depth -= 1;
            set(&mut l.nodes[at.id.index()].composition, subs);
        }
    }
}

/// `not`, `if`, `then`, `else`: one schema.
fn one(l: &mut Loader<'_>, at: At<'_>, set: fn(&mut Composition, TypeId)) {
    let (key, v, kptr) = (at.key(), at.value(), at.ptr);
    if v.as_object().is_none() {
        l.error(
            Code::SchemaKeywordInvalidType,
            kptr,
            v.start,
            format!("{key} must be a schema object"),
        );
        return;
    }
    l.constraint_depth += 1;
    let sub = l.schema(v, kptr, false, None);
    l.constraint_depth -= 1;
    set(&mut l.nodes[at.id.index()].composition, sub);
}

pub(super) fn all_of(l: &mut Loader<'_>, at: At<'_>) {
    list(l, at, |c, subs| c.all_of = subs);
}

pub(super) fn any_of(l: &mut Loader<'_>, at: At<'_>) {
    list(l, at, |c, subs| c.any_of = subs);
}

pub(super) fn one_of(l: &mut Loader<'_>, at: At<'_>) {
    list(l, at, |c, subs| c.one_of = subs);
}

pub(super) fn not(l: &mut Loader<'_>, at: At<'_>) {
    one(l, at, |c, sub| c.not = Some(sub));
}

pub(super) fn if_(l: &mut Loader<'_>, at: At<'_>) {
    one(l, at, |c, sub| c.if_ = Some(sub));
}

pub(super) fn then(l: &mut Loader<'_>, at: At<'_>) {
    one(l, at, |c, sub| c.then_ = Some(sub));
}

pub(super) fn else_(l: &mut Loader<'_>, at: At<'_>) {
    one(l, at, |c, sub| c.else_ = Some(sub));
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::{Composition, Validation};

    #[test]
    fn subschemas_are_recorded_even_without_the_add_in() {
        for uses in [&[Composition][..], &[]] {
            let r = check(
                r#""type": "string", "allOf": [{"type": "string"}], "not": {"type": "string", "maxLength": 1},
                   "if": {"type": "string"}, "then": {"type": "string"}, "else": {"type": "string"}"#,
                uses,
            );
            let c = &root(&r).composition;
            assert_eq!(c.all_of.len(), 1);
            assert!(c.not.is_some() && c.if_.is_some() && c.then_.is_some() && c.else_.is_some());
            assert_eq!(r.warnings().count(), if uses.is_empty() { 5 } else { 0 });
        }
    }

    #[test]
    fn bad_values() {
        let r = check(
            r#""type": "string", "anyOf": [], "oneOf": {}, "not": []"#,
            &[Composition],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_COMPOSITION_EMPTY at /anyOf",
                "SCHEMA_COMPOSITION_NOT_ARRAY at /oneOf",
                "SCHEMA_KEYWORD_INVALID_TYPE at /not",
            ]
        );
    }

    /// Inside a composition keyword a schema may leave out `type`.
    #[test]
    fn constraint_subschemas_may_be_typeless() {
        let r = check(
            r#""type": "string", "allOf": [{"minLength": 2}]"#,
            &[Composition, Validation],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let r = check(
            r#""type": "object", "properties": {"a": {"minLength": 2}}"#,
            &[],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_MISSING_TYPE at /properties/a",
                "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /properties/a/minLength",
                "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /properties/a/minLength",
            ]
        );
    }
}
