//! Objects (declared properties, `required` and its alternative sets, `additionalProperties`,
//! inherited properties already flattened by the model) and choices, tagged and inline.

use crate::json::Peek;
use crate::scalar::Scalar;

use super::compile::{
    peek_index, AdditionalCheck, ChoiceCheck, EntriesCheck, Kind, Node, NodeId, ObjectCheck,
};
use super::error::InstanceCode;
use super::input::{Input, Member, Walk};
use super::primitives::check_scalar;
use super::walk::{Fast, Mode, Walker};

/// Which declared properties have been seen; inline up to 256 properties, so objects of any
/// realistic size are checked without allocating.
pub(crate) enum Seen {
    Inline([u64; 4]),
    Heap(Vec<u64>),
}

impl Seen {
    #[inline]
    pub(super) fn new(len: usize) -> Seen {
        if len <= 256 {
            Seen::Inline([0; 4])
        } else {
            Seen::Heap(vec![0; len.div_ceil(64)])
        }
    }

    #[inline]
    fn words(&self) -> &[u64] {
        match self {
            Seen::Inline(w) => w,
            Seen::Heap(w) => w,
        }
    }

    /// Marks `i`; returns whether it was already marked.
    #[inline]
    pub(super) fn mark(&mut self, i: usize) -> bool {
        let words = match self {
            Seen::Inline(w) => &mut w[..],
            Seen::Heap(w) => &mut w[..],
        };
        let (w, bit) = (i / 64, 1u64 << (i % 64));
        let was = words[w] & bit != 0;
        words[w] |= bit;
        was
    }

