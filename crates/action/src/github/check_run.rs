//! A check run whose annotations carry the findings.
//!
//! The API takes at most 50 annotations per request: the first 50 go with the creation, the
//! rest in `PATCH` updates of `output.annotations`, which GitHub appends. The run is created
//! `in_progress` when updates follow, and the last request completes it.

use super::client::{ApiError, Client};
use super::last_line;
use ballast_policy::{Finding, Severity};
use serde::{Deserialize, Serialize};

/// The API's limit of annotations per request.
pub const ANNOTATIONS_PER_REQUEST: usize = 50;

/// The check run's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Conclusion {
    Success,
    /// Findings, none at or above `--fail-on`.
    Neutral,
    Failure,
}

impl Conclusion {
    /// `fails`: whether the findings fail the check, as `--fail-on` and the settings decide.
    pub fn for_findings(findings: &[Finding], fails: bool) -> Self {
        match (findings.is_empty(), fails) {
            (true, _) => Conclusion::Success,
            (false, true) => Conclusion::Failure,
            (false, false) => Conclusion::Neutral,
        }
    }
}

/// What a check run publication did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRunOutcome {
    pub id: u64,
    pub url: Option<String>,
    pub annotations: usize,
    /// Requests it took: one creation plus the updates.
    pub requests: usize,
}

#[derive(Debug, Serialize)]
struct Annotation {
    path: String,
    start_line: usize,
    end_line: usize,
    // Columns are only allowed when the annotation is on one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    annotation_level: &'static str,
    title: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    raw_details: Option<String>,
}

#[derive(Debug, Serialize)]
struct Output<'a> {
    title: &'a str,
    summary: &'a str,
    annotations: &'a [Annotation],
}

#[derive(Debug, Serialize)]
struct Create<'a> {
    name: &'a str,
    head_sha: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    conclusion: Option<Conclusion>,
    output: Output<'a>,
}

#[derive(Debug, Serialize)]
struct Update<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conclusion: Option<Conclusion>,
    output: Output<'a>,
}

#[derive(Debug, Deserialize)]
struct Created {
    id: u64,
    #[serde(default)]
    html_url: Option<String>,
}

/// Creates check run `name` on commit `head_sha` of the repository at `repo_path`
/// (`/repos/{owner}/{repo}`). Findings must name files relative to the repository root.
pub async fn publish(
    client: &Client,
    repo_path: &str,
    name: &str,
    head_sha: &str,
    findings: &[Finding],
    conclusion: Conclusion,
) -> Result<CheckRunOutcome, ApiError> {
    let annotations: Vec<Annotation> = findings.iter().map(annotation).collect();
    let title = title(findings);
    let summary = summary(findings);
    let mut batches = annotations.chunks(ANNOTATIONS_PER_REQUEST);
    let first = batches.next().unwrap_or(&[]);
    let more = annotations.len() > ANNOTATIONS_PER_REQUEST;
    let create = Create {
        name,
        head_sha,
        status: if more { "in_progress" } else { "completed" },
        conclusion: (!more).then_some(conclusion),
        output: Output {
            title: &title,
            summary: &summary,
            annotations: first,
        },
    };
    let runs = format!("{repo_path}/check-runs");
    let created: Created = client.post(&runs, &create).await?;
    let mut requests = 1;
    let mut batches = batches.peekable();
    while let Some(batch) = batches.next() {
        let last = batches.peek().is_none();
        let update = Update {
            status: last.then_some("completed"),
            conclusion: last.then_some(conclusion),
            output: Output {
                title: &title,
                summary: &summary,
                annotations: batch,
            },
        };
        let _: serde_json::Value = client
            .patch(&format!("{runs}/{}", created.id), &update)
            .await?;
        requests += 1;
    }
    Ok(CheckRunOutcome {
        id: created.id,
        url: created.html_url,
        annotations: annotations.len(),
        requests,
    })
}

fn annotation(finding: &Finding) -> Annotation {
    let location = &finding.location;
    let end_line = last_line(finding);
    let one_line = end_line == location.line;
    Annotation {
        path: location.file.clone(),
        start_line: location.line,
        end_line,
        start_column: one_line.then_some(location.column),
        end_column: one_line.then_some(location.end_column.max(location.column)),
        annotation_level: match finding.severity {
            Severity::Error => "failure",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        },
        title: format!("{} ({})", finding.code, finding.rule),
        message: finding.message.clone(),
        raw_details: finding.help.clone(),
    }
}

fn title(findings: &[Finding]) -> String {
    match findings.len() {
        0 => "No findings".to_string(),
        1 => "1 finding".to_string(),
        n => format!("{n} findings"),
    }
}

fn summary(findings: &[Finding]) -> String {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    format!(
        "ballast checked the container build files: {} errors, {} warnings, {} info.",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::github::test_support::finding;

    #[test]
    fn conclusion_is_neutral_for_findings_that_do_not_fail() {
        let warning = [finding("Dockerfile", 1, "w")];
        assert_eq!(Conclusion::for_findings(&[], false), Conclusion::Success);
        assert_eq!(
            Conclusion::for_findings(&warning, true),
            Conclusion::Failure
        );
        assert_eq!(
            Conclusion::for_findings(&warning, false),
            Conclusion::Neutral
        );
    }

    #[test]
    fn multi_line_annotations_drop_columns() {
        let mut spanning = finding("Dockerfile", 2, "m");
        spanning.location.end_line = 4;
        let json = serde_json::to_value(annotation(&spanning)).unwrap();
        assert_eq!(json["end_line"], 4);
        assert!(json.get("start_column").is_none());
        let single = serde_json::to_value(annotation(&finding("Dockerfile", 2, "s"))).unwrap();
        assert_eq!(
            (
                single["start_column"].as_u64(),
                single["end_column"].as_u64()
            ),
            (Some(1), Some(5))
        );
        assert_eq!(single["annotation_level"], "warning");
    }
}
