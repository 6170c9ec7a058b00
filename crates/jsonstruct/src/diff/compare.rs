//! The walk that finds the changes: definitions matched by path (or by `altnames` for a
//! rename), then each definition compared position by position. A reference to a definition
//! that both sides match is not followed (that definition is compared once, on its own), so
//! the walk visits every node at most once and recursive types end by construction.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::json::Value as Literal;
use crate::schema::{Additional, DefinitionPath, Location, Primitive, Schema, TypeId, TypeKind};

use super::inclusion::{self, At, Docs, Inclusion, ARRAY_KEYWORDS, ENTRY_KEYWORDS};
use super::values::{self, Key, Prim};
use super::{Change, ChangeKind as K, Semver, Side};

/// What a position is, seen from a reference: a definition (compared on its own) or a node.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// A definition's node, reached through a reference.
    Def(TypeId),
    Node(TypeId),
}

/// How union members are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberKey {
    /// A definition, as the same key on both sides.
    Def(At),
    Prim(Primitive),
    Any,
}

/// Context of a position.
#[derive(Clone, Copy)]
struct Pos {
    /// Compare the nodes' own annotations (off where one side is a union member standing in
    /// for the whole position).
    own: bool,
    /// The position is an optional member's type (a `null` in its union is then no API change).
    optional_member: bool,
}

const TOP: Pos = Pos {
    own: true,
    optional_member: false,
};

pub(crate) struct Cx<'a> {
    pub docs: Docs<'a>,
    pub inc: Inclusion,
    /// Old definition node -> the new definition it is compared with (same path or renamed).
    pairs: HashMap<TypeId, TypeId>,
    /// Definitions used where loosening can reject data (`not`, `if`, `oneOf`, `maxContains`).
    non_monotone: [HashSet<TypeId>; 2],
    /// The definition being compared (the new side's, or the old one for a removal).
    def: Option<At>,
    pub changes: Vec<Change>,
}

fn show_literal(l: &Literal) -> String {
    match l {
        Literal::Null => "null".into(),
        Literal::Bool(b) => b.to_string(),
        Literal::Number(n) => n.to_string(),
        Literal::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Literal::Array(_) => "[...]".into(),
        Literal::Object(_) => "{...}".into(),
    }
}

fn location(schema: &Schema, id: TypeId, suffix: &str) -> Location {
    let l = &schema.node(id).location;
    Location {
        pointer: format!("{}{suffix}", l.pointer),
        line: l.line,
        column: l.column,
        source: l.source,
    }
}

impl<'a> Cx<'a> {
    pub(super) fn new(docs: Docs<'a>) -> Self {
        let budget = 16 * (docs.old.node_count() + docs.new.node_count()) + 10_000;
        let non_monotone = [
            non_monotone(&docs, Side::Old),
            non_monotone(&docs, Side::New),
        ];
        Cx {
            docs,
            inc: Inclusion::new(budget),
            pairs: HashMap::new(),
            non_monotone,
            def: None,
            changes: Vec::new(),
        }
    }

    fn includes(&mut self, a: At, b: At) -> bool {
        self.docs.includes(&mut self.inc, a, b)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: K,
        old: Option<(TypeId, &str)>,
        new: Option<(TypeId, &str)>,
        backward: bool,
        forward: bool,
        semver: Semver,
        message: String,
        note: Option<String>,
    ) {
        self.changes.push(Change {
            kind,
            definition: self
                .def
                .and_then(|at| self.docs.node(at).definition.clone()),
            old: old.map(|(id, s)| location(self.docs.old, id, s)),
            new: new.map(|(id, s)| location(self.docs.new, id, s)),
            backward,
            forward,
            note,
            semver,
            message,
        });
    }

    fn paired(&self, old: TypeId, new: TypeId) -> bool {
        self.pairs.get(&old) == Some(&new)
    }

    /// A definition node as the same key on both sides: an old one that is paired becomes its
    /// new counterpart.
    fn normalized(&self, at: At) -> At {
        match (at.0, self.pairs.get(&at.1)) {
            (Side::Old, Some(&n)) => (Side::New, n),
            _ => at,
        }
    }

    fn path_of(&self, at: At) -> String {
        self.docs
            .node(at)
            .definition
            .as_ref()
            .map_or_else(|| "an unnamed type".to_owned(), ToString::to_string)
    }

    // ------------------------------------------------------------------ definitions

    pub(super) fn run(&mut self) {
        let (old, new) = (self.docs.old, self.docs.new);
        let new_defs: BTreeMap<&'a DefinitionPath, TypeId> = new.definitions().collect();
        let old_defs: BTreeMap<&'a DefinitionPath, TypeId> = old.definitions().collect();
        for (p, &oid) in &old_defs {
            if let Some(&nid) = new_defs.get(p) {
                self.pairs.insert(oid, nid);
            }
        }
        // A rename: a new definition whose altnames name an old definition that is gone.
        let mut renamed_to = HashSet::new();
        for (np, &nid) in &new_defs {
            if old_defs.contains_key(np) {
                continue;
            }
            let names = &new.node(nid).altnames;
            if names.is_empty() {
                continue;
            }
            let found = old_defs.iter().find(|(op, oid)| {
                !new_defs.contains_key(**op)
                    && !self.pairs.contains_key(*oid)
                    && names
                        .values()
                        .any(|n| *n == op.to_string() || (op.0.len() == 1 && n == op.name()))
            });
            if let Some((_, &oid)) = found {
                self.pairs.insert(oid, nid);
                renamed_to.insert(nid);
            }
        }

        // One event per path, in path order (the old path for pairs).
        enum Event {
            Pair(TypeId, TypeId),
            Removed(TypeId),
            Added(TypeId),
        }
        let mut events: Vec<(&DefinitionPath, Event)> = Vec::with_capacity(old_defs.len());
        for (op, &oid) in &old_defs {
            match self.pairs.get(&oid) {
                Some(&nid) => events.push((op, Event::Pair(oid, nid))),
                None => events.push((op, Event::Removed(oid))),
            }
        }
        for (np, &nid) in &new_defs {
            if !old_defs.contains_key(np) && !renamed_to.contains(&nid) {
                events.push((np, Event::Added(nid)));
            }
        }
        events.sort_by(|a, b| a.0.cmp(b.0));

        self.root();
        for (_, e) in events {
            match e {
                Event::Pair(oid, nid) => {
                    self.def = Some((Side::New, nid));
                    if old.node(oid).definition != new.node(nid).definition {
                        let (op, np) = (
                            self.path_of((Side::Old, oid)),
                            self.path_of((Side::New, nid)),
                        );
                        self.push(
                            K::DefinitionRenamed,
                            Some((oid, "")),
                            Some((nid, "")),
                            true,
                            true,
                            Semver::Major,
                            format!("definition {op} renamed to {np} (its altnames name the old one)"),
                            Some("instances are unchanged; readers that select the type by name must follow the rename".into()),
                        );
                    }
                    let before = self.changes.len();
                    self.position((Side::Old, oid), (Side::New, nid), TOP);
                    self.mark_non_monotone(before, oid, nid);
                }
                Event::Removed(oid) => {
                    self.def = Some((Side::Old, oid));
                    let op = self.path_of((Side::Old, oid));
                    self.push(
                        K::DefinitionRemoved,
                        Some((oid, "")),
                        None,
                        false,
                        true,
                        Semver::Major,
                        format!("definition {op} removed"),
                        Some("data of this type has no schema in the new document; documents that do not use it are unaffected".into()),
                    );
                }
                Event::Added(nid) => {
                    self.def = Some((Side::New, nid));
                    let np = self.path_of((Side::New, nid));
                    self.push(
                        K::DefinitionAdded,
                        None,
                        Some((nid, "")),
                        true,
                        false,
                        Semver::Minor,
                        format!("definition {np} added"),
                        Some("only data validated against this definition itself is new to old readers; documents of existing types are unaffected".into()),
                    );
                }
            }
        }
        self.def = None;
    }

