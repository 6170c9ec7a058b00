//! The Validation add-in's object and map keywords: `minProperties`/`minEntries`,
//! `maxProperties`/`maxEntries`, `dependentRequired`, `patternProperties`/`patternKeys`,
//! `propertyNames`/`keyNames`, `has`. Each pair is one constraint under the object's and the
//! map's name, recorded in the same place.

use super::At;
use crate::diagnostic::Code;
use crate::json::{pointer, Node};
use crate::schema::load::Loader;
use crate::schema::{Pattern, Primitive, TypeId, TypeKind};

pub(super) fn min_entries(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, at.key()) {
        l.nodes[at.id.index()].validation.min_entries = Some(n);
    }
}

pub(super) fn max_entries(l: &mut Loader<'_>, at: At<'_>) {
    if let Some(n) = l.non_negative_int(at.value(), at.ptr, at.key()) {
        l.nodes[at.id.index()].validation.max_entries = Some(n);
    }
}

/// Property name -> the names it requires; the names are checked against the properties once
/// inheritance is flattened.
pub(super) fn dependent_required(l: &mut Loader<'_>, at: At<'_>) {
    let (v, ptr) = (at.value(), at.ptr);
    let Some(members) = v.as_object() else {
        l.error(
            Code::SchemaKeywordInvalidType,
            ptr,
            v.start,
            "dependentRequired must be an object mapping property names to arrays of names",
        );
        return;
    };
    let mut deps = Vec::new();
    let mut sites = Vec::new();
    for m in members {
        let p = pointer::join(ptr, &m.key);
        sites.push(l.name_site(&m.key, p.clone(), m.key_start));
        match m.value.as_array() {
            Some(items) if items.iter().all(|i| i.as_str().is_some()) => {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect();
                for (i, item) in items.iter().enumerate() {
                    sites.push(l.name_site(
                        item.as_str().unwrap_or_default(),
                        format!("{p}/{i}"),
                        item.start,
                    ));
                }
                deps.push((m.key.clone(), names));
            }
            _ => l.error(
                Code::SchemaKeywordInvalidType,
                &p,
                m.value.start,
                "dependentRequired values must be arrays of property names",
            ),
        }
    }
    l.nodes[at.id.index()].validation.dependent_required = deps;
    l.pending.dependent_required.insert(at.id, sites);
}

pub(super) fn pattern_entries(l: &mut Loader<'_>, at: At<'_>) {
    let (v, ptr) = (at.value(), at.ptr);
    let Some(members) = v.as_object() else {
        l.error(
            Code::SchemaKeywordInvalidType,
            ptr,
            v.start,
            format!("{} must be an object mapping patterns to schemas", at.key()),
        );
        return;
    };
    let mut entries = Vec::new();
    for m in members {
        let p = pointer::join(ptr, &m.key);
        let sub = l.schema(&m.value, &p, false, None);
        // patternProperties selects by search, as in JSON Schema, so the key is not
        // anchored: wrap it so the whole-value Pattern matches anywhere.
        match Pattern::new(&format!("[\\s\\S]*(?:{})[\\s\\S]*", m.key)) {
            Ok(pat) => entries.push((pat, sub)),
            Err(why) => l.error(
                Code::SchemaPatternInvalid,
                &p,
                m.key_start,
                format!("pattern \"{}\" {why}", m.key),
            ),
        }
    }
    l.nodes[at.id.index()].validation.pattern_entries = entries;
}

/// `propertyNames` / `keyNames`: a schema of type string.
pub(super) fn entry_names(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    let sub = l.schema(v, at.ptr, false, None);
    let is_string =
        matches!(&l.nodes[sub.index()].kind, TypeKind::Primitive(pt) if pt.ty == Primitive::String);
    if !is_string {
        l.error(
            Code::SchemaKeywordInvalidType,
            at.ptr,
            v.start,
            format!("{} must be a schema of type string", at.key()),
        );
    }
    l.nodes[at.id.index()].validation.entry_names = Some(sub);
}

pub(super) fn has(l: &mut Loader<'_>, at: At<'_>) {
    let sub = l.schema(at.value(), at.ptr, false, None);
    l.nodes[at.id.index()].validation.has = Some(sub);
}

