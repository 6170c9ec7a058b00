//! Builds the model from the spanned JSON tree: one pass over the document that checks every
//! keyword where it stands, then `resolve` ties references together. The document level
//! (header, add-ins, namespaces, imports) is here; the keywords of schema objects are in
//! `keywords`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::keywords::{self, Cat};
use super::resolve;
use super::{
    Composition, DefinitionPath, Extensions, Location, TypeId, TypeKind, TypeNode, Validation,
};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::formats;
use crate::json::{self, pointer, Node, Value};

use super::import::{ImportSite, ImportState, Owner, SourceBuild};
use super::set::{DocumentId, SchemaSet};
use super::CheckReport;

/// Deepest JSON nesting accepted in a schema document. Real schemas stay far below; the bound
/// keeps hostile documents from exhausting the stack of the recursive loader.
pub(super) const MAX_SCHEMA_DEPTH: u32 = 256;

pub(super) const VALIDATION_ADDIN: &str = "JSONStructureValidation";
pub(super) const COMPOSITION_ADDIN: &str = "JSONStructureConditionalComposition";
pub(super) const ALTNAMES_ADDIN: &str = "JSONStructureAlternateNames";
pub(super) const UNITS_ADDIN: &str = "JSONStructureUnits";
pub(super) const RELATIONS_ADDIN: &str = "JSONStructureRelations";
const KNOWN_ADDINS: &[&str] = &[
    VALIDATION_ADDIN,
    COMPOSITION_ADDIN,
    ALTNAMES_ADDIN,
    UNITS_ADDIN,
    "JSONStructureImport",
    RELATIONS_ADDIN,
    "JSONStructureSemanticAnnotations",
];

/// Meta-schema URIs, without a trailing `#` or `/`.
const CORE_META: &[&str] = &[
    "https://json-structure.org/meta/core/v0",
    "https://json-structure.github.io/meta/core/v0",
];
const EXTENDED_META: &[&str] = &[
    "https://json-structure.org/meta/extended/v0",
    "https://json-structure.github.io/meta/extended/v0",
];
/// Meta-schemas that extend the extended one and offer one more add-in each.
const RELATIONS_META: &[&str] = &["https://json-structure.org/meta/relations/v0"];
const SEMANTIC_META: &[&str] = &["https://json-structure.org/meta/semantic-annotations/v0"];
const VALIDATION_META: &[&str] = &[
    "https://json-structure.org/meta/validation/v0",
    "https://json-structure.github.io/meta/validation/v0",
];

pub(super) const COMPOSITION_KEYWORDS: &[&str] =
    &["allOf", "anyOf", "oneOf", "not", "if", "then", "else"];
/// Keywords that make an object under `definitions` a type declaration rather than a namespace.
pub(super) const SCHEMA_MARKERS: &[&str] = &[
    "type",
    "properties",
    "items",
    "values",
    "choices",
    "tuple",
    "$extends",
    "abstract",
    "enum",
    "const",
    "required",
    "additionalProperties",
    "$ref",
    "description",
];

/// A reference written in the document, resolved after the whole tree is built.
#[derive(Debug, Clone)]
pub(super) struct RefSite {
    pub fragment: String,
    pub pointer: String,
    pub offset: usize,
    /// The document it is written in.
    pub source: u32,
    /// The namespace that document's definitions landed in: references are re-based onto it.
    pub prefix: Vec<String>,
}

/// A name written in the document (`required`, `tuple`, `dependentRequired`).
#[derive(Debug, Clone)]
pub(super) struct NameSite {
    pub name: String,
    pub pointer: String,
    pub offset: usize,
    pub source: u32,
}

