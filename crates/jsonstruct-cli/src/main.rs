//! The `jsonstruct` binary: the command line lives in the `jsonstruct_cli` library.

fn main() -> std::process::ExitCode {
    jsonstruct_cli::run()
}
