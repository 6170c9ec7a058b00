//! # jsonstruct
//!
//! A JSON Structure (draft-vasters-json-structure-core) toolkit: load and check schema
//! documents into a located model, and validate instances against them.
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

#![warn(missing_docs, unreachable_pub)]

pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod export;
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
pub use validate::{InstanceCode, Options, Report, ValidationError, Validator};
