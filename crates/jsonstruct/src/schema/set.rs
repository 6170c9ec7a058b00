//! A set of schema documents that `$import` and `$importdefs` resolve against. Nothing is ever
//! fetched from the network: an absolute URI names the document of the set whose `$id` it is,
//! and a relative reference names a file relative to the importing document.
//!
//! Documents come from files (`add_file`, `add_dir`) or from memory (`add`), so a caller can
//! keep schemas anywhere. Every document is parsed once, when it is added.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::{load, CheckReport, LoadError, Schema};
use crate::formats;
use crate::json::{self, Node, SyntaxError};

/// A document of a [`SchemaSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId(pub(crate) usize);

/// Documents that imports resolve against.
///
/// ```
/// use jsonstruct::schema::SchemaSet;
///
/// let mut set = SchemaSet::new();
/// set.add("people.struct.json", br##"{
///     "$schema": "https://json-structure.org/meta/core/v0/#",
///     "$id": "https://example.com/people", "name": "Person", "type": "object",
///     "properties": { "name": { "type": "string" } }
/// }"##.to_vec());
/// let team = set.add("team.struct.json", br##"{
///     "$schema": "https://json-structure.org/meta/core/v0/#",
///     "$id": "https://example.com/team", "name": "Team", "type": "object",
///     "properties": { "lead": { "type": { "$ref": "#/definitions/People/Person" } } },
///     "definitions": { "People": { "$import": "https://example.com/people" } }
/// }"##.to_vec());
/// let schema = set.load(team).unwrap();
/// assert!(schema.definition("#/definitions/People/Person").is_some());
/// ```
#[derive(Debug, Default)]
pub struct SchemaSet {
    docs: Vec<Document>,
    /// `$id` (without a trailing `#`) -> the documents that claim it.
    by_id: HashMap<String, Vec<usize>>,
    /// Canonical file path -> document.
    by_path: HashMap<PathBuf, usize>,
    /// Name as given -> document (for documents added from memory).
    by_name: HashMap<String, usize>,
}

#[derive(Debug)]
pub(crate) struct Document {
    /// How the document is shown in diagnostics: its path as given, or the caller's name.
    pub name: String,
    /// The canonical path, for documents read from files.
    pub path: Option<PathBuf>,
    pub bytes: Vec<u8>,
    pub tree: Result<Node, SyntaxError>,
    /// The root `$id`, normalised (no trailing `#`), when it is a string.
    pub id: Option<String>,
}

/// The normal form of an `$id` or import URI: a trailing empty fragment does not matter.
pub(crate) fn normalise_uri(uri: &str) -> &str {
    uri.strip_suffix('#').unwrap_or(uri)
}

impl SchemaSet {
    /// An empty set.
    pub fn new() -> SchemaSet {
        SchemaSet::default()
    }

