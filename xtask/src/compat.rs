//! `cargo xtask compat --base REV [--format text|github]`: every `*.struct.json` under
//! `schemas/` compared with its version at the git revision `REV` (`git show REV:path`), under
//! the policy of its nearest `jsonstruct.toml` (`[compat] require`, backward when absent). A
//! document new since `REV` is a set of added definitions, a deleted one a set of removed ones.
//!
//! The generated crates must follow: when a target's schema changed, the crate's version in
//! `generated/<crate>/Cargo.toml` must be at least the version at `REV` bumped as the diff calls
//! for (Cargo's rules: before 1.0, a breaking change bumps the minor number and anything else
//! the patch number); otherwise the check says which version it should have.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use jsonstruct::config::{Config, Requirement};
use jsonstruct::diff::{self, render, Diff, Policy, Semver};
use jsonstruct::schema::{DocumentId, SchemaSet};
use jsonstruct::{Options, Schema};

use crate::codegen::TARGETS;

/// The command, as shown in messages.
pub const USAGE: &str = "cargo xtask compat --base REV [--format text|github]";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Github,
}

/// What the check found: the report, and how many violations (policy and versions).
#[derive(Debug)]
pub struct Outcome {
    pub report: String,
    pub violations: usize,
}

/// Runs git in `root`, returning stdout; `Err` with git's message when it fails.
fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// `*.struct.json` files under `dir`, as `/`-separated paths relative to `root`.
fn documents_on_disk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot list {}: {e}", dir.display())),
    };
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            documents_on_disk(root, &path, out)?;
        } else if path.to_string_lossy().ends_with(".struct.json") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// The documents of one side (the base revision, or the working tree), by path: one schema
/// set, so imports between them resolve (by `$id`, and relative paths by name) the same way on
/// both sides.
struct Side {
    set: SchemaSet,
    docs: Vec<(String, DocumentId)>,
    /// How messages name this side's documents (`path at REV`, or the path).
    suffix: String,
}

impl Side {
    fn new(suffix: String) -> Side {
        Side {
            set: SchemaSet::new(),
            docs: Vec::new(),
            suffix,
        }
    }

    fn add(&mut self, path: &str, bytes: Vec<u8>) {
        let doc = self.set.add(path, bytes);
        self.docs.push((path.to_owned(), doc));
    }

    fn load(&self, path: &str) -> Result<Option<Schema>, String> {
        let Some((_, doc)) = self.docs.iter().find(|(p, _)| p == path) else {
            return Ok(None);
        };
        let shown = format!("{path}{}", self.suffix);
        self.set.load(*doc).map(Some).map_err(|e| match e {
            jsonstruct::LoadError::Invalid { diagnostics, .. } => {
                let mut msg = format!("{shown} is not a valid schema:");
                for d in diagnostics.iter().filter(|d| d.is_error()) {
                    let file = d.file.as_deref().unwrap_or(&shown);
                    let _ = write!(msg, "\n  {file}:{d}");
                }
                msg
            }
            other => format!("{shown}: {other}"),
        })
    }
}

/// A `major.minor.patch` version (pre-release and build parts are ignored).
type Version = (u64, u64, u64);

fn parse_version(text: &str) -> Option<Version> {
    let core = text.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let v = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(v)
}

fn show(v: Version) -> String {
    format!("{}.{}.{}", v.0, v.1, v.2)
}

/// The smallest version after `v` that Cargo treats as the given bump.
pub fn bumped(v: Version, bump: Semver) -> Version {
    match (v, bump) {
        ((0, 0, p), _) => (0, 0, p + 1),
        ((0, m, _), Semver::Major) => (0, m + 1, 0),
        ((0, m, p), _) => (0, m, p + 1),
        ((x, _, _), Semver::Major) => (x + 1, 0, 0),
        ((x, m, _), Semver::Minor) => (x, m + 1, 0),
        ((x, m, p), Semver::Patch) => (x, m, p + 1),
    }
}

/// The `[package] version` of a Cargo.toml and its line.
fn cargo_version(text: &str) -> Option<(Version, usize)> {
    let table: toml::Table = text.parse().ok()?;
    let v = table.get("package")?.get("version")?.as_str()?;
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("version"))
        .map_or(1, |i| i + 1);
    Some((parse_version(v)?, line))
}

