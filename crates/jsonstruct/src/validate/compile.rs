//! Compiles the checked schema model into a flat program of small precomputed checks: `$ref`
//! aliases are resolved to node indices, property names are laid out for lookup, `enum` and
//! `const` become typed literal sets, bounds are converted once into the domain of their type
//! (`i128` for integers, `f64` for floats, exact decimals otherwise), and every union gets a
//! dispatch table from JSON kind to the members that could accept it.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::formats::Encoding;
use crate::json::scanner::{eq_bytes, key_word, RawText};
use crate::json::{Peek, Value as Literal};
use crate::numeric::Exact;
use crate::scalar::{Scalar, WireRules};
use crate::schema::{
    Additional, Composition as ModelComposition, Pattern, Primitive, Schema, TypeId, TypeKind,
    Validation,
};

use super::Options;

pub(crate) type NodeId = u32;

pub(crate) struct Program {
    pub nodes: Vec<Node>,
    pub root: NodeId,
    pub max_depth: u32,
    /// The add-ins the document offers (`$offers`), by index: an instance enables them with a
    /// root `$uses` member, and [`AddInProp::addin`] refers to this list.
    pub addins: Box<[Box<str>]>,
}

impl Program {
    /// Index of the offered add-in `name`.
    pub(super) fn addin(&self, name: &str) -> Option<usize> {
        self.addins.iter().position(|a| &**a == name)
    }
}

pub(crate) struct Node {
    pub kind: Kind,
    /// Which JSON kinds this node can possibly accept (bit per `Peek`), for union dispatch.
    pub accepts: u8,
    pub composition: Option<Box<Composition>>,
    pub schema_path: Box<str>,
}

pub(crate) enum Kind {
    Any,
    /// A `$ref` that carries composition keywords of its own (plain aliases are compiled away).
    Alias(NodeId),
    Prim(Box<PrimCheck>),
    Object(Box<ObjectCheck>),
    Array(Box<ArrayCheck>),
    Map(Box<MapCheck>),
    Tuple(Box<[NodeId]>),
    Choice(Box<ChoiceCheck>),
    Union(Box<UnionCheck>),
}

pub(crate) const fn peek_bit(p: Peek) -> u8 {
    match p {
        Peek::Null => 1,
        Peek::Bool => 2,
        Peek::Number => 4,
        Peek::String => 8,
        Peek::Array => 16,
        Peek::Object => 32,
    }
}

pub(crate) const fn peek_index(p: Peek) -> usize {
    match p {
        Peek::Null => 0,
        Peek::Bool => 1,
        Peek::Number => 2,
        Peek::String => 3,
        Peek::Array => 4,
        Peek::Object => 5,
    }
}

const ALL_KINDS: u8 = 63;

pub(crate) struct PrimCheck {
    pub ty: Primitive,
    pub rules: WireRules,
    /// A `string` with nothing to check but its JSON type: skipped without decoding.
    pub plain_string: bool,
    /// A `null` or `boolean` without `enum` or `const`: reading the literal is the check.
    pub plain_literal: bool,
    /// A `string` whose only rule is `enum` or `const`: looked up without the general checks.
    pub string_set: bool,
    /// The verbatim values of such a set, matched against the input bytes without reading the
    /// string first.
    pub raw_strings: Option<RawStrings>,
    /// An integer type up to 64 bits with no enum, const or bounds, accepted as a JSON number:
    /// the largest negative magnitude and the largest value, checked without `scalar::check`.
    pub int_fast: Option<(u64, u64)>,
    /// The same for the spec's string form of `int64`/`uint64` (a decimal string): the
    /// largest negative magnitude (`None`: no minus sign allowed) and the largest value.
    pub int_text_fast: Option<(Option<u64>, u64)>,
    pub max_length: Option<u64>,
    pub enum_values: Option<Literals>,
    pub const_value: Option<Literals>,
    pub numeric: Option<NumericCheck>,
    pub string: Option<StringCheck>,
}

/// `enum` / `const` values in the representation the type compares by.
pub(crate) enum Literals {
    Strings(Box<[Box<str>]>, PropTable),
    Ints(Box<[i128]>),
    Floats(Box<[f64]>),
    Exact(Box<[Exact]>),
    Bools(Box<[bool]>),
    Null,
}

impl Literals {
    fn compile(ty: Primitive, values: &[Literal]) -> Literals {
        use crate::schema::WireForm;
        let scalars = values.iter().filter_map(crate::schema::literal_scalar);
        match ty {
            Primitive::Null => Literals::Null,
            Primitive::Boolean => Literals::Bools(
                scalars
                    .filter_map(|s| {
                        if let Scalar::Bool(b) = s {
                            Some(b)
                        } else {
                            None
                        }
                    })
                    .collect(),
            ),
            p if p.is_integer() && !matches!(p, Primitive::Int128 | Primitive::Uint128) => {
                Literals::Ints(scalars.filter_map(|s| scalar_i128(&s)).collect())
            }
            p if p.is_float() => Literals::Floats(
                scalars
                    .filter_map(|s| {
                        if let Scalar::Number(n) = s {
                            Some(n.as_f64())
                        } else {
                            None
                        }
                    })
                    .collect(),
            ),
            p if p.is_numeric() => {
                Literals::Exact(scalars.filter_map(|s| scalar_exact(&s)).collect())
            }
            p => {
                debug_assert_eq!(p.wire_form(), WireForm::String);
                let strings: Box<[Box<str>]> = scalars
                    .filter_map(|s| {
                        if let Scalar::String(t) = s {
                            Some(t.into())
                        } else {
                            None
                        }
                    })
                    .collect();
                let table = PropTable::new(strings.iter().map(|s| &**s));
                Literals::Strings(strings, table)
            }
        }
    }

