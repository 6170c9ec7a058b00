//! `jsonstruct generate` (in progress).

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Target {}

pub fn run(target: Target) -> anyhow::Result<ExitCode> {
    match target {}
}
