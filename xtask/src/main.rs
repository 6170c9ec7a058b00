//! Project tasks, run as `cargo xtask <task>`.
//!
//! - `cargo xtask codegen` regenerates everything under `generated/`: the crates from the
//!   schemas, the man pages (`generated/man/`) from the command line's clap definitions.
//! - `cargo xtask codegen --check` writes nothing and fails, naming each stale file and the
//!   command that fixes it. The `generated_code_is_fresh` test runs the same check, so
//!   `cargo test --workspace` fails on drift too.
//! - `cargo xtask test [ARGS]...` runs `cargo test --workspace ARGS` and ends with one line
//!   saying how many corpus cases did not run (nothing when all ran).
//! - `cargo xtask compat --base REV [--format text|github]` compares every schema under
//!   `schemas/` with its version at `REV` under the workspace's compatibility policy, and
//!   checks that the generated crates' versions follow the bump the changes call for.

mod codegen;
mod compat;
mod man;
mod test;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check]\n       cargo xtask test [CARGO TEST ARGS]...\n       cargo xtask compat --base REV [--format text|github]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if let ["test", rest @ ..] = args.as_slice() {
        let rest: Vec<String> = rest.iter().map(|a| (*a).to_owned()).collect();
        return test::run(&codegen::workspace_root(), &rest);
    }
    if let ["compat", rest @ ..] = args.as_slice() {
        return compat_main(rest);
    }
    let mode = match args.as_slice() {
        ["codegen"] => codegen::Mode::Write,
        ["codegen", "--check"] => codegen::Mode::Check,
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match codegen::run(&codegen::workspace_root(), mode) {
        Ok(report) => {
            for line in report.lines() {
                println!("{line}");
            }
            if mode == codegen::Mode::Check && !report.is_fresh() {
                eprintln!(
                    "error: generated files are stale; run `{}` to regenerate them",
                    codegen::COMMAND
                );
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask compat`: exit 0 when every change keeps the policy and the generated crates'
/// versions follow, 1 otherwise, 2 on usage, git or schema errors.
fn compat_main(args: &[&str]) -> ExitCode {
    let mut base = None;
    let mut format = compat::Format::Text;
    let mut i = 0;
    while i < args.len() {
        match (args[i], args.get(i + 1)) {
            ("--base", Some(rev)) => base = Some(*rev),
            ("--format", Some(&"text")) => format = compat::Format::Text,
            ("--format", Some(&"github")) => format = compat::Format::Github,
            _ => {
                eprintln!("usage: {}", compat::USAGE);
                return ExitCode::from(2);
            }
        }
        i += 2;
    }
    let Some(base) = base else {
        eprintln!("usage: {} (--base is required)", compat::USAGE);
        return ExitCode::from(2);
    };
    match compat::run(&compat::root(), base, format) {
        Ok(outcome) => {
            print!("{}", outcome.report);
            if outcome.violations == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
