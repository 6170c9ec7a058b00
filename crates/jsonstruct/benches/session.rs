//! Validating Clerk Session payloads on every variant of a Session stream (`corpus.rs`), each
//! against the parse-only floor in the same run, plus the mix with every peer; then a table.
//!
//! ```sh
//! cargo bench -p jsonstruct --bench session                      # criterion, then the table
//! JSONSTRUCT_BENCH_VARIANTS=shuffled,mix cargo bench -p jsonstruct --bench session
//! ```
//!
//! Rows that are not targets, the anchors: `serde_json` to `IgnoredAny` (the floor: what it
//! costs to merely check the bytes are JSON), `sonic-rs` skipping to `IgnoredAny` (a SIMD
//! parser's validating skip) and `simd-json` building its tape (copying the payload first,
//! because it parses in place). The table after criterion's output gives, per variant, the
//! median of 21 passes (per chunk of 256 payloads, all rows taking turns chunk by chunk);
//! `validate` is timed against `is_valid` apart, since the two share their code.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

mod corpus;

const SCHEMA: &str = include_str!("../../../schemas/clerk/session.struct.json");
/// Payloads per variant.
const PAYLOADS: usize = 2_000;
const SEED: u64 = 0x5e55_1011;
/// Passes per row in the table (each chunk's median is taken).
const PASSES: usize = 21;
/// Payloads per timed chunk: enough (about 128 KB) that the branch predictor cannot learn a
/// chunk by heart when the next row runs the same payloads, few enough that a chunk stays in
/// the cache between rows and that a preempted chunk is an outlier among the passes.
const CHUNK: usize = 256;

/// The same constraints as `schemas/clerk/session.struct.json`, written as JSON Schema 2020-12
/// for the `jsonschema` crate (64-bit timestamps as integers or decimal strings).
fn json_schema() -> Value {
    let int64 = serde_json::json!({"anyOf": [
        {"type": "integer", "minimum": i64::MIN, "maximum": i64::MAX},
        {"type": "string", "pattern": "^-?(0|[1-9][0-9]*)$"}]});
    let s = serde_json::json!({"type": "string"});
    let ns = serde_json::json!({"type": ["string", "null"]});
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "object": {"const": "session"}, "id": s, "user_id": s, "client_id": s,
            "actor": {"anyOf": [{"$ref": "#/$defs/SessionActor"}, {"type": "null"}]},
            "status": {"$ref": "#/$defs/SessionStatus"},
            "last_active_organization_id": ns,
            "last_active_at": int64, "expire_at": int64, "abandon_at": int64, "updated_at": int64, "created_at": int64,
            "latest_activity": {"anyOf": [{"$ref": "#/$defs/SessionActivity"}, {"type": "null"}]},
            "tasks": {"anyOf": [{"type": "array", "items": {"$ref": "#/$defs/SessionTask"}}, {"type": "null"}]}
        },
        "required": ["object", "id", "user_id", "client_id", "status", "last_active_at", "expire_at", "abandon_at", "updated_at", "created_at"],
        "additionalProperties": false,
        "$defs": {
            "SessionStatus": {"enum": ["active", "revoked", "ended", "expired", "removed", "abandoned", "replaced", "pending"]},
            "SessionActivity": {"type": "object", "properties": {
                "object": s, "id": s, "device_type": s, "is_mobile": {"type": "boolean"}, "browser_name": s,
                "browser_version": s, "ip_address": s, "city": s, "country": s},
                "required": ["id", "object", "is_mobile"]},
            "SessionTask": {"type": "object", "properties": {"key": s}, "required": ["key"]},
            "SessionActor": {"type": "object", "properties": {"sub": s, "iss": s, "sid": s, "type": s}, "required": ["sub"]}
        }
    })
}

/// The hand-written serde model a user would derive (the serde floor for typed parsing).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Session {
    object: String,
    id: String,
    user_id: String,
    client_id: String,
    actor: Option<serde_json::Map<String, Value>>,
    status: Status,
    last_active_organization_id: Option<String>,
    last_active_at: Timestamp,
    latest_activity: Option<Activity>,
    expire_at: Timestamp,
    abandon_at: Timestamp,
    updated_at: Timestamp,
    created_at: Timestamp,
    tasks: Option<Vec<Task>>,
}

