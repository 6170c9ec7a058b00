//! The JSON Structure type names and what each one means on the wire.

/// A primitive (non-compound) JSON Structure type, by its name in `type`.
///
/// `#[non_exhaustive]`: the drafts may add types; match with a `_` arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Primitive {
    /// `string`: a JSON string.
    String,
    /// `number`: any JSON number.
    Number,
    /// `integer` is an alias of `int32` (core -01); kept apart so generated docs say what the
    /// author wrote.
    Integer,
    /// `boolean`.
    Boolean,
    /// `null`.
    Null,
    /// `int8`: a JSON number from -128 to 127.
    Int8,
    /// `uint8`: a JSON number from 0 to 255.
    Uint8,
    /// `int16`.
    Int16,
    /// `uint16`.
    Uint16,
    /// `int32`.
    Int32,
    /// `uint32`.
    Uint32,
    /// `int64`: a decimal string in the spec (JSON numbers too with
    /// [`Options::int64_numbers`](crate::Options::int64_numbers)).
    Int64,
    /// `uint64`: like `int64`, unsigned.
    Uint64,
    /// `int128`: a decimal string.
    Int128,
    /// `uint128`: a decimal string.
    Uint128,
    /// `float8`: a JSON number within the 8-bit float's range.
    Float8,
    /// `float`: a JSON number within `f32`'s range.
    Float,
    /// `double`: a JSON number (`f64`).
    Double,
    /// `decimal`: a decimal number as a string, with optional `precision` and `scale`.
    Decimal,
    /// `date`: an RFC 3339 full-date string.
    Date,
    /// `time`: an RFC 3339 partial- or full-time string.
    Time,
    /// `datetime`: an RFC 3339 date-time string.
    DateTime,
    /// `duration`: an ISO 8601 duration string (RFC 3339 Appendix A).
    Duration,
    /// `uuid`: an RFC 9562 UUID string.
    Uuid,
    /// `uri`: an RFC 3986 URI-reference string.
    Uri,
    /// `binary`: bytes as a string in `contentEncoding` (base64 by default).
    Binary,
    /// `jsonpointer`: an RFC 6901 JSON Pointer string.
    JsonPointer,
}

/// How a primitive is written in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WireForm {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// `null`.
    Null,
}

