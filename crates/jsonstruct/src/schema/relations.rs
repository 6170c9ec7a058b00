//! The Relations add-in (draft-vasters-json-structure-relations): `identity` on object and
//! tuple types, and `relations` whose members appear in instances beside the properties.
//!
//! A relation `R` of an object becomes an optional member `R` of that object in the model:
//! `{"identity": I, "qualifier": Q}` (`qualifier` only when the relation declares a
//! `qualifiertype`) for `cardinality: "single"`, an array of those for `"multiple"`. `I` is the
//! type of the target's one identity property, or a tuple of the types of its identity
//! properties in declared order (`#identity-values`). So relation members are validated, are no
//! additional properties, and generated types carry them, with nothing new downstream.
//!
//! The keywords are read in `keywords::relations`; this module resolves what they name.

use super::load::{Loader, NameSite, RefSite};
use super::{Property, TupleType, TypeId, TypeKind};
use crate::diagnostic::{Code, Severity};
use crate::json::pointer;

/// A relation's target, resolved once every definition is known.
#[derive(Debug)]
pub(crate) struct PendingRelation {
    /// The node that becomes the identity type.
    pub(super) identity: TypeId,
    pub(super) target: RefSite,
}

/// `identity: [...]` of a type, checked against its (flattened) properties.
#[derive(Debug)]
pub(crate) struct PendingIdentity {
    pub(super) ty: TypeId,
    pub(super) names: Vec<NameSite>,
}

/// A relation `scope`, checked once every definition is known.
#[derive(Debug)]
pub(crate) struct PendingScope {
    pub(super) site: RefSite,
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
