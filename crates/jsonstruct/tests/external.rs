//! The external corpus (`../shared/external`, see its README and FINDINGS): the unit tests of
//! the JSON Structure SDKs, the drafts' examples, the official samples, the spec author's blog
//! and the avrotize fixtures, 1,828 lines, one trial per line, checked against the verdict the
//! drafts support (`judged`), not against what the source asserted.
//!
//! - `valid` / `invalid`: a schema line must pass / fail `check`; an instance line must be
//!   valid / invalid against its case's `schema.struct.json`.
//! - `schema-invalid`: the case's schema must fail `check` (the instance is never validated).
//! - `decide`: the drafts leave it open; [`DECISIONS`] pins what we decided (the README's
//!   decisions table says why).
//! - `unknown`: nothing to assert; the line must still finish without a crash or a hang.
//!
//! Where we are convinced `judged` is wrong, the line is in [`DISAGREEMENTS`] with the draft
//! section that supports us; such a line must still disagree, so the table stays honest.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jsonstruct::schema::SchemaSet;
use jsonstruct::{Options, Schema, Validator};
use jsonstruct_test_support::corpus::{self, counts};
use libtest_mimic::{Arguments, Failed, Trial};

/// Every line must finish within this time (debug build, two cores shared with other trials).
const TIME_BOUND: Duration = Duration::from_secs(10);

/// What a line gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Valid,
    Invalid,
    /// The case's schema fails `check`.
    SchemaInvalid,
}

impl Verdict {
    fn parse(s: &str) -> Option<Verdict> {
        match s {
            "valid" => Some(Verdict::Valid),
            "invalid" => Some(Verdict::Invalid),
            "schema-invalid" => Some(Verdict::SchemaInvalid),
            _ => None,
        }
    }
}

/// The 29 `decide` lines: the verdict we decided, and why (the README's decisions table has the
/// same reasons).
const DECISIONS: &[(&str, Verdict, &str)] = &[
    // Typeless subschemas inside composition keywords are accepted there (conditional
    // composition #if-then-else uses them); each keyword applies to values of its JSON type.
    ("instances/sdk-cs-InstanceValidator-ValidateAllOf-Invalid-Fails/invalid-1.json", Verdict::Invalid, "typeless allOf members: `required` applies to objects"),
    ("instances/sdk-cs-InstanceValidator-ValidateIf-Then-Else-IfTrue-Succeeds/valid-1.json", Verdict::Valid, "typeless if/then/else"),
    ("instances/sdk-cs-Validate-IfThenElse-IfTrue-ValidatesThen/invalid-1.json", Verdict::Invalid, "typeless if/then/else"),
    ("instances/sdk-go-InstanceValidatorNot-allowed-value/invalid-1.json", Verdict::Invalid, "typeless not with enum: every value"),
    ("instances/sdk-go-InstanceValidatorNot-allowed-value/valid-1.json", Verdict::Valid, "typeless not with enum"),
    ("instances/sdk-java-validCarWith4Wheels/valid-1.json", Verdict::Valid, "typeless if/then inside allOf"),
    ("instances/sdk-java-validCarWith4Wheels/valid-2.json", Verdict::Valid, "typeless if/then inside allOf"),
    ("instances/sdk-java-validCarWith4Wheels/valid-3.json", Verdict::Valid, "typeless if/then inside allOf"),
    // Typeless members are fine, but a member that names `set` still needs `items` (core #set),
    // as a typed `object` still needs properties in the judged SDK lines.
    ("instances/site-allof-anyof-oneof-and-not/schema.struct.json", Verdict::Invalid, "a typed set without items inside a typeless member"),
    ("instances/site-allof-anyof-oneof-and-not/valid-1.json", Verdict::SchemaInvalid, "its schema fails check (set without items)"),
    ("instances/site-if-then-else-without-changing-the-type/schema.struct.json", Verdict::Valid, "typeless if/then/else"),
    ("instances/site-if-then-else-without-changing-the-type/valid-1.json", Verdict::Valid, "typeless if/then/else"),
    ("instances/spec-cc-if-then-else/valid-1.json", Verdict::Valid, "the draft's own #if-then-else example"),
    ("instances/spec-cc-if-then-else/valid-2.json", Verdict::Valid, "the draft's own #if-then-else example"),
    ("instances/spec-cc-if-then-else/valid-3.json", Verdict::Valid, "the draft's own #if-then-else example"),
    ("schemas/sdk-dotnet/SchemaValidator-ConditionalComposition-IfThenElse.struct.json", Verdict::Invalid, "typeless if/then/else are fine, but the document has no $schema (core #document-structure)"),
    ("schemas/sdk-java/schemaIsValid-5.struct.json", Verdict::Valid, "typeless composition members"),
    ("schemas/sdk-java/shouldValidateSchemaWithAllOfRefs.struct.json", Verdict::Invalid, "typeless members are fine, but the document has no $schema"),
    ("schemas/sdk-java/shouldValidateSchemaWithIfThenElse.struct.json", Verdict::Invalid, "typeless if/then/else are fine, but the document has no $schema"),
    ("schemas/sdk-rust/valid-if-then-else-schema.struct.json", Verdict::Valid, "typeless if/then/else"),
    // `{"$ref": "#"}` names the typed root (core #namespaces puts it in the root namespace).
    ("instances/sdk-py-circular-reference-detection/valid-1.json", Verdict::Valid, "$ref \"#\" is the typed root"),
    ("instances/sdk-py-root-reference/valid-1.json", Verdict::Valid, "$ref \"#\" is the typed root"),
    ("schemas/sdk-typescript/should-not-share-seenRefs-state-between-validations.struct.json", Verdict::Invalid, "\"#\" is fine, but the document has no $schema (core #document-structure)"),
    // Composition keywords without `$uses`: a warning, not enforced (the SDK corpus's
    // convention, conditional-composition #enabling-the-extensions).
    ("instances/sdk-py-conditional-not-enabled-error/invalid-1.json", Verdict::Valid, "allOf without $uses is not enforced"),
    ("schemas/sdk-python/invalid-extended-schemas-INVALID-COMPOSITION-NO-EXTENSION.struct.json", Verdict::Valid, "composition without $uses: a warning"),
    // Alternate names: both altnames (member names) and altenums (enum values) are applied
    // when the document enables the add-in.
    ("instances/sdk-py-real-world-api-schema/valid-1.json", Verdict::Invalid, "altnames json is the wire name: the instance must use email_address"),
    ("instances/site-enums-need-translation-too/valid-1.json", Verdict::Valid, "altenums json is the wire symbol"),
    // `time` is RFC 3339 full-time, but partial-time is accepted (README: sample 11).
    ("instances/sdk-cs-InstanceValidator-StringFormat-Time-Valid/valid-1.json", Verdict::Valid, "time without offset accepted"),
    // Core #unions forbids inline compound members; its one example that has one is an error.
    ("schemas/spec-core-derived/spec-core-union-string-inline-map.struct.json", Verdict::Invalid, "inline map in a union (core #unions rule text)"),
];

