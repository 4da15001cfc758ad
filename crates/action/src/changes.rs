//! Which lines a change touched, from unified diff text: `git diff --unified=0 base...HEAD`
//! locally, or a pull request's patch. Only the new side matters: findings are reported in the
//! files as they are now.

use std::collections::{BTreeMap, BTreeSet};

/// Changed files, each with the (1-based) lines added or modified in its new version. A file
/// can be changed with no such line (renamed, mode change, lines only deleted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLines {
    files: BTreeMap<String, BTreeSet<usize>>,
}

impl ChangedLines {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a file as changed, without any particular line.
    pub fn add_file(&mut self, path: &str) {
        self.files.entry(normalize(path)).or_default();
    }

    pub fn add_line(&mut self, path: &str, line: usize) {
        self.files.entry(normalize(path)).or_default().insert(line);
    }

    /// Adds the lines of one file's patch: its `@@` hunks, as a pull request's `patch` field
    /// holds them.
    pub fn add_patch(&mut self, path: &str, patch: &str) {
        self.add_file(path);
        let mut hunk: Option<Hunk> = None;
        for line in patch.lines() {
            match &mut hunk {
                Some(current) if !current.is_done() => {
                    if let Some(changed) = current.feed(line) {
                        self.add_line(path, changed);
                    }
                }
                _ => hunk = Hunk::parse(line),
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn contains_file(&self, path: &str) -> bool {
        self.files.contains_key(&normalize(path))
    }

    pub fn contains_line(&self, path: &str, line: usize) -> bool {
        self.files
            .get(&normalize(path))
            .is_some_and(|lines| lines.contains(&line))
    }

    /// Whether any line of `first..=last` changed.
    pub fn touches(&self, path: &str, first: usize, last: usize) -> bool {
        self.files
            .get(&normalize(path))
            .is_some_and(|lines| lines.range(first..=last.max(first)).next().is_some())
    }

    /// The changed files, sorted.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// A file's changed lines, sorted.
    pub fn lines(&self, path: &str) -> impl Iterator<Item = usize> + '_ {
        self.files
            .get(&normalize(path))
            .into_iter()
            .flat_map(|lines| lines.iter().copied())
    }
}

/// Parses unified diff text of any number of files (`git diff` output with its `diff --git`
/// headers, or plain `diff -u` output), with or without context lines. Deleted files are left
/// out; renamed files are listed under their new name.
pub fn parse_unified_diff(diff: &str) -> ChangedLines {
    let mut changed = ChangedLines::new();
    let mut section = Section::default();
    let mut hunk: Option<Hunk> = None;
    for line in diff.lines() {
        if let Some(current) = hunk.as_mut().filter(|h| !h.is_done()) {
            if let (Some(number), Some(path)) = (current.feed(line), section.path()) {
                changed.add_line(path, number);
            }
            continue;
        }
        hunk = None;
        if let Some(rest) = line.strip_prefix("diff --git ") {
            section.finish(&mut changed);
            section = Section {
                from_git_header: git_header_new_path(rest),
                ..Section::default()
            };
        } else if line.starts_with("--- ") && section.new_path.is_some() {
            // Plain `diff -u` output: the next file begins without a `diff --git` line.
            section.finish(&mut changed);
            section = Section::default();
        } else if let Some(rest) = line.strip_prefix("+++ ") {
            section.new_path = Some(header_path(rest));
        } else if let Some(rest) = line.strip_prefix("rename to ") {
            section.renamed_to = Some(unquote(rest));
        } else if line.starts_with("deleted file mode") {
            section.deleted = true;
        } else if line.starts_with("@@") {
            hunk = Hunk::parse(line);
            if let Some(path) = section.path() {
                changed.add_file(path);
            }
        }
    }
    section.finish(&mut changed);
    changed
}

/// What the headers of one file's diff said about its new name.
#[derive(Debug, Default)]
struct Section {
    from_git_header: Option<String>,
    renamed_to: Option<String>,
    /// From the `+++` line: `Some(None)` is `/dev/null`, a deleted file.
    new_path: Option<Option<String>>,
    deleted: bool,
}

impl Section {
    fn path(&self) -> Option<&str> {
        if self.deleted {
            return None;
        }
        match &self.new_path {
            Some(path) => path.as_deref(),
            None => self
                .renamed_to
                .as_deref()
                .or(self.from_git_header.as_deref()),
        }
    }

    /// A file with no hunks (renamed, mode changed, emptied) still counts as changed.
    fn finish(&self, changed: &mut ChangedLines) {
        if let Some(path) = self.path() {
            changed.add_file(path);
        }
    }
}

/// One `@@ -a,b +c,d @@` hunk being read: where its next new line is and how many lines of
/// each side are left, so that a removed line reading `--- x` is not taken for a header.
#[derive(Debug)]
struct Hunk {
    next_new_line: usize,
    old_left: usize,
    new_left: usize,
}

impl Hunk {
    fn parse(header: &str) -> Option<Hunk> {
        let ranges = header.strip_prefix("@@ ")?.split(" @@").next()?;
        let mut old = None;
        let mut new = None;
        for part in ranges.split_whitespace() {
            if let Some(range) = part.strip_prefix('-') {
                old = parse_range(range);
            } else if let Some(range) = part.strip_prefix('+') {
                new = parse_range(range);
            }
        }
        let ((_, old_left), (start, new_left)) = (old?, new?);
        Some(Hunk {
            next_new_line: start,
            old_left,
            new_left,
        })
    }

    fn is_done(&self) -> bool {
        self.old_left == 0 && self.new_left == 0
    }

    /// Reads one body line; returns the new file's line number when the line was added.
    fn feed(&mut self, line: &str) -> Option<usize> {
        match line.as_bytes().first() {
            Some(b'+') => {
                self.new_left = self.new_left.saturating_sub(1);
                self.next_new_line += 1;
                Some(self.next_new_line - 1)
            }
            Some(b'-') => {
                self.old_left = self.old_left.saturating_sub(1);
                None
            }
            // `\ No newline at end of file` belongs to the line before it.
            Some(b'\\') => None,
            // A context line (an empty one when trailing spaces were stripped).
            _ => {
                self.old_left = self.old_left.saturating_sub(1);
                self.new_left = self.new_left.saturating_sub(1);
                self.next_new_line += 1;
                None
            }
        }
    }
}

/// `start,count` or `start` (a count of one).
fn parse_range(range: &str) -> Option<(usize, usize)> {
    let (start, count) = range.split_once(',').unwrap_or((range, "1"));
    Some((start.parse().ok()?, count.parse().ok()?))
}

/// `b/path` from a `+++` line; `None` for `/dev/null` (a deleted file).
fn header_path(text: &str) -> Option<String> {
    // Timestamps follow a tab in plain `diff -u` output.
    let text = text.split('\t').next().unwrap_or(text).trim_end();
    if text == "/dev/null" {
        return None;
    }
    let path = unquote(text);
    Some(path.strip_prefix("b/").map(str::to_string).unwrap_or(path))
}

/// The `b/...` side of `diff --git a/x b/y`, which names a file whose diff has no `+++` line.
fn git_header_new_path(names: &str) -> Option<String> {
    if names.ends_with('"') {
        let index = names.rfind(" \"b/")?;
        let quoted = unquote(&names[index + 1..]);
        return quoted.strip_prefix("b/").map(str::to_string);
    }
    let index = names.rfind(" b/")?;
    Some(names[index + 3..].to_string())
}

/// Git quotes names with special characters C-style: `"b/caf\303\251 menu"`.
fn unquote(text: &str) -> String {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return text.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes().peekable();
    while let Some(byte) = chars.next() {
        if byte != b'\\' {
            bytes.push(byte);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(0x07),
            Some(b'b') => bytes.push(0x08),
            Some(b'f') => bytes.push(0x0c),
            Some(b'v') => bytes.push(0x0b),
            Some(digit @ b'0'..=b'7') => {
                let mut value = u32::from(digit - b'0');
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            chars.next();
                        }
                        _ => break,
                    }
                }
                bytes.push(u8::try_from(value).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Paths compare without a leading `./`, with `/` separators.
fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(changed: &ChangedLines, path: &str) -> Vec<usize> {
        changed.lines(path).collect()
    }

    #[test]
    fn reads_git_diff_with_zero_context() {
        let diff = "\
diff --git a/app/Dockerfile b/app/Dockerfile
index 1111111..2222222 100644
--- a/app/Dockerfile
+++ b/app/Dockerfile
@@ -3 +3 @@ FROM python:3.12
-USER root
+USER app
@@ -10,0 +11,2 @@ RUN pip install .
+HEALTHCHECK CMD curl -f http://localhost/
+EXPOSE 8000
@@ -20,2 +21,0 @@ CMD [\"app\"]
-# old
-# older
diff --git a/Dockerfile.dev b/Dockerfile.dev
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/Dockerfile.dev
@@ -0,0 +1,2 @@
+FROM python:3.12
+CMD [\"app\", \"--reload\"]
diff --git a/old/Dockerfile b/old/Dockerfile
deleted file mode 100644
index 4444444..0000000
--- a/old/Dockerfile
+++ /dev/null
@@ -1 +0,0 @@
-FROM alpine
";
        let changed = parse_unified_diff(diff);
        assert_eq!(
            changed.files().collect::<Vec<_>>(),
            ["Dockerfile.dev", "app/Dockerfile"]
        );
        assert_eq!(lines(&changed, "app/Dockerfile"), [3, 11, 12]);
        assert_eq!(lines(&changed, "Dockerfile.dev"), [1, 2]);
        assert!(!changed.contains_file("old/Dockerfile"));
        assert!(changed.contains_line("./app/Dockerfile", 11));
        assert!(!changed.contains_line("app/Dockerfile", 4));
        assert!(changed.touches("app/Dockerfile", 4, 11));
        assert!(!changed.touches("app/Dockerfile", 4, 10));
    }

    #[test]
    fn reads_hunks_with_context_and_lines_that_look_like_headers() {
        let diff = "\
--- a/Dockerfile\t2026-01-01 00:00:00
+++ b/Dockerfile\t2026-01-02 00:00:00
@@ -1,5 +1,5 @@
 FROM alpine:3.21
--- removed comment
++++ added line starting with +++
 RUN true

 CMD [\"x\"]
--- a/other/Dockerfile
+++ b/other/Dockerfile
@@ -2 +2 @@
-a
+b
\\ No newline at end of file
";
        let changed = parse_unified_diff(diff);
        assert_eq!(lines(&changed, "Dockerfile"), [2]);
        assert_eq!(lines(&changed, "other/Dockerfile"), [2]);
    }

    #[test]
    fn renames_and_mode_changes_count_as_changed_files() {
        let diff = "\
diff --git a/Dockerfile b/build/Dockerfile
similarity index 100%
rename from Dockerfile
rename to build/Dockerfile
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
diff --git \"a/caf\\303\\251/Dockerfile\" \"b/caf\\303\\251/Dockerfile\"
index 1..2 100644
--- \"a/caf\\303\\251/Dockerfile\"
+++ \"b/caf\\303\\251/Dockerfile\"
@@ -1 +1 @@
-FROM a
+FROM b
";
        let changed = parse_unified_diff(diff);
        assert_eq!(
            changed.files().collect::<Vec<_>>(),
            ["build/Dockerfile", "café/Dockerfile", "run.sh"]
        );
        assert_eq!(lines(&changed, "build/Dockerfile"), Vec::<usize>::new());
        assert_eq!(lines(&changed, "café/Dockerfile"), [1]);
    }

    #[test]
    fn reads_a_pull_request_file_patch() {
        let patch = "@@ -1,3 +1,4 @@\n FROM alpine:3.21\n+USER app\n RUN true\n-CMD x\n+CMD [\"x\"]\n@@ -10 +11 @@\n-a\n+b";
        let mut changed = ChangedLines::new();
        changed.add_patch("svc/Dockerfile", patch);
        assert_eq!(lines(&changed, "svc/Dockerfile"), [2, 4, 11]);
    }

    #[test]
    fn garbage_is_no_change() {
        assert!(parse_unified_diff("not a diff\n@@ nonsense @@\n+x\n").is_empty());
        assert!(parse_unified_diff("").is_empty());
    }
}
