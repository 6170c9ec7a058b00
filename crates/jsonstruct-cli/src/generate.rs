//! `jsonstruct generate rust|docs`: a buildable crate (depending on the `jsonstruct-types`
//! runtime, or with its source vendored) or the Markdown docs for any schema, with the
//! generator and the writer that `cargo xtask codegen` uses (files are compared before writing
//! and written atomically; nothing is written when generation fails).

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use jsonstruct::Schema;
use jsonstruct_codegen::write::{self, Mode, Staleness};
use jsonstruct_codegen::{GeneratedFiles, Int64Encoding, Options};

use crate::render::{self, Style};
use crate::schema_arg::{self, SchemaDirs, Show};

#[derive(clap::Subcommand)]
pub enum Target {
    /// Write a Rust crate (types and docs) for a schema; it depends on the jsonstruct-types
    /// runtime, or carries its source with --vendor-runtime.
    Rust(RustArgs),
    /// Write one Markdown page per type of a schema.
    Docs(DocsArgs),
}

#[derive(clap::Args)]
pub struct RustArgs {
    /// The JSON Structure schema.
    #[arg(long)]
    schema: PathBuf,
    /// The crate's directory (created if needed).
    #[arg(long)]
    out: PathBuf,
    /// The package name; defaults to the schema's name in kebab case.
    #[arg(long)]
    crate_name: Option<String>,
    /// How 64-bit integers are written: as strings (the JSON Structure form) or numbers.
    /// Reading always accepts both.
    #[arg(long, value_enum, default_value_t = Int64::String)]
    int64: Int64,
    /// Write the runtime's source into the crate (src/jsonstruct_types/) instead of depending
    /// on the jsonstruct-types crate, so the crate needs only serde and serde_json.
    #[arg(long)]
    vendor_runtime: bool,
}

#[derive(clap::Args)]
pub struct DocsArgs {
    /// The JSON Structure schema.
    #[arg(long)]
    schema: PathBuf,
    /// The directory for the Markdown files (created if needed).
    #[arg(long)]
    out: PathBuf,
    /// The crate the examples import; defaults to the schema's name in kebab case.
    #[arg(long)]
    crate_name: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Int64 {
    String,
    Number,
}

pub fn run(target: Target) -> anyhow::Result<ExitCode> {
    match target {
        Target::Rust(args) => rust(args),
        Target::Docs(args) => docs(args),
    }
}

fn rust(args: RustArgs) -> anyhow::Result<ExitCode> {
    let Some(loaded) = schema_arg::load(
        &args.schema,
        &SchemaDirs::default(),
        Show::All,
        "nothing was generated",
    ) else {
        return Ok(ExitCode::from(2));
    };
    let (schema, bytes) = (&loaded.schema, loaded.set.text(loaded.docs[0]));
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| default_crate_name(schema));
    let mut command = format!(
        "jsonstruct generate rust --schema {} --out {} --crate-name {crate_name}",
        args.schema.display(),
        args.out.display()
    );
    if args.int64 == Int64::Number {
        command.push_str(" --int64 number");
    }
    if args.vendor_runtime {
        command.push_str(" --vendor-runtime");
    }
    let options = Options {
        int64: match args.int64 {
            Int64::String => Int64Encoding::String,
            Int64::Number => Int64Encoding::Number,
        },
        schema_path: args.schema.display().to_string(),
        command,
        schema_digest: Some(jsonstruct_codegen::schema_digest(bytes)),
        schema_path_from_crate: relative_path(&args.out, &args.schema),
        vendor_runtime: args.vendor_runtime,
        runtime_crate_path: (!args.vendor_runtime)
            .then(|| runtime_crate(&args.out))
            .flatten(),
        ..Options::new(crate_name)
    };
    let files = match jsonstruct_codegen::generate_crate(schema, &options) {
        Ok(f) => f,
        Err(e) => return Ok(generation_failed(&args.schema, &e)),
    };
    write_out(&args.out, &files)
}