    #[inline]
    pub(super) fn has(&self, i: usize) -> bool {
        self.words()[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether every bit of `required` is marked.
    #[inline]
    fn covers(&self, required: &[u64]) -> bool {
        let words = self.words();
        required.iter().enumerate().all(|(i, &r)| words[i] & r == r)
    }
}

/// Root members of an instance that describe it rather than being data.
#[inline]
pub(crate) fn is_metadata(key: &str) -> bool {
    key == "$schema" || key == "$uses"
}

impl Walker<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn object<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        o: &ObjectCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
        selector: Option<&str>,
    ) -> Walk {
        let kind = input.peek()?;
        if kind != Peek::Object {
            return self.wrong_kind(
                node,
                InstanceCode::ObjectExpected,
                "an object",
                kind,
                input,
                m,
                depth,
            );
        }
        self.enter(node, input, m, depth)?;
        let offset = input.offset();
        let entries = o.entries.as_deref();
        // Declared properties first, then the undeclared names `dependentRequired` uses, then
        // the members of add-ins.
        let undeclared = entries.map_or(&[][..], |e| &e.undeclared[..]);
        let addins_at = o.props.len() + undeclared.len();
        let mut seen = Seen::new(addins_at + o.addins.len());
        let mut has_found = false;
        let mut metadata = 0;
        let count = input.object_members(o, |v, member| {
            let key = match member {
                Member::Declared(i) => {
                    let p = &o.props[i];
                    if let Some(e) = entries {
                        self.entry_extras(node, e, v, m, &p.name, depth, &mut has_found)?;
                    }
                    if seen.mark(i) {
                        let off = v.offset();
                        m.fail(InstanceCode::DuplicateProperty, node, off, || {
                            format!("property '{}' appears more than once", p.name)
                        })?;
                    }
                    m.push_key(&p.name);
                    // Most members are primitives without composition: check them directly
                    // rather than through the general dispatch.
                    let child = self.node(p.node);
                    let r = match (&child.kind, &child.composition) {
                        (Kind::Prim(check), None) => self.primitive(child, check, v, m, depth + 1),
                        // A nullable member (`[T, "null"]`): when one member takes the value's
                        // JSON kind, straight to it. Fast mode only: collect mode goes through
                        // `value`, which keeps forks from walking a value twice.
                        (Kind::Union(u), None) if !M::COLLECT => {
                            let kind = v.peek()?;
                            match &u.by_kind[peek_index(kind)][..] {
                                &[only] => {
                                    let target = self.node(only);
                                    match (&target.kind, &target.composition) {
                                        (Kind::Prim(check), None) => {
                                            self.primitive(target, check, v, m, depth + 1)
                                        }
                                        (Kind::Object(o), None) => {
                                            self.object(target, o, v, m, depth + 1, false, None)
                                        }
                                        _ => self.value(only, v, m, depth + 1, false),
                                    }
                                }
                                _ => self.value(p.node, v, m, depth + 1, false),
                            }
                        }
                        _ => self.value(p.node, v, m, depth + 1, false),
                    };
                    m.pop();
                    return r;
                }
                Member::Other(key) => key,
            };
            if meta && is_metadata(&key) {
                // Instance metadata, not data: no rule of the object applies to it, and the
                // Validation counts do not count it (as for maps).
                metadata += 1;
                return self.metadata(node, &key, v, m, depth);
            }
            if let Some(e) = entries {
                if let Some(j) = undeclared.iter().position(|u| **u == *key) {
                    seen.mark(o.props.len() + j);
                }
                self.entry_extras(node, e, v, m, &key, depth, &mut has_found)?;
            }
            if let Some(j) = self.addin_member(o, &key) {
                if seen.mark(addins_at + j) {
                    let off = v.offset();
                    m.fail(InstanceCode::DuplicateProperty, node, off, || {
                        format!("property '{key}' appears more than once")
                    })?;
                }
                m.push_key(&key);
                let r = self.value(o.addins[j].node, v, m, depth + 1, false);
                m.pop();
                return r;
            }
            if selector == Some(&*key) {
                // The inline choice's selector, checked by the choice.
                return self.skip(v, depth + 1);
            }
            if entries.is_some_and(|e| e.patterns.iter().any(|(p, _)| p.is_match(&key))) {
                return self.skip(v, depth + 1);
            }
            match o.additional {
                AdditionalCheck::Allow => self.skip(v, depth + 1),
                AdditionalCheck::Forbid => {
                    m.push_key(&key);
                    let off = v.offset();
                    let r = m.fail(
                        InstanceCode::AdditionalPropertyNotAllowed,
                        node,
                        off,
                        || format!("additional property '{key}' is not allowed"),
                    );
                    m.pop();
                    r?;
                    self.skip(v, depth + 1)
                }
                AdditionalCheck::Schema(extra) => {
                    m.push_key(&key);
                    let r = self.value(extra, v, m, depth + 1, false);
                    m.pop();
                    r
                }
            }
        })?;
        if !seen.covers(&o.required) {
            for (i, p) in o.props.iter().enumerate() {
                if o.required[i / 64] & (1 << (i % 64)) != 0 && !seen.has(i) {
                    m.fail(InstanceCode::RequiredPropertyMissing, node, offset, || {
                        format!("missing required property '{}'", p.name)
                    })?;
                }
            }
        }
        for (j, p) in o.addins.iter().enumerate() {
            if p.required && self.uses.has(p.addin as usize) && !seen.has(addins_at + j) {
                m.fail(InstanceCode::RequiredPropertyMissing, node, offset, || {
                    let addin = &self.prog.addins[p.addin as usize];
                    format!("missing required property '{}' (add-in '{addin}')", p.name)
                })?;
            }
        }
        for group in o.alternatives.iter() {
            let complete = group
                .iter()
                .filter(|set| set.iter().all(|&i| seen.has(i as usize)))
                .count();
            if complete != 1 {
                m.fail(InstanceCode::RequiredAlternatives, node, offset, || {
                    let sets: Vec<String> = group
                        .iter()
                        .map(|set| {
                            let names: Vec<&str> = set.iter().map(|&i| &*o.props[i as usize].name).collect();
                            format!("[{}]", names.join(", "))
                        })
                        .collect();
                    format!(
                        "exactly one of the required property sets {} must be present ({complete} are)",
                        sets.join(" or ")
                    )
                })?;
            }
        }
        if let Some(e) = entries {
            self.entry_counts(node, e, count - metadata, offset, has_found, m)?;
            let name = |i: u32| match o.props.get(i as usize) {
                Some(p) => &*p.name,
                None => &*undeclared[i as usize - o.props.len()],
            };
            for (a, bs) in e.dependent.iter() {
                if seen.has(*a as usize) {
                    for &b in bs.iter() {
                        if !seen.has(b as usize) {
                            let (a, b) = (name(*a), name(b));
                            m.fail(InstanceCode::DependentRequired, node, offset, || {
                                format!("property '{a}' requires property '{b}'")
                            })?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The add-in member named `key`, when its add-in is enabled by the instance.
    #[inline]
    fn addin_member(&self, o: &ObjectCheck, key: &str) -> Option<usize> {
        if o.addins.is_empty() {
            return None;
        }
        o.addins
            .iter()
            .position(|p| *p.name == *key && self.uses.has(p.addin as usize))
    }

    /// A root member that describes the instance rather than being data (`$schema`, `$uses`):
    /// `$schema` is any value, `$uses` a set of add-in names the document offers (core
    /// `#uses-keyword`).
    pub(crate) fn metadata<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        key: &str,
        v: &mut I,
        m: &mut M,
        depth: u32,
    ) -> Walk {
        if key != "$uses" {
            return self.skip(v, depth + 1);
        }
        m.push_key(key);
        let r = self.uses_member(node, v, m, depth + 1);
        m.pop();
        r
    }

    fn uses_member<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        v: &mut I,
        m: &mut M,
        depth: u32,
    ) -> Walk {
        let kind = v.peek()?;
        if kind != Peek::Array {
            return self.wrong_kind(
                node,
                InstanceCode::ArrayExpected,
                "an array of add-in names ($uses)",
                kind,
                v,
                m,
                depth,
            );
        }
        self.enter(node, v, m, depth)?;
        let mut named = Seen::new(self.prog.addins.len());
        v.array(|e, i| {
            m.push_index(i);
            let kind = e.peek()?;
            let r = if kind != Peek::String {
                self.wrong_kind(
                    node,
                    InstanceCode::StringExpected,
                    "an add-in name",
                    kind,
                    e,
                    m,
                    depth + 1,
                )
            } else {
                let off = e.offset();
                let name = e.string()?;
                match self.prog.addin(name) {
                    Some(a) if named.mark(a) => m.fail(InstanceCode::SetDuplicate, node, off, || {
                        format!("$uses names the add-in '{name}' twice")
                    }),
                    Some(_) => Ok(()),
                    None => {
                        m.fail(InstanceCode::UsesNotOffered, node, off, || {
                            let offered = self.prog.addins.join(", ");
                            if offered.is_empty() {
                                format!("$uses names the add-in '{name}', but the schema offers none")
                            } else {
                                format!("$uses names the add-in '{name}', which the schema does not offer (it offers: {offered})")
                            }
                        })
                    }
                }
            };
            m.pop();
            r
        })?;
        Ok(())
    }

    /// Per-member Validation checks shared by objects and maps: `patternProperties` /
    /// `patternKeys`, `propertyNames` / `keyNames`, and whether the member satisfies `has`.
    /// The member value is only looked at (forks), never consumed here.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn entry_extras<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        e: &EntriesCheck,
        v: &mut I,
        m: &mut M,
        key: &str,
        depth: u32,
        has_found: &mut bool,
    ) -> Walk {
        if let Some(names) = e.names {
            if !self.key_matches(names, key) {
                let off = v.offset();
                m.fail(InstanceCode::MapKeyInvalid, node, off, || {
                    format!("member name {key:?} is not allowed by the name schema")
                })?;
            }
        }
        if !e.patterns.is_empty() || e.has.is_some() {
            v.peek()?;
        }
        for (pattern, schema) in e.patterns.iter() {
            if pattern.is_match(key) {
                m.push_key(key);
                let mut fork = v.fork();
                let r = self.value(*schema, &mut fork, m, depth + 1, false);
                m.pop();
                r?;
            }
        }
        if let (Some(has), false) = (e.has, *has_found) {
            *has_found = self.matches(has, v, depth + 1, false);
        }
        Ok(())
    }

    /// Counts and `has` after all members were seen.
    pub(crate) fn entry_counts<M: Mode>(
        &self,
        node: &Node,
        e: &EntriesCheck,
        count: usize,
        offset: Option<usize>,
        has_found: bool,
        m: &mut M,
    ) -> Walk {
        let map = e.min_keyword == "minEntries";
        if let Some(min) = e.min.filter(|&min| (count as u64) < min) {
            let code = if map {
                InstanceCode::MapMinEntries
            } else {
                InstanceCode::MinProperties
            };
            let kw = e.min_keyword;
            m.fail(code, node, offset, || {
                format!("{count} members, fewer than {kw} {min}")
            })?;
        }
        if let Some(max) = e.max.filter(|&max| (count as u64) > max) {
            let code = if map {
                InstanceCode::MapMaxEntries
            } else {
                InstanceCode::MaxProperties
            };
            let kw = e.max_keyword;
            m.fail(code, node, offset, || {
                format!("{count} members, more than {kw} {max}")
            })?;
        }
        if e.has.is_some() && !has_found {
            m.fail(InstanceCode::HasNoMatch, node, offset, || {
                "no member value matches the 'has' schema".into()
            })?;
        }
        Ok(())
    }

    /// Checks a member name against a string schema (`propertyNames` / `keyNames`).
    fn key_matches(&self, names: NodeId, key: &str) -> bool {
        let node = self.node(names);
        match &node.kind {
            Kind::Prim(p) => check_scalar(node, p, Scalar::String(key), None, &mut Fast).is_ok(),
            _ => true,
        }
    }

    pub(crate) fn choice<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        c: &ChoiceCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        let kind = input.peek()?;
        if kind != Peek::Object {
            return self.wrong_kind(
                node,
                InstanceCode::ChoiceExpected,
                "an object (choice)",
                kind,
                input,
                m,
                depth,
            );
        }
        match c.selector.as_deref() {
            None => self.tagged_choice(node, c, input, m, depth, meta),
            Some(selector) => self.inline_choice(node, c, selector, input, m, depth, meta),
        }
    }

    /// `{"<choice name>": value}`: exactly one member naming an option.
    fn tagged_choice<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        c: &ChoiceCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        self.enter(node, input, m, depth)?;
        let offset = input.offset();
        let mut options = 0;
        input.object(|v, key| {
            if meta && is_metadata(&key) {
                return self.metadata(node, &key, v, m, depth);
            }
            options += 1;
            m.push_key(&key);
            let r = match c.find(&key) {
                Some(_) if options > 1 => {
                    let off = v.offset();
                    m.fail(InstanceCode::ChoiceNoMatch, node, off, || {
                        format!("a tagged choice has exactly one member; '{key}' is a second one")
                    })
                    .and_then(|_| self.skip(v, depth + 1))
                }
                Some(option) => self.value(option, v, m, depth + 1, false),
                None => {
                    let off = v.offset();
                    let names = c.names();
                    m.fail(InstanceCode::ChoiceUnknown, node, off, || {
                        format!("unknown choice '{key}' (expected one of: {names})")
                    })
                    .and_then(|_| self.skip(v, depth + 1))
                }
            };
            m.pop();
            r
        })?;
        if options == 0 {
            let names = c.names();
            m.fail(InstanceCode::ChoiceNoMatch, node, offset, || {
                format!("empty object: expected one member naming a choice ({names})")
            })?;
        }
        Ok(())
    }

    /// An object of the chosen option with the selector property naming it.
    #[allow(clippy::too_many_arguments)]
    fn inline_choice<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        c: &ChoiceCheck,
        selector: &str,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        self.enter(node, input, m, depth)?;
        let offset = input.offset();
        enum Found {
            Missing,
            NotString(Option<usize>),
            Unknown(Option<usize>, String),
            Option(NodeId),
        }
        let mut found = Found::Missing;
        let mut look = input.fork();
        look.object(|v, key| {
            if matches!(found, Found::Missing) && key == selector {
                if v.peek()? == Peek::String {
                    let off = v.offset();
                    let name = v.string()?;
                    found = match c.find(name) {
                        Some(option) => Found::Option(option),
                        None => Found::Unknown(
                            off,
                            if M::COLLECT {
                                name.to_owned()
                            } else {
                                String::new()
                            },
                        ),
                    };
                    return Ok(());
                }
                found = Found::NotString(v.offset());
            }
            self.skip(v, depth + 1)
        })?;
        let option = match found {
            Found::Option(option) => option,
            Found::Missing => {
                m.fail(InstanceCode::ChoiceSelectorMissing, node, offset, || {
                    format!("missing selector property '{selector}'")
                })?;
                return self.skip(input, depth);
            }
            Found::NotString(off) => {
                m.push_key(selector);
                let r = m.fail(InstanceCode::ChoiceSelectorNotString, node, off, || {
                    format!("selector '{selector}' must be a string")
                });
                m.pop();
                r?;
                return self.skip(input, depth);
            }
            Found::Unknown(off, name) => {
                m.push_key(selector);
                let names = c.names();
                let r = m.fail(InstanceCode::ChoiceUnknown, node, off, || {
                    format!("unknown choice '{name}' (expected one of: {names})")
                });
                m.pop();
                r?;
                return self.skip(input, depth);
            }
        };
        let target = self.node(option);
        match &target.kind {
            Kind::Object(o) if target.composition.is_none() => {
                self.object(target, o, input, m, depth, meta, Some(selector))
            }
            _ => self.value(option, input, m, depth, meta),
        }
    }
}
