//! The shared JSON Structure conformance corpus (`../shared/conformance`), one trial per case.
//!
//! Each schema file becomes its own named trial (`invalid::unknown-type`,
//! `warnings::numeric-minimum-without-uses`, ...), so a failure names the case. What each folder
//! expects is described in the corpus README; the tables below pin, per case, the diagnostic codes
//! and pointers this implementation reports, so codes do not regress silently.
//!
//! Cases the library gets wrong (and where the corpus is judged right) are listed in
//! [`EXPECTED_FAILURES`] with the reason. The harness inverts them: an expected failure that starts
//! passing fails the run, so the list stays honest.
//!
//! The corpus is found through `jsonstruct_test_support::corpus`: without it the suite runs no
//! case and records them as not run, or fails under `JSONSTRUCT_REQUIRE_CORPUS=1` (CI).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jsonstruct::{CheckReport, Code, Diagnostic, Schema};
use jsonstruct_test_support::corpus::counts;
use libtest_mimic::{Arguments, Failed, Trial};

/// Every case must finish checking within this time (debug build, two cores shared with the
/// other trials). The slowest case takes about 30 ms today.
const TIME_BOUND: Duration = Duration::from_secs(2);

/// Cases the library gets wrong while the corpus is right: `(trial name, reason)`.
///
/// Empty today: every corpus case behaves as the corpus README expects. Add an entry (with the
/// bug and the proposed fix) rather than weakening a table below.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// How many cases each folder holds (corpus README); a changed corpus must be looked at.
const FOLDER_COUNTS: &[(&str, usize)] = counts::SCHEMA_FOLDERS;

/// `schemas/invalid`: each case is rejected, and the error its name describes is reported with
/// this code at this pointer (other errors may accompany it).
const INVALID: &[(&str, &str, &str)] = &[
    ("allof-not-array", "SCHEMA_COMPOSITION_NOT_ARRAY", "/allOf"),
    ("array-missing-items", "SCHEMA_ARRAY_MISSING_ITEMS", ""),
    (
        "circular-ref-direct",
        "SCHEMA_REF_CIRCULAR",
        "/definitions/recursive",
    ),
    (
        "constraint-type-mismatch-minimum",
        "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
        "/minimum",
    ),
    (
        "constraint-type-mismatch-minlength",
        "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
        "/minLength",
    ),
    (
        "defs-not-object",
        "SCHEMA_KEYWORD_INVALID_TYPE",
        "/definitions",
    ),
    ("enum-duplicates", "SCHEMA_ENUM_DUPLICATES", "/enum/1"),
    ("enum-empty", "SCHEMA_ENUM_EMPTY", "/enum"),
    ("enum-not-array", "SCHEMA_ENUM_NOT_ARRAY", "/enum"),
    (
        "invalid-regex-pattern",
        "SCHEMA_PATTERN_INVALID",
        "/pattern",
    ),
    ("map-missing-values", "SCHEMA_MAP_MISSING_VALUES", ""),
    (
        "minimum-exceeds-maximum",
        "SCHEMA_MIN_GREATER_THAN_MAX",
        "/minimum",
    ),
    (
        "minitems-exceeds-maxitems",
        "SCHEMA_MIN_GREATER_THAN_MAX",
        "/minItems",
    ),
    (
        "minitems-negative",
        "SCHEMA_INTEGER_CONSTRAINT_INVALID",
        "/minItems",
    ),
    (
        "minlength-exceeds-maxlength",
        "SCHEMA_MIN_GREATER_THAN_MAX",
        "/minLength",
    ),
    (
        "minlength-negative",
        "SCHEMA_INTEGER_CONSTRAINT_INVALID",
        "/minLength",
    ),
    // No `type`, no `$root`, no `definitions`: the document declares nothing.
    ("missing-type", "SCHEMA_ROOT_MISSING_TYPE", ""),
    (
        "multipleof-negative",
        "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID",
        "/multipleOf",
    ),
    (
        "multipleof-zero",
        "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID",
        "/multipleOf",
    ),
    (
        "properties-not-object",
        "SCHEMA_PROPERTIES_NOT_OBJECT",
        "/properties",
    ),
    (
        "ref-undefined",
        "SCHEMA_REF_NOT_FOUND",
        "/properties/value/type/$ref",
    ),
    (
        "required-missing-property",
        "SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED",
        "/required/1",
    ),
    (
        "required-not-array",
        "SCHEMA_REQUIRED_NOT_ARRAY",
        "/required",
    ),
    (
        "tuple-missing-definition",
        "SCHEMA_TUPLE_MISSING_DEFINITION",
        "",
    ),
    (
        "tuple-missing-prefixitems",
        "SCHEMA_TUPLE_MISSING_DEFINITION",
        "",
    ),
    ("unknown-type", "SCHEMA_TYPE_INVALID", "/type"),
];

