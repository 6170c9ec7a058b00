//! Differential test: jsonstruct's validator against the `jsonschema` crate running the JSON
//! Schema 2020-12 export of the same schema (format assertion on), one trial per instance.
//!
//! Instances:
//! - `samples::<sample>/<example>`: `samples/core/*/example*.json` against their schema;
//! - `invalid::<sample>/<file>`: `test-assets/instances/invalid/<sample>/*.json` against
//!   `samples/core/<sample>`;
//! - `validation::<name>/<file>`: `test-assets/instances/validation/<name>/*.json` against
//!   `test-assets/schemas/validation/<name>.struct.json`, with the corpus rules (root keys
//!   starting with `_` removed; `{"value": X}` unwrapped when the schema root is not an object
//!   or a map);
//! - `adversarial::<file>`: `test-assets/instances/adversarial/*.json` against the adversarial
//!   schema whose `$id` is the instance's `$schema` (where that schema loads);
//! - `clerk::<file>[#<pointer>]`: the Clerk payloads of `../shared/clerk` against
//!   `schemas/clerk/session.struct.json` (webhook envelopes by their `data`, lists by item), and
//!   the `actor` of file 14 against the `SessionActor` definition (`Validator::for_type`);
//! - `proptest::session`: generated Session payloads, valid ones and mutations of them.
//!
//! Each instance is validated by jsonstruct from its bytes (`validate`) and from a parsed
//! `serde_json::Value` (`validate_value`), and by jsonschema from the same value; the three
//! verdicts must be equal. An instance that serde_json cannot parse (a number beyond `f64`,
//! nesting beyond its limit) has no JSON Schema verdict: it counts as invalid there.
//!
//! Where the two must differ, [`KNOWN_DIFFERENCES`] says why. Each entry names the cause and
//! checks that the cause explains the disagreement (most by a counterfactual: remove the cause
//! from the instance and the verdicts agree), and carries a witness instance on which the
//! difference is asserted to still exist, so the list stays honest. A disagreement no entry
//! explains fails its trial.
//!
//! Without the corpus (`jsonstruct_test_support::corpus`) the corpus and Clerk trials do not
//! run and are recorded as not run, or the suite fails under `JSONSTRUCT_REQUIRE_CORPUS=1`
//! (CI); the generated cases and the witnesses still run.

mod support;

use std::path::Path;
use std::sync::Arc;

use jsonstruct::export::{self, ExportOptions};
use jsonstruct::{Options, Schema, TypeId, Validator};
use libtest_mimic::{Arguments, Failed, Trial};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};

// ------------------------------------------------------------------------ known differences

/// One reason the export and the validator disagree, with a check that it explains a given
/// disagreement and a witness on which the difference must still show.
struct Known {
    id: &'static str,
    reason: &'static str,
    explains: fn(&Target, &[u8], &Observed) -> bool,
    /// `(JSON Structure schema document, instance text)`.
    witness: (&'static str, &'static str),
}

