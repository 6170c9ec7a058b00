//! What errors cost: an instance with N unknown members on one line against the closed
//! Session has N errors (plus the missing required members). Locating them is one pass over
//! the text, so the time per error must stay flat from 10,000 to 100,000 errors; before, each
//! error searched for its own line and column from the start (40,000 errors took 8 s).
//!
//! ```sh
//! cargo bench -p jsonstruct --bench errors
//! ```

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};

const SCHEMA: &str = include_str!("../../../schemas/clerk/session.struct.json");
const SIZES: [usize; 3] = [10_000, 40_000, 100_000];

/// `{"k0":0,"k1":1,...}` on one line.
fn unknown_members(n: usize) -> Vec<u8> {
    let mut text = String::from("{");
    for i in 0..n {
        let sep = if i + 1 < n { "," } else { "" };
        let _ = write!(text, "\"k{i}\":{i}{sep}");
    }
    text.push('}');
    text.into_bytes()
}

fn main() {
    let schema = jsonstruct::Schema::from_slice(SCHEMA.as_bytes()).expect("schema");
    let options = jsonstruct::Options::default().int64_numbers(true);
    let all = jsonstruct::Validator::with_options(&schema, options).expect("compile");
    let ten =
        jsonstruct::Validator::with_options(&schema, options.max_errors(10)).expect("compile");
    let inputs: Vec<(usize, Vec<u8>)> = SIZES.iter().map(|&n| (n, unknown_members(n))).collect();
    for (n, text) in &inputs {
        let report = all.validate(text).expect_err("invalid");
        assert!(
            report.errors.len() > *n,
            "{} errors for {n} members",
            report.errors.len()
        );
        let short = ten.validate(text).expect_err("invalid");
        assert_eq!(
            (short.errors.len(), short.omitted),
            (10, report.errors.len() - 10)
        );
    }

    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500))
        .configure_from_args();
    let mut g = c.benchmark_group("errors on one line");
    for (n, text) in &inputs {
        g.throughput(Throughput::Elements(*n as u64));
        g.bench_with_input(BenchmarkId::new("validate", n), text, |b, t| {
            b.iter(|| {
                all.validate(black_box(t))
                    .expect_err("invalid")
                    .errors
                    .len()
            })
        });
        g.bench_with_input(
            BenchmarkId::new("validate, max_errors 10", n),
            text,
            |b, t| b.iter(|| ten.validate(black_box(t)).expect_err("invalid").omitted),
        );
    }
    g.finish();
    c.final_summary();

    if std::env::args().any(|a| a == "--bench") {
        println!("\n| unknown members on one line | `validate` | per error | `max_errors(10)` |");
        println!("| ---: | ---: | ---: | ---: |");
        for (n, text) in &inputs {
            let time = |v: &jsonstruct::Validator| {
                let mut t: Vec<Duration> = (0..11)
                    .map(|_| {
                        let start = Instant::now();
                        black_box(v.validate(black_box(text)).is_err());
                        start.elapsed()
                    })
                    .collect();
                t.sort();
                t[t.len() / 2]
            };
            let (full, limited) = (time(&all), time(&ten));
            println!(
                "| {n} | {:.1} ms | {:.0} ns | {:.1} ms |",
                full.as_secs_f64() * 1e3,
                full.as_secs_f64() * 1e9 / *n as f64,
                limited.as_secs_f64() * 1e3
            );
        }
    }
}
