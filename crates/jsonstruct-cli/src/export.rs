//! `jsonstruct export json-schema --schema S [--strict]`: the schema as a JSON Schema 2020-12
//! document, pretty-printed on stdout. Diagnostics of the schema go to stderr, located like
//! `jsonstruct check` shows them; a schema that cannot be loaded exits 2 and prints nothing on
//! stdout.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use jsonstruct::export::{self, ExportOptions};

use crate::schema_arg::{self, SchemaDirs, Show};

#[derive(clap::Subcommand)]
pub enum Target {
    /// Print a JSON Schema 2020-12 document with the same constraints, wherever JSON Schema can
    /// express them (what it cannot is noted in `$comment`s).
    JsonSchema(JsonSchemaArgs),
}

#[derive(clap::Args)]
pub struct JsonSchemaArgs {
    /// The JSON Structure schema to export.
    #[arg(long)]
    schema: PathBuf,
    #[command(flatten)]
    dirs: SchemaDirs,
    /// Export this definition (`Namespace/Name`) as the top level instead of the root type.
    #[arg(long = "type", value_name = "NAMESPACE/NAME")]
    ty: Option<String>,
    /// Export int64/uint64 in the spec's string form only even where the nearest
    /// jsonstruct.toml accepts JSON numbers (strings only is also the default without one).
    #[arg(long, conflicts_with = "int64_numbers")]
    strict: bool,
    /// Accept int64/uint64 as JSON numbers too (like `validate --int64-numbers`).
    #[arg(long)]
    int64_numbers: bool,
}

pub fn run(target: Target) -> anyhow::Result<ExitCode> {
    match target {
        Target::JsonSchema(args) => json_schema(&args),
    }
}

fn json_schema(args: &JsonSchemaArgs) -> anyhow::Result<ExitCode> {
    let Some(loaded) =
        schema_arg::load(&args.schema, &args.dirs, Show::All, "nothing was exported")
    else {
        return Ok(ExitCode::from(2));
    };
    let schema = &loaded.schema;
    let numbers = !args.strict && (args.int64_numbers || loaded.config.int64_numbers());
    let options = ExportOptions::default().int64_numbers(numbers);
    let out = match &args.ty {
        Some(name) => {
            let Some(ty) = schema_arg::target(schema, Some(name), "nothing was exported") else {
                return Ok(ExitCode::from(2));
            };
            export::json_schema_for(schema, ty, &options)
        }
        None => export::json_schema(schema, &options),
    };
    let mut text = serde_json::to_string_pretty(&out)?;
    text.push('\n');
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(ExitCode::SUCCESS)
}