    /// Changes inside a definition that is used under `not`, `if`, `oneOf` or `maxContains`
    /// cannot be judged locally: loosening there can reject data elsewhere.
    fn mark_non_monotone(&mut self, from: usize, oid: TypeId, nid: TypeId) {
        if !self.non_monotone[0].contains(&oid) && !self.non_monotone[1].contains(&nid) {
            return;
        }
        let np = self.path_of((Side::New, nid));
        for c in &mut self.changes[from..] {
            if c.semver == Semver::Patch && c.backward && c.forward {
                continue;
            }
            c.backward = false;
            c.forward = false;
            c.note = Some(format!(
                "{} is used under not/if/oneOf/maxContains, where a looser type can reject data: not analysed",
                np
            ));
        }
    }

    fn root(&mut self) {
        let (old, new) = (self.docs.old, self.docs.new);
        let path = |s: &Schema, id: TypeId| s.node(id).definition.clone();
        match (old.root(), new.root()) {
            (Some(o), Some(n)) => {
                let (po, pn) = (path(old, o), path(new, n));
                let same = match (&po, &pn) {
                    (Some(_), Some(_)) => self.paired(o, n),
                    _ => po.is_none() && pn.is_none(),
                };
                if same {
                    if po.is_none() {
                        // A root type without a definition name: compare it here.
                        self.position((Side::Old, o), (Side::New, n), TOP);
                    }
                    return;
                }
                let backward = self.includes((Side::Old, o), (Side::New, n));
                let forward = self.includes((Side::New, n), (Side::Old, o));
                let name = |p: &Option<DefinitionPath>| {
                    p.as_ref()
                        .map_or_else(|| "an unnamed type".to_owned(), ToString::to_string)
                };
                self.push(
                    K::RootChanged,
                    Some((o, "")),
                    Some((n, "")),
                    backward,
                    forward,
                    Semver::Major,
                    format!("the root type was {}, now {}", name(&po), name(&pn)),
                    None,
                );
            }
            (Some(o), None) => self.push(
                K::RootChanged,
                Some((o, "")),
                None,
                false,
                true,
                Semver::Major,
                "the document no longer declares a root type".into(),
                None,
            ),
            (None, Some(n)) => self.push(
                K::RootChanged,
                None,
                Some((n, "")),
                true,
                false,
                Semver::Minor,
                "the document now declares a root type".into(),
                None,
            ),
            (None, None) => {}
        }
    }

    // ------------------------------------------------------------------ positions

    fn shape(&self, at: At) -> Shape {
        let s = self.docs.schema(at.0);
        let mut id = at.1;
        for _ in 0..=s.node_count() {
            let node = s.node(id);
            if id != at.1 && node.definition.is_some() {
                return Shape::Def(id);
            }
            match node.kind {
                TypeKind::Ref(t) => id = t,
                _ => return Shape::Node(id),
            }
        }
        Shape::Node(id)
    }

    /// Compares the nodes at one position of the two documents.
    fn position(&mut self, o: At, n: At, pos: Pos) {
        if pos.own {
            self.annotations(o.1, n.1);
            self.composition(o, n);
        }
        let (so, sn) = (self.shape(o), self.shape(n));
        if let (Shape::Def(po), Shape::Def(pn)) = (&so, &sn) {
            if !self.paired(*po, *pn) {
                self.reference_changed(o, n, &so, &sn);
            }
            return;
        }
        let is_union = |cx: &Self, s: &Shape, side: Side| match s {
            Shape::Node(id) => matches!(cx.docs.schema(side).node(*id).kind, TypeKind::Union(_)),
            Shape::Def(..) => false,
        };
        if is_union(self, &so, Side::Old) || is_union(self, &sn, Side::New) {
            self.union(o, n, &so, &sn, pos);
            return;
        }
        match (so, sn) {
            (Shape::Node(a), Shape::Node(b)) => self.kinds((Side::Old, a), (Side::New, b)),
            (so, sn) => self.reference_changed(o, n, &so, &sn),
        }
    }

    fn describe(&self, side: Side, shape: &Shape) -> String {
        match shape {
            Shape::Def(id) => format!("a reference to {}", self.path_of((side, *id))),
            Shape::Node(id) => format!(
                "an inline {}",
                self.docs.schema(side).node(*id).kind.describe()
            ),
        }
    }

    fn reference_changed(&mut self, o: At, n: At, so: &Shape, sn: &Shape) {
        let backward = self.includes(o, n);
        let forward = self.includes(n, o);
        let msg = format!(
            "was {}, now {}",
            self.describe(Side::Old, so),
            self.describe(Side::New, sn)
        );
        self.push(
            K::ReferenceChanged,
            Some((o.1, "")),
            Some((n.1, "")),
            backward,
            forward,
            Semver::Major,
            msg,
            None,
        );
    }

