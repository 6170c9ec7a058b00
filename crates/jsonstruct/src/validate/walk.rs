//! The walk: one generic pass over an input, driven by the compiled program.
//!
//! `Mode` decides what an error does. `Fast` stops at the first one and keeps no path (the
//! `is_valid` path allocates nothing); `Collect` records every error with its instance pointer,
//! schema pointer and byte offset and carries on. Both run the same code, monomorphised.

use crate::json::{Peek, SyntaxError, SyntaxErrorKind};

use super::compile::{peek_index, Composition, Kind, Node, NodeId, Program, UnionCheck};
use super::error::{InstanceCode, ValidationError};
use super::input::{Input, Stop, Walk};
use super::memo::Memo;
use super::objects::Seen;

pub(crate) trait Mode {
    const COLLECT: bool;

    /// Records a failed rule at the value starting at `offset`; fast mode stops the walk.
    fn fail(
        &mut self,
        code: InstanceCode,
        node: &Node,
        offset: Option<usize>,
        message: impl FnOnce() -> String,
    ) -> Walk;

    fn push_key(&mut self, key: &str);
    fn push_index(&mut self, index: usize);
    fn pop(&mut self);

    /// Brackets a collecting walk on a fork (an `allOf` member, a conditional branch), where
    /// values already walked in this validation are seen again.
    fn enter_fork(&mut self) {}
    fn leave_fork(&mut self) {}
    fn in_fork(&self) -> bool {
        false
    }
}

/// Stop at the first error; no paths, no messages, no allocation.
pub(crate) struct Fast;

impl Mode for Fast {
    const COLLECT: bool = false;

    #[inline(always)]
    fn fail(
        &mut self,
        _: InstanceCode,
        _: &Node,
        _: Option<usize>,
        _: impl FnOnce() -> String,
    ) -> Walk {
        Err(Stop::Invalid)
    }

    #[inline(always)]
    fn push_key(&mut self, _: &str) {}

    #[inline(always)]
    fn push_index(&mut self, _: usize) {}

    #[inline(always)]
    fn pop(&mut self) {}
}

/// Record every error with its location.
#[derive(Default)]
pub(crate) struct Collect {
    path: String,
    marks: Vec<usize>,
    forks: u32,
    pub errors: Vec<ValidationError>,
}

impl Collect {
    /// Records that the input (`source`, when it is text) stopped being well-formed JSON.
    pub(super) fn syntax(&mut self, e: SyntaxError, source: Option<&[u8]>) {
        let message = match e.kind {
            SyntaxErrorKind::NestingTooDeep(max) => {
                format!("not well-formed JSON: nesting deeper than {max} levels")
            }
            kind => format!("not well-formed JSON: {kind}"),
        };
        // The walk has unwound by now; the pointer comes from the text before the error.
        let path = source.map_or_else(String::new, |text| {
            crate::json::pointer::at_offset(text, e.offset)
        });
        self.errors.push(ValidationError {
            code: InstanceCode::JsonSyntax,
            path,
            line: None,
            column: None,
            message,
            schema_path: String::new(),
            offset: source.map(|_| e.offset),
        });
    }
}

impl Mode for Collect {
    const COLLECT: bool = true;

    fn fail(
        &mut self,
        code: InstanceCode,
        node: &Node,
        offset: Option<usize>,
        message: impl FnOnce() -> String,
    ) -> Walk {
        self.errors.push(ValidationError {
            code,
            path: self.path.clone(),
            line: None,
            column: None,
            message: message(),
            schema_path: node.schema_path.to_string(),
            offset,
        });
        Ok(())
    }

    fn push_key(&mut self, key: &str) {
        self.marks.push(self.path.len());
        crate::json::pointer::push(&mut self.path, key);
    }

    fn push_index(&mut self, index: usize) {
        self.marks.push(self.path.len());
        crate::json::pointer::push_index(&mut self.path, index);
    }

    fn pop(&mut self) {
        if let Some(len) = self.marks.pop() {
            self.path.truncate(len);
        }
    }

    fn enter_fork(&mut self) {
        self.forks += 1;
    }

    fn leave_fork(&mut self) {
        self.forks -= 1;
    }

    fn in_fork(&self) -> bool {
        self.forks > 0
    }
}

/// Walks one input with one compiled program.
pub(crate) struct Walker<'p> {
    pub prog: &'p Program,
    /// Outcomes of the trials made so far in this validation.
    pub memo: Memo,
    /// The offered add-ins the instance enables with its root `$uses` (indices into
    /// `prog.addins`).
    pub uses: Seen,
}