const EXT: &str = "SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES";
const IGNORED: &str = "SCHEMA_KEYWORD_IGNORED";

/// `schemas/warnings`: each case is valid and reports exactly these warnings `(code, pointer)`.
/// Each warning sits on the keyword it is about and its message names that keyword.
const WARNINGS: &[(&str, &[(&str, &str)])] = &[
    ("all-extension-keywords-with-uses", &[]),
    // One warning per extension keyword: 12 (the folder README says 13, the file's own
    // `$comment` lists these 12).
    (
        "all-extension-keywords-without-uses",
        &[
            (EXT, "/properties/count/minimum"),
            (EXT, "/properties/count/maximum"),
            (EXT, "/properties/count/multipleOf"),
            (EXT, "/properties/rate/exclusiveMinimum"),
            (EXT, "/properties/rate/exclusiveMaximum"),
            (EXT, "/properties/name/minLength"),
            (EXT, "/properties/name/pattern"),
            (EXT, "/properties/tags/minItems"),
            (EXT, "/properties/tags/maxItems"),
            (EXT, "/properties/tags/uniqueItems"),
            (EXT, "/minProperties"),
            (EXT, "/maxProperties"),
        ],
    ),
    ("array-contains-without-uses", &[(EXT, "/contains")]),
    (
        "array-maxcontains-without-uses",
        &[(EXT, "/contains"), (EXT, "/maxContains")],
    ),
    ("array-maxitems-without-uses", &[(EXT, "/maxItems")]),
    (
        "array-mincontains-without-uses",
        &[(EXT, "/contains"), (EXT, "/minContains")],
    ),
    ("array-minitems-without-uses", &[(EXT, "/minItems")]),
    ("array-uniqueitems-without-uses", &[(EXT, "/uniqueItems")]),
    // Decision: core defines the content* keywords for `binary` only; on this `string` they are
    // reported as ignored (SCHEMA_KEYWORD_IGNORED) rather than as extension keywords. Either way
    // the two warnings the corpus asks for are there, on the right keywords.
    (
        "content-keywords-without-uses",
        &[
            (IGNORED, "/properties/data/contentEncoding"),
            (IGNORED, "/properties/data/contentMediaType"),
        ],
    ),
    (
        "default-keyword-without-uses",
        &[
            (EXT, "/properties/status/default"),
            (EXT, "/properties/count/default"),
        ],
    ),
    // The `pattern` inside `keyNames` is an extension keyword too.
    (
        "map-keywords-without-uses",
        &[
            (EXT, "/minEntries"),
            (EXT, "/maxEntries"),
            (EXT, "/keyNames"),
            (EXT, "/keyNames/pattern"),
        ],
    ),
    (
        "numeric-exclusive-maximum-without-uses",
        &[(EXT, "/exclusiveMaximum")],
    ),
    (
        "numeric-exclusive-minimum-without-uses",
        &[(EXT, "/exclusiveMinimum")],
    ),
    ("numeric-maximum-without-uses", &[(EXT, "/maximum")]),
    ("numeric-minimum-without-uses", &[(EXT, "/minimum")]),
    ("numeric-multiple-of-without-uses", &[(EXT, "/multipleOf")]),
    (
        "object-dependentrequired-without-uses",
        &[(EXT, "/dependentRequired")],
    ),
    (
        "object-maxproperties-without-uses",
        &[(EXT, "/maxProperties")],
    ),
    (
        "object-minproperties-without-uses",
        &[(EXT, "/minProperties")],
    ),
    (
        "object-patternproperties-without-uses",
        &[(EXT, "/patternProperties")],
    ),
    (
        "object-propertynames-without-uses",
        &[(EXT, "/propertyNames"), (EXT, "/propertyNames/pattern")],
    ),
    ("string-format-without-uses", &[(EXT, "/format")]),
    ("string-minlength-without-uses", &[(EXT, "/minLength")]),
    ("string-pattern-without-uses", &[(EXT, "/pattern")]),
];

