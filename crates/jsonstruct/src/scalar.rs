//! Whether a JSON scalar is a value of a primitive JSON Structure type: the wire rules of the
//! core spec in one place, used for instances by the validator and for `enum`/`const`/`default`
//! literals by the schema checker.

use std::fmt;

use crate::formats::{self, Encoding};
use crate::json::Number;
use crate::numeric::Exact;
use crate::schema::Primitive;

/// A JSON scalar as read from an instance or a schema literal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Scalar<'a> {
    Null,
    Bool(bool),
    Number(Num<'a>),
    String(&'a str),
}

/// A JSON number from either input: exact source text (bytes) or a parsed
/// `serde_json::Number` (values). Integer literals never go through `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num<'a> {
    Text(Number<'a>),
    U64(u64),
    I64(i64),
    /// A number with a fraction or exponent (or beyond 64 bits) in a `serde_json::Value`.
    F64(f64),
}

impl<'a> From<Number<'a>> for Num<'a> {
    fn from(n: Number<'a>) -> Self {
        Num::Text(n)
    }
}

impl Num<'_> {
    /// For an integer literal (no fraction, no exponent): its sign and magnitude when the
    /// magnitude fits a `u64`. `None` for non-integer literals.
    #[inline]
    pub(crate) fn int_parts(&self) -> Option<(bool, Option<u64>)> {
        match *self {
            Num::Text(n) => n.int.then_some((n.negative, n.mag)),
            Num::U64(u) => Some((false, Some(u))),
            Num::I64(i) => Some((i < 0, Some(i.unsigned_abs()))),
            Num::F64(_) => None,
        }
    }

    /// The value as an `i128` when it is an integer literal that fits.
    pub(crate) fn as_i128(&self) -> Option<i128> {
        match *self {
            Num::Text(n) => n.as_i128(),
            Num::U64(u) => Some(u as i128),
            Num::I64(i) => Some(i as i128),
            Num::F64(_) => None,
        }
    }

    /// The value as an `f64` (infinite when out of range).
    #[inline]
    pub(crate) fn as_f64(&self) -> f64 {
        match *self {
            Num::Text(n) => n.as_f64(),
            Num::U64(u) => u as f64,
            Num::I64(i) => i as f64,
            Num::F64(f) => f,
        }
    }

    /// The exact decimal value.
    pub(crate) fn exact(&self) -> Option<Exact> {
        match *self {
            Num::Text(n) => Exact::parse(n.text),
            Num::U64(u) => Exact::parse(&u.to_string()),
            Num::I64(i) => Exact::parse(&i.to_string()),
            Num::F64(f) if f.is_finite() => Exact::parse(&format!("{f:e}")),
            Num::F64(_) => None,
        }
    }
}

impl fmt::Display for Num<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Text(n) => f.write_str(n.text),
            Num::U64(u) => write!(f, "{u}"),
            Num::I64(i) => write!(f, "{i}"),
            Num::F64(x) if x.abs() >= 1e16 || (x.abs() < 1e-6 && *x != 0.0) => write!(f, "{x:e}"),
            Num::F64(x) => write!(f, "{x}"),
        }
    }
}

impl Scalar<'_> {
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "boolean",
            Scalar::Number(_) => "number",
            Scalar::String(_) => "string",
        }
    }
}

/// Why a scalar is not a value of the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mismatch {
    /// The JSON type is wrong (a string where a number is due, ...).
    WrongJsonType,
    /// A number with a fraction or exponent where an integer is due.
    NotInteger,
    /// An integer or float outside the type's range.
    OutOfRange,
    /// A string that does not have the type's syntax (date, uuid, int64 text, ...).
    BadSyntax,
    /// A 64-bit integer sent as a JSON number while strict mode requires the string form.
    NumberNotAllowedStrict,
}

/// Options that change the wire rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WireRules {
    /// Require the spec's string form for int64/uint64 (by default JSON numbers are accepted).
    pub strict_64: bool,
    /// Encoding of `binary` values (`contentEncoding`, base64 by default).
    pub binary: Encoding,
}

impl Default for WireRules {
    fn default() -> Self {
        WireRules {
            strict_64: false,
            binary: Encoding::Base64,
        }
    }
}

/// Largest magnitude accepted for `float8`: the draft gives "approximately ±3.4×10³".
pub(crate) const FLOAT8_MAX: f64 = 3.4e3;

