//! # jsonstruct-codegen
//!
//! Rust types and Markdown docs from a checked JSON Structure model ([`jsonstruct::Schema`]).
//!
//! The generator builds a type plan from the model (`plan`), turns it into `proc_macro2`
//! tokens with `quote`, parses them with `syn` and prints them with `prettyplease`, so output
//! is byte-identical on every machine. It never re-reads the schema's JSON.
//!
//! ```
//! use jsonstruct::Schema;
//! use jsonstruct_codegen::{generate_crate, Options};
//!
//! let schema = Schema::from_slice(br#"{
//!     "$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/person",
//!     "name": "Person",
//!     "type": "object",
//!     "properties": { "firstName": { "type": "string" }, "born": { "type": "date" } },
//!     "required": ["firstName"]
//! }"#).unwrap();
//! let files = generate_crate(&schema, &Options::new("person-types")).unwrap();
//! let types = files.get("src/types.rs").unwrap();
//! assert!(types.contains("pub struct Person"));
//! assert!(types.contains("pub first_name: ::std::string::String"));
//! assert!(files.get("docs/Person.md").unwrap().starts_with("<!-- @generated"));
//! ```
//!
//! Two ways out: [`Builder`] writes one module per schema for `include!` from a `build.rs`
//! (as `prost_build::Config` does), and [`generate_crate`] writes a whole crate (what
//! `jsonstruct generate rust` and `cargo xtask codegen` do, through the same builder). Either
//! way, generated code refers to the runtime crate `jsonstruct-types` by absolute path
//! (`::jsonstruct_types::Date`), or to a copy of its source written into the crate
//! ([`Options::vendor_runtime`]).
//!
//! Modules: `names` (identifiers), `plan` (schema nodes -> Rust items), `rust` (code),
//! `docs` (Markdown), `sample` (example JSON for the docs), `builder` (the build-script API),
//! `sha256` (the schema digest), [`mod@write`] (writing generated files atomically and
//! checking them for drift).

#![warn(missing_docs, unreachable_pub)]

mod builder;
mod docs;
mod error;
pub mod names;
mod plan;
mod rust;
mod sample;
mod sha256;
pub mod write;

use jsonstruct::Schema;

pub use builder::{Builder, Module};
pub use error::{Error, ErrorKind};
pub use sha256::schema_digest;

/// How 64-bit integers (`int64`, `uint64`) are written. Reading always accepts both forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Int64Encoding {
    /// As strings (`"1746645421127"`), the JSON Structure wire form.
    #[default]
    String,
    /// As JSON numbers (`1746645421127`), what most APIs (Clerk) send.
    Number,
}

/// What to generate and how to label it.
#[derive(Debug, Clone)]
pub struct Options {
    /// The package name (`clerk-session`); the library is its snake-case form.
    pub crate_name: String,
    /// The package version written to `Cargo.toml` (`0.1.0` by default). `cargo xtask compat`
    /// checks it follows the bump the schema changes call for.
    pub crate_version: String,
    pub int64: Int64Encoding,
    /// The schema's path (or paths) as shown in the generated files' first line.
    pub schema_path: String,
    /// The command that regenerates the files, named in their first line.
    pub command: String,
    /// The schema files the crate is generated from, with their digests. When given, the
    /// crate gets a `build.rs` that fails the build when any of them exists and differs, and
    /// `SCHEMA_DIGESTS` lists them.
    pub schema_files: Vec<SchemaFile>,
    /// Traits every generated struct and enum derives besides `Debug`, `Clone`, `PartialEq`
    /// and the serde traits, as Rust paths (`"Hash"`, `"::std::cmp::Eq"`); skipped where a
    /// type has the trait already. A trait a type cannot derive (`Eq` on a type with an `f64`)
    /// makes the generated code fail to compile.
    pub derives: Vec<String>,
    /// Writes the runtime's source into the crate (`src/jsonstruct_types/`, from
    /// [`jsonstruct_types::SOURCE`]) instead of depending on `jsonstruct-types`, so the crate
    /// needs only `serde` and `serde_json`.
    pub vendor_runtime: bool,
    /// The `jsonstruct-types` package's directory relative to the generated crate's (`/`
    /// separated): the dependency gets this `path` beside its version. Set inside this
    /// workspace; without it the version alone is written.
    pub runtime_crate_path: Option<String>,
}

impl Options {
    pub fn new(crate_name: impl Into<String>) -> Self {
        Options {
            crate_name: crate_name.into(),
            crate_version: "0.1.0".to_owned(),
            int64: Int64Encoding::String,
            schema_path: "schema.struct.json".to_owned(),
            command: "jsonstruct generate rust".to_owned(),
            schema_files: Vec::new(),
            derives: Vec::new(),
            vendor_runtime: false,
            runtime_crate_path: None,
        }
    }

    /// The library name: the crate name with `-` replaced by `_`.
    pub fn lib_name(&self) -> String {
        self.crate_name.replace('-', "_")
    }

    /// The first line of generated files, after the comment marker.
    fn preamble(&self) -> String {
        format!(
            "@generated by `{}` from {} — do not edit.",
            self.command, self.schema_path
        )
    }

    fn check(&self) -> Result<(), Error> {
        let name = &self.crate_name;
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(Error::option(format!(
                "crate name {name:?} is not valid: use ASCII letters, digits, '-' and '_', starting with a letter"
            )));
        }
        if names::is_keyword(&self.lib_name()) {
            return Err(Error::option(format!(
                "crate name {name:?} is a Rust keyword"
            )));
        }
        for (what, text) in [
            ("command", &self.command),
            ("schema path", &self.schema_path),
        ] {
            if text.contains(['\n', '\r']) {
                return Err(Error::option(format!("the {what} must be one line")));
            }
        }
        Ok(())
    }
}

