//! `jsonstruct check` against its CLI contract (../shared/DESIGN.md): exit codes 0/1/2, the
//! `--format json` line shape, the text report with the source line and a caret, and no colour
//! when the output is not a terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_jsonstruct");

/// Contract checks that the CLI fails today. check.rs is not this file's to change, so the
/// problem is reported and listed here; a listed check that starts passing fails its test, so
/// the list stays honest.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// Applies [`EXPECTED_FAILURES`] to one named contract check.
fn contract(name: &str, result: Result<(), String>) {
    let listed = EXPECTED_FAILURES.iter().find(|(n, _)| *n == name);
    match (listed, result) {
        (None, Ok(())) => {}
        (None, Err(e)) => panic!("{name}: {e}"),
        (Some((_, reason)), Ok(())) => {
            panic!("{name} is listed in EXPECTED_FAILURES ({reason}) but now passes: remove it")
        }
        (Some((_, reason)), Err(e)) => eprintln!("expected failure {name}: {reason}\n  ({e})"),
    }
}

const VALID: &str = r#"{
  "$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://example.com/valid",
  "name": "Valid",
  "type": "object",
  "properties": {"a": {"type": "string"}}
}
"#;

/// Valid, with one warning (`minLength` without the Validation add-in) on line 5, column 35.
const WARNS: &str = r#"{
  "$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://example.com/warns",
  "name": "Warns",
  "type": "string", "minLength": 1
}
"#;

/// Two errors: an unknown type on line 5, column 11, and `maxLength` on line 6 after
/// non-ASCII text (column 30 in characters, 33 in bytes).
const INVALID: &str = "{\n  \"$schema\": \"https://json-structure.org/meta/core/v0/#\",\n  \"$id\": \"https://example.com/t\",\n  \"name\": \"T\",\n  \"type\": \"strin\",\n  \"description\": \"caf\u{e9} \u{2014} x\", \"maxLength\": -1\n}\n";

