//! The keywords of a schema object. One table says, for each keyword, where it applies, which
//! add-in enables it, whether it is root-only, and which handler records it in the model;
//! [`dispatch`] runs that for every member. The handlers live in one file per keyword family.

mod alternate_names;
mod arrays;
mod binary;
mod composition;
mod documentation;
mod foreign;
mod inheritance;
mod literals;
mod numbers;
mod objects;
mod relations;
mod strings;
mod structure;
mod units;

use super::load::{
    Loader, ALTNAMES_ADDIN, COMPOSITION_ADDIN, RELATIONS_ADDIN, UNITS_ADDIN, VALIDATION_ADDIN,
};
use super::{Compound, Extensions, Primitive, TypeId, TypeKind};
use crate::diagnostic::Code;
use crate::json::{pointer, Member, Node};

/// The kind of a schema node as far as keyword applicability is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cat {
    Prim(Primitive),
    Compound(Compound),
    Union,
    Ref,
    Untyped,
}

impl Cat {
    pub(super) fn describe(self) -> &'static str {
        match self {
            Cat::Prim(p) => p.name(),
            Cat::Compound(c) => c.name(),
            Cat::Union => "union",
            Cat::Ref => "$ref",
            Cat::Untyped => "untyped schema",
        }
    }
}

/// The add-ins that bring keywords of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AddIn {
    Validation,
    Composition,
    AlternateNames,
    Units,
    Relations,
}

impl AddIn {
    /// The name `$uses` enables it by.
    pub(super) const fn name(self) -> &'static str {
        match self {
            AddIn::Validation => VALIDATION_ADDIN,
            AddIn::Composition => COMPOSITION_ADDIN,
            AddIn::AlternateNames => ALTNAMES_ADDIN,
            AddIn::Units => UNITS_ADDIN,
            AddIn::Relations => RELATIONS_ADDIN,
        }
    }

    fn is_enabled(self, ext: Extensions) -> bool {
        match self {
            AddIn::Validation => ext.validation,
            AddIn::Composition => ext.composition,
            AddIn::AlternateNames => ext.alternate_names,
            AddIn::Units => ext.units,
            AddIn::Relations => ext.relations,
        }
    }
}

/// Which nodes a keyword applies to; the phrase names them in "only valid for ..." errors.
#[derive(Debug, Clone, Copy)]
pub(super) enum Applies {
    Anywhere,
    Compounds(&'static [Compound], &'static str),
    /// Primitive types that pass the test; on a union, each member that does (the error only
    /// when none does).
    Primitives(fn(Primitive) -> bool, &'static str),
    /// A primitive type, not a union.
    OnePrimitive(&'static str),
    /// `enum` and `const`: a primitive type, not a union (with their own messages).
    Literal,
    /// Binary only; elsewhere the keyword is ignored with a warning, not rejected.
    Binary,
    /// Objects only; on a map the error names the map's own spelling of the keyword.
    ObjectSpelling {
        map: &'static str,
    },
}

impl Applies {
    fn admits(self, cat: Cat) -> bool {
        match self {
            Applies::Anywhere => true,
            Applies::Compounds(types, _) => {
                matches!(cat, Cat::Compound(c) if types.contains(&c))
            }
            Applies::Primitives(test, _) => matches!(cat, Cat::Prim(p) if test(p)),
            Applies::OnePrimitive(_) | Applies::Literal => matches!(cat, Cat::Prim(_)),
            Applies::Binary => cat == Cat::Prim(Primitive::Binary),
            Applies::ObjectSpelling { .. } => cat == Cat::Compound(Compound::Object),
        }
    }
}

/// What happens when a keyword stands where it does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Misplaced {
    /// Reported; the handler does not run.
    Report,
    /// Reported, and the handler still runs: its own check does not depend on the type.
    ReportAndRun,
    /// The handler reports it, because whether the keyword is misplaced depends on its value.
    HandlerReports,
    /// Elsewhere it is a custom annotation like any unknown keyword.
    Ignored,
}

/// Whether an add-in must enable the keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gate {
    Always,
    /// Without the add-in: a warning, and the value is still checked (the conformance corpus
    /// rejects bad values of keywords that are not enabled) but not enforced.
    AddIn(AddIn),
    /// Without the add-in: the warning only, because the keyword would change the model.
    AddInOnly(AddIn),
}

