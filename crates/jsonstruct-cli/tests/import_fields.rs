//! `jsonstruct import fields`: the built binary converts the seed's "fields" document into JSON
//! Structure Core that agrees with `schemas/clerk/session.struct.json` on property names, the
//! required list and nullability, and that passes `jsonstruct check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use jsonstruct::schema::{ObjectType, Primitive};
use jsonstruct::{Schema, TypeId, TypeKind};

const BIN: &str = env!("CARGO_BIN_EXE_jsonstruct");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed document (with its prose first line), or `None` when the shared folder lacks it:
/// `test` is then recorded as not run (or fails under `JSONSTRUCT_REQUIRE_CORPUS`).
fn seed(test: &str) -> Option<Vec<u8>> {
    const SEED: &str = "seeds/003_d1cb95566bd1e1d9.txt";
    let shared = jsonstruct_test_support::corpus::open("import_fields", test, &[SEED], 1)?;
    let path = shared.join(SEED);
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// A fresh file under Cargo's per-test temporary directory.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "import_fields-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

fn jsonstruct(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run jsonstruct")
}

fn import(path: &Path) -> Output {
    jsonstruct(&["import", "fields", path.to_str().expect("utf-8 path")])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn root_object(schema: &Schema) -> &ObjectType {
    match &schema.node(schema.root().expect("root type")).kind {
        TypeKind::Object(o) => o,
        other => panic!("root is a {}", other.describe()),
    }
}

/// Whether a property's type is a union with `null`.
fn nullable(schema: &Schema, ty: TypeId) -> bool {
    match &schema.node(ty).kind {
        TypeKind::Union(members) => members.iter().any(
            |&m| matches!(&schema.node(m).kind, TypeKind::Primitive(p) if p.ty == Primitive::Null),
        ),
        _ => false,
    }
}

/// `(name, required, nullable)` of every root property, in order.
fn shape(schema: &Schema) -> Vec<(String, bool, bool)> {
    root_object(schema)
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.required, nullable(schema, p.ty)))
        .collect()
}

fn required_list(doc: &serde_json::Value) -> Vec<String> {
    doc["required"]
        .as_array()
        .expect("required array")
        .iter()
        .map(|v| v.as_str().expect("string").to_owned())
        .collect()
}

#[test]
fn seed_import_agrees_with_the_session_schema() {
    let Some(seed) = seed("seed_import_agrees_with_the_session_schema") else {
        return;
    };
    let input = temp_file("seed.txt", &seed);
    let out = import(&input);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "import failed: {stderr}");

    let imported = Schema::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let session_path = workspace().join("schemas/clerk/session.struct.json");
    let session = Schema::from_path(&session_path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.name(), Some("Session"));
    // Property names in order, required flags and nullability.
    assert_eq!(shape(&imported), shape(&session));

    // The required list itself, in order.
    let imported_doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let session_doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&session_path).unwrap()).unwrap();
    assert_eq!(required_list(&imported_doc), required_list(&session_doc));

    // Timestamps are int64, like the schema's; descriptions are carried over, trimmed.
    let o = root_object(&imported);
    for name in [
        "last_active_at",
        "expire_at",
        "abandon_at",
        "updated_at",
        "created_at",
    ] {
        let ty = o.property(name).expect(name).ty;
        assert!(
            matches!(&imported.node(ty).kind, TypeKind::Primitive(p) if p.ty == Primitive::Int64),
            "{name} is not int64"
        );
    }
    let expire = imported.node(o.property("expire_at").unwrap().ty);
    assert_eq!(
        expire.description.as_deref(),
        Some("Unix timestamp of expiration.")
    );
    // Empty descriptions are omitted.
    assert!(imported_doc["properties"]["id"]
        .get("description")
        .is_none());
    // Deterministic key order at the root.
    let keys: Vec<&str> = imported_doc
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let out_text = text(&out.stdout);
    let mut positions: Vec<(usize, &str)> = keys
        .iter()
        .map(|k| (out_text.find(&format!("\n  \"{k}\":")).expect(k), *k))
        .collect();
    positions.sort_unstable();
    let order: Vec<&str> = positions.into_iter().map(|(_, k)| k).collect();
    assert_eq!(
        order,
        [
            "$schema",
            "$id",
            "name",
            "description",
            "type",
            "properties",
            "required",
            "definitions"
        ]
    );
    assert_eq!(
        imported_doc["$schema"],
        "https://json-structure.org/meta/core/v0/#"
    );
    assert_eq!(imported_doc["$id"], "urn:jsonstruct:import:Session");

    // stderr: the skipped prose line, then one warning per lossy field, naming it.
    assert!(
        stderr.contains("skipped 144 bytes of text before the JSON object"),
        "{stderr}"
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 4, "{stderr}");
    for (line, field) in
        warnings
            .iter()
            .zip(["actor", "last_active_at", "latest_activity", "tasks"])
    {
        assert!(line.contains(&format!("field '{field}'")), "{line}");
    }

    // The output passes `jsonstruct check`.
    let output = temp_file("session.struct.json", &out.stdout);
    let check = jsonstruct(&["check", output.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "check failed: {}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    assert!(text(&check.stdout).contains(": valid (0 error(s), 0 warning(s))"));
}

#[test]
fn seed_json_without_prose_gives_the_same_output_every_time() {
    let Some(seed) = seed("seed_json_without_prose_gives_the_same_output_every_time") else {
        return;
    };
    let start = seed.iter().position(|&b| b == b'{').unwrap();
    let with_prose = import(&temp_file("seed.txt", &seed));
    let json_only = temp_file("seed.json", &seed[start..]);
    let first = import(&json_only);
    let second = import(&json_only);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert_eq!(first.stdout, second.stdout, "output is not deterministic");
    assert_eq!(first.stdout, with_prose.stdout);
    assert!(!text(&first.stderr).contains("skipped"));
}

/// Untyped objects and arrays: `map` of `any` / `array` of `any`, inline when not nullable and
/// as a named definition referenced from a union with null when nullable.
#[test]
fn untyped_compounds_inline_or_named() {
    let input = temp_file(
        "compound.json",
        br#"{"entity": "Thing", "fields": [
            {"name": "meta", "type": "object", "nullable": false, "description": "  Free-form.  "},
            {"name": "extra", "type": "object", "nullable": true},
            {"name": "tags", "type": "array", "nullable": true},
            {"name": "items", "type": "array"},
            {"name": "when", "type": "string", "format": "date-time", "nullable": true},
            {"name": "ratio", "type": "number"},
            {"name": "anything"}
        ], "required": ["meta", "nope"]}"#,
    );
    let out = import(&input);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let props = &doc["properties"];
    assert_eq!(
        props["meta"],
        serde_json::json!({"type": "map", "description": "Free-form.", "values": {"type": "any"}})
    );
    assert_eq!(
        props["extra"]["type"],
        serde_json::json!([{"$ref": "#/definitions/ThingExtra"}, "null"])
    );
    assert_eq!(doc["definitions"]["ThingExtra"]["type"], "map");
    assert_eq!(
        props["tags"]["type"],
        serde_json::json!([{"$ref": "#/definitions/ThingTags"}, "null"])
    );
    assert_eq!(
        doc["definitions"]["ThingTags"]["items"],
        serde_json::json!({"type": "any"})
    );
    assert_eq!(
        props["items"],
        serde_json::json!({"type": "array", "items": {"type": "any"}})
    );
    assert_eq!(
        props["when"]["type"],
        serde_json::json!(["datetime", "null"])
    );
    assert_eq!(props["ratio"]["type"], "number");
    assert_eq!(props["anything"]["type"], "any");
    assert_eq!(doc["required"], serde_json::json!(["meta"]));
    for field in ["meta", "extra", "tags", "items", "anything"] {
        assert!(
            stderr.contains(&format!("warning: field '{field}'")),
            "no warning for {field}: {stderr}"
        );
    }
    assert!(stderr.contains("'nope'"), "{stderr}");
    for quiet in ["when", "ratio"] {
        assert!(!stderr.contains(&format!("field '{quiet}'")), "{stderr}");
    }
    let output = temp_file("thing.struct.json", &out.stdout);
    assert!(jsonstruct(&["check", output.to_str().unwrap()])
        .status
        .success());
}

