//! Rust identifiers from schema names: case conversion, keyword escaping and collision
//! handling.
//!
//! Schema property and type names are identifiers (`[A-Za-z_][A-Za-z0-9_]*`), but enum values,
//! choice names and `altnames` wire names can be any string, and different names can meet after
//! case conversion (`userId` and `user_id`, `self` and `Self`). Every function here returns a
//! valid Rust identifier for any input, and [`Namer`] makes the names of one scope distinct in
//! a deterministic way (first come, first served; later ones get a numeric suffix). Wire names
//! are never derived from these identifiers: the generator keeps them separately.

use std::collections::BTreeSet;

/// Strict and reserved keywords of Rust 2015–2024. Identifiers that equal one need escaping.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is an error); they get a trailing `_`.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether `s` is a Rust keyword.
pub(crate) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Splits a name into words: at non-alphanumeric ASCII characters (including `_`), at
/// lower-to-upper case changes (`userId`) and before the last capital of an acronym
/// (`HTTPServer` -> `HTTP`, `Server`). Digits stay with the word before them (`v2Api` ->
/// `v2`, `Api`). Non-ASCII characters separate words.
pub(crate) fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_is_lower)
            {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `UpperCamelCase` of arbitrary text, or `None` when it has no ASCII letters or digits.
/// Names that already are upper camel case (`SessionActivity`, `ColorRGB`) are kept as they
/// are, except all-capital ones (`HR` -> `Hr`), which lints flag as acronyms.
fn upper_camel(s: &str) -> Option<String> {
    let already = s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().any(|c| c.is_ascii_lowercase());
    if already {
        return Some(s.to_owned());
    }
    let out: String = words(s)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().map(|c| c.to_ascii_uppercase());
            first
                .into_iter()
                .chain(cs.map(|c| c.to_ascii_lowercase()))
                .collect::<String>()
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// A type name (`UpperCamelCase`) for a schema name. Never empty, never a keyword.
pub(crate) fn type_ident(s: &str) -> String {
    let name = upper_camel(s).unwrap_or_else(|| "Type".to_owned());
    finish_camel(name, "Type")
}

/// An enum variant name for arbitrary text (an enum value, a choice name): `"some-thing"` ->
/// `SomeThing`, `"123abc"` -> `Value123abc`, `""` -> `Empty`, `"None"` -> `None` (legal as a
/// variant: generated code always writes `Self::None`).
pub(crate) fn variant_ident(s: &str) -> String {
    if s.is_empty() {
        return "Empty".to_owned();
    }
    let name = upper_camel(s).unwrap_or_else(|| "Value".to_owned());
    finish_camel(name, "Value")
}

fn finish_camel(name: String, digit_prefix: &str) -> String {
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else {
        name
    };
    escape(name)
}

/// A field name (`snake_case`) for a schema property name. Keywords become raw identifiers
/// (`r#type`) where Rust allows it, otherwise get a trailing underscore (`self_`).
pub(crate) fn field_ident(s: &str) -> String {
    let leading = s.len() - s.trim_start_matches('_').len();
    let body = words(s)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if body.is_empty() {
        return "field".to_owned();
    }
    let name = format!("{}{body}", "_".repeat(leading));
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field_{name}")
    } else {
        name
    };
    escape(name)
}

/// Escapes a keyword: `r#type`, or `self_` for the keywords that cannot be raw.
fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if is_keyword(&name) {
        format!("r#{name}")
    } else {
        name
    }
}

