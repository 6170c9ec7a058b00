//! The checked model of a JSON Structure document.
//!
//! Loading parses the document with spans, checks every core rule (and sanity-checks the
//! Validation and Conditional Composition keywords), resolves `$ref`, `$root` and `$extends`,
//! and flattens inheritance. Everything downstream (validator, code generator, exporters)
//! consumes this model and never re-reads the raw JSON, so the rules live here only.
//!
//! The model is an arena: every schema node (named definition or inline) is a [`TypeNode`]
//! addressed by a [`TypeId`]. Named definitions are kept in an ordered map so iteration is
//! deterministic.

mod import;
mod keywords;
mod load;
pub(crate) mod pattern;
mod relations;
mod resolve;
mod set;
mod typeless;
mod types;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub(crate) use keywords::literal_scalar;
pub use pattern::Pattern;
pub use set::{DocumentId, SchemaSet};
pub use types::{is_identifier, Compound, Primitive, WireForm};

use crate::diagnostic::{Diagnostic, Severity};
use crate::formats::Encoding;

/// A member of a [`Literal`] object, with the byte offset of its key.
pub use crate::json::Member as LiteralMember;
/// An element of a [`Literal`] array (or a member's value), with the byte range it occupies in
/// the schema document.
pub use crate::json::Node as LiteralNode;
/// A JSON value written in a schema (`const`, `enum`, `default`): numbers keep their exact
/// source text, members their order and duplicates.
pub use crate::json::Value as Literal;

/// Index of a node in the schema arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub(crate) u32);

impl TypeId {
    /// The node's position in the arena ([`Schema::nodes`] order).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where a node or keyword sits in the schema document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// JSON Pointer into the schema document.
    pub pointer: String,
    /// 1-based line (0 when the location is not in a text, such as a whole document).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The document ([`Schema::sources`]) the pointer is in.
    pub(crate) source: u32,
}

impl Location {
    /// A location in the checked document (for tools that report their own findings the way
    /// the loader does).
    pub fn new(pointer: impl Into<String>, line: usize, column: usize) -> Location {
        Location {
            pointer: pointer.into(),
            line,
            column,
            source: 0,
        }
    }
}

/// A document a model was built from: the checked document, or one it imports (once per
/// namespace it is imported into, unless the copies are identical and shared).
#[derive(Debug, Clone)]
pub struct Source {
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) namespace: DefinitionPath,
    pub(crate) extensions: Extensions,
    pub(crate) imported: bool,
    pub(crate) root: Option<TypeId>,
}

impl Source {
    /// How diagnostics name the document (its path, or the name it was added under).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The document's `$id`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The namespace its definitions landed in (empty for the checked document).
    pub fn namespace(&self) -> &DefinitionPath {
        &self.namespace
    }

    /// The add-ins the document enables; its own keywords are enforced by these.
    pub fn extensions(&self) -> Extensions {
        self.extensions
    }

    /// Whether the document was brought in by `$import`/`$importdefs`.
    pub fn is_imported(&self) -> bool {
        self.imported
    }

    /// The document's root type (declared with `type`), if it has one.
    pub fn root(&self) -> Option<TypeId> {
        self.root
    }
}

/// A loaded, checked JSON Structure document.
#[derive(Debug, Clone)]
pub struct Schema {
    pub(crate) id: String,
    pub(crate) meta_schema: String,
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) root: Option<TypeId>,
    pub(crate) nodes: Vec<TypeNode>,
    pub(crate) definitions: BTreeMap<DefinitionPath, TypeId>,
    pub(crate) extensions: Extensions,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) sources: Vec<Source>,
    /// `$offers`: add-in name -> the definitions it adds.
    pub(crate) offers: BTreeMap<String, Vec<TypeId>>,
}

