//! Human-readable reports: the offending source line with a caret under the column, coloured
//! only when the stream is a terminal (and `NO_COLOR` is unset).

use std::io::IsTerminal;

use jsonstruct::location::LineIndex;
use jsonstruct::Diagnostic;

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
        let text = index.line_text(source, source_line);
        // Very long lines (minified JSON) are cut around the column, at character boundaries.
        let text = String::from_utf8_lossy(text);
        let col = f.column.saturating_sub(1);
        let start = col.saturating_sub(60);
        let byte_at = |chars: usize| {
            text.char_indices()
                .nth(chars)
                .map_or(text.len(), |(i, _)| i)
        };
        let (from, to) = (byte_at(start), byte_at(col + 60));
        let mut shown: String = text[from..to].replace('\t', " ");
        if from > 0 {
            shown.insert_str(0, "...");
        }
        if to < text.len() {
            shown.push_str("...");
        }
        let caret_at =
            col.min(start + text[from..to].chars().count()) - start + if from > 0 { 3 } else { 0 };
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
