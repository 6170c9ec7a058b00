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

pub(super) use binary::read_content_encoding;
pub(super) use literals::check_literals;
pub(crate) use literals::literal_scalar;
pub(super) use structure::{build, object_body, type_keyword};

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
    fn describe(self) -> &'static str {
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
enum AddIn {
    Validation,
    Composition,
    AlternateNames,
    Units,
    Relations,
}

impl AddIn {
    /// The name `$uses` enables it by.
    const fn name(self) -> &'static str {
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
enum Applies {
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
enum Misplaced {
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
enum Gate {
    Always,
    /// Without the add-in: a warning, and the value is still checked (the conformance corpus
    /// rejects bad values of keywords that are not enabled) but not enforced.
    AddIn(AddIn),
    /// Without the add-in: the warning only, because the keyword would change the model.
    AddInOnly(AddIn),
}

/// Records one keyword of one node in the model.
type Handler = fn(&mut Loader<'_>, At<'_>);

/// A keyword the loader knows.
#[derive(Debug, Clone, Copy)]
struct Keyword {
    name: &'static str,
    applies: Applies,
    misplaced: Misplaced,
    gate: Gate,
    /// Only at the document root (which `load` reads); a schema elsewhere must not have it.
    root_only: bool,
    handler: Handler,
}

const fn kw(applies: Applies, handler: Handler) -> Keyword {
    Keyword {
        name: "",
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
const ROOT_ONLY: Keyword = Keyword {
    root_only: true,
    ..kw(Applies::Anywhere, read_by_document)
};

fn read_by_document(_: &mut Loader<'_>, _: At<'_>) {}

/// Declares [`KEYWORDS`] and [`lookup`], a `match` on the name generated from the same list so
/// that the two cannot drift apart (a name listed twice is an unreachable pattern).
macro_rules! keywords {
    ($($name:literal => $keyword:expr,)*) => {
        /// Every keyword the loader knows, by family. A name not here is a custom annotation
        /// (core `#reserved-keywords`).
        static KEYWORDS: &[Keyword] = &[$(Keyword { name: $name, ..$keyword },)*];

        /// The keyword called `name`, if the loader knows one.
        fn lookup(name: &str) -> Option<&'static Keyword> {
            const NAMES: &[&str] = &[$($name,)*];
            let i = match name {
                $($name => const { position(NAMES, $name) },)*
                _ => return None,
            };
            Some(&KEYWORDS[i])
        }
    };
}

/// Where `name` is in `names` (at compile time: `str` equality is not `const`).
const fn position(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("a keyword name missing from its own list")
}

const NUMERIC: Applies = Applies::Primitives(Primitive::is_numeric, "numeric types");
const STRING: Applies = Applies::Primitives(Primitive::is_string, "string");
const OBJECT: Applies = Applies::Compounds(&[Compound::Object], "object");
const OBJECT_TUPLE: Applies =
    Applies::Compounds(&[Compound::Object, Compound::Tuple], "object and tuple");
const ARRAYS: Applies = Applies::Compounds(&[Compound::Array, Compound::Set], "array and set");
const MAPS: Applies = Applies::Compounds(&[Compound::Map], "map");
const CHOICE: Applies = Applies::Compounds(&[Compound::Choice], "choice");
const ANY: Applies = Applies::Anywhere;
const VALIDATION: AddIn = AddIn::Validation;
const COMPOSITION: AddIn = AddIn::Composition;
const ALTERNATE_NAMES: AddIn = AddIn::AlternateNames;
const UNITS: AddIn = AddIn::Units;
const RELATIONS: AddIn = AddIn::Relations;

keywords! {
    // Document keywords, read by `load`.
    "$schema" => ROOT_ONLY,
    "$id" => ROOT_ONLY,
    "$root" => ROOT_ONLY,
    "definitions" => ROOT_ONLY,
    "$offers" => ROOT_ONLY,
    "$uses" => ROOT_ONLY,
    "$import" => ROOT_ONLY,
    "$importdefs" => ROOT_ONLY,

    // Structure: the node is built from these first.
    "type" => kw(ANY, structure::read_first),
    "properties" => kw(
        // Tuples declare their elements as properties; the message names objects only.
        Applies::Compounds(&[Compound::Object, Compound::Tuple], "object"),
        structure::read_first,
    ),
    "required" => kw(OBJECT, structure::read_first),
    "additionalProperties" => kw(OBJECT, structure::additional_properties)
        .misplaced(Misplaced::ReportAndRun),
    "items" => kw(ARRAYS, structure::read_first),
    "values" => kw(MAPS, structure::read_first),
    "choices" => kw(CHOICE, structure::read_first),
    "selector" => kw(CHOICE, structure::read_first),
    "tuple" => kw(
        Applies::Compounds(&[Compound::Tuple], "tuple"),
        structure::read_first,
    ),
    "$ref" => kw(ANY, structure::ref_outside_type),

    // Documentation.
    "description" => kw(ANY, documentation::description),
    "examples" => kw(ANY, documentation::examples),
    "name" => kw(ANY, documentation::name),
    "$comment" => kw(ANY, documentation::annotation),
    "title" => kw(ANY, documentation::annotation),
    "default" => kw(ANY, documentation::default).with(VALIDATION),

    // Inheritance.
    "abstract" => kw(OBJECT_TUPLE, inheritance::is_abstract)
        .misplaced(Misplaced::HandlerReports),
    "$extends" => kw(
        Applies::Compounds(
            &[Compound::Object, Compound::Tuple, Compound::Choice],
            "object, tuple and choice",
        ),
        inheritance::extends,
    ),

    // Literals.
    "enum" => kw(Applies::Literal, literals::read_last),
    "const" => kw(Applies::Literal, literals::read_last),

    // Strings.
    "maxLength" => kw(STRING, strings::max_length),
    "minLength" => kw(STRING, strings::min_length).with(VALIDATION),
    "pattern" => kw(STRING, strings::pattern).with(VALIDATION),
    "format" => kw(STRING, strings::format).with(VALIDATION),

    // Numbers.
    "precision" => kw(NUMERIC, numbers::precision),
    "scale" => kw(NUMERIC, numbers::scale),
    "minimum" => kw(NUMERIC, numbers::minimum).with(VALIDATION),
    "maximum" => kw(NUMERIC, numbers::maximum).with(VALIDATION),
    "exclusiveMinimum" => kw(NUMERIC, numbers::exclusive_minimum).with(VALIDATION),
    "exclusiveMaximum" => kw(NUMERIC, numbers::exclusive_maximum).with(VALIDATION),
    "multipleOf" => kw(NUMERIC, numbers::multiple_of).with(VALIDATION),

    // Binary content.
    "contentEncoding" => kw(Applies::Binary, binary::content_encoding),
    "contentMediaType" => kw(Applies::Binary, binary::content_media_type),
    "contentCompression" => kw(Applies::Binary, binary::content_compression),

    // Arrays and sets.
    "minItems" => kw(ARRAYS, arrays::min_items).with(VALIDATION),
    "maxItems" => kw(ARRAYS, arrays::max_items).with(VALIDATION),
    "uniqueItems" => kw(ARRAYS, arrays::unique_items).with(VALIDATION),
    "contains" => kw(ARRAYS, arrays::contains).with(VALIDATION),
    "minContains" => kw(ARRAYS, arrays::min_contains).with(VALIDATION),
    "maxContains" => kw(ARRAYS, arrays::max_contains).with(VALIDATION),

    // Objects and maps.
    "minProperties" => kw(
        Applies::ObjectSpelling { map: "minEntries" },
        objects::min_entries,
    )
    .with(VALIDATION),
    "maxProperties" => kw(
        Applies::ObjectSpelling { map: "maxEntries" },
        objects::max_entries,
    )
    .with(VALIDATION),
    "dependentRequired" => kw(OBJECT, objects::dependent_required).with(VALIDATION),
    "patternProperties" => kw(
        Applies::ObjectSpelling { map: "patternKeys" },
        objects::pattern_entries,
    )
    .with(VALIDATION),
    "propertyNames" => kw(
        Applies::ObjectSpelling { map: "keyNames" },
        objects::entry_names,
    )
    .with(VALIDATION),
    "minEntries" => kw(MAPS, objects::min_entries).with(VALIDATION),
    "maxEntries" => kw(MAPS, objects::max_entries).with(VALIDATION),
    "patternKeys" => kw(MAPS, objects::pattern_entries).with(VALIDATION),
    "keyNames" => kw(MAPS, objects::entry_names).with(VALIDATION),
    "has" => kw(
        Applies::Compounds(&[Compound::Object, Compound::Map], "object and map"),
        objects::has,
    )
    .with(VALIDATION),

    // Conditional composition.
    "allOf" => kw(ANY, composition::all_of).with(COMPOSITION),
    "anyOf" => kw(ANY, composition::any_of).with(COMPOSITION),
    "oneOf" => kw(ANY, composition::one_of).with(COMPOSITION),
    "not" => kw(ANY, composition::not).with(COMPOSITION),
    "if" => kw(ANY, composition::if_).with(COMPOSITION),
    "then" => kw(ANY, composition::then).with(COMPOSITION),
    "else" => kw(ANY, composition::else_).with(COMPOSITION),

    // Alternate names.
    "altnames" => kw(ANY, alternate_names::altnames).with(ALTERNATE_NAMES),
    "altenums" => kw(Applies::OnePrimitive("enumerations"), alternate_names::altenums)
        .with(ALTERNATE_NAMES)
        .misplaced(Misplaced::HandlerReports),
    "descriptions" => kw(ANY, alternate_names::descriptions).with(ALTERNATE_NAMES),

    // Units.
    "unit" => kw(ANY, units::unit).with(UNITS),
    "currency" => kw(ANY, units::annotation).with(UNITS),
    "symbol" => kw(ANY, units::annotation).with(UNITS),
    "symbols" => kw(ANY, units::annotation).with(UNITS),

    // Relations.
    "identity" => kw(OBJECT_TUPLE, relations::identity).only_with(RELATIONS),
    "relations" => kw(OBJECT, relations::relations).only_with(RELATIONS),

    // JSON Schema keywords JSON Structure does not have.
    "$defs" => kw(ANY, foreign::ignored),
    "prefixItems" => kw(ANY, foreign::ignored),
    "additionalItems" => kw(ANY, foreign::ignored),
    "unevaluatedProperties" => kw(ANY, foreign::ignored),
    "unevaluatedItems" => kw(ANY, foreign::ignored),
    "dependentSchemas" => kw(ANY, foreign::ignored),
    "nullable" => kw(ANY, foreign::ignored),
    "$anchor" => kw(ANY, foreign::ignored),
    "$dynamicRef" => kw(ANY, foreign::ignored),
    "$dynamicAnchor" => kw(ANY, foreign::ignored),
    "keys" => kw(MAPS, foreign::keys).misplaced(Misplaced::Ignored),
}

/// One keyword of one node, as its handler sees it.
#[derive(Clone, Copy)]
struct At<'a> {
    keyword: &'static Keyword,
    /// The node the keyword records into (for a union, each primitive member in turn).
    id: TypeId,
    cat: Cat,
    member: &'a Member,
    /// The keyword's JSON Pointer.
    ptr: &'a str,
    is_root: bool,
}

impl At<'_> {
    fn key(&self) -> &'static str {
        self.keyword.name
    }

    fn value(&self) -> &Node {
        &self.member.value
    }

    /// Whether the keyword applies to the node it stands in.
    fn applies(&self) -> bool {
        self.keyword.applies.admits(self.cat)
    }

    /// Reports the keyword as standing where it does not apply, at `offset`.
    fn report_misplaced(&self, l: &mut Loader<'_>, offset: usize) {
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

/// Checks one member of a schema object and records it: the add-in warning, the root-only
/// check, the applicability check, then the handler. Unknown members are custom annotations.
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
            Misplaced::Report => {
                at.report_misplaced(l, member.key_start);
                return;
            }
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
    fn not_for_type(&mut self, ptr: &str, at: usize, key: &str, valid: &str, cat: Cat) {
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

    fn non_negative_int(&mut self, v: &Node, ptr: &str, key: &str) -> Option<u64> {
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

    fn with_prim(&mut self, id: TypeId, f: impl FnOnce(&mut super::PrimitiveType)) {
        if let TypeKind::Primitive(pt) = &mut self.nodes[id.index()].kind {
            f(pt);
        }
    }
}

#[cfg(test)]
mod tests;