/// The namespace path and name of a definition, e.g. `["HR", "Employee"]` for
/// `#/definitions/HR/Employee`.
///
/// ```
/// use jsonstruct::schema::DefinitionPath;
///
/// let path = DefinitionPath(vec!["HR".into(), "Employee".into()]);
/// assert_eq!(path.name(), "Employee");
/// assert_eq!(path.to_ref(), "#/definitions/HR/Employee");
/// assert_eq!(path.to_type_name(), "HR/Employee");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DefinitionPath(pub Vec<String>);

impl DefinitionPath {
    /// The type's own name (last segment).
    pub fn name(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }

    /// The enclosing namespaces.
    pub fn namespace(&self) -> &[String] {
        &self.0[..self.0.len().saturating_sub(1)]
    }

    /// The `#/definitions/...` reference to this definition.
    pub fn to_ref(&self) -> String {
        let mut p = String::from("#/definitions");
        for seg in &self.0 {
            crate::json::pointer::push(&mut p, seg);
        }
        p
    }
}

impl DefinitionPath {
    /// The path as `--type` takes it: `Namespace/Name`.
    pub fn to_type_name(&self) -> String {
        self.0.join("/")
    }
}

/// A definition name a schema does not have, with the closest names it does have.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownDefinition {
    /// The name asked for.
    pub name: String,
    /// Up to three existing names closest to it (`Namespace/Name`).
    pub closest: Vec<String>,
}

impl fmt::Display for UnknownDefinition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the schema has no definition \"{}\"", self.name)?;
        match self.closest.as_slice() {
            [] => write!(f, " (it has no definitions)"),
            [one] => write!(f, "; did you mean {one}?"),
            many => write!(f, "; did you mean one of {}?", many.join(", ")),
        }
    }
}

impl std::error::Error for UnknownDefinition {}

/// Up to three of `candidates` closest to `name` (edit distance, case-insensitive); the first
/// candidates when none is close.
pub(crate) fn closest<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| {
            let full = strsim::levenshtein(&lower, &c.to_ascii_lowercase());
            let last = c.rsplit('/').next().unwrap_or(c).to_ascii_lowercase();
            (full.min(strsim::levenshtein(&lower, &last)), c)
        })
        .collect();
    scored.sort();
    let near = (name.chars().count() / 3).max(2);
    let close: Vec<String> = scored
        .iter()
        .filter(|(d, _)| *d <= near)
        .take(3)
        .map(|(_, c)| (*c).to_owned())
        .collect();
    if close.is_empty() {
        scored
            .iter()
            .take(3)
            .map(|(_, c)| (*c).to_owned())
            .collect()
    } else {
        close
    }
}

impl fmt::Display for DefinitionPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("."))
    }
}

/// Which add-ins the document enables (`$uses`, or the validation meta-schema).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Extensions {
    /// `JSONStructureValidation`: the Validation keywords are enforced.
    pub validation: bool,
    /// `JSONStructureConditionalComposition`: `allOf`, `anyOf`, `oneOf`, `not`, `if`.
    pub composition: bool,
    /// `JSONStructureAlternateNames`: `altnames` and `altenums` set wire names.
    pub alternate_names: bool,
    /// `JSONStructureUnits`: `unit` annotations.
    pub units: bool,
    /// `JSONStructureRelations`: `identity` and relations between types.
    pub relations: bool,
}

/// One schema node: a named definition, the root, or a type written inline. Read its fields;
/// `#[non_exhaustive]` lets keywords be added to the model in minor releases.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TypeNode {
    /// Where the node is written.
    pub location: Location,
    /// The definition this node is (for named types and the root).
    pub definition: Option<DefinitionPath>,
    /// The `name` keyword, if given (tuples and inline types may carry one).
    pub name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `examples`, as written.
    pub examples: Vec<serde_json::Value>,
    /// What the node is.
    pub kind: TypeKind,
    /// `abstract: true`: only used through `$extends`, never validated against directly.
    pub is_abstract: bool,
    /// Direct bases from `$extends`, resolved.
    pub extends: Vec<TypeId>,
    /// Validation-extension keywords (enforced only when `Extensions::validation` is on).
    pub validation: Validation,
    /// Conditional-composition keywords (enforced only when `Extensions::composition` is on).
    pub composition: Composition,
    /// `default` (a Validation-extension annotation).
    pub default: Option<Literal>,
    /// `altnames` (purpose -> name); `json` is the wire name of a property.
    pub altnames: BTreeMap<String, String>,
    /// `altenums.json`: enum value -> wire symbol (Alternate Names add-in).
    pub altenums: BTreeMap<String, String>,
    /// `unit` annotation (Units add-in).
    pub unit: Option<String>,
    /// `identity` (Relations add-in): the properties that identify an instance.
    pub identity: Vec<String>,
}

