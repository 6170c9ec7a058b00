//! Tokens for the generated items: structs, tuple structs, enums with a fallback, tagged and
//! untagged enums, aliases, each with its serde attributes and rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{ident, tokens};
use super::Code;
use crate::names;
use crate::plan::{Field, Item, ItemKind, Plan, RType, Variant};
use crate::Int64Encoding;

/// Clippy's default `too-many-arguments-threshold`: `new` functions with more parameters get
/// an `allow`, since their parameters are the schema's required members.
const MAX_ARGUMENTS: usize = 7;

/// Derives every struct and enum with a derived serde impl gets.
const BASE_DERIVES: &[&str] = &["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"];

pub(crate) struct Emitter<'p, 's> {
    plan: &'p Plan<'s>,
    code: &'p Code,
    /// `<runtime>::__private::wide::number` or `...::string`.
    wide: String,
}

impl Emitter<'_, '_> {
    pub(super) fn new<'p, 's>(plan: &'p Plan<'s>, code: &'p Code) -> Emitter<'p, 's> {
        let form = match code.int64 {
            Int64Encoding::String => "string",
            Int64Encoding::Number => "number",
        };
        Emitter {
            plan,
            code,
            wide: format!("{}::__private::wide::{form}", code.runtime_text()),
        }
    }

