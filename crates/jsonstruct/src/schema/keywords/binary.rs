//! The core content keywords of `binary`: `contentEncoding`, `contentMediaType`,
//! `contentCompression`.

use super::{At, Cat};
use crate::diagnostic::Code;
use crate::formats::Encoding;
use crate::json::{pointer, Node};
use crate::schema::load::Loader;
use crate::schema::{Primitive, TypeId};

/// Read by [`read_content_encoding`] before the node's other keywords.
pub(super) fn content_encoding(_: &mut Loader<'_>, _: At<'_>) {}

/// `contentEncoding` of a binary, read first: `enum`/`const` literals are checked in it.
pub(in crate::schema) fn read_content_encoding(
    l: &mut Loader<'_>,
    id: TypeId,
    cat: Cat,
    node: &Node,
    ptr: &str,
) {
    if let (Cat::Prim(Primitive::Binary), Some(enc)) = (cat, node.get("contentEncoding")) {
        match enc.as_str().and_then(Encoding::from_name) {
            Some(e) => l.with_prim(id, |pt| pt.content_encoding = Some(e)),
            None => l.error(
                Code::SchemaKeywordInvalidType,
                &pointer::join(ptr, "contentEncoding"),
                enc.start,
                "contentEncoding must be one of base64, base64url, base16, base32, base32hex",
            ),
        }
    }
}

pub(super) fn content_media_type(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_str() {
        Some(s) => l.with_prim(at.id, |pt| pt.content_media_type = Some(s.to_owned())),
        None => l.error(
            Code::SchemaKeywordInvalidType,
            at.ptr,
            v.start,
            "contentMediaType must be a string",
        ),
    }
}

pub(super) fn content_compression(l: &mut Loader<'_>, at: At<'_>) {
    let v = at.value();
    match v.as_str() {
        Some(s @ ("gzip" | "deflate" | "zlib" | "brotli")) => {
            l.with_prim(at.id, |pt| pt.content_compression = Some(s.to_owned()))
        }
        _ => l.error(
            Code::SchemaKeywordInvalidType,
            at.ptr,
            v.start,
            "contentCompression must be one of gzip, deflate, zlib, brotli",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use crate::formats::Encoding;
    use crate::schema::TypeKind;

    #[test]
    fn literals_are_checked_in_the_encoding_whatever_the_keyword_order() {
        let r = check(
            r#""type": "binary", "const": "0aff", "contentEncoding": "base16",
               "contentMediaType": "image/png", "contentCompression": "gzip""#,
            &[],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        let TypeKind::Primitive(pt) = &root(&r).kind else {
            panic!("not a primitive")
        };
        assert_eq!(pt.content_encoding, Some(Encoding::Base16));
        assert_eq!(pt.content_media_type.as_deref(), Some("image/png"));
        assert_eq!(pt.content_compression.as_deref(), Some("gzip"));
    }

    #[test]
    fn bad_values_and_other_types() {
        let r = check(
            r#""type": "binary", "contentEncoding": "hex", "contentCompression": "zip""#,
            &[],
        );
        assert_eq!(
            found(&r),
            [
                "SCHEMA_KEYWORD_INVALID_TYPE at /contentEncoding",
                "SCHEMA_KEYWORD_INVALID_TYPE at /contentCompression",
            ]
        );
        // Elsewhere they are ignored with a warning, whatever their value.
        let r = check(r#""type": "string", "contentEncoding": 1"#, &[]);
        assert_eq!(found(&r), ["SCHEMA_KEYWORD_IGNORED at /contentEncoding"]);
        assert!(r.schema.is_some());
    }
}
