//! Where the shared corpus is, and what a suite does when it is not there.
//!
//! The corpus (conformance cases, Clerk payloads) is third-party data kept outside the
//! repository, in `../shared` beside the workspace or wherever [`SHARED_ENV`] points. Every
//! suite that reads it asks [`open`] first:
//!
//! - the folder and the files the suite needs are there: it gets the folder and runs;
//! - they are missing and [`REQUIRE_ENV`] is set (CI): the suite fails, saying what is missing;
//! - they are missing otherwise: the suite records how many cases did not run in a file under
//!   the target directory (see [`skipped_dir`]) and carries on without them. `cargo xtask test`
//!   clears those records before the run and ends with one line that sums them up
//!   ([`summary`]), so a run without the data never looks complete.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The environment variable that names the shared folder (default: `../shared` beside the
/// workspace; a relative path is taken from the workspace root).
pub const SHARED_ENV: &str = "JSONSTRUCT_SHARED";

/// The environment variable that makes a missing corpus a test failure (`.ci/run` sets it).
pub const REQUIRE_ENV: &str = "JSONSTRUCT_REQUIRE_CORPUS";

/// The environment variable that names the folder of skip records (default:
/// `<target dir>/jsonstruct-skipped`); `cargo xtask test` sets it.
pub const SKIPPED_DIR_ENV: &str = "JSONSTRUCT_SKIPPED_DIR";

/// The shared folder's default place, relative to the workspace root.
pub const DEFAULT_SHARED: &str = "../shared";

/// How many cases each folder of the corpus holds, as its README states: the suites check
/// these counts when the corpus is there and report them as not run when it is not.
pub mod counts {
    /// `conformance/test-assets/schemas/<folder>` and `samples/core` (schemas), as the
    /// `conformance` suite names its folders.
    pub const SCHEMA_FOLDERS: &[(&str, usize)] = &[
        ("invalid", 26),
        ("warnings", 24),
        ("validation", 16),
        ("samples", 12),
        ("adversarial", 33),
    ];

    /// `conformance/test-assets/instances/<folder>` and the `example*.json` of `samples/core`,
    /// as the `conformance_instances` suite names its folders.
    pub const INSTANCE_FOLDERS: &[(&str, usize)] = &[
        ("invalid", 20),
        ("validation", 28),
        ("samples", 34),
        ("adversarial", 22),
    ];

    /// The instances the differential suites compare validators on: the conformance
    /// instances whose schema loads (all but 8 adversarial ones) and the Session-shaped parts
    /// of the Clerk payloads ([`crate::clerk::parts_count`]). Both suites check it.
    pub const DIFFERENTIAL_INSTANCES: usize =
        total(INSTANCE_FOLDERS) - 8 + crate::clerk::parts_count();

    /// Lines of `external/MANIFEST.tsv` (its README: 1,828 cases), one trial each.
    pub const EXTERNAL_LINES: usize = 1828;

    /// The sum of a folder table.
    pub const fn total(folders: &[(&str, usize)]) -> usize {
        let mut sum = 0;
        let mut i = 0;
        while i < folders.len() {
            sum += folders[i].1;
            i += 1;
        }
        sum
    }

