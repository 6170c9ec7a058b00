//! The Relations add-in (draft-vasters-json-structure-relations): `identity` on object and
//! tuple types, and `relations` whose members appear in instances beside the properties.
//!
//! A relation `R` of an object becomes an optional member `R` of that object in the model:
//! `{"identity": I, "qualifier": Q}` (`qualifier` only when the relation declares a
//! `qualifiertype`) for `cardinality: "single"`, an array of those for `"multiple"`. `I` is the
//! type of the target's one identity property, or a tuple of the types of its identity
//! properties in declared order (`#identity-values`). So relation members are validated, are no
//! additional properties, and generated types carry them, with nothing new downstream.

use super::load::{Loader, NameSite, RefSite};
use super::{Additional, ObjectType, Property, TupleType, TypeId, TypeKind};
use crate::diagnostic::{Code, Severity};
use crate::json::{pointer, Node};

/// A relation's target, resolved once every definition is known.
#[derive(Debug)]
pub(crate) struct PendingRelation {
    /// The node that becomes the identity type.
    identity: TypeId,
    target: RefSite,
}

/// `identity: [...]` of a type, checked against its (flattened) properties.
#[derive(Debug)]
pub(crate) struct PendingIdentity {
    pub ty: TypeId,
    pub names: Vec<NameSite>,
}

/// A relation `scope`, checked once every definition is known.
#[derive(Debug)]
pub(crate) struct PendingScope {
    site: RefSite,
}

