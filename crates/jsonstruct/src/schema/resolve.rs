//! Ties the built nodes together: resolves `$ref`, `$root` and `$extends`, flattens inherited
//! properties, and rejects cycles that have no base case. Graph walks are iterative so that a
//! document with a hundred thousand chained definitions cannot overflow the stack.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::load::{Loader, NameSite, RefSite};
use super::{Additional, DefinitionPath, Primitive, Property, TypeId, TypeKind};
use crate::diagnostic::{Code, Severity};
use crate::json::pointer;

/// Longest `$extends` chain accepted. Real hierarchies are a handful of levels; the bound keeps
/// a hostile chain from making inheritance quadratic.
const MAX_EXTENDS_DEPTH: usize = 64;

/// Total properties (own and inherited, over all types) inheritance may expand to.
const MAX_FLATTENED_PROPERTIES: usize = 2_000_000;

/// Resolves everything; returns the `$root` target when the document has one.
pub(super) fn resolve(l: &mut Loader<'_>) -> Option<TypeId> {
    resolve_refs(l);
    let root = l.pending.root_ref.clone().and_then(|site| {
        let target = lookup(l, &site)?;
        if l.nodes[target.index()].is_abstract {
            let msg = format!("$root \"{}\" names an abstract type", site.fragment);
            l.error_site(&site, Code::SchemaAbstractReferenced, msg);
        }
        Some(target)
    });
    resolve_extends(l);
    break_extends_cycles(l);
    flatten(l);
    super::relations::resolve_relations(l, root);
    check_inline_choices(l);
    check_alias_cycles(l);
    root
}

/// Looks up a `#/definitions/...` fragment, reporting failures. `#` names the root type of the
/// document the reference is written in: core places the root type in the root namespace like
/// a definition, and `#` is a JSON Pointer to it.
pub(super) fn lookup(l: &mut Loader<'_>, site: &RefSite) -> Option<TypeId> {
    if site.fragment == "#" {
        let root = l.sources[site.source as usize].root_type;
        if root.is_none() {
            let msg = "\"#\" names the document root, which declares no type ('type' at the root)";
            l.error_site(site, Code::SchemaRefNotFound, msg);
        }
        return root;
    }
    let segs = match pointer::parse_fragment(&site.fragment) {
        Ok(s) => s,
        Err(e) => {
            let msg = format!("reference \"{}\" is malformed: it {e}", site.fragment);
            l.error_site(site, Code::SchemaRefNotFound, msg);
            return None;
        }
    };
    let Some(rest) = segs
        .strip_prefix(&["definitions".to_string()])
        .filter(|r| !r.is_empty())
    else {
        let msg = format!(
            "reference \"{}\" must point into this document's definitions (\"#/definitions/...\")",
            site.fragment
        );
        l.error_site(site, Code::SchemaRefNotFound, msg);
        return None;
    };
    // A reference written in an imported document is re-based onto the namespace the document
    // was imported into.
    let full: Vec<String> = site.prefix.iter().chain(rest).cloned().collect();
    let path = DefinitionPath(full);
    if let Some(&id) = l.definitions.get(&path) {
        return Some(id);
    }
    let is_namespace = l
        .definitions
        .range(path.clone()..)
        .next()
        .is_some_and(|(k, _)| k.0.starts_with(&path.0));
    let msg = if is_namespace {
        format!(
            "reference \"{}\" names a namespace, not a type",
            site.fragment
        )
    } else {
        format!("$ref target does not exist: {}", site.fragment)
    };
    l.error_site(site, Code::SchemaRefNotFound, msg);
    None
}

fn resolve_refs(l: &mut Loader<'_>) {
    let refs = std::mem::take(&mut l.pending.refs);
    for (node, site) in refs {
        match lookup(l, &site) {
            Some(target) => {
                l.nodes[node.index()].kind = TypeKind::Ref(target);
                if l.nodes[target.index()].is_abstract {
                    let msg = format!(
                        "\"{}\" is abstract: abstract types cannot be used as a type, only extended with $extends",
                        site.fragment
                    );
                    l.error_site(&site, Code::SchemaAbstractReferenced, msg);
                }
            }
            None => l.nodes[node.index()].kind = TypeKind::Any,
        }
    }
}

