//! `jsonstruct.toml`: settings recorded once, next to the schemas, and read by every consumer
//! (the CLI's `check`, `validate`, `export`, `diff`, the generator and the xtask).
//!
//! The file is found the way `rustfmt.toml` is: from a schema's folder upward, the nearest
//! `jsonstruct.toml` wins. A workspace whose API sends 64-bit integers as JSON numbers (Clerk)
//! opts in there, so nobody has to remember a flag:
//!
//! ```toml
//! [validate]
//! int64-numbers = true     # accept int64/uint64 as JSON numbers (the spec writes strings)
//!
//! [compat]
//! require = "backward"     # what `cargo xtask compat` enforces: backward|forward|full|none
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::location::LineIndex;

/// The file name looked for.
pub const FILE_NAME: &str = "jsonstruct.toml";

/// The settings of one `jsonstruct.toml`. Every key is optional; absent keys keep the
/// spec's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// `[validate]`.
    #[serde(default)]
    pub validate: ValidateSettings,
    /// `[compat]`.
    #[serde(default)]
    pub compat: CompatSettings,
}

/// `[validate]` of `jsonstruct.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct ValidateSettings {
    /// Accept `int64`/`uint64` written as JSON numbers (also what generated code writes).
    pub int64_numbers: Option<bool>,
}

/// `[compat]` of `jsonstruct.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct CompatSettings {
    /// The compatibility a schema change must keep: `backward`, `forward`, `full` or `none`.
    pub require: Option<Requirement>,
}

/// A compatibility policy in the schema-registry sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Requirement {
    /// Data written with the old schema stays valid under the new one.
    Backward,
    /// Data written with the new schema is valid under the old one.
    Forward,
    /// Both.
    Full,
    /// Anything goes.
    None,
}

impl Requirement {
    /// The name used in `jsonstruct.toml` and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Requirement::Backward => "backward",
            Requirement::Forward => "forward",
            Requirement::Full => "full",
            Requirement::None => "none",
        }
    }
}

/// A `jsonstruct.toml` that cannot be used, located.
#[derive(Debug)]
#[non_exhaustive]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line and column of the problem (0 when it is not about the text).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the text of a `jsonstruct.toml` (`path` names it in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => LineIndex::new(text.as_bytes()).line_col(text.as_bytes(), span.start),
                None => (0, 0),
            };
            ConfigError {
                path: path.to_owned(),
                line,
                column,
                message: e.message().trim_end().to_owned(),
            }
        })
    }

    /// The nearest `jsonstruct.toml` at or above `start` (a file's folder, or a folder), parsed;
    /// `Ok(None)` when there is none up to the file-system root.
    pub fn discover(start: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
        let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_owned());
        let mut dir = if absolute.is_file() {
            absolute.parent().map(Path::to_owned)
        } else {
            Some(absolute)
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate).map_err(|e| ConfigError {
                    path: candidate.clone(),
                    line: 0,
                    column: 0,
                    message: format!("cannot read: {e}"),
                })?;
                return Config::parse(&text, &candidate).map(|c| Some((candidate, c)));
            }
            dir = d.parent().map(Path::to_owned);
        }
        Ok(None)
    }

    /// Whether 64-bit integers may be JSON numbers (the spec's default is no).
    pub fn int64_numbers(&self) -> bool {
        self.validate.int64_numbers.unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let c = Config::parse(
            "[validate]\nint64-numbers = true\n[compat]\nrequire = \"full\"\n",
            Path::new("jsonstruct.toml"),
        )
        .unwrap();
        assert!(c.int64_numbers());
        assert_eq!(c.compat.require, Some(Requirement::Full));
        assert_eq!(Config::default().compat.require, None);
        assert!(!Config::default().int64_numbers());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located() {
        let e = Config::parse(
            "[validate]\nint64-number = true\n",
            Path::new("x/jsonstruct.toml"),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.message.contains("int64-number"), "{e}");
        let e =
            Config::parse("[compat]\nrequire = \"sideways\"\n", Path::new("j.toml")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.to_string().starts_with("j.toml:2:"), "{e}");
    }

    #[test]
    fn the_nearest_file_wins() {
        let root = std::env::temp_dir().join(format!("jsonstruct-config-{}", std::process::id()));
        let inner = root.join("a/b");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(root.join(FILE_NAME), "[validate]\nint64-numbers = true\n").unwrap();
        let schema = inner.join("s.struct.json");
        std::fs::write(&schema, "{}").unwrap();
        let (found, c) = Config::discover(&schema).unwrap().unwrap();
        assert_eq!(found, std::path::absolute(root.join(FILE_NAME)).unwrap());
        assert!(c.int64_numbers());
        std::fs::write(root.join("a").join(FILE_NAME), "").unwrap();
        let (found, c) = Config::discover(&inner).unwrap().unwrap();
        assert!(found.ends_with("a/jsonstruct.toml"));
        assert!(!c.int64_numbers());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