/// Records one keyword of one node in the model.
pub(super) type Handler = fn(&mut Loader<'_>, At<'_>);

/// A keyword the loader knows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Keyword {
    pub(super) name: &'static str,
    pub(super) applies: Applies,
    pub(super) misplaced: Misplaced,
    pub(super) gate: Gate,
    /// Only at the document root (which `load` reads); a schema elsewhere must not have it.
    pub(super) root_only: bool,
    pub(super) handler: Handler,
}

const fn kw(name: &'static str, applies: Applies, handler: Handler) -> Keyword {
    Keyword {
        name,
        applies,
        misplaced: Misplaced::Report,
        gate: Gate::Always,
        root_only: false,
        handler,
    }
}

impl Keyword {
    const fn with(self, addin: AddIn) -> Keyword {
        Keyword {
            gate: Gate::AddIn(addin),
            ..self
        }
    }

    const fn only_with(self, addin: AddIn) -> Keyword {
        Keyword {
            gate: Gate::AddInOnly(addin),
            ..self
        }
    }

    const fn misplaced(self, misplaced: Misplaced) -> Keyword {
        Keyword { misplaced, ..self }
    }
}

/// A document keyword: read by `load` at the root, an error anywhere else.
const fn root_only(name: &'static str) -> Keyword {
    Keyword {
        root_only: true,
        ..kw(name, Applies::Anywhere, read_by_document)
    }
}

fn read_by_document(_: &mut Loader<'_>, _: At<'_>) {}

const OBJECT: &[Compound] = &[Compound::Object];
const MAP: &[Compound] = &[Compound::Map];
const ARRAY_SET: &[Compound] = &[Compound::Array, Compound::Set];
const NUMERIC: Applies = Applies::Primitives(Primitive::is_numeric, "numeric types");
const STRING: Applies = Applies::Primitives(Primitive::is_string, "string");
const ARRAYS: Applies = Applies::Compounds(ARRAY_SET, "array and set");
const MAPS: Applies = Applies::Compounds(MAP, "map");
const ANY: Applies = Applies::Anywhere;

