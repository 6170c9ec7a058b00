//! Schema evolution: what changed between two checked schema documents, whom each change
//! breaks, and the version bump it calls for in the generated crate.
//!
//! ```
//! use jsonstruct::diff::{self, ChangeKind, Semver};
//! use jsonstruct::Schema;
//!
//! let old = Schema::from_slice(br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/s", "name": "S", "type": "object",
//!     "properties": {"status": {"type": "string", "enum": ["active", "ended"]}},
//!     "required": ["status"], "additionalProperties": false}"#).unwrap();
//! let new = Schema::from_slice(br#"{"$schema": "https://json-structure.org/meta/core/v0/#",
//!     "$id": "https://example.com/s", "name": "S", "type": "object",
//!     "properties": {"status": {"type": "string", "enum": ["active", "ended", "pending"]}},
//!     "required": ["status"], "additionalProperties": false}"#).unwrap();
//! let d = diff::diff(&old, &new);
//! let c = &d.changes()[0];
//! assert_eq!(c.kind, ChangeKind::EnumValueAdded);
//! assert_eq!(c.new.as_ref().unwrap().pointer, "/properties/status/enum/2");
//! // Old data stays valid; new data may carry "pending", which old readers reject.
//! assert!(c.backward && !c.forward);
//! assert_eq!(c.semver, Semver::Minor);
//! assert!(d.is_backward_compatible() && !d.is_forward_compatible());
//! ```
//!
//! The verdicts are claims about the validator: *backward compatible* means every instance
//! valid under the old document is valid under the new one, *forward compatible* the reverse,
//! judged with the same [`Options`] (64-bit integers as numbers or strings). They are sound,
//! not complete: "compatible" is only said when it holds (a property test checks this with the
//! validator), while a change judged incompatible may in rare cases be harmless. A change whose
//! answer depends on the reader's policy says so in its note (an enum value added is rejected
//! by the strict validator and kept by the generated types).
//!
//! Types are matched by definition path; a definition or member renamed is a removal plus an
//! addition unless `altnames` says otherwise. References between matched definitions are not
//! followed (each definition is compared once), so the cost is linear in the documents' size;
//! deciding whether one type contains another (a reference retargeted, a type changed) is
//! memoised and bounded by a budget proportional to that size.

mod compare;
mod inclusion;
mod kind;
mod policy;
pub mod render;
mod values;

pub use crate::config::Requirement;
pub use kind::{ChangeKind, Semver};
pub use policy::{Allowance, Policy};

use crate::schema::{DefinitionPath, Location, Schema};
use crate::validate::Options;

/// Which of the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Side {
    Old,
    New,
}

/// One change between two documents. `#[non_exhaustive]`: read its fields; more may come.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// The definition the change is in (the new document's path when it has one).
    pub definition: Option<DefinitionPath>,
    /// Where in the old document (`None` for what the old one does not have). The pointer may
    /// end in a keyword (`/enum/3`, `/maxLength`); line and column are those of the schema
    /// node that holds it.
    pub old: Option<Location>,
    /// Where in the new document.
    pub new: Option<Location>,
    /// Every instance valid under the old document stays valid under the new one.
    pub backward: bool,
    /// Every instance valid under the new document is valid under the old one.
    pub forward: bool,
    /// Where the answer depends on the reader (the strict validator or the generated types),
    /// or why a verdict is conservative.
    pub note: Option<String>,
    /// The bump this change calls for in the generated crate.
    pub semver: Semver,
    /// What changed, for people.
    pub message: String,
}

impl Change {
    /// `full`, `backward`, `forward` or `none`.
    pub fn compatibility(&self) -> &'static str {
        match (self.backward, self.forward) {
            (true, true) => "full",
            (true, false) => "backward",
            (false, true) => "forward",
            (false, false) => "none",
        }
    }

    /// The pointer that names the change: in the new document, or the old one for removals.
    pub fn pointer(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |l| l.pointer.as_str())
    }
}

/// Every change between two documents, in definition-path order.
#[derive(Debug, Clone)]
pub struct Diff {
    changes: Vec<Change>,
    incomplete: bool,
}

impl Diff {
    /// Every change, in definition-path order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Nothing changed that instances or generated types could notice.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Every change is backward compatible.
    pub fn is_backward_compatible(&self) -> bool {
        self.changes.iter().all(|c| c.backward)
    }

    /// Every change is forward compatible.
    pub fn is_forward_compatible(&self) -> bool {
        self.changes.iter().all(|c| c.forward)
    }

    /// The largest bump any change calls for; `None` when nothing changed.
    pub fn semver(&self) -> Option<Semver> {
        self.changes.iter().map(|c| c.semver).max()
    }

    /// Whether the size budget for comparing types ran out, so that some verdicts are "no"
    /// without a full analysis (only for very large or adversarial documents).
    pub fn is_incomplete(&self) -> bool {
        self.incomplete
    }
}

/// Compares two checked documents with the validator's default options.
pub fn diff(old: &Schema, new: &Schema) -> Diff {
    diff_with_options(old, new, &Options::default())
}

/// Compares two checked documents; the verdicts are about a validator built with `options`
/// (whether `int64`/`uint64` may be JSON numbers, whether `format` is enforced).
pub fn diff_with_options(old: &Schema, new: &Schema, options: &Options) -> Diff {
    let docs = inclusion::Docs {
        old,
        new,
        strict_64: !options.int64_numbers_accepted(),
        check_formats: options.formats_checked(),
    };
    let mut cx = compare::Cx::new(docs);
    cx.run();
    Diff {
        incomplete: cx.inc.exhausted,
        changes: cx.changes,
    }
}

/// The changes of a document that did not exist before: each definition is added.
pub fn document_added(new: &Schema) -> Diff {
    whole_document(new, true)
}

/// The changes of a document that no longer exists: each definition is removed.
pub fn document_removed(old: &Schema) -> Diff {
    whole_document(old, false)
}

fn whole_document(schema: &Schema, added: bool) -> Diff {
    let changes = schema
        .definitions()
        .map(|(path, id)| {
            let loc = Some(schema.node(id).location.clone());
            Change {
                kind: if added {
                    ChangeKind::DefinitionAdded
                } else {
                    ChangeKind::DefinitionRemoved
                },
                definition: Some(path.clone()),
                old: if added { None } else { loc.clone() },
                new: if added { loc } else { None },
                backward: added,
                forward: !added,
                note: None,
                semver: if added { Semver::Minor } else { Semver::Major },
                message: format!(
                    "definition {path} {} (the document is {})",
                    if added { "added" } else { "removed" },
                    if added { "new" } else { "gone" }
                ),
            }
        })
        .collect();
    Diff {
        changes,
        incomplete: false,
    }
}

#[cfg(test)]
mod tests;