/// `schemas/adversarial` cases that must be rejected, with the error that rejects them.
///
/// The corpus writes these in JSON Schema style (`$defs`, `$ref` beside the schema instead of
/// inside `type`), so the first error is the misplaced `$ref`; the same references written the
/// JSON Structure way are covered by `hostile_schemas.rs` (they give SCHEMA_REF_NOT_FOUND).
const ADVERSARIAL_REJECTED: &[(&str, &str, &str)] = &[
    (
        "ref-to-nowhere",
        "SCHEMA_REF_NOT_IN_TYPE",
        "/properties/missingDef/$ref",
    ),
    (
        "malformed-json-pointer",
        "SCHEMA_REF_NOT_IN_TYPE",
        "/properties/noHash/$ref",
    ),
    (
        "self-referencing-extends",
        "SCHEMA_REF_CIRCULAR",
        "/definitions/Recursive/$extends",
    ),
    // The cycle is reported once, on the edge that closes it.
    ("extends-circular-chain", "SCHEMA_REF_CIRCULAR", ""),
];

fn main() {
    let args = Arguments::from_args();
    let Some(root) = support::conformance_or_skip("conformance", counts::total(FOLDER_COUNTS))
    else {
        libtest_mimic::run(&args, Vec::new()).exit();
    };

    let mut trials = Vec::new();
    let mut counts = Vec::new();
    for (folder, dir) in [
        ("invalid", "test-assets/schemas/invalid"),
        ("warnings", "test-assets/schemas/warnings"),
        ("validation", "test-assets/schemas/validation"),
        ("adversarial", "test-assets/schemas/adversarial"),
    ] {
        let files = schema_files(&root.join(dir));
        counts.push((folder, files.len()));
        for (case, path) in files {
            trials.push(case_trial(folder, case, path));
        }
    }
    let samples = sample_schemas(&root.join("samples/core"));
    counts.push(("samples", samples.len()));
    for (case, path) in samples {
        trials.push(case_trial("samples", case, path));
    }

    let case_names: BTreeSet<String> = trials.iter().map(|t| t.name().to_owned()).collect();
    eprintln!(
        "conformance: {} corpus cases from {}",
        case_names.len(),
        root.display()
    );
    trials.extend(meta_trials(&root, counts, case_names));
    libtest_mimic::run(&args, trials).exit();
}

/// `(case name, path)` of every `*.struct.json` in a folder, sorted.
fn schema_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = support::list_existing(dir)
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.strip_suffix(".struct.json")?;
            Some((name.to_owned(), p.clone()))
        })
        .collect();
    // By case name: `a-b.struct.json` sorts before `a.struct.json`, `a-b` after `a`.
    out.sort();
    out
}

/// `(sample name, path of its schema.struct.json)`, sorted.
fn sample_schemas(dir: &Path) -> Vec<(String, PathBuf)> {
    support::list_existing(dir)
        .into_iter()
        .filter(|p| p.join("schema.struct.json").is_file())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            Some((name, p.join("schema.struct.json")))
        })
        .collect()
}

fn case_trial(folder: &'static str, case: String, path: PathBuf) -> Trial {
    let name = format!("{folder}::{case}");
    let expected = support::expected_failure(EXPECTED_FAILURES, &name);
    Trial::test(name, move || {
        support::judge_and_note(run_case(folder, &case, &path), expected)
    })
}

