//! One pull request review per run, with inline comments on the changed lines.
//!
//! A run lists the pull request's files (for the diff), ballast's earlier comments (by their
//! hidden fingerprint) and its earlier summary review, then:
//! - posts a review with an inline comment for each new finding on a line of the diff, and the
//!   findings outside the diff in the review body (the API rejects comments elsewhere);
//! - on a re-run, edits the earlier summary instead of posting another one, posts only the
//!   comments that do not exist yet, and deletes the comments whose findings are gone.

use super::client::{ApiError, Client};
use super::last_line;
use super::markers::{self, SUMMARY_MARKER};
use super::patch::DiffLines;
use super::PullRequest;
use ballast_policy::{Finding, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// Rows of the "outside the diff" table at most; a review body is limited to 65,536 characters.
const MAX_TABLE_ROWS: usize = 100;

/// What a review run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewOutcome {
    /// The review that was posted, if one was.
    pub posted_review: Option<u64>,
    /// The earlier summary review that was edited, if there was one.
    pub updated_review: Option<u64>,
    /// Inline comments posted.
    pub commented: usize,
    /// Earlier comments left in place because their finding is still there.
    pub kept: usize,
    /// Earlier comments deleted because their finding is gone.
    pub deleted: usize,
    /// Findings reported in the review body because they are not on a line of the diff.
    pub outside_diff: usize,
}

