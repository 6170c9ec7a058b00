//! The `--schema` argument of `validate`, `generate` and `export`: read it, check it, and show
//! its diagnostics on stderr as `jsonstruct check` shows them, so every command that needs a
//! schema fails the same way on a bad one (the caller then exits 2).

use std::path::Path;

use jsonstruct::location::LineIndex;
use jsonstruct::Schema;

use crate::render::{self, Style};

/// Which diagnostics to show when the schema loads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Errors and warnings (the command's output depends on the schema's details).
    All,
    /// Errors only (a validation run reports on instances, not on the schema).
    Errors,
}

/// The checked schema and its bytes, or `None` after saying on stderr why it cannot be used;
/// `consequence` ends that message ("nothing was exported").
pub fn load(path: &Path, show: Show, consequence: &str) -> Option<(Schema, Vec<u8>)> {
    let shown = path.display().to_string();
    let style = Style::new(render::use_color(true));
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "{} cannot read schema {shown}: {e}; {consequence}",
                style.error("error:")
            );
            return None;
        }
    };
    let report = Schema::check(&bytes);
    let index = LineIndex::new(&bytes);
    for d in &report.diagnostics {
        if d.is_error() || show == Show::All {
            eprint!("{}", render::diagnostic(&style, d, &shown, &bytes, &index));
        }
    }
    match report.schema {
        Some(schema) => Some((schema, bytes)),
        None => {
            eprintln!(
                "{} {shown} is not a valid JSON Structure schema ({} error(s)); {consequence}",
                style.error("error:"),
                report.errors().count()
            );
            None
        }
    }
}
