//! Differential test against the official JSON Structure SDK for Rust (`json-structure` 0.6,
//! `InstanceValidator`), one trial per instance, on the corpus and Clerk instances of
//! `differential_jsonschema.rs` (samples, invalid, validation and adversarial instances; the
//! Clerk payloads against `Session`, file 14's `actor` against `SessionActor`).
//!
//! The SDK runs in extended mode when the schema enables the Validation or Conditional
//! Composition add-in. Every disagreement is classified in [`DISAGREEMENTS`]: whose verdict is
//! wrong and the spec section that decides (anchors of draft-vasters-json-structure-core, see
//! SPEC-NOTES.md), or a deliberate, documented deviation of jsonstruct. The trial of each case
//! asserts that reality matches the table exactly (an agreement must not be listed, a listed
//! disagreement must still disagree with the listed verdicts), so the table stays honest. Run
//! with `--nocapture` to see the counts and the table as Markdown.
//!
//! Without the corpus (`jsonstruct_test_support::corpus`) the suite runs no case and records
//! them as not run, or fails under `JSONSTRUCT_REQUIRE_CORPUS=1` (CI).

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use json_structure::{InstanceValidator, InstanceValidatorOptions};
use jsonstruct::{Schema, Validator};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

/// Whose verdict is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// jsonstruct is wrong: a bug to fix in the library (none today; kept so one can be
    /// listed, and its trial fails until it is fixed).
    #[allow(dead_code)]
    Ours,
    /// The official SDK is wrong; the spec section decides.
    Theirs(&'static str),
    /// jsonstruct deviates from the spec text on purpose (README decisions).
    Deliberate(&'static str),
}

/// `(case, jsonstruct valid?, official SDK valid?, classification, why)`.
const DISAGREEMENTS: &[(&str, bool, bool, Class, &str)] = &[
    (
        "samples::02-address/example1",
        true,
        false,
        Class::Theirs("#cross-references"),
        ROOT_SCHEMA_MEMBER,
    ),
    (
        "samples::02-address/example2",
        true,
        false,
        Class::Theirs("#cross-references"),
        ROOT_SCHEMA_MEMBER,
    ),
    (
        "samples::02-address/example3",
        true,
        false,
        Class::Theirs("#cross-references"),
        ROOT_SCHEMA_MEMBER,
    ),
    (
        "invalid::02-address/street-exceeds-maxlength",
        false,
        true,
        Class::Theirs("#maxlength-keyword"),
        "`maxLength` is a core keyword; the SDK enforces it only under `$uses` (as if it were a \
         Validation keyword), although the corpus it ships expects this instance to be invalid",
    ),
    (
        "adversarial::string-length-surrogate",
        false,
        true,
        Class::Deliberate("core `maxLength` enforced, in code points; README decisions"),
        "`familyEmoji` is 7 code points (one grapheme) against `maxLength: 1`; the SDK does not \
         enforce core `maxLength` without `$uses` (the draft says it MAY be used for validation)",
    ),
];

/// Why the samples of `02-address` differ.
const ROOT_SCHEMA_MEMBER: &str = "the instance's root `$schema` names the schema document and is \
    metadata, not a property; the SDK rejects it under `additionalProperties: false` \
    (json-structure/sdk#185)";

// ------------------------------------------------------------------------ the two validators

struct Target {
    ours: Validator,
    /// The schema document given to the SDK (for a definition: the document with `$root`).
    document: Value,
    sdk: InstanceValidator,
}

impl Target {
    fn new(
        schema: &Schema,
        document: Value,
        ty: Option<&str>,
        options: jsonstruct::Options,
    ) -> Result<Target, String> {
        let ext = schema.extensions();
        let sdk = InstanceValidator::with_options(InstanceValidatorOptions {
            extended: ext.validation || ext.composition,
            allow_import: false,
        });
        let (ours, document) = match ty {
            None => (
                Validator::with_options(schema, options).map_err(|e| e.to_string())?,
                document,
            ),
            Some(name) => {
                let reference = format!("#/definitions/{name}");
                let id = schema.definition(&reference).ok_or("no such definition")?;
                let mut doc = document;
                let m = doc
                    .as_object_mut()
                    .ok_or("schema document is not an object")?;
                for k in [
                    "type",
                    "properties",
                    "required",
                    "additionalProperties",
                    "examples",
                ] {
                    m.remove(k);
                }
                m.insert("$root".into(), reference.into());
                (Validator::for_type(schema, id, options), doc)
            }
        };
        Ok(Target {
            ours,
            document,
            sdk,
        })
    }

    /// `(jsonstruct, official SDK)` verdicts.
    fn verdicts(&self, bytes: &[u8]) -> (bool, bool) {
        let ours = self.ours.validate(bytes).is_ok();
        let text = String::from_utf8_lossy(bytes);
        let theirs = self.sdk.validate(&text, &self.document).is_valid();
        (ours, theirs)
    }
}

// ------------------------------------------------------------------------ corpus

type Case = support::Instance<Arc<Target>>;

/// Loads a schema for both validators; `None` (with the reason in `skipped`) when jsonstruct
/// rejects it.
fn target(path: &Path, skipped: &mut Vec<String>) -> Option<(Schema, Arc<Target>)> {
    let bytes = std::fs::read(path).ok()?;
    let schema = match Schema::from_slice(&bytes) {
        Ok(s) => s,
        Err(e) => {
            let first = e.to_string().lines().next().unwrap_or_default().to_owned();
            skipped.push(format!("{}: {first}", path.display()));
            return None;
        }
    };
    let document: Value = serde_json::from_slice(&bytes).ok()?;
    match Target::new(&schema, document, None, support::options_for(path)) {
        Ok(t) => Some((schema, Arc::new(t))),
        Err(e) => {
            skipped.push(format!("{}: {e}", path.display()));
            None
        }
    }
}

fn clerk_cases(root: &Path) -> Vec<Case> {
    let bytes = std::fs::read(support::session_schema_path()).unwrap();
    let schema = Schema::from_slice(&bytes).expect("the Session schema loads");
    let document: Value = serde_json::from_slice(&bytes).unwrap();
    let options = support::session_options();
    let session = Arc::new(Target::new(&schema, document.clone(), None, options).unwrap());
    let actor = Arc::new(Target::new(&schema, document, Some("SessionActor"), options).unwrap());
    support::clerk_instances(root, &session, &actor)
}

// ------------------------------------------------------------------------ the table

fn verdict(valid: bool) -> &'static str {
    if valid {
        "valid"
    } else {
        "invalid"
    }
}