/// What a node is.
///
/// `#[non_exhaustive]`: new kinds of type may come with new drafts; match with a `_` arm.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum TypeKind {
    /// A primitive type and its core keywords.
    Primitive(PrimitiveType),
    /// `object`.
    Object(ObjectType),
    /// `array`.
    Array {
        /// The type of every item.
        items: TypeId,
    },
    /// `set`: an array of unique items.
    Set {
        /// The type of every item.
        items: TypeId,
    },
    /// `map`: string keys to values.
    Map {
        /// The type of every value.
        values: TypeId,
    },
    /// `tuple`.
    Tuple(TupleType),
    /// `choice`.
    Choice(ChoiceType),
    /// `any`: every JSON value.
    Any,
    /// A type union: each member is a primitive or a reference node; first match wins.
    Union(Vec<TypeId>),
    /// `{"type": {"$ref": ...}}`, resolved to the target.
    Ref(TypeId),
    /// No `type`: only composition keywords constrain the value (any value otherwise).
    Unconstrained,
}

impl TypeKind {
    /// A short name for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            TypeKind::Primitive(p) => p.ty.name(),
            TypeKind::Object(_) => "object",
            TypeKind::Array { .. } => "array",
            TypeKind::Set { .. } => "set",
            TypeKind::Map { .. } => "map",
            TypeKind::Tuple(_) => "tuple",
            TypeKind::Choice(_) => "choice",
            TypeKind::Any => "any",
            TypeKind::Union(_) => "union",
            TypeKind::Ref(_) => "$ref",
            TypeKind::Unconstrained => "untyped schema",
        }
    }
}

/// A primitive type with its core keywords.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PrimitiveType {
    /// The type.
    pub ty: Primitive,
    /// `enum`: the values allowed, when given.
    pub enum_values: Option<Vec<Literal>>,
    /// `const`: the one value allowed, when given.
    pub const_value: Option<Literal>,
    /// Core `maxLength` (strings), in Unicode code points.
    pub max_length: Option<u64>,
    /// `precision` of a `decimal`: significant digits.
    pub precision: Option<u64>,
    /// `scale` of a `decimal`: digits after the point.
    pub scale: Option<u64>,
    /// `contentEncoding` of a `binary` (base64 when absent).
    pub content_encoding: Option<Encoding>,
    /// `contentMediaType` (an annotation).
    pub content_media_type: Option<String>,
    /// `contentCompression` (an annotation).
    pub content_compression: Option<String>,
}

impl PrimitiveType {
    /// The type without keywords.
    pub fn new(ty: Primitive) -> Self {
        PrimitiveType {
            ty,
            enum_values: None,
            const_value: None,
            max_length: None,
            precision: None,
            scale: None,
            content_encoding: None,
            content_media_type: None,
            content_compression: None,
        }
    }
}

/// A property of an object or an element of a tuple.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Property {
    /// The property's key in the schema (an identifier).
    pub name: String,
    /// The member name in instances: `altnames.json` when the Alternate Names add-in is on,
    /// otherwise `name`.
    pub wire_name: String,
    /// The property's type.
    pub ty: TypeId,
    /// Listed in a flat `required` (always true for tuple elements).
    pub required: bool,
    /// The base type this property was inherited from, if any.
    pub inherited_from: Option<TypeId>,
}

