//! Exact arithmetic on decimal number text: comparison and divisibility without `f64`, so
//! `decimal`, the 128-bit types and string-valued bounds are checked exactly.

use std::cmp::Ordering;

/// A finite decimal number as sign, significant digits and a power-of-ten exponent:
/// value = (-1)^negative × digits × 10^exp, with no leading or trailing zeros in `digits`
/// (zero is the empty digit string and is never negative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exact {
    negative: bool,
    digits: Vec<u8>,
    exp: i64,
}

impl Exact {
    /// Parses JSON number text, or the spec's string forms (`[minus] int [frac]`).
    /// Exponents are accepted; absurd exponents are rejected rather than overflowed.
    pub(crate) fn parse(text: &str) -> Option<Exact> {
        let b = text.as_bytes();
        let (negative, rest) = match b.first()? {
            b'-' => (true, &b[1..]),
            _ => (false, b),
        };
        let (mantissa, exp_part) = match rest.iter().position(|&c| c == b'e' || c == b'E') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let (int, frac) = match mantissa.iter().position(|&c| c == b'.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, &[][..]),
        };
        if int.is_empty() || !int.iter().chain(frac).all(u8::is_ascii_digit) {
            return None;
        }
        if mantissa.contains(&b'.') && frac.is_empty() {
            return None;
        }
        let mut exp: i64 = match exp_part {
            None => 0,
            Some(e) => {
                let (sign, digits) = match e.first()? {
                    b'+' => (1, &e[1..]),
                    b'-' => (-1, &e[1..]),
                    _ => (1, e),
                };
                if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                sign * std::str::from_utf8(digits).ok()?.parse::<i64>().ok()?
            }
        };
        exp -= frac.len() as i64;
        let mut digits: Vec<u8> = int.iter().chain(frac).map(|c| c - b'0').collect();
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..lead);
        while digits.last() == Some(&0) {
            digits.pop();
            exp += 1;
        }
        if digits.is_empty() {
            return Some(Exact {
                negative: false,
                digits,
                exp: 0,
            });
        }
        Some(Exact {
            negative,
            digits,
            exp,
        })
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    pub(crate) fn is_negative(&self) -> bool {
        self.negative
    }

    /// Whether the value is an integer.
    pub(crate) fn is_integer(&self) -> bool {
        self.exp >= 0
    }

    /// The integer part's magnitude, saturated to `i128::MAX`, and whether a fraction remains.
    fn trunc_magnitude(&self) -> (i128, bool) {
        let len = self.digits.len() as i64;
        let int_len = len + self.exp;
        if int_len <= 0 {
            return (0, !self.is_zero());
        }
        if int_len > 39 {
            return (i128::MAX, self.exp < 0);
        }
        let mut v: i128 = 0;
        for i in 0..int_len {
            let d = if i < len { self.digits[i as usize] } else { 0 };
            v = match v.checked_mul(10).and_then(|x| x.checked_add(d as i128)) {
                Some(x) => x,
                None => return (i128::MAX, self.exp < 0),
            };
        }
        (v, self.exp < 0)
    }

    /// The largest integer not above the value, saturated to the `i128` range.
    pub(crate) fn floor_i128(&self) -> i128 {
        let (m, frac) = self.trunc_magnitude();
        if self.negative {
            (-m).saturating_sub(frac as i128)
        } else {
            m
        }
    }

    /// The smallest integer not below the value, saturated to the `i128` range.
    pub(crate) fn ceil_i128(&self) -> i128 {
        let (m, frac) = self.trunc_magnitude();
        if self.negative {
            -m
        } else {
            m.saturating_add(frac as i128)
        }
    }

    fn cmp_magnitude(&self, other: &Exact) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        // Position of the most significant digit.
        let top_a = self.digits.len() as i64 + self.exp;
        let top_b = other.digits.len() as i64 + other.exp;
        top_a
            .cmp(&top_b)
            .then_with(|| self.digits.cmp(&other.digits))
    }

    /// `self` is an integer multiple of `divisor` (false for a zero divisor). Exact: both are
    /// aligned to a common exponent and divided as integers.
    pub(crate) fn is_multiple_of(&self, divisor: &Exact) -> bool {
        if divisor.is_zero() {
            return false;
        }
        if self.is_zero() {
            return true;
        }
        // a = A·10^e and d = D·10^e with e the smaller exponent; a is a multiple of d iff
        // A·10^(ea-e) is a multiple of D·10^(ed-e).
        let e = self.exp.min(divisor.exp);
        let shift_a = (self.exp - e) as u64;
        let shift_d = (divisor.exp - e) as usize;
        let d: Vec<u8> = divisor
            .digits
            .iter()
            .copied()
            .chain(std::iter::repeat_n(0, shift_d))
            .collect();
        if d.len() <= 38 {
            let dv = d.iter().fold(0u128, |acc, &x| acc * 10 + x as u128);
            let mut rem: u128 = 0;
            for &x in &self.digits {
                // rem < dv < 10^38, so rem * 10 + 9 < 10^39 < u128::MAX.
                rem = (rem * 10 + x as u128) % dv;
            }
            return mul_mod(rem, pow_mod(10, shift_a, dv), dv) == 0;
        }
        // A divisor wider than 38 digits: schoolbook division, with the trailing zeros of `a`
        // bounded so that hostile exponents cannot make this run for long.
        if shift_a > 100_000 {
            return false;
        }
        let a = self
            .digits
            .iter()
            .copied()
            .chain(std::iter::repeat_n(0, shift_a as usize));
        remainder_is_zero(a, &d)
    }
}

