//! The lines of a pull request that review comments may be attached to.
//!
//! GitHub lists a pull request's files with a `patch` per file: the unified diff hunks without
//! the file headers. A review comment on the new version (`side: RIGHT`) must sit on a line that
//! appears in one of those hunks, added or context; a multi-line comment must stay in one hunk.

use std::collections::BTreeMap;

/// The new-side lines of one file's diff, each with the hunk it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffLines {
    hunk_of_line: BTreeMap<usize, usize>,
    added: Vec<usize>,
}

impl DiffLines {
    /// Reads a file's `patch` text. Lines it cannot make sense of are skipped: a malformed
    /// patch yields fewer commentable lines, never an error.
    pub fn from_patch(patch: &str) -> Self {
        let mut lines = DiffLines::default();
        let mut hunk = 0;
        let mut next_new_line: Option<usize> = None;
        for text in patch.lines() {
            if text.starts_with("@@") {
                next_new_line = new_side_start(text);
                hunk += 1;
                continue;
            }
            let Some(line) = next_new_line else { continue };
            match text.chars().next() {
                Some('+') => {
                    lines.hunk_of_line.insert(line, hunk);
                    lines.added.push(line);
                    next_new_line = Some(line + 1);
                }
                // Context lines (and an empty line, which some tools emit for a blank context
                // line) exist on both sides.
                Some(' ') | None => {
                    lines.hunk_of_line.insert(line, hunk);
                    next_new_line = Some(line + 1);
                }
                // Removed lines and "\ No newline at end of file" do not advance the new side.
                _ => {}
            }
        }
        lines
    }

    /// Whether a comment can be attached to `line` of the new version.
    pub fn contains(&self, line: usize) -> bool {
        self.hunk_of_line.contains_key(&line)
    }

    /// Whether `first..=last` can carry one multi-line comment.
    pub fn same_hunk(&self, first: usize, last: usize) -> bool {
        match (self.hunk_of_line.get(&first), self.hunk_of_line.get(&last)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    /// The lines the pull request added or changed.
    pub fn added(&self) -> &[usize] {
        &self.added
    }
}

/// `@@ -12,3 +14,5 @@ heading` → 14.
fn new_side_start(header: &str) -> Option<usize> {
    let new_side = header
        .split_whitespace()
        .find(|part| part.starts_with('+'))?;
    let start = new_side.trim_start_matches('+').split(',').next()?;
    start.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATCH: &str = "@@ -1,4 +1,5 @@\n FROM alpine\n-RUN apk add curl\n+RUN apk add --no-cache curl\n+USER app\n COPY . /app\n CMD [\"/app/run\"]\n@@ -20,2 +21,3 @@ stage\n EXPOSE 80\n+EXPOSE 443\n HEALTHCHECK NONE\n\\ No newline at end of file";

    #[test]
    fn counts_new_side_lines_through_removals() {
        let lines = DiffLines::from_patch(PATCH);
        assert_eq!(lines.added(), &[2, 3, 22]);
        for line in [1, 2, 3, 4, 5, 21, 22, 23] {
            assert!(lines.contains(line), "line {line}");
        }
        for line in [0, 6, 20, 24] {
            assert!(!lines.contains(line), "line {line}");
        }
    }

    #[test]
    fn multi_line_comments_must_stay_in_one_hunk() {
        let lines = DiffLines::from_patch(PATCH);
        assert!(lines.same_hunk(2, 4));
        assert!(!lines.same_hunk(4, 21));
        assert!(!lines.same_hunk(5, 6));
    }

    #[test]
    fn a_new_file_is_all_added() {
        let lines = DiffLines::from_patch("@@ -0,0 +1,2 @@\n+FROM scratch\n+COPY app /");
        assert_eq!(lines.added(), &[1, 2]);
    }

    #[test]
    fn garbage_yields_no_lines() {
        let lines = DiffLines::from_patch("Binary files differ\n+not in a hunk");
        assert!(!lines.contains(1));
        assert!(lines.added().is_empty());
    }
}
