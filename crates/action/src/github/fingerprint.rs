//! Stable identities for findings, so that a re-run recognises the comments it posted before.
//!
//! A fingerprint hashes the rule, the file, the message and the text of the flagged line (not
//! its number): pushing a commit that moves a finding down the file keeps its fingerprint, and
//! fixing it makes the fingerprint disappear. The hash is FNV-1a, spelled out here because
//! std's hasher is not guaranteed to be stable across Rust releases.

use ballast_policy::{Finding, SourceFile};
use std::collections::HashMap;

/// Hidden in the body of every inline comment ballast posts.
const FINGERPRINT_MARKER: &str = "<!-- ballast:fingerprint=";
/// Hidden in the body of the review that summarises a run.
pub const SUMMARY_MARKER: &str = "<!-- ballast:summary -->";

/// The text of the lines of the files findings point at, for fingerprints.
#[derive(Debug, Default, Clone)]
pub struct SourceLines {
    files: HashMap<String, Vec<String>>,
}

impl SourceLines {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, path: &str, contents: &str) {
        let lines = contents.lines().map(str::to_string).collect();
        self.files.insert(path.to_string(), lines);
    }

    /// The text of the files a check read, under the paths it reported.
    pub fn from_files(files: &[SourceFile]) -> Self {
        let mut sources = Self::new();
        for file in files {
            sources.insert(&file.path, &file.contents);
        }
        sources
    }

    /// Makes `from`'s text in `other` available as `to`.
    pub fn copy_file(&mut self, other: &SourceLines, from: &str, to: &str) {
        if let Some(lines) = other.files.get(from) {
            self.files.insert(to.to_string(), lines.clone());
        }
    }

    fn line(&self, path: &str, line: usize) -> Option<&str> {
        let lines = self.files.get(path)?;
        lines.get(line.checked_sub(1)?).map(String::as_str)
    }
}

/// The fingerprint of every finding, in order. Identical findings (same rule, message and line
/// text) are told apart by their occurrence: `…-2`, `…-3`.
pub fn fingerprints(findings: &[Finding], sources: &SourceLines) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|finding| {
            let base = fingerprint(finding, sources);
            let count = seen.entry(base.clone()).or_default();
            *count += 1;
            match *count {
                1 => base,
                n => format!("{base}-{n}"),
            }
        })
        .collect()
}

fn fingerprint(finding: &Finding, sources: &SourceLines) -> String {
    let location = &finding.location;
    let anchor = match sources.line(&location.file, location.line) {
        // Whitespace changes (re-indenting) do not make a finding new.
        Some(text) => text.split_whitespace().collect::<Vec<_>>().join(" "),
        None => format!("line {}", location.line),
    };
    let mut hash = Fnv1a::new();
    for part in [finding.code, &location.file, &finding.message, &anchor] {
        hash.write(part.as_bytes());
        hash.write(&[0]);
    }
    format!("{:016x}", hash.finish())
}

/// The hidden marker that carries `fingerprint` in a comment body.
pub fn marker(fingerprint: &str) -> String {
    format!("{FINGERPRINT_MARKER}{fingerprint} -->")
}

/// The fingerprint in a comment body ballast posted, if it is one.
pub fn parse_marker(body: &str) -> Option<&str> {
    let start = body.find(FINGERPRINT_MARKER)? + FINGERPRINT_MARKER.len();
    let rest = &body[start..];
    let end = rest.find(" -->")?;
    Some(&rest[..end])
}

struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::github::test_support::finding;

    #[test]
    fn a_finding_moved_down_the_file_keeps_its_fingerprint() {
        let mut before = SourceLines::new();
        before.insert("Dockerfile", "FROM alpine\nUSER root\n");
        let mut after = SourceLines::new();
        after.insert("Dockerfile", "# base\nFROM alpine\n  USER root\n");
        let old = fingerprints(&[finding("Dockerfile", 2, "runs as root")], &before);
        let new = fingerprints(&[finding("Dockerfile", 3, "runs as root")], &after);
        assert_eq!(old, new);
    }

    #[test]
    fn other_rule_file_or_message_means_another_fingerprint() {
        let sources = SourceLines::new();
        let base = fingerprints(&[finding("Dockerfile", 2, "a")], &sources);
        let other_message = fingerprints(&[finding("Dockerfile", 2, "b")], &sources);
        let other_file = fingerprints(&[finding("api/Dockerfile", 2, "a")], &sources);
        assert_ne!(base, other_message);
        assert_ne!(base, other_file);
    }

    #[test]
    fn duplicates_are_numbered() {
        let twice = [finding("Dockerfile", 2, "a"), finding("Dockerfile", 2, "a")];
        let prints = fingerprints(&twice, &SourceLines::new());
        assert_eq!(prints[1], format!("{}-2", prints[0]));
    }

    #[test]
    fn markers_round_trip() {
        let body = format!("**warning** text\n\n{}", marker("00ff00ff00ff00ff-2"));
        assert_eq!(parse_marker(&body), Some("00ff00ff00ff00ff-2"));
        assert_eq!(parse_marker("a human comment"), None);
    }
}