    /// Adds a document from memory. `name` is how diagnostics name it, and relative imports
    /// from it resolve against its folder part (`lib/a.struct.json` importing `b.struct.json`
    /// finds a document named `lib/b.struct.json`).
    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) -> DocumentId {
        let name = name.into();
        let id = self.push(name.clone(), None, bytes);
        self.by_name.insert(name, id.0);
        id
    }

    /// Reads a document from a file (once: the same file added twice is one document), and
    /// every file its relative imports name, transitively. A file that a relative import
    /// names but that cannot be read is reported when the import is resolved.
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> Result<DocumentId, LoadError> {
        let path = path.as_ref();
        let first = self.read_file(path, path.display().to_string())?;
        // Follow relative imports with a work list, not recursion: a long chain of files must
        // not exhaust the stack.
        let mut work = vec![first.0];
        while let Some(doc) = work.pop() {
            for (target, shown) in self.relative_imports(doc) {
                if self.by_path.contains_key(&target) || !target.is_file() {
                    continue;
                }
                if let Ok(added) = self.read_file(&target, shown) {
                    work.push(added.0);
                }
            }
        }
        Ok(first)
    }

    /// Adds every `*.struct.json` file below `dir` (recursively, in path order).
    pub fn add_dir(&mut self, dir: impl AsRef<Path>) -> Result<Vec<DocumentId>, LoadError> {
        let dir = dir.as_ref();
        let mut files = Vec::new();
        let mut pending = vec![dir.to_owned()];
        while let Some(d) = pending.pop() {
            let entries = std::fs::read_dir(&d).map_err(|error| LoadError::Io {
                path: d.clone(),
                error,
            })?;
            for entry in entries {
                let entry = entry.map_err(|error| LoadError::Io {
                    path: d.clone(),
                    error,
                })?;
                let path = entry.path();
                let kind = entry.file_type().map_err(|error| LoadError::Io {
                    path: path.clone(),
                    error,
                })?;
                if kind.is_dir() {
                    pending.push(path);
                } else if path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".struct.json"))
                {
                    files.push(path);
                }
            }
        }
        files.sort();
        files.iter().map(|f| self.add_file(f)).collect()
    }

    /// Reads a file as a document that diagnostics call `shown`.
    fn read_file(&mut self, path: &Path, shown: String) -> Result<DocumentId, LoadError> {
        let io = |error| LoadError::Io {
            path: path.to_owned(),
            error,
        };
        let canonical = path.canonicalize().map_err(io)?;
        if let Some(&id) = self.by_path.get(&canonical) {
            return Ok(DocumentId(id));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let id = self.push(shown, Some(canonical.clone()), bytes);
        self.by_path.insert(canonical, id.0);
        Ok(id)
    }

    fn push(&mut self, name: String, path: Option<PathBuf>, bytes: Vec<u8>) -> DocumentId {
        let tree = json::tree::parse(&bytes, load::MAX_SCHEMA_DEPTH);
        let id = tree
            .as_ref()
            .ok()
            .and_then(|t| t.get("$id"))
            .and_then(Node::as_str)
            .map(|s| normalise_uri(s).to_owned());
        let index = self.docs.len();
        if let Some(uri) = &id {
            self.by_id.entry(uri.clone()).or_default().push(index);
        }
        self.docs.push(Document {
            name,
            path,
            bytes,
            tree,
            id,
        });
        DocumentId(index)
    }

    /// The files that the relative `$import`/`$importdefs` of a file document name, with how
    /// to show them: relative to the importing document as the user named it.
    fn relative_imports(&self, doc: usize) -> Vec<(PathBuf, String)> {
        let d = &self.docs[doc];
        let (Some(path), Ok(tree)) = (&d.path, &d.tree) else {
            return Vec::new();
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        let shown_dir = Path::new(&d.name).parent().unwrap_or(Path::new(""));
        let mut out = Vec::new();
        let mut nodes = vec![tree];
        if let Some(defs) = tree.get("definitions") {
            nodes.push(defs);
        }
        while let Some(n) = nodes.pop() {
            for m in n.as_object().unwrap_or_default() {
                match (m.key.as_str(), m.value.as_str()) {
                    ("$import" | "$importdefs", Some(uri)) if !formats::is_uri(uri) => {
                        out.push((
                            normalise_path(&dir.join(uri)),
                            normalise_path(&shown_dir.join(uri)).display().to_string(),
                        ));
                    }
                    // Namespaces below `definitions` may import too.
                    (_, None) if !std::ptr::eq(n, tree) && load::is_namespace(&m.value) => {
                        nodes.push(&m.value);
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Checks a document, resolving its imports against the set.
    pub fn check(&self, doc: DocumentId) -> CheckReport {
        load::load_set(self, &[doc])
    }

    /// Loads a document; fails when the check finds any error (in it or in what it imports).
    pub fn load(&self, doc: DocumentId) -> Result<Schema, LoadError> {
        into_result(self.check(doc), Some(&self.docs[doc.0]))
    }

    /// Checks several documents as one model, as a generated crate needs them: each keeps its
    /// own root namespace, a definition that several of them import is one type, and two
    /// documents that define the same name differently collide. The model has no root type.
    pub fn check_all(&self, docs: &[DocumentId]) -> CheckReport {
        load::load_set(self, docs)
    }

    /// [`SchemaSet::check_all`], failing on any error.
    pub fn load_all(&self, docs: &[DocumentId]) -> Result<Schema, LoadError> {
        into_result(self.check_all(docs), None)
    }

    /// How diagnostics name the document.
    pub fn name(&self, doc: DocumentId) -> &str {
        &self.docs[doc.0].name
    }

    /// The document's text.
    pub fn text(&self, doc: DocumentId) -> &[u8] {
        &self.docs[doc.0].bytes
    }

    /// The document that diagnostics call `name`.
    pub fn find(&self, name: &str) -> Option<DocumentId> {
        self.docs
            .iter()
            .position(|d| d.name == name)
            .map(DocumentId)
    }

    /// Every document, in the order they were added.
    pub fn documents(&self) -> impl Iterator<Item = DocumentId> + '_ {
        (0..self.docs.len()).map(DocumentId)
    }

    pub(crate) fn doc(&self, doc: usize) -> &Document {
        &self.docs[doc]
    }

    /// The documents that claim an `$id`.
    pub(crate) fn by_id(&self, uri: &str) -> &[usize] {
        self.by_id
            .get(normalise_uri(uri))
            .map_or(&[], Vec::as_slice)
    }

    /// The document a relative reference written in `from` names, if the set has it.
    pub(crate) fn relative(&self, from: usize, reference: &str) -> Option<usize> {
        let d = &self.docs[from];
        match &d.path {
            Some(path) => {
                let dir = path.parent().unwrap_or(Path::new(""));
                let target = normalise_path(&dir.join(reference));
                let canonical = target.canonicalize().unwrap_or(target);
                self.by_path.get(&canonical).copied()
            }
            None => {
                let dir = Path::new(&d.name).parent().unwrap_or(Path::new(""));
                let target = normalise_path(&dir.join(reference));
                self.by_name.get(target.to_str()?).copied()
            }
        }
    }

    /// Where a relative reference written in `from` points, for messages.
    pub(crate) fn relative_target(&self, from: usize, reference: &str) -> String {
        let d = &self.docs[from];
        let base = d.path.as_deref().unwrap_or(Path::new(&d.name));
        let dir = base.parent().unwrap_or(Path::new(""));
        normalise_path(&dir.join(reference)).display().to_string()
    }
}

fn into_result(report: CheckReport, doc: Option<&Document>) -> Result<Schema, LoadError> {
    match report.schema {
        Some(schema) => Ok(schema),
        None => Err(LoadError::Invalid {
            path: doc.map(|d| d.path.clone().unwrap_or_else(|| PathBuf::from(&d.name))),
            diagnostics: report.diagnostics,
        }),
    }
}

/// `a/./b/../c` -> `a/c`, without touching the file system.
fn normalise_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