fn run_case(folder: &str, case: &str, path: &Path) -> Result<(), Failed> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let report = check_bounded(bytes.clone(), TIME_BOUND)?;
    every_diagnostic_is_located(&report, &bytes)?;
    match folder {
        "invalid" => invalid_case(case, &report),
        "warnings" => warnings_case(case, &report, &bytes),
        "validation" => validation_case(&report),
        "samples" => sample_case(&report),
        "adversarial" => adversarial_case(case, &report),
        other => Err(format!("unknown folder {other}").into()),
    }
}

/// `Schema::check` within `bound`: a hang or a panic fails the case instead of the whole run.
fn check_bounded(bytes: Vec<u8>, bound: Duration) -> Result<CheckReport, Failed> {
    support::run_bounded("check".into(), bound, "Schema::check", move || {
        Schema::check(&bytes)
    })
}

fn describe(report: &CheckReport) -> String {
    support::listing(report, "no diagnostics")
}

/// Every diagnostic has a 1-based line and column inside the document.
fn every_diagnostic_is_located(report: &CheckReport, bytes: &[u8]) -> Result<(), Failed> {
    let lines = bytes.split(|&b| b == b'\n').count();
    for d in &report.diagnostics {
        if d.line == 0 || d.column == 0 || d.line > lines {
            return Err(format!("diagnostic is not located in the document: {d}").into());
        }
    }
    Ok(())
}

fn invalid_case(case: &str, report: &CheckReport) -> Result<(), Failed> {
    let &(_, code, pointer) = INVALID
        .iter()
        .find(|(n, ..)| *n == case)
        .ok_or_else(|| format!("no entry for '{case}' in the INVALID table"))?;
    if report.is_valid() {
        return Err(format!("accepted, must be rejected; {}", describe(report)).into());
    }
    if !report
        .errors()
        .any(|d| d.code.as_str() == code && d.pointer == pointer)
    {
        return Err(format!(
            "rejected, but without {code} at '{pointer}'; got: {}",
            describe(report)
        )
        .into());
    }
    Ok(())
}

fn warnings_case(case: &str, report: &CheckReport, bytes: &[u8]) -> Result<(), Failed> {
    let &(_, expected) = WARNINGS
        .iter()
        .find(|(n, _)| *n == case)
        .ok_or_else(|| format!("no entry for '{case}' in the WARNINGS table"))?;
    if !report.is_valid() {
        return Err(format!("rejected, must be valid; {}", describe(report)).into());
    }
    let got: BTreeSet<(String, String)> = report
        .warnings()
        .map(|d| (d.code.as_str().to_owned(), d.pointer.clone()))
        .collect();
    let want: BTreeSet<(String, String)> = expected
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    if got != want || report.warnings().count() != expected.len() {
        return Err(format!(
            "warnings differ: expected {want:?}, got {}",
            describe(report)
        )
        .into());
    }
    if case == "all-extension-keywords-without-uses" && expected.len() != 12 {
        return Err("the table must list one warning per extension keyword (12)".into());
    }
    for d in report.warnings() {
        warning_sits_on_its_keyword(d, bytes)?;
    }
    Ok(())
}

/// The warning's message names the keyword, and its line/column point at that keyword's key.
fn warning_sits_on_its_keyword(d: &Diagnostic, bytes: &[u8]) -> Result<(), Failed> {
    let keyword = d.pointer.rsplit('/').next().unwrap_or_default();
    if !d.message.contains(&format!("'{keyword}'")) {
        return Err(format!("warning does not name '{keyword}': {d}").into());
    }
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().nth(d.line - 1).unwrap_or_default();
    let at: String = line.chars().skip(d.column - 1).collect();
    if !at.starts_with(&format!("\"{keyword}\"")) {
        return Err(format!(
            "warning {d} is not located on the key \"{keyword}\" (line {}: {line:?})",
            d.line
        )
        .into());
    }
    Ok(())
}