/// (a · b) mod m for a, b < m < 2^127, by doubling (no overflow since 2m < 2^128).
fn mul_mod(mut a: u128, mut b: u128, m: u128) -> u128 {
    let mut r = 0u128;
    a %= m;
    while b > 0 {
        if b & 1 == 1 {
            r = (r + a) % m;
        }
        a = (a + a) % m;
        b >>= 1;
    }
    r
}

fn pow_mod(base: u128, mut exp: u64, m: u128) -> u128 {
    let mut result = 1 % m;
    let mut b = base % m;
    while exp > 0 {
        if exp & 1 == 1 {
            result = mul_mod(result, b, m);
        }
        b = mul_mod(b, b, m);
        exp >>= 1;
    }
    result
}

/// Long division on decimal digit strings; only the remainder is kept.
fn remainder_is_zero(a: impl Iterator<Item = u8>, d: &[u8]) -> bool {
    let mut rem: Vec<u8> = Vec::new();
    for x in a {
        rem.push(x);
        let lead = rem.iter().take_while(|&&v| v == 0).count();
        rem.drain(..lead);
        while cmp_digits(&rem, d) != Ordering::Less {
            sub_digits(&mut rem, d);
            let lead = rem.iter().take_while(|&&v| v == 0).count();
            rem.drain(..lead);
        }
    }
    rem.is_empty()
}

fn cmp_digits(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn sub_digits(a: &mut [u8], b: &[u8]) {
    let mut borrow = 0i8;
    for i in 0..a.len() {
        let ai = a.len() - 1 - i;
        let bv = if i < b.len() {
            b[b.len() - 1 - i] as i8
        } else {
            0
        };
        let mut v = a[ai] as i8 - bv - borrow;
        borrow = 0;
        if v < 0 {
            v += 10;
            borrow = 1;
        }
        a[ai] = v as u8;
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(s: &str) -> Exact {
        Exact::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn compares_exactly() {
        assert!(x("0.1") < x("0.10000000000000000001"));
        assert!(x("-1") < x("0"));
        assert_eq!(x("1.500").cmp(&x("15e-1")), Ordering::Equal);
        assert_eq!(x("-0.0"), x("0"));
        assert!(x("9223372036854775808") > x("9223372036854775807"));
        assert!(x("-9223372036854775809") < x("-9223372036854775808"));
        assert!(x("1e308") < x("1e309"));
        assert!(x("123.45") > x("99.999"));
    }

    #[test]
    fn multiples() {
        assert!(x("10").is_multiple_of(&x("5")));
        assert!(!x("7").is_multiple_of(&x("5")));
        assert!(x("0.3").is_multiple_of(&x("0.1")));
        assert!(x("1.25").is_multiple_of(&x("0.05")));
        assert!(!x("1.26").is_multiple_of(&x("0.05")));
        assert!(x("123456789012345678901234567890123456789012345678900").is_multiple_of(&x("100")));
        assert!(!x("1e9000").is_multiple_of(&x("7e8999")));
        assert!(x("1e9000").is_multiple_of(&x("125")));
        assert!(x("1e900000000").is_multiple_of(&x("8")));
        assert!(!x("1e900000000").is_multiple_of(&x("3")));
        let wide = "1".repeat(45);
        assert!(x(&format!("{wide}000")).is_multiple_of(&x(&wide)));
        assert!(!x(&format!("{wide}001")).is_multiple_of(&x(&wide)));
    }

    #[test]
    fn floor_and_ceil() {
        assert_eq!((x("2.5").floor_i128(), x("2.5").ceil_i128()), (2, 3));
        assert_eq!((x("-2.5").floor_i128(), x("-2.5").ceil_i128()), (-3, -2));
        assert_eq!((x("7").floor_i128(), x("7").ceil_i128()), (7, 7));
        assert_eq!((x("-0.1").floor_i128(), x("-0.1").ceil_i128()), (-1, 0));
        assert_eq!(x("1e50").floor_i128(), i128::MAX);
        assert_eq!(x("-1e50").ceil_i128(), -i128::MAX);
        assert_eq!(x("120e-1").floor_i128(), 12);
    }

    #[test]
    fn rejects_non_numbers() {
        for s in [
            "",
            "-",
            "1.",
            ".5",
            "1e",
            "abc",
            "1e+",
            "1.2.3",
            "1e9999999999",
        ] {
            assert!(Exact::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn integers() {
        assert!(x("1.000").is_integer());
        assert!(x("1e3").is_integer());
        assert!(!x("1.5").is_integer());
    }
}