    /// The count of one folder of a table (0 when it is not listed).
    pub fn of(folders: &[(&str, usize)], folder: &str) -> usize {
        folders
            .iter()
            .find(|(f, _)| *f == folder)
            .map_or(0, |(_, n)| *n)
    }
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The shared folder: [`SHARED_ENV`] when set, else [`DEFAULT_SHARED`] beside the workspace;
/// canonical when it exists.
pub fn shared_dir() -> PathBuf {
    let dir = match std::env::var_os(SHARED_ENV) {
        Some(v) if !v.is_empty() => workspace_root().join(v),
        _ => workspace_root().join(DEFAULT_SHARED),
    };
    dir.canonicalize().unwrap_or(dir)
}

/// The shared folder as the user knows it: the variable's value, or `../shared`.
fn shared_shown() -> String {
    match std::env::var(SHARED_ENV) {
        Ok(v) if !v.is_empty() => v,
        _ => DEFAULT_SHARED.to_owned(),
    }
}

/// Whether [`REQUIRE_ENV`] is on (set, and neither empty nor `0`).
pub fn require_corpus() -> bool {
    std::env::var_os(REQUIRE_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// The folder of skip records: [`SKIPPED_DIR_ENV`], else `jsonstruct-skipped` in
/// `CARGO_TARGET_DIR` or the workspace's `target`.
pub fn skipped_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(SKIPPED_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map_or_else(|| workspace_root().join("target"), PathBuf::from);
    target.join("jsonstruct-skipped")
}

/// The shared folder, when every path of `needs` (relative to it, such as
/// `"conformance/README.md"`) exists.
///
/// Otherwise, with [`REQUIRE_ENV`] on, this panics with a message naming what is missing
/// (`suite` and `test` say who asked, `cases` how many corpus cases they would have run).
/// Without it, it writes that count to the skip record of `suite` (one line per `test`, so a
/// rerun replaces rather than adds), says so on stderr, and returns `None`: the caller runs
/// without the corpus cases.
pub fn open(suite: &str, test: &str, needs: &[&str], cases: usize) -> Option<PathBuf> {
    let shared = shared_dir();
    let Some(missing) = first_missing(&shared, needs) else {
        return Some(shared);
    };
    let shown = if missing.is_empty() {
        shared_shown()
    } else {
        format!("{}/{missing}", shared_shown())
    };
    if require_corpus() {
        let looked_at = shared.join(&missing);
        let looked_at = if Path::new(&shown) == looked_at {
            String::new()
        } else {
            format!(" (looked at {})", looked_at.display())
        };
        panic!(
            "{suite}: {shown} not found{looked_at}, and {REQUIRE_ENV} is set: its {cases} corpus \
             case(s) cannot run. Put the corpus at ../shared beside the workspace or point \
             {SHARED_ENV} at it (README \"Test data\")."
        );
    }
    let recorded = record(&skipped_dir(), suite, test, cases, &shown);
    // Straight to stderr: the test harness captures `eprintln!` of a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "{suite}: {cases} corpus case(s) did not run: {shown} not found (set {SHARED_ENV}; \
         `cargo xtask test` sums these up){}",
        match recorded {
            Ok(()) => String::new(),
            Err(e) => format!(" [could not record it: {e}]"),
        }
    );
    None
}

/// The first of `needs` that is missing below `shared`, as the part of its path (relative to
/// `shared`) that does not exist: `""` when `shared` itself is missing.
fn first_missing(shared: &Path, needs: &[&str]) -> Option<String> {
    if !shared.is_dir() {
        return Some(String::new());
    }
    for need in needs {
        if shared.join(need).exists() {
            continue;
        }
        // The shortest prefix that is missing names the problem best (`conformance`, not
        // `conformance/README.md`, when the whole folder is absent).
        let mut prefix = PathBuf::new();
        for part in Path::new(need).components() {
            prefix.push(part);
            if !shared.join(&prefix).exists() {
                break;
            }
        }
        return Some(prefix.to_string_lossy().replace('\\', "/"));
    }
    None
}

/// Appends `test<TAB>cases<TAB>missing` to `<dir>/<suite>.txt`.
pub fn record(
    dir: &Path,
    suite: &str,
    test: &str,
    cases: usize,
    missing: &str,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let line = format!("{}\t{cases}\t{}\n", clean(test), clean(missing));
    // One write of one short line in append mode: suites that record from parallel tests do
    // not interleave.
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(format!("{}.txt", clean(suite))))?
        .write_all(line.as_bytes())
}

/// What the skip records in `dir` add up to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Skipped {
    /// Corpus cases that did not run, over all suites.
    pub cases: usize,
    /// What was missing (as shown to the user), each once, in the order first seen.
    pub missing: Vec<String>,
    /// Cases per suite, by suite name.
    pub by_suite: BTreeMap<String, usize>,
}

