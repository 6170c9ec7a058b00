//! `enum` and `const` of primitive types.

use super::At;
use crate::diagnostic::Code;
use crate::formats::Encoding;
use crate::json::{self, pointer, Node, Value};
use crate::numeric::Exact;
use crate::scalar::{self, Scalar, WireRules};
use crate::schema::load::Loader;
use crate::schema::{Primitive, TypeId, TypeKind};

/// Checked by [`check_literals`] once every keyword of the node is read.
pub(super) fn read_last(_: &mut Loader<'_>, _: At<'_>) {}

/// `enum` and `const` of a primitive: the right JSON shape, values of the type (in the
/// binary's `contentEncoding`), unique.
pub(in crate::schema) fn check_literals(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let TypeKind::Primitive(pt) = &l.nodes[id.index()].kind else {
        return;
    };
    let ty = pt.ty;
    let rules = WireRules {
        strict_64: false,
        binary: pt.content_encoding.unwrap_or(Encoding::Base64),
    };
    if let Some(c) = node.get("const") {
        let cptr = pointer::join(ptr, "const");
        if fits(ty, c, rules) {
            l.with_prim(id, |pt| pt.const_value = Some(c.value.clone()));
        } else {
            l.error(
                Code::SchemaKeywordInvalidType,
                &cptr,
                c.start,
                format!("const value must be a valid {}", ty.name()),
            );
        }
    }
    let Some(e) = node.get("enum") else {
        return;
    };
    let eptr = pointer::join(ptr, "enum");
    let Some(items) = e.as_array() else {
        l.error(
            Code::SchemaEnumNotArray,
            &eptr,
            e.start,
            "enum must be an array",
        );
        return;
    };
    if items.is_empty() {
        l.error(
            Code::SchemaEnumEmpty,
            &eptr,
            e.start,
            "enum array cannot be empty",
        );
        return;
    }
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        if !fits(ty, item, rules) {
            ok = false;
            l.error(
                Code::SchemaKeywordInvalidType,
                &format!("{eptr}/{i}"),
                item.start,
                format!(
                    "enum value {} is not a valid {}",
                    short(l.text, item),
                    ty.name()
                ),
            );
        }
        if let Some(j) = items[..i]
            .iter()
            .position(|prev| literal_eq(&prev.value, &item.value))
        {
            ok = false;
            l.error(
                Code::SchemaEnumDuplicates,
                &format!("{eptr}/{i}"),
                item.start,
                format!("enum value {} duplicates entry {j}", short(l.text, item)),
            );
        }
    }
    if ok {
        let values = items.iter().map(|i| i.value.clone()).collect();
        l.with_prim(id, |pt| pt.enum_values = Some(values));
    }
}

fn fits(ty: Primitive, v: &Node, rules: WireRules) -> bool {
    literal_scalar(&v.value).is_some_and(|s| scalar::check(ty, s, rules).is_ok())
}

pub(crate) fn literal_scalar(v: &Value) -> Option<Scalar<'_>> {
    Some(match v {
        Value::Null => Scalar::Null,
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Number(n) => Scalar::Number(json::Number::parse(n)?.into()),
        Value::String(s) => Scalar::String(s),
        _ => return None,
    })
}

/// JSON equality of literals (numbers by value).
fn literal_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (Exact::parse(x), Exact::parse(y)) {
            (Some(x), Some(y)) => x == y,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| literal_eq(&a.value, &b.value))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|m| {
                    y.iter()
                        .any(|n| n.key == m.key && literal_eq(&m.value.value, &n.value.value))
                })
        }
        _ => a == b,
    }
}

/// A short excerpt of a literal's source for messages.
fn short(text: &[u8], n: &Node) -> String {
    let s = String::from_utf8_lossy(&text[n.start..n.end.min(n.start + 40)]);
    if n.end > n.start + 40 {
        format!("{s}...")
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use crate::schema::TypeKind;

    #[test]
    fn values_of_the_type_each_once() {
        let r = check(r#""type": "int32", "enum": [1, 2, 3], "const": 2"#, &[]);
        assert_eq!(found(&r), Vec::<String>::new());
        let TypeKind::Primitive(pt) = &root(&r).kind else {
            panic!("not a primitive")
        };
        assert_eq!(pt.enum_values.as_ref().map(Vec::len), Some(3));
        assert!(pt.const_value.is_some());

        let r = check(r#""type": "int32", "enum": [1, "2", 4e10]"#, &[]);
        let messages: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "enum value \"2\" is not a valid int32",
                "enum value 4e10 is not a valid int32",
            ]
        );
        // Numbers are equal by value.
        let r = check(r#""type": "number", "enum": [1, 1.0]"#, &[]);
        assert_eq!(
            r.diagnostics[0].message,
            "enum value 1.0 duplicates entry 0"
        );
    }

    #[test]
    fn only_on_one_primitive_type() {
        let r = check(r#""type": ["string", "null"], "enum": ["a"]"#, &[]);
        assert_eq!(
            r.diagnostics[0].message,
            "'enum' cannot be combined with a type union"
        );
        let r = check(
            r#""type": "map", "values": {"type": "string"}, "const": {}"#,
            &[],
        );
        assert_eq!(
            r.diagnostics[0].message,
            "'const' is only valid for primitive types, not 'map'"
        );
        let r = check(r#""type": "string", "enum": []"#, &[]);
        assert_eq!(found(&r), ["SCHEMA_ENUM_EMPTY at /enum"]);
    }
}
