//! Structure keywords: `type` and what each compound type is made of (`properties`,
//! `required`, `additionalProperties`, `items`, `values`, `choices`, `selector`, `tuple`).
//! `Loader::schema` builds the node from them ([`type_keyword`], [`build`]) before it reads
//! the other keywords, so their handlers only check what depends on those.

use super::{At, Cat};
use crate::diagnostic::Code;
use crate::json::{pointer, Member, Node, Value};
use crate::schema::load::Loader;
use crate::schema::{
    Additional, ChoiceType, Compound, ObjectType, Primitive, PrimitiveType, Property, TupleType,
    TypeId, TypeKind,
};

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

/// Interprets `type` and sets the node's kind.
pub(in crate::schema) fn type_keyword(l: &mut Loader<'_>, id: TypeId, t: &Node, ptr: &str) -> Cat {
    let tptr = pointer::join(ptr, "type");
    match &t.value {
        Value::String(name) => match type_name(name) {
            Some(Cat::Prim(p)) => {
                l.nodes[id.index()].kind = TypeKind::Primitive(PrimitiveType::new(p));
                Cat::Prim(p)
            }
            Some(Cat::Compound(Compound::Any)) => {
                l.nodes[id.index()].kind = TypeKind::Any;
                Cat::Compound(Compound::Any)
            }
            Some(cat) => cat,
            None => {
                l.error(
                    Code::SchemaTypeInvalid,
                    &tptr,
                    t.start,
                    format!("invalid type: '{name}'{}", suggest_type(name)),
                );
                Cat::Untyped
            }
        },
        Value::Object(_) => {
            type_ref(l, id, t, &tptr);
            Cat::Ref
        }
        Value::Array(members) => {
            if members.is_empty() {
                l.error(
                    Code::SchemaTypeArrayEmpty,
                    &tptr,
                    t.start,
                    "a type union cannot be empty",
                );
                return Cat::Untyped;
            }
            let mut ids = Vec::new();
            for (i, m) in members.iter().enumerate() {
                let mptr = format!("{tptr}/{i}");
                let mid = l.new_node(&mptr, m.start, None);
                match &m.value {
                    Value::String(name) => match type_name(name) {
                        Some(Cat::Prim(p)) => {
                            l.nodes[mid.index()].kind = TypeKind::Primitive(PrimitiveType::new(p))
                        }
                        Some(Cat::Compound(Compound::Any)) => {}
                        Some(_) => l.error(
                            Code::SchemaUnionInlineCompound,
                            &mptr,
                            m.start,
                            format!("a union may only list primitive types and $refs; define the '{name}' under definitions and reference it"),
                        ),
                        None => l.error(
                            Code::SchemaTypeInvalid,
                            &mptr,
                            m.start,
                            format!("invalid type: '{name}'{}", suggest_type(name)),
                        ),
                    },
                    Value::Object(_) => type_ref(l, mid, m, &mptr),
                    _ => l.error(
                        Code::SchemaKeywordInvalidType,
                        &mptr,
                        m.start,
                        "union members must be type names or {\"$ref\": ...} objects",
                    ),
                }
                ids.push(mid);
            }
            l.nodes[id.index()].kind = TypeKind::Union(ids);
            Cat::Union
        }
        _ => {
            l.error(
                Code::SchemaKeywordInvalidType,
                &tptr,
                t.start,
                "type must be a type name, a {\"$ref\": ...} object or an array (union)",
            );
            Cat::Untyped
        }
    }
}

/// `{"$ref": "#/definitions/..."}` inside `type`.
fn type_ref(l: &mut Loader<'_>, id: TypeId, t: &Node, tptr: &str) {
    match t.get("$ref") {
        Some(r) => match r.as_str() {
            Some(s) => {
                l.nodes[id.index()].kind = TypeKind::Ref(id);
                let site = l.ref_site(s, pointer::join(tptr, "$ref"), r.start);
                l.pending.refs.push((id, site));
            }
            None => l.error(
                Code::SchemaKeywordInvalidType,
                &pointer::join(tptr, "$ref"),
                r.start,
                "$ref must be a JSON Pointer string",
            ),
        },
        None => l.error(
            Code::SchemaTypeObjectMissingRef,
            tptr,
            t.start,
            "an object in 'type' must contain $ref",
        ),
    }
}

fn type_name(name: &str) -> Option<Cat> {
    if let Some(p) = Primitive::from_name(name) {
        return Some(Cat::Prim(p));
    }
    Compound::from_name(name).map(Cat::Compound)
}

