//! `jsonstruct check`: every diagnostic of every schema, as text with source excerpts or as
//! JSON Lines (`{"schema", "valid", "errors", "warnings"}` per schema).

use std::path::PathBuf;
use std::process::ExitCode;

use jsonstruct::Diagnostic;
use serde::Serialize;

use crate::render::{self, Style};
use crate::schema_arg::{self, Documents, SchemaDirs, Show};

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

pub fn run(paths: &[PathBuf], dirs: &SchemaDirs, json_out: bool) -> anyhow::Result<ExitCode> {
    let style = Style::new(!json_out && render::use_color(false));
    let mut any_invalid = false;
    let mut any_io_error = false;
    let docs = Documents::read(paths, dirs)?;
    for (path, doc) in &docs.named {
        let shown = path.display().to_string();
        let doc = match doc {
            Ok(d) => *d,
            Err(load_error) => {
                let e = schema_arg::io_reason(load_error);
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
        // The settings every consumer reads beside the schemas must be readable too.
        if schema_arg::config_for(path, "its settings cannot be read").is_none() {
            any_io_error = true;
            continue;
        }
        let report = docs.set.check(doc);
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
        print!(
            "{}",
            schema_arg::render_report(&docs.set, &style, &report, doc, &shown, Show::All)
        );
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
