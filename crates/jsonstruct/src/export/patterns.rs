//! Regular expressions for the JSON Schema export: each matches exactly the strings the
//! validator accepts for a string-encoded type (the rules of `crate::formats` and
//! `crate::scalar`), so a JSON Schema validator that ignores `format` still enforces the syntax.
//!
//! Every expression is valid in both ECMA-262 (what JSON Schema's `pattern` means) and the Rust
//! `regex` crate: no look-around, no back-references, no `\d` (whose meaning differs between
//! dialects), and no nested quantifiers over overlapping alternatives (no catastrophic
//! backtracking in engines that backtrack). They are unanchored; [`anchored`] adds `^(?:...)$`.

use std::cmp::Ordering;
use std::fmt;

/// `^(?:re)$`: a whole-value match, as the JSON Structure `pattern` and the type syntaxes mean.
pub(super) fn anchored(re: &str) -> String {
    format!("^(?:{re})$")
}

/// Matches nothing (used for an empty integer range).
pub(super) const NOTHING: &str = r"\b\B";

/// Decimal digits, spelled out (ECMA `\d` and Rust `\d` differ on non-ASCII digits).
const D: &str = "[0-9]";

/// RFC 3339 `full-date` with the real number of days in each month, leap years included.
pub(super) fn date() -> String {
    let month_day = "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])\
                     |(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)\
                     |02-(?:0[1-9]|1[0-9]|2[0-8]))";
    // Leap years: divisible by 4 and not by 100, or divisible by 400 (so 0000 is one too).
    let leap = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29";
    format!("(?:[0-9]{{4}}-{month_day}|{leap})")
}

/// `HH:MM:SS[.frac]` (second 60 allowed anywhere, as the validator does).
fn partial_time() -> String {
    format!("(?:[01]{D}|2[0-3]):[0-5]{D}:(?:[0-5]{D}|60)(?:\\.{D}+)?")
}

/// `Z`, `z` or `+HH:MM` / `-HH:MM`.
fn offset() -> String {
    format!("(?:[Zz]|[+-](?:[01]{D}|2[0-3]):[0-5]{D})")
}

/// RFC 3339 time; the offset is optional unless `require_offset` (the `time` type accepts a
/// missing offset, the `time` format of the Validation extension does not).
pub(super) fn time(require_offset: bool) -> String {
    let q = if require_offset { "" } else { "?" };
    format!("{}{}{q}", partial_time(), offset())
}

/// RFC 3339 `date-time` (`T` or `t`, offset required).
pub(super) fn datetime() -> String {
    format!("{}[Tt]{}{}", date(), partial_time(), offset())
}

/// ISO 8601 duration as `crate::formats::is_duration` accepts it: `PnW`, or years, months,
/// days, then `T` and hours, minutes, seconds, each at most once and in order, at least one,
/// with a decimal fraction (`.` or `,`) allowed on the last component only.
pub(super) fn duration() -> String {
    let int = format!("{D}+");
    let num = format!("{D}+(?:[.,]{D}+)?");
    let y = format!("(?:{int}Y)?");
    let m = format!("(?:{int}M)?");
    let d = format!("(?:{int}D)?");
    let h = format!("(?:{int}H)?");
    let date_part = format!("{y}{m}{d}");
    let alternatives = [
        format!("{num}W"),
        format!("{num}Y"),
        format!("{y}{num}M"),
        format!("{y}{m}{num}D"),
        format!("{date_part}T{num}H"),
        format!("{date_part}T{h}{num}M"),
        format!("{date_part}T{h}(?:{int}M)?{num}S"),
    ];
    format!("P(?:{})", alternatives.join("|"))
}

/// RFC 9562 UUID, hyphenated, either case.
pub(super) fn uuid() -> String {
    let h = "[0-9a-fA-F]";
    format!("{h}{{8}}-{h}{{4}}-{h}{{4}}-{h}{{4}}-{h}{{12}}")
}

/// RFC 6901 JSON Pointer: empty, or `/`-separated tokens whose `~` is followed by `0` or `1`.
pub(super) fn json_pointer() -> String {
    "(?:/(?:[^~/]|~[01])*)*".to_string()
}

/// A necessary condition of RFC 3986 `URI-reference` (the validator checks the structure, too):
/// only the characters RFC 3986 allows, `%` followed by two hex digits, no spaces, ASCII only.
pub(super) fn uri_reference_chars() -> String {
    "(?:[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*".to_string()
}