/// An identifier without its raw prefix (`r#type` -> `type`), which is what Rust compares.
pub(crate) fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out distinct identifiers within one scope (a module's types, a struct's fields, an
/// enum's variants). The first claim of a name gets it; later claims get `Name2`, `Name3`
/// (camel case) or `name_2`, `name_3` (snake case).
#[derive(Debug, Default, Clone)]
pub(crate) struct Namer {
    used: BTreeSet<String>,
}

impl Namer {
    pub(crate) fn new() -> Self {
        Namer::default()
    }

    /// Marks a name as taken without handing it out (names the generated code uses itself).
    pub(crate) fn reserve(&mut self, ident: &str) {
        self.used.insert(unraw(ident).to_owned());
    }

    pub(crate) fn is_taken(&self, ident: &str) -> bool {
        self.used.contains(unraw(ident))
    }

    /// Claims `base` or, when it is taken, the first free suffixed form.
    pub(crate) fn claim(&mut self, base: &str) -> String {
        if self.used.insert(unraw(base).to_owned()) {
            return base.to_owned();
        }
        let snake = unraw(base).starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        let stem = unraw(base).trim_end_matches('_');
        for n in 2u32.. {
            let candidate = if snake {
                format!("{stem}_{n}")
            } else {
                format!("{stem}{n}")
            };
            // A suffixed name is never a keyword, so it needs no escaping.
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
        unreachable!("u32 suffixes are not exhausted by one scope")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_case_and_separators() {
        assert_eq!(words("userId"), ["user", "Id"]);
        assert_eq!(words("user_id"), ["user", "id"]);
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("v2Api"), ["v2", "Api"]);
        assert_eq!(words("some-thing else"), ["some", "thing", "else"]);
        assert_eq!(words("héllo"), ["h", "llo"]);
        assert!(words("--").is_empty());
    }

    #[test]
    fn type_names() {
        assert_eq!(type_ident("Session"), "Session");
        assert_eq!(type_ident("SessionActivity"), "SessionActivity");
        assert_eq!(type_ident("ColorRGB"), "ColorRGB");
        assert_eq!(type_ident("HR"), "Hr");
        assert_eq!(type_ident("my_type"), "MyType");
        assert_eq!(type_ident("daysOfWeek"), "DaysOfWeek");
        assert_eq!(type_ident("Self"), "Self_");
        assert_eq!(type_ident("self"), "Self_");
        assert_eq!(type_ident("Option"), "Option");
        assert_eq!(type_ident("_"), "Type");
        assert_eq!(type_ident("9lives"), "Type9lives");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_ident("userId"), "user_id");
        assert_eq!(field_ident("user_id"), "user_id");
        assert_eq!(field_ident("dateOfBirth"), "date_of_birth");
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("match"), "r#match");
        assert_eq!(field_ident("fn"), "r#fn");
        assert_eq!(field_ident("async"), "r#async");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("Self"), "self_");
        assert_eq!(field_ident("crate"), "crate_");
        assert_eq!(field_ident("super"), "super_");
        assert_eq!(field_ident("_private"), "_private");
        assert_eq!(field_ident("_"), "field");
        assert_eq!(field_ident("ColorRGB"), "color_rgb");
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_ident("active"), "Active");
        assert_eq!(variant_ident("some-thing"), "SomeThing");
        assert_eq!(variant_ident("123abc"), "Value123abc");
        assert_eq!(variant_ident("a b"), "AB");
        assert_eq!(variant_ident("None"), "None");
        assert_eq!(variant_ident(""), "Empty");
        assert_eq!(variant_ident("Self"), "Self_");
        assert_eq!(variant_ident("PARTIAL_SUCCESS"), "PartialSuccess");
        assert_eq!(variant_ident("USD"), "Usd");
        assert_eq!(variant_ident("ü"), "Value");
    }

    #[test]
    fn namer_suffixes_collisions_deterministically() {
        let mut n = Namer::new();
        assert_eq!(n.claim("user_id"), "user_id");
        assert_eq!(n.claim("user_id"), "user_id_2");
        assert_eq!(n.claim("self_"), "self_");
        assert_eq!(n.claim("self_"), "self_2");
        assert_eq!(n.claim("r#type"), "r#type");
        assert_eq!(n.claim("r#type"), "type_2");
        assert_eq!(n.claim("AB"), "AB");
        assert_eq!(n.claim("AB"), "AB2");
        n.reserve("Unknown");
        assert!(n.is_taken("Unknown"));
        assert_eq!(n.claim("Unknown"), "Unknown2");
    }

    #[test]
    fn every_output_is_a_valid_identifier() {
        let inputs = [
            "",
            " ",
            "-",
            "0",
            "a",
            "A",
            "_",
            "__",
            "type",
            "Self",
            "self",
            "crate",
            "super",
            "None",
            "some-thing",
            "123abc",
            "a b",
            "ü",
            "日本",
            "r#x",
            "x__y",
            "X_",
            "_9",
        ];
        for s in inputs {
            for ident in [type_ident(s), variant_ident(s), field_ident(s)] {
                let parsed = syn::parse_str::<syn::Ident>(&ident);
                assert!(parsed.is_ok(), "{s:?} -> {ident:?} is not an identifier");
            }
        }
    }
}
