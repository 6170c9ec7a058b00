//! Value sets of primitives: which JSON values a primitive type with its `enum`, `const`,
//! `maxLength` and Validation keywords accepts, and whether one such set contains another.
//! Every answer here is a claim about the validator's verdicts, so each rule follows
//! `scalar::check` and the compiled checks exactly, and says "no" when it cannot be sure.

use std::collections::BTreeSet;

use crate::formats::Encoding;
use crate::json::Value as Literal;
use crate::numeric::Exact;
use crate::scalar::Scalar;
use crate::schema::{Bound, Primitive, PrimitiveType, Validation};

/// An `enum`/`const` literal in the representation the validator compares by. Numbers of the
/// integer and decimal types compare exactly, floats as `f64`; the variants keep the families
/// apart, so literals of unrelated types never count as equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    Null,
    Bool(bool),
    Num(Exact),
    Float(u64),
    Str(String),
}

pub(crate) fn key(ty: Primitive, lit: &Literal) -> Option<Key> {
    Some(match crate::schema::literal_scalar(lit)? {
        Scalar::Null => Key::Null,
        Scalar::Bool(b) => Key::Bool(b),
        Scalar::Number(n) if ty.is_float() => {
            let f = n.as_f64();
            // The validator compares with `==`, for which -0.0 equals 0.0.
            Key::Float(if f == 0.0 { 0.0f64 } else { f }.to_bits())
        }
        Scalar::Number(n) => Key::Num(n.exact()?),
        Scalar::String(t) if ty.is_numeric() => Key::Num(Exact::parse(t)?),
        Scalar::String(t) => Key::Str(t.to_owned()),
    })
}

/// The values `enum` and `const` allow together; `None` when the type's values are not
/// restricted (or a literal could not be read, which is treated as no restriction).
pub(crate) fn allowed(p: &PrimitiveType) -> Option<BTreeSet<Key>> {
    let e = match &p.enum_values {
        Some(values) => {
            let keys: Option<BTreeSet<Key>> = values.iter().map(|l| key(p.ty, l)).collect();
            Some(keys?)
        }
        None => None,
    };
    let c = match &p.const_value {
        Some(l) => Some(key(p.ty, l)?),
        None => None,
    };
    match (e, c) {
        (None, None) => None,
        (Some(e), None) => Some(e),
        (None, Some(c)) => Some(BTreeSet::from([c])),
        (Some(e), Some(c)) => Some(if e.contains(&c) {
            BTreeSet::from([c])
        } else {
            BTreeSet::new()
        }),
    }
}

/// The keys of an `enum` in declaration order (unreadable literals left out), with the
/// literals' indices.
pub(crate) fn enum_keys(p: &PrimitiveType) -> Vec<(usize, Key, &Literal)> {
    p.enum_values
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, l)| Some((i, key(p.ty, l)?, l)))
        .collect()
}

/// Whether every value of `allowed_a` (`None` = unrestricted) is in `set` (`None` = no
/// restriction).
pub(crate) fn keys_within(allowed_a: Option<&BTreeSet<Key>>, set: Option<&BTreeSet<Key>>) -> bool {
    match (allowed_a, set) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => a.is_subset(b),
    }
}

/// A primitive as the validator sees it: its type, its core keywords, and its Validation
/// keywords when the document enables them.
#[derive(Clone, Copy)]
pub(crate) struct Prim<'a> {
    pub p: &'a PrimitiveType,
    /// `None` when the Validation add-in is off (nothing is enforced).
    pub v: Option<&'a Validation>,
    pub strict_64: bool,
    pub check_formats: bool,
}

const NUM: u8 = 1;
const STR: u8 = 2;

/// The JSON forms a numeric type accepts.
fn forms(ty: Primitive, strict_64: bool) -> u8 {
    if ty.accepts_number_leniently() {
        if strict_64 {
            STR
        } else {
            STR | NUM
        }
    } else if ty.is_string_encoded_number() {
        STR
    } else {
        NUM
    }
}

fn float_max(ty: Primitive) -> f64 {
    match ty {
        Primitive::Float8 => crate::scalar::FLOAT8_MAX,
        Primitive::Float => f32::MAX as f64,
        Primitive::Double => f64::MAX,
        _ => f64::INFINITY,
    }
}