#[derive(Debug, Deserialize)]
struct PullRequestFile {
    filename: String,
    /// Missing for binary files and diffs too large for the API.
    patch: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ReviewComment {
    id: u64,
    #[serde(default)]
    body: String,
}

#[derive(Debug, Deserialize)]
struct Review {
    id: u64,
    #[serde(default)]
    body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct InlineComment {
    path: String,
    body: String,
    line: usize,
    side: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_side: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct NewReview<'a> {
    commit_id: &'a str,
    body: &'a str,
    event: &'static str,
    comments: &'a [InlineComment],
}

#[derive(Debug, Serialize)]
struct ReviewEdit<'a> {
    body: &'a str,
}

#[derive(Debug, Deserialize)]
struct Created {
    id: u64,
}

/// What to do, decided from the findings and what the pull request already holds.
#[derive(Debug, Default)]
struct Plan {
    new_comments: Vec<InlineComment>,
    obsolete_comments: Vec<u64>,
    kept: usize,
    outside_diff: Vec<usize>,
}

/// Reviews pull request `pull` of the repository at `repo_path` (`/repos/{owner}/{repo}`).
///
/// `findings` must name files relative to the repository root, as the API does;
/// `fingerprints` holds each one's stable identity (`crate::fingerprint::compute`).
pub async fn publish(
    client: &Client,
    repo_path: &str,
    pull: &PullRequest,
    findings: &[Finding],
    fingerprints: &[String],
) -> Result<ReviewOutcome, ApiError> {
    let pulls = format!("{repo_path}/pulls/{}", pull.number);
    let files: Vec<PullRequestFile> = client.get_all(&format!("{pulls}/files"), None).await?;
    let comments: Vec<ReviewComment> = client.get_all(&format!("{pulls}/comments"), None).await?;
    let reviews: Vec<Review> = client.get_all(&format!("{pulls}/reviews"), None).await?;

    let diff: HashMap<String, DiffLines> = files
        .into_iter()
        .filter_map(|file| Some((file.filename, DiffLines::from_patch(&file.patch?))))
        .collect();
    let earlier: Vec<(u64, String)> = comments
        .iter()
        .filter_map(|comment| {
            let fingerprint = markers::parse_marker(&comment.body)?;
            Some((comment.id, fingerprint.to_string()))
        })
        .collect();
    let plan = plan(findings, fingerprints, &diff, &earlier);
    let summary = summary_body(findings, &plan, &pull.head_sha);
    let earlier_summary = reviews.iter().rev().find(|review| {
        review
            .body
            .as_deref()
            .is_some_and(|body| body.contains(SUMMARY_MARKER))
    });

    let mut outcome = ReviewOutcome {
        commented: plan.new_comments.len(),
        kept: plan.kept,
        outside_diff: plan.outside_diff.len(),
        ..ReviewOutcome::default()
    };
    let reviews_path = format!("{pulls}/reviews");
    match earlier_summary {
        Some(review) => {
            let path = format!("{reviews_path}/{}", review.id);
            let _: serde_json::Value = client.put(&path, &ReviewEdit { body: &summary }).await?;
            outcome.updated_review = Some(review.id);
            if !plan.new_comments.is_empty() {
                let body = follow_up_body(plan.new_comments.len());
                outcome.posted_review = Some(
                    post_review(client, &reviews_path, pull, &body, &plan.new_comments).await?,
                );
            }
        }
        // A clean pull request that ballast never reviewed gets no review at all.
        None if !findings.is_empty() => {
            outcome.posted_review =
                Some(post_review(client, &reviews_path, pull, &summary, &plan.new_comments).await?);
        }
        None => {}
    }
    // Deleted last: if posting failed, the earlier comments are still there.
    for id in &plan.obsolete_comments {
        client
            .delete(&format!("{repo_path}/pulls/comments/{id}"))
            .await?;
        outcome.deleted += 1;
    }
    Ok(outcome)
}

async fn post_review(
    client: &Client,
    reviews_path: &str,
    pull: &PullRequest,
    body: &str,
    comments: &[InlineComment],
) -> Result<u64, ApiError> {
    let review = NewReview {
        commit_id: &pull.head_sha,
        body,
        // Never REQUEST_CHANGES: whether findings fail the build is `--fail-on`'s business.
        event: "COMMENT",
        comments,
    };
    let created: Created = client.post(reviews_path, &review).await?;
    Ok(created.id)
}

fn plan(
    findings: &[Finding],
    fingerprints: &[String],
    diff: &HashMap<String, DiffLines>,
    earlier: &[(u64, String)],
) -> Plan {
    let already_commented: HashSet<&str> =
        earlier.iter().map(|(_, print)| print.as_str()).collect();
    let current: HashSet<&str> = fingerprints.iter().map(String::as_str).collect();
    let mut plan = Plan {
        obsolete_comments: earlier
            .iter()
            .filter(|(_, print)| !current.contains(print.as_str()))
            .map(|(id, _)| *id)
            .collect(),
        ..Plan::default()
    };
    for (index, (finding, print)) in findings.iter().zip(fingerprints).enumerate() {
        if already_commented.contains(print.as_str()) {
            plan.kept += 1;
            continue;
        }
        let lines = diff.get(&finding.location.file);
        match lines.and_then(|lines| anchor(finding, lines)) {
            Some((start_line, line)) => plan.new_comments.push(InlineComment {
                path: finding.location.file.clone(),
                body: comment_body(finding, print),
                line,
                side: "RIGHT",
                start_line,
                start_side: start_line.map(|_| "RIGHT"),
            }),
            None => plan.outside_diff.push(index),
        }
    }
    plan
}

/// Where a comment on `finding` can go: `(start_line, line)`, multi-line when the whole span
/// is in one hunk, else on its first line; `None` when its first line is not in the diff.
fn anchor(finding: &Finding, lines: &DiffLines) -> Option<(Option<usize>, usize)> {
    let first = finding.location.line;
    if !lines.contains(first) {
        return None;
    }
    let last = last_line(finding);
    if last > first && lines.same_hunk(first, last) {
        Some((Some(first), last))
    } else {
        Some((None, first))
    }
}

fn comment_body(finding: &Finding, fingerprint: &str) -> String {
    let mut body = format!(
        "**ballast** {} `{}` ({}): {}",
        finding.severity, finding.code, finding.rule, finding.message
    );
    if let Some(help) = &finding.help {
        let _ = write!(body, "\n\n{help}");
    }
    let _ = write!(body, "\n\n{}", markers::marker(fingerprint));
    body
}

fn follow_up_body(new_comments: usize) -> String {
    let noun = if new_comments == 1 {
        "finding"
    } else {
        "findings"
    };
    format!(
        "**ballast**: {new_comments} new {noun} on the changed lines since the last run; \
         the summary above is kept up to date."
    )
}

fn summary_body(findings: &[Finding], plan: &Plan, head_sha: &str) -> String {
    let mut body = String::from("### ballast\n\n");
    if findings.is_empty() {
        body.push_str("No findings: everything ballast reported before is fixed.\n");
    } else {
        let _ = writeln!(body, "{}.\n", counts(findings));
        let inline = findings.len() - plan.outside_diff.len();
        let _ = writeln!(body, "- {inline} on changed lines, commented inline");
        let _ = writeln!(
            body,
            "- {} outside the diff, listed below",
            plan.outside_diff.len()
        );
    }
    if !plan.outside_diff.is_empty() {
        body.push_str("\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n");
        for &index in plan.outside_diff.iter().take(MAX_TABLE_ROWS) {
            let finding = &findings[index];
            let _ = writeln!(
                body,
                "| {} | `{}:{}` | `{}` {} | {} |",
                finding.severity,
                finding.location.file,
                finding.location.line,
                finding.code,
                finding.rule,
                table_cell(&finding.message)
            );
        }
        if plan.outside_diff.len() > MAX_TABLE_ROWS {
            let _ = writeln!(
                body,
                "\n…and {} more (see the job's annotations or `--format json`).",
                plan.outside_diff.len() - MAX_TABLE_ROWS
            );
        }
    }
    let short_sha: String = head_sha.chars().take(7).collect();
    let _ = write!(
        body,
        "\n<sub>Checked {short_sha}. Re-runs edit this review and delete comments on fixed \
         findings.</sub>\n{SUMMARY_MARKER}"
    );
    body
}

/// "3 findings (1 error, 2 warnings)".
fn counts(findings: &[Finding]) -> String {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
    ]
    .into_iter()
    .filter_map(|(severity, one, many)| match count(severity) {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    })
    .collect();
    let noun = if findings.len() == 1 {
        "finding"
    } else {
        "findings"
    };
    format!("{} {noun} ({})", findings.len(), parts.join(", "))
}