/// What `resolve` needs besides the nodes.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Nodes whose kind is `Ref` to be filled in.
    pub refs: Vec<(TypeId, RefSite)>,
    pub root_ref: Option<RefSite>,
    pub extends: HashMap<TypeId, Vec<RefSite>>,
    pub required: HashMap<TypeId, Vec<NameSite>>,
    pub required_alternatives: HashMap<TypeId, Vec<Vec<NameSite>>>,
    pub tuple_order: HashMap<TypeId, Vec<NameSite>>,
    pub dependent_required: HashMap<TypeId, Vec<NameSite>>,
    /// Objects whose empty `properties` was already reported.
    pub empty_properties_reported: HashSet<TypeId>,
    /// Relations add-in: identity declarations, relation targets and scopes to check.
    pub identities: Vec<super::relations::PendingIdentity>,
    pub relations: Vec<super::relations::PendingRelation>,
    pub scopes: Vec<super::relations::PendingScope>,
    /// `$offers` of the checked document: add-in name -> where its definitions are named.
    pub offers: Vec<(String, Vec<RefSite>)>,
    /// Objects of constraint subschemas (inside composition keywords), which may declare no
    /// property.
    pub constraint_objects: HashSet<TypeId>,
}

pub(super) struct Loader<'t> {
    /// The documents imports resolve against.
    pub set: &'t SchemaSet,
    /// The text of the document being walked (`sources[src]`).
    pub text: &'t [u8],
    pub diags: Vec<Diagnostic>,
    pub nodes: Vec<TypeNode>,
    pub offsets: Vec<usize>,
    pub ext: Extensions,
    pub definitions: BTreeMap<DefinitionPath, TypeId>,
    pub pending: Pending,
    /// Suppresses diagnostics while a union's keywords are applied to its second and later
    /// members (they were reported for the first).
    pub quiet: bool,
    /// How many composition keywords (`allOf`, `not`, `if`, ...) enclose the schema being
    /// built: inside them a schema may be a typeless constraint (see `typeless`).
    pub constraint_depth: u32,
    /// Every document instance built so far, and the one being walked.
    pub sources: Vec<SourceBuild>,
    pub src: usize,
    /// Who defined each definition path (for shadowing, collisions and shared imports).
    pub owners: BTreeMap<DefinitionPath, Owner>,
    /// Import bookkeeping (shared instances, path sets, counts).
    pub imports: ImportState,
}

/// Checks one document that stands alone (its imports cannot be resolved).
pub(super) fn load(bytes: &[u8]) -> CheckReport {
    let mut set = SchemaSet::new();
    let doc = set.add("<schema>", bytes.to_vec());
    load_set(&set, &[doc])
}

/// Checks documents of a set into one model: each is instantiated in the root namespace, and
/// their imports are resolved against the set.
pub(super) fn load_set(set: &SchemaSet, docs: &[DocumentId]) -> CheckReport {
    let mut l = Loader {
        set,
        text: &[],
        diags: Vec::new(),
        nodes: Vec::new(),
        offsets: Vec::new(),
        ext: Extensions::default(),
        definitions: BTreeMap::new(),
        pending: Pending::default(),
        quiet: false,
        constraint_depth: 0,
        sources: Vec::new(),
        src: 0,
        owners: BTreeMap::new(),
        imports: ImportState::default(),
    };
    let mut header = None;
    for (i, doc) in docs.iter().enumerate() {
        let h = l.instantiate_main(doc.0);
        if i == 0 {
            header = h;
        }
    }
    if docs.len() > 1 {
        // Several documents have no single root type.
        if let Some(h) = &mut header {
            h.root = None;
            l.pending.root_ref = None;
        }
    }
    l.finish(header)
}

/// The diagnostic for a document that is not well-formed JSON.
pub(super) fn syntax_code(e: &json::SyntaxError) -> Code {
    match e.kind {
        json::SyntaxErrorKind::NestingTooDeep(_) => Code::SchemaMaxDepthExceeded,
        _ => Code::SchemaJsonSyntax,
    }
}