/// Every known way the verdicts differ. Keep each entry honest: its witness must differ, and it
/// only excuses disagreements it explains.
const KNOWN_DIFFERENCES: &[Known] = &[
    Known {
        id: "integral-number-with-fraction-or-exponent",
        reason: "JSON Structure integers admit no decimal point or exponent (core, \
                 #json-primitive-types: 'no decimal points'), so the validator rejects 1.0 and \
                 1e2 for int32 or int64; JSON Schema's `integer` is a mathematical integer, so \
                 it accepts them. After parsing, serde_json keeps 1.0 as a float, which \
                 `validate_value` also rejects; JSON Schema has no keyword about the lexical \
                 form of a number. Explained when turning such floats into integers makes the \
                 verdicts agree.",
        explains: explains_integral_float,
        witness: (
            r#"{"type": "object", "properties": {"n": {"type": "int32"}}}"#,
            r#"{"n": 1.0}"#,
        ),
    },
    Known {
        id: "duplicate-member-names",
        reason: "The byte validator sees every member and rejects a repeated declared property \
                 (INSTANCE_DUPLICATE_PROPERTY) or a second tagged-choice member; serde_json \
                 keeps only the last of duplicate keys, so `validate_value` and JSON Schema never \
                 see the first. Explained when the value verdicts agree.",
        explains: explains_duplicate_keys,
        witness: (
            r#"{"type": "object", "properties": {"a": {"type": "int8"}}}"#,
            r#"{"a": 1, "a": 2}"#,
        ),
    },
    Known {
        id: "not-json-for-serde_json",
        reason: "serde_json (and so every serde-based JSON Schema validator) cannot parse numbers \
                 beyond the f64 range such as 1e400, which JSON allows and the byte validator \
                 reads exactly (`number` accepts any JSON number), nor nesting of 128 levels \
                 (its recursion limit stops at 127; jsonstruct's max_depth admits 128). Such \
                 instances get no JSON Schema verdict and count as invalid there.",
        explains: explains_unparseable,
        witness: (r#"{"type": "number"}"#, "1e400"),
    },
    Known {
        id: "integer-beyond-64-bits",
        reason: "serde_json reads an integer literal beyond the 64-bit range as an f64, so \
                 -9223372036854775809 (i64::MIN - 1) becomes -9.223372036854776e18, equal to \
                 i64::MIN rounded, and JSON Schema's `minimum` accepts it for int64; the \
                 validator reads the digits and rejects it as out of range (and, from a Value, \
                 as a float). No JSON Schema keyword can tell the two apart after parsing.",
        explains: explains_beyond_64_bits,
        witness: (r#"{"type": "int64"}"#, "-9223372036854775809"),
    },
];

fn explains_integral_float(t: &Target, _: &[u8], o: &Observed) -> bool {
    let Some(value) = &o.value else { return false };
    let normalized = integral_floats_to_integers(value);
    if &normalized == value {
        return false;
    }
    let bytes = serde_json::to_vec(&normalized).unwrap();
    observe(t, &bytes).agrees()
}

fn explains_duplicate_keys(_: &Target, bytes: &[u8], o: &Observed) -> bool {
    has_duplicate_keys(bytes) && o.ours_value.is_some() && o.ours_value == o.theirs
}

fn explains_unparseable(_: &Target, _: &[u8], o: &Observed) -> bool {
    o.value.is_none()
}

fn explains_beyond_64_bits(_: &Target, _: &[u8], o: &Observed) -> bool {
    fn huge(v: &Value) -> bool {
        match v {
            Value::Number(n) => n
                .as_f64()
                .is_some_and(|x| n.is_f64() && x.fract() == 0.0 && x.abs() >= 9.2e18),
            Value::Array(a) => a.iter().any(huge),
            Value::Object(m) => m.values().any(huge),
            _ => false,
        }
    }
    o.value.as_ref().is_some_and(huge) && !o.ours_bytes && o.theirs == Some(true)
}

/// Floats with a zero fraction (`1.0`, `1e2`, `-0`) replaced by the integer of the same value,
/// where it fits 64 bits.
fn integral_floats_to_integers(v: &Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                json!(x as i64)
            } else {
                v.clone()
            }
        }
        Value::Array(a) => Value::Array(a.iter().map(integral_floats_to_integers).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), integral_floats_to_integers(v)))
                .collect(),
        ),
        _ => v.clone(),
    }
}