/// An int64 written as a JSON number or as a decimal string.
#[allow(dead_code)]
struct Timestamp(i64);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an int64 as a number or a string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Timestamp, E> {
                i64::try_from(v).map(Timestamp).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                v.parse().map(Timestamp).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Status {
    Active,
    Revoked,
    Ended,
    Expired,
    Removed,
    Abandoned,
    Replaced,
    Pending,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Activity {
    object: String,
    id: String,
    device_type: Option<String>,
    is_mobile: bool,
    browser_name: Option<String>,
    browser_version: Option<String>,
    ip_address: Option<String>,
    city: Option<String>,
    country: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Task {
    key: String,
}

/// One variant's corpus.
struct Data {
    name: &'static str,
    what: &'static str,
    payloads: Vec<Vec<u8>>,
    valid: usize,
    bytes: usize,
}

/// The variants named in `JSONSTRUCT_BENCH_VARIANTS` (comma-separated), or all.
fn data() -> Vec<Data> {
    let wanted = std::env::var("JSONSTRUCT_BENCH_VARIANTS").ok();
    corpus::variants()
        .into_iter()
        .enumerate()
        .filter(|(_, v)| {
            wanted
                .as_deref()
                .is_none_or(|w| w.split(',').any(|n| n.trim() == v.name))
        })
        .map(|(i, v)| {
            // Seeded by the variant's place in the full list: the same corpus when filtered.
            let (payloads, valid) = corpus::corpus(v.profile, PAYLOADS, SEED + i as u64);
            let bytes = payloads.iter().map(Vec::len).sum();
            Data {
                name: v.name,
                what: v.what,
                payloads,
                valid,
                bytes,
            }
        })
        .collect()
}

/// A timed row: items in, how many passed out.
type Row<'a, T> = &'a dyn Fn(&[T]) -> usize;

/// What is timed: one call per payload, returning how many payloads passed.
type Job<'a> = Box<dyn Fn(&[Vec<u8>]) -> usize + 'a>;

struct Contenders<'a> {
    floor: Job<'a>,
    sonic: Job<'a>,
    simd: Job<'a>,
    is_valid: Job<'a>,
    validate: Job<'a>,
}

fn contenders(validator: &jsonstruct::Validator) -> Contenders<'_> {
    Contenders {
        floor: Box::new(|ps| {
            ps.iter()
                .filter(|p| serde_json::from_slice::<IgnoredAny>(black_box(p)).is_ok())
                .count()
        }),
        sonic: Box::new(|ps| {
            ps.iter()
                .filter(|p| sonic_rs::from_slice::<IgnoredAny>(black_box(p)).is_ok())
                .count()
        }),
        simd: Box::new(|ps| {
            let mut buffers = simd_json::Buffers::new(1024);
            let mut copy = Vec::with_capacity(1024);
            ps.iter()
                .filter(|p| {
                    copy.clear();
                    copy.extend_from_slice(black_box(p));
                    simd_json::to_tape_with_buffers(&mut copy, &mut buffers).is_ok()
                })
                .count()
        }),
        is_valid: Box::new(|ps| {
            ps.iter()
                .filter(|p| validator.is_valid(black_box(p)))
                .count()
        }),
        validate: Box::new(|ps| {
            ps.iter()
                .filter(|p| validator.validate(black_box(p)).is_ok())
                .count()
        }),
    }
}

fn main() {
    let data = data();
    let schema = jsonstruct::Schema::from_slice(SCHEMA.as_bytes()).expect("schema");
    // Clerk sends its timestamps as JSON numbers: say so, whatever the default becomes.
    let options = jsonstruct::Options::default().int64_numbers(true);
    let validator = jsonstruct::Validator::with_options(&schema, options).expect("compile");
    for d in &data {
        let ours = d.payloads.iter().filter(|p| validator.is_valid(p)).count();
        let full = d
            .payloads
            .iter()
            .filter(|p| validator.validate(p).is_ok())
            .count();
        assert_eq!((ours, full), (d.valid, d.valid), "{}: verdicts", d.name);
        eprintln!(
            "{:<16} {} payloads, {} valid, mean {} bytes: {}",
            d.name,
            d.payloads.len(),
            d.valid,
            d.bytes / d.payloads.len(),
            d.what
        );
    }
    let run = contenders(&validator);
    if let Ok(what) = std::env::var("JSONSTRUCT_BENCH_PROFILE") {
        profile(&data, &run, &validator, &what);
        return;
    }

    let mut c = Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500))
        .configure_from_args();
    for d in &data {
        let mut g = c.benchmark_group(format!("session/{}", d.name));
        g.throughput(Throughput::Elements(d.payloads.len() as u64));
        g.bench_function("serde_json IgnoredAny (floor)", |b| {
            b.iter(|| (run.floor)(&d.payloads))
        });
        g.bench_function("jsonstruct is_valid", |b| {
            b.iter(|| (run.is_valid)(&d.payloads))
        });
        g.bench_function("jsonstruct validate", |b| {
            b.iter(|| (run.validate)(&d.payloads))
        });
        g.finish();
    }
    let peers = data
        .iter()
        .find(|d| d.name == "mix")
        .map(|mix| peers(&mut c, &validator, mix));
    c.final_summary();

    // The table only in a real benchmark run (`cargo bench`), not in `cargo test --benches`.
    if std::env::args().any(|a| a == "--bench") {
        table(&data, &run);
        if let Some(p) = peers {
            p.table();
        }
    }
}