fn docs(args: DocsArgs) -> anyhow::Result<ExitCode> {
    let Some(loaded) = schema_arg::load(
        &args.schema,
        &SchemaDirs::default(),
        Show::All,
        "nothing was generated",
    ) else {
        return Ok(ExitCode::from(2));
    };
    let schema = &loaded.schema;
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| default_crate_name(schema));
    let options = Options {
        schema_path: args.schema.display().to_string(),
        command: format!(
            "jsonstruct generate docs --schema {} --out {} --crate-name {crate_name}",
            args.schema.display(),
            args.out.display()
        ),
        ..Options::new(crate_name)
    };
    let files = match jsonstruct_codegen::generate_docs(schema, &options) {
        Ok(f) => f,
        Err(e) => return Ok(generation_failed(&args.schema, &e)),
    };
    write_out(&args.out, &files)
}

fn generation_failed(schema: &Path, e: &jsonstruct_codegen::Error) -> ExitCode {
    let style = Style::new(render::use_color(true));
    let at = match e.location() {
        Some(l) if l.line > 0 => format!("{}:{}:{}", schema.display(), l.line, l.column),
        _ => schema.display().to_string(),
    };
    eprintln!(
        "{} {at}: cannot generate: {e}; nothing was written",
        style.error("error:")
    );
    ExitCode::from(2)
}

fn write_out(out: &Path, files: &GeneratedFiles) -> anyhow::Result<ExitCode> {
    let report = write::sync(out, files, Mode::Write)?;
    let deleted = report
        .changes
        .iter()
        .filter(|c| c.why == Staleness::Obsolete)
        .count();
    let written = report.changes.len() - deleted;
    eprintln!(
        "{}: {written} file(s) written, {deleted} deleted, {} unchanged",
        out.display(),
        files.files.len() - written
    );
    Ok(ExitCode::SUCCESS)
}

/// The schema's `name` in kebab case (`SessionActivity` -> `session-activity`).
fn default_crate_name(schema: &Schema) -> String {
    let words: Vec<String> = jsonstruct_codegen::names::words(schema.name().unwrap_or_default())
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    if words.is_empty() {
        "schema-types".to_owned()
    } else {
        words.join("-")
    }
}

/// Inside a jsonstruct checkout (an ancestor of `out` has `crates/jsonstruct-types`), the
/// runtime crate's path relative to `out`, for a path dependency; elsewhere `None`, and the
/// crate depends on the runtime by version only.
fn runtime_crate(out: &Path) -> Option<String> {
    let out_abs = std::path::absolute(out).ok()?;
    let cleaned: PathBuf = clean(&out_abs).iter().collect();
    cleaned.ancestors().find_map(|dir| {
        let runtime = dir.join("crates/jsonstruct-types");
        runtime
            .join("Cargo.toml")
            .is_file()
            .then(|| relative_path(out, &runtime))
            .flatten()
    })
}

/// The components of an absolute path with `.` and `..` resolved lexically.
fn clean(p: &Path) -> Vec<Component<'_>> {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `to` relative to the directory `from` (both made absolute lexically), with `/` separators,
/// for the generated `build.rs`; `None` when there is no relative path (other drive).
fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from = std::path::absolute(from).ok()?;
    let to = std::path::absolute(to.canonicalize().ok()?).ok()?;
    let (from, to) = (clean(&from), clean(&to));
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    for c in &to[common..] {
        parts.push(c.as_os_str().to_str()?.to_owned());
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_crate_is_found_from_inside_the_checkout_only() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert_eq!(
            runtime_crate(&workspace.join("generated/new-crate")).as_deref(),
            Some("../../crates/jsonstruct-types")
        );
        let outside = std::env::temp_dir().join(format!("no-checkout-{}", std::process::id()));
        assert_eq!(runtime_crate(&outside), None);
    }

    #[test]
    fn relative_paths() {
        let dir = std::env::temp_dir();
        let schema = dir.join(format!("rel-{}.json", std::process::id()));
        std::fs::write(&schema, "{}").unwrap();
        let name = schema.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            relative_path(&dir.join("a/b"), &schema).as_deref(),
            Some(format!("../../{name}").as_str())
        );
        assert_eq!(relative_path(&dir, &schema).as_deref(), Some(name));
        std::fs::remove_file(&schema).unwrap();
    }
}
