//! The README's table of verdicts for Clerk's real payloads (`../shared/clerk`), run row by
//! row with the `jsonstruct` binary exactly as a user would: each payload as recorded, against
//! the schema (and `--type`) the row names. The verdict and the error codes with their counts
//! must match, and every payload of the folder that is a Session payload must have a row.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jsonstruct_test_support::{clerk, corpus};

const BIN: &str = env!("CARGO_BIN_EXE_jsonstruct");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Row {
    payload: String,
    schema: String,
    ty: Option<String>,
    valid: bool,
    errors: BTreeMap<String, usize>,
}

/// Text between backticks, in order.
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_owned())
        .collect()
}

fn rows() -> Vec<Row> {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let start = readme
        .find("<!-- clerk-verdicts:start -->")
        .expect("README has the verdict table");
    let end = readme
        .find("<!-- clerk-verdicts:end -->")
        .expect("README ends the verdict table");
    readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            assert!(cells.len() >= 4, "malformed row: {line}");
            let payload = code_spans(cells[0]).remove(0);
            let target = code_spans(cells[1]).remove(0);
            let mut words = target.split_whitespace();
            let schema = words.next().expect("a schema").to_owned();
            let ty = match (words.next(), words.next()) {
                (Some("--type"), Some(t)) => Some(t.to_owned()),
                (None, _) => None,
                _ => panic!("cannot read the target of {line}"),
            };
            let mut errors = BTreeMap::new();
            for part in cells[3].split(',').filter(|p| !p.trim().is_empty()) {
                let code = code_spans(part).remove(0);
                let count = part
                    .rsplit('×')
                    .next()
                    .and_then(|n| n.trim().parse().ok())
                    .unwrap_or_else(|| panic!("no count in {part:?} of {line}"));
                errors.insert(code, count);
            }
            Row {
                payload,
                schema,
                ty,
                valid: match cells[2] {
                    "valid" => true,
                    "invalid" => false,
                    other => panic!("verdict {other:?} in {line}"),
                },
                errors,
            }
        })
        .collect()
}

#[test]
fn every_clerk_payload_gets_the_readme_verdict() {
    let rows = rows();
    let Some(shared) = corpus::open(
        "clerk_verdicts",
        "every_clerk_payload_gets_the_readme_verdict",
        clerk::NEEDS,
        rows.len(),
    ) else {
        return;
    };
    let clerk = shared.join("clerk");
    assert_eq!(rows.len(), 13, "one row per Session payload (01-13)");
    let mut failures = Vec::new();
    for row in &rows {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(workspace())
            .arg("validate")
            .arg("--schema")
            .arg(format!("schemas/clerk/{}", row.schema))
            .args(row.ty.iter().flat_map(|t| ["--type", t.as_str()]))
            .args(["--format", "json"])
            .arg(clerk.join(&row.payload));
        let out = cmd.output().expect("run jsonstruct");
        let line: serde_json::Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!(
                    "{}: no JSON report ({e}); stderr: {}",
                    row.payload,
                    String::from_utf8_lossy(&out.stderr)
                ));
                continue;
            }
        };
        let mut errors = BTreeMap::new();
        for e in line["errors"].as_array().into_iter().flatten() {
            *errors
                .entry(e["code"].as_str().unwrap_or_default().to_owned())
                .or_insert(0) += 1;
        }
        let expected_exit = if row.valid { 0 } else { 1 };
        if line["valid"] != row.valid
            || errors != row.errors
            || out.status.code() != Some(expected_exit)
        {
            failures.push(format!(
                "{}: README says valid={} {:?}, got valid={} {:?} (exit {:?})",
                row.payload,
                row.valid,
                row.errors,
                line["valid"],
                errors,
                out.status.code()
            ));
        }
    }
    // Every Session payload of the folder has a row (the one file that holds no Session is an
    // actor-token request body), and the README agrees with the shared Clerk table.
    for f in clerk::FILES {
        let row = rows.iter().find(|r| r.payload == f.name);
        let (recorded, valid) = f.recorded;
        let agrees = match (recorded.target(), row) {
            (None, None) => true,
            (Some((schema, ty)), Some(r)) => {
                r.schema == schema && r.ty.as_deref() == ty && r.valid == valid
            }
            _ => false,
        };
        if !agrees {
            failures.push(format!(
                "{}: the README row and the support crate's Clerk table disagree",
                f.name
            ));
        }
    }
    for name in clerk::files_on_disk(&clerk) {
        if !clerk::FILES.iter().any(|f| f.name == name) {
            failures.push(format!(
                "{name} is new in the Clerk folder: add it to the tables"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