/// `JSONSTRUCT_BENCH_PROFILE=VARIANT/ROW` (ROW: floor, is_valid, validate, sonic, simd, none,
/// or on parsed values is_value, jsonschema_value, whose setup includes the parsing) runs
/// only that row on that variant's corpus, 20 times, for a profiler such as
/// `valgrind --tool=callgrind`, whose instruction counts do not move with the machine's load.
fn profile(data: &[Data], run: &Contenders<'_>, validator: &jsonstruct::Validator, what: &str) {
    let (variant, row) = what.split_once('/').unwrap_or((what, "is_valid"));
    let d = data
        .iter()
        .find(|d| d.name == variant)
        .unwrap_or_else(|| panic!("no variant {variant}"));
    if let Some(which) = row.strip_suffix("_value") {
        // On parsed values: `is_value` (jsonstruct) or `jsonschema_value`.
        let values: Vec<Value> = d
            .payloads
            .iter()
            .filter_map(|p| serde_json::from_slice(p).ok())
            .collect();
        let js = jsonschema::validator_for(&json_schema()).expect("json schema");
        let mut n = 0;
        for _ in 0..20 {
            n += match which {
                "jsonschema" => values.iter().filter(|v| js.is_valid(black_box(v))).count(),
                _ => values
                    .iter()
                    .filter(|v| validator.is_valid_value(black_box(v)))
                    .count(),
            };
        }
        eprintln!("{variant}/{row}: {n} passed");
        return;
    }
    let none: Job<'_> = Box::new(|_| 0);
    let job = match row {
        // The setup alone, to subtract from the others' counts.
        "none" => &none,
        "floor" => &run.floor,
        "is_valid" => &run.is_valid,
        "validate" => &run.validate,
        "sonic" => &run.sonic,
        "simd" => &run.simd,
        _ => panic!("no row {row}"),
    };
    let mut n = 0;
    for _ in 0..20 {
        n += job(black_box(&d.payloads));
    }
    eprintln!("{variant}/{row}: {n} passed");
}

/// The peers on the mix, in criterion, and kept for the table.
struct Peers<'a> {
    mix: &'a Data,
    jobs: Vec<(&'static str, Job<'a>)>,
    values: Vec<Value>,
    js: jsonschema::Validator,
    validator: &'a jsonstruct::Validator,
}

