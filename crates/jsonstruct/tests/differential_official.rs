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
//! Without `../shared` next to the workspace the suite says so loudly and runs no case (set
//! `JSONSTRUCT_REQUIRE_CORPUS=1` to fail instead).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use json_structure::{InstanceValidator, InstanceValidatorOptions};
use jsonstruct::{Schema, TypeKind, Validator};
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
    fn new(schema: &Schema, document: Value, ty: Option<&str>) -> Result<Target, String> {
        let ext = schema.extensions();
        let sdk = InstanceValidator::with_options(InstanceValidatorOptions {
            extended: ext.validation || ext.composition,
            allow_import: false,
        });
        let (ours, document) = match ty {
            None => (Validator::new(schema).map_err(|e| e.to_string())?, document),
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
                (
                    Validator::for_type(schema, id, jsonstruct::Options::default()),
                    doc,
                )
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

struct Case {
    name: String,
    target: Arc<Target>,
    bytes: Vec<u8>,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> PathBuf {
    let path = workspace().join("../shared");
    path.canonicalize().unwrap_or(path)
}

fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn stem(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    name.strip_suffix(".json").unwrap_or(&name).to_owned()
}

fn is_json(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "json")
}

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
    match Target::new(&schema, document, None) {
        Ok(t) => Some((schema, Arc::new(t))),
        Err(e) => {
            skipped.push(format!("{}: {e}", path.display()));
            None
        }
    }
}

/// The instance as validated: the file as it is, or (when the corpus rules change it) the
/// cleaned value pretty-printed (root keys starting with `_` removed; `{"value": X}` unwrapped
/// for `instances/validation` when the schema root is not an object or a map).
fn corpus_instance(path: &Path, unwrap: bool, schema: &Schema) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    let Ok(Value::Object(mut members)) = serde_json::from_slice::<Value>(&bytes) else {
        return bytes;
    };
    let before = members.len();
    members.retain(|k, _| !k.starts_with('_'));
    let root_is_object = schema.root().is_some_and(|r| {
        matches!(
            schema.node(schema.resolve(r)).kind,
            TypeKind::Object(_) | TypeKind::Map { .. }
        )
    });
    if unwrap && !root_is_object && members.len() == 1 {
        if let Some(inner) = members.remove("value") {
            return serde_json::to_vec_pretty(&inner).unwrap();
        }
    }
    if members.len() == before {
        return bytes;
    }
    serde_json::to_vec_pretty(&Value::Object(members)).unwrap()
}

fn corpus_cases(root: &Path, skipped: &mut Vec<String>) -> Vec<Case> {
    let conformance = root.join("conformance");
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
                cases.push(Case {
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
                cases.push(Case {
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
                cases.push(Case {
                    name: format!("validation::{name}/{}", stem(&inst)),
                    target: t.clone(),
                    bytes: corpus_instance(&inst, true, &schema),
                });
            }
        }
    }
    let adversarial: Vec<(String, PathBuf)> =
        list(&conformance.join("test-assets/schemas/adversarial"))
            .into_iter()
            .filter(|p| is_json(p))
            .filter_map(|p| {
                let v: Value = serde_json::from_slice(&std::fs::read(&p).ok()?).ok()?;
                Some((v.get("$id")?.as_str()?.to_owned(), p))
            })
            .collect();
    for inst in list(&conformance.join("test-assets/instances/adversarial")) {
        if !is_json(&inst) {
            continue;
        }
        let wanted = std::fs::read(&inst)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|v| v.get("$schema")?.as_str().map(str::to_owned));
        let Some(schema_path) = wanted.and_then(|id| {
            adversarial
                .iter()
                .find(|(sid, _)| *sid == id)
                .map(|(_, p)| p.clone())
        }) else {
            skipped.push(format!("{}: no schema with its $schema", inst.display()));
            continue;
        };
        let Some((schema, t)) = target(&schema_path, skipped) else {
            continue;
        };
        cases.push(Case {
            name: format!("adversarial::{}", stem(&inst)),
            target: t,
            bytes: corpus_instance(&inst, false, &schema),
        });
    }
    cases
}

fn clerk_cases(root: &Path) -> Vec<Case> {
    let path = workspace().join("schemas/clerk/session.struct.json");
    let bytes = std::fs::read(&path).unwrap();
    let schema = Schema::from_slice(&bytes).expect("the Session schema loads");
    let document: Value = serde_json::from_slice(&bytes).unwrap();
    let session = Arc::new(Target::new(&schema, document.clone(), None).unwrap());
    let actor = Arc::new(Target::new(&schema, document, Some("SessionActor")).unwrap());
    let mut cases = Vec::new();
    for path in list(&root.join("clerk")) {
        if !is_json(&path) {
            continue;
        }
        let name = stem(&path);
        let bytes = std::fs::read(&path).unwrap();
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        let mut sub = |pointer: &str, target: &Arc<Target>| {
            let v = doc
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{name}{pointer}"));
            cases.push(Case {
                name: format!("clerk::{name}#{pointer}"),
                target: target.clone(),
                bytes: serde_json::to_vec_pretty(v).unwrap(),
            });
        };
        match &name[..2] {
            "01" | "02" | "03" | "09" | "12" => cases.push(Case {
                name: format!("clerk::{name}"),
                target: session.clone(),
                bytes,
            }),
            "04" | "05" | "06" | "07" | "10" | "11" => sub("/data", &session),
            "08" => {
                for i in 0..doc.as_array().map_or(0, Vec::len) {
                    sub(&format!("/{i}"), &session);
                }
            }
            "13" => {
                for i in 0..doc["data"].as_array().map_or(0, Vec::len) {
                    sub(&format!("/data/{i}"), &session);
                }
            }
            "14" => sub("/actor", &actor),
            other => panic!("unexpected Clerk file {other}: add it to the differential test"),
        }
    }
    cases
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
    let root = shared();
    if !(root.join("conformance/README.md").is_file() && root.join("clerk").is_dir()) {
        let banner = "!".repeat(78);
        eprintln!("{banner}");
        eprintln!(
            "!! ../shared NOT FOUND at {}: the official-SDK differential cases do not run",
            root.display()
        );
        eprintln!("{banner}");
        if std::env::var_os("JSONSTRUCT_REQUIRE_CORPUS").is_some() {
            eprintln!("JSONSTRUCT_REQUIRE_CORPUS is set: failing");
            std::process::exit(1);
        }
        libtest_mimic::run(&args, Vec::new()).exit();
    }
    let mut skipped = Vec::new();
    let mut cases = corpus_cases(&root, &mut skipped);
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
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .map(|case| Trial::test(case.name.clone(), move || check(&case)))
        .collect();
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
