//! The type plan: which Rust item each schema node becomes, under which name.
//!
//! The plan is an arena of [`Item`]s (structs, enums, aliases) built from the checked
//! [`Schema`] model. Both the Rust emitter and the Markdown writer read it, so the names in
//! the docs are the names in the code. Everything is ordered (definitions in path order, inline
//! types in discovery order, `BTreeMap`s only), so the same schema always gives the same plan.
//!
//! Naming rules:
//! - a top-level definition keeps its name (`Session`); a namespaced one is prefixed with its
//!   namespaces (`#/definitions/HR/Employee` -> `HrEmployee`), so names stay flat and do not
//!   change when another namespace gains a type of the same name;
//! - an inline type is named after its owner and position (`Address.country` enum ->
//!   `AddressCountry`, array items -> `...Item`, map values -> `...Value`, choice options ->
//!   `ChoiceOption`), or after its `name` keyword when it has one;
//! - collisions get numeric suffixes, first come first served, top-level definitions first.

use std::collections::{BTreeMap, BTreeSet};

use jsonstruct::formats::Encoding;
use jsonstruct::schema::{Additional, DefinitionPath, Literal};
use jsonstruct::{Schema, TypeId, TypeKind};

use crate::names::{self, Namer};
use crate::Error;

pub(crate) use jsonstruct::schema::Primitive;

/// The Rust type of a value position (a field, an element, a variant payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RType {
    /// A generated item.
    Named(usize),
    Prim(Primitive),
    Binary(Encoding),
    /// `serde_json::Value`.
    Value,
    Option(Box<RType>),
    Vec(Box<RType>),
    Set(Box<RType>),
    Map(Box<RType>),
    Boxed(Box<RType>),
}

impl RType {
    fn wrap(self, f: fn(Box<RType>) -> RType) -> RType {
        f(Box::new(self))
    }
}

/// A property of a struct or an element of a tuple.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// The schema's property name.
    pub name: String,
    /// The Rust field name (may be raw, `r#type`); empty for tuple elements.
    pub ident: String,
    /// The member name on the wire.
    pub wire: String,
    /// The field's full type, `Option` included.
    pub ty: RType,
    pub required: bool,
    pub description: Option<String>,
    /// `const` of a primitive, as JSON text.
    pub const_value: Option<String>,
}

impl Field {
    /// The value of a required string member with a `const`: it has only one, so the
    /// generated `new` fills it in instead of asking for it.
    pub(crate) fn fixed_string(&self) -> Option<String> {
        match (&self.ty, &self.const_value, self.required) {
            (RType::Prim(Primitive::String), Some(c), true) => serde_json::from_str(c).ok(),
            _ => None,
        }
    }

