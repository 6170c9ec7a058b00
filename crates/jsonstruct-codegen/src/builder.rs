//! The build-script API, in the spirit of `prost_build::Config`: schemas (or directories of
//! them) in, one Rust module per schema out, written to `OUT_DIR` for `include!`. The same
//! builder writes whole crates ([`Builder::generate_crate`]), which is how `cargo xtask
//! codegen` uses it: one loader and one set of options for both routes.

use std::path::{Path, PathBuf};

use jsonstruct::schema::{DocumentId, Location, SchemaSet};
use jsonstruct::{LoadError, Schema};

use crate::{names, plan, rust, write, Error, GeneratedFiles, Int64Encoding, Options, SchemaFile};

/// Generates Rust modules from JSON Structure schemas, typically in a `build.rs`:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     jsonstruct_codegen::Builder::new()
///         .schema("schemas/person.struct.json")
///         .int64(jsonstruct_codegen::Int64Encoding::Number)
///         .derive("Eq")?
///         .generate()?;
///     Ok(())
/// }
/// ```
///
/// and in the crate (the module's paths never start with `crate::`, so any depth works):
///
/// ```text
/// pub mod people {
///     include!(concat!(env!("OUT_DIR"), "/person.rs"));
/// }
/// ```
///
/// Every schema becomes one file in the output directory, named after the schema's `name`
/// in snake case (`SessionActivity` -> `session_activity.rs`; the file name when the schema
/// has no `name`). Generated code refers to the runtime by [`Builder::runtime_path`]
/// (`::jsonstruct_types` unless changed), so the crate that includes it depends on
/// `jsonstruct-types`, `serde` (with `derive`) and `serde_json`.
#[derive(Debug, Clone)]
pub struct Builder {
    schemas: Vec<PathBuf>,
    schema_dirs: Vec<PathBuf>,
    /// Explicit, or `None`: from the nearest `jsonstruct.toml` of the first schema.
    int64: Option<Int64Encoding>,
    derives: Vec<String>,
    runtime_path: String,
    out_dir: Option<PathBuf>,
    command: String,
    cargo_metadata: bool,
}

