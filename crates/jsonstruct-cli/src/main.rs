//! `jsonstruct`: check JSON Structure schemas, validate payloads against them, generate Rust
//! types and docs, and convert from and to other schema formats.
//!
//! Exit codes are part of the contract scripts rely on: 0 success, 1 invalid input (a schema
//! that fails `check`, an instance that fails `validate`, a schema change that violates the
//! `diff` policy), 2 usage, I/O or schema errors.

mod check;
mod diff;
mod export;
mod generate;
mod import;
mod render;
mod schema_arg;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "jsonstruct",
    version,
    about = "JSON Structure schemas: check, validate, generate"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check schema documents; exit 0 when all are valid (warnings allowed), 1 when any is invalid.
    Check {
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        #[arg(required = true)]
        schemas: Vec<PathBuf>,
    },
    /// Validate JSON instances; exit 0 when all are valid, 1 when any is invalid.
    Validate(validate::Args),
    /// Generate a Rust crate or Markdown docs from a schema.
    #[command(subcommand)]
    Generate(generate::Target),
    /// Convert another schema format into JSON Structure (printed on stdout).
    #[command(subcommand)]
    Import(import::Source),
    /// Convert a JSON Structure schema into another format (printed on stdout).
    #[command(subcommand)]
    Export(export::Target),
    /// Compare two schemas: each change, whom it breaks, the semver bump of the generated
    /// crate; exit 1 when a change violates the compatibility policy.
    Diff(diff::Args),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { format, schemas } => check::run(&schemas, format == CheckFormat::Json),
        Command::Validate(args) => validate::run(args),
        Command::Generate(target) => generate::run(target),
        Command::Import(source) => import::run(source),
        Command::Export(target) => export::run(target),
        Command::Diff(args) => diff::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
