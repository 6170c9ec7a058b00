//! `jsonstruct generate rust|docs`: a buildable crate (depending on the `jsonstruct-types`
//! runtime, or with its source vendored) or the Markdown docs for any schema, with the
//! generator and the writer that `cargo xtask codegen` uses (files are compared before writing
//! and written atomically; nothing is written when generation fails).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jsonstruct::config::Config;
use jsonstruct_codegen::write::{self, Mode, Staleness};
use jsonstruct_codegen::{GeneratedFiles, Int64Encoding, Options, SchemaFile};

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
    /// A JSON Structure schema; repeat it for a crate of several documents (a definition
    /// they share through imports becomes one type).
    #[arg(long = "schema", value_name = "SCHEMA", required = true)]
    schemas: Vec<PathBuf>,
    #[command(flatten)]
    dirs: SchemaDirs,
    /// The crate's directory (created if needed).
    #[arg(long)]
    out: PathBuf,
    /// The package name; defaults to the schema's name in kebab case.
    #[arg(long)]
    crate_name: Option<String>,
    /// How 64-bit integers are written: as strings (the JSON Structure form) or numbers;
    /// reading always accepts both [default: number when the nearest jsonstruct.toml says
    /// `int64-numbers = true`, else string].
    #[arg(long, value_enum)]
    int64: Option<Int64>,
    /// Write the runtime's source into the crate (src/jsonstruct_types/) instead of depending
    /// on the jsonstruct-types crate, so the crate needs only serde and serde_json.
    #[arg(long)]
    vendor_runtime: bool,
}

#[derive(clap::Args)]
pub struct DocsArgs {
    /// A JSON Structure schema; repeat it for the docs of several documents.
    #[arg(long = "schema", value_name = "SCHEMA", required = true)]
    schemas: Vec<PathBuf>,
    #[command(flatten)]
    dirs: SchemaDirs,
    /// Only this definition (`Namespace/Name`) and the types it uses.
    #[arg(long = "type", value_name = "NAMESPACE/NAME")]
    ty: Option<String>,
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
    let Some(loaded) = schema_arg::load_all(
        &args.schemas,
        &args.dirs,
        Show::All,
        "nothing was generated",
    ) else {
        return Ok(ExitCode::from(2));
    };
    let schema = &loaded.schema;
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| jsonstruct_codegen::default_crate_name(schema));
    let mut command = format!(
        "jsonstruct generate rust {} --out {} --crate-name {crate_name}",
        schema_flags(&args.schemas, &args.dirs),
        args.out.display()
    );
    let int64 = match args.int64 {
        Some(explicit) => explicit,
        None => match Config::discover(&args.schemas[0]) {
            Ok(Some((_, c))) if c.int64_numbers() => Int64::Number,
            Ok(_) => Int64::String,
            Err(e) => {
                eprintln!(
                    "{} {e}",
                    Style::new(render::use_color(true)).error("error:")
                );
                return Ok(ExitCode::from(2));
            }
        },
    };
    if args.int64 == Some(Int64::Number) {
        command.push_str(" --int64 number");
    } else if args.int64 == Some(Int64::String) {
        command.push_str(" --int64 string");
    }
    if args.vendor_runtime {
        command.push_str(" --vendor-runtime");
    }
    let mut options = Options::new(crate_name)
        .int64(match int64 {
            Int64::String => Int64Encoding::String,
            Int64::Number => Int64Encoding::Number,
        })
        .schema_path(shown(&args.schemas))
        .command(command)
        .schema_files(
            args.schemas
                .iter()
                .zip(&loaded.docs)
                .filter_map(|(path, doc)| SchemaFile::new(path, loaded.set.text(*doc), &args.out)),
        )
        .vendor_runtime(args.vendor_runtime);
    if let Some(path) = (!args.vendor_runtime)
        .then(|| runtime_crate(&args.out))
        .flatten()
    {
        options = options.runtime_crate_path(path);
    }
    let files = match jsonstruct_codegen::generate_crate(schema, &options) {
        Ok(f) => f,
        Err(e) => return Ok(generation_failed(&args.schemas[0], &e)),
    };
    write_out(&args.out, &files)
}

fn docs(args: DocsArgs) -> anyhow::Result<ExitCode> {
    let Some(loaded) = schema_arg::load_all(
        &args.schemas,
        &args.dirs,
        Show::All,
        "nothing was generated",
    ) else {
        return Ok(ExitCode::from(2));
    };
    let schema = &loaded.schema;
    let target = match &args.ty {
        Some(name) => match schema_arg::target(schema, Some(name), "nothing was generated") {
            Some(t) => Some(t),
            None => return Ok(ExitCode::from(2)),
        },
        None => None,
    };
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| jsonstruct_codegen::default_crate_name(schema));
    let type_flag = args
        .ty
        .as_ref()
        .map_or_else(String::new, |t| format!(" --type {t}"));
    let command = format!(
        "jsonstruct generate docs {}{type_flag} --out {} --crate-name {crate_name}",
        schema_flags(&args.schemas, &args.dirs),
        args.out.display()
    );
    let options = Options::new(crate_name)
        .schema_path(shown(&args.schemas))
        .command(command);
    let generated = match target {
        Some(ty) => jsonstruct_codegen::generate_docs_for(schema, ty, &options),
        None => jsonstruct_codegen::generate_docs(schema, &options),
    };
    let files = match generated {
        Ok(f) => f,
        Err(e) => return Ok(generation_failed(&args.schemas[0], &e)),
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

/// The schemas as the first line of generated files names them.
fn shown(schemas: &[PathBuf]) -> String {
    let names: Vec<String> = schemas.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

/// `--schema A --schema B --schema-dir D`, for the command named in generated files.
fn schema_flags(schemas: &[PathBuf], dirs: &SchemaDirs) -> String {
    let mut flags: Vec<String> = schemas
        .iter()
        .map(|p| format!("--schema {}", p.display()))
        .collect();
    flags.extend(
        dirs.dirs
            .iter()
            .map(|d| format!("--schema-dir {}", d.display())),
    );
    flags.join(" ")
}

/// Inside a jsonstruct checkout (an ancestor of `out` has `crates/jsonstruct-types`), the
/// runtime crate's path relative to `out`, for a path dependency; elsewhere `None`, and the
/// crate depends on the runtime by version only.
fn runtime_crate(out: &Path) -> Option<String> {
    let out_abs = std::path::absolute(out).ok()?;
    let cleaned = write::lexically_absolute(&out_abs)?;
    cleaned.ancestors().find_map(|dir| {
        let runtime = dir.join("crates/jsonstruct-types");
        runtime
            .join("Cargo.toml")
            .is_file()
            .then(|| write::relative_path(out, &runtime))
            .flatten()
    })
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
}
