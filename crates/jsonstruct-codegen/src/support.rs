//! The runtime files emitted into every generated crate: `src/support.rs` (text types, sets,
//! serde adapters; source in `runtime/support.rs`) and `src/formats.rs`, the validator's format
//! checks copied verbatim from `crates/jsonstruct/src/formats.rs`, so the generated types and
//! the validator accept exactly the same strings. Both are plain text: they do not depend on
//! the schema.

use crate::Options;

/// `src/support.rs` of a generated crate.
pub(crate) fn support_rs(options: &Options) -> String {
    format!(
        "// {}\n{}",
        options.preamble(),
        include_str!("../runtime/support.rs")
    )
}

/// `src/formats.rs` of a generated crate.
pub(crate) fn formats_rs(options: &Options) -> String {
    format!(
        "// {}\n{}",
        options.preamble(),
        include_str!("../../jsonstruct/src/formats.rs")
    )
}