    /// Whether the (type-checked) scalar is one of the values.
    #[inline]
    pub(super) fn contains(&self, v: &Scalar<'_>) -> bool {
        match self {
            Literals::Strings(set, table) => match v {
                Scalar::String(s) => {
                    set.len() == 1 && eq_bytes(set[0].as_bytes(), s.as_bytes())
                        || table.find(|i| &set[i], s.as_bytes()).is_some()
                }
                _ => false,
            },
            Literals::Ints(set) => scalar_i128(v).is_some_and(|i| set.contains(&i)),
            Literals::Floats(set) => match v {
                Scalar::Number(n) => set.contains(&n.as_f64()),
                _ => false,
            },
            Literals::Exact(set) => scalar_exact(v).is_some_and(|x| set.contains(&x)),
            Literals::Bools(set) => matches!(v, Scalar::Bool(b) if set.contains(b)),
            Literals::Null => matches!(v, Scalar::Null),
        }
    }
}

/// An integer scalar, from a JSON number or the spec's string form.
fn scalar_i128(v: &Scalar<'_>) -> Option<i128> {
    match v {
        Scalar::Number(n) => n.as_i128(),
        Scalar::String(s) => s.parse::<i128>().ok(),
        _ => None,
    }
}

fn scalar_exact(v: &Scalar<'_>) -> Option<Exact> {
    match v {
        Scalar::Number(n) => n.exact(),
        Scalar::String(s) => Exact::parse(s),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BoundKind {
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}

/// A bound in the value domain of its type.
pub(crate) enum BoundValue {
    /// Integers compare against an inclusive integer limit (exclusive and fractional bounds are
    /// converted: `exclusiveMinimum: 2.5` on an int is `>= 3`).
    Int(i128),
    Float(f64),
    Exact(Exact),
}

pub(crate) struct NumericCheck {
    pub bounds: Vec<(BoundKind, BoundValue, Box<str>)>,
    pub multiple_of: Option<(Exact, Box<str>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Email,
    IdnEmail,
    Hostname,
    IdnHostname,
    Ipv4,
    Ipv6,
    Uri,
    UriReference,
    Iri,
    IriReference,
    UriTemplate,
    JsonPointer,
    RelativeJsonPointer,
    Regex,
    Date,
    Time,
    DateTime,
    Duration,
    Uuid,
}

impl Format {
    fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "email" => Format::Email,
            "idn-email" => Format::IdnEmail,
            "hostname" => Format::Hostname,
            "idn-hostname" => Format::IdnHostname,
            "ipv4" => Format::Ipv4,
            "ipv6" => Format::Ipv6,
            "uri" => Format::Uri,
            "uri-reference" => Format::UriReference,
            "iri" => Format::Iri,
            "iri-reference" => Format::IriReference,
            "uri-template" => Format::UriTemplate,
            "json-pointer" => Format::JsonPointer,
            "relative-json-pointer" => Format::RelativeJsonPointer,
            "regex" => Format::Regex,
            "date" => Format::Date,
            "time" => Format::Time,
            "date-time" => Format::DateTime,
            "duration" => Format::Duration,
            "uuid" => Format::Uuid,
            _ => return None,
        })
    }
}

pub(crate) struct StringCheck {
    pub min_length: Option<u64>,
    pub pattern: Option<Pattern>,
    pub format: Option<(Format, Box<str>)>,
}

pub(crate) struct Prop {
    pub name: Box<str>,
    pub node: NodeId,
    /// `name":` when the name appears verbatim in JSON (nothing in it needs escaping), so the
    /// scanner may compare input bytes against it directly.
    pub raw: Option<RawText>,
}

/// A member an offered add-in injects into an object type (core `#add-ins`: the add-in type
/// `$extends` the type and replaces it once an instance `$uses` it); only an instance that
/// enables the add-in may have it.
pub(crate) struct AddInProp {
    pub addin: u32,
    pub name: Box<str>,
    pub node: NodeId,
    pub required: bool,
}

pub(crate) enum AdditionalCheck {
    Allow,
    Forbid,
    Schema(NodeId),
}

/// Alternative required sets of property indices: exactly one set must be complete.
pub(crate) type AlternativeGroup = Box<[Box<[u32]>]>;

