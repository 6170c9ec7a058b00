//! Helpers shared by the integration tests that need the library (the corpus location, the
//! Session's facts and the Clerk payload table are in `jsonstruct-test-support`): sorted folder
//! listings, the conformance and Clerk instances the differential tests
//! compare validators on, the expected-failure inverter, a thread bound, the child-process
//! harness of the hostile tests, and small checks (`ensure`, `line_col`).
//!
//! A directory module (`tests/support/mod.rs`), so cargo does not build it as a test of its own;
//! each test binary includes it with `mod support;`.

// Each test binary uses a different subset, and the rest would warn as dead in that binary.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use jsonstruct::{CheckReport, Schema, TypeKind};
use jsonstruct_test_support::clerk;
use jsonstruct_test_support::corpus::counts;
use libtest_mimic::{Failed, Trial};
use serde_json::Value;

pub use jsonstruct_test_support::corpus::workspace_root as workspace;

// ------------------------------------------------------------------------ locations

/// The Clerk `Session` schema of this workspace.
pub fn session_schema_path() -> PathBuf {
    workspace().join("schemas/clerk/session.struct.json")
}

/// Whether the nearest `jsonstruct.toml` above `schema` accepts 64-bit integers as JSON
/// numbers, as every consumer reads it (the workspace's `schemas/jsonstruct.toml` does: Clerk
/// sends numbers); the spec's strings only when there is no such file.
pub fn int64_numbers_for(schema: &Path) -> bool {
    jsonstruct::config::Config::discover(schema)
        .expect("a readable jsonstruct.toml")
        .is_some_and(|(_, c)| c.int64_numbers())
}

/// The validator options the workspace gives `schema` (see [`int64_numbers_for`]).
pub fn options_for(schema: &Path) -> jsonstruct::Options {
    jsonstruct::Options::default().int64_numbers(int64_numbers_for(schema))
}

/// The Session schema's validator options: 64-bit integers as JSON numbers too.
pub fn session_options() -> jsonstruct::Options {
    options_for(&session_schema_path())
}

/// `<shared>/conformance` for a `libtest-mimic` suite, or `None` when it is missing (see
/// [`jsonstruct_test_support::corpus::open`]: a failure under `JSONSTRUCT_REQUIRE_CORPUS`,
/// else `cases` recorded as not run).
pub fn conformance_or_skip(suite: &str, cases: usize) -> Option<PathBuf> {
    jsonstruct_test_support::corpus::open(suite, "main", &["conformance/README.md"], cases)
        .map(|shared| shared.join("conformance"))
}

/// The shared folder for a differential suite (conformance instances and Clerk payloads), or
/// `None` when either is missing (as [`conformance_or_skip`]).
pub fn differential_or_skip(suite: &str) -> Option<PathBuf> {
    jsonstruct_test_support::corpus::open(
        suite,
        "main",
        &["conformance/README.md", "clerk/README.md"],
        counts::DIFFERENTIAL_INSTANCES,
    )
}

/// `meta::instance_count`: a differential suite compares as many instances as
/// [`counts::DIFFERENTIAL_INSTANCES`] says (the number reported as not run without the corpus).
pub fn instance_count_trial(compared: usize) -> Trial {
    Trial::test("meta::instance_count", move || {
        if compared == counts::DIFFERENTIAL_INSTANCES {
            Ok(())
        } else {
            Err(format!(
                "{compared} instances compared, counts::DIFFERENTIAL_INSTANCES says {}",
                counts::DIFFERENTIAL_INSTANCES
            )
            .into())
        }
    })
}

// ------------------------------------------------------------------------ files

/// The entries of a folder, sorted; a folder that cannot be read lists nothing (for folders
/// the corpus has for some cases only, such as `instances/invalid/<sample>`).
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// The entries of a folder that must exist, sorted; panics when it cannot be read, so a
/// damaged corpus fails loudly instead of counting zero cases.
pub fn list_existing(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    out.sort();
    out
}

/// The file name without `.json`.
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "?".into(), |n| n.to_string_lossy());
    name.strip_suffix(".json").unwrap_or(&name).to_owned()
}

pub fn is_json(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "json")
}

// ------------------------------------------------------------------------ corpus instances

/// One instance to validate: its trial name, what validates it (a test's own `target`, shared
/// by the instances of one schema) and the bytes as validated.
pub struct Instance<T> {
    pub name: String,
    pub target: T,
    pub bytes: Vec<u8>,
}