/// The add-ins the checked document offers, each with the definitions it adds (core
/// `#offers-keyword`: every value is a JSON Pointer, or a set of them, to a definition).
pub(super) fn resolve_offers(l: &mut Loader<'_>) -> BTreeMap<String, Vec<TypeId>> {
    let mut out = BTreeMap::new();
    for (name, sites) in std::mem::take(&mut l.pending.offers) {
        let mut targets = Vec::new();
        for site in &sites {
            if !site.fragment.starts_with("#/") {
                let msg = format!(
                    "the add-in '{name}' must be offered as a JSON Pointer to its definition (\"#/definitions/...\"), not \"{}\"",
                    site.fragment
                );
                l.error_site(site, Code::SchemaKeywordInvalidType, msg);
                continue;
            }
            if let Some(t) = lookup(l, site) {
                targets.push(t);
            }
        }
        out.insert(name, targets);
    }
    out
}

/// Follows `Ref` links to the defining node (bounded, cycles are reported elsewhere).
pub(super) fn target(l: &Loader<'_>, mut id: TypeId) -> TypeId {
    for _ in 0..l.nodes.len() {
        match l.nodes[id.index()].kind {
            TypeKind::Ref(t) if t != id => id = t,
            _ => break,
        }
    }
    id
}

fn resolve_extends(l: &mut Loader<'_>) {
    let mut entries: Vec<(TypeId, Vec<RefSite>)> = l.pending.extends.drain().collect();
    entries.sort_by_key(|(id, _)| *id);
    for (id, sites) in &entries {
        let derived = l.nodes[id.index()].kind.describe();
        let mut bases = Vec::new();
        for site in sites {
            let Some(base) = lookup(l, site) else {
                continue;
            };
            let base_def = target(l, base);
            let base_kind = l.nodes[base_def.index()].kind.describe();
            let compatible = match derived {
                "tuple" => base_kind == "tuple",
                _ => base_kind == "object",
            };
            if !compatible {
                let msg = format!(
                    "a {derived} cannot extend \"{}\", which is a {base_kind}",
                    site.fragment
                );
                l.error_site(site, Code::SchemaConstraintInvalidForType, msg);
                continue;
            }
            if !l.nodes[base_def.index()].is_abstract {
                let msg = format!(
                    "\"{}\" is not abstract; the core draft requires $extends targets to be abstract (accepted, as the official samples do this)",
                    site.fragment
                );
                l.warn_site(site, Code::SchemaExtendsNotAbstract, msg);
            }
            if bases.contains(&base_def) {
                continue;
            }
            bases.push(base_def);
        }
        l.nodes[id.index()].extends = bases;
    }
    // Keep the sites for cycle reports.
    l.pending.extends = entries.into_iter().collect();
}