/// Lines where `judged` is wrong in our reading: `(line, what we give, why)`.
const DISAGREEMENTS: &[(&str, Verdict, &str)] = &[
    (
        "instances/sdk-cs-InstanceValidator-Int64-AsString-Valid/valid-6.json",
        Verdict::Invalid,
        "core #int64 (\"base type string\") and #extended-primitive-types: the JSON number \
         9223372036854775807 is not an int64 instance; the MANIFEST flags this line itself. \
         A workspace that wants numbers says so in jsonstruct.toml",
    ),
    (
        "instances/sdk-go-InstanceValidatorUint64-max-uint64/valid-5.json",
        Verdict::Invalid,
        "core #uint64 (\"base type string\"): the JSON number 18446744073709551615 is not a \
         uint64 instance; the MANIFEST flags this line itself",
    ),
    (
        "instances/sdk-py-altenums-enumeration-mapping/valid-1.json",
        Verdict::Invalid,
        "alternate-names #the-altenums-keyword: with the add-in enabled, the \"json\" altenums \
         symbol is the value's JSON encoding (\"#FF0000\" for red), exactly as the \"json\" \
         altname is a member's key; \"red\" is therefore not an encoded value. Applying one and \
         not the other is the inconsistency the README decision removes",
    ),
    (
        "instances/sdk-py-offers-invalid-addin-type/invalid-1.json",
        Verdict::SchemaInvalid,
        "core #offers-keyword: $offers values MUST be JSON Pointers to definitions, so the schema \
     ($offers {\"Invalid\": \"not-valid-addin\"}) fails check and nothing is validated; judged \
     says the instance is invalid, which presumes the schema is usable",
    ),
];

/// Lines we still get wrong, with the gap behind each (expected failures: a line listed here
/// that starts to pass fails the run, so the list only shrinks).
const KNOWN_GAPS: &[(&str, &str)] = &[];

struct Line {
    path: String,
    judged: String,
}

fn manifest(root: &Path) -> Vec<Line> {
    let text = std::fs::read_to_string(root.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 5, "malformed MANIFEST line: {l}");
            Line {
                path: cols[0].to_owned(),
                judged: cols[4].to_owned(),
            }
        })
        .collect()
}

/// Whether a line is a schema (checked) or an instance (validated against its case schema).
fn is_schema_line(path: &str) -> bool {
    path.ends_with(".struct.json")
}

/// Checks a schema file with its relative imports resolved from its folder.
fn check(file: &Path) -> Result<Schema, String> {
    let mut set = SchemaSet::new();
    let doc = set.add_file(file).map_err(|e| e.to_string())?;
    set.load(doc).map_err(|e| e.to_string())
}

