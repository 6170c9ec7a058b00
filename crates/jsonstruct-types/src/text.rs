//! Types that keep the exact text of a string-encoded JSON Structure value (`date`, `time`,
//! `datetime`, `duration`, `uuid`, `uri`, `jsonpointer`, `decimal`, `binary`).
//!
//! The field is private: the only way in is a checking constructor, and `Deserialize` goes
//! through it ("parse, don't validate"). The checks are [`formats`](super::formats), the ones
//! the validator uses. Values are never reformatted: `"1250.00"` writes back as `"1250.00"`.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::error::InvalidValue;
use super::formats;

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks `text` and keeps it exactly as given.
            pub fn new(text: impl Into<String>) -> Result<Self, InvalidValue> {
                let text = text.into();
                let check: fn(&str) -> bool = $check;
                if check(&text) {
                    Ok($name(text))
                } else {
                    Err(InvalidValue::new($kind, text))
                }
            }

            /// The text, exactly as received or constructed.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, exactly as received or constructed.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;

            fn from_str(text: &str) -> Result<Self, InvalidValue> {
                $name::new(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidValue;

            fn try_from(text: String) -> Result<Self, InvalidValue> {
                $name::new(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidValue;

            fn try_from(text: &str) -> Result<Self, InvalidValue> {
                $name::new(text)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(TextVisitor($kind, |text: String| $name::new(text)))
            }
        }
    };
}

/// Reads a string and hands it to a checking constructor; `.0` names the type for messages.
struct TextVisitor<T>(&'static str, fn(String) -> Result<T, InvalidValue>);

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} string", self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.1)(v.to_owned()).map_err(E::custom)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        (self.1)(v).map_err(E::custom)
    }
}

text_type!(
    /// A JSON Structure `date`: RFC 3339 `full-date` (`2024-05-01`), a day that exists.
    Date, "date", formats::is_date
);
text_type!(
    /// A JSON Structure `time`: RFC 3339 `partial-time` with an optional offset
    /// (`09:00:00`, `10:30:00.5+01:00`). The offset is optional because the official samples
    /// omit it.
    Time, "time", |s| formats::is_time(s, false)
);
text_type!(
    /// A JSON Structure `datetime`: RFC 3339 `date-time` (`2024-05-01T09:00:00Z`).
    DateTime, "datetime", formats::is_datetime
);
text_type!(
    /// A JSON Structure `duration`: an ISO 8601 duration (`PT1H30M`, `P3W`).
    Duration, "duration", formats::is_duration
);
text_type!(
    /// A JSON Structure `uuid`: RFC 9562, `8-4-4-4-12` hexadecimal digits, either case.
    Uuid, "uuid", formats::is_uuid
);
text_type!(
    /// A JSON Structure `uri`: an RFC 3986 URI reference (absolute or relative).
    Uri, "uri", formats::is_uri_reference
);
text_type!(
    /// A JSON Structure `jsonpointer`: an RFC 6901 JSON Pointer (`/a/b~1c`).
    JsonPointer, "jsonpointer", formats::is_json_pointer
);
text_type!(
    /// A JSON Structure `decimal`, kept as its exact decimal text (`"1250.00"`), never
    /// rounded through a float.
    Decimal, "decimal", formats::is_decimal_text
);
text_type!(
    /// A JSON Structure `binary` in base64 (RFC 4648, padded), kept as text.
    Binary, "base64 binary", |s| formats::Encoding::Base64.is_valid(s)
);
text_type!(
    /// A JSON Structure `binary` in base64url (RFC 4648 section 5), kept as text.
    BinaryBase64Url, "base64url binary", |s| formats::Encoding::Base64Url.is_valid(s)
);
text_type!(
    /// A JSON Structure `binary` in base16 (hexadecimal), kept as text.
    BinaryBase16, "base16 binary", |s| formats::Encoding::Base16.is_valid(s)
);
text_type!(
    /// A JSON Structure `binary` in base32 (RFC 4648 section 6), kept as text.
    BinaryBase32, "base32 binary", |s| formats::Encoding::Base32.is_valid(s)
);
text_type!(
    /// A JSON Structure `binary` in base32hex (RFC 4648 section 7), kept as text.
    BinaryBase32Hex, "base32hex binary", |s| formats::Encoding::Base32Hex.is_valid(s)
);
