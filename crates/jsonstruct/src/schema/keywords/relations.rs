//! The Relations add-in's keywords: `identity` and `relations`. Each relation becomes an
//! optional member of its object (see `schema::relations`, which resolves the targets).

use super::At;
use crate::diagnostic::Code;
use crate::json::{pointer, Node};
use crate::schema::load::{Loader, RefSite};
use crate::schema::relations::{PendingIdentity, PendingRelation, PendingScope};
use crate::schema::{Additional, ObjectType, Property, TypeId, TypeKind};

/// `identity` of an object or tuple: the names are checked once inheritance is flattened.
pub(super) fn identity(l: &mut Loader<'_>, at: At<'_>) {
    let (v, ptr) = (at.value(), at.ptr);
    let names = match v.as_array() {
        Some(items) if !items.is_empty() && items.iter().all(|i| i.as_str().is_some()) => items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                n.as_str()
                    .map(|s| l.name_site(s, format!("{ptr}/{i}"), n.start))
            })
            .collect::<Vec<_>>(),
        _ => {
            l.error(
                Code::SchemaKeywordInvalidType,
                ptr,
                v.start,
                "identity must be a non-empty array of property names",
            );
            return;
        }
    };
    l.nodes[at.id.index()].identity = names.iter().map(|n| n.name.clone()).collect();
    l.pending
        .identities
        .push(PendingIdentity { ty: at.id, names });
}

