//! `$import` and `$importdefs` (JSON Structure Import): definitions of another document of the
//! schema set are copied into a namespace of the importing one.
//!
//! Each imported document is walked like a local one, as a new *instance* whose definitions
//! land under the import's namespace and whose references are re-based onto it. A definition
//! the importer (or one of its importers) declares itself shadows the imported one everywhere,
//! including in the other imported definitions. An instance that nothing shadows means the same
//! wherever it lands, so a document imported again reuses its nodes: a definition shared through
//! imports is one type, and diamond-shaped imports cost one copy, not one per path.
//!
//! Cycles, unknown URIs, ambiguous `$id`s, collisions, and nesting deeper than
//! [`MAX_IMPORT_DEPTH`] are located errors at the `$import` that causes them.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::load::{is_import_key, is_namespace, syntax_code, DocumentHeader, Loader};
use super::{is_identifier, DefinitionPath, Extensions, Source, TypeId};
use crate::diagnostic::{Code, Severity};
use crate::formats;
use crate::json::{pointer, Node};
use crate::location::LineIndex;

/// Deepest chain of imports (a document importing one that imports another...).
pub(super) const MAX_IMPORT_DEPTH: usize = 32;

/// Most definition paths imports may create in one model; keeps imports that fan out into
/// many namespaces (each importing the next twice...) from growing exponentially.
const MAX_IMPORTED_PATHS: usize = 100_000;

/// An `$import`/`$importdefs` written in a document; processed once the document's own
/// definitions are known, so that they can shadow imported ones.
pub(crate) struct ImportSite {
    uri: String,
    defs_only: bool,
    /// The namespace it stands in, relative to its document's root namespace.
    namespace: Vec<String>,
    pointer: String,
    offset: usize,
}

/// One document instance: a checked document, or a copy of an imported one in a namespace.
#[derive(Debug)]
pub(crate) struct SourceBuild {
    pub doc: usize,
    pub name: String,
    pub id: String,
    /// Where its root namespace lands in the model.
    pub prefix: Vec<String>,
    /// The instance that imports it.
    pub parent: Option<usize>,
    /// Brought in by `$importdefs`: definitions only, not the root type.
    pub defs_only: bool,
    pub extensions: Extensions,
    pub imported: bool,
    /// Local definition paths it must not define (shadowed by an importer, or colliding).
    pub skip: HashMap<Vec<String>, Skip>,
    /// Its root type, which `{"$ref": "#"}` written in it names.
    pub root_type: Option<TypeId>,
}

impl SourceBuild {
    pub(super) fn to_source(&self) -> Source {
        Source {
            name: self.name.clone(),
            id: self.id.clone(),
            namespace: DefinitionPath(self.prefix.clone()),
            extensions: self.extensions,
            imported: self.imported,
            root: self.root_type,
        }
    }
}

/// Why an instance leaves out one of its definitions.
#[derive(Debug, Clone)]
pub(crate) enum Skip {
    /// A definition of the importer (or its importers) replaces it.
    Shadowed,
    /// Something else already defines the name; the message says what.
    Collision(String),
}

/// Who put a definition path into the model.
#[derive(Debug, Clone)]
pub(crate) struct Owner {
    source: usize,
    doc: usize,
    /// The path inside its own document.
    origin: Vec<String>,
    /// Whether its instance is unaffected by shadowing (then it can be shared).
    pristine: bool,
}

#[derive(Debug, Default)]
pub(crate) struct ImportState {
    /// Per document: an instance nothing shadows, and whether it includes the root type.
    pristine: HashMap<usize, (usize, bool)>,
    /// Per (document, definitions only): the definition paths an instance defines.
    path_sets: HashMap<(usize, bool), Rc<Vec<Vec<String>>>>,
    /// Documents whose path set is being computed (import cycles end there).
    computing: HashSet<usize>,
    /// Definition paths created by imports so far.
    imported_paths: usize,
}

/// Why an import's URI names no single document.
enum Unresolved {
    NotFound(String),
    Ambiguous(Vec<usize>),
}

enum Claim {
    Free,
    /// The same definition of the same document is already there, in an unshadowed instance.
    Shared,
    Shadowed,
    Collision(String),
}

impl<'t> Loader<'t> {
    /// Instantiates a document named on the command line, in the root namespace.
    pub(super) fn instantiate_main(&mut self, doc: usize) -> Option<DocumentHeader> {
        self.instantiate(doc, Vec::new(), None, false, None)
    }