/// Every keyword, sorted by name (byte order) for [`lookup`]. A name not here is a custom
/// annotation (core `#reserved-keywords`).
pub(super) static KEYWORDS: &[Keyword] = {
    use AddIn::{AlternateNames, Composition, Relations, Units, Validation};
    use Compound::{Choice, Map, Object, Tuple};
    &[
        kw("$anchor", ANY, foreign::ignored),
        kw("$comment", ANY, documentation::annotation),
        kw("$defs", ANY, foreign::ignored),
        kw("$dynamicAnchor", ANY, foreign::ignored),
        kw("$dynamicRef", ANY, foreign::ignored),
        kw(
            "$extends",
            Applies::Compounds(&[Object, Tuple, Choice], "object, tuple and choice"),
            inheritance::extends,
        ),
        root_only("$id"),
        root_only("$import"),
        root_only("$importdefs"),
        root_only("$offers"),
        kw("$ref", ANY, structure::ref_outside_type),
        root_only("$root"),
        root_only("$schema"),
        root_only("$uses"),
        kw(
            "abstract",
            Applies::Compounds(&[Object, Tuple], "object and tuple"),
            inheritance::is_abstract,
        )
        .misplaced(Misplaced::HandlerReports),
        kw("additionalItems", ANY, foreign::ignored),
        kw(
            "additionalProperties",
            Applies::Compounds(OBJECT, "object"),
            structure::additional_properties,
        )
        .misplaced(Misplaced::ReportAndRun),
        kw("allOf", ANY, composition::all_of).with(Composition),
        kw(
            "altenums",
            Applies::OnePrimitive("enumerations"),
            alternate_names::altenums,
        )
        .with(AlternateNames)
        .misplaced(Misplaced::HandlerReports),
        kw("altnames", ANY, alternate_names::altnames).with(AlternateNames),
        kw("anyOf", ANY, composition::any_of).with(Composition),
        kw(
            "choices",
            Applies::Compounds(&[Choice], "choice"),
            structure::read_first,
        ),
        kw("const", Applies::Literal, literals::read_last),
        kw("contains", ARRAYS, arrays::contains).with(Validation),
        kw(
            "contentCompression",
            Applies::Binary,
            binary::content_compression,
        ),
        kw("contentEncoding", Applies::Binary, binary::content_encoding),
        kw(
            "contentMediaType",
            Applies::Binary,
            binary::content_media_type,
        ),
        kw("currency", ANY, units::annotation).with(Units),
        kw("default", ANY, documentation::default).with(Validation),
        root_only("definitions"),
        kw(
            "dependentRequired",
            Applies::Compounds(OBJECT, "object"),
            objects::dependent_required,
        )
        .with(Validation),
        kw("dependentSchemas", ANY, foreign::ignored),
        kw("description", ANY, documentation::description),
        kw("descriptions", ANY, alternate_names::descriptions).with(AlternateNames),
        kw("else", ANY, composition::else_).with(Composition),
        kw("enum", Applies::Literal, literals::read_last),
        kw("examples", ANY, documentation::examples),
        kw("exclusiveMaximum", NUMERIC, numbers::exclusive_maximum).with(Validation),
        kw("exclusiveMinimum", NUMERIC, numbers::exclusive_minimum).with(Validation),
        kw("format", STRING, strings::format).with(Validation),
        kw(
            "has",
            Applies::Compounds(&[Object, Map], "object and map"),
            objects::has,
        )
        .with(Validation),
        kw(
            "identity",
            Applies::Compounds(&[Object, Tuple], "object and tuple"),
            relations::identity,
        )
        .only_with(Relations),
        kw("if", ANY, composition::if_).with(Composition),
        kw("items", ARRAYS, structure::read_first),
        kw("keyNames", MAPS, objects::entry_names).with(Validation),
        kw("keys", MAPS, foreign::keys).misplaced(Misplaced::Ignored),
        kw("maxContains", ARRAYS, arrays::max_contains).with(Validation),
        kw("maxEntries", MAPS, objects::max_entries).with(Validation),
        kw("maxItems", ARRAYS, arrays::max_items).with(Validation),
        kw("maxLength", STRING, strings::max_length),
        kw(
            "maxProperties",
            Applies::ObjectSpelling { map: "maxEntries" },
            objects::max_entries,
        )
        .with(Validation),
        kw("maximum", NUMERIC, numbers::maximum).with(Validation),
        kw("minContains", ARRAYS, arrays::min_contains).with(Validation),
        kw("minEntries", MAPS, objects::min_entries).with(Validation),
        kw("minItems", ARRAYS, arrays::min_items).with(Validation),
        kw("minLength", STRING, strings::min_length).with(Validation),
        kw(
            "minProperties",
            Applies::ObjectSpelling { map: "minEntries" },
            objects::min_entries,
        )
        .with(Validation),
        kw("minimum", NUMERIC, numbers::minimum).with(Validation),
        kw("multipleOf", NUMERIC, numbers::multiple_of).with(Validation),
        kw("name", ANY, documentation::name),
        kw("not", ANY, composition::not).with(Composition),
        kw("nullable", ANY, foreign::ignored),
        kw("oneOf", ANY, composition::one_of).with(Composition),
        kw("pattern", STRING, strings::pattern).with(Validation),
        kw("patternKeys", MAPS, objects::pattern_entries).with(Validation),
        kw(
            "patternProperties",
            Applies::ObjectSpelling { map: "patternKeys" },
            objects::pattern_entries,
        )
        .with(Validation),
        kw("precision", NUMERIC, numbers::precision),
        kw("prefixItems", ANY, foreign::ignored),
        kw(
            "properties",
            Applies::Compounds(&[Object, Tuple], "object"),
            structure::read_first,
        ),
        kw(
            "propertyNames",
            Applies::ObjectSpelling { map: "keyNames" },
            objects::entry_names,
        )
        .with(Validation),
        kw(
            "relations",
            Applies::Compounds(OBJECT, "object"),
            relations::relations,
        )
        .only_with(Relations),
        kw(
            "required",
            Applies::Compounds(OBJECT, "object"),
            structure::read_first,
        ),
        kw("scale", NUMERIC, numbers::scale),
        kw(
            "selector",
            Applies::Compounds(&[Choice], "choice"),
            structure::read_first,
        ),
        kw("symbol", ANY, units::annotation).with(Units),
        kw("symbols", ANY, units::annotation).with(Units),
        kw("then", ANY, composition::then).with(Composition),
        kw("title", ANY, documentation::annotation),
        kw(
            "tuple",
            Applies::Compounds(&[Tuple], "tuple"),
            structure::read_first,
        ),
        kw("type", ANY, structure::read_first),
        kw("unevaluatedItems", ANY, foreign::ignored),
        kw("unevaluatedProperties", ANY, foreign::ignored),
        kw("uniqueItems", ARRAYS, arrays::unique_items).with(Validation),
        kw("unit", ANY, units::unit).with(Units),
        kw("values", MAPS, structure::read_first),
    ]
};

