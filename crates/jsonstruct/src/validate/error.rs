//! Instance validation errors: codes from the shared SDK list (own codes marked), located by
//! instance JSON Pointer, schema JSON Pointer, line and column.

use std::fmt;

use serde::Serialize;

macro_rules! instance_codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal $(, $own:ident)? ;)*) => {
        /// Why an instance is invalid. `as_str` gives the stable wire form.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum InstanceCode {
            $( $(#[$doc])*
            #[doc = concat!("\n\nWire form: `", $text, "`", instance_codes!(@origin $($own)?), ".")]
            $variant, )*
        }

        impl InstanceCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [InstanceCode] = &[$(InstanceCode::$variant,)*];

            /// The code as it appears in reports (`INSTANCE_TYPE_MISMATCH`).
            pub const fn as_str(self) -> &'static str {
                match self { $( InstanceCode::$variant => $text, )* }
            }

            /// Whether this code is our own (not in the shared SDK list).
            pub const fn is_own(self) -> bool {
                match self { $( InstanceCode::$variant => instance_codes!(@own $($own)?), )* }
            }
        }
    };
    (@own own) => { true };
    (@own) => { false };
    (@origin own) => { " (our own code)" };
    (@origin) => { " (shared SDK code)" };
}

instance_codes! {
    MaxDepthExceeded = "INSTANCE_MAX_DEPTH_EXCEEDED";
    SchemaFalse = "INSTANCE_SCHEMA_FALSE";
    ConstMismatch = "INSTANCE_CONST_MISMATCH";
    EnumMismatch = "INSTANCE_ENUM_MISMATCH";
    AnyOfNoneMatched = "INSTANCE_ANY_OF_NONE_MATCHED";
    OneOfInvalidCount = "INSTANCE_ONE_OF_INVALID_COUNT";
    NotMatched = "INSTANCE_NOT_MATCHED";
    TypeMismatch = "INSTANCE_TYPE_MISMATCH";
    NullExpected = "INSTANCE_NULL_EXPECTED";
    BooleanExpected = "INSTANCE_BOOLEAN_EXPECTED";
    StringExpected = "INSTANCE_STRING_EXPECTED";
    StringMinLength = "INSTANCE_STRING_MIN_LENGTH";
    StringMaxLength = "INSTANCE_STRING_MAX_LENGTH";
    StringPatternMismatch = "INSTANCE_STRING_PATTERN_MISMATCH";
    FormatEmailInvalid = "INSTANCE_FORMAT_EMAIL_INVALID";
    FormatUriInvalid = "INSTANCE_FORMAT_URI_INVALID";
    FormatUriReferenceInvalid = "INSTANCE_FORMAT_URI_REFERENCE_INVALID";
    FormatDateInvalid = "INSTANCE_FORMAT_DATE_INVALID";
    FormatTimeInvalid = "INSTANCE_FORMAT_TIME_INVALID";
    FormatDatetimeInvalid = "INSTANCE_FORMAT_DATETIME_INVALID";
    FormatUuidInvalid = "INSTANCE_FORMAT_UUID_INVALID";
    FormatIpv4Invalid = "INSTANCE_FORMAT_IPV4_INVALID";
    FormatIpv6Invalid = "INSTANCE_FORMAT_IPV6_INVALID";
    FormatHostnameInvalid = "INSTANCE_FORMAT_HOSTNAME_INVALID";
    NumberExpected = "INSTANCE_NUMBER_EXPECTED";
    IntegerExpected = "INSTANCE_INTEGER_EXPECTED";
    IntRangeInvalid = "INSTANCE_INT_RANGE_INVALID";
    NumberMinimum = "INSTANCE_NUMBER_MINIMUM";
    NumberMaximum = "INSTANCE_NUMBER_MAXIMUM";
    NumberExclusiveMinimum = "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM";
    NumberExclusiveMaximum = "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM";
    NumberMultipleOf = "INSTANCE_NUMBER_MULTIPLE_OF";
    ObjectExpected = "INSTANCE_OBJECT_EXPECTED";
    RequiredPropertyMissing = "INSTANCE_REQUIRED_PROPERTY_MISSING";
    AdditionalPropertyNotAllowed = "INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED";
    MinProperties = "INSTANCE_MIN_PROPERTIES";
    MaxProperties = "INSTANCE_MAX_PROPERTIES";
    DependentRequired = "INSTANCE_DEPENDENT_REQUIRED";
    ArrayExpected = "INSTANCE_ARRAY_EXPECTED";
    MinItems = "INSTANCE_MIN_ITEMS";
    MaxItems = "INSTANCE_MAX_ITEMS";
    MinContains = "INSTANCE_MIN_CONTAINS";
    MaxContains = "INSTANCE_MAX_CONTAINS";
    SetExpected = "INSTANCE_SET_EXPECTED";
    SetDuplicate = "INSTANCE_SET_DUPLICATE";
    MapExpected = "INSTANCE_MAP_EXPECTED";
    MapMinEntries = "INSTANCE_MAP_MIN_ENTRIES";
    MapMaxEntries = "INSTANCE_MAP_MAX_ENTRIES";
    TupleExpected = "INSTANCE_TUPLE_EXPECTED";
    TupleLengthMismatch = "INSTANCE_TUPLE_LENGTH_MISMATCH";
    ChoiceExpected = "INSTANCE_CHOICE_EXPECTED";
    ChoiceSelectorMissing = "INSTANCE_CHOICE_SELECTOR_MISSING";
    ChoiceSelectorNotString = "INSTANCE_CHOICE_SELECTOR_NOT_STRING";
    ChoiceUnknown = "INSTANCE_CHOICE_UNKNOWN";
    ChoiceNoMatch = "INSTANCE_CHOICE_NO_MATCH";
    DateExpected = "INSTANCE_DATE_EXPECTED";
    DateFormatInvalid = "INSTANCE_DATE_FORMAT_INVALID";
    TimeExpected = "INSTANCE_TIME_EXPECTED";
    TimeFormatInvalid = "INSTANCE_TIME_FORMAT_INVALID";
    DatetimeExpected = "INSTANCE_DATETIME_EXPECTED";
    DatetimeFormatInvalid = "INSTANCE_DATETIME_FORMAT_INVALID";
    DurationExpected = "INSTANCE_DURATION_EXPECTED";
    DurationFormatInvalid = "INSTANCE_DURATION_FORMAT_INVALID";
    UuidExpected = "INSTANCE_UUID_EXPECTED";
    UuidFormatInvalid = "INSTANCE_UUID_FORMAT_INVALID";
    UriExpected = "INSTANCE_URI_EXPECTED";
    UriFormatInvalid = "INSTANCE_URI_FORMAT_INVALID";
    BinaryExpected = "INSTANCE_BINARY_EXPECTED";
    BinaryEncodingInvalid = "INSTANCE_BINARY_ENCODING_INVALID";
    JsonPointerExpected = "INSTANCE_JSONPOINTER_EXPECTED";
    JsonPointerFormatInvalid = "INSTANCE_JSONPOINTER_FORMAT_INVALID";
    DecimalExpected = "INSTANCE_DECIMAL_EXPECTED";
    StringNotExpected = "INSTANCE_STRING_NOT_EXPECTED";

    /// The instance is not well-formed JSON (truncated, trailing characters, invalid UTF-8,
    /// lone surrogate escapes, nesting beyond the limit while skipping...).
    JsonSyntax = "INSTANCE_JSON_SYNTAX", own;
    /// An object repeats a declared property.
    DuplicateProperty = "INSTANCE_DUPLICATE_PROPERTY", own;
    /// `required` alternative sets: none or more than one set is complete.
    RequiredAlternatives = "INSTANCE_REQUIRED_ALTERNATIVES", own;
    /// A Validation `format` without a dedicated shared code (duration, iri, idn-*, uri-template,
    /// relative-json-pointer, regex).
    FormatInvalid = "INSTANCE_FORMAT_INVALID", own;
    /// `if` matched and `then` did not, or `if` failed and `else` did not match.
    ConditionalFailed = "INSTANCE_CONDITIONAL_FAILED", own;
    /// `has`: no member value matches the schema.
    HasNoMatch = "INSTANCE_HAS_NO_MATCH", own;
    /// A map key fails `keyNames`, or an object member name fails `propertyNames`.
    MapKeyInvalid = "INSTANCE_MAP_KEY_INVALID", own;
    /// The instance's `$uses` names an add-in the schema does not offer (core `#uses-keyword`).
    UsesNotOffered = "INSTANCE_USES_NOT_OFFERED", own;
}