fn class_text(c: Class) -> String {
    match c {
        Class::Ours => "ours (jsonstruct bug)".into(),
        Class::Theirs(section) => format!("theirs, spec {section}"),
        Class::Deliberate(what) => format!("deliberate ({what})"),
    }
}

/// The trial of one case: reality must match the table.
fn check(case: &Case) -> Result<(), Failed> {
    let (ours, theirs) = case.target.verdicts(&case.bytes);
    let listed = DISAGREEMENTS.iter().find(|d| d.0 == case.name);
    match listed {
        None if ours == theirs => Ok(()),
        None => Err(format!(
            "unclassified disagreement: jsonstruct says {}, the official SDK says {}; add it to \
             DISAGREEMENTS with a classification\ninstance: {}",
            verdict(ours),
            verdict(theirs),
            String::from_utf8_lossy(&case.bytes)
        )
        .into()),
        Some(&(_, o, t, class, _)) if (o, t) == (ours, theirs) => {
            if class == Class::Ours {
                // Listed so the table is complete; the test still fails until it is fixed.
                Err(format!("jsonstruct bug (see DISAGREEMENTS): {}", case.name).into())
            } else {
                Ok(())
            }
        }
        Some(&(_, o, t, ..)) => Err(format!(
            "the table says jsonstruct {} / SDK {}, reality is {} / {}: update DISAGREEMENTS",
            verdict(o),
            verdict(t),
            verdict(ours),
            verdict(theirs)
        )
        .into()),
    }
}

fn main() {
    let args = Arguments::from_args();
    let Some(root) = support::differential_or_skip("differential_official") else {
        libtest_mimic::run(&args, Vec::new()).exit();
    };
    let mut skipped = Vec::new();
    let mut cases = support::corpus_instances(&root, &mut skipped, target);
    cases.extend(clerk_cases(&root));

    // Counts and the table, computed once up front.
    let mut agree = 0;
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = Vec::new();
    for case in &cases {
        let (ours, theirs) = case.target.verdicts(&case.bytes);
        if ours == theirs {
            agree += 1;
            continue;
        }
        let listed = DISAGREEMENTS.iter().find(|d| d.0 == case.name);
        let (class, why, category) = match listed {
            Some(&(_, _, _, class, why)) => {
                let category = match class {
                    Class::Ours => "ours",
                    Class::Theirs(_) => "theirs",
                    Class::Deliberate(_) => "deliberate",
                };
                (class_text(class), why, category)
            }
            None => ("UNCLASSIFIED".to_owned(), "", "unclassified"),
        };
        *by_class.entry(category.to_owned()).or_default() += 1;
        rows.push(format!(
            "| `{}` | {} | {} | {class} | {why} |",
            case.name,
            verdict(ours),
            verdict(theirs)
        ));
    }
    eprintln!(
        "differential_official: {} instances, {agree} agree, {} disagree ({})",
        cases.len(),
        rows.len(),
        by_class
            .iter()
            .map(|(c, n)| format!("{c}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !rows.is_empty() {
        eprintln!("\n| case | jsonstruct | json-structure 0.6 | whose verdict is wrong | why |");
        eprintln!("| --- | --- | --- | --- | --- |");
        for r in &rows {
            eprintln!("{r}");
        }
        eprintln!();
    }
    for s in &skipped {
        eprintln!("differential_official: skipped {s}");
    }

    let names: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    let mut trials = vec![support::instance_count_trial(cases.len())];
    trials.extend(
        cases
            .into_iter()
            .map(|case| Trial::test(case.name.clone(), move || check(&case))),
    );
    // Every table entry must name a case that exists.
    trials.push(Trial::test(
        "table::entries_name_existing_cases",
        move || {
            let stale: Vec<&str> = DISAGREEMENTS
                .iter()
                .map(|d| d.0)
                .filter(|n| !names.iter().any(|c| c == n))
                .collect();
            if stale.is_empty() {
                Ok(())
            } else {
                Err(format!("DISAGREEMENTS names unknown cases: {stale:?}").into())
            }
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}