/// A directory with the test schemas; commands run there with relative paths.
fn workdir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "check_cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    for (name, text) in [
        ("valid.json", VALID),
        ("warns.json", WARNS),
        ("invalid.json", INVALID),
        ("truncated.json", "{\n  \"type\": \"str"),
    ] {
        std::fs::write(dir.join(name), text).expect("write schema");
    }
    dir
}

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run jsonstruct")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn exit_codes() {
    let dir = workdir();
    let session =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/clerk/session.struct.json");
    let session = session.to_str().unwrap();
    for (args, code) in [
        (&["valid.json"][..], 0),
        (&[session], 0),
        (&["warns.json"], 0),
        (&["valid.json", "warns.json"], 0),
        (&["invalid.json"], 1),
        (&["truncated.json"], 1),
        (&["valid.json", "invalid.json"], 1),
        (&["--format", "json", "invalid.json"], 1),
        (&["missing.json"], 2),
        (&["invalid.json", "missing.json"], 2),
        (&["--format", "json", "missing.json"], 2),
        (&[], 2),
        (&["--format", "yaml", "valid.json"], 2),
        (&["--no-such-flag", "valid.json"], 2),
    ] {
        let out = check(&dir, args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "check {args:?}\nstdout: {}\nstderr: {}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }
}

/// JSON with object members in document order (`serde_json::Value` sorts them, and the
/// contract fixes the order of keys).
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    /// The number as text.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    fn parse(line: &str) -> Result<Node, serde_json::Error> {
        serde_json::from_str(line)
    }

    fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&str> {
        match self {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&[Node]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    fn as_object(&self) -> Option<&[(String, Node)]> {
        match self {
            Node::Object(members) => Some(members),
            _ => None,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
                Ok(Node::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
                Ok(Node::Number(n.to_string()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
                Ok(Node::Number(n.to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Node, E> {
                Ok(Node::Number(n.to_string()))
            }
            fn visit_str<E>(self, s: &str) -> Result<Node, E> {
                Ok(Node::String(s.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = a.next_entry()? {
                    members.push(member);
                }
                Ok(Node::Object(members))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Member keys of a JSON object, in document order.
fn keys(node: &Node) -> Vec<&str> {
    node.as_object()
        .expect("a JSON object")
        .iter()
        .map(|(k, _)| k.as_str())
        .collect()
}

const LINE_KEYS: [&str; 4] = ["schema", "valid", "errors", "warnings"];
const ENTRY_KEYS: [&str; 5] = ["code", "path", "line", "column", "message"];

/// An entry has the contract's keys with values of the right JSON types.
fn entry_fields(entry: &Node) -> Result<(String, String, u64, u64), String> {
    let mut got: Vec<&str> = keys(entry);
    got.sort_unstable();
    let mut want = ENTRY_KEYS.to_vec();
    want.sort_unstable();
    if got != want {
        return Err(format!("entry keys {got:?}"));
    }
    let string = |k: &str| entry.get(k).and_then(Node::as_str).map(str::to_owned);
    let number = |k: &str| {
        entry
            .get(k)
            .and_then(Node::as_number)
            .and_then(|n| n.parse::<u64>().ok())
    };
    let fields = (
        string("code").ok_or("code is not a string")?,
        string("path").ok_or("path is not a string")?,
        number("line").ok_or("line is not a number")?,
        number("column").ok_or("column is not a number")?,
    );
    string("message")
        .filter(|m| !m.is_empty())
        .ok_or("message is not a non-empty string")?;
    Ok(fields)
}

#[test]
fn json_lines_shape() {
    let dir = workdir();
    let out = check(
        &dir,
        &[
            "--format",
            "json",
            "invalid.json",
            "valid.json",
            "warns.json",
            "missing.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.is_empty(), "stderr: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "one line per schema: {stdout}");
    let parsed: Vec<Node> = lines
        .iter()
        .map(|l| Node::parse(l).expect("each line is JSON"))
        .collect();
    for (line, node) in lines.iter().zip(&parsed) {
        assert_eq!(keys(node), LINE_KEYS, "{line}");
        assert!(matches!(node.get("valid").unwrap(), Node::Bool(_)));
    }
    let schema = |n: &Node| n.get("schema").and_then(Node::as_str).unwrap().to_owned();
    let valid = |n: &Node| n.get("valid") == Some(&Node::Bool(true));
    let list = |n: &'_ Node, k: &str| n.get(k).and_then(Node::as_array).unwrap().to_vec();
    assert_eq!(
        parsed.iter().map(schema).collect::<Vec<_>>(),
        ["invalid.json", "valid.json", "warns.json", "missing.json"]
    );
    assert_eq!(
        parsed.iter().map(valid).collect::<Vec<_>>(),
        [false, true, true, false]
    );

    // Diagnostic entries: contract keys in contract order, located.
    let errors = list(&parsed[0], "errors");
    let got: Vec<(String, String, u64, u64)> = errors
        .iter()
        .map(|e| entry_fields(e).unwrap_or_else(|m| panic!("{m}: {}", lines[0])))
        .collect();
    assert_eq!(
        got,
        [
            ("SCHEMA_TYPE_INVALID".into(), "/type".into(), 5, 11),
            (
                "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE".into(),
                "/maxLength".into(),
                6,
                30
            ),
        ]
    );
    for e in &errors {
        assert_eq!(keys(e), ENTRY_KEYS, "{}", lines[0]);
    }
    assert!(list(&parsed[0], "warnings").is_empty());
    assert!(list(&parsed[1], "errors").is_empty() && list(&parsed[1], "warnings").is_empty());
    let warnings = list(&parsed[2], "warnings");
    assert_eq!(warnings.len(), 1, "{}", lines[2]);
    assert_eq!(keys(&warnings[0]), ENTRY_KEYS);
    assert_eq!(
        entry_fields(&warnings[0]).unwrap(),
        (
            "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES".into(),
            "/minLength".into(),
            5,
            21
        )
    );

    // An unreadable file: still one line, an IO_ERROR entry.
    let io = list(&parsed[3], "errors");
    assert_eq!(io.len(), 1, "{}", lines[3]);
    let (code, path, ..) = entry_fields(&io[0]).unwrap_or_else(|m| panic!("{m}: {}", lines[3]));
    assert_eq!((code.as_str(), path.as_str()), ("IO_ERROR", ""));
    contract(
        "io_error_entry_key_order",
        if keys(&io[0]) == ENTRY_KEYS {
            Ok(())
        } else {
            Err(format!("IO_ERROR entry keys {:?}", keys(&io[0])))
        },
    );
}

/// Finds the source line `N | text` and checks the next line has the caret under `column`
/// (counted in characters).
fn caret_under(report: &str, line: usize, source: &str, column: usize) {
    let lines: Vec<&str> = report.lines().collect();
    let prefix = format!("{line} | ");
    let at = lines
        .iter()
        .position(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no source line {line} in:\n{report}"));
    assert_eq!(&lines[at][prefix.len()..], source, "source line {line}");
    let caret_line = lines.get(at + 1).expect("a caret line");
    let caret = caret_line
        .chars()
        .position(|c| c == '^')
        .unwrap_or_else(|| panic!("no caret under line {line}: {caret_line:?}"));
    assert_eq!(
        caret,
        prefix.chars().count() + column - 1,
        "caret under the wrong column:\n{}\n{caret_line}",
        lines[at]
    );
    assert!(
        caret_line.trim_start().starts_with('|') && caret_line.trim_end().ends_with('^'),
        "{caret_line:?}"
    );
}

#[test]
fn text_report_shows_the_source_line_with_a_caret() {
    let dir = workdir();
    let out = check(&dir, &["invalid.json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("error[SCHEMA_TYPE_INVALID]: invalid type: 'strin'"),
        "{report}"
    );
    assert!(report.contains("--> invalid.json:5:11 (/type)"), "{report}");
    caret_under(&report, 5, "  \"type\": \"strin\",", 11);
    // Columns count characters, so the caret stays under the keyword after 'é' and '—'.
    assert!(
        report.contains("--> invalid.json:6:30 (/maxLength)"),
        "{report}"
    );
    caret_under(
        &report,
        6,
        "  \"description\": \"caf\u{e9} \u{2014} x\", \"maxLength\": -1",
        30,
    );
    assert!(
        report.ends_with("invalid.json: invalid (2 error(s), 0 warning(s))\n"),
        "{report}"
    );
}

#[test]
fn text_report_of_warnings_and_syntax_errors() {
    let dir = workdir();
    let out = check(&dir, &["warns.json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out.stdout);
    assert!(
        report.contains("warning[SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES]"),
        "{report}"
    );
    caret_under(&report, 5, "  \"type\": \"string\", \"minLength\": 1", 21);
    assert!(report.contains("warns.json: valid (0 error(s), 1 warning(s))"));

    // Truncated JSON: located at the end of the input.
    let out = check(&dir, &["truncated.json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains("error[SCHEMA_JSON_SYNTAX]"), "{report}");
    assert!(report.contains("--> truncated.json:2:15"), "{report}");
    caret_under(&report, 2, "  \"type\": \"str", 15);
}

#[test]
fn no_colour_when_not_a_terminal() {
    let dir = workdir();
    // Colour-friendly environment (NO_COLOR unset, a colour TERM): piped output stays plain.
    for args in [
        &["invalid.json", "warns.json", "missing.json"][..],
        &["--format", "json", "invalid.json"],
    ] {
        let out = check(&dir, args);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.contains(&0x1b),
                "escape sequence on {stream} for {args:?}: {:?}",
                text(bytes)
            );
        }
    }
    let out = check(&dir, &["missing.json"]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot read missing.json"),
        "{stderr}"
    );
}

/// The other half: on a terminal (a pty from util-linux `script`, when installed) the report is
/// coloured, unless NO_COLOR is set. Skipped with a note where `script` is not available.
#[test]
fn colour_on_a_terminal_unless_no_color() {
    let dir = workdir();
    let script = |no_color: bool| {
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &format!("'{BIN}' check invalid.json"), "/dev/null"])
            .current_dir(&dir)
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        cmd.output()
    };
    let coloured = match script(false) {
        Ok(out) if out.status.code() == Some(1) => out,
        other => {
            eprintln!("SKIPPED: cannot run `script` to get a terminal ({other:?})");
            return;
        }
    };
    let shown = text(&coloured.stdout);
    assert!(
        shown.contains("\x1b[1;31merror[SCHEMA_TYPE_INVALID]\x1b[0m"),
        "no colour on a terminal: {shown:?}"
    );
    let plain = script(true).expect("script ran before");
    assert!(
        !plain.stdout.contains(&0x1b),
        "NO_COLOR is set, yet: {:?}",
        text(&plain.stdout)
    );
    assert!(text(&plain.stdout).contains("error[SCHEMA_TYPE_INVALID]"));
}
