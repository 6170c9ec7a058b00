//! Runtime support for the generated types.
//!
//! - Text types that keep the exact string of a JSON Structure `date`, `time`, `datetime`,
//!   `duration`, `uuid`, `uri`, `jsonpointer`, `binary` or `decimal`: the field is private,
//!   the only way in is a checking constructor, and `Deserialize` goes through it. The checks
//!   are the validator's own (`crate::formats`, embedded verbatim), so both accept exactly the
//!   same strings.
//! - `Set`: an array whose items are unique, in the order received.
//! - Serde adapters for 64- and 128-bit integers (`wide`) and string enums with a fallback
//!   (`deserialize_enum`), used by the generated code.
//!
//! This file is emitted verbatim into every generated crate by `jsonstruct-codegen`; it needs
//! only `serde` and `serde_json`.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::formats;

/// A string that is not a valid value of a JSON Structure type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    kind: &'static str,
    text: String,
}

impl InvalidValue {
    /// The JSON Structure type the text was checked against (`"date"`, `"uuid"`, ...).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The rejected text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {:?}", self.kind, self.text)
    }
}

impl std::error::Error for InvalidValue {}

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
                    Err(InvalidValue { kind: $kind, text })
                }
            }

            /// The text, exactly as received or constructed.
            pub fn as_str(&self) -> &str {
                &self.0
            }

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
    /// A JSON Structure `date`: RFC 3339 `full-date` (`2024-05-01`).
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

/// A JSON Structure `set`: an array of unique items. Items keep the order they were received
/// in; reading an array with a repeated item fails. Equality ignores order.
#[derive(Debug, Clone)]
pub struct Set<T>(Vec<T>);

/// An array given as a [`Set`] repeats an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateItem {
    index: usize,
}

impl DuplicateItem {
    /// The position of the first repeated item.
    pub fn index(&self) -> usize {
        self.index
    }
}

impl fmt::Display for DuplicateItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "set item {} repeats an earlier item", self.index)
    }
}

impl std::error::Error for DuplicateItem {}

impl<T> Set<T> {
    pub fn new() -> Self {
        Set(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T: PartialEq> Set<T> {
    /// A set of `items`; fails when an item repeats.
    pub fn from_vec(items: Vec<T>) -> Result<Self, DuplicateItem> {
        for (index, item) in items.iter().enumerate() {
            if items[..index].contains(item) {
                return Err(DuplicateItem { index });
            }
        }
        Ok(Set(items))
    }

    pub fn contains(&self, item: &T) -> bool {
        self.0.contains(item)
    }

    /// Adds `item` at the end unless an equal item is present; returns whether it was added.
    pub fn insert(&mut self, item: T) -> bool {
        if self.0.contains(&item) {
            false
        } else {
            self.0.push(item);
            true
        }
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set::new()
    }
}

impl<T: PartialEq> PartialEq for Set<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|item| other.contains(item))
    }
}

impl<T: Eq> Eq for Set<T> {}

impl<T: PartialEq> FromIterator<T> for Set<T> {
    /// Collects items, dropping repeats (the first one is kept).
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = Set::new();
        for item in iter {
            set.insert(item);
        }
        set
    }
}

impl<T> IntoIterator for Set<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Serialize> Serialize for Set<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

impl<'de, T: Deserialize<'de> + PartialEq> Deserialize<'de> for Set<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        Set::from_vec(items).map_err(de::Error::custom)
    }
}

/// Reads a string enum: `parse` maps the wire value to a variant (or to the fallback that
/// keeps unknown values), without allocating for known values.
#[doc(hidden)]
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

/// Serde adapters for 64- and 128-bit integers, used as `#[serde(with = "...")]` on any field
/// whose type holds them (directly or inside `Option`, `Vec`, [`Set`], maps and `Box`).
///
/// Reading accepts both a JSON number and a decimal string (`"123"`, RFC 8259 integer syntax),
/// never going through a float, so 9007199254740993 survives. Writing uses the form the crate
/// was generated with: [`wide::string`] (the JSON Structure form) or [`wide::number`] (what
/// most APIs send). 128-bit integers are always written as strings.
#[doc(hidden)]
pub mod wide {
    use std::collections::BTreeMap;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde::ser::{Serialize, SerializeTuple, Serializer};

