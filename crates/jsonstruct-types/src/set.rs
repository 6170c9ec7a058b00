//! [`Set`]: a JSON Structure `set`, an array of unique items.
//!
//! Uniqueness is the item type's own `PartialEq`, checked through hash keys ([`key`](super::key))
//! so that reading a set of n items costs n hashes, not n²/2 comparisons: a hostile array of a
//! few hundred thousand items must not stall a server.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

use super::error::DuplicateItem;
use super::key::{Keys, SET_MARKER};

/// A JSON Structure `set`: an array of unique items. Items keep the order they were received
/// in; reading an array with a repeated item fails. Equality ignores order.
///
/// Building a set ([`Set::from_vec`], `collect`, deserializing) and comparing two sets take
/// time linear in their size. [`Set::insert`] and [`Set::contains`] compare with every item,
/// so build large sets in one go.
#[derive(Debug, Clone)]
pub struct Set<T>(Vec<T>);

impl<T> Set<T> {
    /// An empty set.
    pub fn new() -> Self {
        Set(Vec::new())
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set has no items.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The items in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The items in order.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// The items in order.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T: PartialEq> Set<T> {
    /// Whether an item equals `item`.
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

impl<T: PartialEq + Serialize> Set<T> {
    /// A set of `items`; fails when an item equals an earlier one.
    pub fn from_vec(items: Vec<T>) -> Result<Self, DuplicateItem> {
        let mut index = Index::new(items.len());
        for (i, item) in items.iter().enumerate() {
            let key = index.key(item);
            if index.find(&items, item, key).is_some() {
                return Err(DuplicateItem::new(i));
            }
            index.add(i, key);
        }
        Ok(Set(items))
    }
}

/// Items by hash key: `heads` maps a key to the last item added with it, `next` links each
/// item to the one added before it with the same key.
struct Index {
    keys: Keys,
    heads: HashMap<u64, usize>,
    next: Vec<usize>,
}

impl Index {
    const END: usize = usize::MAX;

    fn new(capacity: usize) -> Self {
        Index {
            keys: Keys::new(),
            heads: HashMap::with_capacity(capacity),
            next: Vec::with_capacity(capacity),
        }
    }

    fn key<T: Serialize>(&self, item: &T) -> u64 {
        self.keys.key(item)
    }

    /// The position in `items` of an added item equal to `item`, whose key is `key`.
    fn find<T: PartialEq>(&self, items: &[T], item: &T, key: u64) -> Option<usize> {
        let mut at = self.heads.get(&key).copied().unwrap_or(Self::END);
        while at != Self::END {
            if items[at] == *item {
                return Some(at);
            }
            at = self.next[at];
        }
        None
    }

    /// Adds the item at position `i` (items are added in order) with its key.
    fn add(&mut self, i: usize, key: u64) {
        debug_assert_eq!(i, self.next.len());
        let previous = self.heads.insert(key, i).unwrap_or(Self::END);
        self.next.push(previous);
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set::new()
    }
}

impl<T: PartialEq + Serialize> PartialEq for Set<T> {
    fn eq(&self, other: &Self) -> bool {
        if self.len() != other.len() {
            return false;
        }
        let mut index = Index::new(other.len());
        for (i, item) in other.iter().enumerate() {
            index.add(i, index.key(item));
        }
        // Both sides hold unique items, so equal lengths and every item found is equality.
        self.iter()
            .all(|item| index.find(&other.0, item, index.key(item)).is_some())
    }
}

impl<T: Eq + Serialize> Eq for Set<T> {}

impl<T: Hash> Hash for Set<T> {
    /// Order-independent: the item hashes are added up.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let sum = self.iter().fold(0u64, |sum, item| {
            // A fixed-key hasher: equal sets must hash alike however their items are ordered.
            let mut h = std::hash::DefaultHasher::new();
            item.hash(&mut h);
            sum.wrapping_add(h.finish())
        });
        state.write_usize(self.len());
        state.write_u64(sum);
    }
}

impl<T: PartialEq + Serialize> FromIterator<T> for Set<T> {
    /// Collects items, dropping repeats (the first one is kept).
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut items: Vec<T> = Vec::new();
        let iter = iter.into_iter();
        let mut index = Index::new(iter.size_hint().0);
        for item in iter {
            let key = index.key(&item);
            if index.find(&items, &item, key).is_none() {
                index.add(items.len(), key);
                items.push(item);
            }
        }
        Set(items)
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
        // The marker tells the hash keys that the order of these items is not part of the
        // value; JSON serializers write newtype structs as their content.
        serializer.serialize_newtype_struct(SET_MARKER, &self.0)
    }
}

impl<'de, T: Deserialize<'de> + PartialEq + Serialize> Deserialize<'de> for Set<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        Set::from_vec(items).map_err(serde::de::Error::custom)
    }
}
