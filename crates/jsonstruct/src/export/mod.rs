//! Exporters: the checked schema model written out in other schema languages.
//!
//! [`json_schema`] writes a JSON Schema 2020-12 document that accepts the same instances as the
//! validator wherever JSON Schema can say so, and says in a `$comment` on the schema concerned
//! where it cannot:
//!
//! ```
//! use jsonstruct::export::{self, ExportOptions};
//! use jsonstruct::Schema;
//!
//! let schema = Schema::from_slice(br#"{
//!     "$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/t", "name": "T", "type": "object",
//!     "properties": { "at": { "type": "int64" }, "n": { "type": "uint8" } },
//!     "required": ["at"], "additionalProperties": false
//! }"#).unwrap();
//! let js = export::json_schema(&schema, &ExportOptions::default());
//! assert_eq!(js["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(js["properties"]["n"]["maximum"], 255);
//! // 64-bit integers: the spec's decimal string, in a definition shared by every plain int64;
//! // with `int64_numbers(true)` (as a jsonstruct.toml may ask) a JSON number too.
//! assert_eq!(js["properties"]["at"]["$ref"], "#/$defs/jsonstruct:int64");
//! assert_eq!(js["$defs"]["jsonstruct:int64"]["type"], "string");
//! let lenient = export::json_schema(&schema, &ExportOptions::default().int64_numbers(true));
//! assert_eq!(lenient["$defs"]["jsonstruct:int64"]["type"], serde_json::json!(["integer", "string"]));
//! assert_eq!(js["required"], serde_json::json!(["at"]));
//! ```
//!
//! The mapping, type by type, and what is exact or approximate:
//!
//! | JSON Structure | JSON Schema 2020-12 |
//! | --- | --- |
//! | `string`, `boolean`, `null`, `number`, `double` | `type` (`double` is any JSON number) |
//! | `int8` … `uint32`, `integer` | `type: integer` with the type's `minimum`/`maximum` |
//! | `int64`, `uint64` | `type: [integer, string]`: the range, and for strings an exact range `pattern`; strict: string only |
//! | `int128`, `uint128` | `type: string` with an exact range `pattern` |
//! | (plain uses of the four) | `$ref` to a shared `$defs` entry `jsonstruct:int64` (…), so the pattern is written once |
//! | `decimal` | `type: string`, `pattern` `-?(0|[1-9][0-9]*)(\.[0-9]+)?` |
//! | `float8`, `float` | `type: number`, `minimum`/`maximum` ±3400 / ±`f32::MAX` |
//! | `date`, `datetime`, `uuid`, `jsonpointer` | `format` (`date`, `date-time`, `uuid`, `json-pointer`) and an exact `pattern` |
//! | `time`, `duration` | exact `pattern` only: the 2020-12 formats are stricter (offset required; no fractions, RFC 3339 Appendix A) |
//! | `uri` | `format: uri-reference` and a character-level `pattern` (approximate) |
//! | `binary` | `contentEncoding` and an exact `pattern` for the encoding |
//! | object | `properties`, `required`, `additionalProperties` (omitted when unspecified); alternative required sets as `oneOf` of `required` groups |
//! | `$extends` | inlined (the model is flattened) |
//! | array / set / tuple / map | `items` / `+ uniqueItems` / `prefixItems` + `items: false` + `minItems`=`maxItems` / `additionalProperties` |
//! | choice | tagged: `oneOf` of one-member objects; inline: `oneOf` of the options with the selector as a `const` |
//! | union | `anyOf` in member order, or a `type` array when all members are plain JSON types |
//! | `enum`, `const` | kept; 64-bit integers list both the number and the string form; `decimal` values become value patterns |
//! | definitions | `$defs` (key `Namespace.Name`), `$ref: "#/$defs/..."` |
//! | Validation add-in (when enabled) | the JSON Schema keywords of the same name; map `minEntries`/`maxEntries`/`keyNames`/`patternKeys` as `minProperties`/`maxProperties`/`propertyNames`/`patternProperties`; `has` as `not: {additionalProperties: {not: S}}`; `pattern` anchored `^(?:...)$` |
//! | Conditional Composition (when enabled) | `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` |
//!
//! At the document root an instance's `$schema` member is metadata, which the validator skips:
//! closed root objects, maps and tagged choices list it as an allowed property, and a root
//! object's or map's count, name and pattern keywords leave it out (`if`/`then`/`else` on the
//! counts).
//!
//! Not expressible, and noted in a `$comment`: numeric bounds and `multipleOf` on the string
//! forms of `decimal` (and `multipleOf` on the string forms of the integers), `patternKeys`
//! meeting a root map's `$schema` member. Not expressible and not noted, as they concern
//! instances rather than schemas: integers written with a fraction or exponent (`1.0` is an
//! integer in JSON Schema, not in JSON Structure), duplicate member names, numbers beyond what
//! a JSON parser keeps exactly, and the validator's nesting limit.

mod json_schema;
mod patterns;

pub use json_schema::{json_schema, json_schema_for, DIALECT};

/// Options of the exporters: start from [`ExportOptions::default()`] (the spec's rules, as the
/// validator's [`Options::default()`](crate::Options::default)) and change what you need with
/// the builder methods. The fields are private so that options can be added without breaking
/// callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    /// Export `int64`/`uint64` in the spec's string form only, as the validator reads them by
    /// default; `false` accepts a JSON number too.
    pub(crate) strict_64: bool,
}

impl Default for ExportOptions {
    /// 64-bit integers in the spec's string form only.
    fn default() -> Self {
        ExportOptions { strict_64: true }
    }
}

impl ExportOptions {
    /// Accept `int64`/`uint64` as JSON numbers too, as [`crate::Options::int64_numbers`] does
    /// for the validator.
    ///
    /// ```
    /// let options = jsonstruct::export::ExportOptions::default().int64_numbers(true);
    /// assert!(options.int64_numbers_accepted());
    /// ```
    #[must_use]
    pub fn int64_numbers(mut self, accept: bool) -> Self {
        self.strict_64 = !accept;
        self
    }

    /// Whether `int64`/`uint64` may be JSON numbers (see [`ExportOptions::int64_numbers`]).
    pub fn int64_numbers_accepted(&self) -> bool {
        !self.strict_64
    }
}

#[cfg(test)]
mod tests;