pub(crate) struct ObjectCheck {
    pub props: Box<[Prop]>,
    pub table: PropTable,
    /// The properties matched raw, by the lookup word of their key (`json::scanner::key_word`):
    /// a key out of the learned order is found with one multiply and one comparison against
    /// the input, without scanning it first.
    pub words: Probe<u64>,
    /// Key-order hints: `next[0]` is the property that came first last time, `next[i + 1]`
    /// the one that followed property `i`. Producers emit keys in a stable order, so after
    /// one payload the scanner predicts each key and checks it with one comparison instead of
    /// scanning and looking it up. Only a hint: relaxed atomics, never affects a verdict.
    pub next: Box<[AtomicU32]>,
    /// Whether the last object of this type came with its members out of the learned order:
    /// the next one then tries one prediction, not three, before looking keys up. A hint like
    /// `next`.
    pub shuffled: AtomicBool,
    /// Key-order hints for parsed values, as `next` is for bytes: a `serde_json` map yields
    /// its members in its own order (sorted, unless `preserve_order`), not the producer's, so
    /// the two orders are learned apart and a caller mixing both does not lose either.
    pub next_in_map: Box<[AtomicU32]>,
    /// Required property indices as a bit set.
    pub required: Box<[u64]>,
    /// Groups of alternative required sets (property indices); exactly one set per group.
    pub alternatives: Box<[AlternativeGroup]>,
    pub additional: AdditionalCheck,
    pub entries: Option<Box<EntriesCheck>>,
    /// Members of offered add-ins that extend this type (usually none).
    pub addins: Box<[AddInProp]>,
}

impl ObjectCheck {
    /// Index of the property named `key`.
    #[inline(always)]
    pub(super) fn find(&self, key: &str) -> Option<usize> {
        self.table.find(|i| &self.props[i].name, key.as_bytes())
    }

    /// Index of the property whose raw pattern `matches` (a comparison with the input that
    /// consumes the key on success), among those whose key has the lookup word `word`.
    #[inline(always)]
    pub(super) fn find_raw(
        &self,
        word: u64,
        mut matches: impl FnMut(&RawText) -> bool,
    ) -> Option<usize> {
        self.words.find(word, |i| {
            self.props[i].raw.as_ref().is_some_and(&mut matches)
        })
    }

    /// The property expected after `prev` (0 = at the start, `i + 1` = after property `i`),
    /// when its name can be matched raw.
    #[inline]
    pub(super) fn predict(&self, prev: usize) -> Option<(usize, &RawText)> {
        let i = self.next[prev].load(Ordering::Relaxed) as usize;
        let p = self.props.get(i)?;
        p.raw.as_ref().map(|raw| (i, raw))
    }

    #[inline(always)]
    pub(super) fn learn(&self, prev: usize, i: usize) {
        self.next[prev].store(i as u32, Ordering::Relaxed);
    }

    /// Index of the property named `key`, a member of a parsed map that came after property
    /// `prev - 1` (or first, when `prev` is 0): the learned successor is tried with one
    /// comparison before the table, and a miss teaches the table's answer.
    #[inline(always)]
    pub(super) fn find_in_map(&self, prev: usize, key: &str) -> Option<usize> {
        let guess = self.next_in_map[prev].load(Ordering::Relaxed) as usize;
        if let Some(p) = self.props.get(guess) {
            if eq_bytes(p.name.as_bytes(), key.as_bytes()) {
                return Some(guess);
            }
        }
        let found = self.find(key)?;
        self.next_in_map[prev].store(found as u32, Ordering::Relaxed);
        Some(found)
    }

    /// Whether the last object of this type looked shuffled.
    #[inline(always)]
    pub(super) fn was_shuffled(&self) -> bool {
        self.shuffled.load(Ordering::Relaxed)
    }

    /// Records how the object just walked looked; written only on a change, so a stream of
    /// one kind writes nothing (every write is a cache line other threads fetch again).
    #[inline(always)]
    pub(super) fn remember_shuffled(&self, shuffled: bool) {
        if self.was_shuffled() != shuffled {
            self.shuffled.store(shuffled, Ordering::Relaxed);
        }
    }
}

/// Open-addressing table from a short key (a hash or a prefix of a name) to indices, built
/// once per object type or enum. Several indices may share a key, so the caller's `accept`
/// decides among them; at most half the slots are used, so a lookup usually costs one
/// multiply and one probe.
pub(crate) struct Probe<K> {
    slots: Box<[(K, u32)]>,
    mask: usize,
    /// 64 minus the number of bits of `mask`, for keys that take the top bits of a product.
    shift: u32,
}

const EMPTY: u32 = u32::MAX;

/// A key of a [`Probe`] table, with the slot its search starts at.
pub(crate) trait ProbeKey: Copy + Eq + Default {
    /// `shift` is 64 minus the number of bits of `mask`.
    fn home(self, mask: usize, shift: u32) -> usize;
}

/// A name's [`signature`].
impl ProbeKey for u32 {
    #[inline(always)]
    fn home(self, mask: usize, _: u32) -> usize {
        (self.wrapping_mul(0x9E37_79B1) >> 16) as usize & mask
    }
}

