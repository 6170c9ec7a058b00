//! # jsonstruct-types
//!
//! The runtime of Rust code generated from JSON Structure schemas by `jsonstruct-codegen`
//! (`jsonstruct generate rust`, `cargo xtask codegen`, or a `build.rs` with
//! `jsonstruct_codegen::Builder`), and the format checks the `jsonstruct` validator uses.
//! Generated code refers to it by absolute path (`::jsonstruct_types::Date`), so two generated
//! crates share one `Date` type.
//!
//! - Types that keep the exact text of string-encoded values, checked on the way in:
//!   [`Date`], [`Time`], [`DateTime`], [`Duration`], [`Uuid`], [`Uri`], [`JsonPointer`],
//!   [`Decimal`] and the `binary` encodings ([`Binary`] is base64).
//! - [`Set`]: an array of unique items, read in linear time.
//! - [`formats`]: the syntax checks behind them, shared with the validator, so a value the
//!   validator accepts is a value these types read.
//!
//! ```
//! use jsonstruct_types::{Date, Decimal, Set};
//!
//! let date: Date = serde_json::from_str(r#""2024-02-29""#).unwrap();
//! assert_eq!(date.as_str(), "2024-02-29");
//! assert!(serde_json::from_str::<Date>(r#""2023-02-29""#).is_err());
//!
//! // Decimals keep their text: nothing is rounded through a float.
//! let price: Decimal = "1250.00".parse().unwrap();
//! assert_eq!(serde_json::to_string(&price).unwrap(), r#""1250.00""#);
//!
//! // Sets refuse repeated items and compare without regard to order.
//! assert!(serde_json::from_str::<Set<u32>>("[1, 2, 1]").is_err());
//! let a: Set<u32> = serde_json::from_str("[1, 2, 3]").unwrap();
//! let b: Set<u32> = serde_json::from_str("[3, 1, 2]").unwrap();
//! assert_eq!(a, b);
//!
//! assert!(jsonstruct_types::formats::is_duration("PT1H30M"));
//! ```
//!
//! The crate needs only `serde` and `serde_json`. Its source is also available as [`SOURCE`],
//! which `jsonstruct generate rust --vendor-runtime` writes into a generated crate for users who
//! want no dependency beyond serde.
//!
//! Only this header carries examples: a vendored copy replaces it, and an example naming
//! `jsonstruct_types` would not compile inside another crate.

#![warn(missing_docs, unreachable_pub)]

pub mod formats;

mod error;
mod key;
mod set;
mod text;

#[doc(hidden)]
pub mod __private;

pub use error::{DuplicateItem, InvalidValue};
pub use set::Set;
pub use text::{
    Binary, BinaryBase16, BinaryBase32, BinaryBase32Hex, BinaryBase64Url, Date, DateTime, Decimal,
    Duration, JsonPointer, Time, Uri, Uuid,
};

// jsonstruct-types: crate only. A vendored copy ends above this line.

/// The source of this crate's modules, as `(path relative to src/, contents)` pairs, for
/// generators that write the runtime into a generated crate instead of depending on it. The
/// first entry is this file, the root of the module tree; a vendored copy drops its header
/// docs and everything from the "crate only" line down.
pub const SOURCE: &[(&str, &str)] = &[
    ("lib.rs", include_str!("lib.rs")),
    ("formats.rs", include_str!("formats.rs")),
    ("error.rs", include_str!("error.rs")),
    ("key.rs", include_str!("key.rs")),
    ("set.rs", include_str!("set.rs")),
    ("text.rs", include_str!("text.rs")),
    ("__private.rs", include_str!("__private.rs")),
    (
        "__private/inline_choice.rs",
        include_str!("__private/inline_choice.rs"),
    ),
    ("__private/wide.rs", include_str!("__private/wide.rs")),
];

/// The source as a module of another crate (`src/jsonstruct_types/` of a generated crate):
/// [`SOURCE`] with `lib.rs` as `mod.rs`, without its header docs (their examples name this
/// crate) and without the items from the "crate only" line down.
pub fn module_source() -> impl Iterator<Item = (&'static str, &'static str)> {
    SOURCE.iter().map(|&(path, text)| match path {
        "lib.rs" => ("mod.rs", module_root(text)),
        _ => (path, text),
    })
}

/// `lib.rs` without its `//!` header and its crate-only tail.
fn module_root(lib: &'static str) -> &'static str {
    const CRATE_ONLY: &str = "// jsonstruct-types: crate only.";
    let body = lib.find(CRATE_ONLY).map_or(lib, |end| &lib[..end]);
    let header: usize = body
        .split_inclusive('\n')
        .take_while(|line| line.starts_with("//!"))
        .map(str::len)
        .sum();
    body[header..].trim()
}
