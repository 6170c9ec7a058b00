//! Syntax checks for the string-encoded JSON Structure types and the Validation extension's
//! `format` values.
//!
//! The `jsonstruct` validator and the types of this crate call the same functions, so a value
//! the validator accepts is a value the generated types read, and the other way round. They
//! depend on nothing but `std` and never allocate.

/// RFC 3339 `full-date`: `YYYY-MM-DD` with a day that exists in that month.
#[inline]
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && date_parts(b).is_some()
}

#[inline]
fn date_parts(b: &[u8]) -> Option<()> {
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(())
}

#[inline]
fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |acc, d| acc * 10 + (d - b'0') as u32))
}

/// RFC 3339 `partial-time` (`HH:MM:SS[.frac]`) optionally followed by a `time-offset`; the
/// offset is required when `require_offset` is set (`full-time`).
#[inline]
pub fn is_time(s: &str, require_offset: bool) -> bool {
    let b = s.as_bytes();
    match partial_time(b) {
        Some([]) => !require_offset,
        Some(rest) => is_offset(rest),
        None => false,
    }
}

/// Parses `HH:MM:SS[.frac]` at the start of `b`; returns what follows.
#[inline]
fn partial_time(b: &[u8]) -> Option<&[u8]> {
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, m, sec) = (digits(&b[0..2])?, digits(&b[3..5])?, digits(&b[6..8])?);
    // Second 60 is a leap second, which RFC 3339 allows.
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    Some(&b[i..])
}

/// `Z` / `z` or `+HH:MM` / `-HH:MM`.
#[inline]
fn is_offset(b: &[u8]) -> bool {
    match b {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// RFC 3339 `date-time`: `full-date "T" full-time` (offset required; `t` accepted as RFC 3339
/// allows lower case).
#[inline]
pub fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') {
        return false;
    }
    let (Ok(date), Ok(time)) = (std::str::from_utf8(&b[..10]), std::str::from_utf8(&b[11..]))
    else {
        return false;
    };
    is_date(date) && is_time(time, true)
}

/// ISO 8601 duration as profiled by RFC 3339 Appendix A, with a decimal fraction allowed on the
/// last component (`PT2.5S`), as ISO 8601 permits and the official samples use.
/// `PnW` stands alone; otherwise years, months, days, then `T` and hours, minutes, seconds,
/// each at most once, in order, with at least one component and none after a fraction.
#[inline]
pub fn is_duration(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(rest) = b.strip_prefix(b"P") else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    // Week form.
    if rest.last() == Some(&b'W') {
        return number_component(&rest[..rest.len() - 1]) == Some(rest.len() - 1);
    }
    let (date, time) = match rest.iter().position(|&c| c == b'T') {
        Some(t) => (&rest[..t], Some(&rest[t + 1..])),
        None => (rest, None),
    };
    let mut seen_fraction = false;
    let date_count = match components(date, b"YMD", &mut seen_fraction) {
        Some(n) => n,
        None => return false,
    };
    let time_count = match time {
        None => 0,
        // A fraction ends the duration: nothing may follow it.
        Some(_) if seen_fraction => return false,
        Some(t) => match components(t, b"HMS", &mut seen_fraction) {
            Some(0) | None => return false,
            Some(n) => n,
        },
    };
    date_count + time_count > 0
}

/// Reads `<number><designator>` pairs whose designators appear in `order`, in order, each once.
fn components(mut b: &[u8], order: &[u8], seen_fraction: &mut bool) -> Option<usize> {
    let mut next = 0;
    let mut count = 0;
    while !b.is_empty() {
        if *seen_fraction {
            return None;
        }
        let n = number_component(b)?;
        let fraction = b[..n].iter().any(|&c| c == b'.' || c == b',');
        let designator = *b.get(n)?;
        let pos = order[next..].iter().position(|&d| d == designator)? + next;
        next = pos + 1;
        count += 1;
        *seen_fraction |= fraction;
        b = &b[n + 1..];
    }
    Some(count)
}

