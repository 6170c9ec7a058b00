//! `jsonstruct diff OLD NEW` against its CLI contract: exit 0 when the policy holds, 1 when a
//! change violates it, 2 on usage errors and unreadable or invalid schemas; `--require`, the
//! `[compat] require` of the nearest `jsonstruct.toml`, `--allow KIND@POINTER`, and the
//! text, JSON and GitHub formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_jsonstruct");

fn schema(status: &str, extra_member: bool) -> String {
    let extra = if extra_member {
        r#", "note": {"type": "string"}"#
    } else {
        ""
    };
    format!(
        r#"{{
  "$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://example.com/s",
  "name": "S",
  "type": "object",
  "properties": {{
    "status": {{"type": "string", "enum": [{status}]}},
    "at": {{"type": "int32"}}{extra}
  }},
  "required": ["status"],
  "additionalProperties": false
}}
"#
    )
}

/// A fresh directory with `old.json` (statuses a, b) and the given files.
fn workdir(files: &[(&str, String)]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "diff_cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("old.json"), schema(r#""a", "b""#, false)).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn an_added_enum_value_passes_backward_and_fails_forward() {
    let dir = workdir(&[("new.json", schema(r#""a", "b", "c""#, false))]);
    let o = run(&dir, &["old.json", "new.json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("change[enum-value-added]: S: enum value \"c\" added\n"),
        "{out}"
    );
    assert!(
        out.contains("  --> new new.json:7:15 (/properties/status/enum/2)"),
        "{out}"
    );
    assert!(out.contains("generated types"), "{out}");
    assert!(out.ends_with("require backward: 0 violation(s)\n"), "{out}");
    // No colour when stdout is not a terminal.
    assert!(!out.contains('\x1b'));

    let o = run(&dir, &["old.json", "new.json", "--require", "forward"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("error[enum-value-added]"));
    let o = run(&dir, &["old.json", "new.json", "--require", "full"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&dir, &["old.json", "new.json", "--require", "none"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn allowances_accept_reviewed_changes() {
    let dir = workdir(&[("new.json", schema(r#""a""#, true))]);
    let o = run(&dir, &["old.json", "new.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("error[enum-value-removed]"), "{out}");
    // The added member is optional and the old object was closed: backward compatible.
    assert!(out.contains("change[member-added-optional]"), "{out}");
    let o = run(
        &dir,
        &[
            "old.json",
            "new.json",
            "--allow",
            "enum-value-removed@/properties/status/enum/1",
            "--allow",
            "member-removed@*",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("allowed[enum-value-removed]"));
    assert!(
        stderr(&o).contains("--allow member-removed@* accepts no change"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_and_github_formats() {
    let dir = workdir(&[("new.json", schema(r#""a""#, false))]);
    let o = run(&dir, &["old.json", "new.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["backward"], false);
    assert_eq!(v["forward"], true);
    assert_eq!(v["semver"], "major");
    assert_eq!(v["require"], "backward");
    assert_eq!(v["violations"], 1);
    let c = &v["changes"][0];
    assert_eq!(c["kind"], "enum-value-removed");
    assert_eq!(c["old"]["pointer"], "/properties/status/enum/1");
    assert_eq!(c["old"]["line"], 7);
    assert_eq!(c["new"]["pointer"], "/properties/status/enum");
    assert_eq!(c["compatibility"], "forward");
    assert_eq!(c["violation"], true);

    let o = run(&dir, &["old.json", "new.json", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("::error file=new.json,line=7,col=15,title=jsonstruct diff%3A enum-value-removed::S: enum value \"b\" removed"),
        "{out}"
    );
}

#[test]
fn the_policy_comes_from_the_nearest_jsonstruct_toml() {
    let dir = workdir(&[
        ("new.json", schema(r#""a", "b", "c""#, false)),
        (
            "jsonstruct.toml",
            "[compat]\nrequire = \"forward\"\n".into(),
        ),
    ]);
    let o = run(&dir, &["old.json", "new.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("require forward: 1 violation(s)"));
    // The command line wins over the file.
    let o = run(&dir, &["old.json", "new.json", "--require", "backward"]);
    assert_eq!(o.status.code(), Some(0));

    // A broken file is an error with its location.
    std::fs::write(
        dir.join("jsonstruct.toml"),
        "[compat]\nrequire = \"sideways\"\n",
    )
    .unwrap();
    let o = run(&dir, &["old.json", "new.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("jsonstruct.toml:2:"), "{}", stderr(&o));
}

#[test]
fn int64_numbers_from_the_config_decide_the_wire_form() {
    let widened = schema(r#""a", "b""#, false)
        .replace(r#""at": {"type": "int32"}"#, r#""at": {"type": "int64"}"#);
    let dir = workdir(&[
        ("new.json", widened),
        (
            "jsonstruct.toml",
            "[validate]\nint64-numbers = true\n".into(),
        ),
    ]);
    let o = run(&dir, &["old.json", "new.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("change[numeric-widened]"),
        "{}",
        stdout(&o)
    );
    std::fs::write(
        dir.join("jsonstruct.toml"),
        "[validate]\nint64-numbers = false\n",
    )
    .unwrap();
    let o = run(&dir, &["old.json", "new.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("error[wire-form-changed]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_and_schema_errors_exit_2() {
    let dir = workdir(&[("bad.json", "{\"$schema\": 1}".into())]);
    let o = run(&dir, &["old.json", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read schema missing.json"),
        "{}",
        stderr(&o)
    );
    let o = run(&dir, &["old.json", "bad.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.json is not a valid JSON Structure schema"),
        "{}",
        stderr(&o)
    );
    let o = run(&dir, &["old.json", "old.json", "--allow", "nonsense@/x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown change kind 'nonsense'"),
        "{}",
        stderr(&o)
    );
    let o = run(&dir, &["old.json", "old.json", "--require", "sideways"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&dir, &["old.json"]);
    assert_eq!(o.status.code(), Some(2));
    // Identical documents: nothing to report, exit 0.
    let o = run(&dir, &["old.json", "old.json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "old.json -> old.json: 0 change(s); backward compatible: yes; forward compatible: yes; generated crate: no bump; require backward: 0 violation(s)\n"
    );
}