/// The policy and validator options for a document, from its nearest `jsonstruct.toml`.
fn settings(root: &Path, path: &str) -> Result<(Requirement, Options), String> {
    let config = match Config::discover(&root.join(path)) {
        Ok(Some((_, c))) => c,
        Ok(None) => Config::default(),
        Err(e) => return Err(e.to_string()),
    };
    let mut options = Options::default();
    if let Some(numbers) = config.validate.int64_numbers {
        options = options.int64_numbers(numbers);
    }
    Ok((
        config.compat.require.unwrap_or(Requirement::Backward),
        options,
    ))
}

/// Compares the documents under `root/schemas` with their versions at `base`.
pub fn run(root: &Path, base: &str, format: Format) -> Result<Outcome, String> {
    git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{base}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        format!(
            "--base {base} is not a commit of the repository at {}",
            root.display()
        )
    })?;
    let listed = git(
        root,
        &["ls-tree", "-r", "--name-only", base, "--", "schemas"],
    )?;
    let at_base: Vec<String> = String::from_utf8_lossy(&listed)
        .lines()
        .filter(|l| l.ends_with(".struct.json"))
        .map(str::to_owned)
        .collect();
    let mut now = Vec::new();
    documents_on_disk(root, &root.join("schemas"), &mut now)?;
    let mut paths: Vec<String> = at_base.iter().chain(&now).cloned().collect();
    paths.sort();
    paths.dedup();

    let mut old_side = Side::new(format!(" at {base}"));
    for path in &at_base {
        old_side.add(path, git(root, &["show", &format!("{base}:{path}")])?);
    }
    let mut new_side = Side::new(String::new());
    for path in &now {
        let bytes =
            std::fs::read(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"))?;
        new_side.add(path, bytes);
    }

    let mut report = String::new();
    let mut violations = 0;
    let mut changes = 0;
    let mut diffs: Vec<(String, Diff)> = Vec::new();
    for path in &paths {
        let (require, options) = settings(root, path)?;
        let policy = Policy::new(require);
        let old = old_side.load(path)?;
        let new = new_side.load(path)?;
        let d = match (&old, &new) {
            (Some(o), Some(n)) => diff::diff_with_options(o, n, &options),
            (None, Some(n)) => diff::document_added(n),
            (Some(o), None) => diff::document_removed(o),
            (None, None) => continue,
        };
        violations += policy.violations(&d).len();
        changes += d.changes().len();
        let old_name = format!("{path} ({base})");
        match format {
            Format::Text => report.push_str(&render::text(&d, &old_name, path, Some(&policy))),
            Format::Github => report.push_str(&render::github(&d, path, path, Some(&policy))),
        }
        diffs.push((path.clone(), d));
    }

    for target in TARGETS {
        // The crate follows every document of its folder: the largest bump any of them needs.
        let folder = format!("{}/", target.schemas);
        let Some(bump) = diffs
            .iter()
            .filter(|(p, _)| p.starts_with(&folder))
            .filter_map(|(_, d)| d.semver())
            .max()
        else {
            continue;
        };
        let manifest = format!("{}/Cargo.toml", target.dir);
        let Ok(before) = git(root, &["show", &format!("{base}:{manifest}")]) else {
            continue; // The crate is new since `base`: any version is a first release.
        };
        let Some((was, _)) = cargo_version(&String::from_utf8_lossy(&before)) else {
            return Err(format!(
                "{manifest} at {base} has no readable [package] version"
            ));
        };
        let text = std::fs::read_to_string(root.join(&manifest))
            .map_err(|e| format!("cannot read {manifest}: {e}"))?;
        let Some((is, line)) = cargo_version(&text) else {
            return Err(format!("{manifest} has no readable [package] version"));
        };
        let want = bumped(was, bump);
        if is >= want {
            if format == Format::Text {
                let _ = writeln!(
                    report,
                    "{manifest}: version {} follows the {bump} bump the changes of {} call for",
                    show(is),
                    target.schemas
                );
            }
            continue;
        }
        violations += 1;
        let msg = format!(
            "{} is version {} as at {base}, but the changes of {} since then call for a {bump} bump: it should be {} (or higher)",
            target.crate_name,
            show(is),
            target.schemas,
            show(want)
        );
        match format {
            Format::Text => {
                let _ = writeln!(report, "error[version]: {msg}\n  --> {manifest}:{line}:1");
            }
            Format::Github => {
                let _ = writeln!(
                    report,
                    "::error file={manifest},line={line},col=1,title=cargo xtask compat%3A version::{msg}"
                );
            }
        }
    }
    if format == Format::Text {
        let _ = writeln!(
            report,
            "compat: {} document(s) compared with {base}, {changes} change(s), {violations} violation(s)",
            paths.len()
        );
    }
    Ok(Outcome { report, violations })
}