impl fmt::Display for InstanceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for InstanceCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One reason an instance is invalid.
///
/// `#[non_exhaustive]`: fields may be added (read them, do not build the struct).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ValidationError {
    /// Why the value is invalid; [`InstanceCode::as_str`] gives the stable wire form.
    pub code: InstanceCode,
    /// JSON Pointer into the instance ("" for the root).
    pub path: String,
    /// 1-based line of the offending value (absent when validating a `serde_json::Value`,
    /// which has no source text).
    pub line: Option<usize>,
    /// 1-based column of the offending value, in characters (absent like `line`).
    pub column: Option<usize>,
    /// What is wrong, for people.
    pub message: String,
    /// JSON Pointer into the schema document of the rule that failed.
    pub schema_path: String,
    /// Byte offset of the value in the input.
    #[serde(skip)]
    pub offset: Option<usize>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c} ")?;
        }
        write!(f, "at '{}': {} [{}]", self.path, self.message, self.code)
    }
}

/// Every error found in one invalid instance, in document order: what
/// [`Validator::validate`](crate::Validator::validate) returns in `Err`. An instance is
/// invalid exactly when there is a report, so the report carries no verdict of its own.
///
/// Serialises as `{"errors": [...]}` (with `"omitted": N` when errors were left out), the
/// entries in the shape of `jsonstruct validate --format json`. `#[non_exhaustive]`: fields may
/// be added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The errors listed: all of them, or the first [`Options::max_errors`](crate::Options::max_errors).
    pub errors: Vec<ValidationError>,
    /// Errors found but not listed, beyond [`Options::max_errors`](crate::Options::max_errors)
    /// (0 without a limit).
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Report {
    /// The errors listed (the same as the `errors` field).
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid instance ({} error(s))",
            self.errors.len() + self.omitted
        )?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n  ... and {} more error(s) not shown", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in InstanceCode::ALL {
            assert!(seen.insert(c.as_str()), "{c}");
            assert!(c.as_str().starts_with("INSTANCE_"));
        }
    }
}
