//! `jsonstruct export json-schema` end to end: the Session schema comes out as the library's
//! export, pretty-printed, with exit 0; `--strict` drops the number form of 64-bit integers;
//! a broken or missing schema prints located diagnostics on stderr, nothing on stdout, exit 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jsonstruct::export::{self, ExportOptions};
use jsonstruct::Schema;

fn jsonstruct(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jsonstruct"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("jsonstruct runs")
}

fn session() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/clerk/session.struct.json")
}

fn scratch(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jsonstruct-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn exports_the_session_schema() {
    let path = session();
    let out = jsonstruct(&["export", "json-schema", "--schema", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("{\n  \""), "pretty-printed: {text}");
    assert!(text.ends_with("}\n"));
    let printed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema = Schema::from_path(&path).unwrap();
    // schemas/jsonstruct.toml accepts 64-bit integers as JSON numbers: the command reads it.
    assert_eq!(
        printed,
        export::json_schema(&schema, &ExportOptions::default().int64_numbers(true))
    );
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(printed["title"], "Session");
    assert_eq!(
        printed["properties"]["created_at"]["$ref"],
        "#/$defs/jsonstruct:int64"
    );
    assert_eq!(
        printed["$defs"]["jsonstruct:int64"]["type"],
        serde_json::json!(["integer", "string"])
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn strict_exports_64_bit_integers_as_strings_only() {
    let path = session();
    let out = jsonstruct(&[
        "export",
        "json-schema",
        "--schema",
        path.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["$defs"]["jsonstruct:int64"]["type"], "string");
}

#[test]
fn a_broken_schema_exits_2_with_located_diagnostics() {
    let path = scratch(
        "broken.struct.json",
        "{\n  \"$schema\": \"https://json-structure.org/meta/core/v0/#\",\n  \"$id\": \"https://example.com/x\",\n  \"name\": \"X\",\n  \"type\": \"strin\"\n}\n",
    );
    let out = jsonstruct(&["export", "json-schema", "--schema", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[SCHEMA_TYPE_INVALID]"), "{err}");
    assert!(err.contains("broken.struct.json:5:"), "{err}");
    assert!(
        err.contains("\"type\": \"strin\""),
        "the source line is shown: {err}"
    );
    assert!(err.contains("nothing was exported"), "{err}");
}

#[test]
fn a_missing_schema_exits_2() {
    let out = jsonstruct(&[
        "export",
        "json-schema",
        "--schema",
        "/nonexistent/x.struct.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn usage_errors_exit_2() {
    let out = jsonstruct(&["export", "json-schema"]);
    assert_eq!(out.status.code(), Some(2));
    let out = jsonstruct(&["export", "yaml", "--schema", "x"]);
    assert_eq!(out.status.code(), Some(2));
}