    fn annotations(&mut self, o: TypeId, n: TypeId) {
        let (a, b) = (self.docs.old.node(o), self.docs.new.node(n));
        if a.description != b.description {
            let what = match (&a.description, &b.description) {
                (None, Some(_)) => "description added",
                (Some(_), None) => "description removed",
                _ => "description changed",
            };
            self.push(
                K::DescriptionChanged,
                Some((o, "/description")),
                Some((n, "/description")),
                true,
                true,
                Semver::Patch,
                what.into(),
                None,
            );
        }
        if a.examples != b.examples {
            self.push(
                K::ExamplesChanged,
                Some((o, "/examples")),
                Some((n, "/examples")),
                true,
                true,
                Semver::Patch,
                "examples changed".into(),
                None,
            );
        }
        if a.default != b.default {
            let show = |d: &Option<Literal>| d.as_ref().map_or("none".into(), show_literal);
            let msg = format!("default {} -> {}", show(&a.default), show(&b.default));
            self.push(
                K::AnnotationChanged,
                Some((o, "/default")),
                Some((n, "/default")),
                true,
                true,
                Semver::Patch,
                msg,
                None,
            );
        }
        if a.unit != b.unit {
            let show = |u: &Option<String>| {
                u.as_deref()
                    .map_or("none".to_owned(), |u| format!("\"{u}\""))
            };
            let msg = format!("unit {} -> {}", show(&a.unit), show(&b.unit));
            self.push(
                K::UnitChanged,
                Some((o, "/unit")),
                Some((n, "/unit")),
                true,
                true,
                Semver::Major,
                msg,
                Some("every value stays valid, but its meaning changes: readers that interpret it must change".into()),
            );
        }
        if a.altnames != b.altnames {
            self.push(
                K::AltnamesChanged,
                Some((o, "/altnames")),
                Some((n, "/altnames")),
                true,
                true,
                Semver::Patch,
                "altnames changed".into(),
                None,
            );
        }
        if a.altenums != b.altenums {
            self.push(
                K::AnnotationChanged,
                Some((o, "/altenums")),
                Some((n, "/altenums")),
                true,
                true,
                Semver::Patch,
                "altenums changed".into(),
                None,
            );
        }
        if a.name != b.name && a.definition.is_none() {
            let msg = format!("name {:?} -> {:?}", a.name, b.name);
            self.push(
                K::AnnotationChanged,
                Some((o, "/name")),
                Some((n, "/name")),
                true,
                true,
                Semver::Major,
                msg,
                Some("the name of the generated type changes".into()),
            );
        }
    }

    /// Conditional Composition: unchanged keywords are neutral; any other change is judged
    /// conservatively (neither backward nor forward compatible).
    fn composition(&mut self, o: At, n: At) {
        let (ca, cb) = (self.docs.has_composition(o), self.docs.has_composition(n));
        if !ca && !cb {
            return;
        }
        let empty = crate::schema::Composition::default();
        let a = if ca {
            &self.docs.node(o).composition
        } else {
            &empty
        };
        let b = if cb {
            &self.docs.node(n).composition
        } else {
            &empty
        };
        let lists = |c: &crate::schema::Composition| {
            vec![
                c.all_of.clone(),
                c.any_of.clone(),
                c.one_of.clone(),
                c.not.into_iter().collect::<Vec<_>>(),
                c.if_.into_iter().collect(),
                c.then_.into_iter().collect(),
                c.else_.into_iter().collect(),
            ]
        };
        let (la, lb) = (lists(a), lists(b));
        let mut same = la.iter().zip(&lb).all(|(x, y)| x.len() == y.len());
        if same {
            // Compare the sub-schemas; only documentation changes keep them the same.
            let before = self.changes.len();
            for (x, y) in la.iter().zip(&lb) {
                for (&sx, &sy) in x.iter().zip(y) {
                    self.position((Side::Old, sx), (Side::New, sy), TOP);
                }
            }
            let sub: Vec<Change> = self.changes.drain(before..).collect();
            if sub
                .iter()
                .all(|c| c.semver == Semver::Patch && c.backward && c.forward)
            {
                self.changes.extend(sub);
            } else {
                same = false;
            }
        }
        if !same {
            self.push(
                K::CompositionChanged,
                Some((o.1, "")),
                Some((n.1, "")),
                false,
                false,
                Semver::Patch,
                "allOf/anyOf/oneOf/not/if keywords changed".into(),
                Some("composition changes are not analysed: judged incompatible both ways".into()),
            );
        }
    }

    // ------------------------------------------------------------------ unions

    fn union_members(&self, at: At, shape: &Shape) -> Vec<TypeId> {
        match shape {
            Shape::Node(id) => match &self.docs.schema(at.0).node(*id).kind {
                TypeKind::Union(ms) => ms.clone(),
                _ => vec![at.1],
            },
            Shape::Def(..) => vec![at.1],
        }
    }

    /// A member's matching key: the definition it references (old ones mapped to their new
    /// counterparts), its primitive type, `any`, or nothing (inline compound types never match
    /// a union member).
    fn member_key(&self, at: At) -> Option<MemberKey> {
        match self.shape(at) {
            Shape::Def(id) => Some(MemberKey::Def(self.normalized((at.0, id)))),
            Shape::Node(id) => match &self.docs.schema(at.0).node(id).kind {
                TypeKind::Primitive(p) => Some(MemberKey::Prim(p.ty)),
                TypeKind::Any => Some(MemberKey::Any),
                _ => None,
            },
        }
    }

    fn member_text(&self, key: &Option<MemberKey>, at: At) -> String {
        match key {
            Some(MemberKey::Def(d)) => format!("$ref {}", self.path_of(*d)),
            Some(MemberKey::Prim(p)) => p.name().to_owned(),
            Some(MemberKey::Any) => "any".to_owned(),
            None => self.docs.node(at).kind.describe().to_owned(),
        }
    }

    fn is_null(&self, at: At) -> bool {
        matches!(&self.docs.node(at).kind, TypeKind::Primitive(p) if p.ty == Primitive::Null)
    }