impl<'t> Loader<'t> {
    pub(super) fn diag(
        &mut self,
        code: Code,
        severity: Severity,
        pointer: &str,
        offset: usize,
        msg: String,
    ) {
        if self.quiet {
            return;
        }
        self.diag_in(self.src as u32, code, severity, pointer, offset, msg);
    }

    /// A diagnostic in a given document (resolution reports where a reference was written).
    pub(super) fn diag_in(
        &mut self,
        source: u32,
        code: Code,
        severity: Severity,
        pointer: &str,
        offset: usize,
        msg: String,
    ) {
        if self.quiet {
            return;
        }
        self.diags.push(Diagnostic {
            code,
            severity,
            pointer: pointer.to_owned(),
            line: 0,
            column: 0,
            message: msg,
            offset,
            file: None,
            source,
        });
    }

    /// An error in the document a node was written in, at the node.
    pub(super) fn error_at_node(&mut self, id: TypeId, code: Code, msg: impl Into<String>) {
        let node = &self.nodes[id.index()];
        let (source, pointer) = (node.location.source, node.location.pointer.clone());
        let offset = self.offsets[id.index()];
        self.diag_in(source, code, Severity::Error, &pointer, offset, msg.into());
    }

    /// An error where a reference was written.
    pub(super) fn error_site(&mut self, site: &RefSite, code: Code, msg: impl Into<String>) {
        let (source, offset) = (site.source, site.offset);
        self.diag_in(
            source,
            code,
            Severity::Error,
            &site.pointer,
            offset,
            msg.into(),
        );
    }

    /// A warning where a reference was written.
    pub(super) fn warn_site(&mut self, site: &RefSite, code: Code, msg: impl Into<String>) {
        let (source, offset) = (site.source, site.offset);
        self.diag_in(
            source,
            code,
            Severity::Warning,
            &site.pointer,
            offset,
            msg.into(),
        );
    }

    /// A site (reference or name) written in some document.
    pub(super) fn ref_site(&self, fragment: &str, pointer: String, offset: usize) -> RefSite {
        RefSite {
            fragment: fragment.to_owned(),
            pointer,
            offset,
            source: self.src as u32,
            prefix: self.sources[self.src].prefix.clone(),
        }
    }

    pub(super) fn name_site(&self, name: &str, pointer: String, offset: usize) -> NameSite {
        NameSite {
            name: name.to_owned(),
            pointer,
            offset,
            source: self.src as u32,
        }
    }

    pub(super) fn error(
        &mut self,
        code: Code,
        pointer: &str,
        offset: usize,
        msg: impl Into<String>,
    ) {
        self.diag(code, Severity::Error, pointer, offset, msg.into());
    }

    pub(super) fn warn(
        &mut self,
        code: Code,
        pointer: &str,
        offset: usize,
        msg: impl Into<String>,
    ) {
        self.diag(code, Severity::Warning, pointer, offset, msg.into());
    }

    fn finish(mut self, doc: Option<DocumentHeader>) -> CheckReport {
        let resolved_root = if doc.is_some() {
            resolve::resolve(&mut self)
        } else {
            None
        };
        let root = match &doc {
            Some(_) if self.pending.root_ref.is_some() => resolved_root,
            Some(d) => d.root,
            None => None,
        };
        let offers = if doc.is_some() {
            resolve::resolve_offers(&mut self)
        } else {
            BTreeMap::new()
        };
        // An add-in type extends the type it adds to, which need not be abstract (core
        // `#add-ins`): no warning for those.
        let addins: Vec<String> = offers
            .values()
            .flatten()
            .map(|&t| format!("{}/$extends", self.nodes[t.index()].location.pointer))
            .collect();
        self.diags.retain(|d| {
            d.code != Code::SchemaExtendsNotAbstract
                || d.source != 0
                || !addins.iter().any(|p| d.pointer.starts_with(p.as_str()))
        });
        self.locate();
        self.diags
            .sort_by_key(|d| (d.source, d.offset, d.severity, d.code));
        self.diags.dedup();
        let has_errors = self.diags.iter().any(Diagnostic::is_error);
        let schema = match doc {
            Some(d) if !has_errors => Some(super::Schema {
                id: d.id,
                meta_schema: d.meta_schema,
                name: d.name,
                description: d.description,
                root,
                nodes: self.nodes,
                definitions: self.definitions,
                extensions: self.sources.first().map_or(self.ext, |s| s.extensions),
                sources: self.sources.iter().map(SourceBuild::to_source).collect(),
                offers,
                warnings: self
                    .diags
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .cloned()
                    .collect(),
            }),
            _ => None,
        };
        CheckReport {
            schema,
            diagnostics: self.diags,
        }
    }

