//! The schema digest: SHA-256 of the schema file with `\r\n` normalised to `\n`, as lower-case
//! hex.
//!
//! The generator embeds this file into each generated crate's `build.rs` (which lists `sha2` as
//! a build-dependency), so the digest written at generation time and the one checked at build
//! time come from the same code.

/// The digest of a schema file's bytes, line endings normalised so a Windows checkout gives
/// the same digest.
pub fn schema_digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    // Feed the bytes with every `\r` that starts a `\r\n` left out.
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            hasher.update(&bytes[run..i]);
            run = i + 1;
        }
    }
    hasher.update(&bytes[run..]);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
