//! Primitive values: the wire rule of the type, then `enum`/`const`, `maxLength`, and the
//! Validation extension's numeric bounds, `multipleOf`, `minLength`, `pattern` and `format`.

use crate::formats;
use crate::json::Peek;
use crate::scalar::{self, Mismatch, Scalar};
use crate::schema::Primitive;

use super::compile::{BoundKind, BoundValue, Format, Node, NumericCheck, PrimCheck, StringCheck};
use super::error::InstanceCode;
use super::input::{Input, Stop, Walk};
use super::walk::{Mode, Walker};

impl Walker<'_> {
    /// Checks a primitive. The shapes nearly every member has (a string without rules, a
    /// literal, an integer in range as a number or as a string, a verbatim string `enum` or
    /// `const` value) are decided here, inlined into the caller; the rest goes to
    /// [`Walker::primitive_rest`]. Outlining the rest keeps the hot cases free of the big
    /// function's prologue and epilogue (350 to 450 instructions per Session payload).
    ///
    /// Forced inline only when optimizing. Unoptimized code gives every inlined copy's locals
    /// their own stack slots, and the three copies in the member loop made each level of
    /// nesting cost 20 KB of stack: the document limit of 128 levels overflowed a test
    /// thread's 2 MiB (`deep_nesting_is_rejected_quickly_without_overflow`). Now 1 MiB.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub(crate) fn primitive<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        p: &PrimCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
    ) -> Walk {
        let kind = input.peek()?;
        match kind {
            Peek::String if p.plain_string => input.skip_string(),
            Peek::Null if p.plain_literal && p.ty == Primitive::Null => input.null(),
            Peek::Bool if p.plain_literal && p.ty == Primitive::Boolean => {
                input.boolean().map(|_| ())
            }
            Peek::Number if p.int_fast.is_some() => {
                let offset = input.offset();
                match (input.small_int(), p.int_fast) {
                    (Some((negative, mag)), Some((neg_max, pos_max))) => {
                        if mag <= if negative { neg_max } else { pos_max } {
                            return Ok(());
                        }
                        int_out_of_range(node, p, negative, mag, offset, m, false)
                    }
                    _ => self.primitive_rest(node, p, input, m, depth, kind, offset),
                }
            }
            Peek::String if p.int_text_fast.is_some() => {
                // A 64-bit integer as a string, read straight from the bytes; anything the
                // quick reader leaves alone gets the full checks and their messages.
                let offset = input.offset();
                match (input.quoted_integer(), p.int_text_fast) {
                    (Some((negative, mag)), Some(limits)) => {
                        if int_text_admits(limits, negative, mag) {
                            return Ok(());
                        }
                        // Out of range, or a minus sign on a uint64: the value is consumed,
                        // so the full checks look at its text instead.
                        int_out_of_range(node, p, negative, mag, offset, m, true)
                    }
                    _ => self.primitive_rest(node, p, input, m, depth, kind, offset),
                }
            }
            // Verbatim one of the values; anything else is read, decoded and looked up in
            // full below (the input is left unread).
            Peek::String
                if p.raw_strings
                    .as_ref()
                    .is_some_and(|set| input.raw_string_in(set)) =>
            {
                Ok(())
            }
            _ => {
                let offset = input.offset();
                self.primitive_rest(node, p, input, m, depth, kind, offset)
            }
        }
    }

    /// Every case [`Walker::primitive`] does not decide inline; `kind` was peeked at `offset`.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn primitive_rest<'de, I: Input<'de>, M: Mode>(
        &self,
        node: &Node,
        p: &PrimCheck,
        input: &mut I,
        m: &mut M,
        depth: u32,
        kind: Peek,
        offset: Option<usize>,
    ) -> Walk {
        let value = match kind {
            Peek::Null => {
                input.null()?;
                Scalar::Null
            }
            Peek::Bool => Scalar::Bool(input.boolean()?),
            Peek::Number => {
                let n = input.number()?;
                if let (Some((neg_max, pos_max)), Some((negative, Some(mag)))) =
                    (p.int_fast, n.int_parts())
                {
                    if mag <= if negative { neg_max } else { pos_max } {
                        return Ok(());
                    }
                }
                Scalar::Number(n)
            }
            Peek::String if p.int_text_fast.is_some() => {
                let s = input.string()?;
                match p.int_text_fast {
                    Some(limits) if int_text_in_range(s, limits) => return Ok(()),
                    _ => Scalar::String(s),
                }
            }
            Peek::String => {
                let s = input.string()?;
                if p.string_set {
                    let set = p.enum_values.as_ref().or(p.const_value.as_ref());
                    if set.is_some_and(|set| set.contains(&Scalar::String(s))) {
                        return Ok(());
                    }
                }
                Scalar::String(s)
            }
            Peek::Array | Peek::Object => {
                let (code, expected) = expected(p.ty);
                return self.wrong_kind(node, code, &expected, kind, input, m, depth);
            }
        };
        check_scalar(node, p, value, offset, m)
    }
}