    /// Whether the member is a parameter of the generated `new`: required and not fixed.
    pub(crate) fn is_parameter(&self) -> bool {
        self.required && self.fixed_string().is_none()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct EnumValue {
    pub ident: String,
    /// The exact string on the wire.
    pub wire: String,
}

/// A variant of a choice or a union.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub ident: String,
    /// The choice name (the wire tag); `None` for union members.
    pub tag: Option<String>,
    pub ty: RType,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum ItemKind {
    /// A definition not built yet.
    Pending,
    Struct {
        fields: Vec<Field>,
        /// The field that keeps additional members, with the map's value type.
        additional: Option<(String, RType)>,
    },
    Tuple {
        elements: Vec<Field>,
    },
    /// A string enum with a fallback variant that keeps unknown values.
    Enum {
        values: Vec<EnumValue>,
        fallback: String,
    },
    /// A choice: externally tagged, or internally tagged by `selector`. `shadowed` is set when
    /// an option declares the selector as a property of its own, which serde's internal tagging
    /// cannot express (it would drop the member or write it twice).
    Choice {
        variants: Vec<Variant>,
        selector: Option<String>,
        shadowed: bool,
    },
    /// A union of several types: untagged, first match wins. A `null` member makes references
    /// to the item `Option`s (`nullable`).
    Union {
        variants: Vec<Variant>,
        nullable: bool,
    },
    /// `pub type Name = ...;`
    Alias {
        ty: RType,
    },
    /// A transparent newtype; used instead of an alias where aliases would be recursive.
    Newtype {
        ty: RType,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub name: String,
    pub node: TypeId,
    pub definition: Option<DefinitionPath>,
    pub kind: ItemKind,
    /// The definition during whose build this item was found (itself for definitions).
    owner: usize,
}

#[derive(Debug)]
pub(crate) struct Plan<'s> {
    pub schema: &'s Schema,
    pub items: Vec<Item>,
    /// The root type's item, if the document has a root type.
    pub root: Option<usize>,
}

impl<'s> Plan<'s> {
    pub(crate) fn build(schema: &'s Schema) -> Result<Plan<'s>, Error> {
        let mut b = Builder {
            schema,
            items: Vec::new(),
            by_node: BTreeMap::new(),
            types: Namer::new(),
        };
        let root = b.declare_definitions();
        let definitions: Vec<usize> = (0..b.items.len()).collect();
        for idx in definitions {
            b.fill_definition(idx)?;
        }
        let mut plan = Plan {
            schema,
            items: b.items,
            root,
        };
        plan.break_alias_cycles();
        plan.wrap_wide_aliases();
        plan.box_recursion();
        Ok(plan)
    }

    /// Items in emission order: each definition followed by the inline types found in it.
    pub(crate) fn order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            if item.owner == i {
                out.push(i);
                out.extend((0..self.items.len()).filter(|&j| j != i && self.items[j].owner == i));
            }
        }
        out
    }

    pub(crate) fn item(&self, idx: usize) -> &Item {
        &self.items[idx]
    }

    /// The item a schema node became, looking through `$ref` aliases.
    pub(crate) fn item_of(&self, node: TypeId) -> Option<usize> {
        let find = |n: TypeId| self.items.iter().position(|i| i.node == n);
        find(node).or_else(|| find(self.schema.resolve(node)))
    }

    /// `start` and every item its types name, transitively (the types a page links to).
    pub(crate) fn closure(&self, start: usize) -> BTreeSet<usize> {
        let mut seen = BTreeSet::from([start]);
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            let mut named = Vec::new();
            for ty in item_types(&self.items[i].kind) {
                named_in(ty, false, &mut named);
            }
            // Inline types owned by an item are part of its page's story too.
            named.extend((0..self.items.len()).filter(|&j| j != i && self.items[j].owner == i));
            for j in named {
                if seen.insert(j) {
                    stack.push(j);
                }
            }
        }
        seen
    }