impl Loader<'_> {
    /// `identity` of an object or tuple.
    pub(super) fn identity_keyword(&mut self, id: TypeId, v: &Node, ptr: &str) {
        let names = match v.as_array() {
            Some(items) if !items.is_empty() && items.iter().all(|i| i.as_str().is_some()) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| {
                    n.as_str()
                        .map(|s| self.name_site(s, format!("{ptr}/{i}"), n.start))
                })
                .collect::<Vec<_>>(),
            _ => {
                self.error(
                    Code::SchemaKeywordInvalidType,
                    ptr,
                    v.start,
                    "identity must be a non-empty array of property names",
                );
                return;
            }
        };
        self.nodes[id.index()].identity = names.iter().map(|n| n.name.clone()).collect();
        self.pending
            .identities
            .push(PendingIdentity { ty: id, names });
    }

    /// `relations` of an object: each relation becomes an optional member of the object.
    pub(super) fn relations_keyword(&mut self, id: TypeId, v: &Node, ptr: &str) {
        let Some(members) = v.as_object() else {
            self.error(
                Code::SchemaKeywordInvalidType,
                ptr,
                v.start,
                "relations must be an object mapping relation names to relation declarations",
            );
            return;
        };
        for m in members {
            let rptr = pointer::join(ptr, &m.key);
            if !super::is_identifier(&m.key) {
                self.error(
                    Code::SchemaNameInvalid,
                    &rptr,
                    m.key_start,
                    format!("relation name \"{}\" must be an identifier", m.key),
                );
            }
            if let Some(member) = self.relation(&m.value, &rptr) {
                let TypeKind::Object(o) = &mut self.nodes[id.index()].kind else {
                    return;
                };
                if o.properties.iter().any(|p| p.name == m.key) {
                    self.error(
                        Code::SchemaNameCollision,
                        &rptr,
                        m.key_start,
                        format!(
                            "relation '{}' has the name of a property (relations and properties share one namespace)",
                            m.key
                        ),
                    );
                    continue;
                }
                o.properties.push(Property {
                    name: m.key.clone(),
                    wire_name: m.key.clone(),
                    ty: member,
                    required: false,
                    inherited_from: None,
                });
            }
        }
    }

    /// One relation declaration: the node of its instance member.
    fn relation(&mut self, decl: &Node, ptr: &str) -> Option<TypeId> {
        if decl.as_object().is_none() {
            self.error(
                Code::SchemaKeywordInvalidType,
                ptr,
                decl.start,
                "a relation declaration must be an object with targettype and cardinality",
            );
            return None;
        }
        let multiple = match decl.get("cardinality").map(|c| (c, c.as_str())) {
            Some((_, Some("single"))) => false,
            Some((_, Some("multiple"))) => true,
            Some((c, _)) => {
                self.error(
                    Code::SchemaKeywordInvalidType,
                    &pointer::join(ptr, "cardinality"),
                    c.start,
                    "cardinality must be \"single\" or \"multiple\"",
                );
                return None;
            }
            None => {
                self.error(
                    Code::SchemaRequiredPropertyNotDefined,
                    ptr,
                    decl.start,
                    "a relation declaration needs 'cardinality' (\"single\" or \"multiple\")",
                );
                return None;
            }
        };
        let target = self.type_reference(decl, ptr, "targettype")?;
        let qualifier = match decl.get("qualifiertype") {
            Some(_) => Some(self.type_reference(decl, ptr, "qualifiertype")?),
            None => None,
        };
        if let Some(scope) = decl.get("scope") {
            let sptr = pointer::join(ptr, "scope");
            let sites: Option<Vec<RefSite>> = match scope.as_str() {
                Some(s) => Some(vec![self.ref_site(s, sptr.clone(), scope.start)]),
                None => scope
                    .as_array()
                    .filter(|a| !a.is_empty())
                    .and_then(|items| {
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, n)| {
                                n.as_str()
                                    .map(|s| self.ref_site(s, format!("{sptr}/{i}"), n.start))
                            })
                            .collect()
                    }),
            };
            match sites {
                Some(sites) => self
                    .pending
                    .scopes
                    .extend(sites.into_iter().map(|site| PendingScope { site })),
                None => self.error(
                    Code::SchemaKeywordInvalidType,
                    &sptr,
                    scope.start,
                    "scope must be a JSON Pointer or a non-empty array of JSON Pointers",
                ),
            }
        }
        for m in decl.as_object().unwrap_or_default() {
            if !matches!(
                m.key.as_str(),
                "targettype" | "cardinality" | "scope" | "qualifiertype" | "description"
            ) {
                self.warn(
                    Code::SchemaKeywordIgnored,
                    &pointer::join(ptr, &m.key),
                    m.key_start,
                    format!("'{}' is not a relation keyword and is ignored", m.key),
                );
            }
        }

        // {"identity": I, "qualifier": Q}
        let identity = self.new_node(&pointer::join(ptr, "targettype"), decl.start, None);
        self.pending
            .relations
            .push(PendingRelation { identity, target });
        let mut properties = vec![Property {
            name: "identity".into(),
            wire_name: "identity".into(),
            ty: identity,
            required: true,
            inherited_from: None,
        }];
        if let Some(q) = qualifier {
            let node = self.new_node(&pointer::join(ptr, "qualifiertype"), decl.start, None);
            self.nodes[node.index()].kind = TypeKind::Ref(node);
            self.pending.refs.push((node, q));
            properties.push(Property {
                name: "qualifier".into(),
                wire_name: "qualifier".into(),
                ty: node,
                required: false,
                inherited_from: None,
            });
        }
        let link = self.new_node(ptr, decl.start, None);
        self.nodes[link.index()].kind = TypeKind::Object(ObjectType {
            properties,
            required_alternatives: Vec::new(),
            additional: Additional::Forbidden,
        });
        if !multiple {
            return Some(link);
        }
        let many = self.new_node(ptr, decl.start, None);
        self.nodes[many.index()].kind = TypeKind::Array { items: link };
        Some(many)
    }

    /// `{"$ref": "#/definitions/..."}` as the value of `key` (targettype, qualifiertype).
    fn type_reference(&mut self, decl: &Node, ptr: &str, key: &str) -> Option<RefSite> {
        let kptr = pointer::join(ptr, key);
        let Some(v) = decl.get(key) else {
            self.error(
                Code::SchemaRequiredPropertyNotDefined,
                ptr,
                decl.start,
                format!(
                    "a relation declaration needs '{key}' ({{\"$ref\": \"#/definitions/...\"}})"
                ),
            );
            return None;
        };
        match v.get("$ref").and_then(Node::as_str) {
            Some(r) => Some(self.ref_site(r, pointer::join(&kptr, "$ref"), v.start)),
            None => {
                self.error(
                    Code::SchemaTypeObjectMissingRef,
                    &kptr,
                    v.start,
                    format!("{key} must be {{\"$ref\": \"#/definitions/...\"}}"),
                );
                None
            }
        }
    }
}