/// The `decimal` string form: `[minus] int [frac]`.
pub(super) fn decimal() -> String {
    format!("-?(?:0|[1-9]{D}*)(?:\\.{D}+)?")
}

/// RFC 4648 syntax per `contentEncoding`, as `crate::formats::Encoding::is_valid` checks it
/// (padding required except for base64url).
pub(super) fn binary(encoding: crate::formats::Encoding) -> String {
    use crate::formats::Encoding as E;
    match encoding {
        E::Base16 => "(?:[0-9a-fA-F]{2})*".into(),
        E::Base64 => {
            let c = "[A-Za-z0-9+/]";
            format!("(?:{c}{{4}})*(?:{c}{{2}}==|{c}{{3}}=)?")
        }
        E::Base64Url => {
            let c = "[A-Za-z0-9_-]";
            format!("(?:{c}{{4}})*(?:{c}{{2}}(?:==)?|{c}{{3}}=?)?")
        }
        E::Base32 | E::Base32Hex => {
            let c = if encoding == E::Base32 {
                "[A-Z2-7]"
            } else {
                "[0-9A-V]"
            };
            format!("(?:{c}{{8}})*(?:{c}{{2}}={{6}}|{c}{{4}}={{4}}|{c}{{5}}={{3}}|{c}{{7}}=)?")
        }
    }
}

/// An integer in the combined range of the JSON Structure integer types (−2¹²⁷ … 2¹²⁸−1 and
/// a little beyond): sign and magnitude, never "negative zero".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Int {
    neg: bool,
    mag: u128,
}

impl Int {
    pub(super) const ZERO: Int = Int { neg: false, mag: 0 };

    pub(super) fn new(neg: bool, mag: u128) -> Int {
        Int {
            neg: neg && mag != 0,
            mag,
        }
    }

    pub(super) fn from_i128(v: i128) -> Int {
        Int::new(v < 0, v.unsigned_abs())
    }

    pub(super) fn from_u128(v: u128) -> Int {
        Int::new(false, v)
    }

    pub(super) fn is_negative(self) -> bool {
        self.neg
    }

    /// `self + 1`, saturating.
    pub(super) fn succ(self) -> Int {
        if self.neg {
            Int::new(true, self.mag - 1)
        } else {
            Int::new(false, self.mag.saturating_add(1))
        }
    }

    /// `self - 1`, saturating.
    pub(super) fn pred(self) -> Int {
        if self.neg || self.mag == 0 {
            Int::new(true, self.mag.saturating_add(1))
        } else {
            Int::new(false, self.mag - 1)
        }
    }

    /// The value as a JSON number when it fits `i64` or `u64` (always, for the types that have
    /// a JSON number form).
    pub(super) fn to_json(self) -> Option<serde_json::Value> {
        if !self.neg {
            u64::try_from(self.mag).ok().map(Into::into)
        } else if self.mag <= 1u128 << 63 {
            Some((-(self.mag as i128) as i64).into())
        } else {
            None
        }
    }

    /// Parses an integer literal (JSON number text or the spec's string form, `-?digits`).
    pub(super) fn parse_integer(text: &str) -> Option<Int> {
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.parse::<u128>().ok().map(|m| Int::new(neg, m))
    }

    /// Floor and ceiling of a decimal number text (`-1.5e2`, `"10"`, ...), saturating at
    /// ±(2¹²⁸−1). `None` when the text is not a number.
    pub(super) fn floor_ceil(text: &str) -> Option<(Int, Int)> {
        let d = Decimal::parse(text)?;
        let (int_digits, fraction) = d.split();
        let mag = if int_digits.len() > 39 {
            u128::MAX
        } else {
            int_digits
                .bytes()
                .try_fold(0u128, |acc, c| {
                    acc.checked_mul(10)?.checked_add((c - b'0') as u128)
                })
                .unwrap_or(u128::MAX)
        };
        let trunc = Int::new(d.neg, mag);
        Some(match (fraction, d.neg) {
            (false, _) => (trunc, trunc),
            (true, false) => (trunc, trunc.succ()),
            (true, true) => (trunc.pred(), trunc),
        })
    }
}

impl Ord for Int {
    fn cmp(&self, other: &Int) -> Ordering {
        match (self.neg, other.neg) {
            (false, false) => self.mag.cmp(&other.mag),
            (true, true) => other.mag.cmp(&self.mag),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        }
    }
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Int) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.neg {
            f.write_str("-")?;
        }
        write!(f, "{}", self.mag)
    }
}