#[test]
fn id_option() {
    let input = temp_file(
        "id.json",
        br#"{"entity": "E", "fields": [{"name": "a", "type": "string"}]}"#,
    );
    let path = input.to_str().unwrap();
    let out = jsonstruct(&["import", "fields", "--id", "https://example.com/e", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["$id"], "https://example.com/e");

    let out = jsonstruct(&["import", "fields", "--id", "not a uri", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not an absolute URI"));
}

#[test]
fn prose_after_the_object_is_ignored_with_a_note() {
    let input = temp_file(
        "trailing.txt",
        b"Intro.\n{\"entity\": \"E\", \"fields\": [{\"name\": \"a\", \"type\": \"boolean\"}]}\nThat was it.\n",
    );
    let out = import(&input);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("skipped 7 bytes"), "{stderr}");
    assert!(
        stderr.contains("ignored 13 bytes of text after the JSON object, from line 3, column 1"),
        "{stderr}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["properties"]["a"]["type"], "boolean");
}

/// Exit 2 with a message that names the file, line and column.
fn fails_with(contents: &[u8], expected: &str) {
    let input = temp_file("bad.json", contents);
    let out = import(&input);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(out.stdout.is_empty(), "printed output despite the error");
    let want = format!("{}{expected}", input.display());
    assert!(stderr.contains(&want), "expected {want:?} in {stderr:?}");
}

#[test]
fn malformed_input_exits_2_with_a_location() {
    // Truncated after the prose line: the end of the input is line 3, column 14.
    fails_with(
        b"A prose line.\n{\"entity\": \"E\",\n \"fields\": [{",
        ":3:14: not well-formed JSON: unexpected end of input",
    );
    fails_with(
        b"{\"entity\": \"E\", \"fields\": [\n  {\"name\": \"a\", \"type\": \"string\"},,\n]}",
        ":2:35: not well-formed JSON: unexpected character ','",
    );
    fails_with(b"no json here", ": no JSON object in the input");
    fails_with(
        b"{\"entity\": \"E\",\n \"fields\": {}}",
        ":2:12: 'fields' must be an array",
    );
    fails_with(
        b"{\"entity\": \"E\", \"fields\": [\n  {\"type\": \"string\"}]}",
        ":2:3: fields[0] has no 'name'",
    );
    fails_with(
        b"{\"entity\": \"E\", \"fields\": [{\"name\": \"a\", \"nullable\": \"yes\"}]}",
        ":1:54: field 'a': 'nullable' must be a boolean",
    );
    fails_with(b"{\"fields\": []}", ":1:1: the document has no 'entity'");
    let mut invalid_utf8 = b"{\"entity\": \"E\", \"fields\": [{\"name\": \"a".to_vec();
    invalid_utf8.extend_from_slice(&[0xff, b'"', b'}', b']', b'}']);
    fails_with(&invalid_utf8, ":1:39: not well-formed JSON: invalid UTF-8");
}

#[test]
fn unreadable_file_exits_2() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("does-not-exist.json");
    let out = import(&missing);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert!(stderr.contains("does-not-exist.json"), "{stderr}");
}