fn peers<'a>(c: &mut Criterion, validator: &'a jsonstruct::Validator, mix: &'a Data) -> Peers<'a> {
    let js = jsonschema::validator_for(&json_schema()).expect("json schema");
    let official_schema: Value = serde_json::from_str(SCHEMA).expect("schema json");
    let values: Vec<Value> = mix
        .payloads
        .iter()
        .filter_map(|p| serde_json::from_slice(p).ok())
        .collect();
    // The same verdicts on the same values.
    let disagree = values
        .iter()
        .filter(|v| js.is_valid(v) != validator.is_valid_value(v))
        .count();
    assert_eq!(disagree, 0, "jsonschema and jsonstruct disagree on the mix");
    let jobs: Vec<(&'static str, Job<'a>)> = vec![
        (
            "serde_json Value",
            Box::new(|ps| {
                ps.iter()
                    .filter(|p| serde_json::from_slice::<Value>(black_box(p)).is_ok())
                    .count()
            }),
        ),
        (
            "serde derived struct",
            Box::new(|ps| {
                ps.iter()
                    .filter(|p| serde_json::from_slice::<Session>(black_box(p)).is_ok())
                    .count()
            }),
        ),
        ("jsonschema bytes -> Value -> is_valid", {
            let js = jsonschema::validator_for(&json_schema()).expect("json schema");
            Box::new(move |ps| {
                ps.iter()
                    .filter(|p| {
                        serde_json::from_slice::<Value>(black_box(p)).is_ok_and(|v| js.is_valid(&v))
                    })
                    .count()
            })
        }),
        ("json-structure 0.6 InstanceValidator", {
            let official = json_structure::InstanceValidator::new();
            // It takes text: payloads that are not UTF-8 count as invalid.
            Box::new(move |ps| {
                ps.iter()
                    .filter_map(|p| std::str::from_utf8(p).ok())
                    .filter(|t| official.validate(black_box(t), &official_schema).is_valid())
                    .count()
            })
        }),
    ];
    let mut g = c.benchmark_group("session/mix peers");
    g.throughput(Throughput::Elements(mix.payloads.len() as u64));
    for (name, job) in &jobs {
        g.bench_function(*name, |b| b.iter(|| job(&mix.payloads)));
    }
    g.bench_function("sonic-rs IgnoredAny (anchor)", |b| {
        b.iter(|| {
            mix.payloads
                .iter()
                .filter(|p| sonic_rs::from_slice::<IgnoredAny>(black_box(p)).is_ok())
                .count()
        })
    });
    g.finish();
    let mut g = c.benchmark_group("session/mix parsed Value");
    g.throughput(Throughput::Elements(values.len() as u64));
    g.bench_function("jsonschema is_valid", |b| {
        b.iter(|| values.iter().filter(|v| js.is_valid(black_box(v))).count())
    });
    g.bench_function("jsonstruct is_valid_value", |b| {
        b.iter(|| {
            values
                .iter()
                .filter(|v| validator.is_valid_value(black_box(v)))
                .count()
        })
    });
    g.finish();
    Peers {
        mix,
        jobs,
        values,
        js,
        validator,
    }
}