impl Primitive {
    /// Every primitive type, in the order of the core draft.
    pub const ALL: &'static [Primitive] = &[
        Primitive::String,
        Primitive::Number,
        Primitive::Integer,
        Primitive::Boolean,
        Primitive::Null,
        Primitive::Int8,
        Primitive::Uint8,
        Primitive::Int16,
        Primitive::Uint16,
        Primitive::Int32,
        Primitive::Uint32,
        Primitive::Int64,
        Primitive::Uint64,
        Primitive::Int128,
        Primitive::Uint128,
        Primitive::Float8,
        Primitive::Float,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::Date,
        Primitive::Time,
        Primitive::DateTime,
        Primitive::Duration,
        Primitive::Uuid,
        Primitive::Uri,
        Primitive::Binary,
        Primitive::JsonPointer,
    ];

    /// The type named `name` in `type` (`"int32"`), if it is a primitive.
    ///
    /// ```
    /// use jsonstruct::schema::Primitive;
    /// assert_eq!(Primitive::from_name("datetime"), Some(Primitive::DateTime));
    /// assert_eq!(Primitive::from_name("object"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Primitive> {
        Primitive::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// The type's name as written in `type`.
    pub const fn name(self) -> &'static str {
        match self {
            Primitive::String => "string",
            Primitive::Number => "number",
            Primitive::Integer => "integer",
            Primitive::Boolean => "boolean",
            Primitive::Null => "null",
            Primitive::Int8 => "int8",
            Primitive::Uint8 => "uint8",
            Primitive::Int16 => "int16",
            Primitive::Uint16 => "uint16",
            Primitive::Int32 => "int32",
            Primitive::Uint32 => "uint32",
            Primitive::Int64 => "int64",
            Primitive::Uint64 => "uint64",
            Primitive::Int128 => "int128",
            Primitive::Uint128 => "uint128",
            Primitive::Float8 => "float8",
            Primitive::Float => "float",
            Primitive::Double => "double",
            Primitive::Decimal => "decimal",
            Primitive::Date => "date",
            Primitive::Time => "time",
            Primitive::DateTime => "datetime",
            Primitive::Duration => "duration",
            Primitive::Uuid => "uuid",
            Primitive::Uri => "uri",
            Primitive::Binary => "binary",
            Primitive::JsonPointer => "jsonpointer",
        }
    }

    /// The range of an integer type, as `(min, max)`.
    pub const fn int_range(self) -> Option<(i128, u128)> {
        Some(match self {
            Primitive::Int8 => (i8::MIN as i128, i8::MAX as u128),
            Primitive::Uint8 => (0, u8::MAX as u128),
            Primitive::Int16 => (i16::MIN as i128, i16::MAX as u128),
            Primitive::Uint16 => (0, u16::MAX as u128),
            Primitive::Int32 | Primitive::Integer => (i32::MIN as i128, i32::MAX as u128),
            Primitive::Uint32 => (0, u32::MAX as u128),
            Primitive::Int64 => (i64::MIN as i128, i64::MAX as u128),
            Primitive::Uint64 => (0, u64::MAX as u128),
            Primitive::Int128 => (i128::MIN, i128::MAX as u128),
            Primitive::Uint128 => (0, u128::MAX),
            _ => return None,
        })
    }

    /// One of the integer types (`int8` ... `uint128`, `integer`).
    pub const fn is_integer(self) -> bool {
        self.int_range().is_some()
    }

    /// One of the binary floating-point types (`number`, `float8`, `float`, `double`).
    pub const fn is_float(self) -> bool {
        matches!(
            self,
            Primitive::Number | Primitive::Float8 | Primitive::Float | Primitive::Double
        )
    }

    /// Integer, float or decimal: the numeric validation keywords apply.
    pub const fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || matches!(self, Primitive::Decimal)
    }

    /// The spec's string-encoded numeric types.
    pub const fn is_string_encoded_number(self) -> bool {
        matches!(
            self,
            Primitive::Int64
                | Primitive::Uint64
                | Primitive::Int128
                | Primitive::Uint128
                | Primitive::Decimal
        )
    }

    /// 64-bit integers: strings in the spec, JSON numbers in real APIs (accepted unless strict).
    pub const fn accepts_number_leniently(self) -> bool {
        matches!(self, Primitive::Int64 | Primitive::Uint64)
    }

    /// The spec's wire form.
    pub const fn wire_form(self) -> WireForm {
        match self {
            Primitive::Boolean => WireForm::Boolean,
            Primitive::Null => WireForm::Null,
            p if p.is_string_encoded_number() => WireForm::String,
            p if p.is_numeric() => WireForm::Number,
            _ => WireForm::String,
        }
    }

    /// Types whose values are strings that the string keywords (`maxLength`, `pattern`, ...)
    /// describe. Only `string` itself, as in the drafts.
    pub const fn is_string(self) -> bool {
        matches!(self, Primitive::String)
    }
}

/// A compound type name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Compound {
    /// `object`: named properties.
    Object,
    /// `array`: items of one type.
    Array,
    /// `set`: unique items of one type.
    Set,
    /// `map`: string keys to values of one type.
    Map,
    /// `tuple`: named elements written as an array, in order.
    Tuple,
    /// `choice`: one of several named types (tagged or inline).
    Choice,
    /// `any`: every JSON value.
    Any,
}

impl Compound {
    /// The compound type named `name` in `type`, if it is one.
    pub fn from_name(name: &str) -> Option<Compound> {
        Some(match name {
            "object" => Compound::Object,
            "array" => Compound::Array,
            "set" => Compound::Set,
            "map" => Compound::Map,
            "tuple" => Compound::Tuple,
            "choice" => Compound::Choice,
            "any" => Compound::Any,
            _ => return None,
        })
    }

    /// The type's name as written in `type`.
    pub const fn name(self) -> &'static str {
        match self {
            Compound::Object => "object",
            Compound::Array => "array",
            Compound::Set => "set",
            Compound::Map => "map",
            Compound::Tuple => "tuple",
            Compound::Choice => "choice",
            Compound::Any => "any",
        }
    }
}

/// Whether `s` is a JSON Structure identifier: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_identifier(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Primitive::ALL {
            assert_eq!(Primitive::from_name(p.name()), Some(*p));
        }
        assert_eq!(Primitive::from_name("object"), None);
        assert_eq!(Compound::from_name("choice"), Some(Compound::Choice));
    }

    #[test]
    fn wire_forms_follow_the_spec() {
        assert_eq!(Primitive::Int32.wire_form(), WireForm::Number);
        assert_eq!(Primitive::Int64.wire_form(), WireForm::String);
        assert_eq!(Primitive::Decimal.wire_form(), WireForm::String);
        assert_eq!(Primitive::Date.wire_form(), WireForm::String);
        assert_eq!(Primitive::Integer.int_range(), Primitive::Int32.int_range());
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("user_id"));
        assert!(is_identifier("_x9"));
        assert!(!is_identifier(""));
        assert!(!is_identifier("9a"));
        assert!(!is_identifier("first-name"));
        assert!(!is_identifier("é"));
    }
}