/// Finds `$extends` cycles (iterative colouring DFS) and removes the closing edge of each.
fn break_extends_cycles(l: &mut Loader<'_>) {
    let n = l.nodes.len();
    // 0 = unseen, 1 = on stack, 2 = done.
    let mut colour = vec![0u8; n];
    for start in 0..n {
        if colour[start] != 0 || l.nodes[start].extends.is_empty() {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = 1;
        while let Some(&(node, next)) = stack.last() {
            let bases = &l.nodes[node].extends;
            if next < bases.len() {
                let base = bases[next].index();
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                match colour[base] {
                    0 => {
                        colour[base] = 1;
                        stack.push((base, 0));
                    }
                    1 => {
                        let base_ref = l.nodes[base]
                            .definition
                            .as_ref()
                            .map(DefinitionPath::to_ref);
                        let site = l.pending.extends.get(&TypeId(node as u32)).and_then(|s| {
                            s.iter()
                                .find(|s| Some(&s.fragment) == base_ref.as_ref())
                                .or(s.first())
                                .cloned()
                        });
                        let chain = stack
                            .iter()
                            .skip_while(|(k, _)| *k != base)
                            .map(|(k, _)| name_of(l, *k))
                            .chain(std::iter::once(name_of(l, base)))
                            .collect::<Vec<_>>()
                            .join(" -> ");
                        let msg = format!("circular $extends: {chain}");
                        match site {
                            Some(s) => l.error_site(&s, Code::SchemaRefCircular, msg),
                            None => {
                                l.error_at_node(TypeId(node as u32), Code::SchemaRefCircular, msg)
                            }
                        }
                        l.nodes[node].extends.retain(|b| b.index() != base);
                        if let Some(top) = stack.last_mut() {
                            top.1 = next;
                        }
                    }
                    _ => {}
                }
            } else {
                colour[node] = 2;
                stack.pop();
            }
        }
    }
}

fn name_of(l: &Loader<'_>, id: usize) -> String {
    match &l.nodes[id].definition {
        Some(d) => d.to_string(),
        None => l.nodes[id].location.pointer.clone(),
    }
}

/// Merges inherited properties into objects and tuples, bases first (Kahn's order), and checks
/// `required`, `tuple` and `dependentRequired` names against the result.
fn flatten(l: &mut Loader<'_>) {
    let n = l.nodes.len();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut pending_bases = vec![0usize; n];
    for (i, node) in l.nodes.iter().enumerate() {
        pending_bases[i] = node.extends.len();
        for b in &node.extends {
            dependents[b.index()].push(i);
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| pending_bases[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    // Length of the longest $extends chain above each node.
    let mut depth = vec![0usize; n];
    while let Some(i) = ready.pop() {
        order.push(i);
        for &d in &dependents[i] {
            depth[d] = depth[d].max(depth[i] + 1);
            pending_bases[d] -= 1;
            if pending_bases[d] == 0 {
                ready.push(d);
            }
        }
    }
    let mut flattened = 0usize;
    for i in order {
        if depth[i] > MAX_EXTENDS_DEPTH {
            // Report where the chain first gets too long; deeper nodes inherit the error.
            let reported = l.nodes[i]
                .extends
                .iter()
                .any(|b| depth[b.index()] > MAX_EXTENDS_DEPTH);
            if !reported {
                l.error_at_node(
                    TypeId(i as u32),
                    Code::SchemaMaxDepthExceeded,
                    format!("$extends chain deeper than {MAX_EXTENDS_DEPTH} levels"),
                );
            }
            l.nodes[i].extends.clear();
            continue;
        }
        flattened += flatten_node(l, TypeId(i as u32));
        if flattened > MAX_FLATTENED_PROPERTIES {
            l.error_at_node(
                TypeId(i as u32),
                Code::SchemaMaxDepthExceeded,
                format!("inheritance expands to more than {MAX_FLATTENED_PROPERTIES} properties in total"),
            );
            return;
        }
    }
}

fn own_properties(kind: &TypeKind) -> Option<&Vec<Property>> {
    match kind {
        TypeKind::Object(o) => Some(&o.properties),
        TypeKind::Tuple(t) => Some(&t.elements),
        _ => None,
    }
}

/// Flattens one node (its bases are done); returns how many properties it ends up with.
fn flatten_node(l: &mut Loader<'_>, id: TypeId) -> usize {
    let node = &l.nodes[id.index()];
    let Some(own) = own_properties(&node.kind).cloned() else {
        return 0;
    };
    let is_object = matches!(node.kind, TypeKind::Object(_));
    let mut merged: Vec<Property> = Vec::new();
    // Name -> index in `merged`, so merging stays linear in the number of properties.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut alternatives = Vec::new();
    for &base in &node.extends.clone() {
        let base_node = &l.nodes[base.index()];
        if let Some(props) = own_properties(&base_node.kind) {
            for p in props {
                if !index.contains_key(&p.name) {
                    let mut p = p.clone();
                    p.inherited_from.get_or_insert(base);
                    index.insert(p.name.clone(), merged.len());
                    merged.push(p);
                }
            }
        }
        if let TypeKind::Object(o) = &base_node.kind {
            alternatives.extend(o.required_alternatives.iter().cloned());
        }
    }
    for p in own {
        if index.contains_key(&p.name) {
            l.error_at_node(
                p.ty,
                Code::SchemaExtendsPropertyRedefined,
                format!(
                    "property '{}' is inherited through $extends and must not be redefined",
                    p.name
                ),
            );
            continue;
        }
        index.insert(p.name.clone(), merged.len());
        merged.push(p);
    }

    let required: Vec<NameSite> = l.pending.required.remove(&id).unwrap_or_default();
    for site in &required {
        match index.get(&site.name) {
            Some(&i) => merged[i].required = true,
            None => not_defined(l, site, "required property"),
        }
    }
    if let Some(sets) = l.pending.required_alternatives.remove(&id) {
        for site in sets.iter().flatten() {
            if !index.contains_key(&site.name) {
                not_defined(l, site, "required property");
            }
        }
        alternatives.push(
            sets.into_iter()
                .map(|s| s.into_iter().map(|n| n.name).collect())
                .collect(),
        );
    }
    // The validation draft lets `dependentRequired` name members the object does not declare
    // (unlike `required`): they may come in through `additionalProperties` or
    // `patternProperties`. Only a name a closed object can never have is worth a warning.
    let sites = l.pending.dependent_required.remove(&id).unwrap_or_default();
    let node = &l.nodes[id.index()];
    let closed = matches!(&node.kind, TypeKind::Object(o) if o.additional == Additional::Forbidden);
    let unreachable: Vec<NameSite> = sites
        .into_iter()
        .filter(|site| {
            closed
                && !index.contains_key(&site.name)
                && !node
                    .validation
                    .pattern_entries
                    .iter()
                    .any(|(p, _)| p.is_match(&site.name))
        })
        .collect();
    for site in unreachable {
        l.diag_in(
            site.source,
            Code::SchemaDependentNameUnreachable,
            Severity::Warning,
            &site.pointer,
            site.offset,
            format!(
                "dependentRequired names '{}', which this object can never have: it is not \
                 declared, additionalProperties is false and no patternProperties matches it",
                site.name
            ),
        );
    }

    // Two properties that would be the same JSON member.
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut collisions = Vec::new();
    for p in &merged {
        if let Some(other) = seen.insert(&p.wire_name, &p.name) {
            collisions.push((
                p.ty,
                format!(
                    "properties '{other}' and '{}' both use the JSON name \"{}\"",
                    p.name, p.wire_name
                ),
            ));
        }
    }
    for (ty, msg) in collisions {
        l.error_at_node(ty, Code::SchemaNameCollision, msg);
    }

    let count = merged.len();
    if is_object {
        let is_abstract = l.nodes[id.index()].is_abstract;
        let exempt = l.pending.empty_properties_reported.contains(&id)
            || l.pending.constraint_objects.contains(&id);
        if merged.is_empty() && !exempt && !is_abstract {
            l.error_at_node(
                id,
                Code::SchemaObjectMissingProperties,
                "an object must declare or inherit at least one property (use 'map' for free-form keys)",
            );
        }
        if let TypeKind::Object(o) = &mut l.nodes[id.index()].kind {
            o.properties = merged;
            o.required_alternatives = alternatives;
        }
        return count;
    }

    // Tuple: order the elements by the `tuple` keyword; all are required.
    let order = l.pending.tuple_order.remove(&id).unwrap_or_default();
    let listed: HashSet<&str> = order.iter().map(|s| s.name.as_str()).collect();
    let mut elements = Vec::with_capacity(order.len());
    for site in &order {
        match index.get(&site.name) {
            Some(&i) => {
                let mut p = merged[i].clone();
                p.required = true;
                elements.push(p);
            }
            None => l.diag_in(
                site.source,
                Code::SchemaTuplePropertyNotDefined,
                Severity::Error,
                &site.pointer,
                site.offset,
                format!(
                    "tuple element '{}' is not declared in properties",
                    site.name
                ),
            ),
        }
    }
    if !order.is_empty() {
        for p in &merged {
            if !listed.contains(p.name.as_str()) {
                l.error_at_node(
                    p.ty,
                    Code::SchemaTuplePropertyNotDefined,
                    format!(
                        "property '{}' is declared but not listed in 'tuple'",
                        p.name
                    ),
                );
            }
        }
    }
    if let TypeKind::Tuple(t) = &mut l.nodes[id.index()].kind {
        t.elements = elements;
    }
    count
}

fn not_defined(l: &mut Loader<'_>, site: &NameSite, what: &str) {
    l.diag_in(
        site.source,
        Code::SchemaRequiredPropertyNotDefined,
        Severity::Error,
        &site.pointer,
        site.offset,
        format!("{what} '{}' is not defined in properties", site.name),
    );
}

/// Inline choices validate the whole object against the chosen option: options must be objects
/// and a shadowed selector property must be a string.
fn check_inline_choices(l: &mut Loader<'_>) {
    for i in 0..l.nodes.len() {
        let TypeKind::Choice(c) = &l.nodes[i].kind else {
            continue;
        };
        let Some(selector) = c.selector.clone() else {
            continue;
        };
        for (name, ty) in c.choices.clone() {
            let def = target(l, ty);
            match &l.nodes[def.index()].kind {
                TypeKind::Object(o) => {
                    if let Some(p) = o.properties.iter().find(|p| p.wire_name == selector) {
                        let pty = target(l, p.ty);
                        let is_string = matches!(&l.nodes[pty.index()].kind, TypeKind::Primitive(pt) if pt.ty == Primitive::String);
                        if !is_string {
                            l.error_at_node(
                                ty,
                                Code::SchemaConstraintInvalidForType,
                                format!("option '{name}' has a property '{selector}' that shadows the selector but is not a string"),
                            );
                        }
                    }
                }
                TypeKind::Any => {}
                other => {
                    let msg = format!(
                        "option '{name}' of an inline choice must be an object type, not {}",
                        other.describe()
                    );
                    l.error_at_node(ty, Code::SchemaConstraintInvalidForType, msg)
                }
            }
        }
    }
}

/// Rejects cycles that never consume any of the instance: `$ref` aliases, unions, composition
/// and inline-choice options that lead back to themselves would make validation loop forever.
fn check_alias_cycles(l: &mut Loader<'_>) {
    let n = l.nodes.len();
    let edges = |kind: &TypeKind, node: &super::TypeNode| -> Vec<usize> {
        let mut out: Vec<usize> = match kind {
            TypeKind::Ref(t) => vec![t.index()],
            TypeKind::Union(ms) => ms.iter().map(|m| m.index()).collect(),
            TypeKind::Choice(c) if c.selector.is_some() => {
                c.choices.iter().map(|(_, t)| t.index()).collect()
            }
            _ => Vec::new(),
        };
        let c = &node.composition;
        out.extend(
            c.all_of
                .iter()
                .chain(&c.any_of)
                .chain(&c.one_of)
                .map(|t| t.index()),
        );
        out.extend(
            [c.not, c.if_, c.then_, c.else_]
                .into_iter()
                .flatten()
                .map(|t| t.index()),
        );
        out
    };
    let adj: Vec<Vec<usize>> = l.nodes.iter().map(|node| edges(&node.kind, node)).collect();
    let mut colour = vec![0u8; n];
    let mut reported: HashSet<usize> = HashSet::new();
    for start in 0..n {
        if colour[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = 1;
        while let Some(&(node, next)) = stack.last() {
            if next < adj[node].len() {
                let t = adj[node][next];
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                match colour[t] {
                    0 => {
                        colour[t] = 1;
                        stack.push((t, 0));
                    }
                    1 if reported.insert(node) => {
                        let chain: Vec<String> = stack
                            .iter()
                            .skip_while(|(k, _)| *k != t)
                            .map(|(k, _)| name_of(l, *k))
                            .collect();
                        let msg = format!(
                            "circular reference without a base case: {} -> {}",
                            chain.join(" -> "),
                            name_of(l, t)
                        );
                        l.error_at_node(TypeId(node as u32), Code::SchemaRefCircular, msg);
                    }
                    _ => {}
                }
            } else {
                colour[node] = 2;
                stack.pop();
            }
        }
    }
}