/// What we give for a line.
fn evaluate(root: &Path, path: &str) -> Verdict {
    let file = root.join(path);
    if is_schema_line(path) {
        return match check(&file) {
            Ok(_) => Verdict::Valid,
            Err(_) => Verdict::Invalid,
        };
    }
    let schema_file = file
        .parent()
        .expect("a case folder")
        .join("schema.struct.json");
    let Ok(schema) = check(&schema_file) else {
        return Verdict::SchemaInvalid;
    };
    let Ok(validator) = Validator::with_options(&schema, Options::default()) else {
        return Verdict::SchemaInvalid;
    };
    let bytes = std::fs::read(&file).expect("read the instance");
    if validator.is_valid(&bytes) {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

fn run_line(root: PathBuf, line: Line) -> Result<(), Failed> {
    let path = line.path.clone();
    let got = support::run_bounded(line.path.clone(), TIME_BOUND, "evaluating", move || {
        evaluate(&root, &path)
    })?;
    let decided = DECISIONS.iter().find(|(p, ..)| *p == line.path);
    let disagreed = DISAGREEMENTS.iter().find(|(p, ..)| *p == line.path);
    match (line.judged.as_str(), decided, disagreed) {
        ("unknown", ..) => Ok(()),
        ("decide", Some((_, want, why)), _) => {
            if got == *want {
                Ok(())
            } else {
                Err(format!("decided {want:?} ({why}), got {got:?}").into())
            }
        }
        ("decide", None, _) => Err("a `decide` line without a decision in DECISIONS".into()),
        (judged, _, Some((_, ours, why))) => {
            let judged = Verdict::parse(judged).ok_or("unknown judged value")?;
            if got == judged {
                Err(format!("listed as a disagreement ({why}) but now gives {got:?} like judged: remove it from DISAGREEMENTS").into())
            } else if got != *ours {
                Err(format!("listed as giving {ours:?}, got {got:?}").into())
            } else {
                Ok(())
            }
        }
        (judged, ..) => {
            let want = Verdict::parse(judged).ok_or_else(|| format!("judged {judged:?}?"))?;
            if got == want {
                Ok(())
            } else {
                Err(format!("judged {want:?}, got {got:?}").into())
            }
        }
    }
}

fn main() {
    let args = Arguments::from_args();
    let Some(shared) = corpus::open(
        "external",
        "main",
        &["external/MANIFEST.tsv"],
        counts::EXTERNAL_LINES,
    ) else {
        libtest_mimic::run(&args, Vec::new()).exit();
    };
    let root = shared.join("external");
    let lines = manifest(&root);
    assert_eq!(
        lines.len(),
        counts::EXTERNAL_LINES,
        "the external corpus changed: look at it, then update counts::EXTERNAL_LINES"
    );
    let by_path: BTreeMap<String, String> = lines
        .iter()
        .map(|l| (l.path.clone(), l.judged.clone()))
        .collect();
    let mut trials = Vec::new();
    // The tables name real lines of the right kind.
    let tables: Vec<(&str, String)> = DECISIONS
        .iter()
        .map(|(p, ..)| (*p, "decide".to_owned()))
        .chain(
            DISAGREEMENTS
                .iter()
                .map(|(p, ..)| (*p, "judged".to_owned())),
        )
        .collect();
    trials.push(Trial::test("tables::name_real_lines", move || {
        for (path, kind) in &tables {
            match by_path.get(*path).map(String::as_str) {
                None => return Err(format!("{path} is not a MANIFEST line").into()),
                Some("decide") if kind != "decide" => {
                    return Err(format!("{path} is a decide line: decide it in DECISIONS").into())
                }
                Some(j) if kind == "decide" && j != "decide" => {
                    return Err(format!("{path} is judged {j}, not decide").into())
                }
                _ => {}
            }
        }
        Ok(())
    }));
    let decide = lines.iter().filter(|l| l.judged == "decide").count();
    trials.push(Trial::test(
        "tables::every_decide_line_is_decided",
        move || {
            if decide == DECISIONS.len() {
                Ok(())
            } else {
                Err(format!("{decide} decide lines, {} decisions", DECISIONS.len()).into())
            }
        },
    ));
    for line in lines {
        let name = format!("{}::{}", line.judged, line.path);
        let root = root.clone();
        let gap = KNOWN_GAPS
            .iter()
            .find(|(p, _)| *p == line.path)
            .map(|(_, why)| *why);
        trials.push(Trial::test(name, move || {
            match (run_line(root, line), gap) {
                (Err(e), None) => Err(e),
                (Ok(()), None) | (Err(_), Some(_)) => Ok(()),
                (Ok(()), Some(why)) => {
                    Err(format!("listed in KNOWN_GAPS ({why}) but passes now: remove it").into())
                }
            }
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