/// Reads every record in `dir` (no folder: nothing skipped). A test that recorded more than
/// once (the same suite run twice without clearing) counts once, with its last record.
pub fn read_records(dir: &Path) -> std::io::Result<Skipped> {
    let mut out = Skipped::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for file in files {
        let suite = file
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let text = std::fs::read_to_string(&file)?;
        let mut by_test: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let mut fields = line.splitn(3, '\t');
            let (Some(test), Some(cases), Some(missing)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(bad_record(&file, line));
            };
            let cases = cases.parse().map_err(|_| bad_record(&file, line))?;
            by_test.insert(test, (cases, missing));
        }
        for (cases, missing) in by_test.into_values() {
            out.cases += cases;
            *out.by_suite.entry(suite.clone()).or_default() += cases;
            if !out.missing.iter().any(|m| m == missing) {
                out.missing.push(missing.to_owned());
            }
        }
    }
    Ok(out)
}

fn bad_record(file: &Path, line: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("{}: not a skip record: {line:?}", file.display()),
    )
}

/// The one line a test run ends with when corpus cases did not run, or `None` when all ran:
/// `jsonstruct: 1,234 corpus cases did not run: ../shared not found (set JSONSTRUCT_SHARED;
/// see README "Test data")`.
pub fn summary(skipped: &Skipped) -> Option<String> {
    if skipped.cases == 0 {
        return None;
    }
    let mut line = format!(
        "jsonstruct: {} corpus case{} did not run: ",
        thousands(skipped.cases),
        if skipped.cases == 1 { "" } else { "s" }
    );
    let _ = write!(
        line,
        "{} not found (set {SHARED_ENV}; see README \"Test data\")",
        skipped.missing.join(", ")
    );
    Some(line)
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "jsonstruct-test-support-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn records_add_up_and_a_rerun_replaces_its_own_line() {
        let dir = temp("records");
        record(&dir, "conformance", "main", 111, "../shared").unwrap();
        record(&dir, "clerk_payloads", "a", 14, "../shared").unwrap();
        record(&dir, "clerk_payloads", "b", 1, "../shared").unwrap();
        // The same test again (a second run without clearing): counted once.
        record(&dir, "clerk_payloads", "b", 1, "../shared").unwrap();
        record(&dir, "error_codes", "t", 1, "../shared/conformance").unwrap();
        let skipped = read_records(&dir).unwrap();
        assert_eq!(skipped.cases, 127);
        assert_eq!(skipped.by_suite["clerk_payloads"], 15);
        // Suites in name order, each missing thing once.
        assert_eq!(skipped.missing, ["../shared", "../shared/conformance"]);
        assert_eq!(
            summary(&skipped).unwrap(),
            "jsonstruct: 127 corpus cases did not run: ../shared, ../shared/conformance not found \
             (set JSONSTRUCT_SHARED; see README \"Test data\")"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn no_records_no_line() {
        let dir = temp("none");
        assert_eq!(read_records(&dir).unwrap(), Skipped::default());
        assert_eq!(summary(&Skipped::default()), None);
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(read_records(&dir).unwrap().cases, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_damaged_record_is_an_error() {
        let dir = temp("damaged");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.txt"), "test\tmany\t../shared\n").unwrap();
        let e = read_records(&dir).unwrap_err();
        assert!(e.to_string().contains("not a skip record"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_missing_part_is_the_shortest_absent_prefix() {
        let dir = temp("missing");
        assert_eq!(
            first_missing(&dir, &["conformance/README.md"]),
            Some(String::new())
        );
        std::fs::create_dir_all(dir.join("conformance")).unwrap();
        assert_eq!(
            first_missing(&dir, &["conformance/README.md"]),
            Some("conformance/README.md".into())
        );
        assert_eq!(
            first_missing(&dir, &["conformance", "clerk/README.md"]),
            Some("clerk".into())
        );
        std::fs::write(dir.join("conformance/README.md"), "").unwrap();
        assert_eq!(first_missing(&dir, &["conformance/README.md"]), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn folder_tables_add_up() {
        assert_eq!(counts::total(counts::SCHEMA_FOLDERS), 111);
        assert_eq!(counts::total(counts::INSTANCE_FOLDERS), 104);
        assert_eq!(counts::DIFFERENTIAL_INSTANCES, 112);
        assert_eq!(counts::of(counts::INSTANCE_FOLDERS, "samples"), 34);
        assert_eq!(counts::of(counts::INSTANCE_FOLDERS, "nope"), 0);
        assert_eq!(
            counts::DIFFERENTIAL_INSTANCES - counts::total(counts::INSTANCE_FOLDERS) + 8,
            crate::clerk::parts_count()
        );
    }
}