/// Whether some object in the JSON text repeats a member name.
fn has_duplicate_keys(bytes: &[u8]) -> bool {
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    struct Check;
    impl<'de> Visitor<'de> for Check {
        type Value = Check;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON without duplicate keys")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Check, E> {
            Ok(Check)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Check, E> {
            Ok(Check)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Check, E> {
            Ok(Check)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Check, E> {
            Ok(Check)
        }
        fn visit_str<E>(self, _: &str) -> Result<Check, E> {
            Ok(Check)
        }
        fn visit_unit<E>(self) -> Result<Check, E> {
            Ok(Check)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Check, A::Error> {
            while seq.next_element::<Check>()?.is_some() {}
            Ok(Check)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Check, A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key) {
                    return Err(serde::de::Error::custom("duplicate key"));
                }
                map.next_value::<Check>()?;
            }
            Ok(Check)
        }
    }
    impl<'de> Deserialize<'de> for Check {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Check, D::Error> {
            d.deserialize_any(Check)
        }
    }
    serde_json::from_slice::<Check>(bytes).is_err()
        && serde_json::from_slice::<Value>(bytes).is_ok()
}

// ------------------------------------------------------------------------ the two validators

/// One schema type compiled both ways.
struct Target {
    ours: Validator,
    js: jsonschema::Validator,
    exported: Value,
}

impl Target {
    /// The schema's root type; `numbers`: 64-bit integers as JSON numbers too, on both sides.
    fn root(schema: &Schema, numbers: bool) -> Result<Target, String> {
        let ty = schema.root().ok_or("the schema has no root type")?;
        let exported =
            export::json_schema(schema, &ExportOptions::default().int64_numbers(numbers));
        Target::build(schema, ty, exported, numbers)
    }

    /// A named definition, through `$ref` into the export's `$defs`.
    fn definition(schema: &Schema, name: &str, numbers: bool) -> Result<Target, String> {
        let reference = format!("#/definitions/{name}");
        let ty = schema.definition(&reference).ok_or("no such definition")?;
        let full = export::json_schema(schema, &ExportOptions::default().int64_numbers(numbers));
        let exported = json!({
            "$schema": export::DIALECT,
            "$ref": format!("#/$defs/{name}"),
            "$defs": full["$defs"],
        });
        Target::build(schema, ty, exported, numbers)
    }

    fn build(
        schema: &Schema,
        ty: TypeId,
        exported: Value,
        numbers: bool,
    ) -> Result<Target, String> {
        let js = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&exported)
            .map_err(|e| format!("jsonschema rejects the export: {e}"))?;
        Ok(Target {
            ours: Validator::for_type(schema, ty, Options::default().int64_numbers(numbers)),
            js,
            exported,
        })
    }
}

/// The verdicts on one instance.
#[derive(Debug)]
struct Observed {
    /// `validate(&bytes)`.
    ours_bytes: bool,
    /// `validate_value`, when serde_json parses the instance.
    ours_value: Option<bool>,
    /// jsonschema on the export, when serde_json parses the instance.
    theirs: Option<bool>,
    value: Option<Value>,
}

impl Observed {
    /// JSON Schema's verdict: an instance serde_json cannot parse is not valid JSON there.
    fn theirs_verdict(&self) -> bool {
        self.theirs.unwrap_or(false)
    }

    fn agrees(&self) -> bool {
        let t = self.theirs_verdict();
        self.ours_bytes == t && self.ours_value.is_none_or(|v| v == t)
    }

    fn describe(&self) -> String {
        let show = |v: Option<bool>| match v {
            Some(true) => "valid",
            Some(false) => "invalid",
            None => "n/a (serde_json cannot parse it)",
        };
        format!(
            "jsonstruct validate(bytes): {}, validate_value: {}, jsonschema: {}",
            show(Some(self.ours_bytes)),
            show(self.ours_value),
            show(self.theirs)
        )
    }
}

fn observe(t: &Target, bytes: &[u8]) -> Observed {
    let ours_bytes = t.ours.validate(bytes).is_ok();
    assert_eq!(
        ours_bytes,
        t.ours.is_valid(bytes),
        "is_valid and validate disagree"
    );
    let value: Option<Value> = serde_json::from_slice(bytes).ok();
    let ours_value = value.as_ref().map(|v| {
        let verdict = t.ours.validate_value(v).is_ok();
        assert_eq!(
            verdict,
            t.ours.is_valid_value(v),
            "is_valid_value and validate_value disagree"
        );
        verdict
    });
    let theirs = value.as_ref().map(|v| t.js.is_valid(v));
    Observed {
        ours_bytes,
        ours_value,
        theirs,
        value,
    }
}

/// `Ok(None)` when the verdicts agree, `Ok(Some(id))` when a known difference explains the
/// disagreement, `Err` otherwise.
fn judge(t: &Target, bytes: &[u8]) -> Result<Option<&'static str>, String> {
    let o = observe(t, bytes);
    if o.agrees() {
        return Ok(None);
    }
    match KNOWN_DIFFERENCES.iter().find(|k| (k.explains)(t, bytes, &o)) {
        Some(k) => Ok(Some(k.id)),
        None => Err(format!(
            "verdicts differ and no known difference explains it\n{}\ninstance: {}\nexported schema:\n{}",
            o.describe(),
            String::from_utf8_lossy(bytes),
            serde_json::to_string_pretty(&t.exported).unwrap_or_default()
        )),
    }
}

