//! Reports of a diff: text for people, one JSON object for scripts, GitHub Actions
//! annotations for pull requests. `old` and `new` name the two documents (file paths).

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{Change, Diff, Policy};
use crate::schema::Location;

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// `major bump`, or `no bump` for an empty diff.
pub fn semver_text(diff: &Diff) -> String {
    diff.semver()
        .map_or_else(|| "no bump".to_owned(), |s| format!("{s} bump"))
}

fn at(file: &str, l: &Location) -> String {
    let pointer = if l.pointer.is_empty() {
        "root"
    } else {
        &l.pointer
    };
    format!("{file}:{}:{} ({pointer})", l.line, l.column)
}

/// One change as text: a label line, the verdict, where it is in each document, the note.
pub fn change_text(c: &Change, old: &str, new: &str, policy: Option<&Policy>) -> String {
    let label = match policy {
        Some(p) if p.violates(c) => "error",
        Some(p) if p.breaks(c) => "allowed",
        _ => "change",
    };
    let mut out = String::new();
    let def = c
        .definition
        .as_ref()
        .map_or_else(String::new, |d| format!("{d}: "));
    let _ = writeln!(out, "{label}[{}]: {def}{}", c.kind, c.message);
    let _ = write!(
        out,
        "  backward: {}  forward: {}  semver: {}",
        yes(c.backward),
        yes(c.forward),
        c.semver
    );
    if let Some(p) = policy {
        if p.breaks(c) {
            match p.allowance(c) {
                Some(a) => {
                    let _ = write!(out, "  (allowed by --allow {a})");
                }
                None => {
                    let _ = write!(out, "  (violates require = {})", p.require.as_str());
                }
            }
        }
    }
    out.push('\n');
    if let Some(l) = &c.old {
        let _ = writeln!(out, "  --> old {}", at(old, l));
    }
    if let Some(l) = &c.new {
        let _ = writeln!(out, "  --> new {}", at(new, l));
    }
    if let Some(n) = &c.note {
        let _ = writeln!(out, "  note: {n}");
    }
    out
}

/// The summary line.
pub fn summary_text(diff: &Diff, old: &str, new: &str, policy: Option<&Policy>) -> String {
    let mut s = format!(
        "{old} -> {new}: {} change(s); backward compatible: {}; forward compatible: {}; generated crate: {}",
        diff.changes().len(),
        yes(diff.is_backward_compatible()),
        yes(diff.is_forward_compatible()),
        semver_text(diff),
    );
    if let Some(p) = policy {
        let violations = p.violations(diff).len();
        let allowed = diff
            .changes()
            .iter()
            .filter(|c| p.breaks(c) && !p.violates(c))
            .count();
        let _ = write!(
            s,
            "; require {}: {violations} violation(s)",
            p.require.as_str()
        );
        if allowed > 0 {
            let _ = write!(s, ", {allowed} allowed");
        }
    }
    if diff.is_incomplete() {
        s.push_str(
            "\n  note: the documents are too large to compare every type fully; some verdicts are conservative",
        );
    }
    s.push('\n');
    s
}

/// The whole report: every change, then the summary.
pub fn text(diff: &Diff, old: &str, new: &str, policy: Option<&Policy>) -> String {
    let mut out = String::new();
    for c in diff.changes() {
        out.push_str(&change_text(c, old, new, policy));
    }
    out.push_str(&summary_text(diff, old, new, policy));
    out
}

fn location_json(l: &Option<Location>) -> Value {
    match l {
        Some(l) => json!({"pointer": l.pointer, "line": l.line, "column": l.column}),
        None => Value::Null,
    }
}

/// One change as JSON: `{kind, definition, message, backward, forward, compatibility,
/// semver, note, old, new}`, plus `violation` and `allowed` under a policy.
pub fn change_json(c: &Change, policy: Option<&Policy>) -> Value {
    let mut v = json!({
        "kind": c.kind.as_str(),
        "definition": c.definition.as_ref().map(ToString::to_string),
        "message": c.message,
        "backward": c.backward,
        "forward": c.forward,
        "compatibility": c.compatibility(),
        "semver": c.semver.as_str(),
        "note": c.note,
        "old": location_json(&c.old),
        "new": location_json(&c.new),
    });
    if let Some(p) = policy {
        v["violation"] = json!(p.violates(c));
        v["allowed"] = json!(p.breaks(c) && !p.violates(c));
    }
    v
}

/// The whole report as one JSON object: `{old, new, backward, forward, semver, require,
/// violations, changes}`.
pub fn json(diff: &Diff, old: &str, new: &str, policy: Option<&Policy>) -> Value {
    json!({
        "old": old,
        "new": new,
        "backward": diff.is_backward_compatible(),
        "forward": diff.is_forward_compatible(),
        "semver": diff.semver().map(|s| s.as_str()),
        "incomplete": diff.is_incomplete(),
        "require": policy.map(|p| p.require.as_str()),
        "violations": policy.map(|p| p.violations(diff).len()),
        "changes": diff.changes().iter().map(|c| change_json(c, policy)).collect::<Vec<_>>(),
    })
}

/// GitHub Actions annotations: `::error` for violations, `::notice` for the other changes,
/// placed in the new document (the old one for removals).
pub fn github(diff: &Diff, old: &str, new: &str, policy: Option<&Policy>) -> String {
    let mut out = String::new();
    for c in diff.changes() {
        let level = match policy {
            Some(p) if p.violates(c) => "error",
            _ => "notice",
        };
        let (file, l) = match (&c.new, &c.old) {
            (Some(l), _) => (new, l),
            (None, Some(l)) => (old, l),
            (None, None) => (new, &Location::new("", 1, 1)),
        };
        let def = c
            .definition
            .as_ref()
            .map_or_else(String::new, |d| format!("{d}: "));
        let mut msg = format!(
            "{def}{} (backward: {}, forward: {}, semver: {}; {})",
            c.message,
            yes(c.backward),
            yes(c.forward),
            c.semver,
            if l.pointer.is_empty() {
                "root"
            } else {
                &l.pointer
            }
        );
        if let Some(n) = &c.note {
            let _ = write!(msg, "\nnote: {n}");
        }
        out.push_str(&crate::github::annotation(
            level,
            file,
            Some((l.line, l.column)),
            &format!("jsonstruct diff: {}", c.kind),
            &msg,
        ));
    }
    out
}