/// `additionalProperties`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Additional {
    /// Not specified: the drafts state no default; like JSON Schema (and as the official
    /// samples need), extra members are allowed.
    Unspecified,
    /// `true`: any extra member.
    Allowed,
    /// `false`: no extra member.
    Forbidden,
    /// A schema every extra member's value must match.
    Schema(TypeId),
}

impl Additional {
    /// Whether members other than the declared properties may appear.
    pub fn allows_extra(self) -> bool {
        !matches!(self, Additional::Forbidden)
    }
}

/// An `object` type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ObjectType {
    /// Effective properties: inherited ones first (in base order), then own, each once.
    pub properties: Vec<Property>,
    /// Groups of alternative required sets (`required: [[..], [..]]`): for each group, exactly
    /// one set must be fully present. Names are property names (not wire names).
    pub required_alternatives: Vec<Vec<Vec<String>>>,
    /// `additionalProperties`.
    pub additional: Additional,
}

impl ObjectType {
    /// The property named `name` in the schema (not its wire name).
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// A `tuple` type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TupleType {
    /// Elements in wire order (the `tuple` keyword); all required.
    pub elements: Vec<Property>,
}

/// A `choice` type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ChoiceType {
    /// Choice name -> type, in declaration order.
    pub choices: Vec<(String, TypeId)>,
    /// Inline choices name the selector property; tagged choices have none.
    pub selector: Option<String>,
}

impl ChoiceType {
    /// An inline choice: the instance is the chosen type itself, with the selector property
    /// naming it (a tagged choice wraps it in a one-member object).
    pub fn is_inline(&self) -> bool {
        self.selector.is_some()
    }
}

/// A numeric bound exactly as written (string-encoded types write bounds as strings).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Bound {
    /// The number's text (`"0.5"`, `"9007199254740993"`), never rounded.
    pub text: String,
}

/// Validation-extension keywords of one node. Parsed and sanity-checked always; enforced only
/// when the document enables the Validation add-in.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Validation {
    /// `minimum`.
    pub minimum: Option<Bound>,
    /// `maximum`.
    pub maximum: Option<Bound>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<Bound>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<Bound>,
    /// `multipleOf`.
    pub multiple_of: Option<Bound>,
    /// `minLength`, in Unicode code points.
    pub min_length: Option<u64>,
    /// `pattern` (ECMA-262 syntax), matched against the whole string.
    pub pattern: Option<Pattern>,
    /// `format`.
    pub format: Option<String>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `contains`: a schema some items must match.
    pub contains: Option<TypeId>,
    /// `minContains`.
    pub min_contains: Option<u64>,
    /// `maxContains`.
    pub max_contains: Option<u64>,
    /// `minProperties` / `minEntries`.
    pub min_entries: Option<u64>,
    /// `maxProperties` / `maxEntries`.
    pub max_entries: Option<u64>,
    /// Property name -> names it requires (objects).
    pub dependent_required: Vec<(String, Vec<String>)>,
    /// `patternProperties` / `patternKeys`.
    pub pattern_entries: Vec<(Pattern, TypeId)>,
    /// `propertyNames` / `keyNames`.
    pub entry_names: Option<TypeId>,
    /// `has`: a schema some member value must match.
    pub has: Option<TypeId>,
}

impl Validation {
    /// No Validation keyword is present.
    pub fn is_empty(&self) -> bool {
        let Validation {
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            multiple_of,
            min_length,
            pattern,
            format,
            min_items,
            max_items,
            unique_items,
            contains,
            min_contains,
            max_contains,
            min_entries,
            max_entries,
            dependent_required,
            pattern_entries,
            entry_names,
            has,
        } = self;
        minimum.is_none()
            && maximum.is_none()
            && exclusive_minimum.is_none()
            && exclusive_maximum.is_none()
            && multiple_of.is_none()
            && min_length.is_none()
            && pattern.is_none()
            && format.is_none()
            && min_items.is_none()
            && max_items.is_none()
            && !unique_items
            && contains.is_none()
            && min_contains.is_none()
            && max_contains.is_none()
            && min_entries.is_none()
            && max_entries.is_none()
            && dependent_required.is_empty()
            && pattern_entries.is_empty()
            && entry_names.is_none()
            && has.is_none()
    }
}