    /// Whether a field of this type is an `Option` (looking through aliases).
    pub(crate) fn is_option(&self, ty: &RType) -> bool {
        match ty {
            RType::Option(_) => true,
            RType::Named(i) => match &self.items[*i].kind {
                ItemKind::Alias { ty } => self.is_option(ty),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether the type holds a 64/128-bit integer through wrappers and aliases only, so the
    /// position needs the `wide` serde adapter.
    pub(crate) fn needs_wide(&self, ty: &RType) -> bool {
        match ty {
            RType::Prim(p) => is_wide(*p),
            RType::Option(t) | RType::Vec(t) | RType::Set(t) | RType::Map(t) | RType::Boxed(t) => {
                self.needs_wide(t)
            }
            RType::Named(i) => match &self.items[*i].kind {
                ItemKind::Alias { ty } => self.needs_wide(ty),
                _ => false,
            },
            _ => false,
        }
    }

    /// A definition that is a 64/128-bit integer (`pub type Big = i64`) cannot carry the
    /// serde adapter that reads the spec's string form: a field of its type gets one, but the
    /// type read on its own (a document whose root is `int64`) would not. Such aliases become
    /// transparent newtypes that carry the adapter themselves.
    fn wrap_wide_aliases(&mut self) {
        for i in 0..self.items.len() {
            if let ItemKind::Alias { ty } = &self.items[i].kind {
                if self.needs_wide(ty) {
                    self.items[i].kind = ItemKind::Newtype { ty: ty.clone() };
                }
            }
        }
    }

    /// Replaces aliases that refer to themselves (through other aliases) by newtypes, since
    /// Rust type aliases cannot be recursive.
    fn break_alias_cycles(&mut self) {
        let n = self.items.len();
        let alias_edges: Vec<Vec<usize>> = (0..n)
            .map(|i| match &self.items[i].kind {
                ItemKind::Alias { ty } => {
                    let mut out = Vec::new();
                    named_in(ty, false, &mut out);
                    out.retain(|&j| matches!(self.items[j].kind, ItemKind::Alias { .. }));
                    out
                }
                _ => Vec::new(),
            })
            .collect();
        let reach = reachability(&alias_edges);
        for (i, reachable) in reach.iter().enumerate() {
            if reachable.contains(&i) {
                if let ItemKind::Alias { ty } = &self.items[i].kind {
                    self.items[i].kind = ItemKind::Newtype { ty: ty.clone() };
                }
            }
        }
    }

    /// Boxes by-value references between types that contain each other, so every type has a
    /// finite size.
    fn box_recursion(&mut self) {
        let n = self.items.len();
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                let mut out = Vec::new();
                for ty in item_types(&self.items[i].kind) {
                    named_in(ty, true, &mut out);
                }
                out
            })
            .collect();
        let reach = reachability(&edges);
        for i in 0..n {
            let on_cycle = |j: usize| reach[j].contains(&i);
            match &mut self.items[i].kind {
                ItemKind::Struct { fields, additional } => {
                    for f in fields {
                        box_by_value(&mut f.ty, &on_cycle);
                    }
                    if let Some((_, t)) = additional {
                        box_by_value(t, &on_cycle);
                    }
                }
                ItemKind::Tuple { elements } => {
                    for f in elements {
                        box_by_value(&mut f.ty, &on_cycle);
                    }
                }
                ItemKind::Choice { variants, .. } | ItemKind::Union { variants, .. } => {
                    for v in variants {
                        box_by_value(&mut v.ty, &on_cycle);
                    }
                }
                ItemKind::Alias { ty } | ItemKind::Newtype { ty } => box_by_value(ty, &on_cycle),
                ItemKind::Enum { .. } | ItemKind::Pending => {}
            }
        }
    }
}

pub(crate) fn is_wide(p: Primitive) -> bool {
    matches!(
        p,
        Primitive::Int64 | Primitive::Uint64 | Primitive::Int128 | Primitive::Uint128
    )
}

fn item_types(kind: &ItemKind) -> Vec<&RType> {
    match kind {
        ItemKind::Struct { fields, additional } => fields
            .iter()
            .map(|f| &f.ty)
            .chain(additional.iter().map(|(_, t)| t))
            .collect(),
        ItemKind::Tuple { elements } => elements.iter().map(|f| &f.ty).collect(),
        ItemKind::Choice { variants, .. } | ItemKind::Union { variants, .. } => {
            variants.iter().map(|v| &v.ty).collect()
        }
        ItemKind::Alias { ty } | ItemKind::Newtype { ty } => vec![ty],
        ItemKind::Enum { .. } | ItemKind::Pending => Vec::new(),
    }
}

/// Collects the items a type names; with `by_value`, only those not behind a heap collection
/// (`Vec`, `Set`, map) or a `Box`.
fn named_in(ty: &RType, by_value: bool, out: &mut Vec<usize>) {
    match ty {
        RType::Named(i) => out.push(*i),
        RType::Option(t) => named_in(t, by_value, out),
        RType::Vec(t) | RType::Set(t) | RType::Map(t) | RType::Boxed(t) => {
            if !by_value {
                named_in(t, by_value, out)
            }
        }
        RType::Prim(_) | RType::Binary(_) | RType::Value => {}
    }
}

fn box_by_value(ty: &mut RType, on_cycle: &impl Fn(usize) -> bool) {
    match ty {
        RType::Named(j) if on_cycle(*j) => {
            let inner = std::mem::replace(ty, RType::Value);
            *ty = inner.wrap(RType::Boxed);
        }
        RType::Option(t) => box_by_value(t, on_cycle),
        _ => {}
    }
}

/// For each node, the nodes reachable in one or more steps.
fn reachability(edges: &[Vec<usize>]) -> Vec<BTreeSet<usize>> {
    (0..edges.len())
        .map(|start| {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<usize> = edges[start].clone();
            while let Some(j) = stack.pop() {
                if seen.insert(j) {
                    stack.extend(edges[j].iter().copied());
                }
            }
            seen
        })
        .collect()
}

struct Builder<'s> {
    schema: &'s Schema,
    items: Vec<Item>,
    /// Definition nodes and inline nodes that have an item.
    by_node: BTreeMap<TypeId, usize>,
    types: Namer,
}