/// A key's lookup word (`json::scanner::key_word`).
impl ProbeKey for u64 {
    #[inline(always)]
    fn home(self, _: usize, shift: u32) -> usize {
        (self.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
    }
}

impl<K: ProbeKey> Probe<K> {
    fn new(entries: &[(K, u32)]) -> Probe<K> {
        let size = (entries.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(K::default(), EMPTY); size].into_boxed_slice();
        let (mask, shift) = (size - 1, 64 - size.trailing_zeros());
        for &entry in entries {
            let mut s = entry.0.home(mask, shift);
            while slots[s].1 != EMPTY {
                s = (s + 1) & mask;
            }
            slots[s] = entry;
        }
        Probe { slots, mask, shift }
    }

    /// The first index stored under `key` that `accept` takes.
    #[inline(always)]
    fn find(&self, key: K, mut accept: impl FnMut(usize) -> bool) -> Option<usize> {
        let mut s = key.home(self.mask, self.shift);
        loop {
            let (k, index) = self.slots[s];
            if index == EMPTY {
                return None;
            }
            if k == key && accept(index as usize) {
                return Some(index as usize);
            }
            s = (s + 1) & self.mask;
        }
    }
}

/// Member names (or enum strings) to their index, by [`signature`]: a lookup costs one
/// multiply, usually one probe, and one short comparison.
pub(crate) struct PropTable(Probe<u32>);

impl PropTable {
    fn new<'n>(names: impl Iterator<Item = &'n str>) -> PropTable {
        let entries: Vec<(u32, u32)> = names
            .enumerate()
            .map(|(i, name)| (signature(name.as_bytes()), i as u32))
            .collect();
        PropTable(Probe::new(&entries))
    }

    #[inline(always)]
    fn find<'n>(&self, name_of: impl Fn(usize) -> &'n str, key: &[u8]) -> Option<usize> {
        self.0
            .find(signature(key), |i| eq_bytes(name_of(i).as_bytes(), key))
    }
}

/// Raw texts (member names or string values) by the lookup word of their text, indexed by
/// their place in `texts`; those without a raw form are left out. Several texts can share a
/// word (a common first eight bytes), so the caller's comparison decides.
fn word_table<'t>(texts: impl Iterator<Item = Option<&'t RawText>>) -> Probe<u64> {
    let entries: Vec<(u64, u32)> = texts
        .enumerate()
        .filter_map(|(i, raw)| {
            // The padding lets a short text be read whole.
            let padded = format!("{}        ", raw?.text());
            Some((key_word(padded.as_bytes(), 0)?, i as u32))
        })
        .collect();
    Probe::new(&entries)
}

/// The values of a string `enum` or `const` that JSON writes verbatim, found in the input by
/// their first eight bytes and one comparison, as member names are: a value with an escape
/// is not among them and takes the general path.
pub(crate) struct RawStrings {
    texts: Box<[RawText]>,
    words: Probe<u64>,
}

impl RawStrings {
    fn new(values: &[Box<str>]) -> Option<RawStrings> {
        let texts: Box<[RawText]> = values.iter().filter_map(|v| RawText::string(v)).collect();
        if texts.is_empty() {
            return None;
        }
        let words = word_table(texts.iter().map(Some));
        Some(RawStrings { texts, words })
    }

    /// Whether one of the values, among those whose text has the lookup word `word`, is
    /// `matches` (a comparison with the input that consumes the string on success).
    #[inline(always)]
    pub(super) fn contains_raw(
        &self,
        word: u64,
        mut matches: impl FnMut(&RawText) -> bool,
    ) -> bool {
        self.words.find(word, |i| matches(&self.texts[i])).is_some()
    }

    /// Whether the decoded string `s` is one of the values, by the same table: a string's
    /// lookup word is its first eight bytes, zero-padded (`json::scanner::key_word` of its
    /// JSON text, which cuts at the closing quote).
    #[inline(always)]
    pub(super) fn contains_str(&self, s: &str) -> bool {
        let s = s.as_bytes();
        let head = s.get(..8).unwrap_or(s);
        let word = head.iter().rev().fold(0, |w, &b| (w << 8) | u64::from(b));
        self.contains_raw(word, |raw| eq_bytes(raw.unquoted().as_bytes(), s))
    }
}

/// Key-order hints for an object of `n` properties before anything is learned: declaration
/// order.
fn order_hints(n: usize) -> Box<[AtomicU32]> {
    (0..=n).map(|i| AtomicU32::new(i as u32)).collect()
}

/// Length and first, middle and last byte of a member name, packed.
#[inline(always)]
fn signature(b: &[u8]) -> u32 {
    match b {
        [] => 0,
        [f, ..] => {
            let (m, l) = (b[b.len() / 2], b[b.len() - 1]);
            (b.len() as u32 & 0xff) | (*f as u32) << 8 | (m as u32) << 16 | (l as u32) << 24
        }
    }
}

/// Validation-extension checks shared by objects and maps.
pub(crate) struct EntriesCheck {
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// `dependentRequired` as member indices: below the object's property count a declared
    /// property, from there on an entry of `undeclared`.
    pub dependent: Box<[(u32, Box<[u32]>)]>,
    /// Member names `dependentRequired` uses that the object does not declare (the draft
    /// allows them: they can arrive through `additionalProperties` or `patternProperties`).
    pub undeclared: Box<[Box<str>]>,
    pub patterns: Box<[(Pattern, NodeId)]>,
    pub names: Option<NodeId>,
    pub has: Option<NodeId>,
    /// Keyword names for messages (objects and maps spell them differently).
    pub min_keyword: &'static str,
    pub max_keyword: &'static str,
}

