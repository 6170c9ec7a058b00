//! Constraint subschemas: inside `allOf`, `anyOf`, `oneOf`, `not`, `if`, `then` and `else`, a
//! schema may leave out `type` (the conditional-composition draft's own `#if-then-else` example
//! does). Such a schema constrains whatever JSON type each of its keywords is about: `properties`
//! and `required` apply to objects, `minLength` to strings, `minimum` to numbers, `items` to
//! arrays, and `enum`/`const` to every value.
//!
//! The model has no separate kind for this. A typeless schema becomes an `any` node whose
//! `allOf` holds one conditional per JSON type it constrains (`if` the value is an object, `then`
//! the object constraints, ...) and the literal check, all built from ordinary nodes, so the
//! validator, the exporter and the generator need nothing new. Outside composition keywords a
//! schema without `type` stays an error (core `#type-keyword`), and a schema that names a
//! compound type keeps the core rules everywhere (an `object` declares properties, a `set` its
//! `items`).

use super::keywords::{self, Cat};
use super::load::Loader;
use super::{
    Additional, Compound, ObjectType, Primitive, PrimitiveType, Property, TypeId, TypeKind,
};
use crate::diagnostic::Code;
use crate::json::{pointer, Node, Value};

/// Keywords about objects, strings, numbers and arrays; a typeless schema applies each family
/// to values of that JSON type only.
pub(super) const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
    "has",
];
pub(super) const STRING_KEYWORDS: &[&str] = &["maxLength", "minLength", "pattern", "format"];
pub(super) const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];
pub(super) const ARRAY_KEYWORDS: &[&str] = &[
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
];