/// The corpus rules (corpus README): root keys starting with `_` are test metadata and go; for
/// `instances/validation` (`unwrap`), `{"value": X}` becomes `X` when the schema's root type is
/// neither an object nor a map.
pub fn clean(value: Value, unwrap: bool, schema: &Schema) -> Value {
    let Value::Object(mut members) = value else {
        return value;
    };
    members.retain(|k, _| !k.starts_with('_'));
    let root_is_object = schema.root().is_some_and(|r| {
        matches!(
            schema.node(schema.resolve(r)).kind,
            TypeKind::Object(_) | TypeKind::Map { .. }
        )
    });
    if unwrap && !root_is_object && members.len() == 1 {
        if let Some(inner) = members.remove("value") {
            return inner;
        }
    }
    Value::Object(members)
}

/// The instance file as validated: the file as it is when [`clean`] leaves it alone (so its own
/// layout and number spellings reach the validator), else the cleaned value pretty-printed.
pub fn corpus_instance(path: &Path, unwrap: bool, schema: &Schema) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    let Ok(original) = serde_json::from_slice::<Value>(&bytes) else {
        return bytes;
    };
    let cleaned = clean(original.clone(), unwrap, schema);
    if cleaned == original {
        return bytes;
    }
    serde_json::to_vec_pretty(&cleaned).unwrap()
}

/// `($id, path)` of every adversarial schema, for pairing instances by their `$schema`.
pub fn adversarial_schemas(conformance: &Path) -> Vec<(String, PathBuf)> {
    list(&conformance.join("test-assets/schemas/adversarial"))
        .into_iter()
        .filter(|p| is_json(p))
        .filter_map(|p| {
            let v: Value = serde_json::from_slice(&std::fs::read(&p).ok()?).ok()?;
            Some((v.get("$id")?.as_str()?.to_owned(), p))
        })
        .collect()
}

/// The schema among `schemas` whose `$id` is the instance's `$schema`.
pub fn schema_of(instance: &Path, schemas: &[(String, PathBuf)]) -> Option<PathBuf> {
    let wanted = std::fs::read(instance)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|v| v.get("$schema")?.as_str().map(str::to_owned))?;
    schemas
        .iter()
        .find(|(id, _)| *id == wanted)
        .map(|(_, p)| p.clone())
}

/// The conformance instances of `<shared>/conformance`, in this order: per sample its
/// `example*.json` (`samples::<sample>/<example>`) then its `instances/invalid/<sample>`
/// (`invalid::<sample>/<file>`); `validation::<name>/<file>` against
/// `schemas/validation/<name>.struct.json`; `adversarial::<file>` against the adversarial
/// schema its `$schema` names.
///
/// `target` loads a schema file into the test's validators, once per sample and validation
/// schema and once per adversarial instance; `None` (with the reason pushed to `skipped`) drops
/// that schema's instances. An adversarial instance with no schema is skipped too.
pub fn corpus_instances<T: Clone>(
    shared: &Path,
    skipped: &mut Vec<String>,
    mut target: impl FnMut(&Path, &mut Vec<String>) -> Option<(Schema, T)>,
) -> Vec<Instance<T>> {
    let conformance = shared.join("conformance");
    let mut cases = Vec::new();
    for dir in list(&conformance.join("samples/core")) {
        let schema_path = dir.join("schema.struct.json");
        if !schema_path.is_file() {
            continue;
        }
        let sample = stem(&dir);
        let Some((schema, t)) = target(&schema_path, skipped) else {
            continue;
        };
        for ex in list(&dir) {
            let name = stem(&ex);
            if is_json(&ex) && name.starts_with("example") {
                cases.push(Instance {
                    name: format!("samples::{sample}/{name}"),
                    target: t.clone(),
                    bytes: std::fs::read(&ex).unwrap(),
                });
            }
        }
        for inst in list(
            &conformance
                .join("test-assets/instances/invalid")
                .join(&sample),
        ) {
            if is_json(&inst) {
                cases.push(Instance {
                    name: format!("invalid::{sample}/{}", stem(&inst)),
                    target: t.clone(),
                    bytes: corpus_instance(&inst, false, &schema),
                });
            }
        }
    }
    for dir in list(&conformance.join("test-assets/instances/validation")) {
        let name = stem(&dir);
        let schema_path =
            conformance.join(format!("test-assets/schemas/validation/{name}.struct.json"));
        let Some((schema, t)) = target(&schema_path, skipped) else {
            continue;
        };
        for inst in list(&dir) {
            if is_json(&inst) {
                cases.push(Instance {
                    name: format!("validation::{name}/{}", stem(&inst)),
                    target: t.clone(),
                    bytes: corpus_instance(&inst, true, &schema),
                });
            }
        }
    }
    let adversarial = adversarial_schemas(&conformance);
    for inst in list(&conformance.join("test-assets/instances/adversarial")) {
        if !is_json(&inst) {
            continue;
        }
        let Some(schema_path) = schema_of(&inst, &adversarial) else {
            skipped.push(format!(
                "{}: no adversarial schema with its $schema",
                inst.display()
            ));
            continue;
        };
        let Some((schema, t)) = target(&schema_path, skipped) else {
            continue;
        };
        cases.push(Instance {
            name: format!("adversarial::{}", stem(&inst)),
            target: t,
            bytes: corpus_instance(&inst, false, &schema),
        });
    }
    cases
}

