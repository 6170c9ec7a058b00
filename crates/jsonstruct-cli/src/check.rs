//! `jsonstruct check`: every diagnostic of every schema, as text with source excerpts or as
//! JSON Lines (`{"schema", "valid", "errors", "warnings"}` per schema).

use std::path::PathBuf;
use std::process::ExitCode;

use jsonstruct::location::LineIndex;
use jsonstruct::{Diagnostic, Schema};
use serde::Serialize;

use crate::render::{self, Style};

/// One line of `--format json`, fields in contract order.
#[derive(Serialize)]
struct SchemaLine<'a, E: Serialize> {
    schema: &'a str,
    valid: bool,
    errors: Vec<E>,
    warnings: Vec<&'a Diagnostic>,
}

#[derive(Serialize)]
struct IoError {
    code: &'static str,
    path: &'static str,
    line: usize,
    column: usize,
    message: String,
}

pub fn run(paths: &[PathBuf], json_out: bool) -> anyhow::Result<ExitCode> {
    let style = Style::new(!json_out && render::use_color(false));
    let mut any_invalid = false;
    let mut any_io_error = false;
    for path in paths {
        let shown = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                any_io_error = true;
                if json_out {
                    // Same entry shape (and key order) as a diagnostic, with an own code.
                    let error = IoError {
                        code: "IO_ERROR",
                        path: "",
                        line: 0,
                        column: 0,
                        message: format!("cannot read {shown}: {e}"),
                    };
                    let line = SchemaLine {
                        schema: &shown,
                        valid: false,
                        errors: vec![error],
                        warnings: vec![],
                    };
                    println!("{}", serde_json::to_string(&line)?);
                } else {
                    eprintln!("{} cannot read {shown}: {e}", style.error("error:"));
                }
                continue;
            }
        };
        let report = Schema::check(&bytes);
        any_invalid |= !report.is_valid();
        if json_out {
            let line = SchemaLine {
                schema: &shown,
                valid: report.is_valid(),
                errors: report.errors().collect(),
                warnings: report.warnings().collect(),
            };
            println!("{}", serde_json::to_string(&line)?);
            continue;
        }
        let index = LineIndex::new(&bytes);
        for d in &report.diagnostics {
            print!("{}", render::diagnostic(&style, d, &shown, &bytes, &index));
        }
        let (e, w) = (report.errors().count(), report.warnings().count());
        let verdict = if report.is_valid() {
            "valid"
        } else {
            "invalid"
        };
        println!("{shown}: {verdict} ({e} error(s), {w} warning(s))");
    }
    Ok(if any_io_error {
        ExitCode::from(2)
    } else if any_invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
