//! `jsonstruct validate` (in progress).

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The schema to validate against.
    #[arg(long)]
    pub schema: PathBuf,
    /// Inputs: files, or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("validate is not implemented yet")
}
