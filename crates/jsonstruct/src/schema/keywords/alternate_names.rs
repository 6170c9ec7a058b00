//! The Alternate Names add-in: `altnames`, `altenums`, `descriptions`.

use std::collections::BTreeMap;

use super::At;
use crate::diagnostic::Code;
use crate::json::{pointer, Member, Node};
use crate::schema::load::Loader;

/// The keyword's object, or an error.
fn object<'v>(l: &mut Loader<'_>, at: At<'v>) -> Option<&'v [Member]> {
    let v = at.member.value.as_object();
    if v.is_none() {
        l.error(
            Code::SchemaAltnamesNotObject,
            at.ptr,
            at.value().start,
            format!("{} must be an object", at.key()),
        );
    }
    v
}

/// Purpose (or language) -> text; every value a string.
fn strings(l: &mut Loader<'_>, at: At<'_>) -> Option<BTreeMap<String, String>> {
    let members = object(l, at)?;
    let mut map = BTreeMap::new();
    for m in members {
        match m.value.as_str() {
            Some(s) => {
                map.insert(m.key.clone(), s.to_owned());
            }
            None => l.error(
                Code::SchemaAltnamesValueNotString,
                &pointer::join(at.ptr, &m.key),
                m.value.start,
                format!("{} values must be strings", at.key()),
            ),
        }
    }
    Some(map)
}

/// `altnames.json` is a property's wire name.
pub(super) fn altnames(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(map) = strings(l, at) {
        l.nodes[at.id.index()].altnames = map;
    }
}

/// Checked; nothing downstream uses localized descriptions.
pub(super) fn descriptions(l: &mut Loader<'_>, at: At<'_>) {
    strings(l, at);
}

/// `altenums.json`: enum value -> wire symbol. Misplaced only once its shape is right.
pub(super) fn altenums(l: &mut Loader<'_>, at: At<'_>) {
    if object(l, at).is_none() {
        return;
    }
    if !at.applies() {
        at.report_misplaced(l, at.value().start);
    }
    let Some(json) = at.value().get("json").and_then(Node::as_object) else {
        return;
    };
    let mut map = BTreeMap::new();
    for m in json {
        match m.value.as_str() {
            Some(s) => {
                map.insert(m.key.clone(), s.to_owned());
            }
            None => l.error(
                Code::SchemaAltnamesValueNotString,
                &pointer::join(&pointer::join(at.ptr, "json"), &m.key),
                m.value.start,
                "altenums symbols must be strings",
            ),
        }
    }
    l.nodes[at.id.index()].altenums = map;
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::AlternateNames;
    use crate::schema::TypeKind;

    #[test]
    fn wire_names_and_symbols() {
        let r = check(
            r#""type": "object", "properties": {"first_name": {"type": "string",
                   "altnames": {"json": "first-name"}, "descriptions": {"de": "Vorname"}},
               "kind": {"type": "string", "enum": ["a"], "altenums": {"json": {"a": "A!"}}}}"#,
            &[AlternateNames],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let schema = r.schema.as_ref().unwrap();
        let TypeKind::Object(o) = &root(&r).kind else {
            panic!("not an object")
        };
        assert_eq!(o.properties[0].wire_name, "first-name");
        let kind = schema.node(o.properties[1].ty);
        assert_eq!(kind.altenums.get("a").map(String::as_str), Some("A!"));
    }

    #[test]
    fn bad_values_and_places() {
        let r = check(
            r#""type": "object", "properties": {"a": {"type": "string", "altnames": {"json": 1}}},
               "descriptions": [], "altenums": {"json": {"x": 2}}"#,
            &[AlternateNames],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_ALTNAMES_VALUE_NOT_STRING at /properties/a/altnames/json",
                "SCHEMA_ALTNAMES_NOT_OBJECT at /descriptions",
                "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /altenums",
                "SCHEMA_ALTNAMES_VALUE_NOT_STRING at /altenums/json/x",
            ]
        );
    }
}
