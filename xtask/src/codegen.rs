//! `cargo xtask codegen [--check]`: the generated crates under `generated/`, from the schemas
//! under `schemas/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jsonstruct::Schema;
use jsonstruct_codegen::write::{self, Report};
use jsonstruct_codegen::{Int64Encoding, Options};

pub use jsonstruct_codegen::write::Mode;

/// The command that regenerates everything this task manages.
pub const COMMAND: &str = "cargo xtask codegen";

/// One generated crate.
pub struct Target {
    /// The schema, relative to the workspace root.
    pub schema: &'static str,
    /// The crate's directory, relative to the workspace root.
    pub dir: &'static str,
    pub crate_name: &'static str,
    int64: Int64Encoding,
}

pub const TARGETS: &[Target] = &[Target {
    schema: "schemas/clerk/session.struct.json",
    dir: "generated/clerk-session",
    crate_name: "clerk-session",
    // Clerk sends its millisecond timestamps as JSON numbers.
    int64: Int64Encoding::Number,
}];

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_owned()
}

/// What `run` did or found, per generated crate.
pub struct Outcome {
    mode: Mode,
    reports: Vec<(PathBuf, Report)>,
    root: PathBuf,
}

impl Outcome {
    pub fn is_fresh(&self) -> bool {
        self.reports.iter().all(|(_, r)| r.is_fresh())
    }

    /// One line per changed or stale file, then a summary per crate.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (dir, report) in &self.reports {
            for change in &report.changes {
                let shown = change
                    .path
                    .strip_prefix(&self.root)
                    .unwrap_or(&change.path)
                    .display();
                let mut line = String::new();
                match self.mode {
                    Mode::Check => {
                        let _ = write!(line, "stale: {shown} is {} (run `{COMMAND}`)", change.why);
                    }
                    Mode::Write => {
                        let verb = match change.why {
                            write::Staleness::Obsolete => "deleted",
                            _ => "wrote",
                        };
                        let _ = write!(line, "{verb} {shown}");
                    }
                }
                out.push(line);
            }
            let shown = dir.strip_prefix(&self.root).unwrap_or(dir).display();
            if report.is_fresh() {
                out.push(format!("{shown} is up to date"));
            }
        }
        out
    }
}

/// Generates every target crate, writing (or, in check mode, only comparing) its files.
pub fn run(root: &Path, mode: Mode) -> Result<Outcome, String> {
    let mut reports = Vec::new();
    for target in TARGETS {
        let schema_path = root.join(target.schema);
        let bytes = std::fs::read(&schema_path)
            .map_err(|e| format!("cannot read {}: {e}", schema_path.display()))?;
        let schema = Schema::from_slice(&bytes).map_err(|e| match e {
            jsonstruct::LoadError::Invalid { diagnostics, .. } => {
                let mut msg = format!("{} is not a valid schema:", target.schema);
                for d in diagnostics.iter().filter(|d| d.is_error()) {
                    let _ = write!(msg, "\n  {}:{d}", target.schema);
                }
                msg
            }
            other => other.to_string(),
        })?;
        let depth = Path::new(target.dir).components().count();
        let options = Options {
            crate_name: target.crate_name.to_owned(),
            int64: target.int64,
            schema_path: target.schema.to_owned(),
            command: COMMAND.to_owned(),
            schema_digest: Some(jsonstruct_codegen::schema_digest(&bytes)),
            schema_path_from_crate: Some(format!("{}{}", "../".repeat(depth), target.schema)),
        };
        let files = jsonstruct_codegen::generate_crate(&schema, &options)
            .map_err(|e| format!("{}:{e}", target.schema))?;
        let dir = root.join(target.dir);
        let report = write::sync(&dir, &files, mode).map_err(|e| e.to_string())?;
        reports.push((dir, report));
    }
    Ok(Outcome {
        mode,
        reports,
        root: root.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test --workspace` fails when the generated crates are stale.
    #[test]
    fn generated_code_is_fresh() {
        let outcome = run(&workspace_root(), Mode::Check).expect("codegen runs");
        assert!(
            outcome.is_fresh(),
            "generated code is stale; run `{COMMAND}`:\n{}",
            outcome.lines().join("\n")
        );
    }

    /// A copy of the workspace's schema and generated crate in a temporary directory: a
    /// schema edit makes the check fail without writing anything; codegen fixes it.
    #[test]
    fn schema_edits_are_detected_and_fixed() {
        let real = workspace_root();
        let tmp = std::env::temp_dir().join(format!("xtask-codegen-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        for target in TARGETS {
            let schema = tmp.join(target.schema);
            std::fs::create_dir_all(schema.parent().unwrap()).unwrap();
            std::fs::copy(real.join(target.schema), &schema).unwrap();
        }
        // Nothing generated yet: the check names the missing files and creates none.
        let outcome = run(&tmp, Mode::Check).unwrap();
        assert!(!outcome.is_fresh());
        assert!(outcome
            .lines()
            .iter()
            .any(|l| l.contains("src/types.rs") && l.contains("missing") && l.contains(COMMAND)));
        assert!(!tmp.join("generated").exists());

        run(&tmp, Mode::Write).unwrap();
        assert!(run(&tmp, Mode::Check).unwrap().is_fresh());
        // Hand-written tests survive regeneration.
        let tests = tmp.join("generated/clerk-session/tests/mine.rs");
        std::fs::create_dir_all(tests.parent().unwrap()).unwrap();
        std::fs::write(&tests, "#[test]\nfn mine() {}\n").unwrap();

        // Edit the schema: a description changes the docs and the digest.
        let schema = tmp.join(TARGETS[0].schema);
        let text = std::fs::read_to_string(&schema).unwrap();
        let edited = text.replacen("Unix timestamp of creation.", "Creation time.", 1);
        assert_ne!(text, edited);
        std::fs::write(&schema, edited).unwrap();
        let lib = tmp.join("generated/clerk-session/src/lib.rs");
        let before = std::fs::read_to_string(&lib).unwrap();
        let outcome = run(&tmp, Mode::Check).unwrap();
        let lines = outcome.lines().join("\n");
        assert!(
            lines.contains("generated/clerk-session/src/lib.rs is out of date"),
            "{lines}"
        );
        assert!(
            lines.contains("generated/clerk-session/src/types.rs is out of date"),
            "{lines}"
        );
        assert!(
            lines.contains("generated/clerk-session/build.rs is out of date"),
            "{lines}"
        );
        assert_eq!(std::fs::read_to_string(&lib).unwrap(), before);

        run(&tmp, Mode::Write).unwrap();
        assert!(run(&tmp, Mode::Check).unwrap().is_fresh());
        assert!(
            std::fs::read_to_string(tmp.join("generated/clerk-session/src/types.rs"))
                .unwrap()
                .contains("Creation time.")
        );
        assert!(tests.exists());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