/// Checks `v` against primitive `p`.
#[inline]
pub(crate) fn check(p: Primitive, v: Scalar<'_>, rules: WireRules) -> Result<(), Mismatch> {
    use Primitive as P;
    match (p, v) {
        (P::Null, Scalar::Null) | (P::Boolean, Scalar::Bool(_)) => Ok(()),
        (P::Null | P::Boolean, _) => Err(Mismatch::WrongJsonType),
        (P::Number, Scalar::Number(_)) => Ok(()),
        (P::Float8 | P::Float | P::Double, Scalar::Number(n)) => {
            let x = n.as_f64();
            let max = match p {
                P::Float8 => FLOAT8_MAX,
                P::Float => f32::MAX as f64,
                _ => f64::MAX,
            };
            if x.is_finite() && x.abs() <= max {
                Ok(())
            } else {
                Err(Mismatch::OutOfRange)
            }
        }
        (P::Int64 | P::Uint64, Scalar::Number(n)) if rules.strict_64 => {
            let _ = n;
            Err(Mismatch::NumberNotAllowedStrict)
        }
        (
            P::Int8
            | P::Uint8
            | P::Int16
            | P::Uint16
            | P::Int32
            | P::Uint32
            | P::Integer
            | P::Int64
            | P::Uint64,
            Scalar::Number(n),
        ) => int_number(p, n),
        (P::Int64 | P::Uint64 | P::Int128 | P::Uint128, Scalar::String(s)) => int_text(p, s),
        (P::Decimal, Scalar::String(s)) => ok_if(formats::is_decimal_text(s)),
        (P::String, Scalar::String(_)) => Ok(()),
        (P::Date, Scalar::String(s)) => ok_if(formats::is_date(s)),
        // The draft requires an offset (`full-time`); the official samples omit it, so both
        // forms are accepted (README: decisions).
        (P::Time, Scalar::String(s)) => ok_if(formats::is_time(s, false)),
        (P::DateTime, Scalar::String(s)) => ok_if(formats::is_datetime(s)),
        (P::Duration, Scalar::String(s)) => ok_if(formats::is_duration(s)),
        (P::Uuid, Scalar::String(s)) => ok_if(formats::is_uuid(s)),
        (P::Uri, Scalar::String(s)) => ok_if(formats::is_uri_reference(s)),
        (P::Binary, Scalar::String(s)) => ok_if(rules.binary.is_valid(s)),
        (P::JsonPointer, Scalar::String(s)) => ok_if(formats::is_json_pointer(s)),
        _ => Err(Mismatch::WrongJsonType),
    }
}

#[inline]
fn ok_if(ok: bool) -> Result<(), Mismatch> {
    if ok {
        Ok(())
    } else {
        Err(Mismatch::BadSyntax)
    }
}

/// An integer type given as a JSON number: no fraction or exponent, within range, exact.
#[inline]
fn int_number(p: Primitive, n: Num<'_>) -> Result<(), Mismatch> {
    let Some((negative, mag)) = n.int_parts() else {
        return Err(Mismatch::NotInteger);
    };
    let (min, max) = p.int_range().unwrap_or((0, 0));
    // Types handled here are at most 64 bits wide, so a magnitude beyond u64 is out of range.
    let Some(mag) = mag else {
        return Err(Mismatch::OutOfRange);
    };
    let in_range = if negative {
        (mag as i128) <= -min
    } else {
        (mag as u128) <= max
    };
    if in_range {
        Ok(())
    } else {
        Err(Mismatch::OutOfRange)
    }
}

