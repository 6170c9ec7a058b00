//! The table against the drafts' keyword lists and the loader's other lists, and helpers for
//! the families' tests.

use std::collections::BTreeSet;

use super::*;
use crate::diagnostic::Diagnostic;
use crate::schema::{load, typeless, CheckReport, Schema, TypeNode};

/// Core `#reserved-keywords`.
const RESERVED: &[&str] = &[
    "definitions",
    "$extends",
    "$id",
    "$ref",
    "$root",
    "$schema",
    "$uses",
    "$offers",
    "abstract",
    "additionalProperties",
    "choices",
    "const",
    "default",
    "description",
    "enum",
    "examples",
    "format",
    "items",
    "maxLength",
    "name",
    "precision",
    "properties",
    "required",
    "scale",
    "selector",
    "type",
    "values",
];
/// Core keywords the reserved list leaves out, the Import add-in's (read with the document),
/// and annotations JSON Schema users write that mean nothing here.
const OTHER_CORE: &[&str] = &[
    "tuple",
    "contentEncoding",
    "contentMediaType",
    "contentCompression",
    "$import",
    "$importdefs",
    "$comment",
    "title",
    "keys",
];
/// Each add-in's keywords, from its draft.
const ADDINS: &[(AddIn, &[&str])] = &[
    (
        AddIn::Validation,
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "pattern",
            "format",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "minContains",
            "maxContains",
            "minProperties",
            "minEntries",
            "maxProperties",
            "maxEntries",
            "dependentRequired",
            "patternProperties",
            "patternKeys",
            "propertyNames",
            "keyNames",
            "has",
            "default",
        ],
    ),
    (
        AddIn::Composition,
        &["allOf", "anyOf", "oneOf", "not", "if", "then", "else"],
    ),
    (
        AddIn::AlternateNames,
        &["altnames", "altenums", "descriptions"],
    ),
    (AddIn::Units, &["unit", "currency", "symbol", "symbols"]),
    (AddIn::Relations, &["identity", "relations"]),
];
const ROOT_ONLY: &[&str] = &[
    "$schema",
    "$id",
    "$root",
    "definitions",
    "$offers",
    "$uses",
    "$import",
    "$importdefs",
];

