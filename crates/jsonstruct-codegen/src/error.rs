//! The generator's error type: what went wrong and where in the schema document.

use std::fmt;
use std::path::{Path, PathBuf};

use jsonstruct::schema::Location;

/// A generation failure. Schema problems carry the location of the schema node they arose at
/// (JSON Pointer, line and column) and, from a [`Builder`](crate::Builder), the schema file,
/// so users can fix the schema without guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
    file: Option<PathBuf>,
}

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The schema uses something the generator cannot express in Rust.
    Unsupported,
    /// An option is invalid (for example a crate name that is not a valid package name).
    InvalidOption,
    /// The generator produced code that does not parse: a bug in the generator.
    Internal,
    /// A schema file cannot be read, or is not a valid JSON Structure schema.
    Schema,
    /// A generated file cannot be written.
    Io,
}

impl Error {
    fn new(kind: ErrorKind, message: impl Into<String>, location: Option<Location>) -> Self {
        Error {
            kind,
            message: message.into(),
            location,
            file: None,
        }
    }

    pub(crate) fn unsupported(message: impl Into<String>, location: &Location) -> Self {
        Error::new(ErrorKind::Unsupported, message, Some(location.clone()))
    }

    pub(crate) fn option(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidOption, message, None)
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Internal, message, None)
    }

    pub(crate) fn schema(message: impl Into<String>, location: Option<Location>) -> Self {
        Error::new(ErrorKind::Schema, message, location)
    }

    pub(crate) fn io(path: &Path, error: &std::io::Error) -> Self {
        Error::new(ErrorKind::Io, error.to_string(), None).in_file(path)
    }

    /// The same error, about the file at `path`.
    pub(crate) fn in_file(mut self, path: &Path) -> Self {
        self.file = Some(path.to_owned());
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// What went wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in the schema document the problem is, when it is about the schema.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The schema file (or, for [`ErrorKind::Io`], the file being written), when known.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
            if self.location.as_ref().is_none_or(|l| l.line == 0) {
                f.write_str(" ")?;
            }
        }
        match &self.location {
            Some(l) if l.line > 0 => write!(
                f,
                "{}:{}: {} (at {})",
                l.line,
                l.column,
                self.message,
                if l.pointer.is_empty() {
                    "the document root"
                } else {
                    &l.pointer
                }
            ),
            Some(l) => write!(f, "{} (at {})", self.message, l.pointer),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