    /// `#[derive(...)]` with the given traits (full paths) and the extra derives the options
    /// ask for, less those the type already has (`have`, by last path segment).
    fn derive(&self, base: &[TokenStream], have: &[&str]) -> TokenStream {
        let extra = self.code.derives.iter().filter(|d| {
            let last = d.segments.last().map(|s| s.ident.to_string());
            !last.is_some_and(|l| have.contains(&l.as_str()))
        });
        let all = base.iter().cloned().chain(extra.map(|d| quote!(#d)));
        quote!(#[derive(#(#all),*)])
    }

    /// Whether the options add a derive of the trait named `name` (by last path segment).
    fn derives_trait(&self, name: &str) -> bool {
        self.code
            .derives
            .iter()
            .any(|d| d.segments.last().is_some_and(|s| s.ident == name))
    }

    fn serde_derive(&self) -> TokenStream {
        self.derive(
            &[
                quote!(::std::fmt::Debug),
                quote!(::std::clone::Clone),
                quote!(::std::cmp::PartialEq),
                quote!(::serde::Serialize),
                quote!(::serde::Deserialize),
            ],
            BASE_DERIVES,
        )
    }

    /// The lints generated code may trip because of how the schema is written, allowed on the
    /// item (an `include!`d module cannot carry inner attributes): variant names and sizes come
    /// from the schema's choices, type nesting from its structure, doc text from its
    /// descriptions.
    fn allow(&self, item: &Item) -> TokenStream {
        let mut lints: Vec<TokenStream> = Vec::new();
        let is_enum = matches!(
            item.kind,
            ItemKind::Enum { .. } | ItemKind::Choice { .. } | ItemKind::Union { .. }
        );
        if matches!(item.kind, ItemKind::Choice { .. } | ItemKind::Union { .. }) {
            lints.push(quote!(clippy::large_enum_variant));
        }
        if is_enum {
            lints.push(quote!(clippy::enum_variant_names));
        }
        if !matches!(item.kind, ItemKind::Enum { .. }) {
            lints.push(quote!(clippy::type_complexity));
        }
        if self.has_docs(item) {
            lints.extend([
                quote!(clippy::doc_lazy_continuation),
                quote!(clippy::doc_overindented_list_items),
                quote!(clippy::too_long_first_doc_paragraph),
            ]);
        }
        quote!(#[allow(#(#lints),*)])
    }

    /// Whether the item or one of its members carries a schema description.
    fn has_docs(&self, item: &Item) -> bool {
        let described = |d: &Option<String>| d.as_deref().is_some_and(|t| !t.trim().is_empty());
        described(&self.plan.schema.node(item.node).description)
            || match &item.kind {
                ItemKind::Struct { fields, .. } => fields.iter().any(|f| described(&f.description)),
                ItemKind::Tuple { elements } => elements.iter().any(|f| described(&f.description)),
                ItemKind::Choice { variants, .. } | ItemKind::Union { variants, .. } => {
                    variants.iter().any(|v| described(&v.description))
                }
                _ => false,
            }
    }

    pub(super) fn item(&self, item: &Item) -> TokenStream {
        let name = ident(&item.name);
        let docs = doc_attrs(self.plan.schema.node(item.node).description.as_deref());
        let allow = self.allow(item);
        let derive = self.serde_derive();
        match &item.kind {
            ItemKind::Struct { fields, additional } => {
                let defs = fields.iter().map(|f| self.field(f));
                let extra = additional.as_ref().map(|(field, ty)| {
                    let field = ident(field);
                    let t = tokens(self.code, self.plan, &RType::Map(Box::new(ty.clone())));
                    let with = self
                        .with(&RType::Map(Box::new(ty.clone())))
                        .map(|w| quote!(, #w));
                    quote! {
                        /// Members not declared in the schema, kept as received.
                        #[serde(flatten #with)]
                        pub #field: #t,
                    }
                });
                let new = self.constructor(item, fields, additional.as_ref().map(|(f, _)| f));
                quote! {
                    #docs
                    #allow
                    #derive
                    #[non_exhaustive]
                    pub struct #name {
                        #(#defs)*
                        #extra
                    }

                    #new
                }
            }
            // Tuples (and the newtypes below) stay exhaustive: their elements are positional and
            // all required, so one more is a breaking wire change anyway, and closing them would
            // only take away their constructor and patterns.
            ItemKind::Tuple { elements } => {
                if let [only] = elements.as_slice() {
                    // A one-element tuple struct would be a serde newtype (no array), so the
                    // element is wrapped in a Rust 1-tuple.
                    let t = tokens(self.code, self.plan, &only.ty);
                    let serde = serde_attr(self.with(&only.ty));
                    let fdocs = doc_attrs(only.description.as_deref());
                    return quote! {
                        #docs
                        #allow
                        #derive
                        pub struct #name(#fdocs #serde pub (#t,));
                    };
                }
                let elements = elements.iter().map(|f| {
                    let t = tokens(self.code, self.plan, &f.ty);
                    let serde = serde_attr(self.with(&f.ty));
                    let fdocs = doc_attrs(f.description.as_deref());
                    quote!(#fdocs #serde pub #t)
                });
                quote! {
                    #docs
                    #allow
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
                    #allow
                    #derive
                    #tag
                    #[non_exhaustive]
                    pub enum #name {
                        #(#variants)*
                    }
                }
            }
            ItemKind::Union { variants, .. } => {
                let variants = variants.iter().map(|v| self.variant(v));
                quote! {
                    #docs
                    #allow
                    #derive
                    #[serde(untagged)]
                    #[non_exhaustive]
                    pub enum #name {
                        #(#variants)*
                    }
                }
            }
            ItemKind::Alias { ty } => {
                let t = tokens(self.code, self.plan, ty);
                quote! {
                    #docs
                    #allow
                    pub type #name = #t;
                }
            }
            ItemKind::Newtype { ty } => {
                let t = tokens(self.code, self.plan, ty);
                let serde = serde_attr(self.with(ty));
                quote! {
                    #docs
                    #allow
                    #derive
                    #[serde(transparent)]
                    pub struct #name(#serde pub #t);
                }
            }
            ItemKind::Pending => TokenStream::new(),
        }
    }

    /// `pub fn new(<required members in declaration order>) -> Self`: the way to build a
    /// struct that is `#[non_exhaustive]`. Optional members start as `None`, the map of
    /// additional members empty.
    fn constructor(
        &self,
        item: &Item,
        fields: &[Field],
        additional: Option<&String>,
    ) -> TokenStream {
        let name = ident(&item.name);
        let required: Vec<&Field> = fields.iter().filter(|f| f.is_parameter()).collect();
        let params = required.iter().map(|f| {
            let field = ident(&f.ident);
            let t = tokens(self.code, self.plan, &f.ty);
            quote!(#field: #t)
        });
        let inits = fields.iter().map(|f| {
            let field = ident(&f.ident);
            match f.fixed_string() {
                Some(value) => quote!(#field: ::std::string::String::from(#value)),
                None if f.required => quote!(#field),
                None => quote!(#field: ::std::option::Option::None),
            }
        });
        let extra = additional.map(|f| {
            let field = ident(f);
            quote!(#field: ::std::collections::BTreeMap::new())
        });
        let allow =
            (required.len() > MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let fixed = if fields.iter().any(|f| f.fixed_string().is_some()) {
            " (members with a `const` string get it)"
        } else {
            ""
        };
        let doc = format!(
            " Builds `{}` from its required members{fixed}; optional members start as `None`.",
            item.name
        );
        // Without parameters, `new` is what `Default` would be (unless `Default` is derived).
        let default = (required.is_empty() && !self.derives_trait("Default")).then(|| {
            quote! {
                impl ::std::default::Default for #name {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }
        });
        quote! {
            impl #name {
                #[doc = #doc]
                #allow
                pub fn new(#(#params),*) -> Self {
                    Self {
                        #(#inits,)*
                        #extra
                    }
                }
            }

            #default
        }
    }

    /// `with = "<runtime>::__private::wide::..."` when the type holds wide integers.
    fn with(&self, ty: &RType) -> Option<TokenStream> {
        self.plan.needs_wide(ty).then(|| {
            let path = &self.wide;
            quote!(with = #path)
        })
    }

    fn field(&self, f: &Field) -> TokenStream {
        let name = ident(&f.ident);
        let t = tokens(self.code, self.plan, &f.ty);
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
        let t = tokens(self.code, self.plan, &v.ty);
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
        let runtime = &self.code.runtime;
        let allow = self.allow(item);
        // Serialize and Deserialize are written below, not derived.
        let derive = self.derive(
            &[
                quote!(::std::fmt::Debug),
                quote!(::std::clone::Clone),
                quote!(::std::cmp::PartialEq),
                quote!(::std::cmp::Eq),
                quote!(::std::hash::Hash),
            ],
            &[
                "Debug",
                "Clone",
                "PartialEq",
                "Eq",
                "Hash",
                "Serialize",
                "Deserialize",
            ],
        );
        quote! {
            #docs
            #allow
            #derive
            #[non_exhaustive]
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
                    #runtime::__private::deserialize_enum(deserializer, Self::from_wire)
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
            let t = tokens(self.code, self.plan, &v.ty);
            quote!(#vdocs #vname(#t),)
        });
        let runtime = &self.code.runtime;
        let allow = self.allow(item);
        // Serialize and Deserialize are written below, not derived.
        let derive = self.derive(
            &[
                quote!(::std::fmt::Debug),
                quote!(::std::clone::Clone),
                quote!(::std::cmp::PartialEq),
            ],
            &["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"],
        );
        let idents: Vec<_> = variants.iter().map(|v| ident(&v.ident)).collect();
        let tags: Vec<&str> = variants
            .iter()
            .map(|v| v.tag.as_deref().unwrap_or_default())
            .collect();
        quote! {
            #docs
            #allow
            #derive
            #[non_exhaustive]
            pub enum #name {
                #(#vdefs)*
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(Self::#idents(data) => #runtime::__private::inline_choice::serialize(serializer, #selector, #tags, data),)*
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    const CHOICES: &[&str] = &[#(#tags),*];
                    let (tag, value) = #runtime::__private::inline_choice::split(deserializer, #selector)?;
                    match tag.as_str() {
                        #(#tags => #runtime::__private::inline_choice::finish(value).map(Self::#idents),)*
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
