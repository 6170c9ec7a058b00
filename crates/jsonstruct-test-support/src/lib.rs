//! One copy of what the workspace's tests know about their data, for every test crate:
//!
//! - [`corpus`]: where the shared third-party data lives (`JSONSTRUCT_SHARED`, default
//!   `../shared` beside the workspace), the sizes of its folders, and what happens when it is
//!   missing: a failure under `JSONSTRUCT_REQUIRE_CORPUS=1`, otherwise a record of how many
//!   cases did not run, which `cargo xtask test` sums up in one line.
//! - [`session`]: the facts of Clerk's `Session` (statuses, required members, timestamps) and
//!   example payloads, written out by hand so that a wrong schema cannot agree with itself.
//! - [`clerk`]: the Clerk payload files, what each holds and the verdict its README states.
//! - `strategies` (feature `strategies`, on by default): `proptest` strategies for
//!   Session-shaped payloads.
//! - [`json`]: comparisons of JSON values that the tests share.
//!
//! It depends on neither `jsonstruct` nor a generated crate, so any test crate can use it.

pub mod clerk;
pub mod corpus;
pub mod json;
pub mod session;
#[cfg(feature = "strategies")]
pub mod strategies;