    fn union(&mut self, o: At, n: At, so: &Shape, sn: &Shape, pos: Pos) {
        let mo = self.union_members(o, so);
        let mn = self.union_members(n, sn);
        let ko: Vec<Option<MemberKey>> = mo
            .iter()
            .map(|&m| self.member_key((Side::Old, m)))
            .collect();
        let kn: Vec<Option<MemberKey>> = mn
            .iter()
            .map(|&m| self.member_key((Side::New, m)))
            .collect();
        let mut used = vec![false; mn.len()];
        let non_null = |cx: &Self, side: Side, ms: &[TypeId]| {
            ms.iter().filter(|&&m| !cx.is_null((side, m))).count()
        };
        let (nn_old, nn_new) = (
            non_null(self, Side::Old, &mo),
            non_null(self, Side::New, &mn),
        );
        for (i, &m) in mo.iter().enumerate() {
            let found = ko[i]
                .as_ref()
                .and_then(|k| (0..mn.len()).find(|&j| !used[j] && kn[j].as_ref() == Some(k)));
            match found {
                Some(j) => {
                    used[j] = true;
                    // A lone member standing for the whole position has its annotations
                    // compared at the position already.
                    let own = pos.own && m != o.1 && mn[j] != n.1;
                    self.position((Side::Old, m), (Side::New, mn[j]), Pos { own, ..pos });
                }
                None => {
                    let backward = self.includes((Side::Old, m), n);
                    let null = self.is_null((Side::Old, m));
                    let semver = if null && pos.optional_member && nn_old == nn_new {
                        Semver::Patch
                    } else {
                        Semver::Major
                    };
                    let what = self.member_text(&ko[i], (Side::Old, m));
                    self.push(
                        K::UnionMemberRemoved,
                        Some((m, "")),
                        Some((n.1, "")),
                        backward,
                        true,
                        semver,
                        format!("union member {what} removed"),
                        None,
                    );
                }
            }
        }
        for (j, &m) in mn.iter().enumerate() {
            if used[j] {
                continue;
            }
            let forward = self.includes((Side::New, m), o);
            let null = self.is_null((Side::New, m));
            let semver = if null && pos.optional_member && nn_old == nn_new {
                Semver::Patch
            } else {
                Semver::Major
            };
            let what = self.member_text(&kn[j], (Side::New, m));
            let note = (!forward).then(|| "old readers reject values of the new member".to_owned());
            self.push(
                K::UnionMemberAdded,
                Some((o.1, "")),
                Some((m, "")),
                true,
                forward,
                semver,
                format!("union member {what} added"),
                note,
            );
        }
    }

    // ------------------------------------------------------------------ kinds

    fn kinds(&mut self, a: At, b: At) {
        let (na, nb) = (self.docs.node(a), self.docs.node(b));
        match (&na.kind, &nb.kind) {
            (TypeKind::Primitive(_), TypeKind::Primitive(_)) => self.primitive(a, b),
            (TypeKind::Object(_), TypeKind::Object(_)) => self.object(a, b),
            (TypeKind::Array { items: x }, TypeKind::Array { items: y })
            | (TypeKind::Set { items: x }, TypeKind::Set { items: y }) => {
                let (x, y) = (*x, *y);
                self.keyword_aspects(a, b, &ARRAY_KEYWORDS, |cx, p, q| {
                    cx.docs.items_within(&mut cx.inc, p, q)
                });
                self.position((Side::Old, x), (Side::New, y), TOP);
            }
            (TypeKind::Map { values: x }, TypeKind::Map { values: y }) => {
                let (x, y) = (*x, *y);
                self.keyword_aspects(a, b, &MAP_KEYWORDS, |cx, p, q| {
                    cx.docs.entries_within(&mut cx.inc, p, q)
                });
                self.position((Side::Old, x), (Side::New, y), TOP);
            }
            (TypeKind::Tuple(_), TypeKind::Tuple(_)) => self.tuple(a, b),
            (TypeKind::Choice(_), TypeKind::Choice(_)) => self.choice(a, b),
            (TypeKind::Any | TypeKind::Unconstrained, TypeKind::Any | TypeKind::Unconstrained) => {}
            _ => {
                let backward = self.includes(a, b);
                let forward = self.includes(b, a);
                let msg = format!("type {} -> {}", na.kind.describe(), nb.kind.describe());
                self.push(
                    K::TypeChanged,
                    Some((a.1, "")),
                    Some((b.1, "")),
                    backward,
                    forward,
                    Semver::Major,
                    msg,
                    None,
                );
                return;
            }
        }
        self.inheritance(a, b);
    }

    /// `abstract` and `$extends` (inherited members are compared as members).
    fn inheritance(&mut self, a: At, b: At) {
        let (na, nb) = (self.docs.node(a), self.docs.node(b));
        if na.is_abstract != nb.is_abstract {
            let msg = if nb.is_abstract {
                "made abstract"
            } else {
                "no longer abstract"
            };
            self.push(
                K::AbstractChanged,
                Some((a.1, "/abstract")),
                Some((b.1, "/abstract")),
                true,
                true,
                Semver::Major,
                msg.into(),
                None,
            );
        }
        let keys = |cx: &Self, side: Side, ids: &[TypeId]| -> Vec<At> {
            ids.iter().map(|&i| cx.normalized((side, i))).collect()
        };
        let (ka, kb) = (
            keys(self, Side::Old, &na.extends),
            keys(self, Side::New, &nb.extends),
        );
        let show =
            |cx: &Self, ks: &[At]| -> Vec<String> { ks.iter().map(|&k| cx.path_of(k)).collect() };
        let (ea, eb) = (show(self, &ka), show(self, &kb));
        if ka != kb {
            let msg = format!("$extends [{}] -> [{}]", ea.join(", "), eb.join(", "));
            self.push(
                K::ExtendsChanged,
                Some((a.1, "/$extends")),
                Some((b.1, "/$extends")),
                true,
                true,
                Semver::Major,
                msg,
                Some("inherited members are compared as members".into()),
            );
        }
    }

