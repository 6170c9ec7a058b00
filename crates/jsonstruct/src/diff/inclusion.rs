//! Whether every instance valid under one type is valid under another: the question behind
//! every backward/forward verdict. Recursive types are handled coinductively (a pair already
//! being compared is assumed to hold, which is sound because every counterexample instance is
//! finite), results are memoised, and the total work is bounded by a budget proportional to
//! the two documents' sizes (and the nesting by a depth limit): past them, the answer is a
//! conservative "no".

use std::collections::HashMap;

use crate::schema::{
    Additional, ObjectType, Property, Schema, TypeId, TypeKind, TypeNode, Validation,
};

use super::values::Prim;
use super::Side;

/// How deep inclusion questions may nest before the answer is a conservative "no".
const MAX_DEPTH: usize = 200;

/// A node of one of the two documents.
pub(crate) type At = (Side, TypeId);

/// The memo and the budget of inclusion questions.
pub(crate) struct Inclusion {
    memo: HashMap<(At, At), bool>,
    stack: Vec<(At, At)>,
    /// The lowest stack index an answer being computed relied on (coinductive assumption).
    low: usize,
    budget: usize,
    /// Whether the budget ran out at least once (some answers were "no" for that reason).
    pub exhausted: bool,
}

impl Inclusion {
    pub(super) fn new(budget: usize) -> Self {
        Inclusion {
            memo: HashMap::new(),
            stack: Vec::new(),
            low: usize::MAX,
            budget,
            exhausted: false,
        }
    }
}

/// The two documents and the validator options the verdicts are about.
pub(crate) struct Docs<'a> {
    pub old: &'a Schema,
    pub new: &'a Schema,
    pub strict_64: bool,
    pub check_formats: bool,
}

impl<'a> Docs<'a> {
    pub(super) fn schema(&self, side: Side) -> &'a Schema {
        match side {
            Side::Old => self.old,
            Side::New => self.new,
        }
    }

    pub(super) fn node(&self, at: At) -> &'a TypeNode {
        self.schema(at.0).node(at.1)
    }

    /// The node's Validation keywords when its document enforces them.
    pub(super) fn validation(&self, at: At) -> Option<&'a Validation> {
        let s = self.schema(at.0);
        s.extensions().validation.then(|| &s.node(at.1).validation)
    }

    /// Whether the node carries Conditional Composition keywords that are enforced.
    pub(super) fn has_composition(&self, at: At) -> bool {
        let s = self.schema(at.0);
        s.extensions().composition && !s.node(at.1).composition.is_empty()
    }

    pub(super) fn prim(&self, at: At) -> Option<Prim<'a>> {
        match &self.node(at).kind {
            TypeKind::Primitive(p) => Some(Prim {
                p,
                v: self.validation(at),
                strict_64: self.strict_64,
                check_formats: self.check_formats,
            }),
            _ => None,
        }
    }

    /// Whether the node accepts every JSON value.
    pub(super) fn accepts_anything(&self, at: At) -> bool {
        let at = self.resolve(at);
        matches!(self.node(at).kind, TypeKind::Any | TypeKind::Unconstrained)
            && !self.has_composition(at)
    }

    /// Follows `$ref` aliases.
    pub(super) fn resolve(&self, at: At) -> At {
        (at.0, self.schema(at.0).resolve(at.1))
    }

    /// Whether some node of the alias chain from `at` carries enforced composition.
    fn chain_has_composition(&self, at: At) -> bool {
        let s = self.schema(at.0);
        let mut id = at.1;
        for _ in 0..=s.node_count() {
            if self.has_composition((at.0, id)) {
                return true;
            }
            match s.node(id).kind {
                TypeKind::Ref(t) => id = t,
                _ => return false,
            }
        }
        true
    }
}

/// What an object's instances may carry besides its declared members.
fn extras_unconstrained_by_entries(docs: &Docs<'_>, host: At) -> bool {
    docs.validation(host)
        .is_none_or(|v| v.pattern_entries.is_empty() && v.entry_names.is_none())
}