    use super::Set;

    /// A type the adapters can read and write.
    pub trait Wide: Sized {
        fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error>;
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Writes 64-bit integers as JSON numbers.
    pub mod number {
        pub fn serialize<T: super::Wide, S: serde::Serializer>(
            value: &T,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            value.write(serializer, true)
        }

        pub fn deserialize<'de, T: super::Wide, D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<T, D::Error> {
            T::read(deserializer)
        }
    }

    /// Writes 64-bit integers as strings (the JSON Structure wire form).
    pub mod string {
        pub fn serialize<T: super::Wide, S: serde::Serializer>(
            value: &T,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            value.write(serializer, false)
        }

        pub fn deserialize<'de, T: super::Wide, D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<T, D::Error> {
            T::read(deserializer)
        }
    }

    /// A value written through [`Wide`], for collections.
    struct Out<'a, T>(&'a T, bool);

    impl<T: Wide> Serialize for Out<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write(serializer, self.1)
        }
    }

    /// A value read through [`Wide`], for collections.
    struct In<T>(PhantomData<T>);

    impl<'de, T: Wide> DeserializeSeed<'de> for In<T> {
        type Value = T;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
            T::read(deserializer)
        }
    }

    struct IntVisitor<T>(PhantomData<T>, &'static str, bool);

    impl<T> IntVisitor<T>
    where
        T: TryFrom<i64> + TryFrom<u64> + std::str::FromStr,
    {
        fn out_of_range<E: de::Error>(&self, shown: &dyn fmt::Display) -> E {
            E::custom(format_args!("{shown} is out of range for {}", self.1))
        }
    }

    impl<T> Visitor<'_> for IntVisitor<T>
    where
        T: TryFrom<i64> + TryFrom<u64> + std::str::FromStr,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an {} as a JSON number or a decimal string", self.1)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            T::try_from(v).map_err(|_| self.out_of_range(&v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            T::try_from(v).map_err(|_| self.out_of_range(&v))
        }

        fn visit_i128<E: de::Error>(self, v: i128) -> Result<T, E> {
            v.to_string().parse().map_err(|_| self.out_of_range(&v))
        }

        fn visit_u128<E: de::Error>(self, v: u128) -> Result<T, E> {
            v.to_string().parse().map_err(|_| self.out_of_range(&v))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            if !crate::formats::is_integer_text(v, self.2) {
                return Err(E::invalid_value(de::Unexpected::Str(v), &self));
            }
            v.parse().map_err(|_| self.out_of_range(&v))
        }
    }

    macro_rules! wide_int {
        ($t:ty, $name:literal, $signed:literal, $numbers_allowed:literal) => {
            impl Wide for $t {
                fn write<S: Serializer>(
                    &self,
                    serializer: S,
                    numbers: bool,
                ) -> Result<S::Ok, S::Error> {
                    if numbers && $numbers_allowed {
                        Serialize::serialize(self, serializer)
                    } else {
                        serializer.collect_str(self)
                    }
                }

                fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    deserializer.deserialize_any(IntVisitor(PhantomData, $name, $signed))
                }
            }
        };
    }

    wide_int!(i64, "int64", true, true);
    wide_int!(u64, "uint64", false, true);
    wide_int!(i128, "int128", true, false);
    wide_int!(u128, "uint128", false, false);

    impl<T: Wide> Wide for Option<T> {
        fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error> {
            match self {
                Some(value) => serializer.serialize_some(&Out(value, numbers)),
                None => serializer.serialize_none(),
            }
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct OptionVisitor<T>(PhantomData<T>);

            impl<'de, T: Wide> Visitor<'de> for OptionVisitor<T> {
                type Value = Option<T>;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an integer or null")
                }

                fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                    Ok(None)
                }

                fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                    Ok(None)
                }

                fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                    T::read(d).map(Some)
                }
            }

            deserializer.deserialize_option(OptionVisitor(PhantomData))
        }
    }

    impl<T: Wide> Wide for Box<T> {
        fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error> {
            (**self).write(serializer, numbers)
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::read(deserializer).map(Box::new)
        }
    }

    struct SeqVisitor<T>(PhantomData<T>);

    impl<'de, T: Wide> Visitor<'de> for SeqVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of integers")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element_seed(In(PhantomData))? {
                out.push(item);
            }
            Ok(out)
        }
    }

    impl<T: Wide> Wide for Vec<T> {
        fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(|v| Out(v, numbers)))
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_seq(SeqVisitor(PhantomData))
        }
    }

    impl<T: Wide + PartialEq> Wide for Set<T> {
        fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(|v| Out(v, numbers)))
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let items = deserializer.deserialize_seq(SeqVisitor(PhantomData))?;
            Set::from_vec(items).map_err(de::Error::custom)
        }
    }

    impl<T: Wide> Wide for BTreeMap<String, T> {
        fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(k, v)| (k, Out(v, numbers))))
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct MapVisitor<T>(PhantomData<T>);

            impl<'de, T: Wide> Visitor<'de> for MapVisitor<T> {
                type Value = BTreeMap<String, T>;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a map of integers")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut out = BTreeMap::new();
                    while let Some(key) = map.next_key::<String>()? {
                        let value = map.next_value_seed(In(PhantomData))?;
                        out.insert(key, value);
                    }
                    Ok(out)
                }
            }

            deserializer.deserialize_map(MapVisitor(PhantomData))
        }
    }

    /// A one-element tuple (a JSON Structure tuple with one element).
    impl<T: Wide> Wide for (T,) {
        fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error> {
            let mut tuple = serializer.serialize_tuple(1)?;
            tuple.serialize_element(&Out(&self.0, numbers))?;
            tuple.end()
        }

        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct TupleVisitor<T>(PhantomData<T>);

            impl<'de, T: Wide> Visitor<'de> for TupleVisitor<T> {
                type Value = (T,);

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an array of one integer")
                }

                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(T,), A::Error> {
                    match seq.next_element_seed(In(PhantomData))? {
                        Some(value) => Ok((value,)),
                        None => Err(de::Error::invalid_length(0, &self)),
                    }
                }
            }

            deserializer.deserialize_tuple(1, TupleVisitor(PhantomData))
        }
    }
}

