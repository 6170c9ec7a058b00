//! The yes/no fast path allocates nothing: `Validator::is_valid` (and `validate` on valid input,
//! which is the same walk) on realistic Clerk `Session` payloads makes zero heap allocations,
//! counted by a `#[global_allocator]` that wraps the system allocator.
//!
//! The one documented exception: a string value that the schema inspects (an enum, a `const`, a
//! format) and that contains a backslash escape is decoded into a scratch buffer owned by the
//! call. The buffer is allocated when the first such string is met and reused for every later
//! one in the same call, so a payload costs at most one allocation (plus a regrowth when a
//! later decoded string is longer than any before it), however many escaped strings it has.
//! Strings that are only skipped (plain `string` members such as `id`) are checked for
//! well-formedness without decoding, even with escapes. An escaped member *name* (rare in
//! practice) is decoded into a string of its own: one allocation per such name.
//!
//! This test binary has no libtest harness (`harness = false`): everything runs on the main
//! thread, one measurement at a time, so no other thread's allocations are counted.

// A counting global allocator needs `unsafe impl GlobalAlloc`; it only forwards to `System`
// and bumps counters. The workspace denies `unsafe_code`, so this file opts out for that alone.
#![allow(unsafe_code)]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use jsonstruct::{Schema, Validator};
use jsonstruct_test_support::session::{activity, actor, minimal};
use jsonstruct_test_support::{clerk, corpus};
use serde_json::{json, Value};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so the
// `GlobalAlloc` contract is exactly `System`'s; the counter is a relaxed atomic increment.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged; `ptr` was allocated by this allocator, i.e. by `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations (including reallocations) made while `f` runs on this thread. Only valid
/// because this binary runs nothing else concurrently.
fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let out = f();
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    (out, after - before)
}

fn main() {
    let tests: &[(&str, fn())] = &[
        (
            "valid_sessions_allocate_nothing",
            valid_sessions_allocate_nothing,
        ),
        (
            "clerk_payloads_allocate_nothing",
            clerk_payloads_allocate_nothing,
        ),
        (
            "invalid_sessions_allocate_nothing_on_the_fast_path",
            invalid_sessions_allocate_nothing_on_the_fast_path,
        ),
        (
            "escaped_strings_use_one_reused_buffer",
            escaped_strings_use_one_reused_buffer,
        ),
        ("the_counter_counts", the_counter_counts),
    ];
    // `--list` (as test runners ask): name the tests, run nothing.
    if std::env::args().any(|a| a == "--list") {
        for (name, _) in tests {
            println!("{name}: test");
        }
        return;
    }
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mut ran = 0;
    for (name, test) in tests {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        test();
        println!("test {name} ... ok");
        ran += 1;
    }
    println!(
        "\ntest result: ok. {ran} passed; 0 failed; 0 ignored; 0 measured; {} filtered out\n",
        tests.len() - ran
    );
}

fn session_validator() -> Validator {
    let schema =
        Schema::from_path(support::session_schema_path()).unwrap_or_else(|e| panic!("{e}"));
    Validator::with_options(&schema, support::session_options()).expect("compile Session")
}

/// Realistic valid payloads: minimal, with nulls, with each optional member, with all of them;
/// each written compact and pretty.
fn valid_payloads() -> Vec<(String, Vec<u8>)> {
    let mut values = Vec::new();
    values.push(("minimal", minimal()));
    let mut v = minimal();
    v["actor"] = Value::Null;
    v["last_active_organization_id"] = json!("org_2wjoYo7hSjpkZtU0qLkSGrHb2wx");
    v["latest_activity"] = Value::Null;
    v["tasks"] = Value::Null;
    values.push(("nulls", v));
    let mut v = minimal();
    v["latest_activity"] = activity();
    values.push(("latest_activity", v));
    let mut v = minimal();
    v["actor"] = actor();
    values.push(("actor", v));
    let mut v = minimal();
    v["status"] = json!("pending");
    v["tasks"] = json!([{"key": "choose-organization"}, {"key": "setup-mfa"}]);
    values.push(("tasks", v));
    let mut v = minimal();
    v["actor"] = actor();
    v["latest_activity"] = activity();
    v["tasks"] = json!([{"key": "reset-password"}]);
    v["last_active_organization_id"] = Value::Null;
    values.push(("everything", v));
    let mut out = Vec::new();
    for (name, v) in values {
        out.push((format!("{name} (compact)"), serde_json::to_vec(&v).unwrap()));
        out.push((
            format!("{name} (pretty)"),
            serde_json::to_vec_pretty(&v).unwrap(),
        ));
    }
    out
}

