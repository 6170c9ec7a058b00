//! Generated types lose nothing the validator accepts: every instance of the external corpus
//! (`<shared>/external`) that the drafts judge valid is read into the Rust type generated for
//! its case's schema and written back, and must come back with every member it had (up to
//! `null` versus absent, which read alike as `None`; values may change form, such as an
//! `int64` number written as the spec's string).
//!
//! The generated modules of all cases are compiled into one throw-away crate (outside the
//! workspace, offline) whose binary does the round trips, so the test costs one build.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use jsonstruct::schema::SchemaSet;
use jsonstruct::Validator;
use jsonstruct_codegen::{Builder, Int64Encoding};
use jsonstruct_test_support::corpus;
use serde_json::Value;

/// Judged-valid instance lines of the corpus, grouped by case folder.
fn valid_instances(external: &Path) -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(external.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut cases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (path, judged) = (cols[0], cols.get(4).copied().unwrap_or_default());
        if judged != "valid" || path.ends_with(".struct.json") || !path.starts_with("instances/") {
            continue;
        }
        let (case, file) = path.rsplit_once('/').expect("instances/<case>/<file>");
        cases
            .entry(case.to_owned())
            .or_default()
            .push(file.to_owned());
    }
    cases
}

/// Members of `input` that `output` lacks, as JSON Pointers; a member whose value is `null`
/// may be absent (optional members read `null` and absence alike).
fn lost(input: &Value, output: &Value, at: &str, out: &mut Vec<String>) {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{at}/{k}");
                match b.get(k) {
                    Some(w) => lost(v, w, &p, out),
                    None if v.is_null() => {}
                    None => out.push(p),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{at} ({} items, {} written)", a.len(), b.len()));
            }
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                lost(v, w, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_valid_external_instance_round_trips_through_generated_types() {
    let Some(shared) = corpus::open(
        "external_round_trip",
        "every_valid_external_instance_round_trips_through_generated_types",
        &["external/MANIFEST.tsv"],
        1,
    ) else {
        return;
    };
    let external = shared.join("external");
    let crate_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("external-round-trip");
    let src = crate_dir.join("src");
    std::fs::create_dir_all(&src).unwrap();

    // One module per case whose schema loads and has a root type.
    let mut modules = String::new();
    let mut dispatch = String::new();
    let mut jobs: Vec<(usize, PathBuf, Value)> = Vec::new();
    let mut cases = 0;
    for (case, files) in valid_instances(&external) {
        let schema_file = external.join(&case).join("schema.struct.json");
        let mut set = SchemaSet::new();
        let doc = set.add_file(&schema_file).expect("read the case schema");
        let schema = set
            .load(doc)
            .unwrap_or_else(|e| panic!("{case}: judged-valid instances, but {e}"));
        let Ok(validator) = Validator::new(&schema) else {
            continue; // no root type: nothing to deserialize into
        };
        let module = Builder::new()
            .schema(&schema_file)
            .int64(Int64Encoding::String)
            .cargo_metadata(false)
            .modules()
            .unwrap_or_else(|e| panic!("{case}: {e}"))
            .remove(0);
        let Some(root) = module.root_type else {
            continue;
        };
        let i = cases;
        cases += 1;
        std::fs::write(src.join(format!("c{i}.rs")), &module.contents).unwrap();
        let _ = writeln!(
            modules,
            "#[allow(clippy::all, dead_code)]\nmod c{i} {{ include!(\"c{i}.rs\"); }}"
        );
        let _ = writeln!(
            dispatch,
            "        {i} => serde_json::to_string(&serde_json::from_str::<c{i}::{root}>(json).map_err(|e| e.to_string())?).map_err(|e| e.to_string()),"
        );
        for file in files {
            let path = external.join(&case).join(&file);
            let bytes = std::fs::read(&path).unwrap();
            // What the validator accepts is the promise; where it disagrees with a judged
            // verdict, the external suite's disagreement table argues why.
            if !validator.is_valid(&bytes) {
                continue;
            }
            let value: Value = serde_json::from_slice(&bytes).unwrap();
            jobs.push((i, path, value));
        }
    }
    assert!(cases > 50, "only {cases} cases with a root type");

    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../jsonstruct-types");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"external-round-trip\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\njsonstruct-types = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n",
            runtime.canonicalize().unwrap()
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("main.rs"),
        format!(
            "{modules}\nfn round_trip(case: usize, json: &str) -> Result<String, String> {{\n    match case {{\n{dispatch}        _ => Err(\"no such case\".into()),\n    }}\n}}\n\nfn main() {{\n    let list = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();\n    for line in list.lines() {{\n        let (case, path) = line.split_once('\\t').unwrap();\n        let json = std::fs::read_to_string(path).unwrap();\n        match round_trip(case.parse().unwrap(), &json) {{\n            Ok(out) => println!(\"ok\\t{{out}}\"),\n            Err(e) => println!(\"err\\t{{}}\", e.replace('\\n', \" \")),\n        }}\n    }}\n}}\n"
        ),
    )
    .unwrap();
    let list = crate_dir.join("instances.tsv");
    let listing: String = jobs
        .iter()
        .map(|(i, p, _)| format!("{i}\t{}\n", p.display()))
        .collect();
    std::fs::write(&list, listing).unwrap();

    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--")
        .arg(&list)
        .env("CARGO_TARGET_DIR", crate_dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "the generated types do not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let results: Vec<&str> = stdout.lines().collect();
    assert_eq!(results.len(), jobs.len(), "one result per instance");

    let mut failures = Vec::new();
    for ((_, path, input), result) in jobs.iter().zip(results) {
        let shown = path.strip_prefix(&external).unwrap_or(path).display();
        match result.split_once('\t') {
            Some(("ok", written)) => {
                let output: Value = serde_json::from_str(written).unwrap();
                let mut missing = Vec::new();
                lost(input, &output, "", &mut missing);
                if !missing.is_empty() {
                    failures.push(format!("{shown}: loses {}", missing.join(", ")));
                }
            }
            other => failures.push(format!("{shown}: does not read: {other:?}")),
        }
    }
    eprintln!(
        "external round trip: {} instances of {cases} schemas, {} lose something",
        jobs.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