/// Inline choices whose options declare the selector themselves: the selector member is kept
/// in the option's data, so it must be read and written by hand.
#[doc(hidden)]
pub mod inline_choice {
    use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
    use serde::ser::{self, Serialize, Serializer};
    use serde_json::Value;

    /// Reads an object and returns the value of its `selector` member with the whole object.
    pub fn split<'de, D: Deserializer<'de>>(
        deserializer: D,
        selector: &str,
    ) -> Result<(String, Value), D::Error> {
        let value = Value::deserialize(deserializer)?;
        let tag = match value.get(selector) {
            Some(Value::String(tag)) => tag.clone(),
            Some(_) => {
                return Err(de::Error::custom(format_args!(
                    "the selector `{selector}` must be a string"
                )))
            }
            None => {
                return Err(de::Error::custom(format_args!(
                    "missing the selector `{selector}`"
                )))
            }
        };
        Ok((tag, value))
    }

    /// Reads the option's data from the object [`split`] returned.
    pub fn finish<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
        serde_json::from_value(value).map_err(E::custom)
    }

    /// Writes the option's data with the selector member set to `tag`.
    pub fn serialize<S: Serializer, T: Serialize>(
        serializer: S,
        selector: &str,
        tag: &str,
        data: &T,
    ) -> Result<S::Ok, S::Error> {
        let mut value = serde_json::to_value(data).map_err(ser::Error::custom)?;
        match value.as_object_mut() {
            Some(object) => {
                object.insert(selector.to_owned(), Value::String(tag.to_owned()));
            }
            None => {
                return Err(ser::Error::custom(
                    "an inline choice option must be an object",
                ))
            }
        }
        value.serialize(serializer)
    }
}