    /// Collects the `$import`/`$importdefs` of the root or a namespace.
    pub(super) fn import_sites(
        &mut self,
        node: &Node,
        ptr: &str,
        namespace: &[String],
        out: &mut Vec<ImportSite>,
    ) {
        for m in node.as_object().unwrap_or_default() {
            if !is_import_key(&m.key) {
                continue;
            }
            let kptr = pointer::join(ptr, &m.key);
            match m.value.as_str() {
                Some(uri) => out.push(ImportSite {
                    uri: uri.to_owned(),
                    defs_only: m.key == "$importdefs",
                    namespace: namespace.to_vec(),
                    pointer: kptr,
                    offset: m.value.start,
                }),
                None => self.error(
                    Code::SchemaKeywordInvalidType,
                    &kptr,
                    m.value.start,
                    format!("{} must be a URI string (a schema's $id, or a path relative to this document)", m.key),
                ),
            }
        }
    }

    /// Processes the imports of the document being walked, in document order.
    pub(super) fn import_all(&mut self, sites: Vec<ImportSite>) {
        for site in sites {
            self.import(&site);
        }
    }

    fn import(&mut self, site: &ImportSite) {
        let from = self.sources[self.src].doc;
        let target = match self.resolve_import(from, &site.uri) {
            Ok(t) => t,
            Err(Unresolved::NotFound(why)) => {
                return self.error(Code::SchemaImportNotFound, &site.pointer, site.offset, why)
            }
            Err(Unresolved::Ambiguous(docs)) => {
                let names: Vec<&str> = docs
                    .iter()
                    .map(|&d| self.set.doc(d).name.as_str())
                    .collect();
                let msg = format!(
                    "cannot import \"{}\": its $id is claimed by {}; keep one of them out of the schema set",
                    site.uri,
                    names.join(" and ")
                );
                return self.error(
                    Code::SchemaImportDuplicateId,
                    &site.pointer,
                    site.offset,
                    msg,
                );
            }
        };
        let chain = self.chain(self.src);
        if let Some(at) = chain.iter().position(|&d| d == target) {
            let mut names: Vec<&str> = chain[..=at]
                .iter()
                .rev()
                .map(|&d| self.set.doc(d).name.as_str())
                .collect();
            names.push(&self.set.doc(target).name);
            let msg = format!("import cycle: {}", names.join(" imports "));
            return self.error(Code::SchemaImportCycle, &site.pointer, site.offset, msg);
        }
        if chain.len() > MAX_IMPORT_DEPTH {
            let msg = format!(
                "imports nested more than {MAX_IMPORT_DEPTH} levels deep (importing {})",
                self.set.doc(target).name
            );
            return self.error(Code::SchemaImportTooDeep, &site.pointer, site.offset, msg);
        }
        if let Err(e) = &self.set.doc(target).tree {
            let d = self.set.doc(target);
            let (line, column) = LineIndex::new(&d.bytes).line_col(&d.bytes, e.offset);
            let msg = format!(
                "cannot import {}: it is not well-formed JSON ({} at {line}:{column})",
                d.name, e.kind
            );
            return self.error(Code::SchemaImportInvalid, &site.pointer, site.offset, msg);
        }
        let mut prefix = self.sources[self.src].prefix.clone();
        prefix.extend(site.namespace.iter().cloned());
        self.instantiate(target, prefix, Some(self.src), site.defs_only, Some(site));
    }

    /// The document an import URI names: an absolute URI by `$id`, anything else as a path
    /// relative to the importing document.
    fn resolve_import(&self, from: usize, uri: &str) -> Result<usize, Unresolved> {
        if formats::is_uri(uri) {
            match self.set.by_id(uri) {
                [] => Err(Unresolved::NotFound(format!(
                    "no document of the schema set has the $id \"{uri}\" (documents come from the command line and --schema-dir; nothing is fetched from the network)"
                ))),
                [one] => Ok(*one),
                many => Err(Unresolved::Ambiguous(many.to_vec())),
            }
        } else {
            self.set.relative(from, uri).ok_or_else(|| {
                Unresolved::NotFound(format!(
                    "cannot import \"{uri}\": {} is not a readable schema document",
                    self.set.relative_target(from, uri)
                ))
            })
        }
    }

    /// The documents from an instance up through its importers.
    fn chain(&self, mut source: usize) -> Vec<usize> {
        let mut out = vec![self.sources[source].doc];
        while let Some(p) = self.sources[source].parent {
            out.push(self.sources[p].doc);
            source = p;
        }
        out
    }

