//! Instance validation: compile a checked schema once into a program of small checks, then
//! validate many instances, straight from bytes in one pass or from a `serde_json::Value`.
//!
//! ```
//! use jsonstruct::{Options, Schema, Validator};
//!
//! let schema = Schema::from_slice(br#"{
//!     "$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/t", "name": "T", "type": "object",
//!     "properties": { "at": { "type": "int64" }, "tag": { "type": "string", "enum": ["a", "b"] } },
//!     "required": ["at"]
//! }"#).unwrap();
//! let validator = Validator::new(&schema).unwrap();
//! // 64-bit integers are strings (core `#int64`), exact to the last digit ...
//! assert!(validator.is_valid(br#"{"at": "9007199254740993", "tag": "a"}"#));
//! assert!(!validator.is_valid(br#"{"at": 9007199254740993}"#));
//! // ... or JSON numbers too, for APIs that send them (Clerk), never through a float.
//! let numbers = Validator::with_options(&schema, Options::default().int64_numbers(true)).unwrap();
//! assert!(numbers.is_valid(br#"{"at": 9007199254740993, "tag": "a"}"#));
//!
//! let report = validator.validate(b"{\n  \"tag\": \"c\"\n}").unwrap_err();
//! let codes: Vec<_> = report.errors.iter().map(|e| e.code.as_str()).collect();
//! // In document order: the object (where `at` is missing) starts before its `tag`.
//! assert_eq!(codes, ["INSTANCE_REQUIRED_PROPERTY_MISSING", "INSTANCE_ENUM_MISMATCH"]);
//! assert_eq!((report.errors[1].path.as_str(), report.errors[1].line), ("/tag", Some(2)));
//! ```

mod collections;
mod compile;
mod error;
mod input;
mod memo;
mod objects;
mod primitives;
mod walk;

pub use compile::CompileError;
pub use error::{InstanceCode, Report, ValidationError};

use std::collections::HashSet;

use crate::location::LineIndex;
use crate::schema::{Schema, TypeId};

use compile::Program;
use input::{Bytes, Stop, ValueInput};
use walk::{Collect, Fast, Walker};

/// Validation options: start from [`Options::default()`] (the spec's rules) and change what
/// you need with the builder methods; the getters read them back. The fields are private so
/// that options can be added without breaking callers.
///
/// ```
/// use jsonstruct::Options;
///
/// let options = Options::default().int64_numbers(true).max_errors(20);
/// assert!(options.int64_numbers_accepted());
/// assert_eq!(options.error_limit(), Some(20));
/// assert_eq!(Options::default().depth_limit(), 128);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Require the spec's string form for `int64`/`uint64` (the default, as core `#int64`
    /// says: "base type string"); `false` accepts JSON numbers too.
    pub(crate) strict_64: bool,
    /// Enforce the Validation extension's `format` keyword (when the extension is enabled).
    pub(crate) check_formats: bool,
    /// Deepest nesting of arrays and objects accepted in an instance.
    pub(crate) max_depth: u32,
    /// The most errors a [`Report`] lists; `None` lists every error.
    pub(crate) max_errors: Option<usize>,
}

impl Default for Options {
    /// The spec's rules: 64-bit integers as strings only, `format` enforced where the
    /// Validation add-in is enabled, nesting up to 128 levels, every error listed.
    fn default() -> Self {
        Options {
            strict_64: true,
            check_formats: true,
            max_depth: 128,
            max_errors: None,
        }
    }
}

impl Options {
    /// Accept JSON numbers for `int64`/`uint64` besides the spec's string form (Clerk sends
    /// its millisecond timestamps as numbers). `false` (the default) requires strings, as core
    /// `#int64` says; a workspace records its choice in `jsonstruct.toml`
    /// ([`crate::config::Config::int64_numbers`]).
    ///
    /// ```
    /// let options = jsonstruct::Options::default().int64_numbers(true);
    /// assert!(options.int64_numbers_accepted());
    /// ```
    #[must_use]
    pub fn int64_numbers(mut self, accept: bool) -> Self {
        self.strict_64 = !accept;
        self
    }

    /// Whether the Validation extension's `format` keyword is enforced (default: yes, where a
    /// document enables the extension).
    #[must_use]
    pub fn check_formats(mut self, check: bool) -> Self {
        self.check_formats = check;
        self
    }

    /// The deepest nesting of arrays and objects accepted in an instance (default: 128);
    /// deeper input is an error (`INSTANCE_MAX_DEPTH_EXCEEDED`), never a stack overflow.
    #[must_use]
    pub fn max_depth(mut self, depth: u32) -> Self {
        self.max_depth = depth;
        self
    }