pub(crate) struct ArrayCheck {
    pub items: NodeId,
    pub set: bool,
    pub unique: bool,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub contains: Option<NodeId>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
}

pub(crate) struct MapCheck {
    pub values: NodeId,
    pub entries: Option<Box<EntriesCheck>>,
}

pub(crate) struct ChoiceCheck {
    pub options: Box<[(Box<str>, NodeId)]>,
    pub selector: Option<Box<str>>,
}

impl ChoiceCheck {
    #[inline]
    pub(super) fn find(&self, name: &str) -> Option<NodeId> {
        self.options
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|&(_, id)| id)
    }

    pub(super) fn names(&self) -> String {
        self.options
            .iter()
            .map(|(n, _)| &**n)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub(crate) struct UnionCheck {
    pub members: Box<[NodeId]>,
    /// Candidate members per JSON kind (`peek_index`), in member order.
    pub by_kind: [Box<[NodeId]>; 6],
    /// The member type names, for messages.
    pub names: Box<str>,
}

pub(crate) struct Composition {
    pub all: Box<[NodeId]>,
    pub any: Box<[NodeId]>,
    pub one: Box<[NodeId]>,
    pub not: Option<NodeId>,
    pub when: Option<(NodeId, Option<NodeId>, Option<NodeId>)>,
}

/// Why a schema cannot be compiled into a validator.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompileError {
    /// The document declares no root type (no `type` and no `$root`), only definitions.
    NoRoot,
    /// The named definition does not exist.
    UnknownDefinition(crate::schema::UnknownDefinition),
    /// The named definition is abstract: it is only used through `$extends`.
    Abstract(String),
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompileError::NoRoot => f.write_str(
                "the schema has no root type to validate against (add 'type' or '$root', or name a definition)",
            ),
            CompileError::UnknownDefinition(e) => e.fmt(f),
            CompileError::Abstract(name) => write!(
                f,
                "\"{name}\" is abstract: instances are validated against the types that extend it"
            ),
        }
    }
}

impl std::error::Error for CompileError {}

pub(crate) fn compile(schema: &Schema, root: TypeId, options: &Options) -> Program {
    let c = Compiler {
        schema,
        options,
        validation: schema.extensions().validation,
        composition: schema.extensions().composition,
    };
    // Each node's add-in keywords are enforced by the add-ins of the document that wrote it
    // (an imported definition keeps its own document's `$uses`).
    let mut nodes: Vec<Node> = schema
        .nodes()
        .map(|(id, _)| c.with_extensions_of(id).node(id))
        .collect();
    let root = c.target(root);
    let addins = inject_addins(schema, &c, &mut nodes, root);
    compute_accepts(&mut nodes);
    fill_union_tables(&mut nodes);
    Program {
        nodes,
        root,
        max_depth: options.max_depth,
        addins,
    }
}

/// Gives every object type an offered add-in extends the add-in's own members. An add-in
/// definition without `$extends` applies to the type being validated (the SDKs' reading).
fn inject_addins(
    schema: &Schema,
    c: &Compiler<'_>,
    nodes: &mut [Node],
    root: NodeId,
) -> Box<[Box<str>]> {
    let mut names = Vec::new();
    for (index, (name, definitions)) in schema.offers().enumerate() {
        names.push(Box::from(name));
        for &definition in definitions {
            let d = schema.node(schema.resolve(definition));
            let TypeKind::Object(o) = &d.kind else {
                continue;
            };
            let bases: Vec<NodeId> = if d.extends.is_empty() {
                vec![root]
            } else {
                d.extends.iter().map(|&b| c.target(b)).collect()
            };
            for base in bases {
                let Kind::Object(target) = &mut nodes[base as usize].kind else {
                    continue;
                };
                let mut added: Vec<AddInProp> = std::mem::take(&mut target.addins).into_vec();
                for p in o.properties.iter().filter(|p| p.inherited_from.is_none()) {
                    // A member the type declares itself keeps its own definition.
                    if target.find(&p.wire_name).is_some() {
                        continue;
                    }
                    added.push(AddInProp {
                        addin: index as u32,
                        name: p.wire_name.as_str().into(),
                        node: c.target(p.ty),
                        required: p.required,
                    });
                }
                target.addins = added.into();
            }
        }
    }
    names.into()
}

#[derive(Clone, Copy)]
struct Compiler<'s> {
    schema: &'s Schema,
    options: &'s Options,
    validation: bool,
    composition: bool,
}

