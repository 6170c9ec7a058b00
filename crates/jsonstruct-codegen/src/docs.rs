//! Markdown docs, one file per type, in the layout of the SDK docs the seeds show: a title,
//! the description, "Example Usage" with a Rust snippet (compiled as a doctest by the
//! generated crate), and a table of fields (or values, choices, members) whose types link to
//! the nested types' pages.

use std::fmt::Write;

use crate::plan::{Field, Item, ItemKind, Plan, RType};
use crate::rust::{doc_lines, types};
use crate::sample::{example, pretty};
use crate::{Error, GeneratedFile, Options};

/// Names a `use` line would shadow in the example snippets; such types are written with their
/// full path instead.
const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Iterator",
    "IntoIterator",
    "Extend",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Fn",
    "FnMut",
    "FnOnce",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "AsRef",
    "AsMut",
    "Debug",
    "Hash",
];

pub(crate) fn generate(plan: &Plan<'_>, options: &Options) -> Result<Vec<GeneratedFile>, Error> {
    generate_only(plan, options, None)
}

/// The pages of the items in `only` (all when `None`).
pub(crate) fn generate_only(
    plan: &Plan<'_>,
    options: &Options,
    only: Option<&std::collections::BTreeSet<usize>>,
) -> Result<Vec<GeneratedFile>, Error> {
    plan.order()
        .into_iter()
        .filter(|i| only.is_none_or(|set| set.contains(i)))
        .map(|i| {
            let item = plan.item(i);
            Ok(GeneratedFile {
                path: format!("{}.md", item.name),
                contents: page(plan, item, options),
            })
        })
        .collect()
}

fn page(plan: &Plan<'_>, item: &Item, options: &Options) -> String {
    let mut out = format!("<!-- {} -->\n# {}\n\n", options.preamble(), item.name);
    if let Some(d) = plan.schema.node(item.node).description.as_deref() {
        let text = doc_lines(d.trim())
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join("\n");
        if !text.is_empty() {
            out.push_str(&text);
            out.push_str("\n\n");
        }
    }
    if let Some(def) = &item.definition {
        let _ = write!(
            out,
            "Defined at `{}` in the schema.\n\n",
            cell(&def.to_ref())
        );
    }
    out.push_str("## Example Usage\n\n```rust\n");
    out.push_str(&snippet(plan, item, options));
    out.push_str("```\n\n");
    body(plan, item, &mut out);
    out
}

/// The path of the type in the example: `Name` after a `use`, or the full path when the name
/// would shadow a prelude name.
fn type_path(item: &Item, options: &Options) -> (String, String) {
    let lib = options.lib_name();
    if PRELUDE.contains(&item.name.as_str()) {
        (String::new(), format!("{lib}::{}", item.name))
    } else {
        (format!("use {lib}::{};\n\n", item.name), item.name.clone())
    }
}

fn snippet(plan: &Plan<'_>, item: &Item, options: &Options) -> String {
    let (import, path) = type_path(item, options);
    let mut s = import;
    if let ItemKind::Enum { values, fallback } = &item.kind {
        if let Some(first) = values.first() {
            let _ = writeln!(
                s,
                "let value: {path} = {:?}.parse().unwrap();\nassert_eq!(value, {path}::{});\nassert_eq!(value.to_string(), {:?});",
                first.wire, first.ident, first.wire
            );
        }
        let mut probe = "some_new_value".to_owned();
        while values.iter().any(|v| v.wire == probe) {
            probe.push('_');
        }
        let json = serde_json::Value::String(probe.clone()).to_string();
        let _ = writeln!(
            s,
            "\n// A value this version does not know is kept as it was:\nlet other: {path} = serde_json::from_str(r#\"{json}\"#).unwrap();\nassert_eq!(other, {path}::{fallback}({probe:?}.to_owned()));\nassert_eq!(serde_json::to_string(&other).unwrap(), r#\"{json}\"#);"
        );
        return s;
    }
    match example(plan.schema, item.node, options.int64) {
        Some(value) => {
            let json = pretty(&value);
            let hashes = raw_hashes(&json);
            let _ = writeln!(
                s,
                "let value: {path} = serde_json::from_str(r{hashes}\"\n{json}\n\"{hashes}).expect(\"a valid {name}\");\n\n// It writes back the same data:\nlet json = serde_json::to_string(&value).unwrap();\nassert_eq!(serde_json::from_str::<{path}>(&json).unwrap(), value);",
                name = item.name,
            );
            if let ItemKind::Struct { fields, .. } = &item.kind {
                let params: Vec<&str> = fields
                    .iter()
                    .filter(|f| f.is_parameter())
                    .map(|f| f.ident.as_str())
                    .collect();
                let args: Vec<String> = params
                    .iter()
                    .map(|f| format!("value.{f}.clone()"))
                    .collect();
                let check = match params.first() {
                    Some(f) => format!("assert_eq!(built.{f}, value.{f});"),
                    None => format!("assert_eq!(built, {path}::new());"),
                };
                let args = if args.len() > 2 {
                    format!("\n    {},\n", args.join(",\n    "))
                } else {
                    args.join(", ")
                };
                let _ = writeln!(
                    s,
                    "\n// In code: `new` takes the required members in schema order; optional members\n// start as `None` and are set afterwards.\nlet built = {path}::new({args});\n{check}"
                );
            }
        }
        None => {
            let _ = writeln!(
                s,
                "fn to_json(value: &{path}) -> String {{\n    serde_json::to_string(value).expect(\"serializes\")\n}}"
            );
        }
    }
    s
}

