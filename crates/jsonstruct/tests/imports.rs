//! `$import` and `$importdefs` (JSON Structure Import), one trial per case: documents are given
//! from memory (and, for relative paths, from files in a temporary folder), the first one is
//! checked with its imports resolved against the others. Valid cases prove their meaning with
//! instances (re-based references, shadowing and add-ins change what validates); invalid cases
//! pin the code, the file and the JSON Pointer of the error that names the problem.

use jsonstruct::schema::{DocumentId, SchemaSet};
use jsonstruct::{Options, Schema, Validator};
use libtest_mimic::{Arguments, Failed, Trial};

const CORE: &str = "https://json-structure.org/meta/core/v0/#";

/// A library: `Person` at the root with an `address` referring to its own `Address`.
fn people(id: &str) -> String {
    format!(
        r##"{{"$schema": "{CORE}", "$id": "{id}", "name": "Person", "type": "object",
        "properties": {{
            "name": {{"type": "string"}},
            "address": {{"type": {{"$ref": "#/definitions/Address"}}}}
        }},
        "required": ["name"],
        "definitions": {{
            "Address": {{"type": "object", "properties": {{"street": {{"type": "string"}}}}, "required": ["street"]}}
        }}}}"##
    )
}

const PEOPLE: &str = "https://example.com/people";

