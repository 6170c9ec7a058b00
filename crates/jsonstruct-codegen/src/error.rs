//! The generator's error type: what went wrong and where in the schema document.

use std::fmt;

use jsonstruct::schema::Location;

/// A generation failure. Schema problems carry the location of the schema node they arose at
/// (JSON Pointer, line and column), so users can fix the schema without guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
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
}

impl Error {
    pub(crate) fn unsupported(message: impl Into<String>, location: &Location) -> Self {
        Error {
            kind: ErrorKind::Unsupported,
            message: message.into(),
            location: Some(location.clone()),
        }
    }

    pub(crate) fn option(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::InvalidOption,
            message: message.into(),
            location: None,
        }
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Internal,
            message: message.into(),
            location: None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in the schema document the problem is, when it is about the schema.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