    /// One change per keyword whose verdict or value differs, classified by `within`.
    fn keyword_aspects<const N: usize>(
        &mut self,
        a: At,
        b: At,
        names: &[&str; N],
        within: impl Fn(&mut Self, At, At) -> [bool; N],
    ) {
        let back = within(self, a, b);
        let fwd = within(self, b, a);
        let empty = crate::schema::Validation::default();
        let ka = keyword_values(self.docs.validation(a).unwrap_or(&empty));
        let kb = keyword_values(self.docs.validation(b).unwrap_or(&empty));
        if ka == kb && back.iter().all(|&x| x) && fwd.iter().all(|&x| x) {
            return;
        }
        for (i, name) in names.iter().enumerate() {
            let key = canonical_keyword(name);
            let (x, y) = (ka.get(key), kb.get(key));
            if x == y && back[i] && fwd[i] {
                continue;
            }
            // Equal text, different verdicts: a sub-schema (`contains`, `has`, ...) changed.
            if x == y && !matches!(key, "contains" | "has" | "entryNames" | "patternEntries") {
                continue;
            }
            self.validation_change(a, b, name, x, y, back[i], fwd[i]);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn validation_change(
        &mut self,
        a: At,
        b: At,
        name: &str,
        x: Option<&String>,
        y: Option<&String>,
        backward: bool,
        forward: bool,
    ) {
        let kind = match (backward, forward) {
            (true, false) => K::ValidationLoosened,
            (false, true) => K::ValidationTightened,
            _ => K::ValidationChanged,
        };
        let show = |v: Option<&String>| v.cloned().unwrap_or_else(|| "none".into());
        let msg = format!("{name} {} -> {}", show(x), show(y));
        let suffix = format!("/{name}");
        self.push(
            kind,
            Some((a.1, &suffix)),
            Some((b.1, &suffix)),
            backward,
            forward,
            Semver::Patch,
            msg,
            None,
        );
    }

    // ------------------------------------------------------------------ primitives

    fn primitive(&mut self, a: At, b: At) {
        let (pa, pb) = (
            self.docs.prim(a).expect("primitive"),
            self.docs.prim(b).expect("primitive"),
        );
        self.primitive_type(a, b, &pa, &pb);
        self.literals(a, b, &pa, &pb);
        if pa.p.max_length != pb.p.max_length {
            let backward = pa.max_length_within(&pb);
            let forward = pb.max_length_within(&pa);
            let tighter = match (pa.p.max_length, pb.p.max_length) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(x), Some(y)) => y < x,
            };
            let kind = if tighter {
                K::MaxLengthTightened
            } else {
                K::MaxLengthLoosened
            };
            let show = |m: Option<u64>| m.map_or("none".into(), |m| m.to_string());
            let msg = format!(
                "maxLength {} -> {}",
                show(pa.p.max_length),
                show(pb.p.max_length)
            );
            self.push(
                kind,
                Some((a.1, "/maxLength")),
                Some((b.1, "/maxLength")),
                backward,
                forward,
                Semver::Patch,
                msg,
                None,
            );
        }
        let annotations: [(&str, String, String); 4] = [
            (
                "precision",
                format!("{:?}", pa.p.precision),
                format!("{:?}", pb.p.precision),
            ),
            (
                "scale",
                format!("{:?}", pa.p.scale),
                format!("{:?}", pb.p.scale),
            ),
            (
                "contentMediaType",
                format!("{:?}", pa.p.content_media_type),
                format!("{:?}", pb.p.content_media_type),
            ),
            (
                "contentCompression",
                format!("{:?}", pa.p.content_compression),
                format!("{:?}", pb.p.content_compression),
            ),
        ];
        for (name, x, y) in annotations {
            if x != y {
                let suffix = format!("/{name}");
                self.push(
                    K::AnnotationChanged,
                    Some((a.1, &suffix)),
                    Some((b.1, &suffix)),
                    true,
                    true,
                    Semver::Patch,
                    format!("{name} changed"),
                    None,
                );
            }
        }
        // Validation keywords of primitives.
        let checks: [(&str, Within); 8] = [
            ("minimum", |x, y| x.bound_within(y, true)),
            ("exclusiveMinimum", |x, y| x.bound_within(y, true)),
            ("maximum", |x, y| x.bound_within(y, false)),
            ("exclusiveMaximum", |x, y| x.bound_within(y, false)),
            ("multipleOf", |x, y| x.multiple_within(y)),
            ("minLength", |x, y| x.min_length_within(y)),
            ("pattern", |x, y| x.pattern_within(y)),
            ("format", |x, y| x.format_within(y)),
        ];
        let empty = crate::schema::Validation::default();
        let ka = keyword_values(pa.v.unwrap_or(&empty));
        let kb = keyword_values(pb.v.unwrap_or(&empty));
        for (name, within) in checks {
            let (x, y) = (ka.get(name), kb.get(name));
            if x == y {
                continue;
            }
            let backward = within(&pa, &pb);
            let forward = within(&pb, &pa);
            self.validation_change(a, b, name, x, y, backward, forward);
        }
    }

