//! `--schema-dir`, `--type` and imported documents on the command line: exit codes, located
//! diagnostics in the file they belong to, and suggestions for unknown type names.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_jsonstruct");
const CORE: &str = "https://json-structure.org/meta/core/v0/#";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "jsonstruct-imports-cli-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run jsonstruct")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A library of definitions without a root, and a document that imports it by `$id`.
fn fixture(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    write(
        &dir,
        "lib/types.struct.json",
        &format!(
            r##"{{"$schema": "{CORE}", "$id": "https://example.com/types",
            "definitions": {{
              "Money": {{"type": "object", "properties": {{"amount": {{"type": "decimal"}}, "currency": {{"type": "string", "maxLength": 3}}}}, "required": ["amount", "currency"]}},
              "Billing": {{"Invoice": {{"type": "object", "properties": {{"total": {{"type": {{"$ref": "#/definitions/Money"}}}}}}, "required": ["total"]}}}}
            }}}}"##
        ),
    );
    write(
        &dir,
        "api/order.struct.json",
        &format!(
            r##"{{"$schema": "{CORE}", "$id": "https://example.com/order", "name": "Order", "type": "object",
            "properties": {{"invoice": {{"type": {{"$ref": "#/definitions/T/Billing/Invoice"}}}}}},
            "required": ["invoice"],
            "definitions": {{"T": {{"$import": "https://example.com/types"}}}}}}"##
        ),
    );
    write(
        &dir,
        "ok.json",
        r##"{"invoice": {"total": {"amount": "1.50", "currency": "EUR"}}}"##,
    );
    write(
        &dir,
        "bad.json",
        r##"{"invoice": {"total": {"amount": "1.50", "currency": "EURO"}}}"##,
    );
    write(
        &dir,
        "money.json",
        r##"{"amount": "2", "currency": "USD"}"##,
    );
    dir
}

#[test]
fn schema_dir_resolves_imports_by_id() {
    let dir = fixture("by-id");
    let ok = run(
        &[
            "validate",
            "--schema",
            "api/order.struct.json",
            "--schema-dir",
            "lib",
            "ok.json",
            "bad.json",
        ],
        &dir,
    );
    assert_eq!(ok.status.code(), Some(1), "{}", text(&ok.stderr));
    let out = text(&ok.stdout);
    assert!(out.contains("ok.json: valid"), "{out}");
    assert!(
        out.contains("INSTANCE_STRING_MAX_LENGTH")
            || out.contains("maxLength")
            || out.contains("bad.json"),
        "{out}"
    );
    // Without the folder the import cannot be resolved: a schema error, exit 2, located.
    let missing = run(
        &["validate", "--schema", "api/order.struct.json", "ok.json"],
        &dir,
    );
    assert_eq!(missing.status.code(), Some(2));
    let err = text(&missing.stderr);
    assert!(err.contains("SCHEMA_IMPORT_NOT_FOUND"), "{err}");
    assert!(
        err.contains("api/order.struct.json:"),
        "the error names the importing file: {err}"
    );
    let check = run(
        &["check", "--schema-dir", "lib", "api/order.struct.json"],
        &dir,
    );
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn type_selects_a_definition_of_a_library_without_root() {
    let dir = fixture("type");
    let v = run(
        &[
            "validate",
            "--schema",
            "lib/types.struct.json",
            "--type",
            "Money",
            "money.json",
        ],
        &dir,
    );
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}{}",
        text(&v.stdout),
        text(&v.stderr)
    );
    let nested = run(
        &[
            "validate",
            "--schema",
            "api/order.struct.json",
            "--schema-dir",
            "lib",
            "--type",
            "T/Money",
            "money.json",
        ],
        &dir,
    );
    assert_eq!(nested.status.code(), Some(0), "{}", text(&nested.stderr));
    // No root and no --type: exit 2, listing what --type accepts.
    let none = run(
        &[
            "validate",
            "--schema",
            "lib/types.struct.json",
            "money.json",
        ],
        &dir,
    );
    assert_eq!(none.status.code(), Some(2));
    let err = text(&none.stderr);
    assert!(
        err.contains("--type") && err.contains("Billing/Invoice") && err.contains("Money"),
        "{err}"
    );
    // An unknown name: exit 2 with the closest names.
    let typo = run(
        &[
            "validate",
            "--schema",
            "lib/types.struct.json",
            "--type",
            "Billing/Invoce",
            "money.json",
        ],
        &dir,
    );
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        text(&typo.stderr).contains("did you mean Billing/Invoice?"),
        "{}",
        text(&typo.stderr)
    );
    // export --type makes the definition the top level.
    let export = run(
        &[
            "export",
            "json-schema",
            "--schema",
            "lib/types.struct.json",
            "--type",
            "Billing/Invoice",
        ],
        &dir,
    );
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    let js: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(js["required"], serde_json::json!(["total"]));
    assert_eq!(js["title"], "Billing/Invoice");
    let bad = run(
        &[
            "export",
            "json-schema",
            "--schema",
            "lib/types.struct.json",
            "--type",
            "Nope",
        ],
        &dir,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_in_imported_documents_are_shown_in_their_file() {
    let dir = temp_dir("errors");
    write(
        &dir,
        "a.struct.json",
        &format!(
            r##"{{"$schema": "{CORE}", "$id": "https://example.com/a", "$import": "b.struct.json", "definitions": {{"A": {{"type": "string"}}}}}}"##
        ),
    );
    write(&dir, "b.struct.json", &format!("{{\"$schema\": \"{CORE}\", \"$id\": \"https://example.com/b\",\n \"definitions\": {{\"B\": {{\"type\": \"int65\"}}}}}}"));
    let out = run(&["check", "a.struct.json"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("--> b.struct.json:2:"),
        "located in the imported file: {stdout}"
    );
    let json = run(&["check", "--format", "json", "a.struct.json"], &dir);
    let line: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let e = &line["errors"][0];
    assert_eq!(e["file"], "b.struct.json", "{line}");
    assert_eq!(e["path"], "/definitions/B/type");
    // A cycle names both files and exits 2 for validate.
    write(
        &dir,
        "b.struct.json",
        &format!(
            r##"{{"$schema": "{CORE}", "$id": "https://example.com/b", "$import": "a.struct.json", "definitions": {{"B": {{"type": "string"}}}}}}"##
        ),
    );
    write(&dir, "x.json", "\"x\"");
    let cycle = run(
        &[
            "validate",
            "--schema",
            "a.struct.json",
            "--type",
            "A",
            "x.json",
        ],
        &dir,
    );
    assert_eq!(cycle.status.code(), Some(2));
    let err = text(&cycle.stderr);
    assert!(
        err.contains("SCHEMA_IMPORT_CYCLE")
            && err.contains("a.struct.json imports b.struct.json imports a.struct.json"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
