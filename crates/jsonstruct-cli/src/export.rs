//! `jsonstruct export json-schema --schema S [--strict]`: the schema as a JSON Schema 2020-12
//! document, pretty-printed on stdout. Diagnostics of the schema go to stderr, located like
//! `jsonstruct check` shows them; a schema that cannot be loaded exits 2 and prints nothing on
//! stdout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jsonstruct::export::{self, ExportOptions};
use jsonstruct::location::LineIndex;
use jsonstruct::Schema;

use crate::render::{self, Finding, Style};

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
    /// Export int64/uint64 in the spec's string form only (like `validate --strict`); by
    /// default a JSON number is accepted too.
    #[arg(long)]
    strict: bool,
}

pub fn run(target: Target) -> anyhow::Result<ExitCode> {
    match target {
        Target::JsonSchema(args) => json_schema(&args),
    }
}

fn json_schema(args: &JsonSchemaArgs) -> anyhow::Result<ExitCode> {
    let Some(schema) = load(&args.schema) else {
        return Ok(ExitCode::from(2));
    };
    let options = ExportOptions {
        strict_64: args.strict,
    };
    let out = export::json_schema(&schema, &options);
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

/// Reads and checks the schema; prints its diagnostics (errors and warnings) on stderr and
/// returns `None` when it cannot be exported.
fn load(path: &Path) -> Option<Schema> {
    let shown = path.display().to_string();
    let style = Style::new(render::use_color(true));
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{} cannot read {shown}: {e}", style.error("error:"));
            return None;
        }
    };
    let report = Schema::check(&bytes);
    let index = LineIndex::new(&bytes);
    for d in &report.diagnostics {
        let f = Finding {
            warning: !d.is_error(),
            code: d.code.as_str(),
            message: &d.message,
            file: &shown,
            line: d.line,
            column: d.column,
            pointer: &d.pointer,
        };
        eprint!("{}", render::finding(&style, &f, &bytes, &index));
    }
    if report.schema.is_none() {
        eprintln!(
            "{} {shown} is not a valid JSON Structure schema ({} error(s)); nothing was exported",
            style.error("error:"),
            report.errors().count()
        );
    }
    report.schema
}
