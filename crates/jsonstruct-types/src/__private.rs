//! What generated code calls and users should not: serde adapters for wide integers, the
//! string-enum reader and the inline-choice helpers. Not part of the public API; anything here
//! may change in any release, together with the generator that emits the calls.

pub mod inline_choice;
pub mod wide;

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Reads a string enum: `parse` maps the wire value to a variant (or to the fallback that
/// keeps unknown values), without allocating for known values.
pub fn deserialize_enum<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> T,
) -> Result<T, D::Error> {
    struct EnumVisitor<T>(fn(&str) -> T);

    impl<T> Visitor<'_> for EnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }

    deserializer.deserialize_str(EnumVisitor(parse))
}