/// Conditional-composition keywords of one node.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Composition {
    /// `allOf`.
    pub all_of: Vec<TypeId>,
    /// `anyOf`.
    pub any_of: Vec<TypeId>,
    /// `oneOf`.
    pub one_of: Vec<TypeId>,
    /// `not`.
    pub not: Option<TypeId>,
    /// `if`.
    pub if_: Option<TypeId>,
    /// `then` (only with `if`).
    pub then_: Option<TypeId>,
    /// `else` (only with `if`).
    pub else_: Option<TypeId>,
}

impl Composition {
    /// No Conditional Composition keyword is present.
    pub fn is_empty(&self) -> bool {
        self.all_of.is_empty()
            && self.any_of.is_empty()
            && self.one_of.is_empty()
            && self.not.is_none()
            && self.if_.is_none()
    }
}

/// Why a schema could not be loaded: I/O, or the diagnostics (errors and warnings) of a
/// document that failed the check.
///
/// `#[non_exhaustive]`, as are its variants: causes and details may be added.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// The file cannot be read.
    #[non_exhaustive]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The document fails the check.
    #[non_exhaustive]
    Invalid {
        /// The file, when the document was read from one.
        path: Option<PathBuf>,
        /// Every error and warning, in document order.
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    /// Errors and warnings, in document order (empty for I/O errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Io { .. } => &[],
            LoadError::Invalid { diagnostics, .. } => diagnostics,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            LoadError::Invalid { path, diagnostics } => {
                let name = path
                    .as_deref()
                    .map_or("<schema>".into(), |p| p.display().to_string());
                let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
                write!(
                    f,
                    "{name}: invalid JSON Structure schema ({} error(s))",
                    errors.len()
                )?;
                for d in errors {
                    write!(f, "\n  {name}:{d}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { error, .. } => Some(error),
            LoadError::Invalid { .. } => None,
        }
    }
}

/// The outcome of checking a document: the model when it has no errors, and every diagnostic.
#[derive(Debug)]
#[non_exhaustive]
pub struct CheckReport {
    /// The checked model, when the document has no error.
    pub schema: Option<Schema>,
    /// Every error and warning, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    /// Whether the document has no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.schema.is_some()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The warnings: problems that do not stop the document from loading.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
}

impl Schema {
    /// Checks a document and returns every diagnostic, with the model when there is no error.
    pub fn check(bytes: &[u8]) -> CheckReport {
        load::load(bytes)
    }

    /// Loads a document; fails when the check finds any error.
    pub fn from_slice(bytes: &[u8]) -> Result<Schema, LoadError> {
        let report = load::load(bytes);
        match report.schema {
            Some(schema) => Ok(schema),
            None => Err(LoadError::Invalid {
                path: None,
                diagnostics: report.diagnostics,
            }),
        }
    }

    /// Reads and loads a document from a file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Schema, LoadError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
            path: path.to_owned(),
            error,
        })?;
        Schema::from_slice(&bytes).map_err(|e| match e {
            LoadError::Invalid { diagnostics, .. } => LoadError::Invalid {
                path: Some(path.to_owned()),
                diagnostics,
            },
            other => other,
        })
    }

    /// `$id`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// `$schema` (the meta-schema URI).
    pub fn meta_schema(&self) -> &str {
        &self.meta_schema
    }

    /// The root `name`.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The root `description`.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The type instances are validated against: the root `type` or the `$root` target.
    pub fn root(&self) -> Option<TypeId> {
        self.root
    }

    /// The node `id` names.
    ///
    /// # Panics
    ///
    /// When `id` comes from another schema and is out of this one's range.
    pub fn node(&self, id: TypeId) -> &TypeNode {
        &self.nodes[id.index()]
    }

    /// Number of nodes in the arena.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Every node with its id, in document order.
    pub fn nodes(&self) -> impl Iterator<Item = (TypeId, &TypeNode)> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (TypeId(i as u32), n))
    }

    /// Named definitions (including the root type when it is declared with `type`), ordered.
    pub fn definitions(&self) -> impl Iterator<Item = (&DefinitionPath, TypeId)> {
        self.definitions.iter().map(|(p, &id)| (p, id))
    }

    /// Looks up a definition by its `#/definitions/...` reference.
    pub fn definition(&self, reference: &str) -> Option<TypeId> {
        let segs = crate::json::pointer::parse_fragment(reference).ok()?;
        let rest = segs.strip_prefix(&["definitions".to_string()])?;
        self.definitions
            .get(&DefinitionPath(rest.to_vec()))
            .copied()
    }

    /// The add-ins the checked document enables.
    pub fn extensions(&self) -> Extensions {
        self.extensions
    }

    /// The definitions instances can be validated against (every one that is not abstract), as
    /// `Namespace/Name`, in path order.
    pub fn type_names(&self) -> Vec<String> {
        self.definitions
            .iter()
            .filter(|(_, &id)| !self.node(id).is_abstract)
            .map(|(p, _)| p.to_type_name())
            .collect()
    }

    /// Looks up a definition by name: `Namespace/Name`, `Namespace.Name` or
    /// `#/definitions/Namespace/Name`. An unknown name comes back with the closest ones.
    ///
    /// ```
    /// let schema = jsonstruct::Schema::from_slice(br##"{
    ///     "$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/x",
    ///     "definitions": { "Clerk": { "Session": { "type": "object",
    ///         "properties": { "id": { "type": "string" } } } } }
    /// }"##).unwrap();
    /// assert!(schema.find_definition("Clerk/Session").is_ok());
    /// let err = schema.find_definition("Clerk/Sesion").unwrap_err();
    /// assert_eq!(err.closest, ["Clerk/Session"]);
    /// ```
    pub fn find_definition(&self, name: &str) -> Result<TypeId, UnknownDefinition> {
        let path = match name.strip_prefix("#/definitions/") {
            Some(rest) => {
                crate::json::pointer::parse_fragment(&format!("#/{rest}")).unwrap_or_default()
            }
            None if name.contains('/') => name.split('/').map(str::to_owned).collect(),
            None => name.split('.').map(str::to_owned).collect(),
        };
        if let Some(&id) = self.definitions.get(&DefinitionPath(path)) {
            return Ok(id);
        }
        let names = self.type_names();
        Err(UnknownDefinition {
            name: name.to_owned(),
            closest: closest(name, names.iter().map(String::as_str)),
        })
    }

    /// The add-ins that apply to a node: those of the document that wrote it (an imported
    /// definition keeps the add-ins of its own document).
    pub fn extensions_of(&self, id: TypeId) -> Extensions {
        self.source_of(id).extensions
    }

    /// The add-ins the document offers (`$offers`): name -> the definitions each one adds to
    /// instances that `$uses` it.
    pub fn offers(&self) -> impl Iterator<Item = (&str, &[TypeId])> {
        self.offers.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The documents the model was built from; the first is the checked document.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The document a node was written in.
    pub fn source_of(&self, id: TypeId) -> &Source {
        &self.sources[self.node(id).location.source as usize]
    }

    /// Warnings found while loading.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Follows `$ref` aliases to the node that defines the type.
    pub fn resolve(&self, mut id: TypeId) -> TypeId {
        // Alias cycles are rejected at load time; the bound is a second line of defence.
        for _ in 0..=self.nodes.len() {
            match self.node(id).kind {
                TypeKind::Ref(target) => id = target,
                _ => return id,
            }
        }
        id
    }
}