impl Compiler<'_> {
    fn with_extensions_of(self, id: TypeId) -> Self {
        let ext = self.schema.extensions_of(id);
        Compiler {
            validation: ext.validation,
            composition: ext.composition,
            ..self
        }
    }

    /// With the Alternate Names add-in, `altenums` gives enum values their wire symbols
    /// (`SHIPPED` is written `S`): the type with the symbols in place of the values it maps.
    fn wire_enum(
        &self,
        n: &crate::schema::TypeNode,
        p: &crate::schema::PrimitiveType,
    ) -> Option<crate::schema::PrimitiveType> {
        if n.altenums.is_empty()
            || !self.schema.sources()[n.location.source as usize]
                .extensions()
                .alternate_names
        {
            return None;
        }
        let mut on_the_wire = p.clone();
        for v in on_the_wire.enum_values.iter_mut().flatten() {
            if let crate::json::Value::String(s) = v {
                if let Some(symbol) = n.altenums.get(s.as_str()) {
                    *s = symbol.clone();
                }
            }
        }
        Some(on_the_wire)
    }

    /// The node that does the work for `id`: plain `$ref` aliases are skipped.
    fn target(&self, mut id: TypeId) -> NodeId {
        for _ in 0..=self.schema.node_count() {
            let node = self.schema.node(id);
            match node.kind {
                TypeKind::Ref(t)
                    if !self
                        .with_extensions_of(id)
                        .has_composition(&node.composition) =>
                {
                    id = t
                }
                _ => break,
            }
        }
        id.index() as NodeId
    }

    fn has_composition(&self, c: &ModelComposition) -> bool {
        self.composition && !c.is_empty()
    }

    fn node(&self, id: TypeId) -> Node {
        let n = self.schema.node(id);
        let kind = match &n.kind {
            TypeKind::Any | TypeKind::Unconstrained => Kind::Any,
            TypeKind::Ref(t) => Kind::Alias(self.target(*t)),
            TypeKind::Primitive(p) => match self.wire_enum(n, p) {
                Some(on_the_wire) => {
                    Kind::Prim(Box::new(self.primitive(&on_the_wire, &n.validation)))
                }
                None => Kind::Prim(Box::new(self.primitive(p, &n.validation))),
            },
            TypeKind::Object(o) => {
                let props: Box<[Prop]> = o
                    .properties
                    .iter()
                    .map(|p| Prop {
                        name: p.wire_name.as_str().into(),
                        node: self.target(p.ty),
                        raw: RawText::member(&p.wire_name),
                    })
                    .collect();
                Kind::Object(Box::new(ObjectCheck {
                    table: PropTable::new(props.iter().map(|p| &*p.name)),
                    words: word_table(props.iter().map(|p| p.raw.as_ref())),
                    next: order_hints(props.len()),
                    shuffled: AtomicBool::new(false),
                    next_in_map: order_hints(props.len()),
                    props,
                    required: {
                        let mut words = vec![0u64; o.properties.len().div_ceil(64)];
                        for (i, p) in o.properties.iter().enumerate() {
                            if p.required {
                                words[i / 64] |= 1 << (i % 64);
                            }
                        }
                        words.into()
                    },
                    alternatives: o
                        .required_alternatives
                        .iter()
                        .map(|group| {
                            group
                                .iter()
                                .map(|set| {
                                    set.iter()
                                        .filter_map(|name| {
                                            o.properties.iter().position(|p| &p.name == name)
                                        })
                                        .map(|i| i as u32)
                                        .collect()
                                })
                                .collect()
                        })
                        .collect(),
                    additional: match o.additional {
                        Additional::Forbidden => AdditionalCheck::Forbid,
                        Additional::Schema(s) => AdditionalCheck::Schema(self.target(s)),
                        Additional::Allowed | Additional::Unspecified => AdditionalCheck::Allow,
                    },
                    entries: self.entries(
                        &n.validation,
                        Some(&o.properties),
                        "minProperties",
                        "maxProperties",
                    ),
                    addins: Box::new([]),
                }))
            }
            TypeKind::Array { items } | TypeKind::Set { items } => {
                let v = &n.validation;
                let on = self.validation;
                Kind::Array(Box::new(ArrayCheck {
                    items: self.target(*items),
                    set: matches!(n.kind, TypeKind::Set { .. }),
                    unique: on && v.unique_items,
                    min_items: v.min_items.filter(|_| on),
                    max_items: v.max_items.filter(|_| on),
                    contains: v.contains.filter(|_| on).map(|c| self.target(c)),
                    min_contains: v.min_contains.filter(|_| on),
                    max_contains: v.max_contains.filter(|_| on),
                }))
            }
            TypeKind::Map { values } => Kind::Map(Box::new(MapCheck {
                values: self.target(*values),
                entries: self.entries(&n.validation, None, "minEntries", "maxEntries"),
            })),
            TypeKind::Tuple(t) => {
                Kind::Tuple(t.elements.iter().map(|e| self.target(e.ty)).collect())
            }
            TypeKind::Choice(c) => Kind::Choice(Box::new(ChoiceCheck {
                options: c
                    .choices
                    .iter()
                    .map(|(name, ty)| (name.as_str().into(), self.target(*ty)))
                    .collect(),
                selector: c.selector.as_deref().map(Into::into),
            })),
            TypeKind::Union(members) => {
                let members: Box<[NodeId]> = members.iter().map(|m| self.target(*m)).collect();
                let names = n_names(self.schema, &members);
                Kind::Union(Box::new(UnionCheck {
                    members,
                    by_kind: Default::default(),
                    names,
                }))
            }
        };
        let c = &n.composition;
        let composition = self.has_composition(c).then(|| {
            Box::new(Composition {
                all: c.all_of.iter().map(|&s| self.target(s)).collect(),
                any: c.any_of.iter().map(|&s| self.target(s)).collect(),
                one: c.one_of.iter().map(|&s| self.target(s)).collect(),
                not: c.not.map(|s| self.target(s)),
                when: c.if_.map(|i| {
                    (
                        self.target(i),
                        c.then_.map(|t| self.target(t)),
                        c.else_.map(|e| self.target(e)),
                    )
                }),
            })
        });
        Node {
            kind,
            accepts: 0,
            composition,
            schema_path: n.location.pointer.as_str().into(),
        }
    }

    fn primitive(&self, p: &crate::schema::PrimitiveType, v: &Validation) -> PrimCheck {
        let rules = WireRules {
            strict_64: self.options.strict_64,
            binary: p.content_encoding.unwrap_or(Encoding::Base64),
        };
        let numeric = (self.validation && p.ty.is_numeric())
            .then(|| numeric_check(p.ty, v))
            .flatten();
        let string = (self.validation && p.ty.is_string()).then(|| StringCheck {
            min_length: v.min_length,
            pattern: v.pattern.clone(),
            format: v
                .format
                .as_deref()
                .filter(|_| self.options.check_formats)
                .and_then(|f| Format::from_name(f).map(|k| (k, f.into()))),
        });
        let string =
            string.filter(|s| s.min_length.is_some() || s.pattern.is_some() || s.format.is_some());
        let enum_values = p
            .enum_values
            .as_deref()
            .map(|vals| Literals::compile(p.ty, vals));
        let const_value = p
            .const_value
            .as_ref()
            .map(|c| Literals::compile(p.ty, std::slice::from_ref(c)));
        let int_fast = match p.ty.int_range() {
            Some((min, max))
                if max <= u64::MAX as u128
                    && !(p.ty.accepts_number_leniently() && rules.strict_64)
                    && !p.ty.is_string_encoded_number() | p.ty.accepts_number_leniently()
                    && numeric.is_none()
                    && enum_values.is_none()
                    && const_value.is_none() =>
            {
                Some((min.unsigned_abs() as u64, max as u64))
            }
            _ => None,
        };
        let int_text_fast = match p.ty {
            Primitive::Int64 | Primitive::Uint64
                if numeric.is_none() && enum_values.is_none() && const_value.is_none() =>
            {
                Some(if p.ty == Primitive::Int64 {
                    (Some(1 << 63), i64::MAX as u64)
                } else {
                    (None, u64::MAX)
                })
            }
            _ => None,
        };
        let string_set = p.ty == Primitive::String
            && p.max_length.is_none()
            && string.is_none()
            && enum_values.is_some() != const_value.is_some();
        PrimCheck {
            ty: p.ty,
            rules,
            int_fast,
            int_text_fast,
            plain_string: p.ty == Primitive::String
                && p.max_length.is_none()
                && enum_values.is_none()
                && const_value.is_none()
                && string.is_none(),
            plain_literal: matches!(p.ty, Primitive::Null | Primitive::Boolean)
                && enum_values.is_none()
                && const_value.is_none(),
            string_set,
            raw_strings: match enum_values.as_ref().or(const_value.as_ref()) {
                Some(Literals::Strings(values, _)) if string_set => RawStrings::new(values),
                _ => None,
            },
            max_length: p.max_length,
            enum_values,
            const_value,
            numeric,
            string,
        }
    }

    fn entries(
        &self,
        v: &Validation,
        props: Option<&[crate::schema::Property]>,
        min_keyword: &'static str,
        max_keyword: &'static str,
    ) -> Option<Box<EntriesCheck>> {
        if !self.validation {
            return None;
        }
        let declared = props.unwrap_or_default();
        let mut undeclared: Vec<Box<str>> = Vec::new();
        let mut index = |name: &str| match declared.iter().position(|p| p.name == name) {
            Some(i) => i as u32,
            None => {
                let j = match undeclared.iter().position(|u| &**u == name) {
                    Some(j) => j,
                    None => {
                        undeclared.push(name.into());
                        undeclared.len() - 1
                    }
                };
                (declared.len() + j) as u32
            }
        };
        let dependent = v
            .dependent_required
            .iter()
            .map(|(a, bs)| (index(a), bs.iter().map(|b| index(b)).collect()))
            .collect();
        let e = EntriesCheck {
            min: v.min_entries,
            max: v.max_entries,
            dependent,
            undeclared: undeclared.into(),
            patterns: v
                .pattern_entries
                .iter()
                .map(|(p, t)| (p.clone(), self.target(*t)))
                .collect(),
            names: v.entry_names.map(|t| self.target(t)),
            has: v.has.map(|t| self.target(t)),
            min_keyword,
            max_keyword,
        };
        let empty = e.min.is_none()
            && e.max.is_none()
            && e.dependent.is_empty()
            && e.patterns.is_empty()
            && e.names.is_none()
            && e.has.is_none();
        (!empty).then(|| Box::new(e))
    }
}