/// One generated module: its file name, its code, and the schema it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Module {
    /// The file name in the output directory (`person.rs`).
    pub file_name: String,
    /// The Rust code: items only, for `include!`.
    pub contents: String,
    /// The schema file the module was generated from.
    pub schema: PathBuf,
    /// The Rust name of the schema's root type, when it has one (`Person`).
    pub root_type: Option<String>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// A builder with no schemas, 64-bit integers written as strings, no extra derives, the
    /// runtime at `::jsonstruct_types`, output to `$OUT_DIR`, and `cargo:rerun-if-changed`
    /// lines printed.
    pub fn new() -> Self {
        Builder {
            schemas: Vec::new(),
            schema_dirs: Vec::new(),
            int64: None,
            derives: Vec::new(),
            runtime_path: rust::RUNTIME.to_owned(),
            out_dir: None,
            command: "jsonstruct_codegen::Builder (build.rs)".to_owned(),
            cargo_metadata: true,
        }
    }

    /// Adds a schema file.
    pub fn schema(mut self, path: impl AsRef<Path>) -> Self {
        self.schemas.push(path.as_ref().to_owned());
        self
    }

    /// Adds every `*.struct.json` file directly inside `dir` (sorted by name).
    pub fn schema_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.schema_dirs.push(dir.as_ref().to_owned());
        self
    }

    /// How 64-bit integers are written; reading always accepts numbers and strings. Without
    /// this call, the workspace decides: [`Int64Encoding::Number`] when the nearest
    /// `jsonstruct.toml` above the first schema says `int64-numbers = true`, else
    /// [`Int64Encoding::String`] (the JSON Structure form).
    pub fn int64(mut self, int64: Int64Encoding) -> Self {
        self.int64 = Some(int64);
        self
    }

    /// The 64-bit wire form: the explicit one, or the workspace's (see [`Builder::int64`]).
    fn int64_encoding(&self, files: &[PathBuf]) -> Result<Int64Encoding, Error> {
        if let Some(explicit) = self.int64 {
            return Ok(explicit);
        }
        let Some(first) = files.first() else {
            return Ok(Int64Encoding::String);
        };
        match jsonstruct::config::Config::discover(first) {
            Ok(Some((_, config))) if config.int64_numbers() => Ok(Int64Encoding::Number),
            Ok(_) => Ok(Int64Encoding::String),
            Err(e) => Err(Error::option(e.to_string())),
        }
    }

    /// Adds a trait every generated struct and enum derives (`"Hash"`, `"::std::cmp::Eq"`);
    /// types that have it already are left alone. Fails when `path` is not a Rust path.
    pub fn derive(mut self, path: &str) -> Result<Self, Error> {
        rust::parse_path(path, "derive")?;
        self.derives.push(path.trim().to_owned());
        Ok(self)
    }

    /// The path generated code uses for the runtime (`::jsonstruct_types` by default): for a
    /// crate that re-exports `jsonstruct_types` under another name, or a copy of it in a module
    /// (`crate::rt`). Checked when generating.
    pub fn runtime_path(mut self, path: &str) -> Self {
        self.runtime_path = path.trim().to_owned();
        self
    }

    /// Where [`Builder::generate`] writes (default: the `OUT_DIR` cargo gives build scripts).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// The command named in the first line of every generated file.
    pub fn command(mut self, command: impl Into<String>) -> Self {
        self.command = command.into();
        self
    }

    /// Whether [`Builder::generate`] prints `cargo:rerun-if-changed` for every schema file and
    /// directory it reads (default: yes; turn off outside build scripts).
    pub fn cargo_metadata(mut self, on: bool) -> Self {
        self.cargo_metadata = on;
        self
    }

    /// Generates every schema's module and writes it to the output directory (files whose
    /// contents are unchanged are not rewritten, so cargo does not rebuild for nothing).
    /// Returns the paths of the modules.
    pub fn generate(&self) -> Result<Vec<PathBuf>, Error> {
        if self.cargo_metadata {
            // Printed before anything can fail, so a fix to a broken schema reruns the script.
            for path in self.schemas.iter().chain(&self.schema_dirs) {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::option(
                        "OUT_DIR is not set: call generate() from a build script, or set out_dir()",
                    )
                })?,
        };
        let mut written = Vec::new();
        for module in self.modules()? {
            let path = out_dir.join(&module.file_name);
            let same = std::fs::read_to_string(&path).is_ok_and(|old| old == module.contents);
            if !same {
                write::write_atomically(&path, module.contents.as_bytes())
                    .map_err(|e| Error::io(&path, &e))?;
            }
            written.push(path);
        }
        Ok(written)
    }

    /// Generates every schema's module in memory.
    pub fn modules(&self) -> Result<Vec<Module>, Error> {
        let files = self.schema_files()?;
        let int64 = self.int64_encoding(&files)?;
        let code = rust::Code::new(&self.runtime_path, int64, &self.derives)?;
        let mut modules: Vec<Module> = Vec::new();
        let documents = Documents::read(&files)?;
        for (path, doc) in &documents.files {
            let path = path.clone();
            let schema = documents.check(&[*doc])?;
            let file_name = format!("{}.rs", module_name(&schema, &path));
            if let Some(other) = modules.iter().find(|m| m.file_name == file_name) {
                return Err(Error::option(format!(
                    "{} and {} would both be written to {file_name}: give the schemas different names",
                    other.schema.display(),
                    path.display()
                )));
            }
            let preamble = format!(
                "@generated by `{}` from {} — do not edit.",
                self.command,
                path.display()
            );
            let plan = plan::Plan::build(&schema).map_err(|e| e.in_file(&path))?;
            let contents =
                rust::module_rs(&plan, &code, &preamble).map_err(|e| e.in_file(&path))?;
            let root_type = plan.root.map(|r| plan.item(r).name.clone());
            modules.push(Module {
                file_name,
                contents,
                schema: path,
                root_type,
            });
        }
        Ok(modules)
    }

    /// [`Options`] for [`Builder::generate_crate`], with this builder's 64-bit form (explicit
    /// or the workspace's), derives and command; set the crate-specific ones on the result
    /// with its builder methods.
    pub fn crate_options(&self, crate_name: impl Into<String>) -> Result<Options, Error> {
        let mut options = Options::new(crate_name)
            .int64(self.int64_encoding(&self.schema_files()?)?)
            .command(self.command.clone());
        for path in &self.derives {
            options = options.derive(path.clone());
        }
        Ok(options)
    }

    /// The files of one crate for all the builder's schemas ([`crate::generate_crate`]),
    /// loaded the way [`Builder::generate`] loads them but as one model: a definition several
    /// of them share through imports is one type. When `options` names no schema files, it is
    /// filled with every schema file, seen from `crate_dir` (the crate's directory), so the
    /// crate's `build.rs` notices drift in any of them.
    pub fn generate_crate(
        &self,
        crate_dir: &Path,
        options: &Options,
    ) -> Result<GeneratedFiles, Error> {
        let documents = Documents::read(&self.schema_files()?)?;
        let docs: Vec<DocumentId> = documents.files.iter().map(|(_, d)| *d).collect();
        let schema = documents.check(&docs)?;
        let mut options = options.clone();
        if options.schema_files.is_empty() {
            for (path, doc) in &documents.files {
                let file = SchemaFile::new(path, documents.set.text(*doc), crate_dir).ok_or_else(
                    || {
                        Error::option(format!(
                            "{} has no path relative to {}",
                            path.display(),
                            crate_dir.display()
                        ))
                    },
                )?;
                options.schema_files.push(file);
            }
        }
        let first = &documents.files[0].0;
        crate::generate_crate(&schema, &options).map_err(|e| e.in_file(first))
    }

    /// The schema files: those given one by one, then each directory's, without repeats.
    fn schema_files(&self) -> Result<Vec<PathBuf>, Error> {
        let mut files = self.schemas.clone();
        for dir in &self.schema_dirs {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                Error::schema(format!("cannot read the schema directory: {e}"), None).in_file(dir)
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.ends_with(".struct.json"))
                })
                .collect();
            found.sort();
            files.extend(found);
        }
        let mut seen = std::collections::BTreeSet::new();
        files.retain(|f| seen.insert(f.clone()));
        if files.is_empty() {
            return Err(Error::option(
                "no schemas: add one with schema() or a directory of *.struct.json files with schema_dir()",
            ));
        }
        Ok(files)
    }
}

