//! `check --github-review` and `check --github-check-run`: publish findings through the API,
//! and fall back to workflow commands when the token may not.

use super::check_run::{self, CheckRunOutcome, Conclusion};
use super::client::{ApiError, Client, RetryPolicy};
use super::env::{EnvError, GitHubEnv};
use super::review::{self, ReviewOutcome};
use crate::render::github as github_format;
use ballast_policy::Finding;
use std::fmt;
use std::io::{self, Write};

/// Where findings go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A pull request review with inline comments (`annotations: review`).
    Review,
    /// A check run with annotations (`annotations: check-run`).
    CheckRun,
}

#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// Whether the findings fail the check (`--fail-on` and the settings decided): the check
    /// run's conclusion is then `failure`.
    pub fails: bool,
    pub retry: RetryPolicy,
    /// The check run's name.
    pub check_name: String,
}

impl Default for PublishOptions {
    fn default() -> Self {
        Self {
            fails: false,
            retry: RetryPolicy::default(),
            check_name: "ballast".to_string(),
        }
    }
}

/// What happened to the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    Review(ReviewOutcome),
    CheckRun(CheckRunOutcome),
    /// Printed as workflow commands instead, for `reason`.
    WorkflowCommands {
        reason: String,
    },
}

#[derive(Debug)]
pub enum PublishError {
    Env(EnvError),
    Api(ApiError),
    Io(io::Error),
    /// The caller broke a precondition (one fingerprint per finding).
    Internal(String),
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::Env(error) => write!(f, "{error}"),
            PublishError::Api(error) => write!(f, "GitHub API: {error}"),
            PublishError::Io(error) => write!(f, "{error}"),
            PublishError::Internal(message) => write!(f, "internal error: {message}"),
        }
    }
}

impl std::error::Error for PublishError {}

impl From<EnvError> for PublishError {
    fn from(error: EnvError) -> Self {
        PublishError::Env(error)
    }
}

impl From<io::Error> for PublishError {
    fn from(error: io::Error) -> Self {
        PublishError::Io(error)
    }
}

/// Publishes `findings` (paths as the check printed them), each identified by its entry in
/// `fingerprints`, to `target`.
///
/// A 403 that is not a rate limit (a fork's pull request, a read-only token) and a review
/// outside a pull request are not errors: the findings are written to `out` as workflow
/// commands with a notice saying why, and the caller's exit code stays what the findings make
/// it.
pub async fn publish(
    env: &GitHubEnv,
    target: Target,
    findings: &[Finding],
    fingerprints: &[String],
    options: &PublishOptions,
    out: &mut dyn Write,
) -> Result<Published, PublishError> {
    if fingerprints.len() != findings.len() {
        let message = format!(
            "{} fingerprints for {} findings",
            fingerprints.len(),
            findings.len()
        );
        return Err(PublishError::Internal(message));
    }
    let findings = repo_relative(env, findings);
    let client = Client::new(&env.api_url, &env.token, options.retry).map_err(PublishError::Api)?;
    let repo_path = env.repo_path();
    let result = match target {
        Target::Review => {
            let Some(pull) = env.pull_request()? else {
                let reason = "this run is not for a pull request, so there is nothing to review";
                return fall_back(reason.to_string(), &findings, out);
            };
            review::publish(&client, &repo_path, &pull, &findings, fingerprints)
                .await
                .map(Published::Review)
        }
        Target::CheckRun => {
            let head_sha = env.head_sha()?;
            let conclusion = Conclusion::for_findings(&findings, options.fails);
            check_run::publish(
                &client,
                &repo_path,
                &options.check_name,
                &head_sha,
                &findings,
                conclusion,
            )
            .await
            .map(Published::CheckRun)
        }
    };
    match result {
        Ok(published) => Ok(published),
        Err(error @ ApiError::Forbidden { .. }) => {
            let what = match target {
                Target::Review => "pull-requests: write",
                Target::CheckRun => "checks: write",
            };
            let reason = format!(
                "the token may not publish ({error}); pull requests from forks get a read-only \
                 token, otherwise grant `{what}` in the workflow's permissions"
            );
            fall_back(reason, &findings, out)
        }
        Err(error) => Err(PublishError::Api(error)),
    }
}

fn fall_back(
    reason: String,
    findings: &[Finding],
    out: &mut dyn Write,
) -> Result<Published, PublishError> {
    let notice = format!("ballast: printing annotations instead: {reason}");
    writeln!(out, "::notice::{}", github_format::escape_data(&notice))?;
    for finding in findings {
        writeln!(out, "{}", github_format::annotation(finding))?;
    }
    Ok(Published::WorkflowCommands { reason })
}

/// The findings with paths relative to the repository root, as the API names files.
fn repo_relative(env: &GitHubEnv, findings: &[Finding]) -> Vec<Finding> {
    findings
        .iter()
        .map(|finding| {
            let mut finding = finding.clone();
            finding.location.file = env.repo_relative(&finding.location.file);
            finding
        })
        .collect()
}
