//! The instance side of the shared JSON Structure conformance corpus (`../shared/conformance`),
//! one trial per case.
//!
//! - `invalid::<sample>/<file>`: each instance of `test-assets/instances/invalid/<sample>/` is
//!   invalid against `samples/core/<sample>/schema.struct.json`, with the error its name
//!   describes (pinned in [`INVALID`]).
//! - `validation::<name>/<file>`: each instance of `test-assets/instances/validation/<name>/` is
//!   invalid against `test-assets/schemas/validation/<name>.struct.json`, and its
//!   `_expectedError` is among the reported codes.
//! - `samples::<sample>/<example>`: each `samples/core/<sample>/example*.json` is valid.
//! - `adversarial::<file>`: each `test-assets/instances/adversarial/*.json`, paired with the
//!   adversarial schema whose `$id` is the instance's `$schema`, finishes without a crash within
//!   [`ADVERSARIAL_BOUND`]; the verdict is pinned in [`ADVERSARIAL`].
//!
//! Corpus rules (corpus README): root keys starting with `_` are test metadata and are removed;
//! in `instances/validation/` a `{"value": X}` wrapper is unwrapped when the schema's root type is
//! not an object or a map. A root `$schema` names the schema document; the validator treats it
//! as metadata, so it is left in place.
//!
//! Every case is validated twice, from bytes (`validate`, `is_valid`) and from a
//! `serde_json::Value` (`validate_value`, `is_valid_value`), and the four answers must agree, down
//! to the `(code, path)` of every error. Errors from bytes must carry a line and column, and
//! every error path must point at a value of the instance. Test instances are validated as
//! `serde_json::to_vec_pretty` of the cleaned value, so errors sit on distinct lines; sample
//! examples, which need no cleaning, are validated from their files as they are.
//!
//! The library matches `pattern` against the whole value (the draft says "entire value"), so in
//! `all-extension-keywords-with-uses` the pattern `^[A-Z]` also rejects `"Test"`: those cases
//! report an extra INSTANCE_STRING_PATTERN_MISMATCH next to the expected code, which is fine here
//! (the expected code must be present; others may accompany it).
//!
//! Cases the library gets wrong (and where the corpus is judged right) go in
//! [`EXPECTED_FAILURES`] with the reason. The harness inverts them: an expected failure that starts
//! passing fails the run, so the list stays honest.
//!
//! The corpus is found through `jsonstruct_test_support::corpus`: without it the suite runs no
//! case and records them as not run, or fails under `JSONSTRUCT_REQUIRE_CORPUS=1` (CI).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jsonstruct::{Report, Schema, Validator};
use jsonstruct_test_support::corpus::counts;
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;
use support::{is_json, list_existing, stem};

/// Every adversarial case must finish (schema check, compile, four validations) within this
/// time, in a debug build with two cores shared with the other trials. They take a few
/// milliseconds today.
const ADVERSARIAL_BOUND: Duration = Duration::from_secs(1);

/// The other cases are small too; a generous bound only turns a hang into a failure.
const CASE_BOUND: Duration = Duration::from_secs(5);

/// Cases the library gets wrong while the corpus is right: `(trial name, reason)`.
///
/// Empty today: every corpus case behaves as the corpus README expects. Add an entry (with the
/// bug and the proposed fix) rather than weakening a table below.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// How many cases each folder holds (corpus README); a changed corpus must be looked at.
const FOLDER_COUNTS: &[(&str, usize)] = counts::INSTANCE_FOLDERS;