    // ---------------------------------------------------------------- document level

    pub(super) fn document(&mut self, root: &Node, main: bool) -> Option<DocumentHeader> {
        let Some(members) = root.as_object() else {
            self.error(
                Code::SchemaInvalidType,
                "",
                root.start,
                format!(
                    "a schema document must be a JSON object, not {}",
                    root.type_name()
                ),
            );
            return None;
        };
        self.check_duplicates(root, "");

        let meta_schema = self.root_uri(root, "$schema");
        let id = self.root_uri(root, "$id");
        self.enable_extensions(root, meta_schema.as_deref());
        self.sources[self.src].extensions = self.ext;

        let name = match root.get("name") {
            Some(n) => self.identifier_value(n, "/name"),
            None => None,
        };
        let description = root
            .get("description")
            .and_then(Node::as_str)
            .map(str::to_owned);

        if let Some(offers) = root.get("$offers") {
            self.check_offers(offers, main);
        }
        let mut imports = Vec::new();
        self.import_sites(root, "", &[], &mut imports);

        if let Some(defs) = root.get("definitions") {
            if defs.as_object().is_some() {
                self.namespace(defs, "/definitions", &mut Vec::new(), &mut imports);
            } else {
                self.error(
                    Code::SchemaKeywordInvalidType,
                    "/definitions",
                    defs.start,
                    format!("definitions must be an object, not {}", defs.type_name()),
                );
            }
        }

        let defs_only = !main && self.sources[self.src].defs_only;
        let has_type = root.get("type").is_some() && !defs_only;
        let has_composition =
            COMPOSITION_KEYWORDS.iter().any(|k| root.get(k).is_some()) && !defs_only;
        // An imported document contributes definitions (and its root type); its `$root` names
        // one of those and means nothing to the importer.
        let root_ref = root.get("$root").filter(|_| main);
        if has_type && root_ref.is_some() {
            self.error(
                Code::SchemaRootConflict,
                "/$root",
                root_ref.map_or(0, |n| n.start),
                "'$root' and 'type' are mutually exclusive at the document root",
            );
        }
        let mut root_id = None;
        if let Some(r) = root_ref {
            match r.as_str() {
                Some(s) => self.pending.root_ref = Some(self.ref_site(s, "/$root".into(), r.start)),
                None => self.error(
                    Code::SchemaKeywordInvalidType,
                    "/$root",
                    r.start,
                    "$root must be a JSON Pointer string such as \"#/definitions/Type\"",
                ),
            }
        }
        if has_type || (has_composition && root_ref.is_none()) {
            if has_type && name.is_none() && root.get("name").is_none() {
                self.error(
                    Code::SchemaRootKeywordMissing,
                    "",
                    root.start,
                    "the root declares a type but has no 'name' (the type's name)",
                );
            }
            let local = name.clone().map(|n| vec![n]);
            let at = root.get("name").map_or(0, |n| n.start);
            match local {
                Some(local) => {
                    if let Some(id) = self.define_root(root, local, at) {
                        root_id = Some(id);
                    }
                }
                None => root_id = Some(self.schema(root, "", true, None)),
            }
        } else if main && root_ref.is_none() && self.definitions.is_empty() && imports.is_empty() {
            self.error(
                Code::SchemaRootMissingType,
                "",
                root.start,
                "the document declares no type: give the root a 'type', a '$root', or 'definitions'",
            );
        }
        // Root keywords that are not schema keywords are checked here; the rest by `schema`.
        if !has_type && !has_composition {
            for m in members {
                if matches!(m.key.as_str(), "$ref") {
                    self.error(
                        Code::SchemaRefNotInType,
                        "/$ref",
                        m.key_start,
                        "$ref is only permitted inside 'type': write {\"type\": {\"$ref\": \"...\"}}",
                    );
                }
            }
        }
        self.sources[self.src].id = id.clone().unwrap_or_default();
        self.sources[self.src].root_type = root_id;
        self.import_all(imports);
        Some(DocumentHeader {
            id: id.unwrap_or_default(),
            meta_schema: meta_schema.unwrap_or_default(),
            name,
            description,
            root: root_id,
        })
    }

