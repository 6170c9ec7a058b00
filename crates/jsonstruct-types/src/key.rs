//! Hash keys for [`Set`](super::Set) items, so uniqueness costs one hash per item instead of a
//! comparison with every earlier item.
//!
//! Generated types implement `PartialEq` and `Serialize` but not `Hash` (they hold `f64`s and
//! `serde_json::Value`s), so the key is computed from what an item serializes to, by a
//! [`Serializer`] that feeds a randomly keyed hasher (hash flooding needs the key). The key
//! must agree with the item's equality: equal items give equal keys. Serialized forms can
//! differ where `PartialEq` sees no difference, so the serializer removes those differences:
//!
//! - `-0.0` hashes as `0.0` (they are equal floats);
//! - map entries (and structs with flattened members, which serialize as maps) are combined in
//!   any order, since map equality ignores order (`serde_json`'s `preserve_order` keeps
//!   insertion order on the wire but compares as a map);
//! - a nested [`Set`](super::Set) announces itself with a marker newtype name and its items are
//!   combined in any order, since set equality ignores order.
//!
//! Unequal items may share a key (a string enum's known variant and its fallback holding the
//! same text); callers compare items with equal keys, so a shared key costs a comparison, never
//! a wrong answer. Deserialized input cannot make many unequal items share a key: a key
//! describes the JSON text an item reads from, and each JSON text reads into one value.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};

use serde::ser::{self, Serialize, Serializer};

/// The newtype-struct name a [`Set`](super::Set) serializes under. Serializers that write
/// newtype structs transparently (`serde_json`) never see it; the key serializer does.
pub(super) const SET_MARKER: &str = "$jsonstruct::Set";

/// Computes keys with one random hasher key.
pub(super) struct Keys {
    state: RandomState,
}

impl Keys {
    pub(super) fn new() -> Self {
        Keys {
            state: RandomState::new(),
        }
    }

    /// The key of `value`. A value whose `Serialize` fails gets key 0: still correct (equal
    /// keys are compared), only slower.
    pub(super) fn key<T: Serialize + ?Sized>(&self, value: &T) -> u64 {
        let mut hasher = KeyHasher {
            state: &self.state,
            hasher: self.state.build_hasher(),
            set_next: false,
        };
        match value.serialize(&mut hasher) {
            Ok(()) => hasher.hasher.finish(),
            Err(Unhashable) => 0,
        }
    }
}

/// Tags that keep different kinds of values apart in the hash stream.
mod tag {
    pub(super) const BOOL: u8 = 1;
    pub(super) const INT: u8 = 2;
    pub(super) const UINT: u8 = 3;
    pub(super) const FLOAT: u8 = 4;
    pub(super) const CHAR: u8 = 5;
    pub(super) const STR: u8 = 6;
    pub(super) const BYTES: u8 = 7;
    pub(super) const NONE: u8 = 8;
    pub(super) const SOME: u8 = 9;
    pub(super) const UNIT: u8 = 10;
    pub(super) const VARIANT: u8 = 11;
    pub(super) const SEQ: u8 = 12;
    pub(super) const UNORDERED: u8 = 13;
    pub(super) const STRUCT: u8 = 14;
    pub(super) const END: u8 = 15;
}

/// A value's `Serialize` reported an error; the value gets the fallback key.
#[derive(Debug)]
pub(super) struct Unhashable;

impl fmt::Display for Unhashable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value cannot be serialized")
    }
}

impl std::error::Error for Unhashable {}

impl ser::Error for Unhashable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unhashable
    }
}

struct KeyHasher<'a> {
    state: &'a RandomState,
    hasher: <RandomState as BuildHasher>::Hasher,
    /// The next sequence is a [`Set`](super::Set)'s items.
    set_next: bool,
}

impl<'a> KeyHasher<'a> {
    fn child(&self) -> KeyHasher<'a> {
        KeyHasher {
            state: self.state,
            hasher: self.state.build_hasher(),
            set_next: false,
        }
    }

    fn tag(&mut self, tag: u8) {
        self.hasher.write_u8(tag);
    }
}

/// Starts combining items (or entries) in any order into `parent`.
fn unordered<'p, 'a>(parent: &'p mut KeyHasher<'a>) -> Unordered<'p, 'a> {
    parent.set_next = false;
    Unordered {
        parent,
        sum: 0,
        count: 0,
        entry: None,
    }
}

/// Combines the hashes of items (or map entries) by adding them, so their order is irrelevant.
struct Unordered<'p, 'a> {
    parent: &'p mut KeyHasher<'a>,
    sum: u64,
    count: u64,
    /// The entry whose key has been hashed and whose value comes next (maps).
    entry: Option<<RandomState as BuildHasher>::Hasher>,
}

impl Unordered<'_, '_> {
    fn add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        let mut child = self.parent.child();
        value.serialize(&mut child)?;
        self.sum = self.sum.wrapping_add(child.hasher.finish());
        self.count += 1;
        Ok(())
    }

    fn finish(self) {
        self.parent.tag(tag::UNORDERED);
        self.parent.hasher.write_u64(self.count);
        self.parent.hasher.write_u64(self.sum);
    }
}