/// An integer read by a quick reader (as a string when `quoted`, else as a number) that is
/// outside the type's range: the full checks, on its text, say what is wrong.
#[cold]
#[inline(never)]
fn int_out_of_range<M: Mode>(
    node: &Node,
    p: &PrimCheck,
    negative: bool,
    mag: u64,
    offset: Option<usize>,
    m: &mut M,
    quoted: bool,
) -> Walk {
    let text = if negative {
        format!("-{mag}")
    } else {
        mag.to_string()
    };
    if quoted {
        return check_scalar(node, p, Scalar::String(&text), offset, m);
    }
    let n = crate::json::Number::parse(&text).ok_or(Stop::Invalid)?;
    check_scalar(node, p, Scalar::Number(n.into()), offset, m)
}

/// Whether `s` is the string form of a 64-bit integer within `limits` (as `int_text_fast`):
/// `[minus] int` is the grammar of a JSON integer literal, so the scanner's number reader
/// decides it. `false` sends the value through the full checks, which say what is wrong.
#[inline]
fn int_text_in_range(s: &str, limits: (Option<u64>, u64)) -> bool {
    match crate::json::Number::parse(s) {
        Some(n) if n.int => n
            .mag
            .is_some_and(|mag| int_text_admits(limits, n.negative, mag)),
        _ => false,
    }
}

/// Whether an integer of sign `negative` and magnitude `mag` is within `limits` (as
/// `int_text_fast`: `None` for the largest negative magnitude forbids a minus sign).
#[inline(always)]
fn int_text_admits((neg_max, pos_max): (Option<u64>, u64), negative: bool, mag: u64) -> bool {
    match neg_max {
        _ if !negative => mag <= pos_max,
        Some(max) => mag <= max,
        None => false,
    }
}

/// All checks of a primitive node on one scalar.
#[inline]
pub(crate) fn check_scalar<M: Mode>(
    node: &Node,
    p: &PrimCheck,
    v: Scalar<'_>,
    offset: Option<usize>,
    m: &mut M,
) -> Walk {
    if let Err(mismatch) = scalar::check(p.ty, v, p.rules) {
        let (code, message) = mismatch_report(p, mismatch);
        return m.fail(code, node, offset, || message(&v));
    }
    if let Some(c) = &p.const_value {
        if !c.contains(&v) {
            m.fail(InstanceCode::ConstMismatch, node, offset, || {
                format!("{} is not the const value", show(&v))
            })?;
        }
    }
    if let Some(e) = &p.enum_values {
        if !e.contains(&v) {
            m.fail(InstanceCode::EnumMismatch, node, offset, || {
                format!("{} is not one of the enum values", show(&v))
            })?;
        }
    }
    if let (Some(max), Scalar::String(s)) = (p.max_length, v) {
        // Length in Unicode code points; only counted when the byte length could exceed it.
        if s.len() as u64 > max {
            let len = s.chars().count() as u64;
            if len > max {
                m.fail(InstanceCode::StringMaxLength, node, offset, || {
                    format!("string length {len} exceeds maximum {max}")
                })?;
            }
        }
    }
    if let (Some(n), Scalar::Number(_) | Scalar::String(_)) = (&p.numeric, v) {
        numeric(node, p.ty, n, &v, offset, m)?;
    }
    if let (Some(sc), Scalar::String(s)) = (&p.string, v) {
        string(node, sc, s, offset, m)?;
    }
    Ok(())
}