/// The keyword called `name`, if the loader knows one.
pub(super) fn lookup(name: &str) -> Option<&'static Keyword> {
    KEYWORDS
        .binary_search_by(|k| k.name.cmp(name))
        .ok()
        .map(|i| &KEYWORDS[i])
}

/// One keyword of one node, as its handler sees it.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) keyword: &'static Keyword,
    /// The node the keyword records into (for a union, each primitive member in turn).
    pub(super) id: TypeId,
    pub(super) cat: Cat,
    pub(super) member: &'a Member,
    /// The keyword's JSON Pointer.
    pub(super) ptr: &'a str,
    pub(super) is_root: bool,
}

impl At<'_> {
    pub(super) fn key(&self) -> &str {
        &self.member.key
    }

    pub(super) fn value(&self) -> &Node {
        &self.member.value
    }

    /// Whether the keyword applies to the node it stands in.
    pub(super) fn applies(&self) -> bool {
        self.keyword.applies.admits(self.cat)
    }

    /// Reports the keyword as standing where it does not apply, at `offset`.
    pub(super) fn report_misplaced(&self, l: &mut Loader<'_>, offset: usize) {
        let (key, cat) = (self.key(), self.cat);
        match self.keyword.applies {
            Applies::Anywhere => {}
            Applies::Compounds(_, valid)
            | Applies::Primitives(_, valid)
            | Applies::OnePrimitive(valid) => l.not_for_type(self.ptr, offset, key, valid, cat),
            Applies::ObjectSpelling { map } if cat == Cat::Compound(Compound::Map) => l.error(
                Code::SchemaConstraintInvalidForType,
                self.ptr,
                offset,
                format!("'{key}' is for objects; maps use '{map}'"),
            ),
            Applies::ObjectSpelling { .. } => l.not_for_type(self.ptr, offset, key, "object", cat),
            Applies::Literal => {
                let why = if cat == Cat::Union {
                    format!("'{key}' cannot be combined with a type union")
                } else {
                    format!(
                        "'{key}' is only valid for primitive types, not '{}'",
                        cat.describe()
                    )
                };
                l.error(Code::SchemaConstraintInvalidForType, self.ptr, offset, why);
            }
            Applies::Binary => l.warn(
                Code::SchemaKeywordIgnored,
                self.ptr,
                offset,
                format!(
                    "'{key}' applies to the binary type; it is ignored on '{}'",
                    cat.describe()
                ),
            ),
        }
    }
}

/// Checks one member of a schema object against the node's category and records it.
pub(super) fn dispatch(
    l: &mut Loader<'_>,
    id: TypeId,
    cat: Cat,
    member: &Member,
    ptr: &str,
    is_root: bool,
) {
    let Some(keyword) = lookup(&member.key) else {
        // Any other keyword is a custom annotation (core `#reserved-keywords`).
        return;
    };
    let kptr = pointer::join(ptr, &member.key);
    let at = At {
        keyword,
        id,
        cat,
        member,
        ptr: &kptr,
        is_root,
    };
    if let Gate::AddIn(addin) | Gate::AddInOnly(addin) = keyword.gate {
        if !addin.is_enabled(l.ext) {
            let name = addin.name();
            l.warn(
                Code::SchemaExtensionKeywordWithoutUses,
                &kptr,
                member.key_start,
                format!("'{}' belongs to the {name} add-in, which this document does not enable with \"$uses\": [\"{name}\"]; it is not enforced", member.key),
            );
            if keyword.gate == Gate::AddInOnly(addin) {
                return;
            }
        }
    }
    if keyword.root_only && !is_root {
        l.error(
            Code::SchemaKeywordNotAtRoot,
            &kptr,
            member.key_start,
            format!("'{}' is only allowed at the document root", member.key),
        );
    }
    if let (Applies::Primitives(test, _), Cat::Union) = (keyword.applies, cat) {
        for_union_members(l, at, test);
        return;
    }
    if !at.applies() {
        match keyword.misplaced {
            Misplaced::Report => return at.report_misplaced(l, member.key_start),
            Misplaced::ReportAndRun => at.report_misplaced(l, member.key_start),
            Misplaced::HandlerReports => {}
            Misplaced::Ignored => return,
        }
    }
    (keyword.handler)(l, at);
}

