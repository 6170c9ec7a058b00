//! The JSON Schema export of real schemas is valid JSON Schema 2020-12 (meta-validation with the
//! `jsonschema` crate), compiles with format assertion on, and accepts the schemas' own examples;
//! and the validator's `Report` serializes in the shape of the CLI's `--format json` entries.

mod support;

use std::path::{Path, PathBuf};

use jsonstruct::export::{self, ExportOptions};
use jsonstruct::{Schema, Validator};
use jsonstruct_test_support::corpus::{self, counts};
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Meta-validates the export (lenient and strict) and compiles it; returns the lenient export.
fn check_export(schema: &Schema, label: &str) -> Result<Value, String> {
    let mut lenient = None;
    for strict_64 in [false, true] {
        let out = export::json_schema(schema, &ExportOptions::default().int64_numbers(!strict_64));
        jsonschema::draft202012::meta::validate(&out)
            .map_err(|e| format!("{label} (strict: {strict_64}): not valid 2020-12: {e}"))?;
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&out)
            .map_err(|e| format!("{label} (strict: {strict_64}): does not compile: {e}"))?;
        lenient.get_or_insert(out);
    }
    Ok(lenient.unwrap_or_default())
}

#[test]
fn the_session_export_is_valid_json_schema_2020_12() {
    let path = workspace().join("schemas/clerk/session.struct.json");
    let schema = Schema::from_path(&path).unwrap();
    let out = check_export(&schema, "session").unwrap_or_else(|e| panic!("{e}"));
    assert!(jsonschema::meta::is_valid(&out));
    assert_eq!(out["$schema"], export::DIALECT);
    assert_eq!(out["additionalProperties"], false);
    assert_eq!(
        out["required"].as_array().map(Vec::len),
        Some(10),
        "the ten required Session members"
    );
    assert_eq!(out["properties"]["object"]["const"], "session");
    assert_eq!(out["properties"]["status"]["$ref"], "#/$defs/SessionStatus");
    assert_eq!(
        out["$defs"]["SessionStatus"]["enum"]
            .as_array()
            .map(Vec::len),
        Some(8)
    );
    // The schema's own examples are valid for the export too.
    let js = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&out)
        .unwrap();
    let examples = out["examples"]
        .as_array()
        .expect("the Session schema has examples");
    for example in examples {
        assert!(js.is_valid(example), "{example}");
        let mut with_meta = example.clone();
        with_meta["$schema"] = schema.id().into();
        assert!(
            js.is_valid(&with_meta),
            "the root $schema member is metadata"
        );
    }
}

#[test]
fn every_loadable_corpus_schema_exports_to_valid_json_schema() {
    // The schemas of these folders: all but `invalid`.
    let cases =
        counts::total(counts::SCHEMA_FOLDERS) - counts::of(counts::SCHEMA_FOLDERS, "invalid");
    let Some(shared) = corpus::open(
        "export_json_schema",
        "every_loadable_corpus_schema_exports_to_valid_json_schema",
        &["conformance/README.md"],
        cases,
    ) else {
        return;
    };
    let root = shared.join("conformance");
    let mut paths: Vec<PathBuf> = Vec::new();
    let list = |dir: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    for dir in list(&root.join("samples/core")) {
        paths.push(dir.join("schema.struct.json"));
    }
    for folder in ["validation", "warnings", "adversarial"] {
        paths.extend(
            list(&root.join("test-assets/schemas").join(folder))
                .into_iter()
                .filter(|p| p.to_string_lossy().ends_with(".struct.json")),
        );
    }
    let (mut exported, mut rejected, mut failures) = (0, 0, Vec::new());
    for path in paths.iter().filter(|p| p.is_file()) {
        let label = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let Ok(schema) = Schema::from_path(path) else {
            // The checker rejects it (adversarial and invalid cases): nothing to export.
            rejected += 1;
            continue;
        };
        match check_export(&schema, &label) {
            Ok(_) => exported += 1,
            Err(e) => failures.push(e),
        }
    }
    eprintln!(
        "export_json_schema: {exported} corpus schemas exported and meta-validated, {rejected} \
         rejected by the checker"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // 12 samples + 16 validation + 24 warnings + the adversarial schemas that load.
    assert!(exported >= 52, "only {exported} schemas exported");
}

#[test]
fn the_exported_examples_are_valid_for_jsonstruct_too() {
    // Every `examples` array the export carries over is accepted by jsonstruct too.
    let path = workspace().join("schemas/clerk/session.struct.json");
    let schema = Schema::from_path(&path).unwrap();
    // With the workspace's settings (schemas/jsonstruct.toml: int64 numbers), on both sides.
    let validator = Validator::with_options(&schema, support::options_for(&path)).unwrap();
    let numbers = support::int64_numbers_for(&path);
    let out = export::json_schema(&schema, &ExportOptions::default().int64_numbers(numbers));
    for example in out["examples"].as_array().unwrap() {
        assert!(validator.is_valid_value(example), "{example}");
    }
}

#[test]
fn the_report_serializes_like_the_cli_json_entries() {
    let path = workspace().join("schemas/clerk/session.struct.json");
    let schema = Schema::from_path(&path).unwrap();
    let validator = Validator::new(&schema).unwrap();
    let bytes = b"{\n  \"object\": \"session\",\n  \"id\": 5\n}";
    let report = validator.validate(bytes).unwrap_err();
    let v = serde_json::to_value(&report).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    // No verdict of its own: `Err(report)` is the verdict, and the CLI writes `valid` itself.
    assert_eq!(keys, ["errors"]);
    let errors = v["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    for e in errors {
        let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["code", "column", "line", "message", "path", "schema_path"],
            "{e}"
        );
        assert!(e["code"].as_str().unwrap().starts_with("INSTANCE_"));
        assert!(e["line"].is_u64() && e["column"].is_u64(), "located: {e}");
        assert!(e["message"].is_string() && e["schema_path"].is_string());
    }
    let wrong_id = errors
        .iter()
        .find(|e| e["path"] == "/id")
        .expect("an error at /id");
    assert_eq!(wrong_id["code"], "INSTANCE_STRING_EXPECTED");
    assert_eq!(
        (wrong_id["line"].as_u64(), wrong_id["column"].as_u64()),
        (Some(3), Some(9))
    );
    assert_eq!(wrong_id["schema_path"], "/properties/id");
    // From a Value there is no source text: line and column are null, the keys stay.
    let value: Value = serde_json::from_slice(bytes).unwrap();
    let v = serde_json::to_value(validator.validate_value(&value).unwrap_err()).unwrap();
    let e = &v["errors"][0];
    assert!(e["line"].is_null() && e["column"].is_null());
    assert!(e.get("schema_path").is_some());
}