/// A document with the given body after the header.
fn doc(id: &str, body: &str) -> String {
    format!(r##"{{"$schema": "{CORE}", "$id": "{id}", {body}}}"##)
}

/// What a case expects of the first document.
enum Expect {
    /// Loads; each instance is checked against the named definition (`""` = the root).
    Valid(Vec<(&'static str, &'static str, bool)>),
    /// Loads, and a property of the model holds.
    Model(fn(&Schema) -> Result<(), String>),
    /// Fails with this code, in this file (`None` = the checked document), at this pointer.
    Error(&'static str, Option<&'static str>, &'static str),
}

struct Case {
    name: &'static str,
    docs: Vec<(String, String)>,
    expect: Expect,
}

fn case(name: &'static str, docs: &[(&str, String)], expect: Expect) -> Case {
    Case {
        name,
        docs: docs
            .iter()
            .map(|(n, t)| (n.to_string(), t.clone()))
            .collect(),
        expect,
    }
}

fn load_set(docs: &[(String, String)]) -> (SchemaSet, DocumentId) {
    let mut set = SchemaSet::new();
    let ids: Vec<DocumentId> = docs
        .iter()
        .map(|(n, t)| set.add(n.clone(), t.clone().into_bytes()))
        .collect();
    (set, ids[0])
}

fn run(c: &Case) -> Result<(), Failed> {
    let (set, main) = load_set(&c.docs);
    judge(&set, main, &c.expect)
}

fn judge(set: &SchemaSet, main: DocumentId, expect: &Expect) -> Result<(), Failed> {
    let report = set.check(main);
    let listing = || {
        report
            .diagnostics
            .iter()
            .map(|d| format!("  {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match expect {
        Expect::Valid(instances) => {
            let schema = report
                .schema
                .as_ref()
                .ok_or_else(|| format!("expected valid, got:\n{}", listing()))?;
            for (ty, json, valid) in instances {
                let target = if ty.is_empty() {
                    schema.root().ok_or("no root")?
                } else {
                    schema
                        .definition(&format!("#/definitions/{ty}"))
                        .ok_or_else(|| format!("no definition {ty}"))?
                };
                let v = Validator::for_type(schema, target, Options::default());
                if v.is_valid(json.as_bytes()) != *valid {
                    return Err(format!("{ty}: {json} should be valid={valid}").into());
                }
            }
            Ok(())
        }
        Expect::Model(check) => {
            let schema = report
                .schema
                .as_ref()
                .ok_or_else(|| format!("expected valid, got:\n{}", listing()))?;
            check(schema).map_err(Failed::from)
        }
        Expect::Error(code, file, pointer) => {
            if report.schema.is_some() {
                return Err(format!("expected {code}, but the document loads").into());
            }
            let hit = report.errors().any(|d| {
                d.code.as_str() == *code && d.file.as_deref() == *file && d.pointer == *pointer
            });
            if hit {
                Ok(())
            } else {
                Err(format!(
                    "expected {code} in {file:?} at {pointer:?}, got:\n{}",
                    listing()
                )
                .into())
            }
        }
    }
}

fn def(schema: &Schema, path: &str) -> Result<jsonstruct::TypeId, String> {
    schema
        .definition(&format!("#/definitions/{path}"))
        .ok_or_else(|| format!("no definition {path}"))
}

fn cases() -> Vec<Case> {
    let person_ok = r##"{"name": "Ada", "address": {"street": "Main St"}}"##;
    let person_bad_address = r##"{"name": "Ada", "address": {}}"##;
    let uses_person = |refpath: &str| {
        format!(
            r##""name": "Main", "type": "object", "properties": {{"p": {{"type": {{"$ref": "{refpath}"}}}}}}, "required": ["p"]"##
        )
    };
    let mut v = vec![
        case(
            "root-import-brings-root-type-and-definitions",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""$import": "{PEOPLE}", {}"##,
                            uses_person("#/definitions/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                (
                    "",
                    r##"{"p": {"name": "Ada", "address": {"street": "Main St"}}}"##,
                    true,
                ),
                ("", r##"{"p": {"name": "Ada", "address": {}}}"##, false),
                ("Address", r##"{"street": "x"}"##, true),
            ]),
        ),
        case(
            "import-in-definitions-is-the-root-namespace",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"$import": "{PEOPLE}"}}, {}"##,
                            uses_person("#/definitions/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                ("Person", person_ok, true),
                ("Person", person_bad_address, false),
            ]),
        ),
        case(
            "namespace-import-rebases-references",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"People": {{"$import": "{PEOPLE}"}}}}, {}"##,
                            uses_person("#/definitions/People/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                ("People/Person", person_ok, true),
                // Person.address (written "#/definitions/Address") now means People/Address.
                ("People/Person", person_bad_address, false),
                ("People/Address", r##"{"street": "x"}"##, true),
            ]),
        ),
        case(
            "namespace-import-leaves-the-root-namespace-alone",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"People": {{"$import": "{PEOPLE}"}}}}, {}"##,
                            uses_person("#/definitions/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Error("SCHEMA_REF_NOT_FOUND", None, "/properties/p/type/$ref"),
        ),
        case(
            "importdefs-brings-definitions-only",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"People": {{"$importdefs": "{PEOPLE}"}}}}, {}"##,
                            uses_person("#/definitions/People/Address")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                ("", r##"{"p": {"street": "x"}}"##, true),
                ("", r##"{"p": {}}"##, false),
            ]),
        ),
        case(
            "importdefs-does-not-bring-the-root-type",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"People": {{"$importdefs": "{PEOPLE}"}}}}, {}"##,
                            uses_person("#/definitions/People/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Error("SCHEMA_REF_NOT_FOUND", None, "/properties/p/type/$ref"),
        ),
        case(
            "local-definition-shadows-imported-one-everywhere",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"People": {{"$import": "{PEOPLE}",
                        "Address": {{"type": "object", "properties": {{"street": {{"type": "string"}}, "zip": {{"type": "string"}}}}, "required": ["zip"]}}}}}},
                    {}"##,
                            uses_person("#/definitions/People/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                // The imported Person's address now needs `zip` (the shadow), not `street`.
                (
                    "People/Person",
                    r##"{"name": "Ada", "address": {"zip": "1"}}"##,
                    true,
                ),
                ("People/Person", person_ok, false),
            ]),
        ),
        case(
            "root-namespace-shadowing",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""$import": "{PEOPLE}", {}, "definitions": {{"Address": {{"type": "object", "properties": {{"line": {{"type": "string"}}}}, "required": ["line"]}}}}"##,
                            uses_person("#/definitions/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                (
                    "Person",
                    r##"{"name": "A", "address": {"line": "x"}}"##,
                    true,
                ),
                ("Person", person_ok, false),
            ]),
        ),
        case(
            "chains-rebase-through-every-level",
            &[
                (
                    "a.struct.json",
                    doc(
                        "https://example.com/a",
                        r##""name": "A", "type": "object", "properties": {"t": {"type": {"$ref": "#/definitions/Lib/Base/Person"}}}, "definitions": {"Lib": {"$import": "https://example.com/b"}}"##,
                    ),
                ),
                (
                    "b.struct.json",
                    doc(
                        "https://example.com/b",
                        r##""definitions": {"Base": {"$import": "https://example.com/people"}}"##,
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                ("Lib/Base/Person", person_ok, true),
                ("Lib/Base/Person", person_bad_address, false),
                (
                    "",
                    r##"{"t": {"name": "x", "address": {"street": "y"}}}"##,
                    true,
                ),
            ]),
        ),
        case(
            "diamond-imports-share-one-copy",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"X": {{"$import": "{PEOPLE}"}}, "Y": {{"$import": "{PEOPLE}"}}}}, {}"##,
                            uses_person("#/definitions/X/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Model(|s| {
                let (x, y) = (def(s, "X/Person")?, def(s, "Y/Person")?);
                if x != y {
                    return Err("X/Person and Y/Person should be the same node".into());
                }
                if def(s, "X/Address")? != def(s, "Y/Address")? {
                    return Err("X/Address and Y/Address should be shared".into());
                }
                Ok(())
            }),
        ),
        case(
            "shadowed-copies-are-not-shared",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"X": {{"$import": "{PEOPLE}", "Address": {{"type": "object", "properties": {{"zip": {{"type": "string"}}}}, "required": ["zip"]}}}}, "Y": {{"$import": "{PEOPLE}"}}}}, {}"##,
                            uses_person("#/definitions/X/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                (
                    "X/Person",
                    r##"{"name": "a", "address": {"zip": "1"}}"##,
                    true,
                ),
                ("X/Person", person_ok, false),
                ("Y/Person", person_ok, true),
                (
                    "Y/Person",
                    r##"{"name": "a", "address": {"zip": "1"}}"##,
                    false,
                ),
            ]),
        ),
        case(
            "imported-document-keeps-its-own-add-ins",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        r##""name": "Main", "type": "object", "properties": {"c": {"type": {"$ref": "#/definitions/Code"}}}, "$import": "https://example.com/codes""##,
                    ),
                ),
                (
                    "codes.struct.json",
                    doc(
                        "https://example.com/codes",
                        r##""$uses": ["JSONStructureValidation"], "definitions": {"Code": {"type": "string", "minLength": 3}}"##,
                    ),
                ),
            ],
            Expect::Valid(vec![
                ("Code", "\"abc\"", true),
                ("Code", "\"ab\"", false),
                ("", r##"{"c": "x"}"##, false),
            ]),
        ),
        case(
            "importer-add-ins-do-not-reach-imported-keywords",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        r##""$uses": ["JSONStructureValidation"], "name": "Main", "type": "object", "properties": {"c": {"type": {"$ref": "#/definitions/Code"}}}, "$import": "https://example.com/codes""##,
                    ),
                ),
                (
                    "codes.struct.json",
                    doc(
                        "https://example.com/codes",
                        r##""definitions": {"Code": {"type": "string", "minLength": 3}}"##,
                    ),
                ),
            ],
            Expect::Valid(vec![("Code", "\"ab\"", true)]),
        ),
        case(
            "relative-reference-from-memory",
            &[
                (
                    "api/main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""$import": "../lib/people.struct.json", {}"##,
                            uses_person("#/definitions/Person")
                        ),
                    ),
                ),
                ("lib/people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![("Person", person_ok, true)]),
        ),
        case(
            "id-with-and-without-empty-fragment-match",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""$import": "{PEOPLE}#", {}"##,
                            uses_person("#/definitions/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![("Person", person_ok, true)]),
        ),
        case(
            "import-into-nested-namespace",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""definitions": {{"Org": {{"HR": {{"$import": "{PEOPLE}"}}}}}}, {}"##,
                            uses_person("#/definitions/Org/HR/Person")
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
            ],
            Expect::Valid(vec![
                ("Org/HR/Person", person_bad_address, false),
                ("Org/HR/Address", r##"{"street": "s"}"##, true),
            ]),
        ),
        case(
            "library-without-root-is-importable-and-checkable",
            &[(
                "lib.struct.json",
                doc(
                    "https://example.com/lib",
                    r##""definitions": {"A": {"type": "string"}, "B": {"type": {"$ref": "#/definitions/A"}}}"##,
                ),
            )],
            Expect::Valid(vec![("B", "\"x\"", true), ("B", "1", false)]),
        ),
        // ---------------------------------------------------------------- errors
        case(
            "unknown-uri",
            &[(
                "main.struct.json",
                doc(
                    "https://example.com/main",
                    r##""$import": "https://example.com/nowhere", "definitions": {"A": {"type": "string"}}"##,
                ),
            )],
            Expect::Error("SCHEMA_IMPORT_NOT_FOUND", None, "/$import"),
        ),
        case(
            "unknown-uri-in-namespace",
            &[(
                "main.struct.json",
                doc(
                    "https://example.com/main",
                    r##""definitions": {"People": {"$importdefs": "https://example.com/nowhere"}, "A": {"type": "string"}}"##,
                ),
            )],
            Expect::Error(
                "SCHEMA_IMPORT_NOT_FOUND",
                None,
                "/definitions/People/$importdefs",
            ),
        ),
        case(
            "missing-relative-file",
            &[(
                "api/main.struct.json",
                doc(
                    "https://example.com/main",
                    r##""$import": "lib/missing.struct.json", "definitions": {"A": {"type": "string"}}"##,
                ),
            )],
            Expect::Error("SCHEMA_IMPORT_NOT_FOUND", None, "/$import"),
        ),
        case(
            "import-value-not-a-string",
            &[(
                "main.struct.json",
                doc(
                    "https://example.com/main",
                    r##""$import": ["https://example.com/a"], "definitions": {"A": {"type": "string"}}"##,
                ),
            )],
            Expect::Error("SCHEMA_KEYWORD_INVALID_TYPE", None, "/$import"),
        ),
        case(
            "self-import-is-a-cycle",
            &[(
                "main.struct.json",
                doc(
                    "https://example.com/main",
                    r##""definitions": {"Me": {"$import": "https://example.com/main"}, "A": {"type": "string"}}"##,
                ),
            )],
            Expect::Error("SCHEMA_IMPORT_CYCLE", None, "/definitions/Me/$import"),
        ),
        case(
            "two-document-cycle-is-reported-where-it-closes",
            &[
                (
                    "a.struct.json",
                    doc(
                        "https://example.com/a",
                        r##""definitions": {"B": {"$import": "https://example.com/b"}, "A": {"type": "string"}}"##,
                    ),
                ),
                (
                    "b.struct.json",
                    doc(
                        "https://example.com/b",
                        r##""definitions": {"A": {"$import": "https://example.com/a"}, "X": {"type": "string"}}"##,
                    ),
                ),
            ],
            Expect::Error(
                "SCHEMA_IMPORT_CYCLE",
                Some("b.struct.json"),
                "/definitions/A/$import",
            ),
        ),
        case(
            "duplicate-id-makes-an-import-ambiguous",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""$import": "{PEOPLE}", "definitions": {{"A": {{"type": "string"}}}}"##
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
                ("people-copy.struct.json", people(PEOPLE)),
            ],
            Expect::Error("SCHEMA_IMPORT_DUPLICATE_ID", None, "/$import"),
        ),
        case(
            "duplicate-id-of-the-checked-document",
            &[
                ("people.struct.json", people(PEOPLE)),
                ("people-v2.struct.json", people(PEOPLE)),
            ],
            Expect::Error("SCHEMA_IMPORT_DUPLICATE_ID", None, "/$id"),
        ),
        case(
            "two-imports-collide-in-one-namespace",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""$import": "{PEOPLE}", "definitions": {{"$importdefs": "https://example.com/other"}}"##
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
                (
                    "other.struct.json",
                    doc(
                        "https://example.com/other",
                        r##""definitions": {"Address": {"type": "string"}}"##,
                    ),
                ),
            ],
            Expect::Error("SCHEMA_IMPORT_COLLISION", None, "/definitions/$importdefs"),
        ),
        case(
            "imported-type-collides-with-imported-namespace",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        &format!(
                            r##""$import": "{PEOPLE}", "definitions": {{"Person": {{"$import": "https://example.com/other"}}}}"##
                        ),
                    ),
                ),
                ("people.struct.json", people(PEOPLE)),
                (
                    "other.struct.json",
                    doc(
                        "https://example.com/other",
                        r##""definitions": {"Address": {"type": "string"}}"##,
                    ),
                ),
            ],
            Expect::Error(
                "SCHEMA_IMPORT_COLLISION",
                None,
                "/definitions/Person/$import",
            ),
        ),
        case(
            "imported-document-not-well-formed",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        r##""$import": "broken.struct.json", "definitions": {"A": {"type": "string"}}"##,
                    ),
                ),
                ("broken.struct.json", r##"{"$schema": "x", "##.to_owned()),
            ],
            Expect::Error("SCHEMA_IMPORT_INVALID", None, "/$import"),
        ),
        case(
            "error-inside-imported-document-names-its-file",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        r##""$import": "https://example.com/bad", "definitions": {"A": {"type": "string"}}"##,
                    ),
                ),
                (
                    "bad.struct.json",
                    doc(
                        "https://example.com/bad",
                        r##""definitions": {"T": {"type": "strin"}}"##,
                    ),
                ),
            ],
            Expect::Error(
                "SCHEMA_TYPE_INVALID",
                Some("bad.struct.json"),
                "/definitions/T/type",
            ),
        ),
        case(
            "broken-reference-inside-imported-document",
            &[
                (
                    "main.struct.json",
                    doc(
                        "https://example.com/main",
                        r##""definitions": {"L": {"$import": "https://example.com/bad"}, "A": {"type": "string"}}"##,
                    ),
                ),
                (
                    "bad.struct.json",
                    doc(
                        "https://example.com/bad",
                        r##""definitions": {"T": {"type": {"$ref": "#/definitions/Missing"}}}"##,
                    ),
                ),
            ],
            Expect::Error(
                "SCHEMA_REF_NOT_FOUND",
                Some("bad.struct.json"),
                "/definitions/T/type/$ref",
            ),
        ),
        case(
            "imports-deeper-than-32-levels",
            &deep_chain(34),
            Expect::Error(
                "SCHEMA_IMPORT_TOO_DEEP",
                Some("d32.struct.json"),
                "/definitions/N/$import",
            ),
        ),
        case(
            "imports-32-levels-deep-are-fine",
            &deep_chain(33),
            // The innermost document's type sits below 32 namespaces named N.
            Expect::Model(|s| def(s, &format!("{}/T", ["N"; 32].join("/"))).map(|_| ())),
        ),
        case(
            "fan-out-imports-stay-linear-when-shared",
            &fan_out(12),
            Expect::Model(|s| {
                // 2^12 paths to the innermost type, all one node.
                let a = def(s, &format!("{}/T", ["L"; 12].join("/")))?;
                let b = def(s, &format!("{}/T", ["R"; 12].join("/")))?;
                if a != b {
                    return Err("fan-out copies should share one node".into());
                }
                if s.node_count() > 200 {
                    return Err(format!("{} nodes for 13 small documents", s.node_count()));
                }
                Ok(())
            }),
        ),
        case(
            "fan-out-beyond-the-definition-budget-is-an-error",
            &fan_out(20),
            Expect::Error("SCHEMA_IMPORT_TOO_DEEP", None, "/definitions/L/$import"),
        ),
    ];
    v.push(case(
        "stand-alone-document-cannot-import",
        &[(
            "<schema>",
            doc(
                "https://example.com/main",
                r##""$import": "https://example.com/x", "definitions": {"A": {"type": "string"}}"##,
            ),
        )],
        Expect::Error("SCHEMA_IMPORT_NOT_FOUND", None, "/$import"),
    ));
    v
}

