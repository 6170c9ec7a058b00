//! GitHub Actions workflow commands, the `--format github` of `jsonstruct validate` and
//! `jsonstruct diff`: one annotation per finding, shown on the file and line in a pull request.

/// One workflow command line, ending in a newline: `::<level> file=..,line=..,col=..,title=..::message`.
/// `level` is `error`, `warning` or `notice`; `position` is a 1-based line and column, when
/// known. The file, title and message are escaped as the workflow command syntax requires
/// (`%`, carriage return and newline everywhere, `:` and `,` in properties).
///
/// ```
/// let line = jsonstruct::github::annotation(
///     "error", "a,b.json", Some((3, 7)), "INSTANCE_STRING_EXPECTED", "expected a string\nat /name",
/// );
/// assert_eq!(
///     line,
///     "::error file=a%2Cb.json,line=3,col=7,title=INSTANCE_STRING_EXPECTED::expected a string%0Aat /name\n"
/// );
/// ```
pub fn annotation(
    level: &str,
    file: &str,
    position: Option<(usize, usize)>,
    title: &str,
    message: &str,
) -> String {
    let at = position.map_or_else(String::new, |(line, column)| {
        format!(",line={},col={}", line.max(1), column.max(1))
    });
    format!(
        "::{level} file={}{at},title={}::{}\n",
        escape_property(file),
        escape_property(title),
        escape_data(message)
    )
}

/// Escapes the message of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            annotation("warning", "f", None, "T", "m"),
            "::warning file=f,title=T::m\n"
        );
    }
}