/// Enough `#`s for a raw string literal holding `text`.
fn raw_hashes(text: &str) -> String {
    let mut n = 1;
    while text.contains(&format!("\"{}", "#".repeat(n))) {
        n += 1;
    }
    "#".repeat(n)
}

fn body(plan: &Plan<'_>, item: &Item, out: &mut String) {
    match &item.kind {
        ItemKind::Struct { fields, additional } => {
            out.push_str("## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
            for f in fields {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    field_cell(f),
                    type_cell(plan, &f.ty),
                    required_cell(f.required),
                    describe(f.description.as_deref(), f.const_value.as_deref()),
                );
            }
            if let Some((field, ty)) = additional {
                let _ = writeln!(
                    out,
                    "| `{field}` (flattened) | {} | {} | Members not declared in the schema, kept as received. |",
                    type_cell(plan, &RType::Map(Box::new(ty.clone()))),
                    required_cell(false),
                );
            }
        }
        ItemKind::Tuple { elements } => {
            out.push_str("A JSON array with one element per position.\n\n## Elements\n\n| Position | Name | Type | Description |\n| --- | --- | --- | --- |\n");
            for (i, e) in elements.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "| {i} | `{}` | {} | {} |",
                    e.name,
                    type_cell(plan, &e.ty),
                    describe(e.description.as_deref(), e.const_value.as_deref()),
                );
            }
        }
        ItemKind::Enum { values, fallback } => {
            out.push_str("A string with one of the values below; other strings are kept in the fallback variant, so values added later read and write back unchanged.\n\n## Values\n\n| Variant | Value |\n| --- | --- |\n");
            for v in values {
                if v.wire.is_empty() {
                    let _ = writeln!(out, "| `{}` | (the empty string) |", v.ident);
                } else {
                    let _ = writeln!(out, "| `{}` | `{}` |", v.ident, cell(&v.wire));
                }
            }
            let _ = writeln!(out, "| `{fallback}(String)` | any other string |");
        }
        ItemKind::Choice {
            variants, selector, ..
        } => {
            match selector {
                Some(s) => {
                    let _ = write!(out, "A JSON object whose `{}` member names the choice; its other members are the chosen type's.\n\n", cell(s));
                }
                None => out.push_str(
                    "A JSON object with exactly one member, named after the choice, holding the chosen type.\n\n",
                ),
            }
            out.push_str("## Choices\n\n| Choice | Variant | Type | Description |\n| --- | --- | --- | --- |\n");
            for v in variants {
                let _ = writeln!(
                    out,
                    "| `{}` | `{}` | {} | {} |",
                    cell(v.tag.as_deref().unwrap_or_default()),
                    v.ident,
                    type_cell(plan, &v.ty),
                    describe(v.description.as_deref(), None),
                );
            }
        }
        ItemKind::Union { variants, nullable } => {
            out.push_str("One of the types below; the first that matches the JSON is taken.");
            if *nullable {
                out.push_str(" `null` reads as `None` where this type is used.");
            }
            out.push_str("\n\n## Members\n\n| Variant | Type |\n| --- | --- |\n");
            for v in variants {
                let _ = writeln!(out, "| `{}` | {} |", v.ident, type_cell(plan, &v.ty));
            }
        }
        ItemKind::Alias { ty } | ItemKind::Newtype { ty } => {
            let _ = writeln!(
                out,
                "## Type\n\n`{}` is {}.",
                item.name,
                type_cell(plan, ty)
            );
        }
        ItemKind::Pending => {}
    }
}

fn field_cell(f: &Field) -> String {
    if crate::names::unraw(&f.ident) == f.wire {
        format!("`{}`", f.ident)
    } else {
        format!("`{}` (JSON `{}`)", f.ident, cell(&f.wire))
    }
}

fn type_cell(plan: &Plan<'_>, ty: &RType) -> String {
    let shown = types::display(plan, ty);
    match types::named(ty) {
        Some(i) => format!("[`{shown}`]({}.md)", plan.item(i).name),
        None => format!("`{shown}`"),
    }
}

fn required_cell(required: bool) -> &'static str {
    if required {
        ":heavy_check_mark:"
    } else {
        ":heavy_minus_sign:"
    }
}

fn describe(description: Option<&str>, const_value: Option<&str>) -> String {
    let mut text = description
        .map(|d| {
            d.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| l.replace('|', "\\|"))
                .collect::<Vec<_>>()
                .join("<br/>")
        })
        .unwrap_or_default();
    if let Some(c) = const_value {
        if !text.is_empty() {
            text.push(' ');
        }
        let _ = write!(text, "Always `{}`.", cell(c));
    }
    if text.is_empty() {
        "N/A".to_owned()
    } else {
        text
    }
}

/// Text safe inside a table cell and a code span.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('`', "'")
        .replace('\n', " ")
}