/// ` (did you mean X?)` for an unknown type name: the usual names of other languages, else the
/// valid names closest by edit distance (a typo such as `int65` or `strnig`), else nothing.
fn suggest_type(name: &str) -> String {
    let alias = match name {
        "int" | "long" => Some("int32 or int64"),
        "float32" => Some("float"),
        "float64" => Some("double"),
        "bool" => Some("boolean"),
        "date-time" | "dateTime" | "timestamp" => Some("datetime"),
        "dict" | "record" => Some("map or object"),
        "list" => Some("array"),
        "bytes" => Some("binary"),
        _ => None,
    };
    if let Some(hint) = alias {
        return format!(" (did you mean {hint}?)");
    }
    // A typo (`int65`, `strnig`, `unit32`): the valid names closest by optimal string
    // alignment distance (an adjacent swap is one edit), ignoring ASCII case; a long name is no
    // typo of a type name.
    if name.len() > 32 {
        return String::new();
    }
    let compound = [
        Compound::Object,
        Compound::Array,
        Compound::Set,
        Compound::Map,
        Compound::Tuple,
        Compound::Choice,
        Compound::Any,
    ];
    let names = Primitive::ALL
        .iter()
        .map(|p| p.name())
        .chain(compound.iter().map(|c| c.name()));
    // One edit for short names, two for longer ones: enough for typos, not for other words.
    let lower = name.to_ascii_lowercase();
    let allowed = if name.len() <= 4 { 1 } else { 2 };
    let mut best: Vec<&str> = Vec::new();
    let mut best_distance = allowed;
    for candidate in names {
        let d = strsim::osa_distance(&lower, candidate);
        if d < best_distance {
            best_distance = d;
            best.clear();
        }
        if d == best_distance {
            best.push(candidate);
        }
    }
    if best.is_empty() {
        return String::new();
    }
    format!(" (did you mean {}?)", best.join(" or "))
}

/// Builds a compound node from its structure keywords.
pub(in crate::schema) fn build(l: &mut Loader<'_>, id: TypeId, cat: Cat, node: &Node, ptr: &str) {
    match cat {
        Cat::Compound(Compound::Object) => object_body(l, id, node, ptr),
        Cat::Compound(Compound::Tuple) => tuple_body(l, id, node, ptr),
        Cat::Compound(Compound::Array | Compound::Set) => {
            let items = required_schema(l, node, ptr, "items", Code::SchemaArrayMissingItems, cat);
            l.nodes[id.index()].kind = if cat == Cat::Compound(Compound::Set) {
                TypeKind::Set { items }
            } else {
                TypeKind::Array { items }
            };
        }
        Cat::Compound(Compound::Map) => {
            let values = required_schema(l, node, ptr, "values", Code::SchemaMapMissingValues, cat);
            l.nodes[id.index()].kind = TypeKind::Map { values };
        }
        Cat::Compound(Compound::Choice) => choice_body(l, id, node, ptr),
        _ => {}
    }
}

/// A keyword that holds one required sub-schema (`items`, `values`).
fn required_schema(
    l: &mut Loader<'_>,
    node: &Node,
    ptr: &str,
    key: &str,
    missing: Code,
    cat: Cat,
) -> TypeId {
    match node.get(key) {
        Some(v) => l.schema(v, &pointer::join(ptr, key), false, None),
        None => {
            l.error(
                missing,
                ptr,
                node.start,
                format!("{} type requires '{key}'", cat.describe()),
            );
            l.new_node(&pointer::join(ptr, key), node.start, None)
        }
    }
}

pub(in crate::schema) fn object_body(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let properties = properties(l, node, ptr);
    if let Some(props) = node.get("properties") {
        if props.as_object().is_some_and(<[Member]>::is_empty) {
            l.pending.empty_properties_reported.insert(id);
            l.error(
                Code::SchemaKeywordEmpty,
                &pointer::join(ptr, "properties"),
                props.start,
                "properties cannot be empty: an object declares at least one property (use 'map' for free-form keys)",
            );
        }
    }
    if let Some(req) = node.get("required") {
        required(l, id, req, &pointer::join(ptr, "required"));
    }
    let additional = match node.get("additionalProperties") {
        None => Additional::Unspecified,
        Some(a) => match &a.value {
            Value::Bool(true) => Additional::Allowed,
            Value::Bool(false) => Additional::Forbidden,
            Value::Object(_) => Additional::Schema(l.schema(
                a,
                &pointer::join(ptr, "additionalProperties"),
                false,
                None,
            )),
            _ => {
                l.error(
                    Code::SchemaAdditionalPropertiesInvalid,
                    &pointer::join(ptr, "additionalProperties"),
                    a.start,
                    "additionalProperties must be a boolean or a schema",
                );
                Additional::Unspecified
            }
        },
    };
    l.nodes[id.index()].kind = TypeKind::Object(ObjectType {
        properties,
        required_alternatives: Vec::new(),
        additional,
    });
}

