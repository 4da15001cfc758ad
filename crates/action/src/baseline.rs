//! Baselines: the fingerprints of findings a project has accepted for now, so that a legacy
//! repository only hears about new ones (`--write-baseline FILE`, then `--baseline FILE`).

use crate::error::{CliError, Result};
use ballast_policy::Report;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding. Only the fingerprint is compared; rule and file help a reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub file: String,
}

impl Baseline {
    /// Every finding of `report`, with `fingerprints` in the same order.
    pub fn of(report: &Report, fingerprints: &[String]) -> Self {
        let mut findings: Vec<Entry> = report
            .findings
            .iter()
            .zip(fingerprints)
            .map(|(finding, fingerprint)| Entry {
                fingerprint: fingerprint.clone(),
                rule: finding.rule.to_string(),
                file: finding.location.file.clone(),
            })
            .collect();
        // Sorted by file, so that the file diffs well in review.
        findings.sort_by(|a, b| {
            (&a.file, &a.rule, &a.fingerprint).cmp(&(&b.file, &b.rule, &b.fingerprint))
        });
        Self {
            version: VERSION,
            findings,
        }
    }

    pub fn to_json(&self) -> Result<String> {
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|err| CliError::new(format!("cannot write the baseline: {err}")))?;
        text.push('\n');
        Ok(text)
    }

    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| CliError::new(format!("--baseline {}: {err}", path.display())))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|err| {
            CliError::new(format!(
                "--baseline {}: not a ballast baseline: {err}",
                path.display()
            ))
        })?;
        if baseline.version != VERSION {
            return Err(CliError::new(format!(
                "--baseline {}: version {} is not supported (expected {VERSION})",
                path.display(),
                baseline.version
            )));
        }
        Ok(baseline)
    }

    /// For each fingerprint, whether the baseline accepts it. A fingerprint listed once accepts
    /// one finding: a second identical problem is new.
    pub fn accepts(&self, fingerprints: &[String]) -> Vec<bool> {
        let mut budget: HashMap<&str, usize> = HashMap::new();
        for entry in &self.findings {
            *budget.entry(entry.fingerprint.as_str()).or_default() += 1;
        }
        fingerprints
            .iter()
            .map(|print| match budget.get_mut(print.as_str()) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    true
                }
                _ => false,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint;
    use crate::render::Sources;
    use ballast_policy::{check, Config, SourceFile};

    fn run(source: &str) -> (Report, Vec<String>) {
        let files = [SourceFile::new("Dockerfile", source)];
        let config = Config {
            select: vec!["syntax-error".to_string()],
            ..Config::default()
        };
        let report = check(&files, &config);
        let prints = fingerprint::compute(&report, &Sources::new(&files));
        (report, prints)
    }

    #[test]
    fn round_trips_and_accepts_only_known_findings() {
        let (report, prints) = run("FROM alpine:3.21\nFRM x\n");
        let baseline = Baseline::of(&report, &prints);
        let text = baseline.to_json().unwrap();
        let read: Baseline = serde_json::from_str(&text).unwrap();
        assert_eq!(read, baseline);
        assert_eq!(read.findings[0].rule, "syntax-error");

        // The old problem moved down a line; a new one appeared.
        let (_, later) = run("FROM alpine:3.21\n\nFRM x\nFRM z\n");
        assert_eq!(read.accepts(&later), [true, false]);
        // A second copy of an accepted problem is new.
        let (_, doubled) = run("FROM alpine:3.21\nFRM x\nFRM x\n");
        assert_eq!(read.accepts(&doubled), [true, false]);
    }

    #[test]
    fn rejects_other_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, "{\"version\": 9, \"findings\": []}").unwrap();
        assert!(Baseline::read(&path)
            .unwrap_err()
            .message()
            .contains("version 9"));
        std::fs::write(&path, "[]").unwrap();
        assert!(Baseline::read(&path)
            .unwrap_err()
            .message()
            .contains("not a ballast baseline"));
    }
}