fn assert_no_allocation(v: &Validator, name: &str, bytes: &[u8]) {
    // The first call is measured too: nothing is allocated lazily on the first use.
    for round in 0..3 {
        let (ok, n) = allocations(|| v.is_valid(bytes));
        assert!(ok, "{name}: must be valid: {:?}", v.validate(bytes));
        assert_eq!(n, 0, "{name}: is_valid allocated {n} times (round {round})");
        let (result, n) = allocations(|| v.validate(bytes).is_ok());
        assert!(result, "{name}");
        assert_eq!(n, 0, "{name}: validate allocated {n} times on valid input");
    }
}

fn valid_sessions_allocate_nothing() {
    let v = session_validator();
    let payloads = valid_payloads();
    assert_eq!(payloads.len(), 12);
    for (name, bytes) in &payloads {
        assert_no_allocation(&v, name, bytes);
    }
}

fn clerk_payloads_allocate_nothing() {
    let valid: Vec<_> = clerk::valid_sessions().collect();
    let Some(shared) = corpus::open(
        "alloc_free",
        "clerk_payloads_allocate_nothing",
        clerk::NEEDS,
        valid.len(),
    ) else {
        return;
    };
    let dir = shared.join(clerk::DIR);
    let v = session_validator();
    let mut measured = 0;
    for (file, pointer) in valid {
        let (bytes, value) = clerk::read(&dir, file);
        let bytes = if pointer.is_empty() {
            bytes
        } else {
            serde_json::to_vec_pretty(value.pointer(pointer).unwrap()).unwrap()
        };
        assert_no_allocation(&v, file, &bytes);
        measured += 1;
    }
    assert_eq!(measured, 6);
}