fn properties(l: &mut Loader<'_>, node: &Node, ptr: &str) -> Vec<Property> {
    let Some(props) = node.get("properties") else {
        return Vec::new();
    };
    let pptr = pointer::join(ptr, "properties");
    let Some(members) = props.as_object() else {
        l.error(
            Code::SchemaPropertiesNotObject,
            &pptr,
            props.start,
            "properties must be an object",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in members {
        let p = pointer::join(&pptr, &m.key);
        if !crate::schema::is_identifier(&m.key) {
            l.error(
                Code::SchemaNameInvalid,
                &p,
                m.key_start,
                format!(
                    "property name \"{}\" must be an identifier ([A-Za-z_][A-Za-z0-9_]*); declare it as an identifier and give the wire name with altnames {{\"json\": \"{}\"}}",
                    m.key, m.key
                ),
            );
        }
        let ty = l.schema(&m.value, &p, false, None);
        let wire_name = wire_name(l, ty, &m.key);
        out.push(Property {
            name: m.key.clone(),
            wire_name,
            ty,
            required: false,
            inherited_from: None,
        });
    }
    out
}

/// The JSON member name of a property: `altnames.json` when the add-in is on.
fn wire_name(l: &mut Loader<'_>, ty: TypeId, name: &str) -> String {
    match l.nodes[ty.index()].altnames.get("json") {
        Some(json) if l.ext.alternate_names => json.clone(),
        _ => name.to_owned(),
    }
}

fn required(l: &mut Loader<'_>, id: TypeId, req: &Node, rptr: &str) {
    let Some(items) = req.as_array() else {
        l.error(
            Code::SchemaRequiredNotArray,
            rptr,
            req.start,
            "required must be an array",
        );
        return;
    };
    let name_site = |n: &Node, p: String| n.as_str().map(|s| l.name_site(s, p, n.start));
    if items.iter().all(|i| i.as_str().is_some()) {
        let names = items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| name_site(n, format!("{rptr}/{i}")))
            .collect();
        l.pending.required.insert(id, names);
    } else if items.iter().all(|i| {
        i.as_array()
            .is_some_and(|a| a.iter().all(|x| x.as_str().is_some()))
    }) {
        let sets = items
            .iter()
            .enumerate()
            .map(|(i, set)| {
                set.as_array()
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                    .filter_map(|(j, n)| name_site(n, format!("{rptr}/{i}/{j}")))
                    .collect()
            })
            .collect();
        l.pending.required_alternatives.insert(id, sets);
    } else {
        let bad = items
            .iter()
            .enumerate()
            .find(|(_, i)| i.as_str().is_none())
            .map_or(0, |(i, _)| i);
        l.error(
            Code::SchemaRequiredItemNotString,
            &format!("{rptr}/{bad}"),
            items[bad].start,
            "required must list property names, or only arrays of property names (alternative sets)",
        );
    }
}

fn tuple_body(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let properties = properties(l, node, ptr);
    match (node.get("properties"), node.get("tuple")) {
        (Some(_), Some(order)) => {
            let optr = pointer::join(ptr, "tuple");
            match order.as_array() {
                Some(items) if items.iter().all(|i| i.as_str().is_some()) => {
                    let names = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, n)| {
                            n.as_str()
                                .map(|s| l.name_site(s, format!("{optr}/{i}"), n.start))
                        })
                        .collect();
                    l.pending.tuple_order.insert(id, names);
                }
                _ => l.error(
                    Code::SchemaTupleOrderNotArray,
                    &optr,
                    order.start,
                    "'tuple' must be an array of property names",
                ),
            }
        }
        _ => l.error(
            Code::SchemaTupleMissingDefinition,
            ptr,
            node.start,
            "tuple type requires 'properties' and 'tuple' keywords",
        ),
    }
    // Until `resolve` orders them, the elements are the declared properties.
    l.nodes[id.index()].kind = TypeKind::Tuple(TupleType {
        elements: properties,
    });
}