/// The Clerk payloads of `<shared>/clerk` (`clerk::<file>[#<pointer>]`, see
/// [`clerk::parts`]): Sessions against `session`, file 14's `actor` against `actor` (the
/// `SessionActor` definition).
pub fn clerk_instances<T: Clone>(shared: &Path, session: &T, actor: &T) -> Vec<Instance<T>> {
    clerk::parts(&shared.join(clerk::DIR))
        .into_iter()
        .map(|part| Instance {
            name: part.trial_name(),
            target: if part.actor { actor } else { session }.clone(),
            bytes: part.bytes,
        })
        .collect()
}

// ------------------------------------------------------------------------ expected failures

/// The entry of an `EXPECTED_FAILURES` list for a case, `(name, reason)`.
pub fn expected_failure(
    list: &'static [(&'static str, &'static str)],
    name: &str,
) -> Option<(&'static str, &'static str)> {
    list.iter().find(|(n, _)| *n == name).copied()
}

/// Applies the expected-failure list: a listed case must fail, any other must pass.
pub fn judge(result: Result<(), Failed>, expected: Option<(&str, &str)>) -> Result<(), Failed> {
    match (result, expected) {
        (result, None) => result,
        (Ok(()), Some((name, reason))) => Err(format!(
            "{name} is listed in EXPECTED_FAILURES ({reason}) but now passes: remove it from the list"
        )
        .into()),
        (Err(_), Some(_)) => Ok(()),
    }
}

/// [`judge`], first saying on stderr how a listed case fails today, since its trial passes
/// and would otherwise hide that.
pub fn judge_and_note(
    result: Result<(), Failed>,
    expected: Option<(&str, &str)>,
) -> Result<(), Failed> {
    if let (Err(e), Some((name, reason))) = (&result, expected) {
        eprintln!(
            "expected failure {name}: {reason}\n  (currently: {})",
            e.message().unwrap_or("")
        );
    }
    judge(result, expected)
}

/// `meta::folder_counts`: each folder holds as many cases as the corpus README says, so a
/// changed corpus is looked at.
pub fn folder_counts_trial(
    want: &'static [(&'static str, usize)],
    counts: Vec<(&'static str, usize)>,
) -> Trial {
    Trial::test("meta::folder_counts", move || {
        for (folder, want) in want {
            let got = counts
                .iter()
                .find(|(f, _)| f == folder)
                .map_or(0, |(_, n)| *n);
            if got != *want {
                return Err(format!("{folder}: {got} cases, the corpus README says {want}").into());
            }
        }
        Ok(())
    })
}

/// `meta::expected_failures_name_real_cases` and `meta::expected_failures_are_inverted`: the
/// list names real cases with a reason, and [`judge`] applies it the right way round.
pub fn expected_failures_trials(
    list: &'static [(&'static str, &'static str)],
    case_names: BTreeSet<String>,
) -> [Trial; 2] {
    [
        Trial::test("meta::expected_failures_name_real_cases", move || {
            for (name, reason) in list {
                if !case_names.contains(*name) {
                    return Err(format!("EXPECTED_FAILURES names unknown case {name}").into());
                }
                if reason.trim().is_empty() {
                    return Err(format!("EXPECTED_FAILURES entry {name} has no reason").into());
                }
            }
            Ok(())
        }),
        Trial::test("meta::expected_failures_are_inverted", || {
            let entry = Some(("x::y", "because"));
            let failed = || Err(Failed::from("boom"));
            if judge(Ok(()), entry).is_ok() {
                return Err("a listed case that passes must fail the run".into());
            }
            if judge(failed(), entry).is_err() {
                return Err("a listed case that fails must pass".into());
            }
            if judge(failed(), None).is_ok() || judge(Ok(()), None).is_err() {
                return Err("unlisted cases must keep their own result".into());
            }
            Ok(())
        }),
    ]
}

// ------------------------------------------------------------------------ bounds