impl Loader<'_> {
    /// Builds the typeless constraint schema `node` into `id`.
    pub(super) fn typeless(&mut self, id: TypeId, node: &Node, ptr: &str) {
        let members = node.as_object().unwrap_or_default();
        let about = |keys: &[&str]| members.iter().any(|m| keys.contains(&m.key.as_str()));
        let mut facets = Vec::new();

        if about(OBJECT_KEYWORDS) {
            let o = self.new_node(ptr, node.start, None);
            keywords::object_body(self, o, node, ptr);
            self.constraint_object(o);
            self.facet_keywords(
                o,
                Cat::Compound(Compound::Object),
                node,
                ptr,
                OBJECT_KEYWORDS,
            );
            facets.push((self.object_test(ptr, node.start), o));
        }
        if about(STRING_KEYWORDS) {
            let s = self.primitive_node(Primitive::String, ptr, node.start);
            self.facet_keywords(s, Cat::Prim(Primitive::String), node, ptr, STRING_KEYWORDS);
            facets.push((self.primitive_node(Primitive::String, ptr, node.start), s));
        }
        if about(NUMBER_KEYWORDS) {
            let n = self.primitive_node(Primitive::Number, ptr, node.start);
            self.facet_keywords(n, Cat::Prim(Primitive::Number), node, ptr, NUMBER_KEYWORDS);
            facets.push((self.primitive_node(Primitive::Number, ptr, node.start), n));
        }
        if about(ARRAY_KEYWORDS) {
            let items = match node.get("items") {
                Some(i) => self.schema(i, &pointer::join(ptr, "items"), false, None),
                None => self.new_node(ptr, node.start, None),
            };
            let a = self.new_node(ptr, node.start, None);
            self.nodes[a.index()].kind = TypeKind::Array { items };
            self.facet_keywords(a, Cat::Compound(Compound::Array), node, ptr, ARRAY_KEYWORDS);
            let any = self.new_node(ptr, node.start, None);
            let test = self.new_node(ptr, node.start, None);
            self.nodes[test.index()].kind = TypeKind::Array { items: any };
            facets.push((test, a));
        }

        // What is left applies to the schema itself: documentation, nested composition, and
        // keywords that mean nothing without a type (reported as such).
        for m in members {
            let key = m.key.as_str();
            if [
                OBJECT_KEYWORDS,
                STRING_KEYWORDS,
                NUMBER_KEYWORDS,
                ARRAY_KEYWORDS,
            ]
            .iter()
            .any(|family| family.contains(&key))
                || key == "enum"
                || key == "const"
            {
                continue;
            }
            keywords::dispatch(self, id, Cat::Untyped, m, ptr, false);
        }

        let mut all_of: Vec<TypeId> = facets
            .into_iter()
            .map(|(test, then)| {
                let c = self.new_node(ptr, node.start, None);
                let comp = &mut self.nodes[c.index()].composition;
                comp.if_ = Some(test);
                comp.then_ = Some(then);
                c
            })
            .collect();
        if let Some(literals) = self.typeless_literals(node, ptr) {
            all_of.push(literals);
        }
        let n = &mut self.nodes[id.index()];
        n.kind = TypeKind::Any;
        n.composition.all_of.extend(all_of);
    }

    /// Runs the keywords of one family on a facet node.
    fn facet_keywords(&mut self, id: TypeId, cat: Cat, node: &Node, ptr: &str, family: &[&str]) {
        for m in node.as_object().unwrap_or_default() {
            if family.contains(&m.key.as_str()) {
                keywords::dispatch(self, id, cat, m, ptr, false);
            }
        }
        keywords::check_ranges(self, id, node, ptr);
    }

    fn primitive_node(&mut self, ty: Primitive, ptr: &str, offset: usize) -> TypeId {
        let id = self.new_node(ptr, offset, None);
        self.nodes[id.index()].kind = TypeKind::Primitive(PrimitiveType::new(ty));
        id
    }

    /// "The value is an object": an open object that declares nothing.
    fn object_test(&mut self, ptr: &str, offset: usize) -> TypeId {
        let id = self.new_node(ptr, offset, None);
        self.nodes[id.index()].kind = TypeKind::Object(ObjectType {
            properties: Vec::new(),
            required_alternatives: Vec::new(),
            additional: Additional::Allowed,
        });
        self.pending.constraint_objects.insert(id);
        id
    }

    /// `enum`/`const` without a type: the value must equal one of the literals, whatever its
    /// JSON type; a union of one typed literal check per JSON type present.
    fn typeless_literals(&mut self, node: &Node, ptr: &str) -> Option<TypeId> {
        let mut groups: Vec<(Primitive, Vec<Value>)> = Vec::new();
        let mut any = false;
        for key in ["enum", "const"] {
            let Some(v) = node.get(key) else { continue };
            let kptr = pointer::join(ptr, key);
            let values: Vec<&Node> = match (key, v.as_array()) {
                ("enum", Some([])) => {
                    self.error(
                        Code::SchemaEnumEmpty,
                        &kptr,
                        v.start,
                        "enum array cannot be empty",
                    );
                    continue;
                }
                ("enum", Some(items)) => items.iter().collect(),
                ("enum", None) => {
                    self.error(
                        Code::SchemaEnumNotArray,
                        &kptr,
                        v.start,
                        "enum must be an array",
                    );
                    continue;
                }
                _ => vec![v],
            };
            any = true;
            for item in values {
                let ty = match &item.value {
                    Value::String(_) => Primitive::String,
                    Value::Number(_) => Primitive::Number,
                    Value::Bool(_) => Primitive::Boolean,
                    Value::Null => Primitive::Null,
                    _ => {
                        self.error(
                            Code::SchemaConstraintInvalidForType,
                            &kptr,
                            item.start,
                            format!("without a 'type', {key} can only list strings, numbers, booleans and null"),
                        );
                        continue;
                    }
                };
                match groups.iter_mut().find(|(t, _)| *t == ty) {
                    Some((_, vals)) => vals.push(item.value.clone()),
                    None => groups.push((ty, vec![item.value.clone()])),
                }
            }
            if key == "const" && node.get("enum").is_some() {
                // Both: the value must satisfy each. Keep them apart as two checks.
                break;
            }
        }
        if !any {
            return None;
        }
        let members: Vec<TypeId> = groups
            .into_iter()
            .map(|(ty, values)| {
                let id = self.primitive_node(ty, ptr, node.start);
                if let TypeKind::Primitive(p) = &mut self.nodes[id.index()].kind {
                    p.enum_values = Some(values);
                }
                id
            })
            .collect();
        let id = self.new_node(ptr, node.start, None);
        self.nodes[id.index()].kind = match members.as_slice() {
            // Every literal was rejected: nothing can match.
            [] => TypeKind::Union(Vec::new()),
            _ => TypeKind::Union(members),
        };
        Some(id)
    }

    /// The object constraints of a typeless schema may declare no property, and `required` may
    /// name members they do not declare: those are added as `any`.
    fn constraint_object(&mut self, id: TypeId) {
        self.pending.constraint_objects.insert(id);
        let mut names: Vec<String> = self
            .pending
            .required
            .get(&id)
            .into_iter()
            .flatten()
            .map(|s| s.name.clone())
            .collect();
        names.extend(
            self.pending
                .required_alternatives
                .get(&id)
                .into_iter()
                .flatten()
                .flatten()
                .map(|s| s.name.clone()),
        );
        let TypeKind::Object(o) = &self.nodes[id.index()].kind else {
            return;
        };
        let mut missing: Vec<String> = names
            .into_iter()
            .filter(|n| o.properties.iter().all(|p| &p.name != n))
            .collect();
        missing.sort();
        missing.dedup();
        let ptr = self.nodes[id.index()].location.pointer.clone();
        let offset = self.offsets[id.index()];
        for name in missing {
            let ty = self.new_node(&ptr, offset, None);
            if let TypeKind::Object(o) = &mut self.nodes[id.index()].kind {
                o.properties.push(Property {
                    wire_name: name.clone(),
                    name,
                    ty,
                    required: false,
                    inherited_from: None,
                });
            }
        }
    }
}