fn n_names(schema: &Schema, members: &[NodeId]) -> Box<str> {
    members
        .iter()
        .map(|&m| {
            let node = schema.node(TypeId(m));
            match (&node.definition, &node.kind) {
                (Some(d), _) => d.to_string(),
                (None, kind) => kind.describe().to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
        .into()
}

fn numeric_check(ty: Primitive, v: &Validation) -> Option<NumericCheck> {
    let mut bounds = Vec::new();
    for (kind, bound) in [
        (BoundKind::Minimum, &v.minimum),
        (BoundKind::Maximum, &v.maximum),
        (BoundKind::ExclusiveMinimum, &v.exclusive_minimum),
        (BoundKind::ExclusiveMaximum, &v.exclusive_maximum),
    ] {
        let Some(b) = bound else { continue };
        let Some(x) = Exact::parse(&b.text) else {
            continue;
        };
        let value = if ty.is_integer() && !matches!(ty, Primitive::Int128 | Primitive::Uint128) {
            BoundValue::Int(match kind {
                BoundKind::Minimum => x.ceil_i128(),
                BoundKind::Maximum => x.floor_i128(),
                BoundKind::ExclusiveMinimum => x.floor_i128().saturating_add(1),
                BoundKind::ExclusiveMaximum => x.ceil_i128().saturating_sub(1),
            })
        } else if ty.is_float() {
            BoundValue::Float(b.text.parse::<f64>().unwrap_or(f64::NAN))
        } else {
            BoundValue::Exact(x)
        };
        bounds.push((kind, value, b.text.as_str().into()));
    }
    let multiple_of = v
        .multiple_of
        .as_ref()
        .and_then(|m| Exact::parse(&m.text).map(|x| (x, m.text.as_str().into())));
    (!bounds.is_empty() || multiple_of.is_some()).then_some(NumericCheck {
        bounds,
        multiple_of,
    })
}

/// What JSON kinds a node's own type admits (before composition).
fn own_accepts(kind: &Kind) -> Option<u8> {
    use Peek as P;
    Some(match kind {
        Kind::Any => ALL_KINDS,
        Kind::Alias(_) | Kind::Union(_) => return None,
        Kind::Prim(p) => match p.ty {
            Primitive::Null => peek_bit(P::Null),
            Primitive::Boolean => peek_bit(P::Bool),
            t if t.accepts_number_leniently() && !p.rules.strict_64 => {
                peek_bit(P::Number) | peek_bit(P::String)
            }
            t if t.is_numeric() && !t.is_string_encoded_number() => peek_bit(P::Number),
            _ => peek_bit(P::String),
        },
        Kind::Object(_) | Kind::Map(_) | Kind::Choice(_) => peek_bit(P::Object),
        Kind::Array(_) | Kind::Tuple(_) => peek_bit(P::Array),
    })
}

/// Fills `accepts` for every node; aliases and unions take their targets' kinds. The alias and
/// union graph is acyclic (the loader rejects such cycles), walked iteratively in post-order.
fn compute_accepts(nodes: &mut [Node]) {
    let n = nodes.len();
    let mut done = vec![false; n];
    for start in 0..n {
        if done[start] {
            continue;
        }
        let mut stack = vec![(start, false)];
        while let Some((i, expanded)) = stack.pop() {
            if done[i] {
                continue;
            }
            let children: Vec<usize> = match &nodes[i].kind {
                Kind::Alias(t) => vec![*t as usize],
                Kind::Union(u) => u.members.iter().map(|&m| m as usize).collect(),
                _ => Vec::new(),
            };
            if !expanded && children.iter().any(|&c| !done[c]) {
                stack.push((i, true));
                stack.extend(
                    children
                        .into_iter()
                        .filter(|&c| !done[c])
                        .map(|c| (c, false)),
                );
                continue;
            }
            nodes[i].accepts = match own_accepts(&nodes[i].kind) {
                Some(bits) => bits,
                // A child still unfinished here would be a cycle; treat it as accepting all.
                None => children.iter().fold(0, |acc, &c| {
                    acc | if done[c] { nodes[c].accepts } else { ALL_KINDS }
                }),
            };
            done[i] = true;
        }
    }
}

fn fill_union_tables(nodes: &mut [Node]) {
    const KINDS: [Peek; 6] = [
        Peek::Null,
        Peek::Bool,
        Peek::Number,
        Peek::String,
        Peek::Array,
        Peek::Object,
    ];
    for i in 0..nodes.len() {
        let Kind::Union(u) = &nodes[i].kind else {
            continue;
        };
        let tables: [Box<[NodeId]>; 6] = KINDS.map(|k| {
            u.members
                .iter()
                .copied()
                .filter(|&m| nodes[m as usize].accepts & peek_bit(k) != 0)
                .collect()
        });
        if let Kind::Union(u) = &mut nodes[i].kind {
            u.by_kind = tables;
        }
    }
}