/// `instances/invalid` (these files carry no `_expectedError`): the error that the file name
/// describes, as `(case, code, instance path)`. Other errors may accompany it.
const INVALID: &[(&str, &str, &str)] = &[
    (
        "01-basic-person/age-exceeds-int8-range",
        "INSTANCE_INT_RANGE_INVALID",
        "/age",
    ),
    (
        "01-basic-person/invalid-date-format",
        "INSTANCE_DATE_FORMAT_INVALID",
        "/dateOfBirth",
    ),
    (
        "01-basic-person/missing-required-firstname",
        "INSTANCE_REQUIRED_PROPERTY_MISSING",
        "",
    ),
    (
        "01-basic-person/wrong-type-age",
        "INSTANCE_INTEGER_EXPECTED",
        "/age",
    ),
    (
        "02-address/invalid-country-enum",
        "INSTANCE_ENUM_MISMATCH",
        "/country",
    ),
    (
        "02-address/missing-required-city",
        "INSTANCE_REQUIRED_PROPERTY_MISSING",
        "",
    ),
    (
        "02-address/street-exceeds-maxlength",
        "INSTANCE_STRING_MAX_LENGTH",
        "/street",
    ),
    (
        "04-datetime-examples/invalid-datetime-format",
        "INSTANCE_DATETIME_FORMAT_INVALID",
        "/timeSlot/startTime",
    ),
    (
        "04-datetime-examples/invalid-duration-format",
        "INSTANCE_DURATION_FORMAT_INVALID",
        "/timeSlot/duration",
    ),
    (
        "04-datetime-examples/invalid-frequency-enum",
        "INSTANCE_ENUM_MISMATCH",
        "/recurrence/frequency",
    ),
    (
        "04-datetime-examples/invalid-uuid-format",
        "INSTANCE_UUID_FORMAT_INVALID",
        "/id",
    ),
    // Decision: `uri` accepts RFC 3986 URI references, and both "not-a-valid-uri" (a relative
    // reference) and "also:not:valid" (scheme `also`) are well-formed ones. The instance is
    // invalid all the same: its `price` is a JSON number where `decimal` wants a string.
    (
        "05-collections/invalid-uri-in-array",
        "INSTANCE_DECIMAL_EXPECTED",
        "/products/0/price",
    ),
    (
        "05-collections/set-with-duplicates",
        "INSTANCE_SET_DUPLICATE",
        "/products/0/tags/2",
    ),
    (
        "05-collections/wrong-type-in-map-values",
        "INSTANCE_STRING_EXPECTED",
        "/products/0/specifications/weight",
    ),
    // The 06-tuples instances also write `decimal` tuple elements as JSON numbers, which adds
    // INSTANCE_DECIMAL_EXPECTED errors beside the one each file is about.
    (
        "06-tuples/tuple-wrong-element-type",
        "INSTANCE_DECIMAL_EXPECTED",
        "/dataPoints/0/location/0",
    ),
    (
        "06-tuples/tuple-wrong-length",
        "INSTANCE_TUPLE_LENGTH_MISMATCH",
        "/dataPoints/0/location",
    ),
    (
        "06-tuples/uint8-exceeds-range",
        "INSTANCE_INT_RANGE_INVALID",
        "/dataPoints/0/measurements/0/2",
    ),
    (
        "11-sets-and-maps/access-level-not-in-enum",
        "INSTANCE_ENUM_MISMATCH",
        "/specialCollections/rare-books/accessLevel",
    ),
    (
        "11-sets-and-maps/genre-not-in-enum",
        "INSTANCE_ENUM_MISMATCH",
        "/books/978-0-13-468599-1/genres/1",
    ),
    (
        "11-sets-and-maps/invalid-time-format",
        "INSTANCE_TIME_FORMAT_INVALID",
        "/openingHours/monday/open",
    ),
];

/// What an adversarial pair gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pinned {
    /// The schema loads and the instance is valid.
    Valid,
    /// The schema loads and the instance is invalid with exactly these codes (sorted, distinct).
    Invalid(&'static [&'static str]),
    /// The schema does not load; the first error has this code.
    SchemaRejected(&'static str),
}