/// Seconds per item of each job. The items are cut into chunks of `CHUNK`; in each of `PASSES`
/// passes every job runs every chunk, the jobs taking turns chunk by chunk (in a rotating
/// order), and each chunk is timed. A job's time is the sum over the chunks of each chunk's median over the passes:
/// the machine is shared, and a chunk that was preempted in a few passes does not count.
fn medians<T>(jobs: &[Row<'_, T>], items: &[T]) -> Vec<f64> {
    for job in jobs {
        black_box(job(items));
    }
    let chunks: Vec<&[T]> = items.chunks(CHUNK).collect();
    // times[job][chunk][pass]
    let mut times = vec![vec![Vec::with_capacity(PASSES); chunks.len()]; jobs.len()];
    for pass in 0..PASSES {
        for (c, chunk) in chunks.iter().enumerate() {
            // Who goes first finds the chunk out of the cache: each job in turn, so that the
            // median is a warm run for every job alike.
            for k in 0..jobs.len() {
                let j = (pass + c + k) % jobs.len();
                let t = Instant::now();
                black_box(jobs[j](black_box(chunk)));
                times[j][c].push(t.elapsed().as_secs_f64());
            }
        }
    }
    times
        .into_iter()
        .map(|per_chunk| {
            let total: f64 = per_chunk
                .into_iter()
                .map(|mut t| {
                    t.sort_by(f64::total_cmp);
                    t[t.len() / 2]
                })
                .sum();
            total / items.len() as f64
        })
        .collect()
}

fn table(data: &[Data], run: &Contenders<'_>) {
    println!("\nSession variants: per payload, median of {PASSES} passes per chunk of {CHUNK} payloads, rows interleaved chunk by chunk (MB/s of payload bytes)\n");
    println!("| variant | mean bytes | floor payloads/s | floor MB/s | `is_valid` payloads/s | `is_valid` MB/s | **`is_valid` / floor** | `validate` / `is_valid` | sonic-rs / floor | simd-json / floor |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut worst: f64 = 0.0;
    for d in data {
        let ps = &d.payloads;
        // No two of these rows share code. `validate` calls `is_valid` first, so run on a
        // chunk just after it (or a row or two later) it finds the branch predictor trained
        // on those very payloads: 10% faster on `shuffled`, and so would be `is_valid` after
        // `validate`. The two are timed against each other apart, taking turns.
        let jobs: [Row<'_, Vec<u8>>; 4] = [&*run.floor, &*run.is_valid, &*run.sonic, &*run.simd];
        let t = medians(&jobs, ps);
        let (floor, valid, sonic, simd) = (t[0], t[1], t[2], t[3]);
        let pair: [Row<'_, Vec<u8>>; 2] = [&*run.is_valid, &*run.validate];
        let t = medians(&pair, ps);
        let full_ratio = t[1] / t[0];
        let mean = d.bytes as f64 / ps.len() as f64;
        if d.name != "invalid" {
            worst = worst.max(valid / floor);
        }
        println!(
            "| {} | {:.0} | {:.2} M | {:.0} | {:.2} M | {:.0} | **{:.2}x** | {:.2}x | {:.2}x | {:.2}x |",
            d.name,
            mean,
            1e-6 / floor,
            mean / floor / 1e6,
            1e-6 / valid,
            mean / valid / 1e6,
            valid / floor,
            full_ratio,
            sonic / floor,
            simd / floor,
        );
    }
    println!("\nworst `is_valid` / floor over the valid variants and the mix: {worst:.2}x");
}

impl Peers<'_> {
    fn table(&self) {
        let ps = &self.mix.payloads;
        let floor = |ps: &[Vec<u8>]| {
            ps.iter()
                .filter(|p| serde_json::from_slice::<IgnoredAny>(black_box(p)).is_ok())
                .count()
        };
        let ours = |ps: &[Vec<u8>]| ps.iter().filter(|p| self.validator.is_valid(p)).count();
        let mut jobs: Vec<Row<'_, Vec<u8>>> = vec![&floor, &ours];
        jobs.extend(self.jobs.iter().map(|(_, job)| &**job));
        let t = medians(&jobs, ps);
        println!("\nThe mix against every peer (per payload, same run)\n");
        println!("| per payload | payloads/s | vs the floor | vs `is_valid` |");
        println!("| --- | ---: | ---: | ---: |");
        let row = |name: &str, secs: f64| {
            println!(
                "| {name} | {:.3} M | {:.2}x | {:.2}x |",
                1e-6 / secs,
                secs / t[0],
                secs / t[1]
            );
        };
        row("`serde_json` `IgnoredAny` (floor)", t[0]);
        row("**jsonstruct `is_valid`**", t[1]);
        for ((name, _), secs) in self.jobs.iter().zip(&t[2..]) {
            row(name, *secs);
        }
        let theirs = |vs: &[Value]| vs.iter().filter(|v| self.js.is_valid(black_box(v))).count();
        let ours = |vs: &[Value]| {
            vs.iter()
                .filter(|v| self.validator.is_valid_value(black_box(v)))
                .count()
        };
        let jobs: [Row<'_, Value>; 2] = [&theirs, &ours];
        let t = medians(&jobs, &self.values);
        println!(
            "\nOn the same parsed `Value`s: jsonschema `is_valid` {:.3} M/s, jsonstruct `is_valid_value` {:.3} M/s ({:.2}x of jsonschema's time)",
            1e-6 / t[0],
            1e-6 / t[1],
            t[1] / t[0]
        );
    }
}
