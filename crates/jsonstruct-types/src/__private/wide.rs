//! Serde adapters for 64- and 128-bit integers, used as `#[serde(with = "...")]` on any field
//! whose type holds them (directly or inside `Option`, `Vec`, [`Set`], maps and `Box`).
//!
//! Reading accepts both a JSON number and a decimal string (`"123"`, RFC 8259 integer syntax),
//! never going through a float, so 9007199254740993 survives. Writing uses the form the crate
//! was generated with: [`string`] (the JSON Structure form) or [`number`] (what
//! most APIs send). 128-bit integers are always written as strings.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeTuple, Serializer};

use super::super::formats;
use super::super::Set;

/// A type the adapters can read and write.
pub trait Wide: Sized {
    /// Writes the value; 64-bit integers as numbers when `numbers` is set, else as strings.
    fn write<S: Serializer>(&self, serializer: S, numbers: bool) -> Result<S::Ok, S::Error>;
    /// Reads the value from numbers or decimal strings.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Writes 64-bit integers as JSON numbers.
pub mod number {
    /// Writes the value, 64-bit integers as a JSON number.
    pub fn serialize<T: super::Wide, S: serde::Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.write(serializer, true)
    }

    /// Reads the value from a JSON number or a decimal string.
    pub fn deserialize<'de, T: super::Wide, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::read(deserializer)
    }
}

/// Writes 64-bit integers as strings (the JSON Structure wire form).
pub mod string {
    /// Writes the value, 64-bit integers as a string.
    pub fn serialize<T: super::Wide, S: serde::Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.write(serializer, false)
    }

    /// Reads the value from a JSON number or a decimal string.
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
        if !formats::is_integer_text(v, self.2) {
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

impl<T: Wide + PartialEq + Serialize> Wide for Set<T> {
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
