//! The core content keywords of `binary`: `contentEncoding`, `contentMediaType`,
//! `contentCompression`.

use super::At;
use crate::diagnostic::Code;
use crate::schema::load::Loader;

/// Read before the node's other keywords: `enum`/`const` literals are checked in it.
pub(super) fn content_encoding(_: &mut Loader<'_>, _: At<'_>) {}

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
