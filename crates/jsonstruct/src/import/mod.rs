//! Importers: other schema formats converted into JSON Structure documents (the counterpart of
//! [`crate::export`]).

mod fields;

pub use fields::{fields, ImportError, Imported};
