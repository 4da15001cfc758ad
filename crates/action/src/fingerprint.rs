//! Identities of findings that survive unrelated edits: a hash of the rule, the file, the
//! finding's line with its whitespace normalised, and which occurrence of that triple it is.
//! Line numbers are left out on purpose, so adding a line above a finding keeps its identity
//! (used by SARIF's `partialFingerprints` and by baselines).

use crate::render::Sources;
use ballast_policy::{Finding, Report};
use std::collections::HashMap;

/// One fingerprint per finding of `report`, in the same order.
pub fn compute(report: &Report, sources: &Sources) -> Vec<String> {
    let mut occurrences: HashMap<(&str, &str, String), usize> = HashMap::new();
    report
        .findings
        .iter()
        .map(|finding| {
            let content = line_content(finding, sources);
            let occurrence = occurrences
                .entry((
                    finding.code,
                    finding.location.file.as_str(),
                    content.clone(),
                ))
                .or_default();
            let print = fingerprint(finding, &content, *occurrence);
            *occurrence += 1;
            print
        })
        .collect()
}

/// The finding's first line with runs of whitespace collapsed (re-indenting is no change); the
/// message stands in when the source is not at hand.
fn line_content(finding: &Finding, sources: &Sources) -> String {
    let line = sources
        .line(&finding.location.file, finding.location.line)
        .unwrap_or(&finding.message);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fingerprint(finding: &Finding, content: &str, occurrence: usize) -> String {
    let mut hash = Fnv1a::default();
    // Length-prefixed fields, so that no two different tuples hash the same bytes.
    for field in [finding.code, finding.location.file.as_str(), content] {
        hash.write(&(field.len() as u64).to_le_bytes());
        hash.write(field.as_bytes());
    }
    hash.write(&(occurrence as u64).to_le_bytes());
    format!("{:016x}", hash.0)
}

/// 64-bit FNV-1a: tiny, and its output is fixed forever (unlike `std`'s `DefaultHasher`).
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::{check, Config, SourceFile};

    fn prints(source: &str) -> Vec<String> {
        let files = [SourceFile::new("Dockerfile", source)];
        let config = Config {
            select: vec!["syntax-error".to_string()],
            ..Config::default()
        };
        let report = check(&files, &config);
        assert!(!report.findings.is_empty(), "no finding in {source:?}");
        compute(&report, &Sources::new(&files))
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        let mut hash = Fnv1a::default();
        hash.write(b"a");
        assert_eq!(hash.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn survives_lines_added_above_and_reindenting() {
        let before = prints("FROM alpine:3.21\nFRM x\n");
        let after = prints("# a comment\nFROM alpine:3.21\n\n   FRM   x\n");
        assert_eq!(before, after);
    }

    #[test]
    fn repeated_lines_get_distinct_prints_and_edits_change_them() {
        let twice = prints("FROM alpine:3.21\nFRM x\nFRM x\n");
        assert_eq!(twice.len(), 2);
        assert_ne!(twice[0], twice[1]);
        let edited = prints("FROM alpine:3.21\nFRM y\n");
        assert_ne!(edited[0], twice[0]);
        assert_eq!(twice[0], prints("FROM alpine:3.21\nFRM x\n")[0]);
    }
}