fn show(v: &Scalar<'_>) -> String {
    match v {
        Scalar::Null => "null".into(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Number(n) => n.to_string(),
        Scalar::String(s) if s.chars().count() > 60 => {
            format!("\"{}...\"", s.chars().take(60).collect::<String>())
        }
        Scalar::String(s) => format!("{s:?}"),
    }
}

/// The code and message for a wire-rule failure.
fn mismatch_report(
    p: &PrimCheck,
    mismatch: Mismatch,
) -> (InstanceCode, impl FnOnce(&Scalar<'_>) -> String) {
    use InstanceCode as C;
    use Primitive as P;
    let ty = p.ty;
    let code = match mismatch {
        Mismatch::WrongJsonType => expected(ty).0,
        Mismatch::NotInteger => C::IntegerExpected,
        Mismatch::OutOfRange => C::IntRangeInvalid,
        Mismatch::NumberNotAllowedStrict => C::StringExpected,
        Mismatch::BadSyntax => match ty {
            P::Date => C::DateFormatInvalid,
            P::Time => C::TimeFormatInvalid,
            P::DateTime => C::DatetimeFormatInvalid,
            P::Duration => C::DurationFormatInvalid,
            P::Uuid => C::UuidFormatInvalid,
            P::Uri => C::UriFormatInvalid,
            P::Binary => C::BinaryEncodingInvalid,
            P::JsonPointer => C::JsonPointerFormatInvalid,
            P::Decimal => C::DecimalExpected,
            _ => C::IntegerExpected,
        },
    };
    let encoding = p.rules.binary;
    let message = move |v: &Scalar<'_>| match mismatch {
        Mismatch::WrongJsonType => {
            let (_, what) = expected(ty);
            format!("expected {what}, found {}", v.type_name())
        }
        Mismatch::NotInteger => format!(
            "{} is not an integer (no fraction or exponent allowed for {})",
            show(v),
            ty.name()
        ),
        Mismatch::OutOfRange => format!("{} is not a valid {} (out of range)", show(v), ty.name()),
        Mismatch::NumberNotAllowedStrict => format!(
            "{} must be a string in strict mode (the spec's encoding of {}), e.g. \"{}\"",
            show(v),
            ty.name(),
            show(v)
        ),
        Mismatch::BadSyntax => match ty {
            P::Binary => format!("{} is not valid {}", show(v), encoding.name()),
            P::Time => format!(
                "{} is not an RFC 3339 time (HH:MM:SS[.frac][offset])",
                show(v)
            ),
            P::DateTime => format!(
                "{} is not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.frac]offset)",
                show(v)
            ),
            P::Date => format!("{} is not an RFC 3339 full-date (YYYY-MM-DD)", show(v)),
            P::Duration => format!("{} is not an ISO 8601 duration (e.g. PT1H30M)", show(v)),
            P::Uri => format!("{} is not an RFC 3986 URI reference", show(v)),
            P::Decimal => format!("{} is not a decimal string ([minus] int [frac])", show(v)),
            _ => format!("{} is not a valid {}", show(v), ty.name()),
        },
    };
    (code, message)
}

/// The code and description for "the JSON type is wrong" per primitive.
pub(crate) fn expected(ty: Primitive) -> (InstanceCode, String) {
    use InstanceCode as C;
    use Primitive as P;
    match ty {
        P::String => (C::StringExpected, "a string".into()),
        P::Boolean => (C::BooleanExpected, "a boolean".into()),
        P::Null => (C::NullExpected, "null".into()),
        P::Number | P::Float8 | P::Float | P::Double => {
            (C::NumberExpected, format!("a number ({})", ty.name()))
        }
        P::Int64 | P::Uint64 => (
            C::IntegerExpected,
            format!("an integer ({}, a string or a number)", ty.name()),
        ),
        P::Int128 | P::Uint128 => (C::TypeMismatch, format!("a string-encoded {}", ty.name())),
        t if t.is_integer() => (C::IntegerExpected, format!("an integer ({})", ty.name())),
        P::Decimal => (C::DecimalExpected, "a decimal string".into()),
        P::Date => (C::DateExpected, "a date string".into()),
        P::Time => (C::TimeExpected, "a time string".into()),
        P::DateTime => (C::DatetimeExpected, "a datetime string".into()),
        P::Duration => (C::DurationExpected, "a duration string".into()),
        P::Uuid => (C::UuidExpected, "a UUID string".into()),
        P::Uri => (C::UriExpected, "a URI string".into()),
        P::Binary => (C::BinaryExpected, "an encoded binary string".into()),
        _ => (C::JsonPointerExpected, "a JSON Pointer string".into()),
    }
}

fn numeric<M: Mode>(
    node: &Node,
    ty: Primitive,
    n: &NumericCheck,
    v: &Scalar<'_>,
    offset: Option<usize>,
    m: &mut M,
) -> Walk {
    use std::cmp::Ordering;
    for (kind, bound, text) in &n.bounds {
        let ord = match bound {
            BoundValue::Int(limit) => int_value(v).map(|x| x.cmp(limit)),
            BoundValue::Float(limit) => float_value(v).and_then(|x| x.partial_cmp(limit)),
            BoundValue::Exact(limit) => exact_value(v).map(|x| x.cmp(limit)),
        };
        let Some(ord) = ord else { continue };
        // Integer limits were made inclusive when compiled.
        let int = matches!(bound, BoundValue::Int(_));
        let ok = match kind {
            BoundKind::Minimum => ord != Ordering::Less,
            BoundKind::Maximum => ord != Ordering::Greater,
            BoundKind::ExclusiveMinimum if int => ord != Ordering::Less,
            BoundKind::ExclusiveMaximum if int => ord != Ordering::Greater,
            BoundKind::ExclusiveMinimum => ord == Ordering::Greater,
            BoundKind::ExclusiveMaximum => ord == Ordering::Less,
        };
        if !ok {
            let code = match kind {
                BoundKind::Minimum => InstanceCode::NumberMinimum,
                BoundKind::Maximum => InstanceCode::NumberMaximum,
                BoundKind::ExclusiveMinimum => InstanceCode::NumberExclusiveMinimum,
                BoundKind::ExclusiveMaximum => InstanceCode::NumberExclusiveMaximum,
            };
            m.fail(code, node, offset, || {
                let rel = match kind {
                    BoundKind::Minimum => "is less than minimum",
                    BoundKind::Maximum => "exceeds maximum",
                    BoundKind::ExclusiveMinimum => "must be greater than",
                    BoundKind::ExclusiveMaximum => "must be less than",
                };
                format!("{} {rel} {text}", show(v))
            })?;
        }
    }
    if let Some((divisor, text)) = &n.multiple_of {
        let ok = match (ty.is_integer(), int_value(v), divisor.is_integer()) {
            (true, Some(x), true) => {
                let d = divisor.floor_i128();
                d == 0 || x % d == 0
            }
            _ => exact_value(v).is_none_or(|x| x.is_multiple_of(divisor)),
        };
        if !ok {
            m.fail(InstanceCode::NumberMultipleOf, node, offset, || {
                format!("{} is not a multiple of {text}", show(v))
            })?;
        }
    }
    Ok(())
}

fn int_value(v: &Scalar<'_>) -> Option<i128> {
    match v {
        Scalar::Number(n) => n.as_i128(),
        Scalar::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn float_value(v: &Scalar<'_>) -> Option<f64> {
    match v {
        Scalar::Number(n) => Some(n.as_f64()),
        _ => None,
    }
}

fn exact_value(v: &Scalar<'_>) -> Option<crate::numeric::Exact> {
    match v {
        Scalar::Number(n) => n.exact(),
        Scalar::String(s) => crate::numeric::Exact::parse(s),
        _ => None,
    }
}

fn string<M: Mode>(
    node: &Node,
    sc: &StringCheck,
    s: &str,
    offset: Option<usize>,
    m: &mut M,
) -> Walk {
    if let Some(min) = sc.min_length {
        // Fewer bytes than `min` means fewer code points too; otherwise count.
        if (s.len() as u64) < min || (s.chars().count() as u64) < min {
            let len = s.chars().count();
            m.fail(InstanceCode::StringMinLength, node, offset, || {
                format!("string length {len} is less than minimum {min}")
            })?;
        }
    }
    if let Some(p) = &sc.pattern {
        if !p.is_match(s) {
            m.fail(InstanceCode::StringPatternMismatch, node, offset, || {
                format!("{:?} does not match pattern {:?}", s, p.source())
            })?;
        }
    }
    if let Some((format, name)) = &sc.format {
        let (ok, code) = check_format(*format, s);
        if !ok {
            m.fail(code, node, offset, || {
                format!("{s:?} is not a valid '{name}'")
            })?;
        }
    }
    Ok(())
}

fn check_format(f: Format, s: &str) -> (bool, InstanceCode) {
    use InstanceCode as C;
    match f {
        Format::Email => (formats::is_email(s, false), C::FormatEmailInvalid),
        Format::IdnEmail => (formats::is_email(s, true), C::FormatInvalid),
        Format::Hostname => (formats::is_hostname(s, false), C::FormatHostnameInvalid),
        Format::IdnHostname => (formats::is_hostname(s, true), C::FormatInvalid),
        Format::Ipv4 => (formats::is_ipv4(s), C::FormatIpv4Invalid),
        Format::Ipv6 => (formats::is_ipv6(s), C::FormatIpv6Invalid),
        Format::Uri => (formats::is_uri(s), C::FormatUriInvalid),
        Format::UriReference => (formats::is_uri_reference(s), C::FormatUriReferenceInvalid),
        Format::Iri => (formats::is_iri(s), C::FormatInvalid),
        Format::IriReference => (formats::is_iri_reference(s), C::FormatInvalid),
        Format::UriTemplate => (formats::is_uri_template(s), C::FormatInvalid),
        Format::JsonPointer => (formats::is_json_pointer(s), C::JsonPointerFormatInvalid),
        Format::RelativeJsonPointer => (formats::is_relative_json_pointer(s), C::FormatInvalid),
        Format::Regex => (crate::schema::Pattern::new(s).is_ok(), C::FormatInvalid),
        Format::Date => (formats::is_date(s), C::FormatDateInvalid),
        Format::Time => (formats::is_time(s, false), C::FormatTimeInvalid),
        Format::DateTime => (formats::is_datetime(s), C::FormatDatetimeInvalid),
        Format::Duration => (formats::is_duration(s), C::FormatInvalid),
        Format::Uuid => (formats::is_uuid(s), C::FormatUuidInvalid),
    }
}