    fn is_ancestor_or_self(&self, candidate: usize, of: Option<usize>) -> bool {
        let mut at = of;
        while let Some(s) = at {
            if s == candidate {
                return true;
            }
            at = self.sources[s].parent;
        }
        false
    }

    /// Walks a document as a new instance in `prefix` (or reuses an unshadowed one).
    fn instantiate(
        &mut self,
        doc: usize,
        prefix: Vec<String>,
        parent: Option<usize>,
        defs_only: bool,
        site: Option<&ImportSite>,
    ) -> Option<DocumentHeader> {
        let paths = self.path_set(doc, defs_only);
        if site.is_some() {
            self.imports.imported_paths += paths.len();
            if self.imports.imported_paths > MAX_IMPORTED_PATHS {
                let site = site?;
                let msg = format!(
                    "imports expand to more than {MAX_IMPORTED_PATHS} definitions (importing {})",
                    self.set.doc(doc).name
                );
                self.error(Code::SchemaImportTooDeep, &site.pointer, site.offset, msg);
                return None;
            }
        }
        let mut skip = HashMap::new();
        let mut collisions = Vec::new();
        for local in paths.iter() {
            let full: Vec<String> = prefix.iter().chain(local).cloned().collect();
            match self.claim(&full, doc, local, parent) {
                Claim::Free | Claim::Shared => {}
                Claim::Shadowed => {
                    skip.insert(local.clone(), Skip::Shadowed);
                }
                Claim::Collision(msg) => {
                    collisions.push(msg.clone());
                    skip.insert(local.clone(), Skip::Collision(msg));
                }
            }
        }
        if let Some(site) = site {
            for msg in collisions.iter().take(3) {
                let msg = format!("importing {} collides: {msg}", self.set.doc(doc).name);
                self.error(Code::SchemaImportCollision, &site.pointer, site.offset, msg);
            }
            if collisions.len() > 3 {
                let msg = format!("... and {} more collisions", collisions.len() - 3);
                self.error(Code::SchemaImportCollision, &site.pointer, site.offset, msg);
            }
        }
        let pristine = skip.is_empty();
        if pristine && site.is_some() {
            if let Some(&(existing, with_root)) = self.imports.pristine.get(&doc) {
                if with_root || defs_only {
                    self.alias(existing, &prefix, doc, &paths);
                    return None;
                }
            }
        }

        let d = self.set.doc(doc);
        let source = self.sources.len();
        self.sources.push(SourceBuild {
            doc,
            name: d.name.clone(),
            id: d.id.clone().unwrap_or_default(),
            prefix,
            parent,
            defs_only,
            extensions: Extensions::default(),
            imported: site.is_some(),
            skip,
            root_type: None,
        });
        let saved = (self.src, self.text, self.ext);
        self.src = source;
        self.text = &d.bytes;
        self.ext = Extensions::default();
        if site.is_none() {
            self.check_unique_id(doc);
        }
        let header = match &d.tree {
            Ok(root) => self.document(root, site.is_none()),
            Err(e) => {
                self.error(
                    syntax_code(e),
                    "",
                    e.offset,
                    format!("not well-formed JSON: {}", e.kind),
                );
                None
            }
        };
        (self.src, self.text, self.ext) = saved;
        if pristine {
            let entry = self
                .imports
                .pristine
                .entry(doc)
                .or_insert((source, !defs_only));
            if !entry.1 && !defs_only {
                *entry = (source, true);
            }
        }
        header
    }

    /// A second, unshadowed import of a document: its definition paths in `prefix` name the
    /// nodes of the instance that exists already.
    fn alias(&mut self, existing: usize, prefix: &[String], doc: usize, paths: &[Vec<String>]) {
        let base = self.sources[existing].prefix.clone();
        for local in paths {
            let from = DefinitionPath(base.iter().chain(local).cloned().collect());
            let to = DefinitionPath(prefix.iter().chain(local).cloned().collect());
            if let Some(&id) = self.definitions.get(&from) {
                self.definitions.entry(to.clone()).or_insert(id);
                self.owners.entry(to).or_insert(Owner {
                    source: existing,
                    doc,
                    origin: local.clone(),
                    pristine: true,
                });
            }
        }
    }