/// The spec's string form of the 64- and 128-bit integers: `[minus] int`, within range.
fn int_text(p: Primitive, s: &str) -> Result<(), Mismatch> {
    let signed = matches!(p, Primitive::Int64 | Primitive::Int128);
    if !formats::is_integer_text(s, signed) {
        return Err(Mismatch::BadSyntax);
    }
    let in_range = match p {
        Primitive::Int64 => s.parse::<i64>().is_ok(),
        Primitive::Uint64 => s.parse::<u64>().is_ok(),
        Primitive::Int128 => s.parse::<i128>().is_ok(),
        _ => s.parse::<u128>().is_ok(),
    };
    if in_range {
        Ok(())
    } else {
        Err(Mismatch::OutOfRange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Primitive as P;

    fn num(s: &str) -> Scalar<'_> {
        Scalar::Number(Number::parse(s).unwrap().into())
    }

    #[test]
    fn value_numbers_follow_the_same_rules() {
        assert_eq!(check(P::Int8, Scalar::Number(Num::I64(-128)), LAX), Ok(()));
        assert_eq!(
            check(P::Int8, Scalar::Number(Num::I64(-129)), LAX),
            Err(Mismatch::OutOfRange)
        );
        assert_eq!(
            check(P::Uint64, Scalar::Number(Num::U64(u64::MAX)), LAX),
            Ok(())
        );
        assert_eq!(
            check(P::Int32, Scalar::Number(Num::F64(1.0)), LAX),
            Err(Mismatch::NotInteger)
        );
        assert_eq!(Num::F64(0.1).exact(), Exact::parse("0.1"));
        assert_eq!(Num::I64(-5).to_string(), "-5");
    }

    const LAX: WireRules = WireRules {
        strict_64: false,
        binary: Encoding::Base64,
    };
    const STRICT: WireRules = WireRules {
        strict_64: true,
        binary: Encoding::Base64,
    };

    #[test]
    fn integers_are_exact_and_ranged() {
        assert_eq!(check(P::Int8, num("127"), LAX), Ok(()));
        assert_eq!(check(P::Int8, num("128"), LAX), Err(Mismatch::OutOfRange));
        assert_eq!(check(P::Int8, num("-128"), LAX), Ok(()));
        assert_eq!(check(P::Uint8, num("-0"), LAX), Ok(()));
        assert_eq!(check(P::Uint8, num("-1"), LAX), Err(Mismatch::OutOfRange));
        assert_eq!(check(P::Int32, num("1.0"), LAX), Err(Mismatch::NotInteger));
        assert_eq!(check(P::Int32, num("1e2"), LAX), Err(Mismatch::NotInteger));
        assert_eq!(check(P::Int64, num("9007199254740993"), LAX), Ok(()));
        assert_eq!(check(P::Int64, num("9223372036854775807"), LAX), Ok(()));
        assert_eq!(
            check(P::Int64, num("9223372036854775808"), LAX),
            Err(Mismatch::OutOfRange)
        );
        assert_eq!(check(P::Int64, num("-9223372036854775808"), LAX), Ok(()));
        assert_eq!(check(P::Uint64, num("18446744073709551615"), LAX), Ok(()));
        assert_eq!(
            check(P::Uint64, num("18446744073709551616"), LAX),
            Err(Mismatch::OutOfRange)
        );
        assert_eq!(
            check(P::Int64, num("1"), STRICT),
            Err(Mismatch::NumberNotAllowedStrict)
        );
        assert_eq!(check(P::Int64, Scalar::String("-42"), STRICT), Ok(()));
        assert_eq!(
            check(P::Int64, Scalar::String("042"), LAX),
            Err(Mismatch::BadSyntax)
        );
        assert_eq!(
            check(P::Int64, Scalar::String("9223372036854775808"), LAX),
            Err(Mismatch::OutOfRange)
        );
        assert_eq!(
            check(P::Uint64, Scalar::String("-1"), LAX),
            Err(Mismatch::BadSyntax)
        );
        assert_eq!(
            check(P::Int128, num("1"), LAX),
            Err(Mismatch::WrongJsonType)
        );
        assert_eq!(
            check(
                P::Uint128,
                Scalar::String("340282366920938463463374607431768211455"),
                LAX
            ),
            Ok(())
        );
        assert_eq!(
            check(
                P::Uint128,
                Scalar::String("340282366920938463463374607431768211456"),
                LAX
            ),
            Err(Mismatch::OutOfRange)
        );
    }

    #[test]
    fn floats_and_decimals() {
        assert_eq!(check(P::Float, num("3.4e38"), LAX), Ok(()));
        assert_eq!(
            check(P::Float, num("1e300"), LAX),
            Err(Mismatch::OutOfRange)
        );
        assert_eq!(check(P::Double, num("1e308"), LAX), Ok(()));
        assert_eq!(
            check(P::Double, num("1e400"), LAX),
            Err(Mismatch::OutOfRange)
        );
        assert_eq!(check(P::Number, num("1e400"), LAX), Ok(()));
        assert_eq!(check(P::Float8, num("0.8"), LAX), Ok(()));
        assert_eq!(check(P::Decimal, Scalar::String("0.0825"), LAX), Ok(()));
        assert_eq!(
            check(P::Decimal, Scalar::String("1e5"), LAX),
            Err(Mismatch::BadSyntax)
        );
        assert_eq!(
            check(P::Decimal, num("19.99"), LAX),
            Err(Mismatch::WrongJsonType)
        );
    }

    #[test]
    fn strings_and_literals() {
        assert_eq!(check(P::Null, Scalar::Null, LAX), Ok(()));
        assert_eq!(
            check(P::String, Scalar::Null, LAX),
            Err(Mismatch::WrongJsonType)
        );
        assert_eq!(check(P::Time, Scalar::String("09:00:00"), LAX), Ok(()));
        assert_eq!(
            check(P::Uri, Scalar::String("not a uri"), LAX),
            Err(Mismatch::BadSyntax)
        );
        let hex = WireRules {
            binary: Encoding::Base16,
            ..LAX
        };
        assert_eq!(check(P::Binary, Scalar::String("beef"), hex), Ok(()));
        assert_eq!(check(P::Binary, Scalar::String("beef"), LAX), Ok(()));
        assert_eq!(
            check(P::Binary, Scalar::String("bee"), hex),
            Err(Mismatch::BadSyntax)
        );
    }
}