    fn primitive_type(&mut self, a: At, b: At, pa: &Prim<'_>, pb: &Prim<'_>) {
        let (ta, tb) = (pa.p.ty, pb.p.ty);
        let enc = |p: &Prim<'_>| {
            p.p.content_encoding
                .unwrap_or(crate::formats::Encoding::Base64)
        };
        if ta == tb && (ta != Primitive::Binary || enc(pa) == enc(pb)) {
            return;
        }
        let backward = pa.type_within(pb);
        let forward = pb.type_within(pa);
        if ta == tb {
            let msg = format!("contentEncoding {:?} -> {:?}", enc(pa), enc(pb));
            self.push(
                K::ContentEncodingChanged,
                Some((a.1, "/contentEncoding")),
                Some((b.1, "/contentEncoding")),
                backward,
                forward,
                Semver::Major,
                msg,
                None,
            );
            return;
        }
        let kind = if ta.is_numeric() && tb.is_numeric() {
            match (backward, forward) {
                (true, true) => K::TypeChanged,
                (true, false) => K::NumericWidened,
                (false, true) => K::NumericNarrowed,
                (false, false) if values::range_within(ta, tb) || values::range_within(tb, ta) => {
                    K::WireFormChanged
                }
                (false, false) => K::TypeChanged,
            }
        } else {
            K::TypeChanged
        };
        // `integer` is `int32`: the same values and the same Rust type.
        let semver = if backward && forward {
            Semver::Patch
        } else {
            Semver::Major
        };
        let note = (kind == K::WireFormChanged).then(|| {
            let form = if self.docs.strict_64 {
                "strings (spec-strict 64-bit integers)"
            } else {
                "JSON numbers or strings"
            };
            format!("judged with int64/uint64 as {form}")
        });
        let msg = format!("type {} -> {}", ta.name(), tb.name());
        self.push(
            kind,
            Some((a.1, "/type")),
            Some((b.1, "/type")),
            backward,
            forward,
            semver,
            msg,
            note,
        );
    }

    fn literals(&mut self, a: At, b: At, pa: &Prim<'_>, pb: &Prim<'_>) {
        let allowed_a = values::allowed(pa.p);
        let allowed_b = values::allowed(pb.p);
        let string_enum = pb.p.ty == Primitive::String && pa.p.ty == Primitive::String;
        let ea = pa.p.enum_values.is_some();
        let eb = pb.p.enum_values.is_some();
        match (ea, eb) {
            (true, true) => {
                let ka = values::enum_keys(pa.p);
                let kb = values::enum_keys(pb.p);
                let set_a: BTreeSet<&Key> = ka.iter().map(|(_, k, _)| k).collect();
                let set_b: BTreeSet<&Key> = kb.iter().map(|(_, k, _)| k).collect();
                for (i, k, lit) in &ka {
                    if set_b.contains(k) {
                        continue;
                    }
                    // Backward unless old data can carry the value.
                    let backward = !allowed_a.as_ref().is_none_or(|s| s.contains(k));
                    let semver = if string_enum {
                        Semver::Major
                    } else {
                        Semver::Patch
                    };
                    let suffix = format!("/enum/{i}");
                    self.push(
                        K::EnumValueRemoved,
                        Some((a.1, &suffix)),
                        Some((b.1, "/enum")),
                        backward,
                        true,
                        semver,
                        format!("enum value {} removed", show_literal(lit)),
                        None,
                    );
                }
                for (i, k, lit) in &kb {
                    if set_a.contains(k) {
                        continue;
                    }
                    let forward = !allowed_b.as_ref().is_none_or(|s| s.contains(k));
                    let semver = if string_enum {
                        Semver::Minor
                    } else {
                        Semver::Patch
                    };
                    let note = (!forward && pb.p.ty == Primitive::String).then(|| {
                        "forward-incompatible for the strict validator; harmless for generated types, whose enums keep unknown values".to_owned()
                    });
                    let suffix = format!("/enum/{i}");
                    self.push(
                        K::EnumValueAdded,
                        Some((a.1, "/enum")),
                        Some((b.1, &suffix)),
                        true,
                        forward,
                        semver,
                        format!("enum value {} added", show_literal(lit)),
                        note,
                    );
                }
            }
            (false, true) => {
                let set: BTreeSet<Key> = values::enum_keys(pb.p)
                    .into_iter()
                    .map(|(_, k, _)| k)
                    .collect();
                let backward = values::keys_within(allowed_a.as_ref(), Some(&set));
                let semver = if string_enum {
                    Semver::Major
                } else {
                    Semver::Patch
                };
                self.push(
                    K::EnumIntroduced,
                    Some((a.1, "")),
                    Some((b.1, "/enum")),
                    backward,
                    true,
                    semver,
                    "enum introduced".into(),
                    None,
                );
            }
            (true, false) => {
                let set: BTreeSet<Key> = values::enum_keys(pa.p)
                    .into_iter()
                    .map(|(_, k, _)| k)
                    .collect();
                let forward = values::keys_within(allowed_b.as_ref(), Some(&set));
                let semver = if string_enum {
                    Semver::Major
                } else {
                    Semver::Patch
                };
                self.push(
                    K::EnumDropped,
                    Some((a.1, "/enum")),
                    Some((b.1, "")),
                    true,
                    forward,
                    semver,
                    "enum dropped: any value of the type is allowed".into(),
                    None,
                );
            }
            (false, false) => {}
        }
        let ca =
            pa.p.const_value
                .as_ref()
                .and_then(|l| values::key(pa.p.ty, l));
        let cb =
            pb.p.const_value
                .as_ref()
                .and_then(|l| values::key(pb.p.ty, l));
        let single = |k: &Key| BTreeSet::from([k.clone()]);
        let show = |p: &Prim<'_>| p.p.const_value.as_ref().map_or("none".into(), show_literal);
        let differs = ca != cb || pa.p.const_value.is_some() != pb.p.const_value.is_some();
        if !differs {
            return;
        }
        let msg = format!("const {} -> {}", show(pa), show(pb));
        match (&ca, &cb) {
            (None, Some(c)) => {
                let backward = values::keys_within(allowed_a.as_ref(), Some(&single(c)));
                self.push(
                    K::ConstAdded,
                    Some((a.1, "")),
                    Some((b.1, "/const")),
                    backward,
                    true,
                    Semver::Patch,
                    msg,
                    None,
                );
            }
            (Some(c), None) => {
                let forward = values::keys_within(allowed_b.as_ref(), Some(&single(c)));
                self.push(
                    K::ConstRemoved,
                    Some((a.1, "/const")),
                    Some((b.1, "")),
                    true,
                    forward,
                    Semver::Patch,
                    msg,
                    None,
                );
            }
            _ => {
                let backward = match &cb {
                    Some(c) => values::keys_within(allowed_a.as_ref(), Some(&single(c))),
                    None => true,
                };
                let forward = match &ca {
                    Some(c) => values::keys_within(allowed_b.as_ref(), Some(&single(c))),
                    None => true,
                };
                self.push(
                    K::ConstChanged,
                    Some((a.1, "/const")),
                    Some((b.1, "/const")),
                    backward,
                    forward,
                    Semver::Patch,
                    msg,
                    None,
                );
            }
        }
    }

    // ------------------------------------------------------------------ objects

    /// The base a member was inherited from, as the same key on both sides.
    fn base_key(&self, side: Side, base: Option<TypeId>) -> Option<At> {
        let base = base?;
        self.docs.schema(side).node(base).definition.as_ref()?;
        Some(self.normalized((side, base)))
    }

    fn object(&mut self, a: At, b: At) {
        // Borrowed from the schemas (lifetime 'a), not from `self`.
        let oa: &'a crate::schema::ObjectType = inclusion::object(&self.docs, a).expect("object");
        let ob: &'a crate::schema::ObjectType = inclusion::object(&self.docs, b).expect("object");
        let closed = |o: &crate::schema::ObjectType| o.additional == Additional::Forbidden;
        let (wa, wb) = (inclusion::by_wire(oa), inclusion::by_wire(ob));
        for p in &oa.properties {
            let Some(&q) = wb.get(p.wire_name.as_str()) else {
                let backward = self.docs.extra_covers(&mut self.inc, b, (Side::Old, p.ty));
                let forward = !p.required
                    && self
                        .docs
                        .extra_values_within(&mut self.inc, b, (Side::Old, p.ty));
                let note = (!backward && closed(ob)).then(|| "old data that has the member is rejected (additionalProperties: false); generated types ignore unknown members".to_owned());
                self.push(
                    K::MemberRemoved,
                    Some((p.ty, "")),
                    Some((b.1, "/properties")),
                    backward,
                    forward,
                    Semver::Major,
                    format!("member \"{}\" removed", p.wire_name),
                    note,
                );
                continue;
            };
            if p.name != q.name {
                self.push(
                    K::MemberRenamed,
                    Some((p.ty, "")),
                    Some((q.ty, "")),
                    true,
                    true,
                    Semver::Major,
                    format!(
                        "member \"{}\" (wire name \"{}\") renamed to \"{}\"",
                        p.name, p.wire_name, q.name
                    ),
                    None,
                );
            }
            let (ba, bb) = (
                self.base_key(Side::Old, p.inherited_from),
                self.base_key(Side::New, q.inherited_from),
            );
            let inherited_same = ba.is_some() && ba == bb;
            let (base_req_a, base_req_b) = if inherited_same {
                let req = |side: Side, base: Option<TypeId>| {
                    base.and_then(|bid| {
                        inclusion::object(&self.docs, (side, bid)).and_then(|o| {
                            o.property(&p.name)
                                .or_else(|| {
                                    o.properties.iter().find(|x| x.wire_name == p.wire_name)
                                })
                                .map(|x| x.required)
                        })
                    })
                };
                (
                    req(Side::Old, p.inherited_from),
                    req(Side::New, q.inherited_from),
                )
            } else {
                (None, None)
            };
            if p.required != q.required
                && (!inherited_same
                    || (base_req_a, base_req_b) != (Some(p.required), Some(q.required)))
            {
                if q.required {
                    self.push(
                        K::RequiredAdded,
                        Some((a.1, "/required")),
                        Some((b.1, "/required")),
                        false,
                        true,
                        Semver::Major,
                        format!("member \"{}\" is now required", p.wire_name),
                        None,
                    );
                } else {
                    self.push(
                        K::RequiredDropped,
                        Some((a.1, "/required")),
                        Some((b.1, "/required")),
                        true,
                        false,
                        Semver::Major,
                        format!("member \"{}\" is now optional", p.wire_name),
                        Some("old readers reject data without it".into()),
                    );
                }
            }
            if !inherited_same {
                let pos = Pos {
                    own: true,
                    optional_member: !p.required && !q.required,
                };
                self.position((Side::Old, p.ty), (Side::New, q.ty), pos);
            }
        }
        for q in &ob.properties {
            if wa.contains_key(q.wire_name.as_str()) {
                continue;
            }
            let backward = !q.required
                && self
                    .docs
                    .extra_values_within(&mut self.inc, a, (Side::New, q.ty));
            let forward = self.docs.extra_covers(&mut self.inc, a, (Side::New, q.ty));
            let (kind, semver) = if q.required {
                (K::MemberAddedRequired, Semver::Major)
            } else {
                (K::MemberAddedOptional, Semver::Minor)
            };
            let note = if !forward && closed(oa) {
                Some("old readers reject the new member (additionalProperties: false); generated types ignore unknown members".to_owned())
            } else if !backward && !q.required && !closed(oa) {
                Some("the old type allowed undeclared members, so old data may carry this name with another type".to_owned())
            } else {
                None
            };
            self.push(
                kind,
                Some((a.1, "/properties")),
                Some((q.ty, "")),
                backward,
                forward,
                semver,
                format!(
                    "member \"{}\" added ({})",
                    q.wire_name,
                    if q.required { "required" } else { "optional" }
                ),
                note,
            );
        }
        if inclusion::wire_alternatives(oa) != inclusion::wire_alternatives(ob) {
            let backward = self.docs.alternatives_within(a, b);
            let forward = self.docs.alternatives_within(b, a);
            self.push(
                K::RequiredAlternativesChanged,
                Some((a.1, "/required")),
                Some((b.1, "/required")),
                backward,
                forward,
                Semver::Patch,
                "alternative required sets changed".into(),
                None,
            );
        }
        self.additional(a, b, oa, ob);
        self.keyword_aspects(a, b, &ENTRY_KEYWORDS, |cx, p, q| {
            cx.docs.entries_within(&mut cx.inc, p, q)
        });
    }

    fn additional(
        &mut self,
        a: At,
        b: At,
        oa: &crate::schema::ObjectType,
        ob: &crate::schema::ObjectType,
    ) {
        use Additional as A;
        if let (A::Schema(x), A::Schema(y)) = (oa.additional, ob.additional) {
            self.position((Side::Old, x), (Side::New, y), TOP);
            return;
        }
        if oa.additional == ob.additional {
            return;
        }
        let backward = self.docs.extras_within(&mut self.inc, a, b);
        let forward = self.docs.extras_within(&mut self.inc, b, a);
        let kind = match (oa.additional, ob.additional) {
            (A::Forbidden, _) => K::AdditionalPropertiesOpened,
            (_, A::Forbidden) => K::AdditionalPropertiesClosed,
            _ => K::AdditionalPropertiesChanged,
        };
        // The generated struct keeps extra members in a field when they are allowed or typed.
        let field = |x: Additional| matches!(x, A::Allowed | A::Schema(_));
        let semver = match (field(oa.additional), field(ob.additional)) {
            (false, true) => Semver::Minor,
            (true, false) => Semver::Major,
            (true, true) => Semver::Major,
            (false, false) => Semver::Patch,
        };
        let show = |x: Additional| match x {
            A::Unspecified => "absent",
            A::Allowed => "true",
            A::Forbidden => "false",
            A::Schema(_) => "a schema",
        };
        let note = (kind == K::AdditionalPropertiesOpened && !forward).then(|| {
            "old readers reject undeclared members; generated types ignore them".to_owned()
        });
        let msg = format!(
            "additionalProperties {} -> {}",
            show(oa.additional),
            show(ob.additional)
        );
        self.push(
            kind,
            Some((a.1, "/additionalProperties")),
            Some((b.1, "/additionalProperties")),
            backward,
            forward,
            semver,
            msg,
            note,
        );
    }

    // ------------------------------------------------------------------ tuples and choices

    fn tuple(&mut self, a: At, b: At) {
        let (na, nb): (&'a crate::schema::TypeNode, &'a crate::schema::TypeNode) =
            (self.docs.node(a), self.docs.node(b));
        let (TypeKind::Tuple(ta), TypeKind::Tuple(tb)) = (&na.kind, &nb.kind) else {
            return;
        };
        for (i, (x, y)) in ta.elements.iter().zip(&tb.elements).enumerate() {
            if x.name != y.name {
                self.push(
                    K::MemberRenamed,
                    Some((x.ty, "")),
                    Some((y.ty, "")),
                    true,
                    true,
                    Semver::Patch,
                    format!(
                        "tuple element {i} renamed \"{}\" -> \"{}\" (not on the wire)",
                        x.name, y.name
                    ),
                    None,
                );
            }
            self.position((Side::Old, x.ty), (Side::New, y.ty), TOP);
        }
        for (i, x) in ta.elements.iter().enumerate().skip(tb.elements.len()) {
            self.push(
                K::TupleElementRemoved,
                Some((x.ty, "")),
                Some((b.1, "/tuple")),
                false,
                false,
                Semver::Major,
                format!(
                    "tuple element {i} \"{}\" removed: tuples have a fixed length",
                    x.name
                ),
                None,
            );
        }
        for (i, y) in tb.elements.iter().enumerate().skip(ta.elements.len()) {
            self.push(
                K::TupleElementAdded,
                Some((a.1, "/tuple")),
                Some((y.ty, "")),
                false,
                false,
                Semver::Major,
                format!(
                    "tuple element {i} \"{}\" added: tuples have a fixed length",
                    y.name
                ),
                None,
            );
        }
    }

    fn choice(&mut self, a: At, b: At) {
        let (na, nb): (&'a crate::schema::TypeNode, &'a crate::schema::TypeNode) =
            (self.docs.node(a), self.docs.node(b));
        let (TypeKind::Choice(ca), TypeKind::Choice(cb)) = (&na.kind, &nb.kind) else {
            return;
        };
        if ca.selector != cb.selector {
            let backward = self.includes(a, b);
            let forward = self.includes(b, a);
            let show = |s: &Option<String>| {
                s.as_ref()
                    .map_or_else(|| "none (tagged)".to_owned(), |s| format!("\"{s}\""))
            };
            let msg = format!("selector {} -> {}", show(&ca.selector), show(&cb.selector));
            self.push(
                K::ChoiceSelectorChanged,
                Some((a.1, "/selector")),
                Some((b.1, "/selector")),
                backward,
                forward,
                Semver::Major,
                msg,
                None,
            );
            return;
        }
        for (name, x) in &ca.choices {
            match cb.choices.iter().find(|(n, _)| n == name) {
                Some((_, y)) => self.position((Side::Old, *x), (Side::New, *y), TOP),
                None => self.push(
                    K::ChoiceVariantRemoved,
                    Some((*x, "")),
                    Some((b.1, "/choices")),
                    false,
                    true,
                    Semver::Major,
                    format!("choice \"{name}\" removed"),
                    None,
                ),
            }
        }
        for (name, y) in &cb.choices {
            if ca.choices.iter().all(|(n, _)| n != name) {
                self.push(K::ChoiceVariantAdded, Some((a.1, "/choices")), Some((*y, "")), true, false, Semver::Minor, format!("choice \"{name}\" added"), Some("old readers (the validator and generated choice enums) reject the new variant".into()));
            }
        }
    }
}

