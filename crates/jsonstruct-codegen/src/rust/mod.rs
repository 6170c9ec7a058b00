//! The Rust files of a generated crate: `Cargo.toml`, `build.rs`, `src/lib.rs` and
//! `src/types.rs`. Code goes through `syn` and `prettyplease`, so formatting never depends on
//! the machine.

mod items;
pub(crate) mod types;

use jsonstruct::Schema;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) use items::doc_lines;
use items::Emitter;

use crate::plan::Plan;
use crate::{Error, GeneratedFile, Int64Encoding, Options};

/// Formats tokens as a file, behind the one-line preamble.
fn format(tokens: TokenStream, options: &Options) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::internal(format!("generated code does not parse: {e}")))?;
    Ok(format!(
        "// {}\n{}",
        options.preamble(),
        space_items(&prettyplease::unparse(&file))
    ))
}

/// Puts a blank line between items (prettyplease prints them back to back): before a line
/// that starts an item when the line before closes one, at the same indentation.
fn space_items(text: &str) -> String {
    const STARTS: &[&str] = &[
        "///", "#[", "pub ", "fn ", "impl", "const ", "type ", "mod ", "struct ", "enum ",
    ];
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev: Option<&str> = None;
    for line in text.lines() {
        if let Some(p) = prev {
            let indent = |l: &str| l.len() - l.trim_start().len();
            let t = line.trim_start();
            let pt = p.trim_start();
            let starts_item = STARTS.iter().any(|s| t.starts_with(s));
            let closes_item = pt == "}" || (pt.ends_with(';') && indent(p) == 0);
            let both_modules = ["mod ", "pub mod ", "use ", "pub use "]
                .iter()
                .any(|m| t.starts_with(m))
                && ["mod ", "pub mod ", "use ", "pub use "]
                    .iter()
                    .any(|m| pt.starts_with(m));
            if starts_item && closes_item && indent(p) == indent(line) && !both_modules {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

/// `src/types.rs`: every type of the schema.
pub(crate) fn types_rs(plan: &Plan<'_>, options: &Options) -> Result<String, Error> {
    let emitter = Emitter::new(plan, options.int64);
    let items = plan.order().into_iter().map(|i| emitter.item(plan.item(i)));
    let header = format!(
        " The types of the `{}` schema (`{}`).",
        plan.schema.name().unwrap_or("unnamed"),
        plan.schema.id()
    );
    let tokens = quote! {
        #![doc = #header]
        #![allow(
            clippy::large_enum_variant,
            clippy::enum_variant_names,
            clippy::type_complexity,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::too_long_first_doc_paragraph
        )]
        #(#items)*
    };
    let text = format(tokens, options)?;
    // Comments are not tokens, so the reason for the lint exceptions is added to the text.
    Ok(text.replacen("#![allow(", ALLOW_REASON, 1))
}

const ALLOW_REASON: &str = "\
// The types mirror the schema, so these lints would only ask to restructure the schema: large
// variants are the schema's own option types, variant names come from its choice and enum
// names, nesting depth comes from its structure, and doc comments are its descriptions.
#![allow(";

/// `src/lib.rs`: crate docs, the modules, the schema digest, and the Markdown docs included
/// for `cargo test --doc`, which compiles their examples.
pub(crate) fn lib_rs(
    plan: &Plan<'_>,
    options: &Options,
    docs: &[GeneratedFile],
) -> Result<String, Error> {
    let schema = plan.schema;
    let mut lines = vec![format!(" # {}", options.crate_name), String::new()];
    lines.push(format!(
        " Rust types for the JSON Structure schema `{}` (`{}`).",
        schema.name().unwrap_or("unnamed"),
        schema.id()
    ));
    if let Some(d) = schema.description() {
        lines.push(String::new());
        lines.extend(doc_lines(d.trim()));
    }
    lines.push(String::new());
    if let Some(root) = plan.root {
        lines.push(format!(
            " The root type is [`{}`]; every type has a Markdown page under `docs/`.",
            plan.item(root).name
        ));
        lines.push(String::new());
    }
    let int64 = match options.int64 {
        Int64Encoding::String => "as strings (the JSON Structure form)",
        Int64Encoding::Number => "as JSON numbers",
    };
    lines.extend(
        [
            "## Wire format".to_owned(),
            String::new(),
            "- Members keep their exact JSON names; fields are `snake_case`.".to_owned(),
            "- An optional or nullable member is an `Option`: absent and `null` both read as `None`. Writing omits `None` for an optional member and writes `null` for a required nullable one.".to_owned(),
            "- String enums keep values this version does not know in a fallback variant, so a new value reads and writes back unchanged.".to_owned(),
            format!("- 64-bit integers read from JSON numbers and from decimal strings and are written {int64}; 128-bit integers are written as strings. Integers never pass through a float."),
            "- `decimal`, `date`, `time`, `datetime`, `duration`, `uuid`, `uri`, `binary` and `jsonpointer` values keep their exact text in checked types from [`support`].".to_owned(),
            "- Unknown members are ignored, except in objects that allow additional properties, which keep them.".to_owned(),
        ]
        .into_iter()
        .map(|l| if l.is_empty() { l } else { format!(" {l}") }),
    );
    let digest = options.schema_digest.as_ref().map(|d| {
        quote! {
            /// SHA-256 of the schema file this crate was generated from (line endings
            /// normalised to `\n`).
            pub const SCHEMA_DIGEST: &str = #d;
        }
    });
    let doc_items = docs.iter().map(|d| {
        let stem = d.path.trim_end_matches(".md");
        let name = types::ident(stem);
        let path = format!("../docs/{}", d.path);
        quote! {
            #[doc = include_str!(#path)]
            pub struct #name;
        }
    });
    let reexport = (!plan.items.is_empty()).then(|| {
        quote!(
            pub use types::*;
        )
    });
    let tokens = quote! {
        #(#![doc = #lines])*

        /// The validator's format checks, embedded verbatim so the types accept exactly the
        /// strings the validator accepts; not all of them are used here.
        #[allow(dead_code)]
        mod formats;
        pub mod support;
        mod types;

        #reexport

        #digest

        /// The Markdown docs, compiled as doctests so their examples stay correct.
        #[cfg(doctest)]
        mod docs {
            #(#doc_items)*
        }
    };
    format(tokens, options)
}

/// `Cargo.toml`: a standalone package (it builds vendored, outside any workspace).
pub(crate) fn cargo_toml(schema: &Schema, options: &Options) -> String {
    let description = format!(
        "Rust types for the {} JSON Structure schema (generated)",
        schema.name().unwrap_or("unnamed")
    );
    format!(
        "# {preamble}\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         rust-version = \"1.85\"\n\
         description = {description:?}\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\
         \n\
         [build-dependencies]\n\
         sha2 = \"0.10\"\n",
        preamble = options.preamble(),
        name = options.crate_name,
    )
}

/// `build.rs`: fails the build when the schema file is present and its digest differs from
/// the one the crate was generated from; builds normally when the file is absent (vendored).
pub(crate) fn build_rs(options: &Options) -> Result<String, Error> {
    let (Some(digest), Some(path)) = (&options.schema_digest, &options.schema_path_from_crate)
    else {
        return Err(Error::internal("build.rs needs the schema digest and path"));
    };
    let fix = &options.command;
    let sha: syn::File = syn::parse_str(include_str!("../sha256.rs"))
        .map_err(|e| Error::internal(format!("sha256.rs does not parse: {e}")))?;
    let sha_items = sha.items;
    let tokens = quote! {
        //! Fails the build when the schema this crate was generated from has changed since.

        /// The schema file, relative to this crate's directory.
        const SCHEMA: &str = #path;
        /// The digest of the schema this crate was generated from.
        const DIGEST: &str = #digest;
        /// The command that regenerates this crate.
        const FIX: &str = #fix;

        fn main() {
            let dir = ::std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
            let path = ::std::path::Path::new(&dir).join(SCHEMA);
            match ::std::fs::read(&path) {
                ::std::result::Result::Ok(bytes) => {
                    println!("cargo:rerun-if-changed={}", path.display());
                    let digest = schema_digest(&bytes);
                    if digest != DIGEST {
                        eprintln!(
                            "error: {} has changed since this crate was generated from it (schema digest {digest}, generated from {DIGEST}).",
                            path.display()
                        );
                        eprintln!("Run `{FIX}` to regenerate the crate.");
                        ::std::process::exit(1);
                    }
                }
                // Outside the workspace (vendored): nothing to compare with.
                ::std::result::Result::Err(_) => println!("cargo:rerun-if-changed=build.rs"),
            }
        }

        #(#sha_items)*
    };
    format(tokens, options)
}
