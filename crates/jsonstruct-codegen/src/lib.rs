//! Rust types and Markdown docs from a checked JSON Structure model.
