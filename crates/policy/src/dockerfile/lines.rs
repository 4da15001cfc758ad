//! Physical lines, comment/blank tests and the line-continuation rule, as BuildKit's scanner
//! and `trimContinuationCharacter` see them.

/// One physical line of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhysicalLine {
    pub start: usize,
    /// End of the content: trailing `\r` and `\n` are not part of it.
    pub end: usize,
    /// Start of the next line (after the `\n`).
    pub next: usize,
}

impl PhysicalLine {
    /// Bytes including the line terminator, which is what Go's scanner buffers.
    pub fn raw_len(&self) -> usize {
        self.next - self.start
    }
}

/// Splits the source at `\n`, keeping positions; cheap to clone to rewind.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'s> {
    source: &'s str,
    pos: usize,
}

impl<'s> Lines<'s> {
    pub fn new(source: &'s str) -> Self {
        Self { source, pos: 0 }
    }
}

impl Iterator for Lines<'_> {
    type Item = PhysicalLine;

    fn next(&mut self) -> Option<PhysicalLine> {
        let rest = self.source.get(self.pos..).filter(|r| !r.is_empty())?;
        let start = self.pos;
        let next = rest.find('\n').map_or(self.source.len(), |i| start + i + 1);
        // BuildKit's trimNewline strips every trailing CR and LF.
        let content = self.source[start..next].trim_end_matches(['\r', '\n']);
        self.pos = next;
        Some(PhysicalLine {
            start,
            end: start + content.len(),
            next,
        })
    }
}

/// The Go `unicode.IsSpace` set, which `char::is_whitespace` matches.
pub(crate) fn trim_leading_space(text: &str) -> &str {
    text.trim_start()
}

/// A comment line: `#` is its first non-space character.
pub(crate) fn is_comment(text: &str) -> bool {
    trim_leading_space(text).starts_with('#')
}

pub(crate) fn is_blank(text: &str) -> bool {
    trim_leading_space(text).is_empty()
}

/// BuildKit's continuation regex `([^E])E[ \t]*$|^E[ \t]*$`: the escape character ends the line
/// (spaces and tabs after it allowed) and is not itself escaped. Returns the length of the text
/// to keep when the line continues.
pub(crate) fn continuation_cut(text: &str, escape: char) -> Option<usize> {
    let body = text.trim_end_matches([' ', '\t']);
    let before = body.strip_suffix(escape)?;
    if before.is_empty() || !before.ends_with(escape) {
        Some(before.len())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_strip_crlf_and_keep_offsets() {
        let lines: Vec<_> = Lines::new("a\r\nbc\n\nd").collect();
        assert_eq!(lines.len(), 4);
        assert_eq!((lines[0].start, lines[0].end, lines[0].next), (0, 1, 3));
        assert_eq!((lines[1].start, lines[1].end), (3, 5));
        assert_eq!((lines[2].start, lines[2].end), (6, 6));
        assert_eq!((lines[3].start, lines[3].end, lines[3].next), (7, 8, 8));
    }

    #[test]
    fn continuation_needs_an_unescaped_escape_at_the_end() {
        assert_eq!(continuation_cut("RUN a \\", '\\'), Some(6));
        assert_eq!(continuation_cut("RUN a \\  \t", '\\'), Some(6));
        assert_eq!(continuation_cut("\\", '\\'), Some(0));
        assert_eq!(continuation_cut("a\\\\", '\\'), None);
        assert_eq!(continuation_cut("a \\ b", '\\'), None);
        assert_eq!(continuation_cut("FROM `", '`'), Some(5));
        assert_eq!(continuation_cut("FROM \\", '`'), None);
    }
}
