//! JSON Schema keywords that JSON Structure does not have. Silently ignoring them would hide a
//! mistake, so they get a warning; any other unknown keyword is a custom annotation.

use super::At;
use crate::diagnostic::Code;
use crate::schema::load::Loader;

/// Each foreign keyword, with what to write instead.
pub(super) const FOREIGN: &[(&str, &str)] = &[
    ("$defs", "JSON Structure uses 'definitions'"),
    ("prefixItems", "JSON Structure uses the 'tuple' type"),
    ("additionalItems", "it is a JSON Schema keyword"),
    ("unevaluatedProperties", "it is a JSON Schema keyword"),
    ("unevaluatedItems", "it is a JSON Schema keyword"),
    ("dependentSchemas", "it is a JSON Schema keyword"),
    (
        "nullable",
        "use a union with \"null\", e.g. \"type\": [\"string\", \"null\"]",
    ),
    ("$anchor", "it is a JSON Schema keyword"),
    ("$dynamicRef", "it is a JSON Schema keyword"),
    ("$dynamicAnchor", "it is a JSON Schema keyword"),
];

pub(super) fn ignored(l: &mut Loader<'_>, at: At<'_>) {
    let key = at.key();
    if let Some((_, why)) = FOREIGN.iter().find(|(f, _)| *f == key) {
        l.warn(
            Code::SchemaKeywordIgnored,
            at.ptr,
            at.member.key_start,
            format!("'{key}' is not a JSON Structure keyword and is ignored ({why})"),
        );
    }
}

/// `keys` on a map is a likely mistake for `keyNames`; elsewhere it is a custom annotation.
pub(super) fn keys(l: &mut Loader<'_>, at: At<'_>) {
    l.warn(
        Code::SchemaKeywordIgnored,
        at.ptr,
        at.member.key_start,
        "'keys' is not a JSON Structure keyword and is ignored; map keys are any string (constrain them with 'keyNames' from the Validation add-in)",
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found};

    #[test]
    fn json_schema_keywords_are_warned_about() {
        let r = check(
            r#""type": "string", "nullable": true, "$defs": {}, "x-vendor": 1, "keys": {}"#,
            &[],
        );
        let messages: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "'nullable' is not a JSON Structure keyword and is ignored (use a union with \"null\", e.g. \"type\": [\"string\", \"null\"])",
                "'$defs' is not a JSON Structure keyword and is ignored (JSON Structure uses 'definitions')",
            ]
        );
        assert!(r.schema.is_some());
    }

    #[test]
    fn keys_on_a_map() {
        let r = check(
            r#""type": "map", "values": {"type": "string"}, "keys": {"type": "string"}"#,
            &[],
        );
        assert_eq!(found(&r), ["SCHEMA_KEYWORD_IGNORED at /keys"]);
    }
}