/// Whether the first primitive's values satisfy one keyword of the second.
type Within = fn(&Prim<'_>, &Prim<'_>) -> bool;

/// The map counterparts of the object keywords, in the same order.
const MAP_KEYWORDS: [&str; 6] = [
    "minEntries",
    "maxEntries",
    "dependentRequired",
    "patternKeys",
    "keyNames",
    "has",
];

/// The model's name for a keyword (objects and maps share fields).
fn canonical_keyword(name: &str) -> &str {
    match name {
        "minProperties" | "minEntries" => "minEntries",
        "maxProperties" | "maxEntries" => "maxEntries",
        "patternProperties" | "patternKeys" => "patternEntries",
        "propertyNames" | "keyNames" => "entryNames",
        other => other,
    }
}

/// The Validation keywords' values as text, by canonical name, for "did it change" and messages.
fn keyword_values(v: &crate::schema::Validation) -> BTreeMap<&'static str, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &'static str, s: Option<String>| {
        if let Some(s) = s {
            m.insert(k, s);
        }
    };
    put("minimum", v.minimum.as_ref().map(|b| b.text.clone()));
    put("maximum", v.maximum.as_ref().map(|b| b.text.clone()));
    put(
        "exclusiveMinimum",
        v.exclusive_minimum.as_ref().map(|b| b.text.clone()),
    );
    put(
        "exclusiveMaximum",
        v.exclusive_maximum.as_ref().map(|b| b.text.clone()),
    );
    put("multipleOf", v.multiple_of.as_ref().map(|b| b.text.clone()));
    put("minLength", v.min_length.map(|x| x.to_string()));
    put(
        "pattern",
        v.pattern.as_ref().map(|p| format!("{:?}", p.source())),
    );
    put("format", v.format.as_ref().map(|f| format!("{f:?}")));
    put("minItems", v.min_items.map(|x| x.to_string()));
    put("maxItems", v.max_items.map(|x| x.to_string()));
    put("uniqueItems", v.unique_items.then(|| "true".to_owned()));
    put(
        "contains",
        v.contains.map(|_| {
            format!(
                "a schema (min {:?}, max {:?})",
                v.min_contains, v.max_contains
            )
        }),
    );
    put("minEntries", v.min_entries.map(|x| x.to_string()));
    put("maxEntries", v.max_entries.map(|x| x.to_string()));
    put(
        "dependentRequired",
        (!v.dependent_required.is_empty()).then(|| format!("{:?}", v.dependent_required)),
    );
    put(
        "patternEntries",
        (!v.pattern_entries.is_empty()).then(|| {
            let ps: Vec<&str> = v.pattern_entries.iter().map(|(p, _)| p.source()).collect();
            format!("{ps:?}")
        }),
    );
    put("entryNames", v.entry_names.map(|_| "a schema".to_owned()));
    put("has", v.has.map(|_| "a schema".to_owned()));
    m
}