    /// What registering `full` (the document's `local` definition) would mean.
    fn claim(&self, full: &[String], doc: usize, local: &[String], parent: Option<usize>) -> Claim {
        let key = DefinitionPath(full.to_vec());
        if let Some(o) = self.owners.get(&key) {
            return if o.doc == doc && o.origin == local && o.pristine {
                Claim::Shared
            } else if self.is_ancestor_or_self(o.source, parent) {
                Claim::Shadowed
            } else {
                Claim::Collision(format!(
                    "'{key}' is already defined by {}",
                    self.sources[o.source].name
                ))
            };
        }
        // A type and a namespace of the same name cannot both exist.
        for n in 1..full.len() {
            if let Some(o) = self.owners.get(&DefinitionPath(full[..n].to_vec())) {
                return Claim::Collision(format!(
                    "'{key}' would live inside '{}', which {} defines as a type",
                    full[..n].join("/"),
                    self.sources[o.source].name
                ));
            }
        }
        if let Some((inner, o)) = self
            .owners
            .range(key.clone()..)
            .nth(1)
            .filter(|(k, _)| k.0.len() > full.len() && k.0.starts_with(full))
        {
            return Claim::Collision(format!(
                "'{key}' is a namespace of {} ('{inner}')",
                self.sources[o.source].name
            ));
        }
        Claim::Free
    }

    /// Registers a definition of the document being walked (`local` inside its namespace).
    pub(super) fn define(&mut self, node: &Node, ptr: &str, local: Vec<String>, key_offset: usize) {
        if let Some(id) = self.claim_local(&local, ptr, key_offset) {
            let full = self.full_path(&local);
            let id = id.unwrap_or_else(|| self.schema(node, ptr, false, Some(full.clone())));
            self.register(full, local, id);
        }
    }

    /// Registers the root type of the document being walked under its `name`.
    pub(super) fn define_root(
        &mut self,
        root: &Node,
        local: Vec<String>,
        at: usize,
    ) -> Option<TypeId> {
        let full = self.full_path(&local);
        if let Some(o) = self.owners.get(&full) {
            if o.source == self.src {
                let msg = format!("the root type '{full}' has the same name as a definition");
                self.error(Code::SchemaNameCollision, "/name", at, msg);
                return None;
            }
        }
        let existing = self.claim_local(&local, "/name", at)?;
        let id = existing.unwrap_or_else(|| self.schema(root, "", true, Some(full.clone())));
        self.register(full, local, id);
        Some(id)
    }

    /// Whether a local definition is built: `None` when it is left out (shadowed, or an error
    /// was reported), `Some(Some(id))` when the same definition exists already and is shared.
    fn claim_local(
        &mut self,
        local: &[String],
        ptr: &str,
        offset: usize,
    ) -> Option<Option<TypeId>> {
        let source = &self.sources[self.src];
        match source.skip.get(local) {
            Some(Skip::Shadowed) => return None,
            Some(Skip::Collision(msg)) => {
                // Collisions of an import were reported at its `$import`.
                if !source.imported {
                    let msg = msg.clone();
                    self.error(Code::SchemaImportCollision, ptr, offset, msg);
                }
                return None;
            }
            None => {}
        }
        let full = self.full_path(local);
        if let Some(o) = self.owners.get(&full) {
            if o.doc == source.doc && o.origin == local && o.pristine {
                return Some(self.definitions.get(&full).copied());
            }
            let msg = format!(
                "'{full}' is already defined by {}",
                self.sources[o.source].name
            );
            self.error(Code::SchemaImportCollision, ptr, offset, msg);
            return None;
        }
        Some(None)
    }

    fn full_path(&self, local: &[String]) -> DefinitionPath {
        DefinitionPath(
            self.sources[self.src]
                .prefix
                .iter()
                .chain(local)
                .cloned()
                .collect(),
        )
    }

    fn register(&mut self, full: DefinitionPath, local: Vec<String>, id: TypeId) {
        let source = &self.sources[self.src];
        let owner = Owner {
            source: self.src,
            doc: source.doc,
            origin: local,
            pristine: source.skip.is_empty(),
        };
        self.definitions.insert(full.clone(), id);
        self.owners.entry(full).or_insert(owner);
    }

