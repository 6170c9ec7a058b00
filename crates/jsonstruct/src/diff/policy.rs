//! The compatibility policy: which verdict every change must have (`--require`), and the
//! reviewed exceptions (`--allow KIND@POINTER`).

use std::fmt;
use std::str::FromStr;

use super::{Change, ChangeKind, Diff, Requirement};

/// A reviewed change that may violate the requirement: its kind and the JSON Pointer of the
/// change in either document (`*` for any pointer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowance {
    pub kind: ChangeKind,
    pub pointer: String,
}

impl FromStr for Allowance {
    type Err = String;

    /// `KIND@POINTER`, e.g. `enum-value-added@/definitions/Status/enum/3` or
    /// `member-removed@*`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (kind, pointer) = s.split_once('@').ok_or_else(|| {
            format!("'{s}' is not KIND@POINTER (e.g. member-removed@/properties/name)")
        })?;
        let kind = kind.parse::<ChangeKind>().map_err(|e| {
            let names: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("{e} in '{s}' (kinds: {})", names.join(", "))
        })?;
        if pointer != "*" && !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(format!(
                "'{pointer}' in '{s}' is not a JSON Pointer (it starts with '/', or is '' for the root, or '*' for any)"
            ));
        }
        Ok(Allowance {
            kind,
            pointer: pointer.to_owned(),
        })
    }
}

impl fmt::Display for Allowance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.kind, self.pointer)
    }
}

impl Allowance {
    pub fn matches(&self, c: &Change) -> bool {
        self.kind == c.kind
            && (self.pointer == "*"
                || [&c.old, &c.new]
                    .into_iter()
                    .flatten()
                    .any(|l| l.pointer == self.pointer))
    }
}

/// A requirement with its allowances.
#[derive(Debug, Clone)]
pub struct Policy {
    pub require: Requirement,
    pub allow: Vec<Allowance>,
}

impl Policy {
    pub fn new(require: Requirement) -> Self {
        Policy {
            require,
            allow: Vec::new(),
        }
    }

    /// The change does not have the compatibility the requirement asks for.
    pub fn breaks(&self, c: &Change) -> bool {
        match self.require {
            Requirement::Backward => !c.backward,
            Requirement::Forward => !c.forward,
            Requirement::Full => !(c.backward && c.forward),
            Requirement::None => false,
        }
    }

    /// The allowance that accepts a breaking change, if any.
    pub fn allowance(&self, c: &Change) -> Option<&Allowance> {
        self.allow.iter().find(|a| a.matches(c))
    }

    /// The change breaks the requirement and is not allowed.
    pub fn violates(&self, c: &Change) -> bool {
        self.breaks(c) && self.allowance(c).is_none()
    }

    pub fn violations<'d>(&self, diff: &'d Diff) -> Vec<&'d Change> {
        diff.changes().iter().filter(|c| self.violates(c)).collect()
    }

    /// Allowances that accept no breaking change of `diffs` (stale entries to remove).
    pub fn unused<'p>(&'p self, diffs: &[&Diff]) -> Vec<&'p Allowance> {
        self.allow
            .iter()
            .filter(|a| {
                !diffs
                    .iter()
                    .flat_map(|d| d.changes())
                    .any(|c| self.breaks(c) && a.matches(c))
            })
            .collect()
    }
}