/// Definitions reachable from `not`, `if`, `oneOf` and `contains` with `maxContains`.
fn non_monotone(docs: &Docs<'_>, side: Side) -> HashSet<TypeId> {
    let s = docs.schema(side);
    let mut stack: Vec<TypeId> = Vec::new();
    for (id, node) in s.nodes() {
        if s.extensions().composition {
            let c = &node.composition;
            stack.extend(c.not.iter().chain(&c.if_).chain(&c.one_of).copied());
        }
        if s.extensions().validation && node.validation.max_contains.is_some() {
            stack.extend(node.validation.contains);
        }
        let _ = id;
    }
    let mut seen = vec![false; s.node_count()];
    let mut out = HashSet::new();
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut seen[id.index()], true) {
            continue;
        }
        let node = s.node(id);
        if node.definition.is_some() {
            out.insert(id);
        }
        match &node.kind {
            TypeKind::Ref(t) => stack.push(*t),
            TypeKind::Array { items } | TypeKind::Set { items } => stack.push(*items),
            TypeKind::Map { values } => stack.push(*values),
            TypeKind::Union(ms) => stack.extend(ms),
            TypeKind::Object(o) => {
                stack.extend(o.properties.iter().map(|p| p.ty));
                if let Additional::Schema(x) = o.additional {
                    stack.push(x);
                }
            }
            TypeKind::Tuple(t) => stack.extend(t.elements.iter().map(|p| p.ty)),
            TypeKind::Choice(c) => stack.extend(c.choices.iter().map(|(_, t)| *t)),
            TypeKind::Primitive(_) | TypeKind::Any | TypeKind::Unconstrained => {}
        }
        let c = &node.composition;
        stack.extend(
            c.all_of
                .iter()
                .chain(&c.any_of)
                .chain(&c.one_of)
                .chain(&c.not)
                .chain(&c.if_)
                .chain(&c.then_)
                .chain(&c.else_),
        );
        let v = &node.validation;
        stack.extend(v.contains.iter().chain(&v.entry_names).chain(&v.has));
        stack.extend(v.pattern_entries.iter().map(|(_, t)| *t));
    }
    out
}