impl<'p, 'a> Serializer for &'p mut KeyHasher<'a> {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = Seq<'p, 'a>;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Map<'p, 'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Unhashable> {
        self.tag(tag::BOOL);
        self.hasher.write_u8(v.into());
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unhashable> {
        self.serialize_i128(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unhashable> {
        self.serialize_i128(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unhashable> {
        self.serialize_i128(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Unhashable> {
        self.serialize_i128(v.into())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Unhashable> {
        // Non-negative integers hash like unsigned ones: a number is a number.
        match u128::try_from(v) {
            Ok(u) => self.serialize_u128(u),
            Err(_) => {
                self.tag(tag::INT);
                self.hasher.write_i128(v);
                Ok(())
            }
        }
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unhashable> {
        self.serialize_u128(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unhashable> {
        self.serialize_u128(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unhashable> {
        self.serialize_u128(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unhashable> {
        self.serialize_u128(v.into())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Unhashable> {
        self.tag(tag::UINT);
        self.hasher.write_u128(v);
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Unhashable> {
        self.serialize_f64(v.into())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Unhashable> {
        self.tag(tag::FLOAT);
        // -0.0 == 0.0, so both get the bits of 0.0.
        let v = if v == 0.0 { 0.0 } else { v };
        self.hasher.write_u64(v.to_bits());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unhashable> {
        self.tag(tag::CHAR);
        self.hasher.write_u32(v.into());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unhashable> {
        self.tag(tag::STR);
        v.hash(&mut self.hasher);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unhashable> {
        self.tag(tag::BYTES);
        v.hash(&mut self.hasher);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Unhashable> {
        self.tag(tag::NONE);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unhashable> {
        self.tag(tag::SOME);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unhashable> {
        self.tag(tag::UNIT);
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unhashable> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unhashable> {
        self.tag(tag::VARIANT);
        variant.hash(&mut self.hasher);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        self.set_next = name == SET_MARKER;
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        self.tag(tag::VARIANT);
        variant.hash(&mut self.hasher);
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Unhashable> {
        if self.set_next {
            Ok(Seq::Unordered(unordered(self)))
        } else {
            self.tag(tag::SEQ);
            Ok(Seq::Ordered(self))
        }
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self, Unhashable> {
        self.set_next = false;
        self.tag(tag::SEQ);
        Ok(self)
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Unhashable> {
        self.serialize_tuple(len)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Unhashable> {
        self.tag(tag::VARIANT);
        variant.hash(&mut self.hasher);
        self.serialize_tuple(len)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unhashable> {
        Ok(Map(unordered(self)))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Unhashable> {
        // A type's fields always come in the same order, so they are hashed in order.
        self.set_next = false;
        self.tag(tag::STRUCT);
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Unhashable> {
        self.tag(tag::VARIANT);
        variant.hash(&mut self.hasher);
        self.serialize_struct(name, len)
    }
}

/// A sequence: in order, or (a [`Set`](super::Set)'s items) in any order.
enum Seq<'p, 'a> {
    Ordered(&'p mut KeyHasher<'a>),
    Unordered(Unordered<'p, 'a>),
}

impl ser::SerializeSeq for Seq<'_, '_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        match self {
            Seq::Ordered(h) => value.serialize(&mut **h),
            Seq::Unordered(u) => u.add(value),
        }
    }

    fn end(self) -> Result<(), Unhashable> {
        match self {
            Seq::Ordered(h) => h.tag(tag::END),
            Seq::Unordered(u) => u.finish(),
        }
        Ok(())
    }
}

/// Map entries, in any order: each entry's key and value are hashed together.
struct Map<'p, 'a>(Unordered<'p, 'a>);

impl ser::SerializeMap for Map<'_, '_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unhashable> {
        let mut child = self.0.parent.child();
        key.serialize(&mut child)?;
        self.0.entry = Some(child.hasher);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        let Some(hasher) = self.0.entry.take() else {
            return Err(Unhashable);
        };
        let mut child = self.0.parent.child();
        child.hasher = hasher;
        value.serialize(&mut child)?;
        self.0.sum = self.0.sum.wrapping_add(child.hasher.finish());
        self.0.count += 1;
        Ok(())
    }

    fn end(self) -> Result<(), Unhashable> {
        self.0.finish();
        Ok(())
    }
}

impl ser::SerializeTuple for &mut KeyHasher<'_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Unhashable> {
        self.tag(tag::END);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut KeyHasher<'_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Unhashable> {
        self.tag(tag::END);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut KeyHasher<'_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Unhashable> {
        self.tag(tag::END);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut KeyHasher<'_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        key.hash(&mut self.hasher);
        value.serialize(&mut **self)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Unhashable> {
        // A skipped `None` and a written `None` are the same value.
        key.hash(&mut self.hasher);
        self.tag(tag::NONE);
        Ok(())
    }

    fn end(self) -> Result<(), Unhashable> {
        self.tag(tag::END);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut KeyHasher<'_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Unhashable> {
        ser::SerializeStruct::skip_field(self, key)
    }

    fn end(self) -> Result<(), Unhashable> {
        self.tag(tag::END);
        Ok(())
    }
}