/// Whether `a`'s numeric range lies within `b`'s, ignoring the JSON form.
pub(crate) fn range_within(a: Primitive, b: Primitive) -> bool {
    match (a.int_range(), b.int_range()) {
        (Some((amin, amax)), Some((bmin, bmax))) => amin >= bmin && amax <= bmax,
        (Some((amin, amax)), None) if b.is_float() => {
            (amin as f64).abs() <= float_max(b) && (amax as f64) <= float_max(b)
        }
        (Some(_), None) => b == Primitive::Decimal,
        (None, None) if a.is_float() && b.is_float() => float_max(a) <= float_max(b),
        (None, None) => a == b,
        (None, Some(_)) => false,
    }
}

/// Whether every JSON value of type `a` is a value of type `b` (type and encoding only).
pub(crate) fn type_within(
    a: Primitive,
    a_enc: Encoding,
    b: Primitive,
    b_enc: Encoding,
    strict_64: bool,
) -> bool {
    if a == b {
        return a != Primitive::Binary || a_enc == b_enc;
    }
    if b == Primitive::String {
        // Every string-encoded value is a string; numbers, booleans and null are not.
        return a.wire_form() == crate::schema::WireForm::String
            && (!a.accepts_number_leniently() || strict_64);
    }
    if !a.is_numeric() || !b.is_numeric() {
        return false;
    }
    let (fa, fb) = (forms(a, strict_64), forms(b, strict_64));
    if a.is_integer() && b.is_integer() {
        return fa & !fb == 0 && range_within(a, b);
    }
    if a.is_integer() && b.is_float() {
        // Floats take any JSON number within their range, integers included.
        return fa == NUM && range_within(a, b);
    }
    if a.is_float() && b.is_float() {
        return range_within(a, b);
    }
    if a.is_integer() && b == Primitive::Decimal {
        // The integer text grammar is the decimal grammar without a fraction.
        return fa == STR;
    }
    false
}

/// A lower or upper bound with its exclusivity, in one of the validator's domains.
#[derive(Debug, Clone, PartialEq)]
enum Limit {
    Int(i128),
    Float(f64, bool),
    Exact(Exact, bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Domain {
    Int,
    Float,
    Exact,
}

fn domain(ty: Primitive) -> Option<Domain> {
    if ty.is_float() {
        Some(Domain::Float)
    } else if ty.is_integer() && !matches!(ty, Primitive::Int128 | Primitive::Uint128) {
        Some(Domain::Int)
    } else if ty.is_numeric() {
        Some(Domain::Exact)
    } else {
        None
    }
}

fn exact_of(b: &Option<Bound>) -> Option<Exact> {
    b.as_ref().and_then(|b| Exact::parse(&b.text))
}

fn exact_int(i: i128) -> Exact {
    Exact::parse(&i.to_string()).expect("an integer is a number")
}

fn exact_uint(u: u128) -> Exact {
    Exact::parse(&u.to_string()).expect("an integer is a number")
}

/// The tighter of two limits on the same side (`lower` says which way is tighter).
fn tighter(a: Option<Limit>, b: Option<Limit>, lower: bool) -> Option<Limit> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(x), Some(y)) => Some(if implies(&x, &y, lower) { x } else { y }),
    }
}

/// Whether `x` as a limit implies `y` (lower: x >= y, with exclusivity).
fn implies(x: &Limit, y: &Limit, lower: bool) -> bool {
    use std::cmp::Ordering::*;
    let (ord, ex_x, ex_y) = match (x, y) {
        (Limit::Int(a), Limit::Int(b)) => (a.cmp(b), false, false),
        (Limit::Float(a, ea), Limit::Float(b, eb)) => match a.partial_cmp(b) {
            Some(o) => (o, *ea, *eb),
            None => return false,
        },
        (Limit::Exact(a, ea), Limit::Exact(b, eb)) => (a.cmp(b), *ea, *eb),
        _ => return false,
    };
    let ord = if lower { ord } else { ord.reverse() };
    match ord {
        Greater => true,
        Equal => ex_x || !ex_y,
        Less => false,
    }
}