/// A message fit for one Markdown table cell.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::github::test_support::finding;

    fn diff(path: &str, patch: &str) -> HashMap<String, DiffLines> {
        HashMap::from([(path.to_string(), DiffLines::from_patch(patch))])
    }

    #[test]
    fn findings_on_diff_lines_are_inline_the_rest_go_to_the_body() {
        let findings = [
            finding("Dockerfile", 2, "on an added line"),
            finding("Dockerfile", 9, "elsewhere"),
        ];
        let prints = vec!["a".to_string(), "b".to_string()];
        let plan = plan(
            &findings,
            &prints,
            &diff("Dockerfile", "@@ -1,1 +1,2 @@\n FROM x\n+USER root"),
            &[],
        );
        assert_eq!(plan.new_comments.len(), 1);
        assert_eq!(plan.new_comments[0].line, 2);
        assert_eq!(plan.new_comments[0].start_line, None);
        assert_eq!(plan.outside_diff, vec![1]);
    }

    #[test]
    fn a_span_over_several_lines_of_one_hunk_is_a_multi_line_comment() {
        let mut multi = finding("Dockerfile", 1, "spans");
        multi.location.end_line = 3;
        multi.location.end_column = 4;
        let plan = plan(
            &[multi],
            &["a".into()],
            &diff("Dockerfile", "@@ -0,0 +1,3 @@\n+A\n+B\n+C"),
            &[],
        );
        let comment = &plan.new_comments[0];
        assert_eq!((comment.start_line, comment.line), (Some(1), 3));
        assert_eq!(comment.start_side, Some("RIGHT"));
    }

    #[test]
    fn reruns_keep_existing_comments_and_drop_fixed_ones() {
        let findings = [finding("Dockerfile", 2, "still here")];
        let earlier = vec![(10, "a".to_string()), (11, "gone".to_string())];
        let plan = plan(
            &findings,
            &["a".into()],
            &diff("Dockerfile", "@@ -1 +1,2 @@\n x\n+y"),
            &earlier,
        );
        assert!(plan.new_comments.is_empty());
        assert_eq!(plan.kept, 1);
        assert_eq!(plan.obsolete_comments, vec![11]);
    }

    #[test]
    fn summary_counts_and_lists_outside_findings_with_the_marker() {
        let findings = [finding("Dockerfile", 9, "a | b")];
        let plan = Plan {
            outside_diff: vec![0],
            ..Plan::default()
        };
        let body = summary_body(&findings, &plan, "0123456789");
        assert!(body.contains("1 finding (1 warning)"), "{body}");
        assert!(
            body.contains("| warning | `Dockerfile:9` | `BL0001` test-rule | a \\| b |"),
            "{body}"
        );
        assert!(body.contains("Checked 0123456"));
        assert!(body.ends_with(SUMMARY_MARKER));
    }
}
