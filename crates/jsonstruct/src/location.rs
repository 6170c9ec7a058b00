//! Byte offsets to 1-based lines and columns. Computed only when a diagnostic is reported, so
//! the hot paths carry plain offsets.

/// Line starts of a text, for turning byte offsets (such as [`crate::Diagnostic::offset`] and
/// [`crate::ValidationError::offset`]) into the lines and columns people read, and for
/// showing the offending line.
///
/// ```
/// use jsonstruct::LineIndex;
///
/// let text = "{\n  \"caf\u{e9}\": 1\n}".as_bytes();
/// let index = LineIndex::new(text);
/// assert_eq!(index.line_col(text, 13), (2, 11)); // the `1`: columns count characters
/// assert_eq!(index.line_text(text, 2), "  \"caf\u{e9}\": 1".as_bytes());
/// assert_eq!(index.line_start(2), Some(2));
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (one pass).
    pub fn new(text: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column; the column counts characters (not bytes), so it matches what
    /// editors show for non-ASCII lines (each byte of invalid UTF-8 counts as one).
    pub fn line_col(&self, text: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        (line + 1, chars(&text[start..offset]) + 1)
    }

    /// Lines and columns of many offsets at once, in linear time overall: characters are only
    /// counted between consecutive offsets, so a minified one-line document with a million
    /// positions costs one pass, not a million.
    pub fn line_cols(&self, text: &[u8], offsets: &[usize]) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![(0, 0); offsets.len()];
        // (line index, offset, column) of the previous position.
        let mut prev: Option<(usize, usize, usize)> = None;
        for i in order {
            let offset = offsets[i].min(text.len());
            let line = self.starts.partition_point(|&s| s <= offset) - 1;
            let col = match prev {
                Some((l, o, c)) if l == line => c + chars(&text[o..offset]),
                _ => chars(&text[self.starts[line]..offset]) + 1,
            };
            out[i] = (line + 1, col);
            prev = Some((line, offset, col));
        }
        out
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.wrapping_sub(1)).copied()
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text<'t>(&self, text: &'t [u8], line: usize) -> &'t [u8] {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return &[];
        };
        let end = self.starts.get(line).map_or(text.len(), |&e| e - 1);
        let l = &text[start..end.max(start)];
        l.strip_suffix(b"\r").unwrap_or(l)
    }
}

/// Characters in a byte slice: bytes that do not continue a UTF-8 sequence.
fn chars(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c & 0xC0 != 0x80).count()
}

/// One-off lookup without keeping an index.
pub(crate) fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    LineIndex::new(&text[..offset.min(text.len())]).line_col(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_chars() {
        let text = "ab\n\u{e9}x\r\nz".as_bytes();
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 5), (2, 2)); // after the two-byte 'é'
        assert_eq!(idx.line_col(text, 8), (3, 1));
        assert_eq!(idx.line_text(text, 2), "\u{e9}x".as_bytes());
        assert_eq!((idx.line_start(2), idx.line_start(4)), (Some(3), None));
        assert_eq!(line_col(text, 5), (2, 2));
        let offsets = [8, 0, 5, 3, 5];
        let expected: Vec<_> = offsets.iter().map(|&o| idx.line_col(text, o)).collect();
        assert_eq!(idx.line_cols(text, &offsets), expected);
    }
}
