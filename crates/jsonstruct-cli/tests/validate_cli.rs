//! `jsonstruct validate` against its CLI contract (../shared/DESIGN.md): exit codes 0/1/2, text
//! with source line and caret, `--format json` lines, GitHub annotations, NDJSON reported as
//! `path:line`, standard input, `--strict`, and output order independent of `--jobs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_jsonstruct");

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/clerk/session.struct.json")
}

const VALID: &str = r#"{"object":"session","id":"sess_1","user_id":"user_1","client_id":"client_1","status":"active","last_active_at":1746645421127,"expire_at":1747250221127,"abandon_at":1749237421127,"updated_at":1746645421195,"created_at":1746645421127}"#;

fn invalid_status() -> String {
    VALID.replace("\"active\"", "\"suspended\"")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "jsonstruct-validate-cli-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn validate(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("validate").arg("--schema").arg(schema()).args(args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn exit_codes() {
    let dir = temp_dir("codes");
    let good = write(&dir, "good.json", VALID);
    let bad = write(&dir, "bad.json", &invalid_status());
    let broken = write(&dir, "broken.json", &VALID[..40]);
    let good = good.to_str().unwrap();
    assert_eq!(validate(&[good], None).status.code(), Some(0));
    assert_eq!(
        validate(&[good, bad.to_str().unwrap()], None).status.code(),
        Some(1)
    );
    // Not well-formed JSON is an invalid instance, not an error of the tool.
    assert_eq!(
        validate(&[broken.to_str().unwrap()], None).status.code(),
        Some(1)
    );
    // Unreadable input, missing arguments and a bad schema are errors.
    assert_eq!(
        validate(&[good, "/no/such/file.json"], None).status.code(),
        Some(2)
    );
    let usage = Command::new(BIN)
        .args(["validate", "x.json"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let bad_schema = write(&dir, "schema.json", r#"{"type": "strin"}"#);
    let o = Command::new(BIN)
        .args(["validate", "--schema"])
        .arg(&bad_schema)
        .arg(good)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("SCHEMA_ROOT_KEYWORD_MISSING"));
}

#[test]
fn text_report_shows_the_line_and_a_caret_without_colour() {
    let dir = temp_dir("text");
    let pretty = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(&invalid_status()).unwrap(),
    )
    .unwrap();
    let file = write(&dir, "pretty.json", &pretty);
    let o = validate(&[file.to_str().unwrap()], None);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
    assert!(
        out.contains("error[INSTANCE_ENUM_MISMATCH]: \"suspended\" is not one of the enum values"),
        "{out}"
    );
    let line_no = pretty
        .lines()
        .position(|l| l.contains("suspended"))
        .unwrap()
        + 1;
    let line = pretty.lines().nth(line_no - 1).unwrap();
    let column = line.find("\"suspended\"").unwrap() + 1;
    assert!(
        out.contains(&format!("pretty.json:{line_no}:{column} (/status)")),
        "{out}"
    );
    // The excerpt line and the caret under the value.
    let lines: Vec<&str> = out.lines().collect();
    let excerpt = lines
        .iter()
        .position(|l| l.ends_with(line.trim_start()) && l.contains('|'))
        .unwrap();
    let caret = lines[excerpt + 1];
    let bar = lines[excerpt].find('|').unwrap();
    assert_eq!(caret.find('^').unwrap() - (bar + 2), column - 1, "{out}");
    assert!(out.contains("pretty.json: invalid (1 error(s))"));
}

#[test]
fn json_lines_have_the_contract_shape() {
    let dir = temp_dir("json");
    let good = write(&dir, "good.json", VALID);
    let bad = write(&dir, "bad.json", &invalid_status());
    let o = validate(
        &[
            "--format",
            "json",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "/no/such.json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&lines[0]), ["errors", "instance", "valid"]);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["valid"], false);
    let e = &lines[1]["errors"][0];
    assert_eq!(e["code"], "INSTANCE_ENUM_MISMATCH");
    assert_eq!(e["path"], "/status");
    assert_eq!(e["line"], 1);
    assert!(e["column"].as_u64().unwrap() > 1);
    assert!(e["message"].as_str().unwrap().contains("suspended"));
    assert_eq!(lines[2]["instance"], "/no/such.json");
    assert_eq!(lines[2]["errors"][0]["code"], "IO_ERROR");
    // Field order as in the contract.
    let raw = stdout(&o);
    let second = raw.lines().nth(1).unwrap();
    let order: Vec<usize> = ["\"instance\"", "\"valid\"", "\"errors\""]
        .iter()
        .map(|k| second.find(k).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{second}");
    let entry: Vec<usize> = [
        "\"code\"",
        "\"path\"",
        "\"line\"",
        "\"column\"",
        "\"message\"",
    ]
    .iter()
    .map(|k| second.find(k).unwrap())
    .collect();
    assert!(entry.windows(2).all(|w| w[0] < w[1]), "{second}");
}

#[test]
fn ndjson_lines_are_reported_by_line_and_a_bad_line_does_not_stop_the_others() {
    let dir = temp_dir("ndjson");
    let text = format!(
        "{VALID}\n\n{}\n{}\r\n{VALID}",
        invalid_status(),
        &VALID[..30]
    );
    let file = write(&dir, "s.ndjson", &text);
    let name = file.to_str().unwrap();
    let o = validate(&["--ndjson", "--format", "json", name], None);
    assert_eq!(o.status.code(), Some(1));
    let lines = json_lines(&o);
    let labels: Vec<&str> = lines
        .iter()
        .map(|l| l["instance"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = [1, 3, 4, 5].iter().map(|n| format!("{name}:{n}")).collect();
    assert_eq!(labels, expected);
    let valid: Vec<bool> = lines
        .iter()
        .map(|l| l["valid"].as_bool().unwrap())
        .collect();
    assert_eq!(valid, [true, false, false, true]);
    // Errors are located on the file's line.
    assert_eq!(lines[1]["errors"][0]["line"], 3);
    assert_eq!(
        lines[2]["errors"].as_array().unwrap().last().unwrap()["code"],
        "INSTANCE_JSON_SYNTAX"
    );
    assert_eq!(lines[2]["errors"][0]["line"], 4);
    // Text mode names the file's line and prints a summary.
    let o = validate(&["--ndjson", name], None);
    let out = stdout(&o);
    assert!(out.contains(&format!("{name}:3:")), "{out}");
    assert!(out.contains("4 instance(s): 2 valid, 2 invalid"), "{out}");
}

#[test]
fn standard_input_whole_and_ndjson() {
    let o = validate(&["-"], Some(VALID));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("<stdin>: valid"));
    let o = validate(
        &["--ndjson", "--format", "json", "-"],
        Some(&format!("{VALID}\n{}\n", invalid_status())),
    );
    assert_eq!(o.status.code(), Some(1));
    let lines = json_lines(&o);
    assert_eq!(lines[1]["instance"], "<stdin>:2");
}

#[test]
fn github_annotations() {
    let o = validate(
        &["--ndjson", "--format", "github", "-"],
        Some(&format!("{VALID}\n{}\n", invalid_status())),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("INSTANCE_ENUM_MISMATCH"))
        .unwrap();
    assert!(
        line.starts_with("::error file=<stdin>,line=2,col="),
        "{line}"
    );
    assert!(line.contains(",title=INSTANCE_ENUM_MISMATCH::"), "{line}");
    assert!(line.ends_with("(at /status)"), "{line}");
}

#[test]
fn strict_requires_string_timestamps() {
    let o = validate(&["--strict", "-"], Some(VALID));
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("INSTANCE_STRING_EXPECTED"));
    let strings = VALID
        .replace(":1746645421127", ":\"1746645421127\"")
        .replace(":1747250221127", ":\"1747250221127\"")
        .replace(":1749237421127", ":\"1749237421127\"")
        .replace(":1746645421195", ":\"1746645421195\"");
    let o = validate(&["--strict", "-"], Some(&strings));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn output_order_does_not_depend_on_jobs() {
    let dir = temp_dir("jobs");
    // Enough lines for several parallel ranges, with invalid ones spread through.
    let mut text = String::new();
    let bad = invalid_status();
    for i in 0..3000 {
        text.push_str(if i % 7 == 0 { &bad } else { VALID });
        text.push('\n');
    }
    let file = write(&dir, "many.ndjson", &text);
    let one = validate(
        &[
            "--ndjson",
            "--format",
            "json",
            "--jobs",
            "1",
            file.to_str().unwrap(),
        ],
        None,
    );
    let four = validate(
        &[
            "--ndjson",
            "--format",
            "json",
            "--jobs",
            "4",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(json_lines(&one).len(), 3000);
    let files: Vec<PathBuf> = (0..100)
        .map(|i| {
            write(
                &dir,
                &format!("f{i:03}.json"),
                if i % 3 == 0 { &text[..0] } else { VALID },
            )
        })
        .collect();
    let names: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["--format", "json", "--jobs", "1"];
    args.extend(&names);
    let one = validate(&args, None);
    args[3] = "3";
    let three = validate(&args, None);
    assert_eq!(one.stdout, three.stdout);
}

#[test]
fn ndjson_line_numbers_hold_across_blocks() {
    // About 12 MB: a dozen 1 MiB read blocks, several validated at once and finishing out of
    // order, with blank lines, a CRLF line and no final newline.
    let dir = temp_dir("blocks");
    let bad = invalid_status();
    let mut text = String::new();
    let mut expected_bad = Vec::new();
    let mut line = 0;
    while text.len() < 12 << 20 {
        line += 1;
        if line % 997 == 0 {
            text.push_str(&bad);
            expected_bad.push(line);
        } else if line % 1009 == 0 {
            text.push_str("   ");
        } else {
            text.push_str(VALID);
        }
        text.push_str(if line % 1013 == 0 { "\r\n" } else { "\n" });
    }
    text.push_str(&bad);
    line += 1;
    expected_bad.push(line);
    let file = write(&dir, "big.ndjson", &text);
    let name = file.to_str().unwrap();
    let run = |jobs: &str| {
        validate(
            &["--ndjson", "--format", "json", "--jobs", jobs, name],
            None,
        )
    };
    let (one, three) = (run("1"), run("3"));
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(one.stdout, three.stdout, "output depends on --jobs");
    let lines = json_lines(&one);
    let blank = (1..=line).filter(|n| n % 1009 == 0 && n % 997 != 0).count();
    assert_eq!(lines.len(), line - blank);
    let bad_lines: Vec<usize> = lines
        .iter()
        .filter(|l| l["valid"] == false)
        .map(|l| {
            let instance = l["instance"].as_str().unwrap();
            assert_eq!(
                l["errors"][0]["line"].as_u64().unwrap().to_string(),
                instance.rsplit(':').next().unwrap()
            );
            instance.rsplit(':').next().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(bad_lines, expected_bad);
}

/// One line with `n` undeclared members: `n` errors, after the 10 missing required members.
fn unknown_members(n: usize) -> String {
    let members: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
    format!("{{{}}}", members.join(","))
}

#[test]
fn max_errors_shows_the_first_errors_and_says_how_many_are_not_shown() {
    let dir = temp_dir("max-errors");
    let file = write(&dir, "many.json", &unknown_members(20));
    let total = 10 + 20;

    let o = validate(&["--max-errors", "3", file.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert_eq!(text.matches("error[").count(), 3, "{text}");
    assert!(
        text.contains(&format!(
            "invalid ({total} error(s), {} not shown: --max-errors 3)",
            total - 3
        )),
        "{text}"
    );

    let o = validate(
        &[
            "--max-errors",
            "3",
            "--format",
            "json",
            file.to_str().unwrap(),
        ],
        None,
    );
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["errors"].as_array().unwrap().len(), 3);
    assert_eq!(lines[0]["errors_not_shown"], total - 3);
    // The first three in document order: missing members are reported at the object's start.
    assert_eq!(
        lines[0]["errors"][0]["code"],
        "INSTANCE_REQUIRED_PROPERTY_MISSING"
    );

    let o = validate(
        &[
            "--max-errors",
            "3",
            "--format",
            "github",
            file.to_str().unwrap(),
        ],
        None,
    );
    let out = stdout(&o);
    assert_eq!(out.matches("::error ").count(), 3, "{out}");
    assert!(
        out.contains(&format!("{} more error(s) not shown", total - 3)),
        "{out}"
    );

    // Without the flag every error is listed and there is no note.
    let o = validate(&["--format", "json", file.to_str().unwrap()], None);
    let lines = json_lines(&o);
    assert_eq!(lines[0]["errors"].as_array().unwrap().len(), total);
    assert!(lines[0].get("errors_not_shown").is_none());

    // NDJSON: the limit is per instance.
    let ndjson = format!("{}\n{}\n", unknown_members(5), unknown_members(7));
    let o = validate(
        &["--ndjson", "--max-errors", "12", "--format", "json", "-"],
        Some(&ndjson),
    );
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["errors"].as_array().unwrap().len(), 12);
    assert_eq!(lines[0]["errors_not_shown"], 3);
    assert_eq!(lines[1]["errors_not_shown"], 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_excerpt_of_an_error_on_a_long_line_is_cut_around_it() {
    // Regression: the excerpt was found by counting characters from the start of the line for
    // every error, which made 100,000 errors on one line quadratic; it is now cut from the
    // error's byte offset. It must still point at the right character after non-ASCII text.
    // 3,000 members of the open `latest_activity`, with non-ASCII text, before the bad status.
    let padding: String = (0..3000)
        .map(|i| format!(",\"k\u{e9}{i}\":\"\u{1f600}\""))
        .collect();
    let activity = format!(
        "\"latest_activity\":{{\"object\":\"session_activity\",\"id\":\"a\",\"is_mobile\":true{padding}}},"
    );
    let line = invalid_status().replacen('{', &format!("{{{activity}"), 1);
    let o = validate(&["-"], Some(&line));
    let text = stdout(&o);
    let rows: Vec<&str> = text.lines().collect();
    let caret_row = rows
        .iter()
        .position(|r| r.trim_end().ends_with('^'))
        .unwrap();
    let excerpt = rows[caret_row - 1];
    let caret = rows[caret_row].chars().count() - 1;
    let from_caret: String = excerpt.chars().skip(caret).collect();
    assert!(
        excerpt.contains("...") && excerpt.chars().count() < 140,
        "{text}"
    );
    assert!(from_caret.starts_with("\"suspended\""), "{text}");

    let o = validate(&["--format", "json", "-"], Some(&line));
    let errors = json_lines(&o)[0]["errors"].as_array().unwrap().clone();
    let status = errors
        .iter()
        .find(|e| e["code"] == "INSTANCE_ENUM_MISMATCH")
        .unwrap();
    let prefix = &line[..line.find("\"suspended\"").unwrap()];
    assert_eq!(status["column"], prefix.chars().count() + 1);
}
