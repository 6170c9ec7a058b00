//! Example JSON values for the docs: the schema's own `examples` when a type has them,
//! otherwise a small value built from the type (required members only), and a deterministic
//! pretty printer (keys sorted, whatever `serde_json` features are enabled).

use jsonstruct::formats::Encoding;
use jsonstruct::schema::{Literal, Primitive};
use jsonstruct::{Schema, TypeId, TypeKind};
use serde_json::{json, Map, Value};

use crate::plan::literal_text;
use crate::Int64Encoding;

/// Deeper than this, a synthesized example gives up (recursive required members).
const MAX_DEPTH: usize = 16;

/// An example instance of the type at `id`: its first `examples` entry, else a synthesized
/// one; `None` when no finite example exists.
pub(crate) fn example(schema: &Schema, id: TypeId, int64: Int64Encoding) -> Option<Value> {
    if let Some(first) = schema.node(id).examples.first() {
        return Some(first.clone());
    }
    synthesize(schema, id, int64, 0)
}

fn synthesize(schema: &Schema, id: TypeId, int64: Int64Encoding, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let node = schema.node(id);
    let next = |t: TypeId| synthesize(schema, t, int64, depth + 1);
    Some(match &node.kind {
        TypeKind::Ref(_) => return next(schema.resolve(id)),
        TypeKind::Primitive(p) => {
            if let Some(c) = &p.const_value {
                return serde_json::from_str(&literal_text(c)).ok();
            }
            if let Some(Literal::String(first)) = p.enum_values.iter().flatten().next() {
                let alt = schema.extensions_of(id).alternate_names;
                return Some(Value::String(match node.altenums.get(first) {
                    Some(symbol) if alt => symbol.clone(),
                    _ => first.clone(),
                }));
            }
            primitive(p.ty, p.content_encoding.unwrap_or(Encoding::Base64), int64)
        }
        TypeKind::Object(o) => {
            let mut map = Map::new();
            for p in o.properties.iter().filter(|p| p.required) {
                map.insert(p.wire_name.clone(), next(p.ty)?);
            }
            Value::Object(map)
        }
        TypeKind::Tuple(t) => Value::Array(
            t.elements
                .iter()
                .map(|e| next(e.ty))
                .collect::<Option<Vec<_>>>()?,
        ),
        TypeKind::Array { .. } | TypeKind::Set { .. } => json!([]),
        TypeKind::Map { .. } | TypeKind::Any | TypeKind::Unconstrained => json!({}),
        TypeKind::Choice(c) => {
            let (name, option) = c.choices.first()?;
            match &c.selector {
                None => json!({ name: next(*option)? }),
                Some(selector) => {
                    let mut value = next(*option)?;
                    value
                        .as_object_mut()?
                        .insert(selector.clone(), Value::String(name.clone()));
                    value
                }
            }
        }
        TypeKind::Union(members) => {
            let mut has_null = false;
            for m in members {
                if matches!(&schema.node(*m).kind, TypeKind::Primitive(p) if p.ty == Primitive::Null)
                {
                    has_null = true;
                } else if let Some(v) = next(*m) {
                    return Some(v);
                }
            }
            if has_null {
                Value::Null
            } else {
                return None;
            }
        }
        // A kind added to the model later: no example rather than a wrong one.
        _ => return None,
    })
}

fn primitive(p: Primitive, encoding: Encoding, int64: Int64Encoding) -> Value {
    match p {
        Primitive::String => json!("example"),
        Primitive::Boolean => json!(true),
        Primitive::Null => Value::Null,
        Primitive::Number | Primitive::Double | Primitive::Float | Primitive::Float8 => {
            json!(1.5)
        }
        Primitive::Int64 | Primitive::Uint64 => match int64 {
            Int64Encoding::Number => json!(1),
            Int64Encoding::String => json!("1"),
        },
        Primitive::Int128 | Primitive::Uint128 => json!("1"),
        Primitive::Decimal => json!("1.50"),
        Primitive::Date => json!("2024-05-01"),
        Primitive::Time => json!("09:30:00Z"),
        Primitive::DateTime => json!("2024-05-01T09:30:00Z"),
        Primitive::Duration => json!("PT1H30M"),
        Primitive::Uuid => json!("123e4567-e89b-12d3-a456-426614174000"),
        Primitive::Uri => json!("https://example.com/"),
        Primitive::JsonPointer => json!("/example"),
        Primitive::Binary => json!(match encoding {
            Encoding::Base64 => "aGVsbG8=",
            Encoding::Base64Url => "aGVsbG8",
            Encoding::Base16 => "68656c6c6f",
            Encoding::Base32 => "NBSWY3DP",
            Encoding::Base32Hex => "D1IMOR3F",
        }),
        // The remaining primitives are the small integers.
        _ => json!(1),
    }
}

/// Pretty JSON with two-space indentation and object keys in sorted order.
pub(crate) fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, &mut out);
    out
}

fn write(value: &Value, indent: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                write(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push_str("{\n");
            for (i, key) in keys.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push_str(": ");
                write(&map[*key], indent + 1, out);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}