/// The workspace root of this checkout.
pub fn root() -> PathBuf {
    crate::codegen::workspace_root()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary git repository laid out like the workspace (a Session-like schema at the
    /// codegen target's path, its generated crate's Cargo.toml, a policy file).
    struct Repo {
        dir: PathBuf,
    }

    const SCHEMA: &str = r#"{
  "$schema": "https://json-structure.org/meta/core/v0/#",
  "$id": "https://example.com/session",
  "name": "Session",
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "status": {"type": "string", "enum": ["active", "ended"]},
    "at": {"type": "int64"}
  },
  "required": ["id", "status"],
  "additionalProperties": false
}
"#;

    impl Repo {
        fn new(name: &str) -> Repo {
            let dir =
                std::env::temp_dir().join(format!("xtask-compat-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let repo = Repo { dir };
            repo.git(&["init", "-q"]);
            repo.write(
                &format!("{}/session.struct.json", TARGETS[0].schemas),
                SCHEMA,
            );
            repo.write(
                "schemas/other/extra.struct.json",
                // Its own `$id`: two documents of one set may not claim the same.
                &SCHEMA
                    .replace("Session", "Extra")
                    .replace("/session\"", "/extra\""),
            );
            repo.write(
                "schemas/jsonstruct.toml",
                "[validate]\nint64-numbers = true\n\n[compat]\nrequire = \"backward\"\n",
            );
            repo.write(
                &format!("{}/Cargo.toml", TARGETS[0].dir),
                &manifest("0.1.0"),
            );
            repo.commit("base");
            repo
        }

        fn write(&self, path: &str, text: &str) {
            let p = self.dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }

        fn git(&self, args: &[&str]) {
            git(&self.dir, args).unwrap();
        }

        fn commit(&self, msg: &str) {
            self.git(&["add", "-A"]);
            self.git(&[
                "-c",
                "user.name=test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-q",
                "-m",
                msg,
            ]);
        }

        fn check(&self, base: &str, format: Format) -> Outcome {
            run(&self.dir, base, format).unwrap()
        }
    }

    impl Drop for Repo {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn manifest(version: &str) -> String {
        format!("# @generated\n[package]\nname = \"clerk-session\"\nversion = \"{version}\"\nedition = \"2021\"\n")
    }

    #[test]
    fn unchanged_documents_pass() {
        let repo = Repo::new("unchanged");
        let o = repo.check("HEAD", Format::Text);
        assert_eq!(o.violations, 0, "{}", o.report);
        assert!(o
            .report
            .ends_with("compat: 2 document(s) compared with HEAD, 0 change(s), 0 violation(s)\n"));
    }

    #[test]
    fn compatible_additions_need_a_version_bump() {
        let repo = Repo::new("additions");
        repo.write(
            &format!("{}/session.struct.json", TARGETS[0].schemas),
            &SCHEMA.replace(r#""ended"]"#, r#""ended", "pending"]"#),
        );
        let o = repo.check("HEAD", Format::Text);
        // The enum value is backward compatible; the crate's version lags behind the bump.
        assert_eq!(o.violations, 1, "{}", o.report);
        assert!(
            o.report.contains("change[enum-value-added]"),
            "{}",
            o.report
        );
        assert!(
            o.report.contains("clerk-session is version 0.1.0 as at HEAD, but the changes of schemas/clerk since then call for a minor bump: it should be 0.1.1 (or higher)"),
            "{}",
            o.report
        );
        let gh = repo.check("HEAD", Format::Github);
        assert!(gh.report.contains("::error file=generated/clerk-session/Cargo.toml,line=4,col=1,title=cargo xtask compat%3A version::"), "{}", gh.report);
        repo.write(
            &format!("{}/Cargo.toml", TARGETS[0].dir),
            &manifest("0.1.1"),
        );
        let o = repo.check("HEAD", Format::Text);
        assert_eq!(o.violations, 0, "{}", o.report);
        assert!(
            o.report.contains("version 0.1.1 follows the minor bump"),
            "{}",
            o.report
        );
    }

    #[test]
    fn breaking_changes_violate_the_policy() {
        let repo = Repo::new("breaking");
        let base = String::from_utf8(git(&repo.dir, &["rev-parse", "HEAD"]).unwrap()).unwrap();
        let base = base.trim();
        repo.write(
            &format!("{}/session.struct.json", TARGETS[0].schemas),
            &SCHEMA.replace(r#""active", "ended""#, r#""active""#),
        );
        repo.write(
            &format!("{}/Cargo.toml", TARGETS[0].dir),
            &manifest("0.2.0"),
        );
        std::fs::remove_file(repo.dir.join("schemas/other/extra.struct.json")).unwrap();
        repo.write(
            "schemas/new.struct.json",
            &SCHEMA
                .replace("Session", "Fresh")
                .replace("/session\"", "/fresh\""),
        );
        repo.commit("change");
        let o = repo.check(base, Format::Text);
        assert!(
            o.report.contains("error[enum-value-removed]"),
            "{}",
            o.report
        );
        assert!(
            o.report.contains(
                "error[definition-removed]: Extra: definition Extra removed (the document is gone)"
            ),
            "{}",
            o.report
        );
        assert!(
            o.report.contains("change[definition-added]: Fresh"),
            "{}",
            o.report
        );
        assert_eq!(o.violations, 2, "{}", o.report);
        let gh = repo.check(base, Format::Github);
        assert!(
            gh.report
                .contains("::error file=schemas/clerk/session.struct.json,line=8,"),
            "{}",
            gh.report
        );
        assert!(
            gh.report.contains("::notice file=schemas/new.struct.json,"),
            "{}",
            gh.report
        );

        // The policy file decides: with `none`, only the version rule is left (and 0.2.0 is a
        // major bump of 0.1.0 for Cargo).
        repo.write("schemas/jsonstruct.toml", "[compat]\nrequire = \"none\"\n");
        let o = repo.check(base, Format::Text);
        assert_eq!(o.violations, 0, "{}", o.report);
    }

    #[test]
    fn bad_revisions_and_schemas_are_errors() {
        let repo = Repo::new("errors");
        assert!(run(&repo.dir, "no-such-rev", Format::Text)
            .unwrap_err()
            .contains("--base no-such-rev is not a commit"));
        repo.write(
            &format!("{}/session.struct.json", TARGETS[0].schemas),
            "{\"type\": 1}",
        );
        let e = run(&repo.dir, "HEAD", Format::Text).unwrap_err();
        assert!(
            e.contains("schemas/clerk/session.struct.json is not a valid schema"),
            "{e}"
        );
    }

    #[test]
    fn versions_follow_cargo_rules() {
        assert_eq!(bumped((0, 1, 0), Semver::Major), (0, 2, 0));
        assert_eq!(bumped((0, 1, 3), Semver::Minor), (0, 1, 4));
        assert_eq!(bumped((0, 1, 3), Semver::Patch), (0, 1, 4));
        assert_eq!(bumped((0, 0, 3), Semver::Major), (0, 0, 4));
        assert_eq!(bumped((1, 2, 3), Semver::Major), (2, 0, 0));
        assert_eq!(bumped((1, 2, 3), Semver::Minor), (1, 3, 0));
        assert_eq!(bumped((1, 2, 3), Semver::Patch), (1, 2, 4));
        assert_eq!(parse_version("1.2.3-beta.1"), Some((1, 2, 3)));
        assert_eq!(parse_version("1.2"), None);
    }
}
