//! `jsonstruct`: check JSON Structure schemas, validate payloads against them, generate Rust
//! types and docs, and convert from and to other schema formats.
//!
//! Exit codes are part of the contract scripts rely on: 0 success, 1 invalid input (a schema
//! that fails `check`, an instance that fails `validate`, a schema change that violates the
//! `diff` policy), 2 usage, I/O or schema errors.
//!
//! The command line is a library so that its clap definitions serve three ends: the binary
//! ([`run`]), shell completions and man pages (`jsonstruct completions`, `jsonstruct man`),
//! and the man pages the xtask keeps under `generated/man` ([`man_pages`]).

mod check;
mod diff;
mod export;
mod feed;
mod generate;
mod import;
mod manual;
mod render;
mod schema_arg;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

pub use manual::{man_page, man_pages};

#[derive(Parser)]
#[command(
    name = "jsonstruct",
    version,
    about = "JSON Structure schemas: check, validate, generate",
    long_about = "JSON Structure schemas: check them, validate JSON payloads against them, \
                  generate Rust types and Markdown docs from them, and convert from and to \
                  other schema formats.\n\n\
                  Exit codes: 0 success (warnings allowed); 1 invalid input (a schema that \
                  fails `check`, an instance that fails `validate`); 2 usage errors, unreadable \
                  files, and schemas that fail to load for `validate`, `generate` and `export`."
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
        #[command(flatten)]
        dirs: schema_arg::SchemaDirs,
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
    /// Print a shell completion script on stdout.
    ///
    /// For example `jsonstruct completions bash > /etc/bash_completion.d/jsonstruct`, or
    /// `jsonstruct completions zsh > "${fpath[1]}/_jsonstruct"`.
    Completions {
        /// The shell to complete in.
        shell: manual::Shell,
    },
    /// Print a man page (roff) on stdout.
    ///
    /// The top page, or a subcommand's (`jsonstruct man validate`, `jsonstruct man generate
    /// rust`). The repository keeps every page under `generated/man/`.
    Man {
        /// The subcommand whose page to print (`generate rust` for nested ones).
        command: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
}

/// The clap definition of the `jsonstruct` command line.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Runs `jsonstruct` with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            format,
            dirs,
            schemas,
        } => check::run(&schemas, &dirs, format == CheckFormat::Json),
        Command::Validate(args) => validate::run(args),
        Command::Generate(target) => generate::run(target),
        Command::Import(source) => import::run(source),
        Command::Export(target) => export::run(target),
        Command::Diff(args) => diff::run(args),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man { command } => manual::print_man(&command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
