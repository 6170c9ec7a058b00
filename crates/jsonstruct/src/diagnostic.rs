//! Codes, severities and located diagnostics for schema documents.
//!
//! Codes are those of the shared JSON Structure SDK list (`assets/error-messages.json`) so
//! reports line up with the other SDKs. Where no code fits, an own code is used; each is marked
//! `own` below, listed in the README, and a test checks that every other code exists upstream.

use std::fmt;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal $(, $own:ident)? ;)*) => {
        /// A diagnostic code. `as_str` gives the stable wire form.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])*
            #[doc = concat!("\n\nWire form: `", $text, "`", codes!(@origin $($own)?), ".")]
            $variant, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as it appears in reports (`SCHEMA_REF_NOT_FOUND`).
            pub const fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $text, )* }
            }

            /// Whether this code is our own (not in the shared SDK list).
            pub const fn is_own(self) -> bool {
                match self { $( Code::$variant => codes!(@own $($own)?), )* }
            }
        }
    };
    (@own own) => { true };
    (@own) => { false };
    (@origin own) => { " (our own code)" };
    (@origin) => { " (shared SDK code)" };
}

codes! {
    // ---- schema documents: shared codes ----
    SchemaInvalidType = "SCHEMA_INVALID_TYPE";
    SchemaMaxDepthExceeded = "SCHEMA_MAX_DEPTH_EXCEEDED";
    SchemaKeywordInvalidType = "SCHEMA_KEYWORD_INVALID_TYPE";
    SchemaKeywordEmpty = "SCHEMA_KEYWORD_EMPTY";
    SchemaTypeInvalid = "SCHEMA_TYPE_INVALID";
    SchemaTypeArrayEmpty = "SCHEMA_TYPE_ARRAY_EMPTY";
    SchemaTypeObjectMissingRef = "SCHEMA_TYPE_OBJECT_MISSING_REF";
    SchemaRefNotFound = "SCHEMA_REF_NOT_FOUND";
    SchemaRefCircular = "SCHEMA_REF_CIRCULAR";
    SchemaRefNotInType = "SCHEMA_REF_NOT_IN_TYPE";
    SchemaMissingType = "SCHEMA_MISSING_TYPE";
    SchemaRootMissingType = "SCHEMA_ROOT_MISSING_TYPE";
    SchemaNameInvalid = "SCHEMA_NAME_INVALID";
    SchemaConstraintInvalidForType = "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE";
    SchemaMinGreaterThanMax = "SCHEMA_MIN_GREATER_THAN_MAX";
    SchemaPropertiesNotObject = "SCHEMA_PROPERTIES_NOT_OBJECT";
    SchemaRequiredNotArray = "SCHEMA_REQUIRED_NOT_ARRAY";
    SchemaRequiredItemNotString = "SCHEMA_REQUIRED_ITEM_NOT_STRING";
    SchemaRequiredPropertyNotDefined = "SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED";
    SchemaAdditionalPropertiesInvalid = "SCHEMA_ADDITIONAL_PROPERTIES_INVALID";
    SchemaArrayMissingItems = "SCHEMA_ARRAY_MISSING_ITEMS";
    SchemaTupleMissingDefinition = "SCHEMA_TUPLE_MISSING_DEFINITION";
    SchemaTupleOrderNotArray = "SCHEMA_TUPLE_ORDER_NOT_ARRAY";
    SchemaMapMissingValues = "SCHEMA_MAP_MISSING_VALUES";
    SchemaChoiceMissingChoices = "SCHEMA_CHOICE_MISSING_CHOICES";
    SchemaChoicesNotObject = "SCHEMA_CHOICES_NOT_OBJECT";
    SchemaPatternInvalid = "SCHEMA_PATTERN_INVALID";
    SchemaPatternNotString = "SCHEMA_PATTERN_NOT_STRING";
    SchemaEnumNotArray = "SCHEMA_ENUM_NOT_ARRAY";
    SchemaEnumEmpty = "SCHEMA_ENUM_EMPTY";
    SchemaEnumDuplicates = "SCHEMA_ENUM_DUPLICATES";
    SchemaCompositionEmpty = "SCHEMA_COMPOSITION_EMPTY";
    SchemaCompositionNotArray = "SCHEMA_COMPOSITION_NOT_ARRAY";
    SchemaAltnamesNotObject = "SCHEMA_ALTNAMES_NOT_OBJECT";
    SchemaAltnamesValueNotString = "SCHEMA_ALTNAMES_VALUE_NOT_STRING";
    SchemaIntegerConstraintInvalid = "SCHEMA_INTEGER_CONSTRAINT_INVALID";
    SchemaNumberConstraintInvalid = "SCHEMA_NUMBER_CONSTRAINT_INVALID";
    SchemaPositiveNumberConstraintInvalid = "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID";
    SchemaUniqueItemsNotBoolean = "SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN";

    // ---- schema documents: own codes ----
    /// The document is not well-formed JSON (truncated, invalid UTF-8, trailing garbage...).
    SchemaJsonSyntax = "SCHEMA_JSON_SYNTAX", own;
    /// An object in the schema document has the same key twice.
    SchemaDuplicateKey = "SCHEMA_DUPLICATE_KEY", own;
    /// `$id`, `$schema` (or `name` when the root declares a type) is missing at the root.
    SchemaRootKeywordMissing = "SCHEMA_ROOT_KEYWORD_MISSING", own;
    /// A root-only keyword (`$id`, `$schema`, `$root`, `definitions`, `$offers`, `$uses`) below the root.
    SchemaKeywordNotAtRoot = "SCHEMA_KEYWORD_NOT_AT_ROOT", own;
    /// `type` and `$root` at the root together.
    SchemaRootConflict = "SCHEMA_ROOT_CONFLICT", own;
    /// A union member is an inline compound type (only primitives and `$ref`s are allowed).
    SchemaUnionInlineCompound = "SCHEMA_UNION_INLINE_COMPOUND", own;
    /// An object declares no properties and inherits none.
    SchemaObjectMissingProperties = "SCHEMA_OBJECT_MISSING_PROPERTIES", own;
    /// A name in `tuple` is not declared in `properties`.
    SchemaTuplePropertyNotDefined = "SCHEMA_TUPLE_PROPERTY_NOT_DEFINED", own;
    /// An abstract type is used as a type (`$ref`, `$root`, union member, choice).
    SchemaAbstractReferenced = "SCHEMA_ABSTRACT_REFERENCED", own;
    /// A type redefines a property it inherits through `$extends`.
    SchemaExtendsPropertyRedefined = "SCHEMA_EXTENDS_PROPERTY_REDEFINED", own;
    /// Two names in one namespace or object map to the same wire name.
    SchemaNameCollision = "SCHEMA_NAME_COLLISION", own;
    /// `$import`/`$importdefs` names a document the schema set does not have (unknown `$id`,
    /// missing file), or its value is not a URI string.
    SchemaImportNotFound = "SCHEMA_IMPORT_NOT_FOUND", own;
    /// A document imports itself, directly or through others.
    SchemaImportCycle = "SCHEMA_IMPORT_CYCLE", own;
    /// Imports nested more than 32 levels deep, or expanding to too many documents.
    SchemaImportTooDeep = "SCHEMA_IMPORT_TOO_DEEP", own;
    /// Two documents of the schema set claim the same `$id`.
    SchemaImportDuplicateId = "SCHEMA_IMPORT_DUPLICATE_ID", own;
    /// Two imports (or an import and a definition it cannot shadow) define the same name.
    SchemaImportCollision = "SCHEMA_IMPORT_COLLISION", own;
    /// The imported document is not well-formed JSON or not a JSON object.
    SchemaImportInvalid = "SCHEMA_IMPORT_INVALID", own;
    /// Warning: a Validation or Conditional Composition keyword whose add-in is not enabled with
    /// `$uses`; it is not enforced. (The SDKs' convention; not in the shared list.)
    SchemaExtensionKeywordWithoutUses = "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES", own;
    /// Warning: a keyword that has no effect where it stands (e.g. `contentEncoding` on a
    /// `string`, `keys` on a `map`); it is ignored.
    SchemaKeywordIgnored = "SCHEMA_KEYWORD_IGNORED", own;
    /// Warning: `$extends` names a type that is not abstract (the draft requires abstract bases;
    /// the official samples extend concrete types).
    SchemaExtendsNotAbstract = "SCHEMA_EXTENDS_NOT_ABSTRACT", own;
    /// Warning: `dependentRequired` names a member a closed object can never have (not
    /// declared, `additionalProperties: false`, no `patternProperties` match).
    SchemaDependentNameUnreachable = "SCHEMA_DEPENDENT_NAME_UNREACHABLE", own;
    /// Warning: `$uses` names an add-in we do not know.
    SchemaUsesUnknown = "SCHEMA_USES_UNKNOWN", own;
    /// Warning: `$schema` is not one of the JSON Structure meta-schemas.
    SchemaUnknownMetaSchema = "SCHEMA_UNKNOWN_META_SCHEMA", own;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// The document is invalid: it does not load.
    Error,
    /// The document loads, but something in it is probably not what its author meant.
    Warning,
}

/// A located finding in a schema document. `#[non_exhaustive]`: read its fields; more may
/// come.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// What was found ([`Code::as_str`] is the stable wire form).
    pub code: Code,
    /// Error or warning.
    #[serde(skip)]
    pub severity: Severity,
    /// JSON Pointer into the schema document ("" for the root).
    #[serde(rename = "path")]
    pub pointer: String,
    /// 1-based line of the offending value or key.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, for people.
    pub message: String,
    /// Byte offset in the document (for rendering).
    #[serde(skip)]
    pub offset: usize,
    /// The document the diagnostic is in, when it is not the checked document itself (an
    /// imported document): its name in the schema set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Index of that document among the model's sources.
    #[serde(skip)]
    pub(crate) source: u32,
}

impl Diagnostic {
    /// Whether the diagnostic is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if let Some(file) = &self.file {
            write!(f, "{sev}[{}] {file}:", self.code)?;
        } else {
            write!(f, "{sev}[{}] ", self.code)?;
        }
        write!(
            f,
            "{}:{} at '{}': {}",
            self.line, self.column, self.pointer, self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_screaming_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate {c}");
            assert!(c
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()));
        }
    }
}