/// A primitive keyword on a union applies to each member it fits; its diagnostics are
/// reported once, for the first.
fn for_union_members(l: &mut Loader<'_>, at: At<'_>, test: fn(Primitive) -> bool) {
    let members = match &l.nodes[at.id.index()].kind {
        TypeKind::Union(ms) => ms.clone(),
        _ => Vec::new(),
    };
    let targets: Vec<(TypeId, Primitive)> = members
        .into_iter()
        .filter_map(|t| match &l.nodes[t.index()].kind {
            TypeKind::Primitive(pt) if test(pt.ty) => Some((t, pt.ty)),
            _ => None,
        })
        .collect();
    if targets.is_empty() {
        at.report_misplaced(l, at.member.key_start);
    }
    let was_quiet = l.quiet;
    for (i, (id, ty)) in targets.into_iter().enumerate() {
        l.quiet = was_quiet || i > 0;
        let member = At {
            id,
            cat: Cat::Prim(ty),
            ..at
        };
        (at.keyword.handler)(l, member);
    }
    l.quiet = was_quiet;
}

pub(super) use binary::read_content_encoding;
pub(super) use literals::check_literals;
pub(crate) use literals::literal_scalar;
pub(super) use structure::{build, object_body, type_keyword};

/// Lower and upper bounds, of every family, that no value could satisfy.
pub(super) fn check_ranges(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    numbers::check_bounds(l, id, node, ptr);
    strings::check_lengths(l, id, node, ptr);
    arrays::check_counts(l, id, node, ptr);
    objects::check_counts(l, id, node, ptr);
    numbers::check_precision_scale(l, id, node, ptr);
}

/// A minimum count above its maximum, reported at the minimum.
fn check_count_pair(
    l: &mut Loader<'_>,
    node: &Node,
    ptr: &str,
    (lo_key, hi_key): (&str, &str),
    lo: Option<u64>,
    hi: Option<u64>,
) {
    if let (Some(lo), Some(hi)) = (lo, hi) {
        if lo > hi {
            let at = node.get(lo_key).map_or(node.start, |n| n.start);
            l.error(
                Code::SchemaMinGreaterThanMax,
                &pointer::join(ptr, lo_key),
                at,
                format!("'{lo_key}' cannot be greater than '{hi_key}'"),
            );
        }
    }
}

impl Loader<'_> {
    pub(super) fn not_for_type(&mut self, ptr: &str, at: usize, key: &str, valid: &str, cat: Cat) {
        self.error(
            Code::SchemaConstraintInvalidForType,
            ptr,
            at,
            format!(
                "'{key}' constraint is only valid for {valid}, not '{}'",
                cat.describe()
            ),
        );
    }

    pub(super) fn non_negative_int(&mut self, v: &Node, ptr: &str, key: &str) -> Option<u64> {
        let n = v.as_number().and_then(|t| t.parse::<u64>().ok());
        if n.is_none() {
            self.error(
                Code::SchemaIntegerConstraintInvalid,
                ptr,
                v.start,
                format!("{key} must be a non-negative integer"),
            );
        }
        n
    }

    pub(super) fn with_prim(&mut self, id: TypeId, f: impl FnOnce(&mut super::PrimitiveType)) {
        if let TypeKind::Primitive(pt) = &mut self.nodes[id.index()].kind {
            f(pt);
        }
    }
}

#[cfg(test)]
mod tests;
