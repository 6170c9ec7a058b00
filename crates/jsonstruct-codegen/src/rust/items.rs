//! Tokens for the generated items: structs, tuple structs, enums with a fallback, tagged and
//! untagged enums, aliases, each with its serde attributes and rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{ident, tokens};
use crate::names;
use crate::plan::{Field, Item, ItemKind, Plan, RType, Variant};
use crate::Int64Encoding;

pub(crate) struct Emitter<'p, 's> {
    pub plan: &'p Plan<'s>,
    /// `crate::support::wide::number` or `...::string`.
    pub wide: String,
}

impl Emitter<'_, '_> {
    pub fn new<'p, 's>(plan: &'p Plan<'s>, int64: Int64Encoding) -> Emitter<'p, 's> {
        let wide = match int64 {
            Int64Encoding::String => "crate::support::wide::string",
            Int64Encoding::Number => "crate::support::wide::number",
        };
        Emitter {
            plan,
            wide: wide.to_owned(),
        }
    }

    pub fn item(&self, item: &Item) -> TokenStream {
        let name = ident(&item.name);
        let docs = doc_attrs(self.plan.schema.node(item.node).description.as_deref());
        let derive = quote! {
            #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        };
        match &item.kind {
            ItemKind::Struct { fields, additional } => {
                let fields = fields.iter().map(|f| self.field(f));
                let extra = additional.as_ref().map(|(field, ty)| {
                    let field = ident(field);
                    let t = tokens(self.plan, &RType::Map(Box::new(ty.clone())));
                    let with = self
                        .with(&RType::Map(Box::new(ty.clone())))
                        .map(|w| quote!(, #w));
                    quote! {
                        /// Members not declared in the schema, kept as received.
                        #[serde(flatten #with)]
                        pub #field: #t,
                    }
                });
                quote! {
                    #docs
                    #derive
                    pub struct #name {
                        #(#fields)*
                        #extra
                    }
                }
            }
            ItemKind::Tuple { elements } => {
                if let [only] = elements.as_slice() {
                    // A one-element tuple struct would be a serde newtype (no array), so the
                    // element is wrapped in a Rust 1-tuple.
                    let t = tokens(self.plan, &only.ty);
                    let serde = serde_attr(self.with(&only.ty));
                    let fdocs = doc_attrs(only.description.as_deref());
                    return quote! {
                        #docs
                        #derive
                        pub struct #name(#fdocs #serde pub (#t,));
                    };
                }
                let elements = elements.iter().map(|f| {
                    let t = tokens(self.plan, &f.ty);
                    let serde = serde_attr(self.with(&f.ty));
                    let fdocs = doc_attrs(f.description.as_deref());
                    quote!(#fdocs #serde pub #t)
                });
                quote! {
                    #docs
                    #derive
                    pub struct #name(#(#elements),*);
                }
            }
            ItemKind::Enum { values, fallback } => self.string_enum(item, values, fallback),
            ItemKind::Choice {
                variants,
                selector,
                shadowed,
            } => {
                if *shadowed {
                    if let Some(selector) = selector {
                        return self.shadowed_choice(item, variants, selector);
                    }
                }
                let tag = selector.as_ref().map(|s| quote!(#[serde(tag = #s)]));
                let variants = variants.iter().map(|v| self.variant(v));
                quote! {
                    #docs
                    #derive
                    #tag
                    pub enum #name {
                        #(#variants)*
                    }
                }
            }
            ItemKind::Union { variants, .. } => {
                let variants = variants.iter().map(|v| self.variant(v));
                quote! {
                    #docs
                    #derive
                    #[serde(untagged)]
                    pub enum #name {
                        #(#variants)*
                    }
                }
            }
            ItemKind::Alias { ty } => {
                let t = tokens(self.plan, ty);
                quote! {
                    #docs
                    pub type #name = #t;
                }
            }
            ItemKind::Newtype { ty } => {
                let t = tokens(self.plan, ty);
                let serde = serde_attr(self.with(ty));
                quote! {
                    #docs
                    #derive
                    #[serde(transparent)]
                    pub struct #name(#serde pub #t);
                }
            }
            ItemKind::Pending => TokenStream::new(),
        }
    }

    /// `with = "crate::support::wide::..."` when the type holds wide integers.
    fn with(&self, ty: &RType) -> Option<TokenStream> {
        self.plan.needs_wide(ty).then(|| {
            let path = &self.wide;
            quote!(with = #path)
        })
    }

    fn field(&self, f: &Field) -> TokenStream {
        let name = ident(&f.ident);
        let t = tokens(self.plan, &f.ty);
        let docs = doc_attrs(f.description.as_deref());
        let mut serde = Vec::new();
        if names::unraw(&f.ident) != f.wire {
            let wire = &f.wire;
            serde.push(quote!(rename = #wire));
        }
        if self.plan.is_option(&f.ty) {
            // Absent and null both read as None.
            serde.push(quote!(default));
            if !f.required {
                serde.push(quote!(
                    skip_serializing_if = "::std::option::Option::is_none"
                ));
            }
        }
        serde.extend(self.with(&f.ty));
        let serde = serde_attr(serde);
        quote! {
            #docs
            #serde
            pub #name: #t,
        }
    }

    fn variant(&self, v: &Variant) -> TokenStream {
        let name = ident(&v.ident);
        let docs = doc_attrs(v.description.as_deref());
        let mut serde = Vec::new();
        if let Some(tag) = &v.tag {
            serde.push(quote!(rename = #tag));
        }
        serde.extend(self.with(&v.ty));
        let serde = serde_attr(serde);
        let t = tokens(self.plan, &v.ty);
        quote! {
            #docs
            #serde
            #name(#t),
        }
    }

    fn string_enum(
        &self,
        item: &Item,
        values: &[crate::plan::EnumValue],
        fallback: &str,
    ) -> TokenStream {
        let name = ident(&item.name);
        let docs = doc_attrs(self.plan.schema.node(item.node).description.as_deref());
        let fallback = ident(fallback);
        let variants = values.iter().map(|v| {
            let doc = if v.wire.is_empty() {
                " The empty string.".to_owned()
            } else {
                format!(" `{}`", v.wire.replace('`', "'"))
            };
            let variant = ident(&v.ident);
            quote!(#[doc = #doc] #variant,)
        });
        let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
        let idents: Vec<_> = values.iter().map(|v| ident(&v.ident)).collect();
        quote! {
            #docs
            #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
            pub enum #name {
                #(#variants)*
                /// A value this version does not know, kept exactly as received.
                #fallback(::std::string::String),
            }

            impl #name {
                /// The values this version knows, in schema order.
                pub const VALUES: &'static [&'static str] = &[#(#wires),*];

                /// The value as it appears on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#idents => #wires,)*
                        Self::#fallback(value) => value,
                    }
                }

                fn from_wire(value: &str) -> Self {
                    match value {
                        #(#wires => Self::#idents,)*
                        _ => Self::#fallback(::std::borrow::ToOwned::to_owned(value)),
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::std::str::FromStr for #name {
                type Err = ::std::convert::Infallible;

                /// Never fails: unknown values become the fallback variant.
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                    ::std::result::Result::Ok(Self::from_wire(value))
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::support::deserialize_enum(deserializer, Self::from_wire)
                }
            }
        }
    }

    /// An inline choice whose options carry the selector themselves: hand-written serde impls
    /// that keep the selector member in the option's data.
    fn shadowed_choice(&self, item: &Item, variants: &[Variant], selector: &str) -> TokenStream {
        let name = ident(&item.name);
        let docs = doc_attrs(self.plan.schema.node(item.node).description.as_deref());
        let vdefs = variants.iter().map(|v| {
            let vname = ident(&v.ident);
            let vdocs = doc_attrs(v.description.as_deref());
            let t = tokens(self.plan, &v.ty);
            quote!(#vdocs #vname(#t),)
        });
        let idents: Vec<_> = variants.iter().map(|v| ident(&v.ident)).collect();
        let tags: Vec<&str> = variants
            .iter()
            .map(|v| v.tag.as_deref().unwrap_or_default())
            .collect();
        quote! {
            #docs
            #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
            pub enum #name {
                #(#vdefs)*
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(Self::#idents(data) => crate::support::inline_choice::serialize(serializer, #selector, #tags, data),)*
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    const CHOICES: &[&str] = &[#(#tags),*];
                    let (tag, value) = crate::support::inline_choice::split(deserializer, #selector)?;
                    match tag.as_str() {
                        #(#tags => crate::support::inline_choice::finish(value).map(Self::#idents),)*
                        _ => ::std::result::Result::Err(<D::Error as ::serde::de::Error>::unknown_variant(&tag, CHOICES)),
                    }
                }
            }
        }
    }
}

fn serde_attr(parts: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let parts: Vec<TokenStream> = parts.into_iter().collect();
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// Rustdoc attributes from a schema `description`. Lines are trimmed (an indented line would
/// become a code block, and rustdoc compiles code blocks as tests) and code fences are marked
/// `text` for the same reason.
pub(crate) fn doc_attrs(description: Option<&str>) -> TokenStream {
    let Some(text) = description.map(str::trim).filter(|t| !t.is_empty()) else {
        return TokenStream::new();
    };
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.lines()
        .map(|line| {
            let line = line.trim().replace('\t', "    ");
            if let Some(rest) = line.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                if opening && rest.trim() != "text" {
                    return " ```text".to_owned();
                }
            }
            if line.is_empty() {
                String::new()
            } else if in_fence {
                format!(" {line}")
            } else {
                format!(" {}", escape_brackets(&line))
            }
        })
        .collect()
}

/// Escapes `[...]` that is not a Markdown link (`[a](b)`) outside code spans, so rustdoc does
/// not take `[red, green, blue]` for an intra-doc link.
fn escape_brackets(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut escape = vec![false; chars.len()];
    let mut open = Vec::new();
    let mut in_code = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            '[' if !in_code => open.push(i),
            ']' if !in_code => {
                if let Some(start) = open.pop() {
                    if !matches!(chars.get(i + 1), Some('(' | '[')) {
                        escape[start] = true;
                        escape[i] = true;
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(line.len() + 4);
    for (c, e) in chars.into_iter().zip(escape) {
        if e {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_are_safe_for_rustdoc() {
        let lines = doc_lines("RGB as [r, g, b]; see [the spec](https://x) and `a[0]`\n    indented\n```json\n{}\n```");
        assert_eq!(
            lines,
            [
                " RGB as \\[r, g, b\\]; see [the spec](https://x) and `a[0]`",
                " indented",
                " ```text",
                " {}",
                " ```",
            ]
        );
    }
}
