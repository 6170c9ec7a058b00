//! The errors of the checking constructors: a text that is not a value of its type, and a
//! set that repeats an item.

use std::fmt;

/// A string that is not a valid value of a JSON Structure type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    kind: &'static str,
    text: String,
}

impl InvalidValue {
    pub(crate) fn new(kind: &'static str, text: String) -> Self {
        InvalidValue { kind, text }
    }

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

/// An array given as a [`Set`](super::Set) repeats an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateItem {
    index: usize,
}

impl DuplicateItem {
    pub(crate) fn new(index: usize) -> Self {
        DuplicateItem { index }
    }

    /// The position of the first item that equals an earlier one.
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
