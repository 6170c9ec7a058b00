//! Numeric keywords: core `precision` and `scale`, and the Validation add-in's bounds
//! (`minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`).

use super::At;
use crate::diagnostic::Code;
use crate::json::{pointer, Node, Value};
use crate::numeric::Exact;
use crate::schema::load::Loader;
use crate::schema::{Bound, TypeId, TypeKind, Validation};

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

/// A bound exactly as written: string-encoded types write their bounds as strings.
fn bound(l: &mut Loader<'_>, at: At<'_>) -> Option<Bound> {
    let v = at.value();
    let text = match &v.value {
        Value::Number(t) => Some(t.to_string()),
        Value::String(s) if Exact::parse(s).is_some() => Some(s.clone()),
        _ => None,
    };
    if text.is_none() {
        l.error(
            Code::SchemaNumberConstraintInvalid,
            at.ptr,
            v.start,
            format!(
                "{} must be a number (a numeric string for string-encoded types)",
                at.key()
            ),
        );
    }
    text.map(|text| Bound { text })
}

fn set_bound(l: &mut Loader<'_>, at: At<'_>, field: fn(&mut Validation) -> &mut Option<Bound>) {
    if let Some(b) = bound(l, at) {
        *field(&mut l.nodes[at.id.index()].validation) = Some(b);
    }
}

pub(super) fn minimum(l: &mut Loader<'_>, at: At<'_>) {
    set_bound(l, at, |v| &mut v.minimum);
}

pub(super) fn maximum(l: &mut Loader<'_>, at: At<'_>) {
    set_bound(l, at, |v| &mut v.maximum);
}

pub(super) fn exclusive_minimum(l: &mut Loader<'_>, at: At<'_>) {
    set_bound(l, at, |v| &mut v.exclusive_minimum);
}

pub(super) fn exclusive_maximum(l: &mut Loader<'_>, at: At<'_>) {
    set_bound(l, at, |v| &mut v.exclusive_maximum);
}

pub(super) fn multiple_of(l: &mut Loader<'_>, at: At<'_>) {
    let Some(b) = bound(l, at) else {
        return;
    };
    if Exact::parse(&b.text).is_some_and(|x| !x.is_zero() && !x.is_negative()) {
        l.nodes[at.id.index()].validation.multiple_of = Some(b);
    } else {
        l.error(
            Code::SchemaPositiveNumberConstraintInvalid,
            at.ptr,
            at.value().start,
            "multipleOf must be a positive number",
        );
    }
}

/// Lower and upper bounds that leave no value between them.
pub(super) fn check_bounds(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let val = &l.nodes[id.index()].validation;
    let exact = |b: &Option<Bound>| b.as_ref().and_then(|b| Exact::parse(&b.text));
    let (min, max) = (exact(&val.minimum), exact(&val.maximum));
    let (xmin, xmax) = (exact(&val.exclusive_minimum), exact(&val.exclusive_maximum));
    // (low keyword, high keyword, low, high, whether equal values leave nothing)
    let pairs = [
        ("minimum", "maximum", &min, &max, false),
        ("exclusiveMinimum", "exclusiveMaximum", &xmin, &xmax, true),
        ("minimum", "exclusiveMaximum", &min, &xmax, true),
        ("exclusiveMinimum", "maximum", &xmin, &max, true),
    ];
    for (lo_key, hi_key, lo, hi, strict) in pairs {
        if let (Some(lo), Some(hi)) = (lo, hi) {
            if lo > hi || (strict && lo == hi) {
                let at = node.get(lo_key).map_or(node.start, |n| n.start);
                l.error(
                    Code::SchemaMinGreaterThanMax,
                    &pointer::join(ptr, lo_key),
                    at,
                    format!("'{lo_key}' leaves no value below '{hi_key}'"),
                );
            }
        }
    }
}

pub(super) fn check_precision_scale(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let TypeKind::Primitive(pt) = &l.nodes[id.index()].kind else {
        return;
    };
    if let (Some(p), Some(s)) = (pt.precision, pt.scale) {
        if s > p {
            let at = node.get("scale").map_or(node.start, |n| n.start);
            l.error(
                Code::SchemaMinGreaterThanMax,
                &pointer::join(ptr, "scale"),
                at,
                "'scale' cannot be greater than 'precision'",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::Validation;

    #[test]
    fn bounds_are_kept_as_written() {
        let r = check(
            r#""type": "int64", "minimum": "-5", "maximum": 10, "multipleOf": "0.5""#,
            &[Validation],
        );
        let v = &root(&r).validation;
        let text = |b: &Option<crate::schema::Bound>| b.as_ref().map(|b| b.text.clone());
        assert_eq!(text(&v.minimum).as_deref(), Some("-5"));
        assert_eq!(text(&v.maximum).as_deref(), Some("10"));
        assert_eq!(text(&v.multiple_of).as_deref(), Some("0.5"));
    }

    #[test]
    fn bad_bounds_are_rejected_even_without_the_add_in() {
        let r = check(
            r#""type": "number", "minimum": "ten", "multipleOf": 0, "exclusiveMaximum": -1e3"#,
            &[],
        );
        assert_eq!(
            found(&r),
            [
                // The warning is at the keyword, the error at its value.
                "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /minimum",
                "SCHEMA_NUMBER_CONSTRAINT_INVALID at /minimum",
                "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /multipleOf",
                "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID at /multipleOf",
                "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /exclusiveMaximum",
            ]
        );
    }

    #[test]
    fn bounds_that_leave_no_value() {
        let r = check(
            r#""type": "int32", "exclusiveMinimum": 3, "maximum": 3, "precision": 2, "scale": 4"#,
            &[Validation],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_MIN_GREATER_THAN_MAX at /exclusiveMinimum",
                "SCHEMA_MIN_GREATER_THAN_MAX at /scale",
            ]
        );
        let r = check(
            r#""type": "int32", "minimum": 3, "maximum": 3"#,
            &[Validation],
        );
        assert_eq!(found(&r), Vec::<String>::new());
    }

    #[test]
    fn a_union_applies_bounds_to_its_numeric_members() {
        let r = check(
            r#""type": ["string", "int32"], "minimum": 1"#,
            &[Validation],
        );
        let s = r.schema.as_ref().unwrap();
        let crate::schema::TypeKind::Union(members) = &root(&r).kind else {
            panic!("not a union")
        };
        let bounds: Vec<bool> = members
            .iter()
            .map(|m| s.node(*m).validation.minimum.is_some())
            .collect();
        assert_eq!(bounds, [false, true]);
        let r = check(r#""type": ["string", "null"], "minimum": 1"#, &[Validation]);
        assert_eq!(
            found(&r),
            ["SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /minimum"]
        );
    }
}