impl Prim<'_> {
    fn bound(&self, lower: bool) -> (Option<&Bound>, Option<&Bound>) {
        match self.v {
            None => (None, None),
            Some(v) if lower => (v.minimum.as_ref(), v.exclusive_minimum.as_ref()),
            Some(v) => (v.maximum.as_ref(), v.exclusive_maximum.as_ref()),
        }
    }

    /// The limit this primitive enforces (explicitly, or by its type's range when `natural`),
    /// expressed in `dom`. `None` when there is none or it cannot be expressed there.
    fn limit(&self, dom: Domain, lower: bool, natural: bool) -> Option<Limit> {
        let ty = self.p.ty;
        let (incl, excl) = self.bound(lower);
        let (incl_x, excl_x) = (exact_of(&incl.cloned()), exact_of(&excl.cloned()));
        let nat = if natural {
            ty.int_range().map(|(min, max)| {
                if lower {
                    exact_int(min)
                } else {
                    exact_uint(max)
                }
            })
        } else {
            None
        };
        match dom {
            Domain::Int => {
                let conv = |x: &Exact, excl: bool| {
                    Limit::Int(match (lower, excl) {
                        (true, false) => x.ceil_i128(),
                        (true, true) => x.floor_i128().saturating_add(1),
                        (false, false) => x.floor_i128(),
                        (false, true) => x.ceil_i128().saturating_sub(1),
                    })
                };
                let explicit = tighter(
                    incl_x.as_ref().map(|x| conv(x, false)),
                    excl_x.as_ref().map(|x| conv(x, true)),
                    lower,
                );
                tighter(explicit, nat.as_ref().map(|x| conv(x, false)), lower)
            }
            Domain::Float => {
                let f = |b: Option<&Bound>, ex: bool| {
                    b.and_then(|b| b.text.parse::<f64>().ok())
                        .filter(|f| !f.is_nan())
                        .map(|f| Limit::Float(f, ex))
                };
                let explicit = if ty.is_float() {
                    tighter(f(incl, false), f(excl, true), lower)
                } else if domain(ty) == Some(Domain::Int) {
                    // An integer type checks its bounds as integers; as f64 (monotone
                    // rounding) the integer limit still holds.
                    match self.limit(Domain::Int, lower, false) {
                        Some(Limit::Int(i)) => Some(Limit::Float(i as f64, false)),
                        _ => None,
                    }
                } else {
                    None
                };
                let nat = nat.map(|x| {
                    let i = if lower { x.ceil_i128() } else { x.floor_i128() };
                    Limit::Float(i as f64, false)
                });
                tighter(explicit, nat, lower)
            }
            Domain::Exact => {
                let explicit = match domain(ty) {
                    Some(Domain::Float) => None,
                    _ => tighter(
                        incl_x.map(|x| Limit::Exact(x, false)),
                        excl_x.map(|x| Limit::Exact(x, true)),
                        lower,
                    ),
                };
                tighter(explicit, nat.map(|x| Limit::Exact(x, false)), lower)
            }
        }
    }

    /// Whether `self`'s values satisfy `b`'s lower (or upper) bound.
    pub(super) fn bound_within(&self, b: &Prim<'_>, lower: bool) -> bool {
        let Some(dom) = domain(b.p.ty) else {
            return true;
        };
        let Some(want) = b.limit(dom, lower, false) else {
            return true;
        };
        match self.limit(dom, lower, true) {
            Some(have) => implies(&have, &want, lower),
            None => false,
        }
    }

    pub(super) fn multiple_within(&self, b: &Prim<'_>) -> bool {
        let Some(mb) = b.v.and_then(|v| exact_of(&v.multiple_of)) else {
            return true;
        };
        match self.v.and_then(|v| exact_of(&v.multiple_of)) {
            Some(ma) => ma.is_multiple_of(&mb),
            None => false,
        }
    }

    fn literal_strings(&self) -> Option<Vec<String>> {
        let set = allowed(self.p)?;
        set.into_iter()
            .map(|k| match k {
                Key::Str(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    /// `maxLength` (core, strings only).
    pub(super) fn max_length_within(&self, b: &Prim<'_>) -> bool {
        let Some(max) = b.p.max_length.filter(|_| b.p.ty.is_string()) else {
            return true;
        };
        if self.p.max_length.is_some_and(|m| m <= max) && self.p.ty.is_string() {
            return true;
        }
        self.literal_strings()
            .is_some_and(|ls| ls.iter().all(|s| s.chars().count() as u64 <= max))
    }

    pub(super) fn min_length_within(&self, b: &Prim<'_>) -> bool {
        let Some(min) =
            b.v.and_then(|v| v.min_length)
                .filter(|_| b.p.ty.is_string())
        else {
            return true;
        };
        if self.p.ty.is_string() && self.v.and_then(|v| v.min_length).is_some_and(|m| m >= min) {
            return true;
        }
        self.literal_strings()
            .is_some_and(|ls| ls.iter().all(|s| s.chars().count() as u64 >= min))
    }

    pub(super) fn pattern_within(&self, b: &Prim<'_>) -> bool {
        let Some(pb) =
            b.v.and_then(|v| v.pattern.as_ref())
                .filter(|_| b.p.ty.is_string())
        else {
            return true;
        };
        if self.p.ty.is_string()
            && self
                .v
                .and_then(|v| v.pattern.as_ref())
                .is_some_and(|pa| pa.source() == pb.source())
        {
            return true;
        }
        self.literal_strings()
            .is_some_and(|ls| ls.iter().all(|s| pb.is_match(s)))
    }

    fn format(&self) -> Option<&str> {
        self.v
            .and_then(|v| v.format.as_deref())
            .filter(|_| self.check_formats && self.p.ty.is_string())
    }

    pub(super) fn format_within(&self, b: &Prim<'_>) -> bool {
        match b.format() {
            None => true,
            Some(f) => self.format() == Some(f),
        }
    }

    pub(super) fn type_within(&self, b: &Prim<'_>) -> bool {
        type_within(
            self.p.ty,
            self.p.content_encoding.unwrap_or(Encoding::Base64),
            b.p.ty,
            b.p.content_encoding.unwrap_or(Encoding::Base64),
            self.strict_64,
        )
    }

    pub(super) fn literals_within(&self, b: &Prim<'_>) -> bool {
        keys_within(allowed(self.p).as_ref(), allowed(b.p).as_ref())
    }

    /// Every value valid under `self` is valid under `b`.
    pub(super) fn within(&self, b: &Prim<'_>) -> bool {
        self.type_within(b)
            && self.literals_within(b)
            && self.max_length_within(b)
            && self.min_length_within(b)
            && self.pattern_within(b)
            && self.format_within(b)
            && self.bound_within(b, true)
            && self.bound_within(b, false)
            && self.multiple_within(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Primitive as P;

    const B64: Encoding = Encoding::Base64;

    #[test]
    fn integer_widening_depends_on_the_64_bit_wire_form() {
        assert!(type_within(P::Int32, B64, P::Int64, B64, false));
        assert!(!type_within(P::Int32, B64, P::Int64, B64, true));
        assert!(!type_within(P::Int64, B64, P::Int32, B64, false));
        assert!(type_within(P::Int64, B64, P::Int128, B64, true));
        assert!(!type_within(P::Int64, B64, P::Int128, B64, false));
        assert!(type_within(P::Uint8, B64, P::Int16, B64, false));
        assert!(!type_within(P::Int8, B64, P::Uint16, B64, false));
        assert!(type_within(P::Integer, B64, P::Int32, B64, false));
        assert!(type_within(P::Int32, B64, P::Integer, B64, false));
    }

    #[test]
    fn floats_strings_and_decimals() {
        assert!(type_within(P::Float, B64, P::Double, B64, false));
        assert!(!type_within(P::Double, B64, P::Float, B64, false));
        assert!(type_within(P::Int8, B64, P::Float8, B64, false));
        assert!(!type_within(P::Int16, B64, P::Float8, B64, false));
        assert!(type_within(P::Int32, B64, P::Double, B64, false));
        assert!(type_within(P::Double, B64, P::Number, B64, false));
        assert!(type_within(P::Date, B64, P::String, B64, false));
        assert!(!type_within(P::String, B64, P::Date, B64, false));
        assert!(type_within(P::Int128, B64, P::Decimal, B64, false));
        assert!(!type_within(P::Int64, B64, P::Decimal, B64, false));
        assert!(type_within(P::Int64, B64, P::String, B64, true));
        assert!(!type_within(P::Int64, B64, P::String, B64, false));
        assert!(!type_within(
            P::Binary,
            B64,
            P::Binary,
            Encoding::Base16,
            false
        ));
    }
}
