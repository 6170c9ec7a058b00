//! `jsonstruct import`: other schema formats into JSON Structure, printed on stdout. The
//! conversions are the library's ([`jsonstruct::import`]); this prints their notes and warnings
//! on stderr, naming the file, and the document on stdout.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context};

use crate::render::{self, Style};

#[derive(clap::Subcommand)]
pub enum Source {
    /// Convert a "fields" document (`entity`, `fields[]` with name/type/format/nullable/
    /// description, `required`) into JSON Structure Core. Text before the first '{' is skipped.
    Fields {
        /// The document to convert.
        file: PathBuf,
        /// `$id` of the generated schema (an absolute URI) [default: urn:jsonstruct:import:ENTITY]
        #[arg(long)]
        id: Option<String>,
    },
}

pub fn run(source: Source) -> anyhow::Result<ExitCode> {
    match source {
        Source::Fields { file, id } => {
            let style = Style::new(render::use_color(true));
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let converted =
                jsonstruct::import::fields(&bytes, id.as_deref()).map_err(|e| match e.line {
                    0 => anyhow!("{}: {}", file.display(), e.message),
                    _ => anyhow!("{}:{e}", file.display()),
                })?;
            for note in &converted.notes {
                eprintln!("{} {}: {note}", style.bold("note:"), file.display());
            }
            for warning in &converted.warnings {
                eprintln!("{} {warning}", style.warning("warning:"));
            }
            println!("{}", converted.document);
            Ok(ExitCode::SUCCESS)
        }
    }
}
