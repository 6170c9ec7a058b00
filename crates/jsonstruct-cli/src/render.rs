//! Human-readable reports: the offending source line with a caret under the column, coloured
//! only when the stream is a terminal (and `NO_COLOR` is unset).

use std::io::IsTerminal;

use jsonstruct::{Diagnostic, LineIndex};

/// Whether to colour output written to stdout or stderr.
pub fn use_color(stderr: bool) -> bool {
    let tty = if stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    tty && std::env::var_os("NO_COLOR").is_none()
}

pub struct Style {
    color: bool,
}

impl Style {
    pub fn new(color: bool) -> Self {
        Style { color }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }

    pub fn error(&self, s: &str) -> String {
        self.paint("1;31", s)
    }

    pub fn warning(&self, s: &str) -> String {
        self.paint("1;33", s)
    }

    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }

    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// One located finding rendered as
///
/// ```text
/// error[CODE]: message
///   --> file:line:column (pointer)
///    |
///  5 |   "type": "strin",
///    |           ^
/// ```
pub struct Finding<'a> {
    pub warning: bool,
    pub code: &'a str,
    pub message: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub pointer: &'a str,
    /// Byte offset of the finding in the source, when known: the excerpt is then cut around
    /// it directly, whatever the length of the line.
    pub offset: Option<usize>,
}

pub fn finding(style: &Style, f: &Finding<'_>, source: &[u8], index: &LineIndex) -> String {
    finding_at(style, f, source, index, f.line)
}

/// A schema diagnostic of `file` (whose text is `source`), rendered as a finding.
pub fn diagnostic(
    style: &Style,
    d: &Diagnostic,
    file: &str,
    source: &[u8],
    index: &LineIndex,
) -> String {
    let f = Finding {
        warning: !d.is_error(),
        code: d.code.as_str(),
        message: &d.message,
        file,
        line: d.line,
        column: d.column,
        pointer: &d.pointer,
        offset: None,
    };
    finding(style, &f, source, index)
}

/// Like [`finding`], with the excerpt taken from line `source_line` of `source` while the
/// report names `f.line` (an NDJSON instance is line 1 of its own text but line N of the file).
pub fn finding_at(
    style: &Style,
    f: &Finding<'_>,
    source: &[u8],
    index: &LineIndex,
    source_line: usize,
) -> String {
    let label = if f.warning {
        style.warning(&format!("warning[{}]", f.code))
    } else {
        style.error(&format!("error[{}]", f.code))
    };
    let mut out = format!("{label}: {}\n", style.bold(f.message));
    let at = if f.pointer.is_empty() && f.line == 0 {
        f.file.to_owned()
    } else if f.pointer.is_empty() {
        format!("{}:{}:{}", f.file, f.line, f.column)
    } else {
        format!("{}:{}:{} ({})", f.file, f.line, f.column, f.pointer)
    };
    out.push_str(&format!("  {} {at}\n", style.dim("-->")));
    if f.line > 0 && source_line > 0 {
        let line = index.line_text(source, source_line);
        // At most 60 characters either side of the column: a minified document is one long
        // line, and an instance can have 100,000 errors on it, so the excerpt is found from the
        // byte offset when there is one (never by counting characters from the line start).
        let at = match (f.offset, index.line_start(source_line)) {
            (Some(offset), Some(start)) if offset >= start => (offset - start).min(line.len()),
            _ => char_to_byte(line, 0, f.column.saturating_sub(1)),
        };
        let from = back_chars(line, at, 60);
        let to = char_to_byte(line, at, 60);
        let before = String::from_utf8_lossy(&line[from..at]).replace('\t', " ");
        let after = String::from_utf8_lossy(&line[at..to]).replace('\t', " ");
        let prefix = if from > 0 { "..." } else { "" };
        let suffix = if to < line.len() { "..." } else { "" };
        let shown = format!("{prefix}{before}{after}{suffix}");
        let caret_at = prefix.len() + before.chars().count();
        let num = f.line.to_string();
        let pad = " ".repeat(num.len());
        out.push_str(&format!("{pad} {}\n", style.dim("|")));
        out.push_str(&format!("{} {} {shown}\n", style.dim(&num), style.dim("|")));
        let caret = if f.warning {
            style.warning("^")
        } else {
            style.error("^")
        };
        out.push_str(&format!(
            "{pad} {} {}{caret}\n",
            style.dim("|"),
            " ".repeat(caret_at)
        ));
    }
    out
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// The byte index `n` characters after byte `at` of `line` (or its end).
fn char_to_byte(line: &[u8], at: usize, n: usize) -> usize {
    let mut seen = 0;
    for (i, &b) in line.iter().enumerate().skip(at) {
        if starts_char(b) {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    line.len()
}

/// The byte index `n` characters before byte `at` of `line` (or 0).
fn back_chars(line: &[u8], at: usize, n: usize) -> usize {
    let mut i = at;
    let mut seen = 0;
    while i > 0 && seen < n {
        i -= 1;
        if starts_char(line[i]) {
            seen += 1;
        }
    }
    i
}