// ------------------------------------------------------------------------ corpus

type Case = support::Instance<Arc<Target>>;

fn load(path: &Path) -> Result<Schema, String> {
    Schema::from_path(path).map_err(|e| e.to_string())
}

/// Loads a schema and compiles its root both ways; `None` (with the reason in `skipped`) when
/// either side cannot.
fn target(path: &Path, skipped: &mut Vec<String>) -> Option<(Schema, Arc<Target>)> {
    let schema = match load(path) {
        Ok(s) => s,
        Err(e) => {
            let first = e.to_string().lines().next().unwrap_or_default().to_owned();
            skipped.push(first);
            return None;
        }
    };
    match Target::root(&schema, support::int64_numbers_for(path)) {
        Ok(t) => Some((schema, Arc::new(t))),
        Err(e) => {
            skipped.push(format!("{}: {e}", path.display()));
            None
        }
    }
}

fn session_schema() -> Schema {
    load(&support::session_schema_path()).expect("the Session schema loads")
}

fn clerk_cases(root: &Path) -> Vec<Case> {
    let schema = session_schema();
    let numbers = support::int64_numbers_for(&support::session_schema_path());
    let session = Arc::new(Target::root(&schema, numbers).expect("Session compiles"));
    let actor =
        Arc::new(Target::definition(&schema, "SessionActor", numbers).expect("SessionActor"));
    support::clerk_instances(root, &session, &actor)
}

// ------------------------------------------------------------------------ generated Sessions

use jsonstruct_test_support::session::{REQUIRED, TIMESTAMPS};
use jsonstruct_test_support::strategies::session as valid_session;

/// A number written exactly as given in the JSON text (a placeholder string in the value,
/// replaced after serialization).
fn raw(text: &str) -> Value {
    Value::String(format!("\u{1}RAW:{text}"))
}

fn to_bytes(v: &Value) -> Vec<u8> {
    let text = serde_json::to_string(v).unwrap();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("\"\\u0001RAW:") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "\"\\u0001RAW:".len()..];
        let end = after.find('"').unwrap();
        out.push_str(&after[..end]);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Ways to break (or keep, for some) a valid Session.
#[derive(Debug, Clone)]
enum Mutation {
    None,
    DropRequired(usize),
    AddUnknown(String),
    WrongType(usize, Value),
    Timestamp(usize, Value),
    Status(String),
    NullRequired(usize),
    Activity(usize),
    Actor(usize),
    Tasks(usize),
    Deep(usize),
}

fn wrong_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(true)),
        Just(json!(42)),
        Just(json!("text")),
        Just(json!([])),
        Just(json!({})),
        Just(json!(1.5)),
    ]
}

fn timestamp_mutation() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(1.5)),
        Just(json!(1746645421127.25)),
        Just(raw("1746645421127.0")),
        Just(raw("1.746645421127e12")),
        Just(raw("-0")),
        Just(json!(-1)),
        Just(json!(i64::MIN)),
        Just(json!(i64::MAX)),
        Just(raw("9223372036854775808")),
        Just(raw("-9223372036854775809")),
        Just(raw("18446744073709551616")),
        Just(json!("1746645421127")),
        Just(json!("-1746645421127")),
        Just(json!("9223372036854775808")),
        Just(json!("01746645421127")),
        Just(json!("1.7e12")),
        Just(json!("+1")),
        Just(json!("")),
        Just(json!(" 1")),
        Just(Value::Null),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => Just(Mutation::None),
        2 => (0..REQUIRED.len()).prop_map(Mutation::DropRequired),
        2 => prop_oneof![Just("user".to_owned()), "[a-z_$]{1,10}"].prop_map(Mutation::AddUnknown),
        2 => (0..REQUIRED.len(), wrong_value()).prop_map(|(i, v)| Mutation::WrongType(i, v)),
        4 => (0..TIMESTAMPS.len(), timestamp_mutation()).prop_map(|(i, v)| Mutation::Timestamp(i, v)),
        2 => prop_oneof![
            Just("Active".to_owned()),
            Just("".to_owned()),
            Just("unknown_state".to_owned()),
            "[a-z]{3,10}",
        ]
        .prop_map(Mutation::Status),
        1 => (0..REQUIRED.len()).prop_map(Mutation::NullRequired),
        3 => (0..8usize).prop_map(Mutation::Activity),
        3 => (0..6usize).prop_map(Mutation::Actor),
        2 => (0..5usize).prop_map(Mutation::Tasks),
        1 => (100..150usize).prop_map(Mutation::Deep),
    ]
}