fn choice_body(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let mut choices = Vec::new();
    match node.get("choices") {
        None => l.error(
            Code::SchemaChoiceMissingChoices,
            ptr,
            node.start,
            "choice type requires 'choices'",
        ),
        Some(c) => {
            let cptr = pointer::join(ptr, "choices");
            match c.as_object() {
                None => l.error(
                    Code::SchemaChoicesNotObject,
                    &cptr,
                    c.start,
                    "choices must be an object",
                ),
                Some([]) => l.error(
                    Code::SchemaKeywordEmpty,
                    &cptr,
                    c.start,
                    "choices cannot be empty",
                ),
                Some(members) => {
                    for m in members {
                        let p = pointer::join(&cptr, &m.key);
                        if !crate::schema::is_identifier(&m.key) {
                            l.error(
                                Code::SchemaNameInvalid,
                                &p,
                                m.key_start,
                                format!("choice name \"{}\" must be an identifier", m.key),
                            );
                        }
                        let ty = l.schema(&m.value, &p, false, None);
                        choices.push((m.key.clone(), ty));
                    }
                }
            }
        }
    }
    let selector = node.get("selector").and_then(|s| match s.as_str() {
        Some(name) => Some(name.to_owned()),
        None => {
            l.error(
                Code::SchemaKeywordInvalidType,
                &pointer::join(ptr, "selector"),
                s.start,
                "selector must be a string (the name of the discriminating property)",
            );
            None
        }
    });
    if node.get("$extends").is_some() && node.get("selector").is_none() {
        l.error(
            Code::SchemaKeywordInvalidType,
            ptr,
            node.start,
            "an inline choice ($extends) needs a 'selector' naming the discriminating property",
        );
    }
    l.nodes[id.index()].kind = TypeKind::Choice(ChoiceType { choices, selector });
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use crate::schema::{Additional, TypeKind};

    #[test]
    fn compound_types_need_their_parts() {
        for (members, expected) in [
            (r#""type": "array""#, "SCHEMA_ARRAY_MISSING_ITEMS at "),
            (r#""type": "map""#, "SCHEMA_MAP_MISSING_VALUES at "),
            (r#""type": "choice""#, "SCHEMA_CHOICE_MISSING_CHOICES at "),
            (
                r#""type": "tuple", "properties": {"a": {"type": "string"}}"#,
                "SCHEMA_TUPLE_MISSING_DEFINITION at ",
            ),
            (
                r#""type": "object", "properties": {}"#,
                "SCHEMA_KEYWORD_EMPTY at /properties",
            ),
        ] {
            assert_eq!(found(&check(members, &[])), [expected], "{members}");
        }
    }

    #[test]
    fn object_parts() {
        let r = check(
            r#""type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "int32"}},
               "required": ["a"], "additionalProperties": false"#,
            &[],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let TypeKind::Object(o) = &root(&r).kind else {
            panic!("not an object")
        };
        let required: Vec<(&str, bool)> = o
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.required))
            .collect();
        assert_eq!(required, [("a", true), ("b", false)]);
        assert_eq!(o.additional, Additional::Forbidden);
    }

    #[test]
    fn misplaced_structure_keywords() {
        let r = check(
            r#""type": "string", "items": {"type": "string"}, "required": ["a"], "selector": "k""#,
            &[],
        );
        let messages: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "'items' constraint is only valid for array and set, not 'string'",
                "'required' constraint is only valid for object, not 'string'",
                "'selector' constraint is only valid for choice, not 'string'",
            ]
        );
        let r = check(
            r##""type": "object", "properties": {"a": {"type": "string"}}, "$ref": "#/definitions/X""##,
            &[],
        );
        assert_eq!(found(&r), ["SCHEMA_REF_NOT_IN_TYPE at /$ref"]);
    }

    /// The abstract check runs even where `additionalProperties` is misplaced, and only after
    /// `abstract` was read (members are read in document order).
    #[test]
    fn additional_properties_on_abstract_types() {
        let r = check(
            r#""type": "string", "abstract": true, "additionalProperties": false"#,
            &[],
        );
        let messages: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "'abstract' constraint is only valid for object and tuple, not 'string'",
                "the root type cannot be abstract: abstract types are only used through $extends",
                "'additionalProperties' constraint is only valid for object, not 'string'",
                "additionalProperties must not be used on abstract types (they are implicitly open)",
            ]
        );
    }

    #[test]
    fn unknown_types_get_a_hint() {
        let r = check(r#""type": "float64""#, &[]);
        assert_eq!(
            r.diagnostics[0].message,
            "invalid type: 'float64' (did you mean double?)"
        );
    }
}
