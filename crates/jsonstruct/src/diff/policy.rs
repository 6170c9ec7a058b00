//! The compatibility policy: which verdict every change must have (`--require`), and the
//! reviewed exceptions (`--allow KIND@POINTER`).

use std::fmt;
use std::str::FromStr;

use super::{Change, ChangeKind, Diff, Requirement};

/// A reviewed change that may violate the requirement: its kind and the JSON Pointer of the
/// change in either document (`*` for any pointer).
///
/// Parse one from `KIND@POINTER`:
///
/// ```
/// use jsonstruct::diff::{Allowance, ChangeKind};
///
/// let a: Allowance = "enum-value-added@/definitions/Status/enum/3".parse().unwrap();
/// assert_eq!((a.kind, a.pointer.as_str()), (ChangeKind::EnumValueAdded, "/definitions/Status/enum/3"));
/// assert!("member-removed".parse::<Allowance>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Allowance {
    /// The kind of change allowed.
    pub kind: ChangeKind,
    /// The JSON Pointer of the change in either document, or `*` for any.
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
    /// Whether the allowance covers the change: same kind, and the pointer of either side
    /// (or any pointer, for `*`).
    pub fn matches(&self, c: &Change) -> bool {
        self.kind == c.kind
            && (self.pointer == "*"
                || [&c.old, &c.new]
                    .into_iter()
                    .flatten()
                    .any(|l| l.pointer == self.pointer))
    }
}

/// A requirement with its allowances: what `jsonstruct diff --require R --allow KIND@POINTER`
/// and `cargo xtask compat` enforce.
///
/// ```
/// use jsonstruct::diff::{self, Policy, Requirement};
/// use jsonstruct::Schema;
///
/// let doc = |values: &str| Schema::from_slice(format!(r#"{{"$schema": "https://json-structure.org/meta/core/v0/#",
///     "$id": "https://example.com/s", "name": "S", "type": "string", "enum": [{values}]}}"#).as_bytes()).unwrap();
/// let d = diff::diff(&doc(r#""a", "b""#), &doc(r#""a""#));
/// let mut policy = Policy::new(Requirement::Backward);
/// assert_eq!(policy.violations(&d).len(), 1); // "b" removed: old data breaks
/// policy.allow.push("enum-value-removed@*".parse().unwrap());
/// assert!(policy.violations(&d).is_empty());
/// # let same = Policy::new(Requirement::Backward).with_allowances(["enum-value-removed@*".parse().unwrap()]);
/// # assert_eq!(same.allow, policy.allow);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Policy {
    /// The compatibility every change must have.
    pub require: Requirement,
    /// Reviewed changes that may break it.
    pub allow: Vec<Allowance>,
}

impl Policy {
    /// A requirement without allowances.
    pub fn new(require: Requirement) -> Self {
        Policy {
            require,
            allow: Vec::new(),
        }
    }

    /// The same policy with `allow` added to its allowances.
    #[must_use]
    pub fn with_allowances(mut self, allow: impl IntoIterator<Item = Allowance>) -> Self {
        self.allow.extend(allow);
        self
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

    /// The changes of `diff` that violate the policy, in order.
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
