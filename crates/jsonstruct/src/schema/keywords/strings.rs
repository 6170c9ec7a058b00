//! String keywords: core `maxLength`, and the Validation add-in's `minLength`, `pattern` and
//! `format`.

use super::At;
use crate::diagnostic::Code;
use crate::json::Node;
use crate::schema::load::Loader;
use crate::schema::{Pattern, TypeId, TypeKind};

/// Formats the `format` keyword knows (Validation draft list, plus JSON Schema names of the
/// core string types, which are checked with the core rules).
const KNOWN_FORMATS: &[&str] = &[
    "ipv4",
    "ipv6",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "iri",
    "iri-reference",
    "uri-template",
    "relative-json-pointer",
    "regex",
    "uri",
    "uri-reference",
    "date",
    "time",
    "date-time",
    "duration",
    "uuid",
    "json-pointer",
];

pub(super) fn max_length(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, "maxLength") {
        l.with_prim(at.id, |pt| pt.max_length = Some(n));
    }
}

pub(super) fn min_length(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, "minLength") {
        l.nodes[at.id.index()].validation.min_length = Some(n);
    }
}

pub(super) fn pattern(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_str() {
        Some(src) => match Pattern::new(src) {
            Ok(p) => l.nodes[at.id.index()].validation.pattern = Some(p),
            Err(why) => l.error(
                Code::SchemaPatternInvalid,
                at.ptr,
                v.start,
                format!("pattern \"{src}\" {why}"),
            ),
        },
        None => l.error(
            Code::SchemaPatternNotString,
            at.ptr,
            v.start,
            "pattern must be a string",
        ),
    }
}

/// An unknown format is kept (and reported): it is an annotation the validator cannot check.
pub(super) fn format(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_str() {
        Some(f) => {
            if !KNOWN_FORMATS.contains(&f) {
                l.warn(
                    Code::SchemaKeywordIgnored,
                    at.ptr,
                    v.start,
                    format!(
                        "unknown format '{f}' is not checked (known: {})",
                        KNOWN_FORMATS.join(", ")
                    ),
                );
            }
            l.nodes[at.id.index()].validation.format = Some(f.to_owned());
        }
        None => l.error(
            Code::SchemaKeywordInvalidType,
            at.ptr,
            v.start,
            "format must be a string",
        ),
    }
}

pub(super) fn check_lengths(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let max_length = match &l.nodes[id.index()].kind {
        TypeKind::Primitive(pt) => pt.max_length,
        _ => None,
    };
    let min_length = l.nodes[id.index()].validation.min_length;
    super::check_count_pair(
        l,
        node,
        ptr,
        ("minLength", "maxLength"),
        min_length,
        max_length,
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::Validation;
    use crate::schema::TypeKind;

    #[test]
    fn core_max_length_and_validation_keywords() {
        let r = check(
            r#""type": "string", "maxLength": 8, "minLength": 2, "pattern": "^[a-z]+$", "format": "email""#,
            &[Validation],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let node = root(&r);
        let TypeKind::Primitive(pt) = &node.kind else {
            panic!("not a primitive")
        };
        assert_eq!(pt.max_length, Some(8));
        assert_eq!(node.validation.min_length, Some(2));
        assert!(node.validation.pattern.is_some());
        assert_eq!(node.validation.format.as_deref(), Some("email"));
    }

    #[test]
    fn bad_values() {
        let r = check(
            r#""type": "string", "maxLength": -1, "minLength": 1.5, "pattern": "(", "format": "colour""#,
            &[Validation],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_INTEGER_CONSTRAINT_INVALID at /maxLength",
                "SCHEMA_INTEGER_CONSTRAINT_INVALID at /minLength",
                "SCHEMA_PATTERN_INVALID at /pattern",
                "SCHEMA_KEYWORD_IGNORED at /format",
            ]
        );
        // An unknown format alone is kept as an annotation.
        let r = check(r#""type": "string", "format": "colour""#, &[Validation]);
        assert_eq!(root(&r).validation.format.as_deref(), Some("colour"));
    }

    #[test]
    fn only_strings_take_them() {
        let r = check(r#""type": "uuid", "maxLength": 3"#, &[]);
        assert_eq!(
            found(&r),
            ["SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /maxLength"]
        );
        let r = check(
            r#""type": "string", "minLength": 4, "maxLength": 3"#,
            &[Validation],
        );
        assert_eq!(found(&r), ["SCHEMA_MIN_GREATER_THAN_MAX at /minLength"]);
    }
}