impl<'p> Walker<'p> {
    /// A walker for the instance at `input`. When the document offers add-ins, the root's
    /// `$uses` is read first (on a fork), because members of an add-in may come before it;
    /// anything wrong in it is reported by the walk itself.
    pub(super) fn new<'de, I: Input<'de>>(prog: &'p Program, input: &I) -> Self {
        let mut uses = Seen::new(prog.addins.len());
        if !prog.addins.is_empty() {
            let mut look = input.fork();
            if look.peek() == Ok(Peek::Object) {
                let max = prog.max_depth;
                // Malformed JSON is left for the walk to report.
                let _ = look.object(|v, key| {
                    if key != "$uses" || v.peek()? != Peek::Array {
                        return v.skip(max);
                    }
                    v.array(|e, _| {
                        if e.peek()? != Peek::String {
                            return e.skip(max);
                        }
                        if let Some(i) = prog.addin(e.string()?) {
                            uses.mark(i);
                        }
                        Ok(())
                    })
                    .map(|_| ())
                });
            }
        }
        Walker {
            prog,
            memo: Memo::default(),
            uses,
        }
    }

    #[inline]
    pub(super) fn node(&self, id: NodeId) -> &'p Node {
        &self.prog.nodes[id as usize]
    }

    /// Validates the value at the input's position against node `id`. `depth` counts the
    /// containers above; `meta` is set for the document root, where a `$schema` member names
    /// the schema and is not data.
    pub(super) fn value<'de, I: Input<'de>, M: Mode>(
        &self,
        id: NodeId,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        let node = self.node(id);
        // On a fork, collect mode may reach a value it has already walked with this node (two
        // allOf members that lead to the same type): its errors are already recorded, and
        // walking it again at every level would be exponential.
        if M::COLLECT && m.in_fork() {
            input.peek()?;
            if self.memo.walked_before(id, input.position()) {
                return self.skip(input, depth);
            }
        }
        if let Some(c) = &node.composition {
            self.composition(node, c, input, m, depth, meta)?;
        }
        match &node.kind {
            Kind::Any => self.skip(input, depth),
            Kind::Alias(t) => self.value(*t, input, m, depth, meta),
            Kind::Prim(p) => self.primitive(node, p, input, m, depth),
            Kind::Object(o) => self.object(node, o, input, m, depth, meta, None),
            Kind::Array(a) => self.array(node, a, input, m, depth),
            Kind::Map(map) => self.map(node, map, input, m, depth, meta),
            Kind::Tuple(elems) => self.tuple(node, elems, input, m, depth),
            Kind::Choice(c) => self.choice(node, c, input, m, depth, meta),
            Kind::Union(u) => self.union(node, u, input, m, depth, meta),
        }
    }

    /// Whether the value at `input` (not consumed; already peeked) is valid for `id`.
    pub(super) fn matches<'de, I: Input<'de>>(
        &self,
        id: NodeId,
        input: &I,
        depth: u32,
        meta: bool,
    ) -> bool {
        match self.memo.get(id, input.position()) {
            Some(known) => known,
            None => self.trial(id, input, depth, meta).is_some(),
        }
    }

    /// Tries the value at `input` (already peeked) against `id` without consuming it: the
    /// input moved past the value when it is valid. A node that failed at a position is not
    /// tried there again; one that matched is walked again only to find where the value ends.
    fn trial<'de, I: Input<'de>>(
        &self,
        id: NodeId,
        input: &I,
        depth: u32,
        meta: bool,
    ) -> Option<I> {
        let position = input.position();
        let known = self.memo.get(id, position);
        if known == Some(false) {
            return None;
        }
        let mut fork = input.fork();
        let valid = self.value(id, &mut fork, &mut Fast, depth, meta).is_ok();
        if known.is_none() {
            self.memo.put(id, position, valid);
        }
        valid.then_some(fork)
    }

    /// Consumes a value nobody constrains, checking it is well-formed within the depth budget.
    #[inline]
    pub(super) fn skip<'de, I: Input<'de>>(&self, input: &mut I, depth: u32) -> Walk {
        input
            .skip(self.prog.max_depth.saturating_sub(depth))
            .map_err(|stop| match stop {
                // The input counts from here; the message names the document's limit.
                Stop::Syntax(SyntaxError {
                    kind: SyntaxErrorKind::NestingTooDeep(_),
                    offset,
                }) => Stop::Syntax(SyntaxError {
                    kind: SyntaxErrorKind::NestingTooDeep(self.prog.max_depth),
                    offset,
                }),
                other => other,
            })
    }

    /// A JSON kind the node does not accept: report and consume the value.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn wrong_kind<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        code: InstanceCode,
        expected: &str,
        found: Peek,
        input: &mut I,
        m: &mut M,
        depth: u32,
    ) -> Walk {
        m.fail(code, node, input.offset(), || {
            format!("expected {expected}, found {}", peek_name(found))
        })?;
        self.skip(input, depth)
    }

    /// Guards descent into a container.
    #[inline]
    pub(super) fn enter<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        input: &mut I,
        m: &mut M,
        depth: u32,
    ) -> Walk<bool> {
        if depth < self.prog.max_depth {
            return Ok(true);
        }
        let max = self.prog.max_depth;
        m.fail(InstanceCode::MaxDepthExceeded, node, input.offset(), || {
            format!("maximum validation depth ({max}) exceeded")
        })?;
        // Nothing below can be walked safely; collect mode keeps the errors found so far.
        Err(Stop::Invalid)
    }

    fn union<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        u: &UnionCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        let kind = input.peek()?;
        let candidates = &u.by_kind[peek_index(kind)];
        match candidates.len() {
            0 => {
                let names = &u.names;
                m.fail(InstanceCode::TypeMismatch, node, input.offset(), || {
                    format!("expected one of [{names}], found {}", peek_name(kind))
                })?;
                self.skip(input, depth)
            }
            // Only one member can accept this JSON kind: no trial needed, and its errors are
            // the precise ones to report.
            1 => self.value(candidates[0], input, m, depth, meta),
            _ => {
                for &c in candidates.iter() {
                    if let Some(fork) = self.trial(c, input, depth, meta) {
                        input.adopt(fork);
                        return Ok(());
                    }
                }
                let names = &u.names;
                m.fail(InstanceCode::TypeMismatch, node, input.offset(), || {
                    format!("the value matches none of the union's types [{names}]")
                })?;
                self.skip(input, depth)
            }
        }
    }

    /// Walks the value at `input` with `id` on a fork, to collect its errors.
    fn walk_fork<'de, I: Input<'de>, M: Mode>(
        &self,
        id: NodeId,
        input: &I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        let mut fork = input.fork();
        m.enter_fork();
        let r = self.value(id, &mut fork, m, depth, meta);
        m.leave_fork();
        r
    }

    fn composition<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        c: &Composition,
        input: &mut I,
        m: &mut M,
        depth: u32,
        meta: bool,
    ) -> Walk {
        input.peek()?;
        let offset = input.offset();
        for &s in c.all.iter() {
            // Each allOf member sees the same value. A member that matches has nothing to
            // report; one that does not is walked again in collect mode for its own errors.
            if self.matches(s, input, depth, meta) {
                continue;
            }
            if !M::COLLECT {
                return Err(Stop::Invalid);
            }
            self.walk_fork(s, input, m, depth, meta)?;
        }
        if !c.any.is_empty() && !c.any.iter().any(|&s| self.matches(s, input, depth, meta)) {
            m.fail(InstanceCode::AnyOfNoneMatched, node, offset, || {
                "the value matches none of the anyOf schemas".into()
            })?;
        }
        if !c.one.is_empty() {
            let count = c
                .one
                .iter()
                .filter(|&&s| self.matches(s, input, depth, meta))
                .count();
            if count != 1 {
                m.fail(InstanceCode::OneOfInvalidCount, node, offset, || {
                    format!("the value must match exactly one oneOf schema (matched {count})")
                })?;
            }
        }
        if let Some(not) = c.not {
            if self.matches(not, input, depth, meta) {
                m.fail(InstanceCode::NotMatched, node, offset, || {
                    "the value must not match the 'not' schema".into()
                })?;
            }
        }
        if let Some((cond, then, otherwise)) = c.when {
            let branch = if self.matches(cond, input, depth, meta) {
                then
            } else {
                otherwise
            };
            if let Some(b) = branch {
                if !self.matches(b, input, depth, meta) {
                    let which = if branch == then { "then" } else { "else" };
                    m.fail(InstanceCode::ConditionalFailed, node, offset, || {
                        format!("the value does not match the '{which}' schema")
                    })?;
                    if M::COLLECT {
                        self.walk_fork(b, input, m, depth, meta)?;
                    }
                }
            }
        }
        Ok(())
    }
}

pub(crate) fn peek_name(p: Peek) -> &'static str {
    match p {
        Peek::Null => "null",
        Peek::Bool => "a boolean",
        Peek::Number => "a number",
        Peek::String => "a string",
        Peek::Array => "an array",
        Peek::Object => "an object",
    }
}