/// `relations` of an object: each relation becomes an optional member of the object.
pub(super) fn relations(l: &mut Loader<'_>, at: At<'_>) {
    let (v, ptr) = (at.value(), at.ptr);
    let Some(members) = v.as_object() else {
        l.error(
            Code::SchemaKeywordInvalidType,
            ptr,
            v.start,
            "relations must be an object mapping relation names to relation declarations",
        );
        return;
    };
    for m in members {
        let rptr = pointer::join(ptr, &m.key);
        if !crate::schema::is_identifier(&m.key) {
            l.error(
                Code::SchemaNameInvalid,
                &rptr,
                m.key_start,
                format!("relation name \"{}\" must be an identifier", m.key),
            );
        }
        if let Some(member) = relation(l, &m.value, &rptr) {
            let TypeKind::Object(o) = &mut l.nodes[at.id.index()].kind else {
                return;
            };
            if o.properties.iter().any(|p| p.name == m.key) {
                l.error(
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
fn relation(l: &mut Loader<'_>, decl: &Node, ptr: &str) -> Option<TypeId> {
    if decl.as_object().is_none() {
        l.error(
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
            l.error(
                Code::SchemaKeywordInvalidType,
                &pointer::join(ptr, "cardinality"),
                c.start,
                "cardinality must be \"single\" or \"multiple\"",
            );
            return None;
        }
        None => {
            l.error(
                Code::SchemaRequiredPropertyNotDefined,
                ptr,
                decl.start,
                "a relation declaration needs 'cardinality' (\"single\" or \"multiple\")",
            );
            return None;
        }
    };
    let target = type_reference(l, decl, ptr, "targettype")?;
    let qualifier = match decl.get("qualifiertype") {
        Some(_) => Some(type_reference(l, decl, ptr, "qualifiertype")?),
        None => None,
    };
    if let Some(scope) = decl.get("scope") {
        let sptr = pointer::join(ptr, "scope");
        let sites: Option<Vec<RefSite>> = match scope.as_str() {
            Some(s) => Some(vec![l.ref_site(s, sptr.clone(), scope.start)]),
            None => scope
                .as_array()
                .filter(|a| !a.is_empty())
                .and_then(|items| {
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            n.as_str()
                                .map(|s| l.ref_site(s, format!("{sptr}/{i}"), n.start))
                        })
                        .collect()
                }),
        };
        match sites {
            Some(sites) => l
                .pending
                .scopes
                .extend(sites.into_iter().map(|site| PendingScope { site })),
            None => l.error(
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
            l.warn(
                Code::SchemaKeywordIgnored,
                &pointer::join(ptr, &m.key),
                m.key_start,
                format!("'{}' is not a relation keyword and is ignored", m.key),
            );
        }
    }

    // {"identity": I, "qualifier": Q}
    let identity = l.new_node(&pointer::join(ptr, "targettype"), decl.start, None);
    l.pending
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
        let node = l.new_node(&pointer::join(ptr, "qualifiertype"), decl.start, None);
        l.nodes[node.index()].kind = TypeKind::Ref(node);
        l.pending.refs.push((node, q));
        properties.push(Property {
            name: "qualifier".into(),
            wire_name: "qualifier".into(),
            ty: node,
            required: false,
            inherited_from: None,
        });
    }
    let link = l.new_node(ptr, decl.start, None);
    l.nodes[link.index()].kind = TypeKind::Object(ObjectType {
        properties,
        required_alternatives: Vec::new(),
        additional: Additional::Forbidden,
    });
    if !multiple {
        return Some(link);
    }
    let many = l.new_node(ptr, decl.start, None);
    l.nodes[many.index()].kind = TypeKind::Array { items: link };
    Some(many)
}

/// `{"$ref": "#/definitions/..."}` as the value of `key` (targettype, qualifiertype).
fn type_reference(l: &mut Loader<'_>, decl: &Node, ptr: &str, key: &str) -> Option<RefSite> {
    let kptr = pointer::join(ptr, key);
    let Some(v) = decl.get(key) else {
        l.error(
            Code::SchemaRequiredPropertyNotDefined,
            ptr,
            decl.start,
            format!("a relation declaration needs '{key}' ({{\"$ref\": \"#/definitions/...\"}})"),
        );
        return None;
    };
    match v.get("$ref").and_then(Node::as_str) {
        Some(r) => Some(l.ref_site(r, pointer::join(&kptr, "$ref"), v.start)),
        None => {
            l.error(
                Code::SchemaTypeObjectMissingRef,
                &kptr,
                v.start,
                format!("{key} must be {{\"$ref\": \"#/definitions/...\"}}"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::Relations;
    use crate::schema::TypeKind;

    const PERSON: &str = r##""type": "object", "identity": ["id"],
        "properties": {"id": {"type": "string"}},
        "relations": {"manager": {"targettype": {"$ref": "#"}, "cardinality": "single"},
                      "reports": {"targettype": {"$ref": "#"}, "cardinality": "multiple"}}"##;

    #[test]
    fn relations_become_optional_members() {
        let r = check(PERSON, &[Relations]);
        assert_eq!(found(&r), Vec::<String>::new());
        let node = root(&r);
        assert_eq!(node.identity, ["id"]);
        let TypeKind::Object(o) = &node.kind else {
            panic!("not an object")
        };
        let members: Vec<(&str, bool)> = o
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.required))
            .collect();
        assert_eq!(
            members,
            [("id", false), ("manager", false), ("reports", false)]
        );
        let schema = r.schema.as_ref().unwrap();
        let reports = schema.node(o.properties[2].ty);
        assert!(matches!(reports.kind, TypeKind::Array { .. }));
    }

    #[test]
    fn without_the_add_in_they_are_only_warned_about() {
        let r = check(PERSON, &[]);
        assert_eq!(
            found(&r),
            [
                "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /identity",
                "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /relations",
            ]
        );
        let TypeKind::Object(o) = &root(&r).kind else {
            panic!("not an object")
        };
        assert_eq!(o.properties.len(), 1);
    }

    #[test]
    fn bad_declarations() {
        let r = check(
            r##""type": "object", "properties": {"id": {"type": "string"}}, "identity": [],
               "relations": {"id": {"targettype": {"$ref": "#"}, "cardinality": "single"},
                             "x": {"targettype": "#", "cardinality": "few", "via": 1}}"##,
            &[Relations],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_KEYWORD_INVALID_TYPE at /identity",
                "SCHEMA_NAME_COLLISION at /relations/id",
                // Its target, the root, has no identity (the one it wrote was rejected).
                "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /relations/id/targettype/$ref",
                "SCHEMA_KEYWORD_INVALID_TYPE at /relations/x/cardinality",
            ]
        );
    }
}