/// Length of a leading `1*DIGIT [("." / ",") 1*DIGIT]`.
#[inline]
fn number_component(b: &[u8]) -> Option<usize> {
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int == 0 {
        return None;
    }
    match b.get(int) {
        Some(b'.' | b',') => {
            let frac = b[int + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            (frac > 0).then_some(int + 1 + frac)
        }
        _ => Some(int),
    }
}

/// RFC 9562 UUID in the `8-4-4-4-12` hex form (either case, as RFC 9562 asks parsers to accept).
#[inline]
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// RFC 6901 JSON Pointer: empty, or `/`-prefixed segments whose `~` is followed by `0` or `1`.
#[inline]
pub fn is_json_pointer(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let Some(rest) = s.strip_prefix('/') else {
        return false;
    };
    let b = rest.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, &c)| c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

/// Draft `relative-json-pointer`: a non-negative integer followed by `#` or a JSON Pointer.
pub fn is_relative_json_pointer(s: &str) -> bool {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (n > 1 && s.starts_with('0')) {
        return false;
    }
    let rest = &s[n..];
    rest == "#" || is_json_pointer(rest)
}

#[inline]
fn is_unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

#[inline]
fn is_sub_delim(c: u8) -> bool {
    matches!(
        c,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// Checks that `b` consists of characters allowed by `allowed` or `%XX` escapes, and (for IRIs)
/// non-ASCII characters.
fn chars_ok(s: &str, allowed: impl Fn(u8) -> bool, iri: bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
        } else if c >= 0x80 {
            if !iri {
                return false;
            }
            i += 1;
        } else if allowed(c) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn scheme_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let colon = b.iter().position(|&c| c == b':')?;
    let scheme = &b[..colon];
    let valid = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    // A colon after a '/', '?' or '#' belongs to the path or query, not to a scheme.
    valid.then_some(colon)
}

fn reference_ok(s: &str, iri: bool) -> bool {
    let (before_fragment, fragment) = match s.find('#') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let pchar_plus =
        |c: u8| is_unreserved(c) || is_sub_delim(c) || matches!(c, b':' | b'@' | b'/' | b'?');
    if let Some(f) = fragment {
        if !chars_ok(f, pchar_plus, iri) {
            return false;
        }
    }
    let (hier, query) = match before_fragment.find('?') {
        Some(i) => (&before_fragment[..i], Some(&before_fragment[i + 1..])),
        None => (before_fragment, None),
    };
    if let Some(q) = query {
        if !chars_ok(q, pchar_plus, iri) {
            return false;
        }
    }
    let path = match scheme_len(hier) {
        Some(n) => &hier[n + 1..],
        None => {
            // A relative reference: its first segment must not contain ':' (RFC 3986 4.2).
            let first = hier.split('/').next().unwrap_or("");
            if first.contains(':') {
                return false;
            }
            hier
        }
    };
    let path = match path.strip_prefix("//") {
        Some(rest) => {
            let end = rest.find('/').unwrap_or(rest.len());
            let authority = &rest[..end];
            if !authority_ok(authority, iri) {
                return false;
            }
            &rest[end..]
        }
        None => path,
    };
    chars_ok(
        path,
        |c| is_unreserved(c) || is_sub_delim(c) || matches!(c, b':' | b'@' | b'/'),
        iri,
    )
}

fn authority_ok(a: &str, iri: bool) -> bool {
    let host_port = match a.rfind('@') {
        Some(i) => {
            if !chars_ok(
                &a[..i],
                |c| is_unreserved(c) || is_sub_delim(c) || c == b':',
                iri,
            ) {
                return false;
            }
            &a[i + 1..]
        }
        None => a,
    };
    if let Some(rest) = host_port.strip_prefix('[') {
        let Some(end) = rest.find(']') else {
            return false;
        };
        let literal = &rest[..end];
        let after = &rest[end + 1..];
        let literal_ok = literal.parse::<std::net::Ipv6Addr>().is_ok()
            || (literal.starts_with(['v', 'V']) && literal.contains('.'));
        return literal_ok && (after.is_empty() || port_ok(after));
    }
    let (host, port) = match host_port.rfind(':') {
        Some(i) => (&host_port[..i], Some(&host_port[i..])),
        None => (host_port, None),
    };
    port.is_none_or(port_ok) && chars_ok(host, |c| is_unreserved(c) || is_sub_delim(c), iri)
}

fn port_ok(p: &str) -> bool {
    p.strip_prefix(':')
        .is_some_and(|d| d.bytes().all(|c| c.is_ascii_digit()))
}

/// RFC 3986 `URI-reference` (absolute or relative), the JSON Structure `uri` type.
#[inline]
pub fn is_uri_reference(s: &str) -> bool {
    reference_ok(s, false)
}

/// RFC 3986 `URI`: a reference with a scheme.
#[inline]
pub fn is_uri(s: &str) -> bool {
    scheme_len(s).is_some() && reference_ok(s, false)
}

/// RFC 3987 `IRI-reference`: like a URI reference, non-ASCII characters allowed.
#[inline]
pub fn is_iri_reference(s: &str) -> bool {
    reference_ok(s, true)
}

/// RFC 3987 `IRI`.
#[inline]
pub fn is_iri(s: &str) -> bool {
    scheme_len(s).is_some() && reference_ok(s, true)
}

/// RFC 6570 URI Template: literals and well-formed `{...}` expressions.
pub fn is_uri_template(s: &str) -> bool {
    let mut in_expr = false;
    for c in s.chars() {
        match c {
            '{' if in_expr => return false,
            '{' => in_expr = true,
            '}' if !in_expr => return false,
            '}' => in_expr = false,
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '|' if !in_expr => return false,
            _ => {}
        }
    }
    !in_expr
}

/// Dotted-quad IPv4 without leading zeros.
#[inline]
pub fn is_ipv4(s: &str) -> bool {
    s.parse::<std::net::Ipv4Addr>().is_ok()
}

/// RFC 4291 IPv6 text form.
#[inline]
pub fn is_ipv6(s: &str) -> bool {
    s.parse::<std::net::Ipv6Addr>().is_ok()
}

/// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, each at most
/// 63 characters, 253 in total. With `idn`, non-ASCII letters count as letters.
pub fn is_hostname(s: &str, idn: bool) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    s.split('.').all(|label| {
        let ok_char =
            |c: char| c.is_ascii_alphanumeric() || c == '-' || (idn && c.is_alphanumeric());
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(ok_char)
    })
}

/// A practical RFC 5321 mailbox check: one `@`, a dot-atom local part (or a quoted one), and a
/// host name or address literal. With `idn`, non-ASCII characters are allowed (RFC 6531).
pub fn is_email(s: &str, idn: bool) -> bool {
    let Some(at) = s.rfind('@') else {
        return false;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        !local[1..local.len() - 1].contains(['"', '\\'])
    } else {
        !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || "!#$%&'*+-/=?^_`{|}~.".contains(c)
                    || (idn && !c.is_ascii())
            })
    };
    let domain_ok = match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(lit) => is_ipv4(lit) || lit.strip_prefix("IPv6:").is_some_and(is_ipv6),
        None => is_hostname(domain, idn),
    };
    local_ok && domain_ok
}

