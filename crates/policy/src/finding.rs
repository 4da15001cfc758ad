//! What a rule reports: a finding with its location, help, related places and an optional fix.

use crate::span::{LineIndex, Position, Span};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "info" | "style" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file, both as bytes and as 1-based positions (end is exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    #[serde(skip)]
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn new(file: &str, text: &str, index: &LineIndex, span: Span) -> Self {
        let Position { line, column } = index.position(text, span.start);
        let end = index.position(text, span.end);
        Self {
            file: file.to_string(),
            span,
            line,
            column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

/// Another place that explains a finding (the first of two duplicates, the stage copied from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

/// One replacement of a byte range of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub file: String,
    #[serde(skip)]
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's kebab-case name.
    pub rule: &'static str,
    /// The rule's stable code.
    pub code: &'static str,
    pub severity: Severity,
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Finding {
    /// The order findings are reported in: by file, then position, then rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (
            &self.location.file,
            self.location.line,
            self.location.column,
            self.code,
        )
    }
}
