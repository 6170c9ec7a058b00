//! Rust types of value positions: tokens with fully qualified paths for the code, and short
//! readable forms (`Option<SessionActor>`) for the docs.

use jsonstruct::formats::Encoding;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::Code;
use crate::plan::{Plan, Primitive, RType};

/// An identifier token; `r#`-prefixed names become raw identifiers.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The tokens of a type, with fully qualified paths so the code compiles whatever the user's
/// imports (and whatever the schema names its types: `Option`, `String`, ...), and wherever
/// it is included: runtime types go through the runtime's path, never `crate::`.
pub(crate) fn tokens(code: &Code, plan: &Plan<'_>, ty: &RType) -> TokenStream {
    let runtime = &code.runtime;
    match ty {
        RType::Named(i) => {
            let name = ident(&plan.item(*i).name);
            quote!(#name)
        }
        RType::Prim(p) => match primitive(*p) {
            Some(t) => t,
            None => {
                let name = ident(text_name(*p));
                quote!(#runtime::#name)
            }
        },
        RType::Binary(e) => {
            let name = ident(binary_name(*e));
            quote!(#runtime::#name)
        }
        RType::Value => quote!(::serde_json::Value),
        RType::Option(t) => {
            let t = tokens(code, plan, t);
            quote!(::std::option::Option<#t>)
        }
        RType::Vec(t) => {
            let t = tokens(code, plan, t);
            quote!(::std::vec::Vec<#t>)
        }
        RType::Set(t) => {
            let t = tokens(code, plan, t);
            quote!(#runtime::Set<#t>)
        }
        RType::Map(t) => {
            let t = tokens(code, plan, t);
            quote!(::std::collections::BTreeMap<::std::string::String, #t>)
        }
        RType::Boxed(t) => {
            let t = tokens(code, plan, t);
            quote!(::std::boxed::Box<#t>)
        }
    }
}

/// A primitive that is a Rust type; `None` for the runtime's text types.
fn primitive(p: Primitive) -> Option<TokenStream> {
    Some(match p {
        Primitive::String => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::Null => quote!(()),
        Primitive::Number | Primitive::Double => quote!(f64),
        Primitive::Float | Primitive::Float8 => quote!(f32),
        Primitive::Integer | Primitive::Int32 => quote!(i32),
        Primitive::Int8 => quote!(i8),
        Primitive::Uint8 => quote!(u8),
        Primitive::Int16 => quote!(i16),
        Primitive::Uint16 => quote!(u16),
        Primitive::Uint32 => quote!(u32),
        Primitive::Int64 => quote!(i64),
        Primitive::Uint64 => quote!(u64),
        Primitive::Int128 => quote!(i128),
        Primitive::Uint128 => quote!(u128),
        _ => return None,
    })
}

/// The runtime type that keeps the text of a string-encoded primitive.
fn text_name(p: Primitive) -> &'static str {
    match p {
        Primitive::Decimal => "Decimal",
        Primitive::Date => "Date",
        Primitive::Time => "Time",
        Primitive::DateTime => "DateTime",
        Primitive::Duration => "Duration",
        Primitive::Uuid => "Uuid",
        Primitive::Uri => "Uri",
        Primitive::JsonPointer => "JsonPointer",
        _ => "Binary",
    }
}

fn binary_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Base64 => "Binary",
        Encoding::Base64Url => "BinaryBase64Url",
        Encoding::Base16 => "BinaryBase16",
        Encoding::Base32 => "BinaryBase32",
        Encoding::Base32Hex => "BinaryBase32Hex",
    }
}

/// The short form of a type for people: `Option<SessionActor>`, `BTreeMap<String, Product>`,
/// `serde_json::Value`.
pub(crate) fn display(plan: &Plan<'_>, ty: &RType) -> String {
    match ty {
        RType::Named(i) => plan.item(*i).name.clone(),
        RType::Prim(p) => match primitive(*p) {
            Some(t) => t
                .to_string()
                .replace(' ', "")
                .trim_start_matches("::std::string::")
                .to_owned(),
            None => text_name(*p).to_owned(),
        },
        RType::Binary(e) => binary_name(*e).to_owned(),
        RType::Value => "serde_json::Value".to_owned(),
        RType::Option(t) => format!("Option<{}>", display(plan, t)),
        RType::Vec(t) => format!("Vec<{}>", display(plan, t)),
        RType::Set(t) => format!("Set<{}>", display(plan, t)),
        RType::Map(t) => format!("BTreeMap<String, {}>", display(plan, t)),
        RType::Boxed(t) => format!("Box<{}>", display(plan, t)),
    }
}

/// The generated item a type refers to, if any (for links in the docs).
pub(crate) fn named(ty: &RType) -> Option<usize> {
    match ty {
        RType::Named(i) => Some(*i),
        RType::Option(t) | RType::Vec(t) | RType::Set(t) | RType::Map(t) | RType::Boxed(t) => {
            named(t)
        }
        RType::Prim(_) | RType::Binary(_) | RType::Value => None,
    }
}