    /// List at most `max` errors per instance (the first ones in document order); the others
    /// are counted in [`Report::omitted`] but not located or returned. `is_valid` and valid
    /// instances cost the same with or without a limit.
    ///
    /// ```
    /// use jsonstruct::{Options, Schema, Validator};
    ///
    /// let schema = Schema::from_slice(br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
    ///     "$id": "https://example.com/p", "name": "P", "type": "object",
    ///     "properties": {"a": {"type": "int32"}}, "additionalProperties": false}"#).unwrap();
    /// let validator = Validator::with_options(&schema, Options::default().max_errors(2)).unwrap();
    /// let report = validator.validate(br#"{"x": 1, "y": 2, "z": 3, "a": "no"}"#).unwrap_err();
    /// assert_eq!(report.errors.len(), 2);
    /// assert_eq!(report.errors[1].path, "/y");
    /// assert_eq!(report.omitted, 2);
    /// ```
    #[must_use]
    pub fn max_errors(mut self, max: usize) -> Self {
        self.max_errors = Some(max);
        self
    }

    /// Whether `int64`/`uint64` may be JSON numbers (see [`Options::int64_numbers`]).
    pub fn int64_numbers_accepted(&self) -> bool {
        !self.strict_64
    }

    /// Whether `format` is enforced (see [`Options::check_formats`]).
    pub fn formats_checked(&self) -> bool {
        self.check_formats
    }

    /// The deepest nesting accepted (see [`Options::max_depth`]).
    pub fn depth_limit(&self) -> u32 {
        self.max_depth
    }

    /// The most errors a report lists, `None` for all (see [`Options::max_errors`]).
    pub fn error_limit(&self) -> Option<usize> {
        self.max_errors
    }
}

/// A schema compiled for validation. Cheap to share between threads (`Send + Sync`).
pub struct Validator {
    program: Program,
    max_errors: Option<usize>,
}

impl Validator {
    /// Compiles the schema's root type with default options.
    pub fn new(schema: &Schema) -> Result<Validator, CompileError> {
        Validator::with_options(schema, Options::default())
    }

    /// Compiles the schema's root type with the given options.
    ///
    /// ```
    /// use jsonstruct::{Options, Schema, Validator};
    ///
    /// let schema = Schema::from_slice(br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
    ///     "$id": "https://example.com/t", "name": "T", "type": "int64"}"#).unwrap();
    /// let numbers = Validator::with_options(&schema, Options::default().int64_numbers(true)).unwrap();
    /// assert!(numbers.is_valid(b"1746645421127") && numbers.is_valid(br#""1746645421127""#));
    /// ```
    ///
    /// Fails with [`CompileError::NoRoot`] when the schema declares no root type (a library of
    /// definitions: use [`Validator::for_definition`]).
    pub fn with_options(schema: &Schema, options: Options) -> Result<Validator, CompileError> {
        let root = schema.root().ok_or(CompileError::NoRoot)?;
        Ok(Validator::for_type(schema, root, options))
    }

    /// Compiles for instances of a named definition (`Namespace/Name`), for example a type of
    /// a library document that has no root, or the Session inside a webhook schema.
    ///
    /// ```
    /// use jsonstruct::{Options, Schema, Validator};
    /// let schema = Schema::from_slice(br##"{
    ///     "$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/x",
    ///     "definitions": { "Tag": { "type": "string", "maxLength": 3 } }
    /// }"##).unwrap();
    /// let v = Validator::for_definition(&schema, "Tag", Options::default()).unwrap();
    /// assert!(v.is_valid(br#""abc""#) && !v.is_valid(br#""abcd""#));
    /// assert!(Validator::for_definition(&schema, "Tags", Options::default()).is_err());
    /// ```
    pub fn for_definition(
        schema: &Schema,
        name: &str,
        options: Options,
    ) -> Result<Validator, CompileError> {
        let id = schema
            .find_definition(name)
            .map_err(CompileError::UnknownDefinition)?;
        if schema.node(id).is_abstract {
            return Err(CompileError::Abstract(name.to_owned()));
        }
        Ok(Validator::for_type(schema, id, options))
    }

    /// Compiles for instances of a given type of the schema (for example a definition).
    pub fn for_type(schema: &Schema, ty: TypeId, options: Options) -> Validator {
        Validator {
            program: compile::compile(schema, ty, &options),
            max_errors: options.max_errors,
        }
    }

