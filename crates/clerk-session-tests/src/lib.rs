//! Tests only (see `tests/`): the contract between the `jsonstruct` validator and the
//! generated `clerk-session` types, checked on Clerk's payloads and on generated Sessions.
//!
//! The generated crate may not depend on the validator, and the validator must not depend on
//! a generated crate, so the tests that need both live in this crate of their own.