    fn root_uri(&mut self, root: &Node, key: &str) -> Option<String> {
        let ptr = pointer::join("", key);
        match root.get(key) {
            None => {
                self.error(
                    Code::SchemaRootKeywordMissing,
                    "",
                    root.start,
                    format!("the document root must have '{key}'"),
                );
                None
            }
            Some(n) => match n.as_str() {
                Some(s) if formats::is_uri(s) => Some(s.to_owned()),
                Some(s) => {
                    self.error(
                        Code::SchemaKeywordInvalidType,
                        &ptr,
                        n.start,
                        format!("{key} must be an absolute URI, not \"{s}\""),
                    );
                    None
                }
                None => {
                    self.error(
                        Code::SchemaKeywordInvalidType,
                        &ptr,
                        n.start,
                        format!("{key} must be a string (an absolute URI)"),
                    );
                    None
                }
            },
        }
    }

    fn enable_extensions(&mut self, root: &Node, meta: Option<&str>) {
        let meta_base = meta.map(|m| m.trim_end_matches(['#', '/']));
        if let Some(m) = meta_base {
            if VALIDATION_META.contains(&m) {
                // The validation meta-schema `$uses` the five add-ins of the extended one.
                self.ext = Extensions {
                    validation: true,
                    composition: true,
                    alternate_names: true,
                    units: true,
                    relations: false,
                };
            } else if SEMANTIC_META.contains(&m) {
                // The semantic-annotations meta-schema `$uses` these itself.
                self.ext.validation = true;
                self.ext.composition = true;
                self.ext.units = true;
            } else if !CORE_META.contains(&m)
                && !EXTENDED_META.contains(&m)
                && !RELATIONS_META.contains(&m)
            {
                let at = root.get("$schema").map_or(0, |n| n.start);
                self.warn(
                    Code::SchemaUnknownMetaSchema,
                    "/$schema",
                    at,
                    format!("'{}' is not a JSON Structure meta-schema (core, extended or validation v0)", meta.unwrap_or_default()),
                );
            }
        }
        let Some(uses) = root.get("$uses") else {
            return;
        };
        let Some(items) = uses.as_array() else {
            self.error(
                Code::SchemaKeywordInvalidType,
                "/$uses",
                uses.start,
                "$uses must be an array of add-in names",
            );
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let ptr = format!("/$uses/{i}");
            let Some(name) = item.as_str() else {
                self.error(
                    Code::SchemaKeywordInvalidType,
                    &ptr,
                    item.start,
                    "$uses entries must be strings",
                );
                continue;
            };
            // The drafts' prose spells the add-ins "JSONSchema..."; the meta-schemas and SDKs
            // use "JSONStructure...". Both are accepted.
            let canonical = name.replacen("JSONSchema", "JSONStructure", 1);
            match canonical.as_str() {
                VALIDATION_ADDIN => self.ext.validation = true,
                COMPOSITION_ADDIN => self.ext.composition = true,
                ALTNAMES_ADDIN => self.ext.alternate_names = true,
                UNITS_ADDIN => self.ext.units = true,
                RELATIONS_ADDIN => self.ext.relations = true,
                n if KNOWN_ADDINS.contains(&n) => {}
                _ => self.warn(
                    Code::SchemaUsesUnknown,
                    &ptr,
                    item.start,
                    format!(
                        "unknown add-in '{name}' in $uses (known: {})",
                        KNOWN_ADDINS.join(", ")
                    ),
                ),
            }
        }
    }