/// `[minus] int` per RFC 8259 (no leading zeros, no plus sign); `signed` allows the minus.
#[inline]
pub fn is_integer_text(s: &str, signed: bool) -> bool {
    let b = s.as_bytes();
    let digits = match b.first() {
        Some(b'-') if signed => &b[1..],
        _ => b,
    };
    match digits {
        [] => false,
        [b'0'] => true,
        [b'0', ..] => false,
        d => d.iter().all(u8::is_ascii_digit),
    }
}

/// The `decimal` string form: `[minus] int [frac]`. The draft's grammar writes `frac` as
/// mandatory, but its own samples and every SDK accept integers, so the fraction is optional.
#[inline]
pub fn is_decimal_text(s: &str) -> bool {
    match s.split_once('.') {
        Some((int, frac)) => {
            is_integer_text(int, true)
                && !frac.is_empty()
                && frac.bytes().all(|c| c.is_ascii_digit())
        }
        None => is_integer_text(s, true),
    }
}

/// A binary content encoding from the core `contentEncoding` keyword (RFC 4648).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// `base64`: the standard alphabet, padded (section 4).
    Base64,
    /// `base64url`: the URL- and file-name-safe alphabet, padding optional (section 5).
    Base64Url,
    /// `base16`: hexadecimal digits, either case (section 8).
    Base16,
    /// `base32`: upper-case letters and `2`-`7`, padded (section 6).
    Base32,
    /// `base32hex`: digits and `A`-`V`, padded (section 7).
    Base32Hex,
}

impl Encoding {
    /// The encoding a `contentEncoding` value names, if it is one of the five.
    #[inline]
    pub fn from_name(name: &str) -> Option<Encoding> {
        Some(match name {
            "base64" => Encoding::Base64,
            "base64url" => Encoding::Base64Url,
            "base16" => Encoding::Base16,
            "base32" => Encoding::Base32,
            "base32hex" => Encoding::Base32Hex,
            _ => return None,
        })
    }

    /// The `contentEncoding` value that names this encoding.
    #[inline]
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Base64 => "base64",
            Encoding::Base64Url => "base64url",
            Encoding::Base16 => "base16",
            Encoding::Base32 => "base32",
            Encoding::Base32Hex => "base32hex",
        }
    }

    /// RFC 4648 syntax: the alphabet, correct padding (optional for base64url), and no bits
    /// left over that a canonical encoder would not produce in the final quantum's length.
    #[inline]
    pub fn is_valid(self, s: &str) -> bool {
        let b = s.as_bytes();
        match self {
            Encoding::Base16 => b.len() % 2 == 0 && b.iter().all(u8::is_ascii_hexdigit),
            Encoding::Base64 => padded(
                b,
                4,
                &[0, 2, 3],
                |c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/',
                true,
            ),
            Encoding::Base64Url => padded(
                b,
                4,
                &[0, 2, 3],
                |c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_',
                false,
            ),
            Encoding::Base32 => padded(
                b,
                8,
                &[0, 2, 4, 5, 7],
                |c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(&c),
                true,
            ),
            Encoding::Base32Hex => padded(
                b,
                8,
                &[0, 2, 4, 5, 7],
                |c| c.is_ascii_digit() || (b'A'..=b'V').contains(&c),
                true,
            ),
        }
    }
}

/// Checks a padded encoding: `data` characters from the alphabet, then `=` padding to a
/// multiple of `quantum`; `tails` lists the allowed numbers of data characters in the last
/// quantum. With `padding_required` unset, unpadded input is also accepted.
fn padded(
    b: &[u8],
    quantum: usize,
    tails: &[usize],
    alphabet: impl Fn(u8) -> bool,
    padding_required: bool,
) -> bool {
    let data = b.iter().take_while(|&&c| alphabet(c)).count();
    let pad = &b[data..];
    if !pad.iter().all(|&c| c == b'=') {
        return false;
    }
    let tail = data % quantum;
    if !tails.contains(&tail) {
        return false;
    }
    if pad.is_empty() {
        return tail == 0 || !padding_required;
    }
    tail != 0 && data + pad.len() == (data / quantum + 1) * quantum
}
