//! Human-readable reports: the offending source line with a caret under the column, coloured
//! only when the stream is a terminal (and `NO_COLOR` is unset).

use std::io::IsTerminal;

use jsonstruct::location::LineIndex;

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
    if f.line > 0 {
        let text = index.line_text(source, f.line);
        // Very long lines (minified JSON) are cut around the column.
        let text = String::from_utf8_lossy(text);
        let chars: Vec<char> = text.chars().collect();
        let col = f.column.saturating_sub(1).min(chars.len());
        let start = col.saturating_sub(60);
        let end = (col + 60).min(chars.len());
        let mut shown: String = chars[start..end]
            .iter()
            .map(|&c| if c == '\t' { ' ' } else { c })
            .collect();
        if start > 0 {
            shown.insert_str(0, "...");
        }
        if end < chars.len() {
            shown.push_str("...");
        }
        let caret_at = col - start + if start > 0 { 3 } else { 0 };
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