    /// `$offers`: add-in name -> JSON Pointer (or pointers) to the add-in's definitions,
    /// resolved with the other references (core `#offers-keyword`).
    fn check_offers(&mut self, offers: &Node, main: bool) {
        let Some(members) = offers.as_object() else {
            self.error(
                Code::SchemaKeywordInvalidType,
                "/$offers",
                offers.start,
                "$offers must be an object mapping add-in names to JSON Pointers",
            );
            return;
        };
        for m in members {
            let ptr = pointer::join("/$offers", &m.key);
            let sites: Option<Vec<RefSite>> = match &m.value.value {
                Value::String(s) => Some(vec![self.ref_site(s, ptr.clone(), m.value.start)]),
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        n.as_str()
                            .map(|s| self.ref_site(s, format!("{ptr}/{i}"), n.start))
                    })
                    .collect(),
                _ => None,
            };
            let Some(sites) = sites else {
                self.error(
                    Code::SchemaKeywordInvalidType,
                    &ptr,
                    m.value.start,
                    "an $offers entry must be a JSON Pointer or an array of JSON Pointers",
                );
                continue;
            };
            // An imported document's offers are its own; only the checked one's apply.
            if main {
                self.pending.offers.push((m.key.clone(), sites));
            }
        }
    }

    fn check_duplicates(&mut self, node: &Node, ptr: &str) {
        match &node.value {
            Value::Object(members) => {
                let mut seen = HashSet::new();
                for m in members {
                    let p = pointer::join(ptr, &m.key);
                    if !seen.insert(m.key.as_str()) {
                        self.error(
                            Code::SchemaDuplicateKey,
                            &p,
                            m.key_start,
                            format!("duplicate key \"{}\"", m.key),
                        );
                    }
                    self.check_duplicates(&m.value, &p);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.check_duplicates(item, &format!("{ptr}/{i}"));
                }
            }
            _ => {}
        }
    }

    pub(super) fn identifier_value(&mut self, n: &Node, ptr: &str) -> Option<String> {
        match n.as_str() {
            Some(s) if super::is_identifier(s) => Some(s.to_owned()),
            Some(s) => {
                self.error(
                    Code::SchemaNameInvalid,
                    ptr,
                    n.start,
                    format!("name \"{s}\" must be an identifier ([A-Za-z_][A-Za-z0-9_]*)"),
                );
                None
            }
            None => {
                self.error(
                    Code::SchemaKeywordInvalidType,
                    ptr,
                    n.start,
                    "name must be a string",
                );
                None
            }
        }
    }

    /// Walks a `definitions` object or nested namespace.
    fn namespace(
        &mut self,
        node: &Node,
        ptr: &str,
        path: &mut Vec<String>,
        imports: &mut Vec<ImportSite>,
    ) {
        self.import_sites(node, ptr, path, imports);
        for m in node.as_object().unwrap_or_default() {
            if is_import_key(&m.key) {
                continue;
            }
            let p = pointer::join(ptr, &m.key);
            if !super::is_identifier(&m.key) {
                self.error(
                    Code::SchemaNameInvalid,
                    &p,
                    m.key_start,
                    format!(
                        "definition name \"{}\" must be an identifier ([A-Za-z_][A-Za-z0-9_]*)",
                        m.key
                    ),
                );
            }
            if m.value.as_object().is_none() {
                self.error(
                    Code::SchemaInvalidType,
                    &p,
                    m.value.start,
                    format!(
                        "a definition must be a type declaration or a namespace object, not {}",
                        m.value.type_name()
                    ),
                );
                continue;
            }
            path.push(m.key.clone());
            if is_namespace(&m.value) {
                self.namespace(&m.value, &p, path, imports);
            } else {
                self.define(&m.value, &p, path.clone(), m.key_start);
            }
            path.pop();
        }
    }

    // ---------------------------------------------------------------- schema nodes

    pub(super) fn new_node(
        &mut self,
        ptr: &str,
        offset: usize,
        def: Option<DefinitionPath>,
    ) -> TypeId {
        let id = TypeId(self.nodes.len() as u32);
        self.nodes.push(TypeNode {
            location: Location {
                pointer: ptr.to_owned(),
                line: 0,
                column: 0,
                source: self.src as u32,
            },
            definition: def,
            name: None,
            description: None,
            examples: Vec::new(),
            kind: TypeKind::Any,
            is_abstract: false,
            extends: Vec::new(),
            validation: Validation::default(),
            composition: Composition::default(),
            default: None,
            altnames: BTreeMap::new(),
            altenums: BTreeMap::new(),
            unit: None,
            identity: Vec::new(),
        });
        self.offsets.push(offset);
        id
    }

    /// Builds the node for a schema object at `ptr`.
    pub(super) fn schema(
        &mut self,
        node: &Node,
        ptr: &str,
        is_root: bool,
        def: Option<DefinitionPath>,
    ) -> TypeId {
        let id = self.new_node(ptr, node.start, def);
        let Some(members) = node.as_object() else {
            self.error(
                Code::SchemaInvalidType,
                ptr,
                node.start,
                format!("a schema must be an object, not {}", node.type_name()),
            );
            return id;
        };

        let cat = match node.get("type") {
            Some(t) => keywords::type_keyword(self, id, t, ptr),
            None if self.constraint_depth > 0 => {
                self.typeless(id, node, ptr);
                return id;
            }
            None => {
                if COMPOSITION_KEYWORDS.iter().any(|k| node.get(k).is_some()) {
                    self.nodes[id.index()].kind = TypeKind::Unconstrained;
                    Cat::Untyped
                } else {
                    // A `$ref` beside no `type` is reported by the keyword loop, at the `$ref`.
                    if node.get("$ref").is_none() {
                        self.error(
                            Code::SchemaMissingType,
                            ptr,
                            node.start,
                            "schema has no 'type'",
                        );
                    }
                    Cat::Untyped
                }
            }
        };

        // The node's encoding and structure first: the other keywords are read against them.
        keywords::read_content_encoding(self, id, cat, node, ptr);
        keywords::build(self, id, cat, node, ptr);
        for m in members {
            keywords::dispatch(self, id, cat, m, ptr, is_root);
        }

        // Then what depends on several keywords.
        if let Cat::Prim(_) = cat {
            keywords::check_literals(self, id, node, ptr);
        }
        keywords::check_ranges(self, id, node, ptr);
        id
    }
}

pub(super) struct DocumentHeader {
    id: String,
    meta_schema: String,
    name: Option<String>,
    description: Option<String>,
    root: Option<TypeId>,
}

/// An object under `definitions` is a namespace when nothing in it marks it as a schema and all
/// its members are objects.
pub(super) fn is_namespace(node: &Node) -> bool {
    let members = node.as_object().unwrap_or_default();
    !members.iter().any(|m| {
        SCHEMA_MARKERS.contains(&m.key.as_str()) || COMPOSITION_KEYWORDS.contains(&m.key.as_str())
    }) && members
        .iter()
        .all(|m| m.value.as_object().is_some() || is_import_key(&m.key))
}

/// `$import` and `$importdefs`: they may stand at the root and in any namespace.
pub(super) fn is_import_key(key: &str) -> bool {
    key == "$import" || key == "$importdefs"
}
