//! `cargo xtask test [ARGS]...`: the README's test command. Runs `cargo test --workspace ARGS`
//! after clearing the records of corpus cases that did not run, then ends with one line that
//! sums those records up (nothing when every case ran): a run without `../shared` must not
//! look complete.

use std::path::Path;
use std::process::{Command, ExitCode};

use jsonstruct_test_support::corpus;

/// Runs the workspace's tests from `root`, forwarding `args` to `cargo test`.
pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let records = corpus::skipped_dir();
    match std::fs::remove_dir_all(&records) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            eprintln!("error: cannot clear {}: {e}", records.display());
            return ExitCode::from(2);
        }
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["test", "--workspace"])
        .args(args)
        .env(corpus::SKIPPED_DIR_ENV, &records)
        .status();
    let code = match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
        Err(e) => {
            eprintln!("error: cannot run cargo test: {e}");
            return ExitCode::from(2);
        }
    };
    match summary_line(&records) {
        Ok(Some(line)) => println!("{line}"),
        Ok(None) => {}
        Err(e) => {
            eprintln!("error: cannot read the records of cases that did not run: {e}");
            return ExitCode::from(2);
        }
    }
    code
}

/// The closing line for the records in `dir`, or `None` when every corpus case ran.
pub fn summary_line(dir: &Path) -> std::io::Result<Option<String>> {
    Ok(corpus::summary(&corpus::read_records(dir)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn records_of_several_suites_make_one_line() {
        let dir = temp("several");
        corpus::record(&dir, "conformance", "main", 111, "../shared").unwrap();
        corpus::record(&dir, "conformance_instances", "main", 104, "../shared").unwrap();
        corpus::record(&dir, "clerk_payloads", "a", 16, "../shared").unwrap();
        corpus::record(&dir, "clerk_payloads", "b", 1, "../shared").unwrap();
        corpus::record(&dir, "golden", "x", 1003, "../shared").unwrap();
        assert_eq!(
            summary_line(&dir).unwrap().as_deref(),
            Some(
                "jsonstruct: 1,235 corpus cases did not run: ../shared not found \
                 (set JSONSTRUCT_SHARED; see README \"Test data\")"
            )
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn everything_ran_no_line() {
        let dir = temp("none");
        assert_eq!(summary_line(&dir).unwrap(), None);
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(summary_line(&dir).unwrap(), None);
        // A suite that recorded zero cases does not make a line either.
        corpus::record(&dir, "s", "t", 0, "../shared").unwrap();
        assert_eq!(summary_line(&dir).unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_single_case_is_singular() {
        let dir = temp("one");
        corpus::record(&dir, "error_codes", "t", 1, "/data/corpus/conformance").unwrap();
        let line = summary_line(&dir).unwrap().unwrap();
        assert!(
            line.starts_with(
                "jsonstruct: 1 corpus case did not run: /data/corpus/conformance not found"
            ),
            "{line}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