/// A finite decimal number as sign, significant digits and a power of ten:
/// value = (−1)^neg × digits × 10^exp, no leading or trailing zeros in `digits` ("" is zero).
struct Decimal {
    neg: bool,
    digits: String,
    exp: i64,
}

impl Decimal {
    fn parse(text: &str) -> Option<Decimal> {
        let (neg, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(i) => {
                let e = &rest[i + 1..];
                let e = e.strip_prefix('+').unwrap_or(e);
                if e.trim_start_matches('-').len() > 9 {
                    return None;
                }
                (&rest[..i], e.parse::<i64>().ok()?)
            }
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int.is_empty()
            || (mantissa.contains('.') && frac.is_empty())
            || !int.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let all = format!("{int}{frac}");
        let mut exp = exp - frac.len() as i64;
        let trimmed = all.trim_start_matches('0');
        let significant = trimmed.trim_end_matches('0');
        exp += (trimmed.len() - significant.len()) as i64;
        if significant.is_empty() {
            return Some(Decimal {
                neg: false,
                digits: String::new(),
                exp: 0,
            });
        }
        Some(Decimal {
            neg,
            digits: significant.to_owned(),
            exp,
        })
    }

    /// The integer part's digits ("" for zero) and whether a non-zero fraction remains.
    /// Absurdly large exponents give an over-long digit string, which callers saturate.
    fn split(&self) -> (String, bool) {
        let len = self.digits.len() as i64;
        if self.exp >= 0 {
            let zeros = self.exp.min(64) as usize;
            (format!("{}{}", self.digits, "0".repeat(zeros)), false)
        } else if len + self.exp > 0 {
            let cut = (len + self.exp) as usize;
            (self.digits[..cut].to_owned(), true)
        } else {
            (String::new(), !self.digits.is_empty())
        }
    }
}

/// A regex for every string form of the `decimal` syntax (`[minus] int [frac]`) that has the
/// same value as `text` (`"1.5"` also matches `"1.50"`; `"0"` matches `"-0.00"`), which is how
/// the validator compares `decimal` `enum` and `const` values. `None` for non-numbers and
/// exponents too large to spell out.
pub(super) fn decimal_value(text: &str) -> Option<String> {
    let d = Decimal::parse(text)?;
    if d.digits.is_empty() {
        return Some("-?0(?:\\.0+)?".into());
    }
    if d.exp.abs() > 400 {
        return None;
    }
    let sign = if d.neg { "-" } else { "" };
    let len = d.digits.len() as i64;
    let (int, frac) = if d.exp >= 0 {
        (
            format!("{}{}", d.digits, "0".repeat(d.exp as usize)),
            String::new(),
        )
    } else if len + d.exp > 0 {
        let cut = (len + d.exp) as usize;
        (d.digits[..cut].to_owned(), d.digits[cut..].to_owned())
    } else {
        let zeros = "0".repeat((-d.exp - len) as usize);
        ("0".to_owned(), format!("{zeros}{}", d.digits))
    };
    Some(if frac.is_empty() {
        format!("{sign}{int}(?:\\.0+)?")
    } else {
        format!("{sign}{int}\\.{frac}0*")
    })
}

/// A regex for the canonical decimal texts (`-?digits`, no leading zeros, no plus sign) of the
/// integers in `lo..=hi`. With `signed`, the text `-0` is also accepted when 0 is in range, as
/// the validator accepts it for `int64` and `int128` (not for the unsigned types).
pub(super) fn int_range(lo: Int, hi: Int, signed: bool) -> String {
    if lo > hi {
        return NOTHING.into();
    }
    let mut alternatives = Vec::new();
    if !hi.is_negative() {
        let from = if lo.is_negative() { 0 } else { lo.mag };
        alternatives.push(unsigned_range(from, hi.mag));
    }
    if lo.is_negative() {
        let from = if hi.is_negative() { hi.mag } else { 1 };
        alternatives.push(format!("-(?:{})", unsigned_range(from, lo.mag)));
    }
    if signed && lo <= Int::ZERO && Int::ZERO <= hi {
        alternatives.push("-0".into());
    }
    alternatives.join("|")
}

/// Canonical decimal texts of `a..=b` (both non-negative, `a <= b`).
fn unsigned_range(a: u128, b: u128) -> String {
    let (a, b) = (a.to_string(), b.to_string());
    let mut alternatives = Vec::new();
    // A run of lengths whose every value is in range: `[1-9][0-9]{m,n}`.
    let mut full: Option<(usize, usize)> = None;
    let flush = |full: &mut Option<(usize, usize)>, alternatives: &mut Vec<String>| {
        if let Some((from, to)) = full.take() {
            let reps = if from == to {
                format!("{{{}}}", from - 1)
            } else {
                format!("{{{},{}}}", from - 1, to - 1)
            };
            alternatives.push(format!("[1-9]{D}{reps}"));
        }
    };
    for len in a.len()..=b.len() {
        let lo = if len == a.len() {
            a.clone()
        } else {
            format!("1{}", "0".repeat(len - 1))
        };
        let hi = if len == b.len() {
            b.clone()
        } else {
            "9".repeat(len)
        };
        let whole = len >= 2 && lo.bytes().skip(1).all(|c| c == b'0') && lo.starts_with('1');
        if whole && hi.bytes().all(|c| c == b'9') {
            full = Some(full.map_or((len, len), |(from, _)| (from, len)));
            continue;
        }
        flush(&mut full, &mut alternatives);
        alternatives.push(same_length(&lo, &hi));
    }
    flush(&mut full, &mut alternatives);
    alternatives.join("|")
}

/// `prefix` followed by `rest`, grouped only when `rest` has alternatives at its top level
/// (the generated texts have no escapes and no `(`, `)` or `|` inside classes).
fn then(prefix: u8, rest: String) -> String {
    let mut depth = 0i32;
    let top_level_alternative = rest.bytes().any(|c| {
        match c {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        c == b'|' && depth == 0
    });
    if top_level_alternative {
        format!("{}(?:{rest})", prefix as char)
    } else {
        format!("{}{rest}", prefix as char)
    }
}

/// Digit strings of one length between `a` and `b` inclusive.
fn same_length(a: &str, b: &str) -> String {
    if a == b {
        return a.to_owned();
    }
    let (a0, ar) = (a.as_bytes()[0], &a[1..]);
    let (b0, br) = (b.as_bytes()[0], &b[1..]);
    let rest = ar.len();
    if a0 == b0 {
        return then(a0, same_length(ar, br));
    }
    let all_zero = ar.bytes().all(|c| c == b'0');
    let all_nine = br.bytes().all(|c| c == b'9');
    let mut alternatives = Vec::new();
    let mut first_full = a0;
    if !all_zero {
        alternatives.push(then(a0, same_length(ar, &"9".repeat(rest))));
        first_full = a0 + 1;
    }
    let mut last_full = b0;
    let mut tail = None;
    if !all_nine {
        tail = Some(then(b0, same_length(&"0".repeat(rest), br)));
        last_full = b0 - 1;
    }
    if first_full <= last_full {
        let class = if first_full == last_full {
            (first_full as char).to_string()
        } else if first_full + 1 == last_full {
            format!("[{}{}]", first_full as char, last_full as char)
        } else {
            format!("[{}-{}]", first_full as char, last_full as char)
        };
        let free = match rest {
            0 => String::new(),
            1 => D.to_owned(),
            n => format!("{D}{{{n}}}"),
        };
        alternatives.push(format!("{class}{free}"));
    }
    alternatives.extend(tail);
    alternatives.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn re(source: &str) -> regex::Regex {
        regex::Regex::new(&anchored(source)).unwrap()
    }

    /// Every string of `alphabet` up to `max_len` characters.
    fn strings(alphabet: &[char], max_len: usize) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut layer = vec![String::new()];
        for _ in 0..max_len {
            let mut next = Vec::new();
            for s in &layer {
                for &c in alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            out.extend(next.iter().cloned());
            layer = next;
        }
        out
    }

    #[test]
    fn int_ranges_are_exact() {
        let cases: &[(i128, i128, bool)] = &[
            (0, 255, false),
            (-128, 127, true),
            (0, 0, false),
            (5, 5, true),
            (-5, -5, true),
            (7, 1234, false),
            (-1000, -3, true),
            (-99, 1000, true),
            (10, 99, false),
            (100, 100_000, false),
            (3, 2, true),
        ];
        for &(lo, hi, signed) in cases {
            let r = re(&int_range(Int::from_i128(lo), Int::from_i128(hi), signed));
            for v in -1200i128..=1200 {
                assert_eq!(
                    r.is_match(&v.to_string()),
                    lo <= v && v <= hi,
                    "{lo}..={hi}: {v}"
                );
            }
            assert_eq!(
                r.is_match("-0"),
                signed && lo <= 0 && 0 <= hi,
                "{lo}..={hi}: -0"
            );
            for bad in ["01", "+1", "", "1.0", "1e2", "-", "00", "-01"] {
                assert!(!r.is_match(bad), "{lo}..={hi}: {bad}");
            }
        }
        for v in [0i128, 1, 99, 100_000, 99_999, 100_001, 12_345] {
            let r = re(&int_range(
                Int::from_i128(100),
                Int::from_i128(100_000),
                false,
            ));
            assert_eq!(r.is_match(&v.to_string()), (100..=100_000).contains(&v));
        }
    }

    #[test]
    fn int_ranges_at_the_type_limits() {
        let i64r = re(&int_range(
            Int::from_i128(i64::MIN as i128),
            Int::from_i128(i64::MAX as i128),
            true,
        ));
        for ok in [
            "9223372036854775807",
            "-9223372036854775808",
            "0",
            "-0",
            "42",
        ] {
            assert!(i64r.is_match(ok), "{ok}");
        }
        for bad in [
            "9223372036854775808",
            "-9223372036854775809",
            "10000000000000000000",
        ] {
            assert!(!i64r.is_match(bad), "{bad}");
        }
        let u128r = re(&int_range(Int::ZERO, Int::from_u128(u128::MAX), false));
        assert!(u128r.is_match(&u128::MAX.to_string()));
        assert!(!u128r.is_match("340282366920938463463374607431768211456"));
        assert!(!u128r.is_match("-1"));
        let i128r = re(&int_range(
            Int::from_i128(i128::MIN),
            Int::from_i128(i128::MAX),
            true,
        ));
        assert!(i128r.is_match(&i128::MIN.to_string()));
        assert!(!i128r.is_match("170141183460469231731687303715884105728"));
        // Random values against the validator's own rule.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 21) as usize;
            let text: String = x.to_string().chars().take(digits.max(1)).collect();
            let text = if x % 3 == 0 { format!("-{text}") } else { text };
            let expected = formats::is_integer_text(&text, true) && text.parse::<i64>().is_ok();
            assert_eq!(i64r.is_match(&text), expected, "{text}");
        }
    }

    #[test]
    fn floor_and_ceiling() {
        let fc = |t: &str| {
            let (f, c) = Int::floor_ceil(t).unwrap();
            (f.to_string(), c.to_string())
        };
        assert_eq!(fc("2.5"), ("2".into(), "3".into()));
        assert_eq!(fc("-2.5"), ("-3".into(), "-2".into()));
        assert_eq!(fc("10"), ("10".into(), "10".into()));
        assert_eq!(fc("1e3"), ("1000".into(), "1000".into()));
        assert_eq!(fc("1.5e1"), ("15".into(), "15".into()));
        assert_eq!(fc("-0.5"), ("-1".into(), "0".into()));
        assert_eq!(fc("0.0"), ("0".into(), "0".into()));
        assert_eq!(fc("1e-5"), ("0".into(), "1".into()));
        assert_eq!(fc("1e300").0, u128::MAX.to_string());
        assert!(Int::floor_ceil("abc").is_none());
        assert!(Int::floor_ceil("1.").is_none());
    }

    #[test]
    fn decimal_values() {
        let r = |t: &str| re(&decimal_value(t).unwrap());
        let v = r("1.50");
        for ok in ["1.5", "1.50", "1.500"] {
            assert!(v.is_match(ok), "{ok}");
        }
        for bad in ["1.05", "15", "-1.5", "01.5", "1.5e0"] {
            assert!(!v.is_match(bad), "{bad}");
        }
        let z = r("0");
        for ok in ["0", "-0", "0.0", "-0.000"] {
            assert!(z.is_match(ok), "{ok}");
        }
        assert!(!z.is_match("00"));
        let n = r("-12");
        assert!(n.is_match("-12") && n.is_match("-12.00") && !n.is_match("12"));
        let e = r("1.25e2");
        assert!(e.is_match("125") && e.is_match("125.0") && !e.is_match("1.25e2"));
        let small = r("0.0825");
        assert!(small.is_match("0.08250") && !small.is_match("0.825"));
    }

    #[test]
    fn dates_match_the_validator() {
        let r = re(&date());
        for y in [
            "0000", "1900", "2000", "2023", "2024", "2100", "2400", "1996", "0004",
        ] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let s = format!("{y}-{m:02}-{d:02}");
                    assert_eq!(r.is_match(&s), formats::is_date(&s), "{s}");
                }
            }
        }
        for s in [
            "2024-1-05",
            "20240-01-01",
            "2024-01-01T",
            " 2024-01-01",
            "２０２４-01-01",
        ] {
            assert_eq!(r.is_match(s), formats::is_date(s), "{s}");
        }
    }

    #[test]
    fn times_and_datetimes_match_the_validator() {
        let t = re(&time(false));
        let tz = re(&time(true));
        let dt = re(&datetime());
        let samples = [
            "09:00:00",
            "23:59:60",
            "24:00:00",
            "10:60:00",
            "10:00:00Z",
            "10:00:00z",
            "10:00:00.5+01:00",
            "10:00:00.+01:00",
            "10:00:00+24:00",
            "10:00:00+23:59",
            "10:00:00-00:60",
            "10:00",
            "9:00:00",
            "10:00:00+1:00",
            "10:00:00.123456789",
            "10:00:00 Z",
        ];
        for s in samples {
            assert_eq!(t.is_match(s), formats::is_time(s, false), "{s}");
            assert_eq!(tz.is_match(s), formats::is_time(s, true), "{s}");
            for sep in ["T", "t", " "] {
                for d in ["2024-02-29", "2023-02-29", "2023-13-01"] {
                    let x = format!("{d}{sep}{s}");
                    assert_eq!(dt.is_match(&x), formats::is_datetime(&x), "{x}");
                }
            }
        }
    }

    #[test]
    fn durations_match_the_validator() {
        let r = re(&duration());
        let alphabet = ['P', 'T', '1', '.', 'Y', 'M', 'D', 'H', 'S', 'W'];
        for s in strings(&alphabet, 6) {
            assert_eq!(r.is_match(&s), formats::is_duration(&s), "{s:?}");
        }
        for s in [
            "P1Y2M3DT4H5M6S",
            "P1Y2M3DT4H5M6.5S",
            "P1,5W",
            "PT1.5H2M",
            "P1Y3D",
            "P12Y",
            "PT36H",
            "P0.5Y1M",
        ] {
            assert_eq!(r.is_match(s), formats::is_duration(s), "{s}");
        }
    }

    #[test]
    fn small_syntaxes_match_the_validator() {
        let u = re(&uuid());
        for s in [
            "550e8400-e29b-41d4-a716-446655440000",
            "550E8400-E29B-41D4-A716-446655440000",
            "550e8400e29b41d4a716446655440000",
            "550e8400-e29b-41d4-a716-44665544000g",
            "550e8400-e29b-41d4-a716-4466554400000",
        ] {
            assert_eq!(u.is_match(s), formats::is_uuid(s), "{s}");
        }
        let p = re(&json_pointer());
        for s in strings(&['/', '~', '0', '1', '2', 'a'], 5) {
            assert_eq!(p.is_match(&s), formats::is_json_pointer(&s), "{s:?}");
        }
        let d = re(&decimal());
        for s in strings(&['-', '0', '1', '.'], 5) {
            assert_eq!(d.is_match(&s), formats::is_decimal_text(&s), "{s:?}");
        }
        use crate::formats::Encoding as E;
        for (e, alphabet) in [
            (E::Base64, &['A', 'z', '+', '/', '=', '-'][..]),
            (E::Base64Url, &['A', 'z', '-', '_', '=', '+'][..]),
            (E::Base16, &['A', 'f', '0', 'g', '='][..]),
            (E::Base32, &['A', '7', 'a', '1', '='][..]),
            (E::Base32Hex, &['A', 'V', '0', 'W', '='][..]),
        ] {
            let r = re(&binary(e));
            let max = if matches!(e, E::Base32 | E::Base32Hex) {
                8
            } else {
                6
            };
            for s in strings(alphabet, max) {
                assert_eq!(r.is_match(&s), e.is_valid(&s), "{e:?} {s:?}");
            }
        }
    }

    #[test]
    fn uri_characters_are_a_necessary_condition() {
        let r = re(&uri_reference_chars());
        for s in [
            "https://example.com/path?query=value#fragment",
            "foo/bar",
            "http://[::1]:8080/",
            "http://user:pw@host:80/p%20q",
            "not a uri at all",
            "%zz",
            "a:b c",
            "https://例え.jp/",
        ] {
            if formats::is_uri_reference(s) {
                assert!(r.is_match(s), "{s}");
            }
        }
        assert!(!r.is_match("a b"));
        assert!(!r.is_match("%zz"));
    }
}
