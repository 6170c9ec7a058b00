//! `cargo xtask codegen [--check]`: the generated crates under `generated/`, from the schemas
//! under `schemas/`, and the man pages (see `man`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jsonstruct_codegen::write::{self, Report};
use jsonstruct_codegen::Builder;

pub use jsonstruct_codegen::write::Mode;

/// The command that regenerates everything this task manages.
pub const COMMAND: &str = "cargo xtask codegen";

/// One generated crate.
pub struct Target {
    /// The folder of its schemas, relative to the workspace root: every `*.struct.json` in
    /// it is generated into the one crate (definitions they share through imports once).
    pub schemas: &'static str,
    /// The crate's directory, relative to the workspace root.
    pub dir: &'static str,
    pub crate_name: &'static str,
    /// The crate's version: bump it as `cargo xtask compat` says when the schemas change.
    pub version: &'static str,
}

pub const TARGETS: &[Target] = &[Target {
    schemas: "schemas/clerk",
    dir: "generated/clerk-session",
    crate_name: "clerk-session",
    version: "0.1.0",
}];

/// The runtime crate generated crates depend on, relative to the workspace root.
const RUNTIME_CRATE: &str = "crates/jsonstruct-types";

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
        // The build-script API, so `cargo xtask codegen` and a `build.rs` load schemas and
        // spell generated code the same way.
        // The 64-bit wire form is the workspace's: `schemas/jsonstruct.toml` says Clerk sends
        // its millisecond timestamps as JSON numbers.
        let builder = Builder::new()
            .schema_dir(root.join(target.schemas))
            .command(COMMAND);
        let up = "../".repeat(Path::new(target.dir).components().count());
        let options = builder
            .crate_options(target.crate_name)
            .map_err(|e| e.to_string())?
            .schema_path(format!("{}/*.struct.json", target.schemas))
            .runtime_crate_path(format!("{up}{RUNTIME_CRATE}"))
            .crate_version(target.version);
        let dir = root.join(target.dir);
        let files = builder
            .generate_crate(&dir, &options)
            .map_err(|e| match e.file() {
                // Name the schema as the workspace does, not by its absolute path.
                Some(file) => {
                    let shown = file.strip_prefix(root).unwrap_or(file);
                    e.to_string().replacen(
                        &file.display().to_string(),
                        &shown.display().to_string(),
                        1,
                    )
                }
                None => format!("{}: {e}", target.schemas),
            })?;
        let report = write::sync(&dir, &files, mode).map_err(|e| e.to_string())?;
        reports.push((dir, report));
    }
    let dir = root.join(crate::man::DIR);
    let report = write::sync(&dir, &crate::man::files(), mode).map_err(|e| e.to_string())?;
    reports.push((dir, report));
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
        // The settings beside the schemas (64-bit integers as numbers) travel with them.
        std::fs::create_dir_all(tmp.join("schemas")).unwrap();
        std::fs::copy(
            real.join("schemas/jsonstruct.toml"),
            tmp.join("schemas/jsonstruct.toml"),
        )
        .unwrap();
        for target in TARGETS {
            let dir = tmp.join(target.schemas);
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(real.join(target.schemas)).unwrap() {
                let from = entry.unwrap().path();
                std::fs::copy(&from, dir.join(from.file_name().unwrap())).unwrap();
            }
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
        let schema = tmp.join(TARGETS[0].schemas).join("session.struct.json");
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

        // Drift in any document of the set is caught: an envelope's description.
        let event = tmp
            .join(TARGETS[0].schemas)
            .join("session-webhook-event.struct.json");
        let text = std::fs::read_to_string(&event).unwrap();
        let edited = text.replacen("The client's `User-Agent` header.", "The user agent.", 1);
        assert_ne!(text, edited);
        std::fs::write(&event, edited).unwrap();
        let lines = run(&tmp, Mode::Check).unwrap().lines().join("\n");
        assert!(
            lines.contains("generated/clerk-session/src/types.rs is out of date")
                && lines.contains("generated/clerk-session/build.rs is out of date"),
            "{lines}"
        );
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