/// Valid, the Validation add-in is on, and so no keyword is reported as unenforced.
fn validation_case(report: &CheckReport) -> Result<(), Failed> {
    let Some(schema) = &report.schema else {
        return Err(format!("rejected, must be valid; {}", describe(report)).into());
    };
    if !schema.extensions().validation {
        return Err("$uses enables JSONStructureValidation but the model says it is off".into());
    }
    if let Some(d) = report
        .warnings()
        .find(|d| d.code == Code::SchemaExtensionKeywordWithoutUses)
    {
        return Err(format!("extension keyword reported as not enabled: {d}").into());
    }
    Ok(())
}

fn sample_case(report: &CheckReport) -> Result<(), Failed> {
    let Some(schema) = &report.schema else {
        return Err(format!("rejected, must be valid; {}", describe(report)).into());
    };
    if schema.root().is_none() && schema.definitions().next().is_none() {
        return Err("valid, but the model has neither a root type nor definitions".into());
    }
    Ok(())
}

/// No crash and no hang (checked for every case by `check_bounded`); four cases must be rejected.
fn adversarial_case(case: &str, report: &CheckReport) -> Result<(), Failed> {
    let Some(&(_, code, pointer)) = ADVERSARIAL_REJECTED.iter().find(|(n, ..)| *n == case) else {
        return Ok(());
    };
    if report.is_valid() {
        return Err(format!("accepted, must be rejected; {}", describe(report)).into());
    }
    let found = report
        .errors()
        .any(|d| d.code.as_str() == code && (pointer.is_empty() || d.pointer == pointer));
    if !found {
        return Err(format!(
            "rejected, but without {code} at '{pointer}'; got: {}",
            describe(report)
        )
        .into());
    }
    Ok(())
}

/// Trials about the suite itself: the corpus has the expected shape, the tables cover it, and the
/// expected-failure list names real cases and is applied the right way round.
fn meta_trials(
    root: &Path,
    counts: Vec<(&'static str, usize)>,
    case_names: BTreeSet<String>,
) -> Vec<Trial> {
    let invalid_dir = root.join("test-assets/schemas/invalid");
    let warnings_dir = root.join("test-assets/schemas/warnings");
    let adversarial_dir = root.join("test-assets/schemas/adversarial");
    let mut trials = vec![
        support::folder_counts_trial(FOLDER_COUNTS, counts),
        Trial::test("meta::tables_cover_the_corpus", move || {
            let names = |dir: &Path| -> BTreeSet<String> {
                schema_files(dir).into_iter().map(|(n, _)| n).collect()
            };
            let table_invalid: BTreeSet<String> =
                INVALID.iter().map(|(n, ..)| n.to_string()).collect();
            let table_warnings: BTreeSet<String> =
                WARNINGS.iter().map(|(n, _)| n.to_string()).collect();
            if names(&invalid_dir) != table_invalid {
                return Err(format!(
                    "INVALID table {table_invalid:?} != corpus {:?}",
                    names(&invalid_dir)
                )
                .into());
            }
            if names(&warnings_dir) != table_warnings {
                return Err(format!(
                    "WARNINGS table {table_warnings:?} != corpus {:?}",
                    names(&warnings_dir)
                )
                .into());
            }
            let adversarial = names(&adversarial_dir);
            for (n, ..) in ADVERSARIAL_REJECTED {
                if !adversarial.contains(*n) {
                    return Err(format!("adversarial case '{n}' is not in the corpus").into());
                }
            }
            for code in INVALID
                .iter()
                .map(|(_, c, _)| *c)
                .chain(ADVERSARIAL_REJECTED.iter().map(|(_, c, _)| *c))
                .chain(WARNINGS.iter().flat_map(|(_, w)| w.iter().map(|(c, _)| *c)))
            {
                if !Code::ALL.iter().any(|k| k.as_str() == code) {
                    return Err(format!("table names unknown code {code}").into());
                }
            }
            Ok(())
        }),
    ];
    trials.extend(support::expected_failures_trials(
        EXPECTED_FAILURES,
        case_names,
    ));
    trials
}
