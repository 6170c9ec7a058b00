//! The repository's `.pre-commit-hooks.yaml`: each hook is complete, its `entry` is a real
//! `jsonstruct` subcommand, and running it the way pre-commit does (entry, then the user's
//! `args`, then the staged file names) gives the verdicts a commit hook needs.
//!
//! The file keeps one `key: value` per line under `- id:` items, so a few lines of parsing
//! read it without a YAML dependency; anything else in it fails this test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jsonstruct_test_support::{corpus, session};

fn root() -> PathBuf {
    corpus::workspace_root()
}

/// The hooks: `key -> value` per `- id:` item, in file order.
fn hooks() -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks: Vec<BTreeMap<String, String>> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (item, rest) = match line.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (
                false,
                line.strip_prefix("  ")
                    .unwrap_or_else(|| panic!("line {}: not a hook member: {line}", n + 1)),
            ),
        };
        let (key, value) = rest
            .split_once(": ")
            .unwrap_or_else(|| panic!("line {}: not `key: value`: {line}", n + 1));
        if item {
            assert_eq!(key, "id", "line {}: an item starts with its id", n + 1);
            hooks.push(BTreeMap::new());
        }
        let hook = hooks.last_mut().expect("a member before the first `- id:`");
        assert!(
            hook.insert(key.to_owned(), value.to_owned()).is_none(),
            "line {}: {key} twice",
            n + 1
        );
    }
    hooks
}

/// Runs a hook as pre-commit would: its entry (with our binary for `jsonstruct`), `args`,
/// then the file names.
fn run_hook(hook: &BTreeMap<String, String>, args: &[&str], files: &[&Path]) -> Option<i32> {
    let mut words = hook["entry"].split_whitespace();
    assert_eq!(words.next(), Some("jsonstruct"));
    Command::new(env!("CARGO_BIN_EXE_jsonstruct"))
        .args(words)
        .args(args)
        .args(files)
        .current_dir(root())
        .output()
        .expect("run the hook")
        .status
        .code()
}

fn hook(id: &str) -> BTreeMap<String, String> {
    hooks()
        .into_iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("no hook {id}"))
}

#[test]
fn every_hook_is_complete_and_runs_a_real_subcommand() {
    let hooks = hooks();
    assert_eq!(hooks.len(), 2);
    let subcommands: Vec<String> = jsonstruct_cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for hook in &hooks {
        for key in ["id", "name", "description", "entry", "language"] {
            assert!(
                hook.get(key).is_some_and(|v| !v.is_empty()),
                "{hook:?} lacks {key}"
            );
        }
        assert_eq!(hook["language"], "system", "{hook:?}");
        let entry: Vec<&str> = hook["entry"].split_whitespace().collect();
        assert_eq!(entry[0], "jsonstruct", "{hook:?}");
        assert!(
            subcommands.iter().any(|s| s == entry[1]),
            "{hook:?}: no subcommand {}",
            entry[1]
        );
        assert!(
            hook.contains_key("files") || hook.contains_key("types"),
            "{hook:?} selects no files"
        );
    }
}

#[test]
fn the_check_hook_passes_good_schemas_and_fails_bad_ones() {
    let check = hook("jsonstruct-check");
    assert_eq!(check["files"], r"\.struct\.json$");
    let schema = root().join("schemas/clerk/session.struct.json");
    assert_eq!(run_hook(&check, &[], &[&schema]), Some(0));
    let dir = std::env::temp_dir().join(format!("pre-commit-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.struct.json");
    std::fs::write(&bad, r#"{"type": "int65"}"#).unwrap();
    assert_eq!(run_hook(&check, &[], &[&schema, &bad]), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_validate_hook_takes_the_schema_from_args() {
    let validate = hook("jsonstruct-validate");
    let dir = std::env::temp_dir().join(format!("pre-commit-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(&good, session::minimal().to_string()).unwrap();
    let mut broken = session::minimal();
    broken["status"] = "suspended".into();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, broken.to_string()).unwrap();
    let args = ["--schema", "schemas/clerk/session.struct.json"];
    assert_eq!(run_hook(&validate, &args, &[&good]), Some(0));
    assert_eq!(run_hook(&validate, &args, &[&good, &bad]), Some(1));
    // Without the schema in args the hook is a usage error, not a pass.
    assert_eq!(run_hook(&validate, &[], &[&good]), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