    /// A document named on the command line whose `$id` another document of the set claims too.
    fn check_unique_id(&mut self, doc: usize) {
        let d = self.set.doc(doc);
        let Some(id) = &d.id else { return };
        let others: Vec<&str> = self
            .set
            .by_id(id)
            .iter()
            .filter(|&&o| o != doc)
            .map(|&o| self.set.doc(o).name.as_str())
            .collect();
        if others.is_empty() {
            return;
        }
        let at = d
            .tree
            .as_ref()
            .ok()
            .and_then(|t| t.get("$id"))
            .map_or(0, |n| n.start);
        let msg = format!(
            "the $id \"{id}\" is also claimed by {}; imports of it would be ambiguous",
            others.join(" and ")
        );
        self.diag_in(
            self.src as u32,
            Code::SchemaImportDuplicateId,
            Severity::Error,
            "/$id",
            at,
            msg,
        );
    }

    /// The definition paths (inside its own root namespace) an instance of `doc` defines: its
    /// root type (unless `defs_only`), its definitions, and what its own imports bring.
    fn path_set(&mut self, doc: usize, defs_only: bool) -> Rc<Vec<Vec<String>>> {
        if let Some(p) = self.imports.path_sets.get(&(doc, defs_only)) {
            return p.clone();
        }
        if !self.imports.computing.insert(doc) {
            // An import cycle: reported when the import is processed.
            return Rc::new(Vec::new());
        }
        let set = self.set;
        let mut out = Vec::new();
        let mut nested = Vec::new();
        if let Ok(root) = &set.doc(doc).tree {
            if !defs_only && root.get("type").is_some() {
                if let Some(name) = root.get("name").and_then(Node::as_str) {
                    if is_identifier(name) {
                        out.push(vec![name.to_owned()]);
                    }
                }
            }
            collect_imports(root, &[], &mut nested);
            if let Some(defs) = root.get("definitions").filter(|d| d.as_object().is_some()) {
                let mut stack = vec![(defs, Vec::new())];
                while let Some((ns, path)) = stack.pop() {
                    collect_imports(ns, &path, &mut nested);
                    for m in ns.as_object().unwrap_or_default() {
                        if is_import_key(&m.key) || m.value.as_object().is_none() {
                            continue;
                        }
                        let mut p = path.clone();
                        p.push(m.key.clone());
                        if is_namespace(&m.value) {
                            stack.push((&m.value, p));
                        } else {
                            out.push(p);
                        }
                    }
                }
            }
        }
        for (namespace, uri, only) in nested {
            if out.len() > MAX_IMPORTED_PATHS {
                break;
            }
            if let Ok(target) = self.resolve_import(doc, &uri) {
                for local in self.path_set(target, only).iter() {
                    out.push(namespace.iter().chain(local).cloned().collect());
                }
            }
        }
        out.sort();
        out.dedup();
        self.imports.computing.remove(&doc);
        let out = Rc::new(out);
        self.imports.path_sets.insert((doc, defs_only), out.clone());
        out
    }

    /// Lines, columns and file names of every node and diagnostic, one pass per document.
    pub(super) fn locate(&mut self) {
        let main_doc = self.sources.first().map(|s| s.doc);
        let mut by_doc: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let doc = self.sources[node.location.source as usize].doc;
            by_doc.entry(doc).or_default().0.push(i);
        }
        for (i, d) in self.diags.iter().enumerate() {
            let doc = self
                .sources
                .get(d.source as usize)
                .map_or(main_doc.unwrap_or(0), |s| s.doc);
            by_doc.entry(doc).or_default().1.push(i);
        }
        for (doc, (nodes, diags)) in by_doc {
            let text = &self.set.doc(doc).bytes;
            let index = LineIndex::new(text);
            let offsets: Vec<usize> = nodes.iter().map(|&i| self.offsets[i]).collect();
            for (&i, pos) in nodes.iter().zip(index.line_cols(text, &offsets)) {
                (self.nodes[i].location.line, self.nodes[i].location.column) = pos;
            }
            let offsets: Vec<usize> = diags.iter().map(|&i| self.diags[i].offset).collect();
            let file = (Some(doc) != main_doc).then(|| self.set.doc(doc).name.clone());
            for (&i, pos) in diags.iter().zip(index.line_cols(text, &offsets)) {
                let d = &mut self.diags[i];
                (d.line, d.column) = pos;
                d.file = file.clone();
            }
        }
    }
}

/// The `$import`/`$importdefs` members of a root or namespace object, with their namespace.
fn collect_imports(node: &Node, namespace: &[String], out: &mut Vec<(Vec<String>, String, bool)>) {
    for m in node.as_object().unwrap_or_default() {
        if let (true, Some(uri)) = (is_import_key(&m.key), m.value.as_str()) {
            out.push((namespace.to_vec(), uri.to_owned(), m.key == "$importdefs"));
        }
    }
}