/// The builder's schema files in one schema set: imports between them resolve by `$id` (and
/// relative paths by file); the only place the builder loads schemas.
struct Documents {
    set: SchemaSet,
    files: Vec<(PathBuf, DocumentId)>,
}

impl Documents {
    fn read(paths: &[PathBuf]) -> Result<Documents, Error> {
        let mut set = SchemaSet::new();
        let mut files = Vec::new();
        for path in paths {
            let doc = set.add_file(path).map_err(|e| match e {
                LoadError::Io { error, .. } => {
                    Error::schema(format!("cannot read the schema: {error}"), None).in_file(path)
                }
                other => Error::schema(other.to_string(), None).in_file(path),
            })?;
            files.push((path.clone(), doc));
        }
        Ok(Documents { set, files })
    }

    /// The checked model of `docs` (one document, or several as one model); the first error
    /// names the file it is in.
    fn check(&self, docs: &[DocumentId]) -> Result<Schema, Error> {
        let report = match docs {
            [one] => self.set.check(*one),
            many => self.set.check_all(many),
        };
        let errors: Vec<_> = report.errors().collect();
        let Some(first) = errors.first() else {
            return report
                .schema
                .ok_or_else(|| Error::internal("a schema without errors did not load"));
        };
        let file = match &first.file {
            Some(name) => PathBuf::from(name),
            None => self
                .files
                .iter()
                .find(|(_, d)| *d == docs[0])
                .map(|(p, _)| p.clone())
                .unwrap_or_default(),
        };
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more error(s))", n - 1),
        };
        let location = Location::new(first.pointer.clone(), first.line, first.column);
        Err(Error::schema(
            format!(
                "invalid JSON Structure schema: [{}] {}{more}",
                first.code, first.message
            ),
            Some(location),
        )
        .in_file(&file))
    }
}

/// The module's name: the schema's `name` in snake case, else the file name without
/// `.struct.json` / `.json`.
fn module_name(schema: &Schema, path: &Path) -> String {
    let base = match schema.name() {
        Some(name) => name.to_owned(),
        None => {
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("schema");
            file.trim_end_matches(".json")
                .trim_end_matches(".struct")
                .to_owned()
        }
    };
    names::field_ident(&base)
        .trim_start_matches("r#")
        .to_owned()
}
