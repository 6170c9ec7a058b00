//! Compiles the golden files of `jsonstruct-codegen` (`../golden/*.rs`, the generated
//! `src/types.rs` of each conformance sample and of the hostile names schema) as modules of
//! one crate, warning-free, against the `jsonstruct-types` runtime a generated crate depends
//! on. `tests/roundtrip.rs` reads the samples' examples through them, and `tests/hostile.rs`
//! feeds them hostile input.
//!
//! One crate for all goldens keeps the build to a single serde-derive pass.

#![deny(warnings)]

/// Names that fight Rust (`tests/hostile/schema.struct.json`), 64-bit integers as numbers.
#[rustfmt::skip]
#[path = "../../golden/hostile.rs"]
pub mod hostile;

/// Offered add-ins (`tests/addins/schema.struct.json`): members injected into the extended type.
#[rustfmt::skip]
#[path = "../../golden/addins.rs"]
pub mod addins;

#[rustfmt::skip]
#[path = "../../golden/01-basic-person.rs"]
pub mod s01_basic_person;

#[rustfmt::skip]
#[path = "../../golden/02-address.rs"]
pub mod s02_address;

#[rustfmt::skip]
#[path = "../../golden/03-financial-types.rs"]
pub mod s03_financial_types;

#[rustfmt::skip]
#[path = "../../golden/04-datetime-examples.rs"]
pub mod s04_datetime_examples;

#[rustfmt::skip]
#[path = "../../golden/05-collections.rs"]
pub mod s05_collections;

#[rustfmt::skip]
#[path = "../../golden/06-tuples.rs"]
pub mod s06_tuples;

#[rustfmt::skip]
#[path = "../../golden/07-unions.rs"]
pub mod s07_unions;

#[rustfmt::skip]
#[path = "../../golden/08-namespaces.rs"]
pub mod s08_namespaces;

#[rustfmt::skip]
#[path = "../../golden/09-extensions.rs"]
pub mod s09_extensions;

#[rustfmt::skip]
#[path = "../../golden/10-discriminated-unions.rs"]
pub mod s10_discriminated_unions;

#[rustfmt::skip]
#[path = "../../golden/11-sets-and-maps.rs"]
pub mod s11_sets_and_maps;

#[rustfmt::skip]
#[path = "../../golden/12-multiple-inheritance.rs"]
pub mod s12_multiple_inheritance;
