use super::*;
use crate::config::Requirement;
use crate::Validator;

/// A document with the given root members (object body) and definitions.
fn doc(body: &str, defs: &str) -> Schema {
    let text = format!(
        r##"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t",
            "name": "T", "type": "object", {body}, "definitions": {{ {defs} }} }}"##
    );
    Schema::from_slice(text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// `(kind, backward, forward, semver)` of each change.
fn verdicts(d: &Diff) -> Vec<(&'static str, bool, bool, Semver)> {
    d.changes()
        .iter()
        .map(|c| (c.kind.as_str(), c.backward, c.forward, c.semver))
        .collect()
}

const STR: &str = r##""properties": {"a": {"type": "string"}}"##;

#[test]
fn identical_documents_have_no_change() {
    let s = doc(STR, r##""X": {"type": "int32"}"##);
    assert!(diff(&s, &s).is_empty());
    assert_eq!(diff(&s, &s).semver(), None);
}

#[test]
fn nullable_member_is_a_union_member_added() {
    let old = doc(
        r##""properties": {"a": {"type": "string"}}, "required": ["a"]"##,
        "",
    );
    let new = doc(
        r##""properties": {"a": {"type": ["string", "null"]}}, "required": ["a"]"##,
        "",
    );
    assert_eq!(
        verdicts(&diff(&old, &new)),
        [("union-member-added", true, false, Semver::Major)]
    );
    // For an optional member the Rust field is an Option either way: a patch.
    let old = doc(r##""properties": {"a": {"type": "string"}}"##, "");
    let new = doc(r##""properties": {"a": {"type": ["string", "null"]}}"##, "");
    assert_eq!(
        verdicts(&diff(&old, &new)),
        [("union-member-added", true, false, Semver::Patch)]
    );
    assert_eq!(
        verdicts(&diff(&new, &old)),
        [("union-member-removed", false, true, Semver::Patch)]
    );
}

#[test]
fn int64_wire_form_follows_the_options() {
    let old = doc(r##""properties": {"a": {"type": "int32"}}"##, "");
    let new = doc(r##""properties": {"a": {"type": "int64"}}"##, "");
    let lenient = diff_with_options(&old, &new, &Options::default().int64_numbers(true));
    assert_eq!(
        verdicts(&lenient),
        [("numeric-widened", true, false, Semver::Major)]
    );
    let strict = diff_with_options(&old, &new, &Options::default().int64_numbers(false));
    assert_eq!(
        verdicts(&strict),
        [("wire-form-changed", false, false, Semver::Major)]
    );
    assert!(strict.changes()[0]
        .note
        .as_deref()
        .unwrap()
        .contains("strings"));
}

#[test]
fn renames_are_removals_unless_altnames_say_otherwise() {
    let old = doc(
        r##""properties": {"a": {"type": {"$ref": "#/definitions/Old"}}}"##,
        r##""Old": {"type": "string"}"##,
    );
    let plain = doc(
        r##""properties": {"a": {"type": {"$ref": "#/definitions/New"}}}"##,
        r##""New": {"type": "string"}"##,
    );
    let kinds: Vec<_> = verdicts(&diff(&old, &plain))
        .into_iter()
        .map(|v| v.0)
        .collect();
    assert_eq!(
        kinds,
        [
            "definition-added",
            "definition-removed",
            "reference-changed"
        ]
    );
    // In path order (New, Old, T); the reference still accepts the same values.
    let d = diff(&old, &plain);
    assert!(d.changes()[2].backward && d.changes()[2].forward);
    let renamed = doc(
        r##""properties": {"a": {"type": {"$ref": "#/definitions/New"}}}"##,
        r##""New": {"type": "string", "altnames": {"previous": "Old"}}"##,
    );
    assert_eq!(
        verdicts(&diff(&old, &renamed)),
        [
            ("definition-renamed", true, true, Semver::Major),
            ("altnames-changed", true, true, Semver::Patch)
        ]
    );
}

#[test]
fn a_member_renamed_with_its_wire_name_kept() {
    let head = r##""$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t",
        "$uses": ["JSONStructureAlternateNames"], "name": "T", "type": "object""##;
    let old = Schema::from_slice(
        format!(r##"{{{head}, "properties": {{"user_id": {{"type": "string"}}}}}}"##).as_bytes(),
    )
    .unwrap();
    let new = Schema::from_slice(
        format!(r##"{{{head}, "properties": {{"owner": {{"type": "string", "altnames": {{"json": "user_id"}}}}}}}}"##)
            .as_bytes(),
    )
    .unwrap();
    let v = verdicts(&diff(&old, &new));
    assert_eq!(v[0], ("member-renamed", true, true, Semver::Major));
}

#[test]
fn recursive_types_are_compared_once() {
    let list = |item: &str| {
        doc(
            r##""properties": {"head": {"type": {"$ref": "#/definitions/Node"}}}"##,
            &format!(
                r##""Node": {{"type": "object", "properties": {{"v": {{"type": "{item}"}},
                    "next": {{"type": {{"$ref": "#/definitions/Node"}}}}}}, "required": ["v"]}}"##
            ),
        )
    };
    let d = diff(&list("int32"), &list("int16"));
    assert_eq!(
        verdicts(&d),
        [("numeric-narrowed", false, true, Semver::Major)]
    );
    assert_eq!(
        d.changes()[0].definition.as_ref().unwrap().to_string(),
        "Node"
    );
}

#[test]
fn retargeted_recursive_references_are_judged_by_inclusion() {
    // Two structurally equal recursive lists: retargeting between them keeps every instance.
    let defs = r##""A": {"type": "object", "properties": {"next": {"type": {"$ref": "#/definitions/A"}}}},
                  "B": {"type": "object", "properties": {"next": {"type": {"$ref": "#/definitions/B"}}}}"##;
    let old = doc(
        r##""properties": {"x": {"type": {"$ref": "#/definitions/A"}}}"##,
        defs,
    );
    let new = doc(
        r##""properties": {"x": {"type": {"$ref": "#/definitions/B"}}}"##,
        defs,
    );
    assert_eq!(
        verdicts(&diff(&old, &new)),
        [("reference-changed", true, true, Semver::Major)]
    );
}

#[test]
fn inherited_members_are_reported_at_the_base() {
    let defs = |extra: &str| {
        format!(
            r##""Base": {{"abstract": true, "type": "object", "properties": {{"id": {{"type": "string"}}{extra}}}}},
               "D": {{"type": "object", "$extends": "#/definitions/Base", "properties": {{"n": {{"type": "int32"}}}}}}"##
        )
    };
    let body = r##""properties": {"d": {"type": {"$ref": "#/definitions/D"}}}"##;
    let old = doc(body, &defs(""));
    let new = doc(body, &defs(r##", "tag": {"type": "string"}"##));
    let d = diff(&old, &new);
    let at: Vec<String> = d
        .changes()
        .iter()
        .map(|c| format!("{} {}", c.kind, c.definition.as_ref().unwrap()))
        .collect();
    // The base gains the member; D's flattened copy gains it too (D is where data changes).
    assert_eq!(
        at,
        ["member-added-optional Base", "member-added-optional D"]
    );
}

#[test]
fn choices_tuples_and_sets() {
    let choice = |names: &str| {
        doc(
            &format!(r##""properties": {{"c": {{"type": "choice", "choices": {{{names}}}}}}}"##),
            "",
        )
    };
    let a = choice(r##""x": {"type": "string"}"##);
    let b = choice(r##""x": {"type": "string"}, "y": {"type": "int32"}"##);
    assert_eq!(
        verdicts(&diff(&a, &b)),
        [("choice-variant-added", true, false, Semver::Minor)]
    );
    assert_eq!(
        verdicts(&diff(&b, &a)),
        [("choice-variant-removed", false, true, Semver::Major)]
    );
    let tuple = |props: &str, order: &str| {
        doc(
            &format!(
                r##""properties": {{"t": {{"type": "tuple", "properties": {{{props}}}, "tuple": [{order}]}}}}"##
            ),
            "",
        )
    };
    let t1 = tuple(r##""x": {"type": "string"}"##, r##""x""##);
    let t2 = tuple(
        r##""x": {"type": "string"}, "y": {"type": "string"}"##,
        r##""x", "y""##,
    );
    assert_eq!(
        verdicts(&diff(&t1, &t2)),
        [("tuple-element-added", false, false, Semver::Major)]
    );
    let arr = doc(
        r##""properties": {"s": {"type": "array", "items": {"type": "string"}}}"##,
        "",
    );
    let set = doc(
        r##""properties": {"s": {"type": "set", "items": {"type": "string"}}}"##,
        "",
    );
    assert_eq!(
        verdicts(&diff(&arr, &set)),
        [("type-changed", false, true, Semver::Major)]
    );
}

#[test]
fn composition_changes_are_judged_conservatively() {
    let head = r##""$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t",
        "$uses": ["JSONStructureConditionalComposition"], "name": "T""##;
    let s = |not: &str| {
        Schema::from_slice(
            format!(
                r##"{{{head}, "type": "object", "properties": {{"a": {{"type": "int32", "not": {{"type": "int32", "enum": [{not}]}}}}}}}}"##
            )
            .as_bytes(),
        )
        .unwrap()
    };
    assert!(diff(&s("1"), &s("1")).is_empty());
    assert_eq!(
        verdicts(&diff(&s("1"), &s("1, 2"))),
        [("composition-changed", false, false, Semver::Patch)]
    );
}

#[test]
fn documents_added_and_removed() {
    let s = doc(STR, r##""X": {"type": "int32"}"##);
    let added = document_added(&s);
    assert!(added
        .changes()
        .iter()
        .all(|c| c.kind == ChangeKind::DefinitionAdded));
    assert_eq!(added.changes().len(), 2);
    assert!(added.is_backward_compatible() && !added.is_forward_compatible());
    assert_eq!(document_removed(&s).semver(), Some(Semver::Major));
}

#[test]
fn policies_and_allowances() {
    let old = doc(
        r##""properties": {"a": {"type": "string"}, "b": {"type": "string"}}"##,
        "",
    );
    let new = doc(
        r##""properties": {"a": {"type": "string"}}, "additionalProperties": false"##,
        "",
    );
    let d = diff(&old, &new);
    let kinds: Vec<_> = verdicts(&d).into_iter().map(|v| v.0).collect();
    assert_eq!(kinds, ["member-removed", "additional-properties-closed"]);
    let mut p = Policy::new(Requirement::Backward);
    assert_eq!(p.violations(&d).len(), 2);
    p.allow
        .push("member-removed@/properties/b".parse().unwrap());
    p.allow
        .push("additional-properties-closed@*".parse().unwrap());
    p.allow.push("enum-value-added@/x".parse().unwrap());
    assert!(p.violations(&d).is_empty());
    assert_eq!(p.unused(&[&d]).len(), 1);
    assert!(Policy::new(Requirement::Forward).violations(&d).is_empty());
    assert_eq!(Policy::new(Requirement::Full).violations(&d).len(), 2);
    assert!(Policy::new(Requirement::None).violations(&d).is_empty());
    assert!("member-added".parse::<Allowance>().is_err());
    assert!("nope@/a"
        .parse::<Allowance>()
        .unwrap_err()
        .contains("unknown change kind"));
    assert!("member-removed@a".parse::<Allowance>().is_err());
}

#[test]
fn renderers_agree_on_the_verdicts() {
    let old = doc(
        r##""properties": {"a": {"type": "string", "maxLength": 5}}"##,
        "",
    );
    let new = doc(
        r##""properties": {"a": {"type": "string", "maxLength": 3}}"##,
        "",
    );
    let d = diff(&old, &new);
    let p = Policy::new(Requirement::Backward);
    let text = render::text(&d, "old.json", "new.json", Some(&p));
    assert!(
        text.starts_with("error[max-length-tightened]: T: maxLength 5 -> 3\n"),
        "{text}"
    );
    assert!(text.contains("--> new new.json:2:"), "{text}");
    assert!(text.contains("require backward: 1 violation(s)"), "{text}");
    let json = render::json(&d, "old.json", "new.json", Some(&p));
    assert_eq!(json["changes"][0]["kind"], "max-length-tightened");
    assert_eq!(
        json["changes"][0]["new"]["pointer"],
        "/properties/a/maxLength"
    );
    assert_eq!(json["changes"][0]["violation"], true);
    assert_eq!(json["semver"], "patch");
    let gh = render::github(&d, "old.json", "new.json", Some(&p));
    assert!(gh.starts_with("::error file=new.json,line=2,col="), "{gh}");
    assert!(
        gh.contains("title=jsonstruct diff%3A max-length-tightened::"),
        "{gh}"
    );
}

#[test]
fn a_long_chain_of_definitions_is_compared_in_one_pass() {
    // 5,000 definitions, each referencing the next: every definition is compared once, and
    // references between matched definitions are not followed.
    let n = 5000;
    let defs = |last: &str| {
        let mut s = String::new();
        for i in 0..n {
            let ty = if i + 1 == n {
                format!(r##"{{"type": "{last}"}}"##)
            } else {
                format!(r##"{{"type": {{"$ref": "#/definitions/D{}"}}}}"##, i + 1)
            };
            s.push_str(&format!(
                r##""D{i}": {{"type": "object", "properties": {{"v": {ty}}}}},"##
            ));
        }
        s.pop();
        s
    };
    let body = r##""properties": {"a": {"type": {"$ref": "#/definitions/D0"}}}"##;
    let d = diff(&doc(body, &defs("int32")), &doc(body, &defs("int16")));
    assert_eq!(verdicts(&d).len(), 1);
    assert!(!d.is_incomplete());
}

/// The README's table of change kinds lists every kind once, in the order of
/// [`ChangeKind::ALL`], so users who grep for a kind find it documented.
#[test]
fn the_readme_documents_every_kind() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme
        .split("## Schema evolution")
        .nth(1)
        .expect("a Schema evolution section");
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let kinds: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(listed, kinds);
}

#[test]
fn retargeting_between_long_chains_is_bounded() {
    // Two chains of 3,000 definitions; the root's reference moves from one to the other.
    // Comparing them would nest 3,000 deep: the answer is a conservative "no", flagged as
    // incomplete, never a stack overflow.
    let n = 3000;
    let mut defs = String::new();
    for chain in ["A", "B"] {
        for i in 0..n {
            let ty = if i + 1 == n {
                r##"{"type": "int32"}"##.to_owned()
            } else {
                format!(
                    r##"{{"type": {{"$ref": "#/definitions/{chain}{}"}}}}"##,
                    i + 1
                )
            };
            defs.push_str(&format!(
                r##""{chain}{i}": {{"type": "object", "properties": {{"v": {ty}}}}},"##
            ));
        }
    }
    defs.pop();
    let old = doc(
        r##""properties": {"a": {"type": {"$ref": "#/definitions/A0"}}}"##,
        &defs,
    );
    let new = doc(
        r##""properties": {"a": {"type": {"$ref": "#/definitions/B0"}}}"##,
        &defs,
    );
    let d = diff(&old, &new);
    assert_eq!(
        verdicts(&d),
        [("reference-changed", false, false, Semver::Major)]
    );
    assert!(d.is_incomplete());
    // Short chains are compared fully.
    let short = |target: &str| {
        doc(
            &format!(
                r##""properties": {{"a": {{"type": {{"$ref": "#/definitions/{target}"}}}}}}"##
            ),
            r##""A0": {"type": "object", "properties": {"v": {"type": {"$ref": "#/definitions/A1"}}}},
               "A1": {"type": "object", "properties": {"v": {"type": "int32"}}},
               "B0": {"type": "object", "properties": {"v": {"type": {"$ref": "#/definitions/B1"}}}},
               "B1": {"type": "object", "properties": {"v": {"type": "int16"}}}"##,
        )
    };
    let d = diff(&short("A0"), &short("B0"));
    assert_eq!(
        verdicts(&d),
        [("reference-changed", false, true, Semver::Major)]
    );
    assert!(!d.is_incomplete());
}

#[test]
fn namespaced_definitions_are_matched_by_their_path() {
    let s = |ty: &str| {
        doc(
            r##""properties": {"e": {"type": {"$ref": "#/definitions/HR/Employee"}}}"##,
            &format!(
                r##""HR": {{"Employee": {{"type": "object", "properties": {{"age": {{"type": "{ty}"}}}}}}}},
                   "Sales": {{"Employee": {{"type": "object", "properties": {{"age": {{"type": "string"}}}}}}}}"##
            ),
        )
    };
    let d = diff(&s("int8"), &s("int16"));
    assert_eq!(
        verdicts(&d),
        [("numeric-widened", true, false, Semver::Major)]
    );
    let c = &d.changes()[0];
    assert_eq!(c.definition.as_ref().unwrap().to_string(), "HR.Employee");
    assert_eq!(
        c.new.as_ref().unwrap().pointer,
        "/definitions/HR/Employee/properties/age/type"
    );
}

#[test]
fn changes_under_not_are_not_judged_locally() {
    let head = r##""$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t",
        "$uses": ["JSONStructureConditionalComposition"], "name": "T""##;
    let s = |ty: &str| {
        Schema::from_slice(
            format!(
                r##"{{{head}, "type": "object", "properties": {{"a": {{"type": "int32", "not": {{"type": {{"$ref": "#/definitions/X"}}}}}}}},
                    "definitions": {{"X": {{"type": "{ty}"}}}}}}"##
            )
            .as_bytes(),
        )
        .unwrap()
    };
    // Widening X narrows `not X`: old data can become invalid, so the local verdict ("widened:
    // backward compatible") must not stand.
    let d = diff(&s("int8"), &s("int16"));
    assert_eq!(
        verdicts(&d),
        [("numeric-widened", false, false, Semver::Major)]
    );
    assert!(d.changes()[0]
        .note
        .as_deref()
        .unwrap()
        .contains("not/if/oneOf"));
    let v = |t: &Schema, json: &str| Validator::new(t).unwrap().is_valid(json.as_bytes());
    assert!(v(&s("int8"), r#"{"a": 200}"#) && !v(&s("int16"), r#"{"a": 200}"#));
}