/// A schema file a crate is generated from, for the drift check of its `build.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFile {
    /// The file's path relative to the generated crate's directory, `/`-separated.
    pub path_from_crate: String,
    /// [`schema_digest`] of its bytes.
    pub digest: String,
}

impl SchemaFile {
    /// The entry for a schema file read from `path`, seen from the crate directory `crate_dir`
    /// (both taken as the file system has them). `None` when no relative path exists (another
    /// drive).
    pub fn new(path: &std::path::Path, bytes: &[u8], crate_dir: &std::path::Path) -> Option<Self> {
        Some(SchemaFile {
            path_from_crate: write::relative_path(crate_dir, path)?,
            digest: schema_digest(bytes),
        })
    }
}

/// One generated file: a `/`-separated path relative to the output directory, and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Generated files, ordered by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedFiles {
    pub files: Vec<GeneratedFile>,
}

impl GeneratedFiles {
    fn push(&mut self, path: impl Into<String>, contents: String) {
        self.files.push(GeneratedFile {
            path: path.into(),
            contents,
        });
    }

    fn sorted(mut self) -> Self {
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        self
    }

    /// The contents of the file at `path`.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, GeneratedFile> {
        self.files.iter()
    }
}

/// Generates a crate: `Cargo.toml`, `rustfmt.toml` (formatting is the generator's),
/// `build.rs` (when the options name the schema file), `src/lib.rs`, `src/types.rs` (the
/// module [`Builder`] writes, under a header) and one Markdown file per type under `docs/`.
/// The crate depends on `serde`, `serde_json` and `jsonstruct-types`, or with
/// [`Options::vendor_runtime`] has the runtime's source under `src/jsonstruct_types/` instead.
pub fn generate_crate(schema: &Schema, options: &Options) -> Result<GeneratedFiles, Error> {
    options.check()?;
    // A vendored runtime is a module of the crate; otherwise the runtime crate.
    let runtime = if options.vendor_runtime {
        "crate::jsonstruct_types"
    } else {
        rust::RUNTIME
    };
    let code = rust::Code::new(runtime, options.int64, &options.derives)?;
    let plan = plan::Plan::build(schema)?;
    let mut files = GeneratedFiles::default();
    files.push("Cargo.toml", rust::cargo_toml(schema, options));
    // The generator formats its output (prettyplease); rustfmt must not fight it.
    files.push(
        "rustfmt.toml",
        format!(
            "# {}
# The generator formats these files itself; rustfmt leaves them alone.
disable_all_formatting = true
",
            options.preamble()
        ),
    );
    if !options.schema_files.is_empty() {
        files.push("build.rs", rust::build_rs(options)?);
    }
    let docs = docs::generate(&plan, options)?;
    files.push("src/lib.rs", rust::lib_rs(&plan, options, &docs)?);
    files.push("src/types.rs", rust::types_rs(&plan, &code, options)?);
    if options.vendor_runtime {
        for (path, contents) in rust::vendored_runtime(options) {
            files.push(path, contents);
        }
    }
    for doc in docs {
        files.push(format!("docs/{}", doc.path), doc.contents);
    }
    Ok(files.sorted())
}

/// The Markdown docs of one type (`jsonstruct generate docs --type`): its page and the pages of
/// the types it uses, so every link resolves.
pub fn generate_docs_for(
    schema: &Schema,
    ty: jsonstruct::TypeId,
    options: &Options,
) -> Result<GeneratedFiles, Error> {
    options.check()?;
    let plan = plan::Plan::build(schema)?;
    let start = plan
        .item_of(ty)
        .ok_or_else(|| Error::option("the type has no page of its own (it is not a definition)"))?;
    let only = plan.closure(start);
    let mut files = GeneratedFiles::default();
    for doc in docs::generate_only(&plan, options, Some(&only))? {
        files.files.push(doc);
    }
    Ok(files.sorted())
}

/// Generates the Markdown docs only: one file per type, named `<Type>.md`.
pub fn generate_docs(schema: &Schema, options: &Options) -> Result<GeneratedFiles, Error> {
    options.check()?;
    let plan = plan::Plan::build(schema)?;
    let mut files = GeneratedFiles::default();
    for doc in docs::generate(&plan, options)? {
        files.files.push(doc);
    }
    Ok(files.sorted())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    #[test]
    fn digest_is_sha256_of_normalised_bytes() {
        for input in [&b""[..], b"abc", &[0x61; 64], &[0x7f; 1000]] {
            let expected: String = sha2::Sha256::digest(input)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(schema_digest(input), expected);
        }
        assert_eq!(schema_digest(b"a\r\nb\r\n"), schema_digest(b"a\nb\n"));
        assert_eq!(schema_digest(b"\r\n\r\n"), schema_digest(b"\n\n"));
        assert_ne!(schema_digest(b"a\rb"), schema_digest(b"ab"));
    }

    #[test]
    fn invalid_crate_names_are_rejected() {
        let schema = Schema::from_slice(
            br#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://x/y",
                "name": "X", "type": "object", "properties": {"a": {"type": "string"}}}"#,
        )
        .unwrap();
        for bad in ["", "9x", "a b", "type", "ä"] {
            let err = generate_crate(&schema, &Options::new(bad)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidOption, "{bad}");
        }
    }
}