fn nest(depth: usize) -> Value {
    let mut v = json!("leaf");
    for i in 0..depth {
        v = if i % 2 == 0 {
            json!([v])
        } else {
            json!({ "n": v })
        };
    }
    v
}

fn apply(mut session: Value, m: &Mutation) -> Value {
    let obj = session.as_object_mut().unwrap();
    match m {
        Mutation::None => {}
        Mutation::DropRequired(i) => {
            obj.remove(REQUIRED[*i]);
        }
        Mutation::AddUnknown(key) => {
            obj.insert(key.clone(), json!("extra"));
        }
        Mutation::WrongType(i, v) => {
            obj.insert(REQUIRED[*i].into(), v.clone());
        }
        Mutation::Timestamp(i, v) => {
            obj.insert(TIMESTAMPS[*i].into(), v.clone());
        }
        Mutation::Status(s) => {
            obj.insert("status".into(), s.as_str().into());
        }
        Mutation::NullRequired(i) => {
            obj.insert(REQUIRED[*i].into(), Value::Null);
        }
        Mutation::Activity(k) => {
            let mut a = obj
                .get("latest_activity")
                .filter(|a| a.is_object())
                .cloned()
                .unwrap_or_else(|| json!({ "id": "sess_activity_x", "object": "session_activity", "is_mobile": false }));
            let am = a.as_object_mut().unwrap();
            match k {
                0 => drop(am.remove("id")),
                1 => drop(am.insert("is_mobile".into(), json!("false"))),
                2 => drop(am.insert("device_type".into(), Value::Null)),
                3 => drop(am.insert("unexpected_field".into(), json!(1))),
                4 => drop(am.insert("object".into(), json!("not_session_activity"))),
                5 => drop(am.insert("city".into(), json!(7))),
                6 => drop(am.remove("is_mobile")),
                _ => a = json!("not an object"),
            }
            obj.insert("latest_activity".into(), a);
        }
        Mutation::Actor(k) => {
            let mut a = obj
                .get("actor")
                .filter(|a| a.is_object())
                .cloned()
                .unwrap_or_else(|| json!({ "sub": "user_x" }));
            let am = a.as_object_mut().unwrap();
            match k {
                0 => drop(am.remove("sub")),
                1 => drop(am.insert("sub".into(), json!(12))),
                2 => drop(am.insert(
                    "claims".into(),
                    json!({ "nested": [1, 2, { "deep": null }] }),
                )),
                3 => drop(am.insert("iss".into(), Value::Null)),
                4 => a = json!([]),
                _ => a = json!("user_x"),
            }
            obj.insert("actor".into(), a);
        }
        Mutation::Tasks(k) => {
            let t = match k {
                0 => json!([{}]),
                1 => json!([{ "key": 5 }]),
                2 => json!({ "key": "setup-mfa" }),
                3 => json!([{ "key": "setup-mfa", "extra": true }]),
                _ => json!([null]),
            };
            obj.insert("tasks".into(), t);
        }
        Mutation::Deep(depth) => {
            let mut a = obj
                .get("actor")
                .filter(|a| a.is_object())
                .cloned()
                .unwrap_or_else(|| json!({ "sub": "user_x" }));
            a.as_object_mut()
                .unwrap()
                .insert("deep".into(), nest(*depth));
            obj.insert("actor".into(), a);
        }
    }
    session
}

