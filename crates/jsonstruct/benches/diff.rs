//! `jsonstruct::diff` cost: the Session's 2022 -> 2025 step, and documents of 500, 2,000 and
//! 8,000 definitions (chains of references, one leaf changed, one reference retargeted), whose
//! time per definition should stay flat: the walk is linear in the documents' size.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jsonstruct::diff;
use jsonstruct::Schema;

const OLD: &str = include_str!("../tests/data/session-history/2022.struct.json");
const NEW: &str = include_str!("../tests/data/session-history/2025.struct.json");

/// `n` object definitions in chains of 20 (each refers to the next), the root referring to
/// every chain's head; `leaf` is the type at the end of each chain.
fn document(n: usize, leaf: &str, retarget: bool) -> Schema {
    let mut defs = Vec::new();
    let mut root = Vec::new();
    for i in 0..n {
        let v = if i % 20 == 19 {
            format!(r#"{{"type": "{leaf}"}}"#)
        } else {
            format!(r##"{{"type": {{"$ref": "#/definitions/D{}"}}}}"##, i + 1)
        };
        defs.push(format!(
            r#""D{i}": {{"type": "object", "properties": {{"v": {v}, "s": {{"type": "string", "maxLength": 10}}}}, "required": ["v"]}}"#
        ));
        if i % 20 == 0 {
            let target = if retarget && i == 0 { 20 } else { i };
            root.push(format!(
                r##""m{i}": {{"type": {{"$ref": "#/definitions/D{target}"}}}}"##
            ));
        }
    }
    let text = format!(
        r#"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/big",
            "name": "Big", "type": "object", "properties": {{{}}}, "definitions": {{{}}}}}"#,
        root.join(","),
        defs.join(",")
    );
    Schema::from_slice(text.as_bytes()).unwrap()
}

fn bench(c: &mut Criterion) {
    let (old, new) = (
        Schema::from_slice(OLD.as_bytes()).unwrap(),
        Schema::from_slice(NEW.as_bytes()).unwrap(),
    );
    c.bench_function("session 2022 -> 2025", |b| {
        b.iter(|| black_box(diff::diff(black_box(&old), black_box(&new))))
    });
    let mut group = c.benchmark_group("definitions");
    for n in [500, 2000, 8000] {
        let (old, new) = (document(n, "int32", false), document(n, "int64", true));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| black_box(diff::diff(black_box(&old), black_box(&new))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
