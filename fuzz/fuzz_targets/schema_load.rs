//! Arbitrary bytes as a schema document: `Schema::check` must not panic and every diagnostic
//! must be located inside the document; a schema that checks valid must compile into a
//! validator (for its root and for every definition), which then validates a few instances
//! without panicking and with `is_valid` agreeing with `validate`.

#![no_main]

use jsonstruct::{Options, Schema, Validator};
use libfuzzer_sys::fuzz_target;

/// Instances tried against every schema that loads: one of each JSON kind, a few nested shapes,
/// and (below) the schema document itself.
const INSTANCES: &[&[u8]] = &[
    b"null",
    b"true",
    b"0",
    b"-1.5e3",
    b"\"\"",
    b"\"2024-01-15T10:30:00Z\"",
    b"[]",
    b"{}",
    b"[1, \"a\", null, {\"k\": [true]}]",
    b"{\"a\": 1, \"b\": \"x\", \"c\": [1, 2], \"d\": {\"e\": null}}",
];

fuzz_target!(|data: &[u8]| {
    let report = Schema::check(data);
    let lines = data.split(|&b| b == b'\n').count();
    for d in &report.diagnostics {
        assert!(
            d.line >= 1 && d.column >= 1 && d.line <= lines && d.offset <= data.len(),
            "diagnostic outside the document: {d}"
        );
    }
    let Some(schema) = report.schema else {
        assert!(!report.is_valid(), "valid report without a schema");
        return;
    };
    let mut validators = Vec::new();
    if let Ok(v) = Validator::new(&schema) {
        validators.push(v);
    }
    // The root with the spec's options, the definitions with 64-bit numbers accepted.
    let numbers = Options::default().int64_numbers(true);
    for (_, ty) in schema.definitions().take(8) {
        validators.push(Validator::for_type(&schema, ty, numbers));
    }
    for v in &validators {
        for instance in INSTANCES.iter().copied().chain(std::iter::once(data)) {
            let fast = v.is_valid(instance);
            let full = v.validate(instance);
            assert_eq!(fast, full.is_ok(), "is_valid and validate disagree");
            if let Err(r) = full {
                assert!(!r.errors.is_empty() && r.errors.iter().all(|e| e.line.is_some()));
            }
        }
    }
});