fn invalid_sessions_allocate_nothing_on_the_fast_path() {
    let v = session_validator();
    let mut cases = Vec::new();
    let mut s = minimal();
    s["status"] = json!("some_new_status");
    cases.push(("unknown status", s));
    let mut s = minimal();
    s.as_object_mut().unwrap().remove("created_at");
    cases.push(("missing created_at", s));
    let mut s = minimal();
    s["user"] = json!({"id": "user_1"});
    cases.push(("additional member", s));
    let mut s = minimal();
    s["expire_at"] = json!(9223372036854775808u64);
    cases.push(("int64 out of range", s));
    let mut s = minimal();
    s["latest_activity"] = json!({"id": "x", "object": "session_activity"});
    cases.push(("activity without is_mobile", s));
    for (name, value) in cases {
        let bytes = serde_json::to_vec(&value).unwrap();
        let (ok, n) = allocations(|| v.is_valid(&bytes));
        assert!(!ok, "{name}: must be invalid");
        assert_eq!(
            n, 0,
            "{name}: is_valid allocated {n} times on invalid input"
        );
        // The error path allocates (paths, messages, the report), as documented.
        let (report, n) = allocations(|| v.validate(&bytes));
        assert!(report.is_err() && n > 0, "{name}");
    }
    // Malformed input too.
    let (ok, n) = allocations(|| v.is_valid(br#"{"object": "session", "id": "sess_"#));
    assert!(!ok);
    assert_eq!(n, 0, "truncated input: {n} allocations");
}

fn escaped_strings_use_one_reused_buffer() {
    let v = session_validator();
    let base = serde_json::to_string(&minimal()).unwrap();

    // Escapes in strings that are only skipped (a plain `string` member): nothing is decoded.
    let skipped = base.replace("sess_2wmSnIrq5dtl2HNZf1WfgeHraby", r"sess_\u0032wm\/Sn\n");
    assert_ne!(skipped, base);
    let (ok, n) = allocations(|| v.is_valid(skipped.as_bytes()));
    assert!(ok);
    assert_eq!(n, 0, "escapes in skipped strings allocated {n} times");

    // An escaped enum value is decoded into the scratch buffer: one allocation.
    let status = base.replace(r#""status":"active""#, r#""status":"\u0061ctive""#);
    assert_ne!(status, base);
    let (ok, one) = allocations(|| v.is_valid(status.as_bytes()));
    assert!(ok);
    assert_eq!(one, 1, "one escaped enum value: {one} allocations");
    // The buffer belongs to the call: the next call allocates it again, once.
    let (ok, again) = allocations(|| v.is_valid(status.as_bytes()));
    assert!(ok);
    assert_eq!(again, 1, "second call: {again} allocations");

    // Escapes in both `object` (a const) and `status` (an enum): still one allocation.
    let both = status.replace(r#""object":"session""#, r#""object":"sessio\u006e""#);
    assert_ne!(both, status);
    let (ok, n) = allocations(|| v.is_valid(both.as_bytes()));
    assert!(ok);
    assert_eq!(n, 1, "two escaped strings: {n} allocations");

    // The reuse, shown on a list of enum values that all need decoding: 500 escaped strings,
    // one allocation.
    let schema = Schema::from_slice(
        br#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/e",
             "name": "E", "type": "array",
             "items": {"type": "string", "enum": ["alpha", "beta", "a longer value than the buffer holds at first"]}}"#,
    )
    .expect("schema");
    let list = Validator::new(&schema).expect("compile");
    let items: Vec<&str> = (0..500)
        .map(|i| {
            if i % 2 == 0 {
                r#""\u0061lpha""#
            } else {
                r#""b\u0065ta""#
            }
        })
        .collect();
    let text = format!("[{}]", items.join(","));
    let (ok, n) = allocations(|| list.is_valid(text.as_bytes()));
    assert!(ok, "{:?}", list.validate(text.as_bytes()));
    assert_eq!(
        n, 1,
        "500 escaped enum values: {n} allocations (one buffer, reused)"
    );
    // A later decoded string longer than the buffer regrows it (`String`'s growth: one or two
    // reallocations); after that it is reused again, so 100 long values cost the same as one.
    let long = r#""a longer value than the buffer holds at firs\u0074""#;
    let one_long = text.replace(']', &format!(",{long}]"));
    let (ok, grown) = allocations(|| list.is_valid(one_long.as_bytes()));
    assert!(ok, "{:?}", list.validate(one_long.as_bytes()));
    assert!(
        (2..=3).contains(&grown),
        "one allocation plus the regrowth: {grown} allocations"
    );
    let many_long = text.replace(']', &format!(",{}]", vec![long; 100].join(",")));
    let (ok, n) = allocations(|| list.is_valid(many_long.as_bytes()));
    assert!(ok);
    assert_eq!(
        n, grown,
        "100 long values: {n} allocations, one long value: {grown}"
    );

    // Member names are different: an escaped name is decoded into its own string (the value
    // after it may need the scratch buffer), one allocation per escaped name.
    let mut s = minimal();
    s["actor"] = json!({"sub": "user_1"});
    let plain = serde_json::to_string(&s).unwrap();
    for (names, want) in [(1, 1), (3, 3)] {
        let extra: Vec<String> = (0..names)
            .map(|i| format!(r#""claim\u005f{i}":true"#))
            .collect();
        let text = plain.replace(
            r#""sub":"user_1""#,
            &format!(r#""sub":"user_1",{}"#, extra.join(",")),
        );
        let (ok, n) = allocations(|| v.is_valid(text.as_bytes()));
        assert!(ok, "{:?}", v.validate(text.as_bytes()));
        assert_eq!(n, want, "{names} escaped member names: {n} allocations");
    }

    // Task keys are plain strings: skipped without decoding, escapes or not.
    let mut s = minimal();
    s["tasks"] = json!([]);
    let text = serde_json::to_string(&s).unwrap().replace(
        r#""tasks":[]"#,
        &format!(
            r#""tasks":[{}]"#,
            vec![r#"{"key":"setup\u002dmfa"}"#; 200].join(",")
        ),
    );
    let (ok, n) = allocations(|| v.is_valid(text.as_bytes()));
    assert!(ok, "{:?}", v.validate(text.as_bytes()));
    assert_eq!(n, 0, "escaped task keys: {n} allocations");
}

/// The counter sees allocations at all (so the zeros above mean something).
fn the_counter_counts() {
    let (b, n) = allocations(|| Box::new(std::hint::black_box(42u64)));
    assert_eq!(*b, 42);
    assert_eq!(n, 1);
    let (s, n) = allocations(|| {
        let mut s = String::with_capacity(1);
        s.push_str(std::hint::black_box("grows past its capacity"));
        s
    });
    assert!(s.len() > 1);
    assert_eq!(n, 2, "one allocation and one reallocation");
}
