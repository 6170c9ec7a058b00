//! The `--schema` and `--schema-dir` arguments of `check`, `validate`, `generate` and `export`:
//! read the documents into one schema set (imports resolve against it), check the ones named,
//! and show their diagnostics on stderr as `jsonstruct check` shows them, so every command that
//! needs a schema fails the same way on a bad one (the caller then exits 2).

use std::path::{Path, PathBuf};

use jsonstruct::config::Config;
use jsonstruct::schema::{DocumentId, SchemaSet};
use jsonstruct::{CheckReport, Diagnostic, LineIndex, LoadError, Schema, TypeId};

use crate::render::{self, Style};

/// Folders of documents that imports resolve against.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct SchemaDirs {
    /// A folder whose `*.struct.json` documents (recursively) `$import` may name by `$id`;
    /// repeatable. Relative imports are found next to the importing file without it.
    #[arg(long = "schema-dir", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// Which diagnostics to show when the schema loads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Errors and warnings (the command's output depends on the schema's details).
    All,
    /// Errors only (a validation run reports on instances, not on the schema).
    Errors,
}

/// A schema set built from the command line.
pub struct Documents {
    pub set: SchemaSet,
    /// The documents named as schemas, in command-line order (`None`: could not be read).
    pub named: Vec<(PathBuf, Result<DocumentId, LoadError>)>,
}

impl Documents {
    /// Reads `--schema-dir` folders and the named documents. A folder that cannot be read is a
    /// usage error; a named document that cannot be read is reported by the caller.
    pub fn read(paths: &[PathBuf], dirs: &SchemaDirs) -> Result<Documents, LoadError> {
        let mut set = SchemaSet::new();
        for dir in &dirs.dirs {
            set.add_dir(dir)?;
        }
        let named = paths.iter().map(|p| (p.clone(), set.add_file(p))).collect();
        Ok(Documents { set, named })
    }
}

/// Renders diagnostics of `report`: those of the checked document under `shown`, those of
/// imported documents under their own names.
pub fn render_report(
    set: &SchemaSet,
    style: &Style,
    report: &CheckReport,
    main: DocumentId,
    shown: &str,
    show: Show,
) -> String {
    let mut out = String::new();
    let main_index = LineIndex::new(set.text(main));
    for d in &report.diagnostics {
        if !(d.is_error() || show == Show::All) {
            continue;
        }
        out.push_str(&render_one(set, style, d, main, shown, &main_index));
    }
    out
}

fn render_one(
    set: &SchemaSet,
    style: &Style,
    d: &Diagnostic,
    main: DocumentId,
    shown: &str,
    main_index: &LineIndex,
) -> String {
    match d
        .file
        .as_deref()
        .and_then(|f| set.find(f).map(|doc| (f, doc)))
    {
        Some((name, doc)) => {
            let text = set.text(doc);
            render::diagnostic(style, d, name, text, &LineIndex::new(text))
        }
        None => render::diagnostic(style, d, shown, set.text(main), main_index),
    }
}

/// A checked model and the documents it was read from.
pub struct Loaded {
    pub schema: Schema,
    pub set: SchemaSet,
    /// The documents named on the command line, in order.
    pub docs: Vec<DocumentId>,
    /// The settings of the nearest `jsonstruct.toml` above the first schema (defaults when
    /// there is none).
    pub config: Config,
}

/// The nearest `jsonstruct.toml` at or above `schema`'s folder (defaults when there is none),
/// or `None` after saying on stderr why it cannot be used.
pub fn config_for(schema: &Path, consequence: &str) -> Option<Config> {
    match Config::discover(schema) {
        Ok(found) => Some(found.map(|(_, c)| c).unwrap_or_default()),
        Err(e) => {
            let style = Style::new(render::use_color(true));
            eprintln!("{} {e}; {consequence}", style.error("error:"));
            None
        }
    }
}

/// The checked schema named by `path` (imports resolved against `dirs` and its own folder),
/// or `None` after saying on stderr why it cannot be used; `consequence` ends that message
/// ("nothing was exported").
pub fn load(path: &Path, dirs: &SchemaDirs, show: Show, consequence: &str) -> Option<Loaded> {
    load_all(
        std::slice::from_ref(&path.to_owned()),
        dirs,
        show,
        consequence,
    )
}

/// Several documents as one model (a generated crate): a definition they share through
/// imports is one type. With one path, that document's model.
pub fn load_all(
    paths: &[PathBuf],
    dirs: &SchemaDirs,
    show: Show,
    consequence: &str,
) -> Option<Loaded> {
    let style = Style::new(render::use_color(true));
    let docs = match Documents::read(paths, dirs) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{} {e}; {consequence}", style.error("error:"));
            return None;
        }
    };
    let mut ids = Vec::new();
    for (path, doc) in &docs.named {
        match doc {
            Ok(id) => ids.push(*id),
            Err(e) => {
                eprintln!(
                    "{} cannot read schema {}: {}; {consequence}",
                    style.error("error:"),
                    path.display(),
                    io_reason(e)
                );
                return None;
            }
        }
    }
    let report = if ids.len() == 1 {
        docs.set.check(ids[0])
    } else {
        docs.set.check_all(&ids)
    };
    let shown = paths[0].display().to_string();
    eprint!(
        "{}",
        render_report(&docs.set, &style, &report, ids[0], &shown, show)
    );
    match report.schema {
        Some(schema) => Some(Loaded {
            schema,
            set: docs.set,
            docs: ids,
            config: config_for(&paths[0], consequence)?,
        }),
        None => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            eprintln!(
                "{} {} {} not a valid JSON Structure schema ({} error(s)); {consequence}",
                style.error("error:"),
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" },
                report.errors().count()
            );
            None
        }
    }
}

/// The reason of an I/O load error, without the path (the caller names it).
pub fn io_reason(e: &LoadError) -> String {
    match e {
        LoadError::Io { error, .. } => error.to_string(),
        other => other.to_string(),
    }
}

/// The type `--type` names, or the root; `None` after saying why on stderr (unknown name with
/// the closest ones, abstract type, or no root and no `--type`).
pub fn target(schema: &Schema, ty: Option<&str>, what: &str) -> Option<TypeId> {
    let style = Style::new(render::use_color(true));
    let found = match ty {
        Some(name) => match schema.find_definition(name) {
            Ok(id) if schema.node(id).is_abstract => Err(format!(
                "\"{name}\" is abstract: it is only used through $extends; name a type that extends it"
            )),
            Ok(id) => Ok(id),
            Err(e) => Err(e.to_string()),
        },
        None => schema.root().ok_or_else(|| {
            let names = schema.type_names();
            let shown: Vec<&str> = names.iter().take(12).map(String::as_str).collect();
            format!(
                "the schema has no root type ('type' or '$root'); name one of its definitions with --type: {}{}",
                shown.join(", "),
                if names.len() > shown.len() { ", ..." } else { "" }
            )
        }),
    };
    match found {
        Ok(id) => Some(id),
        Err(why) => {
            eprintln!("{} {why} ({what})", style.error("error:"));
            None
        }
    }
}