/// `instances/adversarial`: the verdict of each pair, pinned so that it cannot change silently.
/// The corpus asks only for "no crash, no hang"; the comments say why each verdict is right.
const ADVERSARIAL: &[(&str, Pinned)] = &[
    // `additionalProperties` schema whose own nested `additionalProperties` object declares no
    // `properties`: core requires at least one property on an object type.
    (
        "additionalProperties-combined",
        Pinned::SchemaRejected("SCHEMA_OBJECT_MISSING_PROPERTIES"),
    ),
    // allOf [string, int32]: an object matches neither member; each member reports its error.
    (
        "allof-conflict",
        Pinned::Invalid(&["INSTANCE_INTEGER_EXPECTED", "INSTANCE_STRING_EXPECTED"]),
    ),
    // A core schema without `$uses`: `anyOf` and the Validation bounds are warned about and not
    // enforced, so 50 is just an int32.
    ("anyof-none-match", Pinned::Valid),
    // minimum 100 > maximum 50 is a schema error.
    (
        "conflicting-constraints",
        Pinned::SchemaRejected("SCHEMA_MIN_GREATER_THAN_MAX"),
    ),
    // 100 levels of declared objects: within the default depth bound (128).
    ("deep-nesting", Pinned::Valid),
    // `emptyObject` is an object type without `properties`.
    (
        "empty-collections-invalid",
        Pinned::SchemaRejected("SCHEMA_OBJECT_MISSING_PROPERTIES"),
    ),
    // JSON Schema style `{"$ref": ...}` beside, not inside, `type` (and `$defs`).
    (
        "extends-override",
        Pinned::SchemaRejected("SCHEMA_REF_NOT_IN_TYPE"),
    ),
    // A core schema: minimum/maximum/exclusiveMaximum are not enforced without `$uses`; 0.1 is
    // one of the enum values; -0.0 and 1e-320 are numbers.
    ("floating-point", Pinned::Valid),
    // `format` is a Validation keyword and the schema does not enable it (warned, not enforced).
    ("format-invalid", Pinned::Valid),
    ("format-valid", Pinned::Valid),
    // The instance's members are not the declared ones and objects are open by default; the
    // values are exact 64-bit integers either way.
    ("int64-precision", Pinned::Valid),
    // `null` for a plain `string`; nulls inside `["int32", "null"]` items are fine.
    (
        "null-edge-cases",
        Pinned::Invalid(&["INSTANCE_STRING_EXPECTED"]),
    ),
    // Three open object branches all accept the instance: oneOf needs exactly one.
    (
        "oneof-all-match",
        Pinned::Invalid(&["INSTANCE_ONE_OF_INVALID_COUNT"]),
    ),
    // Look-around (`(?<=prefix)`) is not supported by the linear-time `regex` engine: rejected
    // at load time, located on that pattern, rather than silently never matching.
    (
        "pattern-flags",
        Pinned::SchemaRejected("SCHEMA_PATTERN_INVALID"),
    ),
    // Property names must be identifiers; "", "$ref", "a.b.c", "a/b/c" need `altnames` for
    // their wire names.
    (
        "property-name-edge-cases",
        Pinned::SchemaRejected("SCHEMA_NAME_INVALID"),
    ),
    // JSON Schema style `$ref` chains under `$defs`.
    (
        "quadratic-blowup",
        Pinned::SchemaRejected("SCHEMA_REF_NOT_IN_TYPE"),
    ),
    (
        "recursive-tree",
        Pinned::SchemaRejected("SCHEMA_REF_NOT_IN_TYPE"),
    ),
    // The root type is `string` and the instance is an object (the pattern `^(a+)+$` never
    // runs here; `hostile_instances.rs` runs it on a long string).
    (
        "redos-attack",
        Pinned::Invalid(&["INSTANCE_STRING_EXPECTED"]),
    ),
    // Lengths count Unicode code points: the family emoji is 7 > maxLength 1 (core keyword).
    (
        "string-length-surrogate",
        Pinned::Invalid(&["INSTANCE_STRING_MAX_LENGTH"]),
    ),
    // First match of ["int32", "number", "string"]: 42 is an int32, 42.0 a number.
    ("type-union-int", Pinned::Valid),
    ("type-union-number", Pinned::Valid),
    // Control characters, BOM, surrogate pairs, bidi and zero-width characters are ordinary
    // string content; `pattern` is not enforced without `$uses`.
    ("unicode-edge-cases", Pinned::Valid),
];

