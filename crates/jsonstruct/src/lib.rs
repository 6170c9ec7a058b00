//! # jsonstruct
//!
//! A JSON Structure (draft-vasters-json-structure-core and its companions) toolkit: load and
//! check schema documents into a located model, validate instances against them, resolve
//! imports between documents, compare two versions of a schema, and export to JSON Schema.
//!
//! ## Load and check a schema
//!
//! [`Schema::from_slice`] and [`Schema::from_path`] load a document and fail with every
//! problem located; [`Schema::check`] returns the diagnostics (errors and warnings) either way.
//!
//! ```
//! use jsonstruct::Schema;
//!
//! let schema = Schema::from_slice(br#"{
//!     "$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/person",
//!     "name": "Person",
//!     "type": "object",
//!     "properties": { "name": { "type": "string" }, "age": { "type": "int8" } },
//!     "required": ["name"]
//! }"#).unwrap();
//! assert_eq!(schema.name(), Some("Person"));
//!
//! // Problems come back located, with the shared SDK error codes.
//! let report = Schema::check(br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/x", "name": "X", "type": "strin"}"#);
//! let error = report.errors().next().unwrap();
//! assert_eq!(error.code.as_str(), "SCHEMA_TYPE_INVALID");
//! assert_eq!((error.line, error.pointer.as_str()), (2, "/type"));
//! ```
//!
//! The model ([`schema`]) is an arena of [`TypeNode`]s that the validator, the code generator
//! and the exporters read; its types are `#[non_exhaustive]`, so reading their fields is
//! stable while keywords are added.
//!
//! ## Validate instances
//!
//! Compile a [`Validator`] once, then validate many instances, from bytes (located errors) or
//! from a `serde_json::Value`. [`Options::default()`] follows the spec; its builder methods
//! change one thing each.
//!
//! ```
//! use jsonstruct::{Options, Schema, Validator};
//!
//! let schema = Schema::from_slice(br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/e", "name": "Event", "type": "object",
//!     "properties": {"at": {"type": "int64"}, "kind": {"type": "string", "enum": ["a", "b"]}},
//!     "required": ["at"]}"#).unwrap();
//! let validator = Validator::new(&schema).unwrap();
//! assert!(validator.is_valid(br#"{"at": "1746645421127", "kind": "a"}"#));
//!
//! let report = validator.validate(b"{\"at\": \"1\",\n \"kind\": \"c\"}").unwrap_err();
//! let e = &report.errors[0];
//! assert_eq!((e.code.as_str(), e.path.as_str(), e.line), ("INSTANCE_ENUM_MISMATCH", "/kind", Some(2)));
//!
//! // APIs that send 64-bit integers as JSON numbers (as a jsonstruct.toml may record).
//! let numbers = Validator::with_options(&schema, Options::default().int64_numbers(true)).unwrap();
//! assert!(numbers.is_valid_value(&serde_json::json!({"at": 1746645421127_u64})));
//! ```
//!
//! ## Import sets: schemas that import each other
//!
//! `$import` and `$importdefs` resolve against a [`schema::SchemaSet`]: documents added from
//! memory or files, never fetched from the network.
//!
//! ```
//! use jsonstruct::schema::SchemaSet;
//!
//! let mut set = SchemaSet::new();
//! set.add("people.struct.json", br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/people", "name": "Person", "type": "object",
//!     "properties": {"name": {"type": "string"}}}"#.to_vec());
//! let team = set.add("team.struct.json", br##"{"$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/team", "name": "Team", "type": "object",
//!     "properties": {"lead": {"type": {"$ref": "#/definitions/People/Person"}}},
//!     "definitions": {"People": {"$import": "https://example.com/people"}}}"##.to_vec());
//! let schema = set.load(team).unwrap();
//! assert!(schema.find_definition("People/Person").is_ok());
//! ```
//!
//! ## Compare two versions
//!
//! [`diff::diff`] classifies every change as backward or forward compatible and names the
//! semver bump it calls for; a [`diff::Policy`] decides which changes are acceptable.
//!
//! ```
//! use jsonstruct::diff::{self, ChangeKind, Policy, Requirement};
//! use jsonstruct::Schema;
//!
//! let version = |extra: &str| Schema::from_slice(format!(r#"{{"$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/s", "name": "S", "type": "object",
//!     "properties": {{"id": {{"type": "string"}}{extra}}}, "additionalProperties": false}}"#).as_bytes()).unwrap();
//! let d = diff::diff(&version(""), &version(r#", "note": {"type": "string"}"#));
//! assert_eq!(d.changes()[0].kind, ChangeKind::MemberAddedOptional);
//! // Old data stays valid; new data with a note is rejected by the old (closed) type.
//! assert!(d.is_backward_compatible() && !d.is_forward_compatible());
//! assert!(Policy::new(Requirement::Backward).violations(&d).is_empty());
//! ```
//!
//! ## Export and import other formats
//!
//! [`export::json_schema`] writes JSON Schema 2020-12 that accepts what the validator accepts
//! (and says where it cannot); [`import::fields`] converts a "fields"-style entity description
//! into a JSON Structure document.
//!
//! ```
//! use jsonstruct::export::{self, ExportOptions};
//! use jsonstruct::Schema;
//!
//! let imported = jsonstruct::import::fields(br#"{"entity": "Thing", "fields": [
//!     {"name": "id", "type": "string", "nullable": false}], "required": ["id"]}"#, None).unwrap();
//! let schema = Schema::from_slice(imported.document.as_bytes()).unwrap();
//! let js = export::json_schema(&schema, &ExportOptions::default());
//! assert_eq!(js["required"], serde_json::json!(["id"]));
//! ```
//!
//! ## Settings and stability
//!
//! [`config::Config::discover`] reads the nearest `jsonstruct.toml`, as the command line does.
//! Options are built from `default()` with builder methods and have private fields; reports,
//! errors and model types are `#[non_exhaustive]`. Options, error kinds, model fields and
//! diagnostic codes can therefore be added in minor releases.

#![warn(missing_docs, unreachable_pub)]

pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod github;
pub mod import;
mod json;
mod location;
mod numeric;
mod scalar;
pub mod schema;
pub mod validate;

/// The format checks (`date`, `uuid`, `uri`, the `format` keyword's values, ...): those of
/// `jsonstruct-types`, the runtime of generated code, so the validator and the generated types
/// accept exactly the same strings.
pub use jsonstruct_types::formats;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use location::LineIndex;
pub use schema::{
    CheckReport, DocumentId, LoadError, Schema, SchemaSet, TypeId, TypeKind, TypeNode,
    UnknownDefinition,
};
pub use validate::{CompileError, InstanceCode, Options, Report, ValidationError, Validator};
