//! Validating Clerk Session payloads: jsonstruct against its peers, in one run, on the same
//! deterministic corpus. Per-payload figures are reported as throughput (elements/s).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

mod corpus;

const SCHEMA: &str = include_str!("../../../schemas/clerk/session.struct.json");

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
    last_active_at: i64,
    latest_activity: Option<Activity>,
    expire_at: i64,
    abandon_at: i64,
    updated_at: i64,
    created_at: i64,
    tasks: Option<Vec<Task>>,
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

fn bench(c: &mut Criterion) {
    let (payloads, valid) = corpus::payloads(1000, 0x5e55_1011);
    let mean = payloads.iter().map(Vec::len).sum::<usize>() / payloads.len();
    eprintln!(
        "corpus: {} payloads, {valid} valid, mean {mean} bytes",
        payloads.len()
    );
    let values: Vec<Value> = payloads
        .iter()
        .map(|p| serde_json::from_slice(p).expect("json"))
        .collect();

    let schema = jsonstruct::Schema::from_slice(SCHEMA.as_bytes()).expect("schema");
    let validator = jsonstruct::Validator::new(&schema).expect("compile");
    let js = jsonschema::validator_for(&json_schema()).expect("json schema");
    let official_schema: Value = serde_json::from_str(SCHEMA).expect("schema json");
    let official = json_structure::InstanceValidator::new();
    let texts: Vec<&str> = payloads
        .iter()
        .map(|p| std::str::from_utf8(p).expect("utf8"))
        .collect();

    // Every peer must see the same corpus the same way before it is timed.
    let ours = payloads.iter().filter(|p| validator.is_valid(p)).count();
    let theirs = values.iter().filter(|v| js.is_valid(v)).count();
    assert_eq!(ours, valid, "jsonstruct verdicts");
    assert_eq!(theirs, valid, "jsonschema verdicts");

    let mut g = c.benchmark_group("session");
    g.throughput(Throughput::Elements(payloads.len() as u64));
    g.bench_function("serde_json IgnoredAny (parse-only floor)", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| serde_json::from_slice::<IgnoredAny>(black_box(p)).is_ok())
                .count()
        })
    });
    g.bench_function("jsonstruct is_valid (bytes)", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| validator.is_valid(black_box(p)))
                .count()
        })
    });
    g.bench_function("jsonstruct validate (bytes)", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| validator.validate(black_box(p)).is_ok())
                .count()
        })
    });
    g.bench_function("serde_json Value", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| serde_json::from_slice::<Value>(black_box(p)).is_ok())
                .count()
        })
    });
    g.bench_function("serde derived struct", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| serde_json::from_slice::<Session>(black_box(p)).is_ok())
                .count()
        })
    });
    g.bench_function("jsonschema bytes -> Value -> is_valid", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| {
                    serde_json::from_slice::<Value>(black_box(p)).is_ok_and(|v| js.is_valid(&v))
                })
                .count()
        })
    });
    g.bench_function("jsonschema is_valid (parsed Value)", |b| {
        b.iter(|| values.iter().filter(|v| js.is_valid(black_box(v))).count())
    });
    g.bench_function("jsonstruct is_valid_value (parsed Value)", |b| {
        b.iter(|| {
            values
                .iter()
                .filter(|v| validator.is_valid_value(black_box(v)))
                .count()
        })
    });
    g.bench_function("json-structure 0.6 InstanceValidator", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| official.validate(black_box(t), &official_schema).is_valid())
                .count()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
