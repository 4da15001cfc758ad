//! Renderers turn a [`Report`] into text. They know nothing of particular rules: what they print
//! comes from the findings (and, for catalogue formats, from rule metadata passed in).

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod style;

use ballast_policy::span::LineIndex;
use ballast_policy::{Report, Severity, SourceFile};
use std::collections::HashMap;

/// The checked files' text, by reported path, for renderers that quote source lines.
pub struct Sources<'a> {
    files: HashMap<&'a str, (&'a str, LineIndex)>,
}

impl<'a> Sources<'a> {
    pub fn new(files: &'a [SourceFile]) -> Self {
        Self {
            files: files
                .iter()
                .map(|file| {
                    let text = file.contents.as_str();
                    (file.path.as_str(), (text, LineIndex::new(text)))
                })
                .collect(),
        }
    }

    /// How many lines a file has; `None` for an unknown file.
    pub fn line_count(&self, path: &str) -> Option<usize> {
        self.files.get(path).map(|(_, index)| index.line_count())
    }

    /// The text of a 1-based line, without its terminator; `None` for an unknown file or line.
    pub fn line(&self, path: &str, line: usize) -> Option<&'a str> {
        let (text, index) = self.files.get(path)?;
        if line == 0 || line > index.line_count() {
            return None;
        }
        let span = index.line_span(text, line);
        text.get(span.start..span.end)
    }
}

/// How many findings of each severity a report has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(report: &Report) -> Self {
        let mut counts = Self::default();
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// `1 error, 2 warnings`: the non-zero counts.
    pub fn describe(&self) -> String {
        [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "info"),
        ]
        .into_iter()
        .filter(|&(count, _, _)| count > 0)
        .map(|(count, one, many)| plural(count, one, many))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// Where a rule's documentation is published (`docs/rules.md`, one heading per rule).
pub fn rule_docs_url(name: &str) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{name}",
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// A relative path as a URI path: `/` kept, anything outside the unreserved set
/// percent-encoded (a space is `%20`).
pub fn uri_path(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// `1 file`, `2 files`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_give_lines_without_terminators() {
        let files = [SourceFile::new("a/Dockerfile", "FROM x\r\nRUN y\n")];
        let sources = Sources::new(&files);
        assert_eq!(sources.line("a/Dockerfile", 1), Some("FROM x"));
        assert_eq!(sources.line("a/Dockerfile", 2), Some("RUN y"));
        assert_eq!(sources.line("a/Dockerfile", 3), Some(""));
        assert_eq!(sources.line("a/Dockerfile", 4), None);
        assert_eq!(sources.line("a/Dockerfile", 0), None);
        assert_eq!(sources.line("other", 1), None);
    }

    #[test]
    fn counts_describe_only_what_was_found() {
        let counts = Counts {
            errors: 1,
            warnings: 2,
            infos: 0,
        };
        assert_eq!(counts.describe(), "1 error, 2 warnings");
        assert_eq!(counts.total(), 3);
    }
}
