//! Arrays, sets (uniqueness by JSON equality), tuples (exact length and order) and maps, with
//! the Validation extension's item and entry keywords.

use std::collections::HashSet;

use crate::json::Peek;

use super::compile::{ArrayCheck, MapCheck, Node, NodeId};
use super::error::InstanceCode;
use super::input::{Input, Walk};
use super::walk::{Mode, Walker};

impl Walker<'_> {
    pub(crate) fn array<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        a: &ArrayCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
    ) -> Walk {
        let kind = input.peek()?;
        if kind != Peek::Array {
            let (code, what) = if a.set {
                (InstanceCode::SetExpected, "an array (set)")
            } else {
                (InstanceCode::ArrayExpected, "an array")
            };
            return self.wrong_kind(node, code, what, kind, input, m, depth);
        }
        self.enter(node, input, m, depth)?;
        let offset = input.offset();
        // Uniqueness compares canonical forms (exact numbers, sorted members), so it is JSON
        // equality, in linear time.
        let mut seen: Option<HashSet<String>> = (a.set || a.unique).then(HashSet::new);
        let mut contained = 0u64;
        let budget = self.prog.max_depth.saturating_sub(depth + 1);
        let plain = seen.is_none() && a.contains.is_none();
        let count = input.array(|item, i| {
            m.push_index(i);
            if plain {
                // Nothing but the items' own type to check (most arrays).
                let r = self.value(a.items, item, m, depth + 1, false);
                m.pop();
                return r;
            }
            item.peek()?;
            let item_offset = item.offset();
            let start = item.fork();
            if let Some(c) = a.contains {
                if self.matches(c, item, depth + 1, false) {
                    contained += 1;
                }
            }
            let mut r = self.value(a.items, item, m, depth + 1, false);
            if let (Some(set), true) = (seen.as_mut(), r.is_ok()) {
                let mut canon = String::new();
                let mut start = start;
                start.canonical(&mut canon, budget)?;
                if !set.insert(canon) {
                    r = m.fail(InstanceCode::SetDuplicate, node, item_offset, || {
                        format!("duplicate value at index {i}")
                    });
                }
            }
            m.pop();
            r
        })? as u64;
        if let Some(min) = a.min_items.filter(|&min| count < min) {
            m.fail(InstanceCode::MinItems, node, offset, || {
                format!("{count} items, fewer than minItems {min}")
            })?;
        }
        if let Some(max) = a.max_items.filter(|&max| count > max) {
            m.fail(InstanceCode::MaxItems, node, offset, || {
                format!("{count} items, more than maxItems {max}")
            })?;
        }
        if a.contains.is_some() {
            // Without minContains, `contains` asks for at least one match.
            let min = a.min_contains.unwrap_or(1);
            if contained < min {
                m.fail(InstanceCode::MinContains, node, offset, || {
                    format!("{contained} item(s) match 'contains', fewer than {min}")
                })?;
            }
            if let Some(max) = a.max_contains.filter(|&max| contained > max) {
                m.fail(InstanceCode::MaxContains, node, offset, || {
                    format!("{contained} item(s) match 'contains', more than maxContains {max}")
                })?;
            }
        }
        Ok(())
    }

    pub(crate) fn tuple<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        elements: &[NodeId],
        input: &mut I,
        m: &mut M,
        depth: u32,
    ) -> Walk {
        let kind = input.peek()?;
        if kind != Peek::Array {
            return self.wrong_kind(
                node,
                InstanceCode::TupleExpected,
                "an array (tuple)",
                kind,
                input,
                m,
                depth,
            );
        }
        self.enter(node, input, m, depth)?;
        let offset = input.offset();
        let count = input.array(|item, i| match elements.get(i) {
            Some(&e) => {
                m.push_index(i);
                let r = self.value(e, item, m, depth + 1, false);
                m.pop();
                r
            }
            None => self.skip(item, depth + 1),
        })?;
        if count != elements.len() {
            let expected = elements.len();
            m.fail(InstanceCode::TupleLengthMismatch, node, offset, || {
                format!("tuple has {count} items but the schema defines {expected}")
            })?;
        }
        Ok(())
    }

    pub(crate) fn map<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        map: &MapCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        let kind = input.peek()?;
        if kind != Peek::Object {
            return self.wrong_kind(
                node,
                InstanceCode::MapExpected,
                "an object (map)",
                kind,
                input,
                m,
                depth,
            );
        }
        self.enter(node, input, m, depth)?;
        let offset = input.offset();
        let entries = map.entries.as_deref();
        let mut has_found = false;
        let mut metadata = 0;
        let count = input.object(|v, key| {
            if meta && super::objects::is_metadata(&key) {
                metadata += 1;
                return self.metadata(node, &key, v, m, depth);
            }
            if let Some(e) = entries {
                self.entry_extras(node, e, v, m, &key, depth, &mut has_found)?;
            }
            m.push_key(&key);
            let r = self.value(map.values, v, m, depth + 1, false);
            m.pop();
            r
        })?;
        if let Some(e) = entries {
            self.entry_counts(node, e, count - metadata, offset, has_found, m)?;
        }
        Ok(())
    }
}