fn names(list: &[&'static str]) -> BTreeSet<&'static str> {
    list.iter().copied().collect()
}

fn known(name: &str) -> &'static Keyword {
    lookup(name).unwrap_or_else(|| panic!("the table has no '{name}'"))
}

#[test]
fn no_two_keywords_share_a_name() {
    let mut seen = BTreeSet::new();
    for k in KEYWORDS {
        assert!(seen.insert(k.name), "'{}' is listed twice", k.name);
    }
}

#[test]
fn lookup_finds_every_keyword_and_nothing_else() {
    for k in KEYWORDS {
        assert!(
            lookup(k.name).is_some_and(|found| std::ptr::eq(found, k)),
            "{}",
            k.name
        );
    }
    for custom in ["", "x-custom", "Type", "minimum ", "$Ref", "zzz", "!"] {
        assert!(
            lookup(custom).is_none(),
            "'{custom}' is a custom annotation"
        );
    }
}

#[test]
fn table_is_the_drafts_keywords_and_nothing_more() {
    let foreign: Vec<&str> = foreign::FOREIGN.iter().map(|(k, _)| *k).collect();
    let mut expected = names(RESERVED);
    expected.extend(OTHER_CORE);
    expected.extend(&foreign);
    for (_, list) in ADDINS {
        expected.extend(list.iter());
    }
    let table: BTreeSet<&str> = KEYWORDS.iter().map(|k| k.name).collect();
    assert_eq!(table, expected);
}

#[test]
fn core_keywords_need_no_add_in() {
    for name in RESERVED.iter().chain(OTHER_CORE) {
        // `default` and `format` are reserved by the core but defined by Validation.
        if !matches!(*name, "default" | "format") {
            assert_eq!(known(name).gate, Gate::Always, "{name}");
        }
    }
}

#[test]
fn add_in_keywords_name_their_add_in() {
    for (addin, list) in ADDINS {
        for name in *list {
            let gate = known(name).gate;
            assert!(
                gate == Gate::AddIn(*addin) || gate == Gate::AddInOnly(*addin),
                "'{name}' belongs to {}, the table says {gate:?}",
                addin.name()
            );
        }
    }
}

#[test]
fn root_only_keywords_are_the_document_keywords() {
    let table: BTreeSet<&str> = KEYWORDS
        .iter()
        .filter(|k| k.root_only)
        .map(|k| k.name)
        .collect();
    assert_eq!(table, names(ROOT_ONLY));
}

#[test]
fn foreign_keywords_have_a_reason_each() {
    let mut seen = BTreeSet::new();
    for (name, why) in foreign::FOREIGN {
        assert!(seen.insert(*name), "'{name}' listed twice");
        assert!(!why.is_empty());
        let k = known(name);
        assert_eq!((k.gate, k.root_only), (Gate::Always, false), "{name}");
    }
}

/// The loader's other keyword lists name keywords the table knows, and the typeless families
/// apply to the type of value the typeless schema tests for.
#[test]
fn loader_lists_agree_with_the_table() {
    for name in load::COMPOSITION_KEYWORDS {
        assert_eq!(known(name).gate, Gate::AddIn(AddIn::Composition), "{name}");
    }
    for name in load::SCHEMA_MARKERS {
        known(name);
    }
    let families: [(&[&str], Cat); 4] = [
        (typeless::OBJECT_KEYWORDS, Cat::Compound(Compound::Object)),
        (typeless::STRING_KEYWORDS, Cat::Prim(Primitive::String)),
        (typeless::NUMBER_KEYWORDS, Cat::Prim(Primitive::Number)),
        (typeless::ARRAY_KEYWORDS, Cat::Compound(Compound::Array)),
    ];
    for (family, cat) in families {
        for name in family {
            assert!(
                known(name).applies.admits(cat),
                "'{name}' does not apply to {}",
                cat.describe()
            );
        }
    }
}

/// Misplaced keywords are reported the way the table says.
#[test]
fn every_keyword_is_checked_where_it_stands() {
    let all = [
        AddIn::Validation,
        AddIn::Composition,
        AddIn::AlternateNames,
        AddIn::Units,
        AddIn::Relations,
    ];
    let mut misplaced = 0;
    for k in KEYWORDS {
        let report = check(&format!("\"type\": \"null\", \"{}\": true", k.name), &all);
        let at_keyword: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.pointer == format!("/{}", k.name))
            .collect();
        let reported = at_keyword.iter().any(|d| {
            matches!(
                d.code,
                Code::SchemaConstraintInvalidForType | Code::SchemaKeywordIgnored
            ) && d.message.contains("only valid for")
                || d.message.contains("applies to the binary type")
        });
        match (k.applies.admits(Cat::Prim(Primitive::Null)), k.misplaced) {
            (true, _) => assert!(!reported, "'{}': {at_keyword:?}", k.name),
            (false, Misplaced::Report | Misplaced::ReportAndRun) => {
                misplaced += 1;
                assert!(reported, "'{}': {at_keyword:?}", k.name);
            }
            (false, Misplaced::Ignored) => assert!(at_keyword.is_empty(), "'{}'", k.name),
            // Depends on the value: the families' tests cover them.
            (false, Misplaced::HandlerReports) => {}
        }
    }
    assert!(
        misplaced > 40,
        "only {misplaced} keywords do not apply to null"
    );
}

/// Checks a document whose root type has `members` (the inside of a JSON object), with the
/// add-ins named in `uses`.
pub(super) fn check(members: &str, uses: &[AddIn]) -> CheckReport {
    let uses: Vec<String> = uses.iter().map(|a| format!("\"{}\"", a.name())).collect();
    Schema::check(
        format!(
            r#"{{"$schema": "https://json-structure.org/meta/extended/v0/#",
                "$id": "https://example.com/t", "$uses": [{}], "name": "T", {members}}}"#,
            uses.join(", ")
        )
        .as_bytes(),
    )
}

/// Each diagnostic as `CODE at pointer`.
pub(super) fn found(report: &CheckReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{} at {}", d.code.as_str(), d.pointer))
        .collect()
}

/// The root type of a document that loaded.
pub(super) fn root(report: &CheckReport) -> &TypeNode {
    let schema = report.schema.as_ref().expect("the document loads");
    schema.node(schema.root().expect("a root type"))
}