/// Runs `f` on a thread of its own and waits at most `bound`: a hang or a panic fails the one
/// case (`what` names it in the message) instead of the whole run.
pub fn run_bounded<T: Send + 'static>(
    thread_name: String,
    bound: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Failed> {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    std::thread::Builder::new()
        .name(thread_name)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| format!("cannot spawn a thread: {e}"))?;
    match rx.recv_timeout(bound) {
        Ok(out) => Ok(out),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(format!("{what} did not finish within {bound:?} (hang?)").into())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(format!(
            "{what} panicked after {:?} (see the thread's message above)",
            started.elapsed()
        )
        .into()),
    }
}

// ------------------------------------------------------------------------ child processes

pub type Body = Box<dyn Fn() -> Result<(), String> + Send + Sync>;

/// A case that runs in a child process of its own.
pub struct ChildCase {
    pub name: String,
    /// The case's time bound; each test says what it bounds and when the child is killed.
    pub bound: Duration,
    pub body: Body,
}

pub fn case(
    name: impl Into<String>,
    bound: Duration,
    body: impl Fn() -> Result<(), String> + Send + Sync + 'static,
) -> ChildCase {
    ChildCase {
        name: name.into(),
        bound,
        body: Box::new(body),
    }
}

/// One trial per case, each running its case in a child process (this binary re-executed with
/// `case_env=<name>`, see [`run_child`]) killed after `kill_after(bound)`, with the
/// expected-failure list applied. A stack overflow or a hang so fails its own case only.
pub fn child_trials(
    case_env: &'static str,
    cases: Vec<ChildCase>,
    expected_failures: &'static [(&'static str, &'static str)],
    kill_after: impl Fn(Duration) -> Duration,
) -> Vec<Trial> {
    cases
        .into_iter()
        .map(|c| {
            let expected = expected_failure(expected_failures, &c.name);
            let (name, kill_after) = (c.name.clone(), kill_after(c.bound));
            Trial::test(c.name, move || {
                judge_and_note(run_in_child(case_env, &name, kill_after), expected)
            })
        })
        .collect()
}

/// In the child: runs the case `name` on a thread with Rust's default stack, `prepare` first
/// (given the case's bound), and reports by exit status: 0 passed, 1 failed (the message on
/// stderr), 101 panicked, 3 no such case.
pub fn run_child(cases: Vec<ChildCase>, name: &str, prepare: fn(Duration)) -> ! {
    let Some(c) = cases.into_iter().find(|c| c.name == name) else {
        eprintln!("no hostile case named {name}");
        std::process::exit(3);
    };
    let bound = c.bound;
    let handle = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            prepare(bound);
            (c.body)()
        })
        .expect("spawn the case thread");
    match handle.join() {
        Ok(Ok(())) => std::process::exit(0),
        Ok(Err(msg)) => {
            eprintln!("{msg}");
            std::process::exit(1);
        }
        // The panic message was printed by the panic hook.
        Err(_) => std::process::exit(101),
    }
}

/// In the parent: runs the case `name` in a child process, killing it after `kill_after`.
pub fn run_in_child(case_env: &str, name: &str, kill_after: Duration) -> Result<(), Failed> {
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let mut child = Command::new(exe)
        .env(case_env, name)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the child process: {e}"))?;
    let mut stderr = child.stderr.take().expect("piped stderr");
    // Read while waiting: a child writing more than the pipe holds would block forever.
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > kill_after => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for the child: {e}").into()),
        }
    };
    let output = reader.join().unwrap_or_default();
    let output = output.trim();
    let Some(status) = status else {
        return Err(format!("no result within {kill_after:?}: hang (or far too slow)").into());
    };
    if status.success() {
        return Ok(());
    }
    match status.code() {
        Some(1) => Err(output.to_owned().into()),
        Some(101) => Err(format!("panicked:\n{output}").into()),
        Some(code) => Err(format!("child exited with {code}:\n{output}").into()),
        None => Err(format!(
            "child was killed by {} (stack overflow or abort):\n{output}",
            signal_of(&status)
        )
        .into()),
    }
}

#[cfg(unix)]
fn signal_of(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    status
        .signal()
        .map_or("a signal".into(), |s| format!("signal {s}"))
}

#[cfg(not(unix))]
fn signal_of(_: &std::process::ExitStatus) -> String {
    "a signal".into()
}

// ------------------------------------------------------------------------ small checks

pub fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(msg())
    }
}

/// 1-based line and column of a byte offset, computed independently of the library. The
/// column counts characters: every byte that does not continue a UTF-8 sequence is one, so
/// each byte of invalid UTF-8 that is not a stray continuation byte counts as one.
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, col + 1)
}

/// The diagnostics of a report, one per indented line, or `none` when there are none.
pub fn listing(report: &CheckReport, none: &str) -> String {
    if report.diagnostics.is_empty() {
        return none.into();
    }
    report
        .diagnostics
        .iter()
        .map(|d| format!("\n  {d}"))
        .collect()
}