/// Resolves relation targets into identity types, and checks `identity` names and `scope`s;
/// runs after inheritance is flattened (identity names may be inherited properties).
pub(super) fn resolve_relations(l: &mut Loader<'_>, document_root: Option<TypeId>) {
    for PendingIdentity { ty, names } in std::mem::take(&mut l.pending.identities) {
        let props = members_of(l, ty);
        for site in names {
            if !props.iter().any(|p| p.name == site.name) {
                l.diag_in(
                    site.source,
                    Code::SchemaRequiredPropertyNotDefined,
                    Severity::Error,
                    &site.pointer,
                    site.offset,
                    format!(
                        "identity property '{}' is not defined in properties",
                        site.name
                    ),
                );
            }
        }
    }
    for PendingRelation { identity, target } in std::mem::take(&mut l.pending.relations) {
        let Some(t) = super::resolve::lookup(l, &target) else {
            continue;
        };
        let t = super::resolve::target(l, t);
        let names = l.nodes[t.index()].identity.clone();
        if names.is_empty() {
            let msg = format!(
                "the target type \"{}\" declares no 'identity', which a relation needs to refer to it",
                target.fragment
            );
            l.error_site(&target, Code::SchemaConstraintInvalidForType, msg);
            continue;
        }
        let props = members_of(l, t);
        let elements: Vec<Property> = names
            .iter()
            .filter_map(|n| props.iter().find(|p| &p.name == n).cloned())
            .map(|mut p| {
                p.required = true;
                p.inherited_from = None;
                p
            })
            .collect();
        // A single identity value has the identity property's type: the relation's own copy
        // of that node (the property's node belongs to the target type; sharing the kind keeps
        // any nested nodes shared).
        l.nodes[identity.index()].kind = match elements.as_slice() {
            [one] => l.nodes[one.ty.index()].kind.clone(),
            _ => TypeKind::Tuple(TupleType { elements }),
        };
    }
    for PendingScope { site } in std::mem::take(&mut l.pending.scopes) {
        check_scope(l, &site, document_root);
    }
}

fn members_of(l: &Loader<'_>, id: TypeId) -> Vec<Property> {
    match &l.nodes[id.index()].kind {
        TypeKind::Object(o) => o.properties.clone(),
        TypeKind::Tuple(t) => t.elements.clone(),
        _ => Vec::new(),
    }
}

/// A `scope` names a collection of the schema (an array, set or map property of a definition,
/// or `#` for a collection root type) where the targets live (relations `#scope-keyword`).
fn check_scope(l: &mut Loader<'_>, site: &RefSite, document_root: Option<TypeId>) {
    let collection = |l: &Loader<'_>, id: TypeId| {
        let t = super::resolve::target(l, id);
        matches!(
            l.nodes[t.index()].kind,
            TypeKind::Array { .. } | TypeKind::Set { .. } | TypeKind::Map { .. }
        )
    };
    if site.fragment == "#" {
        // The root type, declared with `type` or (in the checked document) with `$root`.
        let root = l.sources[site.source as usize]
            .root_type
            .or(document_root.filter(|_| site.source == 0));
        if !root.is_some_and(|r| collection(l, r)) {
            let msg = "scope \"#\" needs a root type that is an array, set or map";
            l.error_site(site, Code::SchemaRefNotFound, msg);
        }
        return;
    }
    let segs = pointer::parse_fragment(&site.fragment).unwrap_or_default();
    let split = segs.iter().rposition(|s| s == "properties");
    let found = match (segs.first().map(String::as_str), split) {
        (Some("definitions"), Some(i)) if i >= 2 && i + 2 == segs.len() => {
            let mut def = site.prefix.clone();
            def.extend(segs[1..i].iter().cloned());
            l.definitions
                .get(&super::DefinitionPath(def))
                .copied()
                .map(|d| super::resolve::target(l, d))
                .and_then(|d| {
                    members_of(l, d)
                        .into_iter()
                        .find(|p| p.name == segs[i + 1])
                        .map(|p| p.ty)
                })
        }
        _ => None,
    };
    match found {
        Some(ty) if collection(l, ty) => {}
        Some(_) => {
            let msg = format!(
                "scope \"{}\" must name an array, set or map property",
                site.fragment
            );
            l.error_site(site, Code::SchemaConstraintInvalidForType, msg);
        }
        None => {
            let msg = format!(
                "scope \"{}\" must point at a property of a definition (\"#/definitions/Type/properties/name\") or be \"#\"",
                site.fragment
            );
            l.error_site(site, Code::SchemaRefNotFound, msg);
        }
    }
}