/// `d0` imports `d1` into namespace `N`, ... ; the last defines `T`.
fn deep_chain(n: usize) -> Vec<(&'static str, String)> {
    (0..n)
        .map(|i| {
            let name: &'static str = Box::leak(format!("d{i}.struct.json").into_boxed_str());
            let body = if i + 1 < n {
                format!(
                    r##""definitions": {{"N": {{"$import": "https://example.com/d{}"}}, "X{i}": {{"type": "string"}}}}"##,
                    i + 1
                )
            } else {
                r##""definitions": {"T": {"type": "string"}}"##.to_owned()
            };
            (name, doc(&format!("https://example.com/d{i}"), &body))
        })
        .collect()
}

/// `f0` imports `f1` twice (namespaces `L` and `R`), `f1` imports `f2` twice, ...
fn fan_out(n: usize) -> Vec<(&'static str, String)> {
    (0..=n)
        .map(|i| {
            let name: &'static str = Box::leak(format!("f{i}.struct.json").into_boxed_str());
            let body = if i < n {
                let next = format!("https://example.com/f{}", i + 1);
                format!(r##""definitions": {{"L": {{"$import": "{next}"}}, "R": {{"$import": "{next}"}}}}"##)
            } else {
                r##""definitions": {"T": {"type": "string"}}"##.to_owned()
            };
            (name, doc(&format!("https://example.com/f{i}"), &body))
        })
        .collect()
}

/// Relative paths against real files: the importing file's folder, `..`, and a file that
/// `add_file` finds on its own because a relative import names it.
fn file_trials() -> Vec<Trial> {
    vec![
        Trial::test(
            "files::relative-import-found-through-the-importing-file",
            || {
                let dir = temp_dir("relative");
                std::fs::create_dir_all(dir.join("api")).unwrap();
                std::fs::create_dir_all(dir.join("common")).unwrap();
                std::fs::write(dir.join("common/people.struct.json"), people(PEOPLE)).unwrap();
                std::fs::write(
                dir.join("api/main.struct.json"),
                doc(
                    "https://example.com/main",
                    r##""definitions": {"P": {"$import": "../common/people.struct.json"}}, "name": "Main", "type": "object", "properties": {"p": {"type": {"$ref": "#/definitions/P/Person"}}}"##,
                ),
            )
            .unwrap();
                let mut set = SchemaSet::new();
                let main = set.add_file(dir.join("api/main.struct.json")).unwrap();
                let result = judge(
                    &set,
                    main,
                    &Expect::Valid(vec![("P/Person", r##"{"name": "x"}"##, true)]),
                );
                std::fs::remove_dir_all(&dir).unwrap();
                result
            },
        ),
        Trial::test("files::schema-dir-resolves-by-id", || {
            let dir = temp_dir("by-id");
            std::fs::create_dir_all(dir.join("lib/deeper")).unwrap();
            std::fs::write(dir.join("lib/deeper/people.struct.json"), people(PEOPLE)).unwrap();
            std::fs::write(
                dir.join("main.struct.json"),
                doc(
                    "https://example.com/main",
                    &format!(
                        r##""$import": "{PEOPLE}", "definitions": {{"A": {{"type": "string"}}}}"##
                    ),
                ),
            )
            .unwrap();
            let mut set = SchemaSet::new();
            let all = set.add_dir(&dir).unwrap();
            let main = set.add_file(dir.join("main.struct.json")).unwrap();
            let result = if all.len() != 2 || !all.contains(&main) {
                Err(format!(
                    "add_dir found {} documents; the same file must be one document",
                    all.len()
                )
                .into())
            } else {
                judge(
                    &set,
                    main,
                    &Expect::Valid(vec![("Person", r##"{"name": "x"}"##, true)]),
                )
            };
            std::fs::remove_dir_all(&dir).unwrap();
            result
        }),
    ]
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jsonstruct-imports-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn main() {
    let args = Arguments::from_args();
    let cases = cases();
    assert!(
        cases.len() >= 25,
        "the issue asks for at least 25 own cases"
    );
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .map(|c| Trial::test(format!("imports::{}", c.name), move || run(&c)))
        .collect();
    trials.extend(file_trials());
    libtest_mimic::run(&args, trials).exit();
}