    /// Whether `json` is a valid instance: one pass over the bytes, stopping at the first
    /// problem, allocating nothing for valid input without escaped strings.
    pub fn is_valid(&self, json: &[u8]) -> bool {
        let mut input = Bytes::new(json);
        Walker::new(&self.program, &input)
            .value(self.program.root, &mut input, &mut Fast, 0, true)
            .is_ok()
            && input.end().is_ok()
    }

    /// Validates `json` and reports every error with its location. Valid input costs what
    /// `is_valid` costs; only invalid input is walked a second time to collect the errors.
    pub fn validate(&self, json: &[u8]) -> Result<(), Report> {
        if self.is_valid(json) {
            return Ok(());
        }
        let mut input = Bytes::new(json);
        let mut collect = Collect::default();
        let walked = Walker::new(&self.program, &input)
            .value(self.program.root, &mut input, &mut collect, 0, true)
            .and_then(|_| input.end());
        if let Err(Stop::Syntax(e)) = walked {
            collect.syntax(e, Some(json));
        }
        Err(finish(collect, Some(json), self.max_errors))
    }

    /// Whether an already parsed value is valid.
    pub fn is_valid_value(&self, value: &serde_json::Value) -> bool {
        let mut input = ValueInput::new(value);
        Walker::new(&self.program, &input)
            .value(self.program.root, &mut input, &mut Fast, 0, true)
            .is_ok()
    }

    /// Validates an already parsed value (errors carry no line or column).
    pub fn validate_value(&self, value: &serde_json::Value) -> Result<(), Report> {
        if self.is_valid_value(value) {
            return Ok(());
        }
        let mut input = ValueInput::new(value);
        let mut collect = Collect::default();
        if let Err(Stop::Syntax(e)) = Walker::new(&self.program, &input).value(
            self.program.root,
            &mut input,
            &mut collect,
            0,
            true,
        ) {
            collect.syntax(e, None);
        }
        Err(finish(collect, None, self.max_errors))
    }
}

/// Orders errors by position, drops repeats, keeps the first `max` and fills in their lines
/// and columns, all in one pass over the text: locating each error from the start of the input
/// cost the square of the input for errors on one long line (40,000 unknown members took 8 s).
fn finish(collect: Collect, source: Option<&[u8]>, max: Option<usize>) -> Report {
    let mut errors = collect.errors;
    if errors.is_empty() {
        // A rule failed in fast mode but the collecting walk found nothing: cannot happen when
        // both walks agree, which the tests check; still, never report "invalid" without a why.
        errors.push(ValidationError {
            code: InstanceCode::TypeMismatch,
            path: String::new(),
            line: None,
            column: None,
            message: "the instance is invalid".into(),
            schema_path: String::new(),
            offset: None,
        });
    }
    // Stable: errors at one offset keep the order the walk found them in.
    errors.sort_by_key(|e| e.offset.unwrap_or(usize::MAX));
    // Two allOf members that lead to the same type report the same error twice. Repeats share
    // their offset, so after the sort only errors at one offset are compared with each other:
    // no hashing for the common case of one error per value.
    dedup_at_each_offset(&mut errors);
    let omitted = max.map_or(0, |max| errors.len().saturating_sub(max));
    errors.truncate(errors.len() - omitted);
    if let Some(text) = source {
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = errors.iter().filter_map(|e| e.offset).collect();
        let mut located = index.line_cols(text, &offsets).into_iter();
        for e in errors.iter_mut().filter(|e| e.offset.is_some()) {
            if let Some((l, c)) = located.next() {
                e.line = Some(l);
                e.column = Some(c);
            }
        }
    }
    Report { errors, omitted }
}

/// Removes repeated errors (all fields equal but the location) among errors at one offset,
/// keeping the first of each; `errors` is sorted by offset.
fn dedup_at_each_offset(errors: &mut Vec<ValidationError>) {
    let same = |a: &ValidationError, b: &ValidationError| {
        a.code == b.code
            && a.path == b.path
            && a.schema_path == b.schema_path
            && a.message == b.message
    };
    let mut keep = vec![true; errors.len()];
    let mut start = 0;
    while start < errors.len() {
        let offset = errors[start].offset;
        let end = start + errors[start..].partition_point(|e| e.offset == offset);
        let group = &errors[start..end];
        if group.len() <= 16 {
            for i in 1..group.len() {
                keep[start + i] = !group[..i].iter().any(|e| same(e, &group[i]));
            }
        } else {
            let mut seen = HashSet::new();
            for (i, e) in group.iter().enumerate() {
                keep[start + i] = seen.insert((e.code, &e.path, &e.schema_path, &e.message));
            }
        }
        start = end;
    }
    let mut keep = keep.into_iter();
    errors.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
mod tests;
