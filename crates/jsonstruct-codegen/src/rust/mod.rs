//! The Rust code: a schema's types as a module (for `include!` from a build script, or as a
//! crate's `src/types.rs`), and the other files of a generated crate (`Cargo.toml`,
//! `build.rs`, `src/lib.rs`). Code goes through `syn` and `prettyplease`, so formatting never
//! depends on the machine.

mod items;
pub(crate) mod types;

use jsonstruct::Schema;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) use items::doc_lines;
use items::Emitter;

use crate::plan::Plan;
use crate::{Error, GeneratedFile, Int64Encoding, Options};

/// The runtime path generated code uses by default.
pub(crate) const RUNTIME: &str = "::jsonstruct_types";

/// How generated code is spelled: where the runtime is, how 64-bit integers are written, and
/// which traits every type derives besides the usual ones.
#[derive(Clone)]
pub(crate) struct Code {
    pub runtime: syn::Path,
    pub int64: Int64Encoding,
    pub derives: Vec<syn::Path>,
}

impl Code {
    pub(crate) fn new(
        runtime: &str,
        int64: Int64Encoding,
        derives: &[String],
    ) -> Result<Code, Error> {
        Ok(Code {
            runtime: parse_path(runtime, "runtime path")?,
            int64,
            derives: derives
                .iter()
                .map(|d| parse_path(d, "derive"))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The runtime path as text (`::jsonstruct_types`), for serde's `with = "..."`.
    pub(crate) fn runtime_text(&self) -> String {
        path_text(&self.runtime)
    }
}

/// A Rust path without generic arguments (`Hash`, `::serde::Serialize`, `crate::rt`).
pub(crate) fn parse_path(text: &str, what: &str) -> Result<syn::Path, Error> {
    let invalid = || Error::option(format!("{what} {text:?} is not a Rust path"));
    let path: syn::Path = syn::parse_str(text.trim()).map_err(|_| invalid())?;
    if path
        .segments
        .iter()
        .any(|s| !matches!(s.arguments, syn::PathArguments::None))
    {
        return Err(invalid());
    }
    Ok(path)
}

/// `::a::b` without the spaces `TokenStream::to_string` puts in.
fn path_text(path: &syn::Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let lead = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{lead}{}", segments.join("::"))
}

/// Formats tokens as a file, behind the one-line preamble.
fn format(tokens: TokenStream, preamble: &str) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::internal(format!("generated code does not parse: {e}")))?;
    Ok(format!(
        "// {preamble}\n{}",
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

/// Every type of the schema, in emission order.
fn items(plan: &Plan<'_>, code: &Code) -> TokenStream {
    let emitter = Emitter::new(plan, code);
    let items = plan.order().into_iter().map(|i| emitter.item(plan.item(i)));
    quote!(#(#items)*)
}

/// The one-line description of a schema's types.
fn describe(plan: &Plan<'_>) -> String {
    format!(
        "The types of the `{}` schema (`{}`).",
        plan.schema.name().unwrap_or("unnamed"),
        plan.schema.id()
    )
}

/// A module file for `include!`: the preamble, a line saying what it holds, and the items.
/// `include!` accepts no inner attributes or inner docs, so the file has none, and its paths
/// never start with `crate::` (unless the runtime path does), so it works in any module.
pub(crate) fn module_rs(plan: &Plan<'_>, code: &Code, preamble: &str) -> Result<String, Error> {
    let text = format(items(plan, code), preamble)?;
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    Ok(format!(
        "{first}\n// {} Include it with `include!`.\n{rest}",
        describe(plan)
    ))
}

/// `src/types.rs` of a generated crate: the module's items under a header doc.
pub(crate) fn types_rs(plan: &Plan<'_>, code: &Code, options: &Options) -> Result<String, Error> {
    let header = format!(" {}", describe(plan));
    let body = items(plan, code);
    format(quote!(#![doc = #header] #body), &options.preamble())
}

/// `src/lib.rs`: crate docs, the modules, the schema digest, and the Markdown docs included
/// for `cargo test --doc`, which compiles their examples.
pub(crate) fn lib_rs(
    plan: &Plan<'_>,
    options: &Options,
    docs: &[GeneratedFile],
) -> Result<String, Error> {
    let schema = plan.schema;
    let mut lines = vec![format!(" # {}", options.crate_name), String::new()];
    let documents: Vec<_> = schema
        .sources()
        .iter()
        .filter(|s| !s.is_imported())
        .collect();
    if documents.len() > 1 {
        // A crate of several documents: each with its root type.
        lines.push(" Rust types for the JSON Structure schemas".to_owned());
        lines.push(String::new());
        for d in &documents {
            let root = d
                .root()
                .and_then(|r| plan.item_of(r))
                .map_or_else(String::new, |i| format!(": [`{}`]", plan.item(i).name));
            lines.push(format!(" - `{}`{root}", d.id()));
        }
    } else {
        lines.push(format!(
            " Rust types for the JSON Structure schema `{}` (`{}`).",
            schema.name().unwrap_or("unnamed"),
            schema.id()
        ));
        if let Some(d) = schema.description() {
            lines.push(String::new());
            lines.extend(doc_lines(d.trim()));
        }
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
            "- `decimal`, `date`, `time`, `datetime`, `duration`, `uuid`, `uri`, `binary` and `jsonpointer` values keep their exact text in checked types from the runtime, [`jsonstruct_types`].".to_owned(),
            "- Unknown members are ignored, except in objects that allow additional properties, which keep them.".to_owned(),
            String::new(),
            "## Compatibility".to_owned(),
            String::new(),
            "Structs and enums are `#[non_exhaustive]`: build a struct with its `new` function (the required members, in schema order; optional members start as `None`) and set optional fields afterwards, and give every `match` on an enum a `_` arm. So adding an optional member or an enum value (or a choice, or a union member) to the schema is a minor release of this crate; adding a required member, or removing or renaming anything, is a major one.".to_owned(),
        ]
        .into_iter()
        .map(|l| if l.is_empty() { l } else { format!(" {l}") }),
    );
    let digest = (!options.schema_files.is_empty()).then(|| {
        let entries = options.schema_files.iter().map(|f| {
            let (path, digest) = (&f.path_from_crate, &f.digest);
            quote!((#path, #digest))
        });
        quote! {
            /// The schema files this crate was generated from (relative to the crate's
            /// directory), each with the SHA-256 of its bytes (line endings normalised to `\n`).
            pub const SCHEMA_DIGESTS: &[(&str, &str)] = &[#(#entries),*];
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
    let runtime = if options.vendor_runtime {
        quote! {
            /// The `jsonstruct-types` runtime, vendored: the text types (`Date`, `Decimal`, ...),
            /// `Set`, and the format checks the `jsonstruct` validator uses.
            pub mod jsonstruct_types;
        }
    } else {
        quote! {
            /// The runtime these types use: the text types (`Date`, `Decimal`, ...), `Set`,
            /// and the format checks the `jsonstruct` validator uses.
            pub use ::jsonstruct_types;
        }
    };
    let tokens = quote! {
        #(#![doc = #lines])*

        #runtime
        mod types;

        #reexport

        #digest

        /// The Markdown docs, compiled as doctests so their examples stay correct.
        #[cfg(doctest)]
        mod docs {
            #(#doc_items)*
        }
    };
    format(tokens, &options.preamble())
}

/// `Cargo.toml`: a package of its own, not a workspace member by itself. It depends on the
/// runtime by version (and, inside this workspace, by path), or needs only serde when the
/// runtime is vendored.
pub(crate) fn cargo_toml(schema: &Schema, options: &Options) -> String {
    let names: Vec<&str> = schema
        .sources()
        .iter()
        .filter(|s| !s.is_imported())
        .filter_map(|s| s.root().and_then(|r| schema.node(r).definition.as_ref()))
        .map(|d| d.name())
        .collect();
    let description = match names.as_slice() {
        [_, _, ..] => format!(
            "Rust types for the {} JSON Structure schemas (generated)",
            names.join(", ")
        ),
        _ => format!(
            "Rust types for the {} JSON Structure schema (generated)",
            schema.name().unwrap_or("unnamed")
        ),
    };
    let runtime = match (&options.vendor_runtime, &options.runtime_crate_path) {
        (true, _) => String::new(),
        (false, None) => format!("jsonstruct-types = \"{RUNTIME_VERSION}\"\n"),
        (false, Some(path)) => {
            format!("jsonstruct-types = {{ version = \"{RUNTIME_VERSION}\", path = {path:?} }}\n")
        }
    };
    format!(
        "# {preamble}\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"{version}\"\n\
         edition = \"2021\"\n\
         rust-version = \"1.85\"\n\
         description = {description:?}\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         {runtime}\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\
         \n\
         [build-dependencies]\n\
         sha2 = \"0.10\"\n",
        preamble = options.preamble(),
        name = options.crate_name,
        version = options.crate_version,
    )
}

/// `build.rs`: fails the build when the schema file is present and its digest differs from
/// the one the crate was generated from; builds normally when the file is absent (vendored).
pub(crate) fn build_rs(options: &Options) -> Result<String, Error> {
    if options.schema_files.is_empty() {
        return Err(Error::internal(
            "build.rs needs the schema files and their digests",
        ));
    }
    let entries = options.schema_files.iter().map(|f| {
        let (path, digest) = (&f.path_from_crate, &f.digest);
        quote!((#path, #digest))
    });
    let fix = &options.command;
    let sha: syn::File = syn::parse_str(include_str!("../sha256.rs"))
        .map_err(|e| Error::internal(format!("sha256.rs does not parse: {e}")))?;
    let sha_items = sha.items;
    let tokens = quote! {
        //! Fails the build when a schema this crate was generated from has changed since.

        /// The schema files, relative to this crate's directory, with the digests the crate
        /// was generated from.
        const SCHEMAS: &[(&str, &str)] = &[#(#entries),*];
        /// The command that regenerates this crate.
        const FIX: &str = #fix;

        fn main() {
            println!("cargo:rerun-if-changed=build.rs");
            let dir = ::std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
            let mut stale = false;
            for (schema, generated_from) in SCHEMAS {
                let path = ::std::path::Path::new(&dir).join(schema);
                // Outside the workspace (vendored) the file is absent: nothing to compare with.
                if let ::std::result::Result::Ok(bytes) = ::std::fs::read(&path) {
                    println!("cargo:rerun-if-changed={}", path.display());
                    let digest = schema_digest(&bytes);
                    if digest != *generated_from {
                        eprintln!(
                            "error: {} has changed since this crate was generated from it (schema digest {digest}, generated from {generated_from}).",
                            path.display()
                        );
                        stale = true;
                    }
                }
            }
            if stale {
                eprintln!("Run `{FIX}` to regenerate the crate.");
                ::std::process::exit(1);
            }
        }

        #(#sha_items)*
    };
    format(tokens, &options.preamble())
}

/// The `jsonstruct-types` version generated crates depend on: the generator and the runtime
/// are released together from this workspace (`version.workspace = true` in both).
const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The runtime's source under `src/jsonstruct_types/`, for a crate with `vendor_runtime`:
/// `jsonstruct_types::module_source`, each file behind the preamble (so the writer knows it
/// as generated and drift checks cover it).
pub(crate) fn vendored_runtime(options: &Options) -> Vec<(String, String)> {
    jsonstruct_types::module_source()
        .map(|(path, text)| {
            let header = if path == "mod.rs" {
                "//! The `jsonstruct-types` runtime, vendored by `--vendor-runtime`: the same source\n\
                 //! as the crate, so this crate needs only `serde` and `serde_json`.\n\n"
            } else {
                ""
            };
            (
                format!("src/jsonstruct_types/{path}"),
                format!("// {}\n{header}{}\n", options.preamble(), text.trim_end()),
            )
        })
        .collect()
}