/// Runs the generator; returns (cases, agreements, explained disagreements by id).
fn generated_sessions(cases: u32) -> Result<String, Failed> {
    let schema = session_schema();
    let numbers = support::int64_numbers_for(&support::session_schema_path());
    let target = Target::root(&schema, numbers).map_err(Failed::from)?;
    let tally = std::cell::RefCell::new((
        0u32,
        0u32,
        std::collections::BTreeMap::<&str, u32>::new(),
        0u32,
    ));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&(valid_session(), mutation()), |(session, m)| {
        let bytes = to_bytes(&apply(session, &m));
        let verdict =
            judge(&target, &bytes).map_err(|e| TestCaseError::fail(format!("{m:?}: {e}")))?;
        let mut t = tally.borrow_mut();
        t.0 += 1;
        match verdict {
            None => t.1 += 1,
            Some(id) => *t.2.entry(id).or_default() += 1,
        }
        if observe(&target, &bytes).ours_bytes {
            t.3 += 1;
        }
        Ok(())
    });
    result.map_err(|e| Failed::from(e.to_string()))?;
    let (n, agree, known, valid) = tally.into_inner();
    Ok(format!(
        "{n} generated Session payloads ({valid} valid for jsonstruct): {agree} agree, known differences {known:?}"
    ))
}

// ------------------------------------------------------------------------ trials

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();

    if let Some(root) = support::differential_or_skip("differential_jsonschema") {
        let mut skipped = Vec::new();
        let mut cases = support::corpus_instances(&root, &mut skipped, target);
        cases.extend(clerk_cases(&root));
        let mut agree = 0;
        let mut known: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        let mut unexplained = Vec::new();
        for case in &cases {
            match judge(&case.target, &case.bytes) {
                Ok(None) => agree += 1,
                Ok(Some(id)) => known.entry(id).or_default().push(case.name.clone()),
                Err(_) => unexplained.push(case.name.clone()),
            }
        }
        eprintln!(
            "differential_jsonschema: {} corpus and Clerk instances: {agree} agree, {} differ as known ({}), {} unexplained{}",
            cases.len(),
            known.values().map(Vec::len).sum::<usize>(),
            known
                .iter()
                .map(|(id, names)| format!("{id}: {}", names.join(", ")))
                .collect::<Vec<_>>()
                .join("; "),
            unexplained.len(),
            if unexplained.is_empty() { String::new() } else { format!(" ({})", unexplained.join(", ")) }
        );
        for s in &skipped {
            eprintln!("differential_jsonschema: skipped {s}");
        }
        trials.push(support::instance_count_trial(cases.len()));
        for case in cases {
            trials.push(Trial::test(case.name.clone(), move || {
                judge(&case.target, &case.bytes)
                    .map(|_| ())
                    .map_err(Failed::from)
            }));
        }
    }

    for k in KNOWN_DIFFERENCES {
        trials.push(Trial::test(format!("known::{}", k.id), move || {
            let (schema_doc, instance) = k.witness;
            let mut doc: Value = serde_json::from_str(schema_doc).unwrap();
            let m = doc.as_object_mut().unwrap();
            m.insert(
                "$schema".into(),
                "https://json-structure.org/meta/core/v0/#".into(),
            );
            m.insert("$id".into(), "https://example.com/witness".into());
            m.insert("name".into(), "Witness".into());
            let schema = Schema::from_slice(&serde_json::to_vec(&doc).unwrap())
                .map_err(|e| Failed::from(e.to_string()))?;
            // The witnesses were written for Session-like data: numbers accepted, as there.
            let target = Target::root(&schema, true).map_err(Failed::from)?;
            let o = observe(&target, instance.as_bytes());
            if o.agrees() {
                return Err(format!(
                    "stale known difference {}: the witness {instance} no longer differs ({}); \
                     remove the entry if this is understood. Its reason was: {}",
                    k.id,
                    o.describe(),
                    k.reason
                )
                .into());
            }
            match judge(&target, instance.as_bytes()) {
                Ok(Some(id)) if id == k.id => Ok(()),
                other => Err(format!("the witness of {} is explained as {other:?}", k.id).into()),
            }
        }));
    }

    let cases: u32 = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1024);
    trials.push(Trial::test("proptest::session", move || {
        let summary = generated_sessions(cases)?;
        eprintln!("differential_jsonschema: {summary}");
        Ok(())
    }));

    libtest_mimic::run(&args, trials).exit();
}
