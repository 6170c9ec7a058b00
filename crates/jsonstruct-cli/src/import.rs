//! `jsonstruct import` (in progress).

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Source {}

pub fn run(source: Source) -> anyhow::Result<ExitCode> {
    match source {}
}