/// Maps spell the counts `minEntries`/`maxEntries`, objects `minProperties`/`maxProperties`.
pub(super) fn check_counts(l: &mut Loader<'_>, id: TypeId, node: &Node, ptr: &str) {
    let val = &l.nodes[id.index()].validation;
    let (lo, hi) = (val.min_entries, val.max_entries);
    let keys = if node.get("minEntries").is_some() || node.get("maxEntries").is_some() {
        ("minEntries", "maxEntries")
    } else {
        ("minProperties", "maxProperties")
    };
    super::check_count_pair(l, node, ptr, keys, lo, hi);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::Validation;

    const OBJECT: &str =
        r#""type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}"#;
    const MAP: &str = r#""type": "map", "values": {"type": "string"}"#;

    #[test]
    fn object_and_map_spellings_land_in_one_place() {
        let r = check(
            &format!(
                r#"{OBJECT}, "minProperties": 1, "maxProperties": 2, "dependentRequired": {{"a": ["b"]}},
                   "patternProperties": {{"^x": {{"type": "int32"}}}}, "propertyNames": {{"type": "string"}},
                   "has": {{"type": "string"}}"#
            ),
            &[Validation],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let v = &root(&r).validation;
        assert_eq!((v.min_entries, v.max_entries), (Some(1), Some(2)));
        assert_eq!(
            v.dependent_required,
            [("a".to_owned(), vec!["b".to_owned()])]
        );
        assert_eq!(v.pattern_entries.len(), 1);
        assert!(v.entry_names.is_some() && v.has.is_some());

        let r = check(
            &format!(
                r#"{MAP}, "minEntries": 1, "maxEntries": 2, "patternKeys": {{"^x": {{"type": "string"}}}}, "keyNames": {{"type": "string"}}"#
            ),
            &[Validation],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let v = &root(&r).validation;
        assert_eq!((v.min_entries, v.max_entries), (Some(1), Some(2)));
        assert_eq!(v.pattern_entries.len(), 1);
    }

    #[test]
    fn a_map_is_told_its_own_spelling() {
        let r = check(
            &format!(
                r#"{MAP}, "minProperties": 1, "dependentRequired": {{}}, "minEntries": 3, "maxEntries": 1"#
            ),
            &[Validation],
        );
        let messages: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "'minProperties' is for objects; maps use 'minEntries'",
                "'dependentRequired' constraint is only valid for object, not 'map'",
                "'minEntries' cannot be greater than 'maxEntries'",
            ]
        );
        let r = check(&format!(r#"{OBJECT}, "maxEntries": 1"#), &[Validation]);
        assert_eq!(
            found(&r),
            ["SCHEMA_CONSTRAINT_INVALID_FOR_TYPE at /maxEntries"]
        );
    }

    /// Undeclared names are allowed (validation `#dependentRequired` has no rule against them);
    /// only a name a closed object can never have is worth a warning.
    #[test]
    fn dependent_required_may_name_undeclared_members() {
        let open = format!(r#"{OBJECT}, "dependentRequired": {{"a": ["birthdate"], "z": ["a"]}}"#);
        assert_eq!(found(&check(&open, &[Validation])), Vec::<String>::new());
        let patterned = format!(
            r#"{OBJECT}, "additionalProperties": false, "patternProperties": {{"^x_": {{"type": "string"}}}},
               "dependentRequired": {{"a": ["x_b"], "x_c": ["b"]}}"#
        );
        assert_eq!(
            found(&check(&patterned, &[Validation])),
            Vec::<String>::new()
        );
        let closed = format!(
            r#"{OBJECT}, "additionalProperties": false, "patternProperties": {{"^x_": {{"type": "string"}}}},
               "dependentRequired": {{"a": ["birthdate", "x_ok"]}}"#
        );
        let r = check(&closed, &[Validation]);
        assert_eq!(
            found(&r),
            ["SCHEMA_DEPENDENT_NAME_UNREACHABLE at /dependentRequired/a/0"]
        );
        assert!(r.diagnostics.iter().all(|d| !d.is_error()));
    }

    #[test]
    fn bad_values() {
        let r = check(
            &format!(
                r#"{OBJECT}, "dependentRequired": {{"a": "b"}}, "patternProperties": {{"(": {{"type": "string"}}}},
                   "propertyNames": {{"type": "int32"}}"#
            ),
            &[Validation],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_KEYWORD_INVALID_TYPE at /dependentRequired/a",
                "SCHEMA_PATTERN_INVALID at /patternProperties/(",
                "SCHEMA_KEYWORD_INVALID_TYPE at /propertyNames",
            ]
        );
    }
}
