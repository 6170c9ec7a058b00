//! `jsonstruct diff OLD NEW`: every change between two schema documents with whom it breaks
//! and the semver bump of the generated crate; exit 1 when a change violates the policy.
//!
//! The policy is `--require`, else the `[compat] require` of the nearest `jsonstruct.toml`
//! (looked up from NEW's folder), else `backward`. Whether 64-bit integers may be JSON
//! numbers (which decides whether `int32` -> `int64` keeps old data valid) comes from the same
//! file's `[validate] int64-numbers`, as for `validate`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use jsonstruct::config::{Config, Requirement};
use jsonstruct::diff::{self, render, Allowance, Policy};
use jsonstruct::Options;

use crate::render::{use_color, Style};
use crate::schema_arg::{self, SchemaDirs, Show};

#[derive(clap::Args)]
pub struct Args {
    /// The schema before the change.
    old: PathBuf,
    /// The schema after the change.
    new: PathBuf,
    /// Folders whose documents the imports of OLD and NEW resolve against by `$id` (each
    /// side is its own schema set; relative imports are found next to each file).
    #[command(flatten)]
    dirs: SchemaDirs,
    /// The compatibility every change must keep [default: `[compat] require` of the nearest
    /// jsonstruct.toml, else backward].
    #[arg(long, value_enum)]
    require: Option<RequireArg>,
    /// Accept a reviewed change: KIND@POINTER (pointer in either document, `*` for any).
    #[arg(long, value_name = "KIND@POINTER", value_parser = parse_allowance)]
    allow: Vec<Allowance>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum RequireArg {
    Backward,
    Forward,
    Full,
    None,
}

impl From<RequireArg> for Requirement {
    fn from(r: RequireArg) -> Self {
        match r {
            RequireArg::Backward => Requirement::Backward,
            RequireArg::Forward => Requirement::Forward,
            RequireArg::Full => Requirement::Full,
            RequireArg::None => Requirement::None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Github,
}

fn parse_allowance(s: &str) -> Result<Allowance, String> {
    s.parse()
}

/// The nearest `jsonstruct.toml` from `schema`'s folder, or an error message.
fn config_for(schema: &Path) -> Result<Config, String> {
    match Config::discover(schema) {
        Ok(Some((_, c))) => Ok(c),
        Ok(None) => Ok(Config::default()),
        Err(e) => Err(e.to_string()),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let style = Style::new(use_color(true));
    let config = match config_for(&args.new) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{} {e}", style.error("error:"));
            return Ok(ExitCode::from(2));
        }
    };
    let consequence = "nothing was compared";
    let Some(old) = schema_arg::load(&args.old, &args.dirs, Show::Errors, consequence) else {
        return Ok(ExitCode::from(2));
    };
    let Some(new) = schema_arg::load(&args.new, &args.dirs, Show::Errors, consequence) else {
        return Ok(ExitCode::from(2));
    };
    let (old, new) = (old.schema, new.schema);
    let require = args
        .require
        .map(Requirement::from)
        .or(config.compat.require)
        .unwrap_or(Requirement::Backward);
    let mut options = Options::default();
    if let Some(numbers) = config.validate.int64_numbers {
        options = options.int64_numbers(numbers);
    }
    let d = diff::diff_with_options(&old, &new, &options);
    let policy = Policy::new(require).with_allowances(args.allow);
    let (o, n) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    match args.format {
        Format::Text => print!("{}", render::text(&d, &o, &n, Some(&policy))),
        Format::Json => println!("{}", render::json(&d, &o, &n, Some(&policy))),
        Format::Github => print!("{}", render::github(&d, &o, &n, Some(&policy))),
    }
    for a in policy.unused(&[&d]) {
        eprintln!(
            "{} --allow {a} accepts no change that breaks require = {}: remove it",
            style.warning("warning:"),
            require.as_str()
        );
    }
    Ok(if policy.violations(&d).is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