fn main() {
    let args = Arguments::from_args();
    let Some(root) =
        support::conformance_or_skip("conformance_instances", counts::total(FOLDER_COUNTS))
    else {
        libtest_mimic::run(&args, Vec::new()).exit();
    };

    let mut cases = Vec::new();
    cases.extend(test_asset_cases(&root, Folder::Invalid));
    cases.extend(test_asset_cases(&root, Folder::Validation));
    cases.extend(sample_cases(&root));
    cases.extend(adversarial_cases(&root));

    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for c in &cases {
        match counts.iter_mut().find(|(f, _)| *f == c.folder.name()) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.folder.name(), 1)),
        }
    }
    let case_names: BTreeSet<String> = cases.iter().map(Case::trial_name).collect();
    eprintln!(
        "conformance_instances: {} corpus cases from {} ({})",
        case_names.len(),
        root.display(),
        counts
            .iter()
            .map(|(f, n)| format!("{f} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut trials: Vec<Trial> = cases.into_iter().map(case_trial).collect();
    trials.extend(meta_trials(counts, case_names));
    libtest_mimic::run(&args, trials).exit();
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    Invalid,
    Validation,
    Samples,
    Adversarial,
}

impl Folder {
    fn name(self) -> &'static str {
        match self {
            Folder::Invalid => "invalid",
            Folder::Validation => "validation",
            Folder::Samples => "samples",
            Folder::Adversarial => "adversarial",
        }
    }
}

/// One instance and the schema it is validated against.
struct Case {
    folder: Folder,
    /// `<group>/<file stem>` or, for adversarial cases, the file stem.
    name: String,
    instance: PathBuf,
    /// `None` for adversarial cases whose `$schema` names no schema of the corpus.
    schema: Option<PathBuf>,
}

impl Case {
    fn trial_name(&self) -> String {
        format!("{}::{}", self.folder.name(), self.name)
    }
}

/// `instances/<folder>/<group>/*.json` with the schema each group names.
fn test_asset_cases(root: &Path, folder: Folder) -> Vec<Case> {
    let dir = root.join("test-assets/instances").join(folder.name());
    let mut out = Vec::new();
    for group in list_existing(&dir).into_iter().filter(|p| p.is_dir()) {
        let group_name = stem(&group);
        let schema = match folder {
            Folder::Invalid => root
                .join("samples/core")
                .join(&group_name)
                .join("schema.struct.json"),
            _ => root
                .join("test-assets/schemas/validation")
                .join(format!("{group_name}.struct.json")),
        };
        for instance in list_existing(&group).into_iter().filter(|p| is_json(p)) {
            out.push(Case {
                folder,
                name: format!("{group_name}/{}", stem(&instance)),
                instance,
                schema: Some(schema.clone()),
            });
        }
    }
    out
}

/// `samples/core/<sample>/example*.json`.
fn sample_cases(root: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    for sample in list_existing(&root.join("samples/core")) {
        let schema = sample.join("schema.struct.json");
        if !schema.is_file() {
            continue;
        }
        let sample_name = stem(&sample);
        for example in list_existing(&sample)
            .into_iter()
            .filter(|p| is_json(p) && stem(p).starts_with("example"))
        {
            out.push(Case {
                folder: Folder::Samples,
                name: format!("{sample_name}/{}", stem(&example)),
                instance: example,
                schema: Some(schema.clone()),
            });
        }
    }
    out
}

/// `instances/adversarial/*.json`, each paired with the adversarial schema whose `$id` equals
/// the instance's `$schema`.
fn adversarial_cases(root: &Path) -> Vec<Case> {
    let schemas = support::adversarial_schemas(root);
    list_existing(&root.join("test-assets/instances/adversarial"))
        .into_iter()
        .filter(|p| is_json(p))
        .map(|instance| Case {
            folder: Folder::Adversarial,
            name: stem(&instance),
            schema: support::schema_of(&instance, &schemas),
            instance,
        })
        .collect()
}

fn case_trial(case: Case) -> Trial {
    let name = case.trial_name();
    let expected = support::expected_failure(EXPECTED_FAILURES, &name);
    Trial::test(name, move || {
        support::judge_and_note(run_bounded(case), expected)
    })
}

/// Runs a case within its bound: a hang or a panic fails the case instead of the whole run.
fn run_bounded(case: Case) -> Result<(), Failed> {
    let bound = match case.folder {
        Folder::Adversarial => ADVERSARIAL_BOUND,
        _ => CASE_BOUND,
    };
    support::run_bounded(case.trial_name(), bound, "the case", move || {
        run_case(&case)
    })?
    .map_err(Failed::from)
}

/// The agreed answer for one instance: `None` when valid, else the report from bytes.
struct Outcome {
    report: Option<Report>,
}

impl Outcome {
    fn codes(&self) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = self
            .report
            .iter()
            .flat_map(|r| r.errors.iter().map(|e| e.code.as_str()))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    fn describe(&self) -> String {
        match &self.report {
            None => "valid".into(),
            Some(r) => r.to_string(),
        }
    }
}

fn run_case(case: &Case) -> Result<(), String> {
    let instance_bytes = std::fs::read(&case.instance)
        .map_err(|e| format!("cannot read {}: {e}", case.instance.display()))?;
    let Some(schema_path) = &case.schema else {
        return Err(format!(
            "no adversarial schema has the $id named by the instance's $schema ({})",
            case.instance.display()
        ));
    };
    let schema_bytes = std::fs::read(schema_path)
        .map_err(|e| format!("cannot read {}: {e}", schema_path.display()))?;
    let check = Schema::check(&schema_bytes);
    let first_error = check.errors().next().map(|d| d.code.as_str().to_owned());
    let Some(schema) = check.schema else {
        let first = first_error.unwrap_or_else(|| "(no error)".into());
        return match case.folder {
            Folder::Adversarial => {
                adversarial_verdict(&case.name, &Observed::SchemaRejected(first))
            }
            _ => Err(format!(
                "the schema {} does not load: {first}",
                schema_path.display()
            )),
        };
    };
    let validator = Validator::new(&schema).map_err(|e| format!("cannot compile: {e}"))?;
    let original: Value = serde_json::from_slice(&instance_bytes)
        .map_err(|e| format!("the instance is not JSON: {e}"))?;

    let outcome = match case.folder {
        // Examples need no cleaning: validate the file as it is.
        Folder::Samples | Folder::Adversarial => {
            validate_both(&validator, instance_bytes, original)?
        }
        Folder::Invalid | Folder::Validation => {
            let expected = original.get("_expectedError").cloned();
            let value = support::clean(original, case.folder == Folder::Validation, &schema);
            let bytes = serde_json::to_vec_pretty(&value).map_err(|e| e.to_string())?;
            let outcome = validate_both(&validator, bytes, value)?;
            let Some(report) = &outcome.report else {
                return Err("accepted, must be rejected".into());
            };
            if let Some(code) = expected {
                let code = code.as_str().ok_or("_expectedError is not a string")?;
                if !report.errors.iter().any(|e| e.code.as_str() == code) {
                    return Err(format!(
                        "rejected, but without the expected {code}; got {}",
                        outcome.describe()
                    ));
                }
            }
            outcome
        }
    };

    match case.folder {
        Folder::Samples => match &outcome.report {
            None => Ok(()),
            Some(_) => Err(format!("rejected, must be valid: {}", outcome.describe())),
        },
        Folder::Invalid => {
            let &(_, code, path) = INVALID
                .iter()
                .find(|(n, ..)| *n == case.name)
                .ok_or_else(|| format!("no entry for '{}' in the INVALID table", case.name))?;
            let report = outcome.report.as_ref().expect("checked above");
            if !report
                .errors
                .iter()
                .any(|e| e.code.as_str() == code && e.path == path)
            {
                return Err(format!(
                    "rejected, but without {code} at '{path}'; got {}",
                    outcome.describe()
                ));
            }
            Ok(())
        }
        Folder::Validation => Ok(()),
        Folder::Adversarial => {
            let got = match &outcome.report {
                None => Observed::Valid,
                Some(_) => Observed::Invalid(outcome.codes()),
            };
            adversarial_verdict(&case.name, &got)
                .map_err(|e| format!("{e}\n{}", outcome.describe()))
        }
    }
}

/// Validates from bytes and from the value; all four answers must agree, errors from bytes are
/// located, and every error path points into the instance.
fn validate_both(validator: &Validator, bytes: Vec<u8>, value: Value) -> Result<Outcome, String> {
    let fast_bytes = validator.is_valid(&bytes);
    let from_bytes = validator.validate(&bytes);
    let fast_value = validator.is_valid_value(&value);
    let from_value = validator.validate_value(&value);
    if fast_bytes != from_bytes.is_ok() {
        return Err(format!(
            "is_valid says {fast_bytes}, validate says {from_bytes:?}"
        ));
    }
    if fast_value != from_value.is_ok() {
        return Err(format!(
            "is_valid_value says {fast_value}, validate_value says {from_value:?}"
        ));
    }
    if fast_bytes != fast_value {
        return Err(format!(
            "from bytes: {from_bytes:?}\nfrom the value: {from_value:?}"
        ));
    }
    if let (Err(b), Err(v)) = (&from_bytes, &from_value) {
        let errors = |r: &Report| {
            let mut e: Vec<(&str, String)> = r
                .errors
                .iter()
                .map(|e| (e.code.as_str(), e.path.clone()))
                .collect();
            e.sort();
            e
        };
        if errors(b) != errors(v) {
            return Err(format!(
                "bytes and value report different errors:\n from bytes: {:?}\n from the value: {:?}",
                errors(b),
                errors(v)
            ));
        }
        let lines = bytes.split(|&c| c == b'\n').count();
        for e in &b.errors {
            match (e.line, e.column) {
                (Some(l), Some(c)) if l >= 1 && c >= 1 && l <= lines => {}
                _ => return Err(format!("error not located in the {lines}-line input: {e}")),
            }
        }
        for e in b.errors.iter().chain(&v.errors) {
            if value.pointer(&e.path).is_none() {
                return Err(format!(
                    "error path '{}' does not point into the instance: {e}",
                    e.path
                ));
            }
        }
        if v.errors
            .iter()
            .any(|e| e.line.is_some() || e.column.is_some())
        {
            return Err("an error from a Value has a line or column".into());
        }
    }
    Ok(Outcome {
        report: from_bytes.err(),
    })
}

/// What an adversarial pair gave this time.
#[derive(Debug)]
enum Observed {
    Valid,
    Invalid(Vec<&'static str>),
    SchemaRejected(String),
}

impl Observed {
    fn is(&self, pinned: Pinned) -> bool {
        match (self, pinned) {
            (Observed::Valid, Pinned::Valid) => true,
            (Observed::Invalid(got), Pinned::Invalid(want)) => got.as_slice() == want,
            (Observed::SchemaRejected(got), Pinned::SchemaRejected(want)) => got == want,
            _ => false,
        }
    }
}

fn adversarial_verdict(case: &str, got: &Observed) -> Result<(), String> {
    let want = ADVERSARIAL
        .iter()
        .find(|(n, _)| *n == case)
        .map(|(_, p)| *p)
        .ok_or_else(|| format!("no entry for '{case}' in the ADVERSARIAL table; got {got:?}"))?;
    if !got.is(want) {
        return Err(format!(
            "verdict changed: the ADVERSARIAL table says {want:?}, got {got:?}"
        ));
    }
    Ok(())
}

/// Trials about the suite itself: the corpus has the expected shape, the tables cover it, and the
/// expected-failure list names real cases and is applied the right way round.
fn meta_trials(counts: Vec<(&'static str, usize)>, case_names: BTreeSet<String>) -> Vec<Trial> {
    let names = case_names.clone();
    let mut trials = vec![
        support::folder_counts_trial(FOLDER_COUNTS, counts),
        Trial::test("meta::tables_cover_the_corpus", move || {
            let listed = |folder: &str| -> BTreeSet<String> {
                names
                    .iter()
                    .filter_map(|n| n.strip_prefix(&format!("{folder}::")))
                    .map(str::to_owned)
                    .collect()
            };
            let invalid: BTreeSet<String> = INVALID.iter().map(|(n, ..)| n.to_string()).collect();
            if invalid != listed("invalid") {
                return Err(format!(
                    "INVALID table {invalid:?} != corpus {:?}",
                    listed("invalid")
                )
                .into());
            }
            let adversarial: BTreeSet<String> =
                ADVERSARIAL.iter().map(|(n, _)| n.to_string()).collect();
            if adversarial != listed("adversarial") {
                return Err(format!(
                    "ADVERSARIAL table {adversarial:?} != corpus {:?}",
                    listed("adversarial")
                )
                .into());
            }
            let known = |code: &str| {
                jsonstruct::InstanceCode::ALL
                    .iter()
                    .any(|k| k.as_str() == code)
                    || jsonstruct::Code::ALL.iter().any(|k| k.as_str() == code)
            };
            let pinned = ADVERSARIAL.iter().flat_map(|(_, p)| match p {
                Pinned::Valid => Vec::new(),
                Pinned::Invalid(codes) => codes.to_vec(),
                Pinned::SchemaRejected(code) => vec![*code],
            });
            for code in INVALID.iter().map(|(_, c, _)| *c).chain(pinned) {
                if !known(code) {
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