/// An object's properties by wire name, so that matching members stays linear.
pub(crate) fn by_wire(o: &ObjectType) -> HashMap<&str, &Property> {
    o.properties
        .iter()
        .map(|p| (p.wire_name.as_str(), p))
        .collect()
}

pub(crate) fn object<'a>(docs: &Docs<'a>, at: At) -> Option<&'a ObjectType> {
    let at = docs.resolve(at);
    match &docs.schema(at.0).node(at.1).kind {
        TypeKind::Object(o) => Some(o),
        _ => None,
    }
}

impl Docs<'_> {
    /// Whether every undeclared member `host` accepts has a value valid under `target`
    /// (vacuously when `host` accepts none).
    pub(super) fn extra_values_within(&self, inc: &mut Inclusion, host: At, target: At) -> bool {
        let Some(o) = object(self, host) else {
            return false;
        };
        if !extras_unconstrained_by_entries(self, self.resolve(host)) {
            return false;
        }
        match o.additional {
            Additional::Forbidden => true,
            Additional::Schema(s) => self.includes(inc, (host.0, s), target),
            Additional::Allowed | Additional::Unspecified => self.accepts_anything(target),
        }
    }

    /// Whether `host` accepts an undeclared member whose value is any valid instance of `value`.
    pub(super) fn extra_covers(&self, inc: &mut Inclusion, host: At, value: At) -> bool {
        let Some(o) = object(self, host) else {
            return false;
        };
        if !extras_unconstrained_by_entries(self, self.resolve(host)) {
            return false;
        }
        match o.additional {
            Additional::Forbidden => false,
            Additional::Schema(s) => self.includes(inc, value, (host.0, s)),
            Additional::Allowed | Additional::Unspecified => true,
        }
    }

    /// Whether the undeclared members `a` accepts (for names neither declares) are accepted
    /// by `b` with the same values.
    pub(super) fn extras_within(&self, inc: &mut Inclusion, a: At, b: At) -> bool {
        let (Some(oa), Some(ob)) = (object(self, a), object(self, b)) else {
            return false;
        };
        match (oa.additional, ob.additional) {
            (Additional::Forbidden, _) => true,
            (_, Additional::Forbidden) => false,
            (_, Additional::Allowed | Additional::Unspecified) => true,
            (Additional::Schema(s), Additional::Schema(t)) => {
                self.includes(inc, (a.0, s), (b.0, t))
            }
            (Additional::Allowed | Additional::Unspecified, Additional::Schema(t)) => {
                self.accepts_anything((b.0, t))
            }
        }
    }

    /// Whether `b`'s alternative required sets hold for every instance of `a`.
    pub(super) fn alternatives_within(&self, a: At, b: At) -> bool {
        let (Some(oa), Some(ob)) = (object(self, a), object(self, b)) else {
            return false;
        };
        ob.required_alternatives.is_empty() || wire_alternatives(oa) == wire_alternatives(ob)
    }

    /// The object-level Validation keywords of `b` (`minProperties`, `dependentRequired`,
    /// `patternProperties`, `propertyNames`, `has`, ...) hold for every instance of `a`.
    /// One answer per keyword, in a fixed order: see [`ENTRY_KEYWORDS`].
    pub(super) fn entries_within(
        &self,
        inc: &mut Inclusion,
        a: At,
        b: At,
    ) -> [bool; ENTRY_KEYWORDS.len()] {
        let empty = Validation::default();
        let va = self.validation(self.resolve(a)).unwrap_or(&empty);
        let vb = self.validation(self.resolve(b)).unwrap_or(&empty);
        let oa = object(self, a);
        let required_a = oa.map_or(0, |o| {
            o.properties.iter().filter(|p| p.required).count() as u64
        });
        let min = match vb.min_entries {
            None => true,
            Some(m) => va.min_entries.is_some_and(|x| x >= m) || required_a >= m,
        };
        let max = match vb.max_entries {
            None => true,
            Some(m) => va.max_entries.is_some_and(|x| x <= m),
        };
        let dependent = vb.dependent_required.iter().all(|(k, reqs)| {
            let required = |r: &String| {
                oa.is_some_and(|o| o.properties.iter().any(|p| &p.name == r && p.required))
            };
            reqs.iter().all(required)
                || va
                    .dependent_required
                    .iter()
                    .any(|(ka, ra)| ka == k && reqs.iter().all(|r| ra.contains(r)))
        });
        let patterns = vb.pattern_entries.is_empty()
            || (va.pattern_entries.len() == vb.pattern_entries.len()
                && va.pattern_entries.iter().zip(&vb.pattern_entries).all(
                    |((pa, sa), (pb, sb))| {
                        pa.source() == pb.source() && self.includes(inc, (a.0, *sa), (b.0, *sb))
                    },
                ));
        let names = match vb.entry_names {
            None => true,
            Some(nb) => va
                .entry_names
                .is_some_and(|na| self.includes(inc, (a.0, na), (b.0, nb))),
        };
        let has = match vb.has {
            None => true,
            Some(hb) => va
                .has
                .is_some_and(|ha| self.includes(inc, (a.0, ha), (b.0, hb))),
        };
        [min, max, dependent, patterns, names, has]
    }

    /// The array-level Validation keywords: `minItems`, `maxItems`, `uniqueItems`, `contains`
    /// (with `minContains`/`maxContains`), in the order of [`ARRAY_KEYWORDS`].
    pub(super) fn items_within(
        &self,
        inc: &mut Inclusion,
        a: At,
        b: At,
    ) -> [bool; ARRAY_KEYWORDS.len()] {
        let empty = Validation::default();
        let a = self.resolve(a);
        let b = self.resolve(b);
        let va = self.validation(a).unwrap_or(&empty);
        let vb = self.validation(b).unwrap_or(&empty);
        let a_set = matches!(self.node(a).kind, TypeKind::Set { .. });
        let b_set = matches!(self.node(b).kind, TypeKind::Set { .. });
        let min = vb
            .min_items
            .is_none_or(|m| va.min_items.is_some_and(|x| x >= m));
        let max = vb
            .max_items
            .is_none_or(|m| va.max_items.is_some_and(|x| x <= m));
        let unique = !(b_set || vb.unique_items) || a_set || va.unique_items;
        let contains = match vb.contains {
            None => true,
            Some(cb) => {
                va.contains
                    .is_some_and(|ca| self.includes(inc, (a.0, ca), (b.0, cb)))
                    && va.min_contains.unwrap_or(1) >= vb.min_contains.unwrap_or(1)
                    && vb.max_contains.is_none()
            }
        };
        [min, max, unique, contains]
    }

    /// Every instance valid under `a` is valid under `b`. Sound, not complete: "false" may
    /// mean "could not show it".
    pub(super) fn includes(&self, inc: &mut Inclusion, a: At, b: At) -> bool {
        if self.chain_has_composition(b) {
            return false;
        }
        let (a, b) = (self.resolve(a), self.resolve(b));
        if let Some(&r) = inc.memo.get(&(a, b)) {
            return r;
        }
        if let Some(i) = inc.stack.iter().position(|p| *p == (a, b)) {
            inc.low = inc.low.min(i);
            return true;
        }
        // The budget bounds the work, the depth the stack (a chain of thousands of
        // definitions compared against another).
        if inc.budget == 0 || inc.stack.len() >= MAX_DEPTH {
            inc.exhausted = true;
            return false;
        }
        inc.budget -= 1;
        let me = inc.stack.len();
        inc.stack.push((a, b));
        let saved = std::mem::replace(&mut inc.low, usize::MAX);
        let r = self.includes_body(inc, a, b);
        inc.stack.pop();
        let low = inc.low;
        if !r || low >= me {
            inc.memo.insert((a, b), r);
        }
        inc.low = saved.min(if low >= me { usize::MAX } else { low });
        r
    }

    fn includes_body(&self, inc: &mut Inclusion, a: At, b: At) -> bool {
        let (na, nb) = (self.node(a), self.node(b));
        if matches!(nb.kind, TypeKind::Any | TypeKind::Unconstrained) {
            return true;
        }
        if let TypeKind::Union(ms) = &na.kind {
            return ms.iter().all(|&m| self.includes(inc, (a.0, m), b));
        }
        if let TypeKind::Union(ms) = &nb.kind {
            return ms.iter().any(|&m| self.includes(inc, a, (b.0, m)));
        }
        match (&na.kind, &nb.kind) {
            (TypeKind::Primitive(_), TypeKind::Primitive(_)) => {
                let (pa, pb) = (
                    self.prim(a).expect("primitive"),
                    self.prim(b).expect("primitive"),
                );
                pa.within(&pb)
            }
            (TypeKind::Object(oa), TypeKind::Object(ob)) => {
                let (wa, wb) = (by_wire(oa), by_wire(ob));
                for p in &oa.properties {
                    let ok = match wb.get(p.wire_name.as_str()) {
                        Some(q) => {
                            (!q.required || p.required)
                                && self.includes(inc, (a.0, p.ty), (b.0, q.ty))
                        }
                        None => self.extra_covers(inc, b, (a.0, p.ty)),
                    };
                    if !ok {
                        return false;
                    }
                }
                for q in &ob.properties {
                    if !wa.contains_key(q.wire_name.as_str())
                        && (q.required || !self.extra_values_within(inc, a, (b.0, q.ty)))
                    {
                        return false;
                    }
                }
                self.alternatives_within(a, b)
                    && self.extras_within(inc, a, b)
                    && self.entries_within(inc, a, b).iter().all(|&x| x)
            }
            (
                TypeKind::Array { items: ia } | TypeKind::Set { items: ia },
                TypeKind::Array { items: ib } | TypeKind::Set { items: ib },
            ) => {
                self.items_within(inc, a, b).iter().all(|&x| x)
                    && self.includes(inc, (a.0, *ia), (b.0, *ib))
            }
            (TypeKind::Map { values: va }, TypeKind::Map { values: vb }) => {
                self.entries_within(inc, a, b).iter().all(|&x| x)
                    && self.includes(inc, (a.0, *va), (b.0, *vb))
            }
            (TypeKind::Tuple(ta), TypeKind::Tuple(tb)) => {
                ta.elements.len() == tb.elements.len()
                    && ta
                        .elements
                        .iter()
                        .zip(&tb.elements)
                        .all(|(x, y)| self.includes(inc, (a.0, x.ty), (b.0, y.ty)))
            }
            (TypeKind::Choice(ca), TypeKind::Choice(cb)) => {
                ca.selector == cb.selector
                    && ca.choices.iter().all(|(name, ta)| {
                        cb.choices
                            .iter()
                            .find(|(n, _)| n == name)
                            .is_some_and(|(_, tb)| self.includes(inc, (a.0, *ta), (b.0, *tb)))
                    })
            }
            _ => false,
        }
    }
}

/// The object-level Validation keywords, in the order [`Docs::entries_within`] answers.
pub(crate) const ENTRY_KEYWORDS: [&str; 6] = [
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
    "has",
];

/// The array-level Validation keywords, in the order [`Docs::items_within`] answers.
pub(crate) const ARRAY_KEYWORDS: [&str; 4] = ["minItems", "maxItems", "uniqueItems", "contains"];

/// Alternative required sets by wire name, each set and group sorted, so that reordering is
/// not a change.
pub(crate) fn wire_alternatives(o: &ObjectType) -> Vec<Vec<Vec<String>>> {
    let wire = |name: &String| {
        o.property(name)
            .map_or_else(|| name.clone(), |p| p.wire_name.clone())
    };
    let mut groups: Vec<Vec<Vec<String>>> = o
        .required_alternatives
        .iter()
        .map(|g| {
            let mut sets: Vec<Vec<String>> = g
                .iter()
                .map(|s| {
                    let mut s: Vec<String> = s.iter().map(wire).collect();
                    s.sort();
                    s
                })
                .collect();
            sets.sort();
            sets
        })
        .collect();
    groups.sort();
    groups
}