impl Builder<'_> {
    /// Creates the (pending) items of all definitions that become types, root first, then
    /// top-level definitions, then namespaced ones; returns the root's item.
    fn declare_definitions(&mut self) -> Option<usize> {
        let schema = self.schema;
        let root = schema.root();
        let mut defs: Vec<(&DefinitionPath, TypeId)> = schema
            .definitions()
            .filter(|(_, id)| !schema.node(*id).is_abstract)
            .collect();
        // Root first, then by depth, then by path: plain names are claimed before prefixed ones.
        defs.sort_by_key(|(path, id)| (Some(*id) != root, path.0.len(), (*path).clone()));
        for (path, id) in defs {
            // A definition reachable under several paths (an unshadowed import shared by two
            // namespaces, or a document imported by others of the same crate) is one type,
            // named after its shortest path.
            if self.by_node.contains_key(&id) {
                continue;
            }
            let name = self.types.claim(&definition_ident(path));
            self.push_item(name, id, Some(path.clone()), None);
        }
        match root {
            Some(r) => match self.by_node.get(&r) {
                Some(&i) => Some(i),
                None if schema.node(r).is_abstract => None,
                None => {
                    // A root `type` without a `name` is not among the definitions.
                    let base = schema
                        .name()
                        .map_or_else(|| "Root".to_owned(), names::type_ident);
                    let name = self.types.claim(&base);
                    Some(self.push_item(name, r, None, None))
                }
            },
            None => None,
        }
    }

    fn push_item(
        &mut self,
        name: String,
        node: TypeId,
        definition: Option<DefinitionPath>,
        owner: Option<usize>,
    ) -> usize {
        let idx = self.items.len();
        self.items.push(Item {
            name,
            node,
            definition,
            kind: ItemKind::Pending,
            owner: owner.unwrap_or(idx),
        });
        self.by_node.insert(node, idx);
        idx
    }

    /// Whether a node is the root type of a document of the model (where an instance may
    /// carry `$schema` and `$uses`).
    fn is_document_root(&self, id: TypeId) -> bool {
        self.schema.root() == Some(id)
            || self
                .schema
                .sources()
                .iter()
                .any(|s| !s.is_imported() && s.root() == Some(id))
    }

    /// The members a closed object accepts besides its properties: at a document root the
    /// instance's `$schema` (and `$uses` when the document offers add-ins), and the own members
    /// of every offered add-in that extends this type (optional: an instance has them only when
    /// it uses the add-in; an add-in without `$extends` extends the root), as the validator
    /// reads core `#add-ins`.
    fn instance_metadata(
        &mut self,
        fields: &mut Vec<Field>,
        id: TypeId,
        o: &jsonstruct::schema::ObjectType,
        name: &str,
        owner: usize,
    ) -> Result<(), Error> {
        let declared = |fields: &[Field], wire: &str| fields.iter().any(|f| f.wire == wire);
        let schema = self.schema;
        let mut extra = Vec::new();
        let root = self.is_document_root(id);
        if root {
            extra.push((
                "$schema".to_owned(),
                RType::Prim(Primitive::String).wrap(RType::Option),
                "The schema document this instance names (instance metadata).".to_owned(),
            ));
            if schema.offers().next().is_some() {
                extra.push((
                    "$uses".to_owned(),
                    RType::Prim(Primitive::String)
                        .wrap(RType::Vec)
                        .wrap(RType::Option),
                    "The add-ins this instance uses (`$offers` of the schema).".to_owned(),
                ));
            }
        }
        let this = schema.resolve(id);
        for (addin, defs) in schema.offers() {
            for &def in defs {
                let d = schema.node(schema.resolve(def));
                let TypeKind::Object(a) = &d.kind else {
                    continue;
                };
                let extends_this = if d.extends.is_empty() {
                    root
                } else {
                    d.extends.iter().any(|&b| schema.resolve(b) == this)
                };
                if !extends_this {
                    continue;
                }
                for p in a.properties.iter().filter(|p| p.inherited_from.is_none()) {
                    if o.property(&p.name).is_some()
                        || extra.iter().any(|(w, ..)| *w == p.wire_name)
                    {
                        continue;
                    }
                    let stem = format!("{name}{}", names::type_ident(&p.name));
                    let ty = self.rust_type(p.ty, &stem, owner)?;
                    let ty = if self.is_option(&ty) {
                        ty
                    } else {
                        ty.wrap(RType::Option)
                    };
                    let doc = schema.node(p.ty).description.clone().unwrap_or_default();
                    extra.push((
                        p.wire_name.clone(),
                        ty,
                        format!("{doc} (add-in `{addin}`)").trim().to_owned(),
                    ));
                }
            }
        }
        for (wire, ty, description) in extra {
            if declared(fields, &wire) {
                continue;
            }
            fields.push(Field {
                name: wire.trim_start_matches('$').to_owned(),
                ident: String::new(),
                wire,
                ty,
                required: false,
                description: Some(description),
                const_value: None,
            });
        }
        Ok(())
    }

    fn fill_definition(&mut self, idx: usize) -> Result<(), Error> {
        let node = self.items[idx].node;
        let name = self.items[idx].name.clone();
        let kind = self.item_kind(node, &name, idx, true)?;
        self.items[idx].kind = kind;
        Ok(())
    }

    /// What a node that has its own item becomes. `definition` is set for named definitions,
    /// whose plain types (primitives, collections, references) become aliases.
    fn item_kind(
        &mut self,
        id: TypeId,
        name: &str,
        owner: usize,
        definition: bool,
    ) -> Result<ItemKind, Error> {
        let schema = self.schema;
        let node = schema.node(id);
        Ok(match &node.kind {
            TypeKind::Object(o) => {
                let mut fields = Vec::new();
                for p in &o.properties {
                    let stem = match p.inherited_from {
                        Some(base) => {
                            format!("{}{}", self.stem_of(base), names::type_ident(&p.name))
                        }
                        None => format!("{name}{}", names::type_ident(&p.name)),
                    };
                    let ty = self.rust_type(p.ty, &stem, owner)?;
                    let ty = if p.required || self.is_option(&ty) {
                        ty
                    } else {
                        ty.wrap(RType::Option)
                    };
                    fields.push(Field {
                        name: p.name.clone(),
                        ident: String::new(),
                        wire: p.wire_name.clone(),
                        ty,
                        required: p.required,
                        description: schema.node(p.ty).description.clone(),
                        const_value: const_text(schema, p.ty),
                    });
                }
                let closed = matches!(o.additional, Additional::Forbidden | Additional::Schema(_));
                if closed {
                    self.instance_metadata(&mut fields, id, o, name, owner)?;
                }
                assign_field_idents(&mut fields);
                // An open object (additionalProperties absent or true) keeps the members it
                // does not declare, so what the validator accepts writes back whole.
                let additional = match o.additional {
                    Additional::Allowed | Additional::Unspecified => Some(RType::Value),
                    Additional::Schema(t) => {
                        Some(self.rust_type(t, &format!("{name}AdditionalProperty"), owner)?)
                    }
                    Additional::Forbidden => None,
                    // A form added to the model later: refuse it rather than guess.
                    _ => {
                        return Err(Error::unsupported(
                            "this additionalProperties form is not supported by the generator",
                            &node.location,
                        ))
                    }
                };
                let additional = additional.map(|ty| {
                    let mut namer = Namer::new();
                    for f in &fields {
                        namer.reserve(&f.ident);
                    }
                    (namer.claim("additional_properties"), ty)
                });
                ItemKind::Struct { fields, additional }
            }
            TypeKind::Tuple(t) => {
                let mut elements = Vec::new();
                for p in &t.elements {
                    let stem = format!("{name}{}", names::type_ident(&p.name));
                    let ty = self.rust_type(p.ty, &stem, owner)?;
                    elements.push(Field {
                        name: p.name.clone(),
                        ident: String::new(),
                        wire: p.wire_name.clone(),
                        ty,
                        required: true,
                        description: schema.node(p.ty).description.clone(),
                        const_value: const_text(schema, p.ty),
                    });
                }
                ItemKind::Tuple { elements }
            }
            TypeKind::Choice(c) => {
                let mut variants = Vec::new();
                let mut namer = Namer::new();
                let mut shadowed = false;
                for (choice, ty) in &c.choices {
                    let stem = format!("{name}{}", names::type_ident(choice));
                    let rt = self.rust_type(*ty, &stem, owner)?;
                    if let (Some(sel), TypeKind::Object(o)) =
                        (&c.selector, &schema.node(schema.resolve(*ty)).kind)
                    {
                        shadowed |= o.properties.iter().any(|p| &p.wire_name == sel);
                    }
                    variants.push(Variant {
                        ident: namer.claim(&names::variant_ident(choice)),
                        tag: Some(choice.clone()),
                        ty: rt,
                        description: schema.node(*ty).description.clone(),
                    });
                }
                ItemKind::Choice {
                    variants,
                    selector: c.selector.clone(),
                    shadowed,
                }
            }
            TypeKind::Primitive(p) if p.ty == Primitive::String && p.enum_values.is_some() => {
                let alt = schema.extensions_of(id).alternate_names;
                let mut namer = Namer::new();
                let mut values = Vec::new();
                let mut seen = BTreeSet::new();
                for lit in p.enum_values.iter().flatten() {
                    let Literal::String(value) = lit else {
                        continue;
                    };
                    let wire = match node.altenums.get(value) {
                        Some(symbol) if alt => symbol.clone(),
                        _ => value.clone(),
                    };
                    // Two values with one wire symbol would be one variant too many.
                    if !seen.insert(wire.clone()) {
                        continue;
                    }
                    values.push(EnumValue {
                        ident: namer.claim(&names::variant_ident(value)),
                        wire,
                    });
                }
                // The fallback is `Unknown` unless a value took that name.
                let fallback = ["Unknown", "Other", "UnknownValue"]
                    .into_iter()
                    .find(|n| !namer.is_taken(n))
                    .unwrap_or("Unknown");
                ItemKind::Enum {
                    values,
                    fallback: namer.claim(fallback),
                }
            }
            TypeKind::Union(members) => {
                let (nullable, non_null) = split_null(schema, members);
                if non_null.len() > 1 {
                    let mut namer = Namer::new();
                    let mut variants = Vec::new();
                    for m in non_null {
                        let ty = self.rust_type(m, name, owner)?;
                        let base = self.member_name(m);
                        variants.push(Variant {
                            ident: namer.claim(&base),
                            tag: None,
                            ty,
                            description: None,
                        });
                    }
                    ItemKind::Union { variants, nullable }
                } else {
                    ItemKind::Alias {
                        ty: self.plain_type(id, name, owner)?,
                    }
                }
            }
            _ if definition => ItemKind::Alias {
                ty: self.plain_type(id, name, owner)?,
            },
            other => {
                return Err(Error::internal(format!(
                    "no item for a {} at {}",
                    other.describe(),
                    node.location.pointer
                )))
            }
        })
    }

    /// The name stem of a (possibly abstract) definition, for naming inline types it owns.
    fn stem_of(&self, id: TypeId) -> String {
        match self.by_node.get(&id) {
            Some(&i) => self.items[i].name.clone(),
            None => self
                .schema
                .node(id)
                .definition
                .as_ref()
                .map_or_else(|| "Type".to_owned(), definition_ident),
        }
    }

    /// The variant name of a union member: the referenced type's name or the primitive's.
    fn member_name(&self, id: TypeId) -> String {
        let schema = self.schema;
        match &schema.node(id).kind {
            TypeKind::Ref(_) => self.stem_of(schema.resolve(id)),
            TypeKind::Primitive(p) => names::type_ident(p.ty.name()),
            other => names::type_ident(other.describe()),
        }
    }

    fn is_option(&self, ty: &RType) -> bool {
        match ty {
            RType::Option(_) => true,
            RType::Named(i) => match &self.items[*i].kind {
                ItemKind::Alias { ty } => self.is_option(ty),
                // Definitions not built yet: a union definition with `null` is an Option too.
                ItemKind::Pending => {
                    let node = self.schema.node(self.items[*i].node);
                    matches!(&node.kind, TypeKind::Union(m) if split_null(self.schema, m).0)
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// The type of a value position. Nodes that need an item of their own (objects, tuples,
    /// choices, string enums, unions of several types) get one, named `stem`.
    fn rust_type(&mut self, id: TypeId, stem: &str, owner: usize) -> Result<RType, Error> {
        if self.schema.node(id).definition.is_some() {
            if let Some(&i) = self.by_node.get(&id) {
                return Ok(self.definition_ref(i));
            }
        }
        self.node_type(id, stem, owner)
    }

    /// Like [`Builder::rust_type`], but for the node itself even when it is a definition (used
    /// while building the definition's own item).
    fn node_type(&mut self, id: TypeId, stem: &str, owner: usize) -> Result<RType, Error> {
        let schema = self.schema;
        let node = schema.node(id);
        match &node.kind {
            TypeKind::Ref(_) => {
                let target = schema.resolve(id);
                match self.by_node.get(&target) {
                    Some(&i) => Ok(self.definition_ref(i)),
                    None => Err(Error::unsupported(
                        "this reference names a type that is not generated (an abstract type)",
                        &node.location,
                    )),
                }
            }
            TypeKind::Object(_) | TypeKind::Tuple(_) | TypeKind::Choice(_) => {
                Ok(RType::Named(self.inline_item(id, stem, owner)?))
            }
            TypeKind::Primitive(p) if p.ty == Primitive::String && p.enum_values.is_some() => {
                Ok(RType::Named(self.inline_item(id, stem, owner)?))
            }
            TypeKind::Union(members) => {
                let (nullable, non_null) = split_null(schema, members);
                let ty = match non_null.as_slice() {
                    [] => RType::Prim(Primitive::Null),
                    [one] => self.rust_type(*one, stem, owner)?,
                    _ => RType::Named(self.inline_item(id, stem, owner)?),
                };
                Ok(if nullable && !self.is_option(&ty) {
                    ty.wrap(RType::Option)
                } else {
                    ty
                })
            }
            _ => self.plain_type(id, stem, owner),
        }
    }

    /// Types that are not items: primitives, collections, `any`.
    fn plain_type(&mut self, id: TypeId, stem: &str, owner: usize) -> Result<RType, Error> {
        let node = self.schema.node(id);
        Ok(match &node.kind {
            TypeKind::Primitive(p) => match p.ty {
                Primitive::Binary => RType::Binary(p.content_encoding.unwrap_or(Encoding::Base64)),
                other => RType::Prim(other),
            },
            TypeKind::Array { items } => self
                .rust_type(*items, &format!("{stem}Item"), owner)?
                .wrap(RType::Vec),
            TypeKind::Set { items } => self
                .rust_type(*items, &format!("{stem}Item"), owner)?
                .wrap(RType::Set),
            TypeKind::Map { values } => self
                .rust_type(*values, &format!("{stem}Value"), owner)?
                .wrap(RType::Map),
            TypeKind::Any | TypeKind::Unconstrained => RType::Value,
            TypeKind::Ref(_) | TypeKind::Union(_) => self.node_type(id, stem, owner)?,
            TypeKind::Object(_) | TypeKind::Tuple(_) | TypeKind::Choice(_) => {
                RType::Named(self.inline_item(id, stem, owner)?)
            }
            // A kind added to the model later: refuse it rather than guess.
            other => {
                return Err(Error::unsupported(
                    format!("a {} is not supported by the generator", other.describe()),
                    &node.location,
                ))
            }
        })
    }

    /// How a reference to a definition's item is typed: nullable unions are `Option`s.
    fn definition_ref(&self, idx: usize) -> RType {
        let node = self.schema.node(self.items[idx].node);
        match &node.kind {
            TypeKind::Union(m) => {
                let (nullable, non_null) = split_null(self.schema, m);
                if nullable && non_null.len() > 1 {
                    RType::Named(idx).wrap(RType::Option)
                } else {
                    RType::Named(idx)
                }
            }
            _ => RType::Named(idx),
        }
    }

    fn inline_item(&mut self, id: TypeId, stem: &str, owner: usize) -> Result<usize, Error> {
        if let Some(&i) = self.by_node.get(&id) {
            return Ok(i);
        }
        let node = self.schema.node(id);
        let base = match &node.name {
            Some(n) => names::type_ident(n),
            None => names::type_ident(stem),
        };
        let name = self.types.claim(&base);
        let idx = self.push_item(name.clone(), id, None, Some(owner));
        let kind = self.item_kind(id, &name, owner, false)?;
        self.items[idx].kind = kind;
        Ok(idx)
    }
}

/// `HR/Employee` -> `HrEmployee`.
fn definition_ident(path: &DefinitionPath) -> String {
    let joined: String = path.0.iter().map(|s| names::type_ident(s)).collect();
    names::type_ident(&joined)
}

/// Splits union members into "has null" and the other members.
fn split_null(schema: &Schema, members: &[TypeId]) -> (bool, Vec<TypeId>) {
    let is_null = |m: &TypeId| matches!(&schema.node(*m).kind, TypeKind::Primitive(p) if p.ty == Primitive::Null);
    (
        members.iter().any(is_null),
        members.iter().filter(|m| !is_null(m)).copied().collect(),
    )
}

/// The `const` of a primitive node as JSON text.
fn const_text(schema: &Schema, id: TypeId) -> Option<String> {
    match &schema.node(id).kind {
        TypeKind::Primitive(p) => p.const_value.as_ref().map(literal_text),
        _ => None,
    }
}

/// A literal as compact JSON text.
pub(crate) fn literal_text(lit: &Literal) -> String {
    match lit {
        Literal::Null => "null".into(),
        Literal::Bool(b) => b.to_string(),
        Literal::Number(n) => n.to_string(),
        Literal::String(s) => serde_json::Value::String(s.clone()).to_string(),
        Literal::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|n| literal_text(&n.value))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Literal::Object(members) => format!(
            "{{{}}}",
            members
                .iter()
                .map(|m| format!(
                    "{}:{}",
                    serde_json::Value::String(m.key.clone()),
                    literal_text(&m.value.value)
                ))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// Field names: names that are already the Rust spelling keep it; the others are converted
/// in order and suffixed on collision (`userId` after `user_id` becomes `user_id_2`).
fn assign_field_idents(fields: &mut [Field]) {
    let mut namer = Namer::new();
    let converted: Vec<String> = fields.iter().map(|f| names::field_ident(&f.name)).collect();
    let mut done = vec![false; fields.len()];
    for (i, f) in fields.iter_mut().enumerate() {
        if converted[i] == f.name && !namer.is_taken(&converted[i]) {
            f.ident = namer.claim(&converted[i]);
            done[i] = true;
        }
    }
    for (i, f) in fields.iter_mut().enumerate() {
        if !done[i] {
            f.ident = namer.claim(&converted[i]);
        }
    }
}
