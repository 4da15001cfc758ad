//! The command line's side of the integration: `check --github-review`,
//! `check --github-check-run` and `ballast gha-cache`, turned into [`Output`]s.

use super::cache::{self, GIB};
use super::client::{Client, RetryPolicy};
use super::env::GitHubEnv;
use super::publish::{publish, PublishOptions, Published, Target};
use crate::error::{CliError, Result};
use crate::output::Output;
use ballast_policy::Report;
use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use std::fs::OpenOptions;
use std::io::Write as _;

/// Publishes a finished check's findings to GitHub and adds what it printed to `output`.
///
/// `output.status` is left alone: a fallback to workflow commands changes nothing about whether
/// the findings fail the run.
/// `fingerprints` are the findings' identities, in order (`crate::fingerprint::compute`).
pub fn publish_check(
    target: Target,
    report: &Report,
    fingerprints: &[String],
    output: &mut Output,
) -> Result<()> {
    let env = GitHubEnv::from_process().map_err(|error| CliError::new(error.to_string()))?;
    let options = PublishOptions {
        fails: output.status == crate::output::Status::Findings,
        ..PublishOptions::default()
    };
    let mut printed = Vec::new();
    let published = super::block_on(publish(
        &env,
        target,
        &report.findings,
        fingerprints,
        &options,
        &mut printed,
    ))
    .map_err(|error| CliError::new(format!("cannot start the GitHub client: {error}")))?
    .map_err(|error| CliError::new(error.to_string()))?;
    output.stdout.push_str(&String::from_utf8_lossy(&printed));
    output.stderr.push_str(&describe(&published));
    Ok(())
}

fn describe(published: &Published) -> String {
    match published {
        Published::Review(outcome) => {
            let action = match (outcome.posted_review, outcome.updated_review) {
                (_, Some(id)) => format!("updated review {id}"),
                (Some(id), None) => format!("posted review {id}"),
                (None, None) => "no review needed".to_string(),
            };
            format!(
                "ballast: {action}: {} new inline comments, {} kept, {} deleted, {} findings outside the diff\n",
                outcome.commented, outcome.kept, outcome.deleted, outcome.outside_diff
            )
        }
        Published::CheckRun(outcome) => format!(
            "ballast: check run {} with {} annotations{}\n",
            outcome.id,
            outcome.annotations,
            outcome
                .url
                .as_deref()
                .map(|url| format!(": {url}"))
                .unwrap_or_default()
        ),
        Published::WorkflowCommands { reason } => {
            format!("ballast: printed workflow commands instead: {reason}\n")
        }
    }
}

/// `ballast gha-cache`: what the repository's GitHub Actions cache holds, by BuildKit scope.
#[derive(Debug, Args)]
pub struct GhaCacheArgs {
    /// Output format; `markdown` is also appended to `$GITHUB_STEP_SUMMARY` when it is set.
    #[arg(long, value_enum, default_value_t = CacheFormat::Markdown)]
    pub format: CacheFormat,

    /// The repository's cache limit in GB (GitHub's default is 10).
    #[arg(long, value_name = "GB", default_value_t = 10)]
    pub limit_gb: u64,

    /// The repository (`owner/name`) [default: `$GITHUB_REPOSITORY`].
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,

    /// The time "unused for a week" is measured from (RFC 3339) [default: now].
    #[arg(long, value_name = "TIME")]
    pub now: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CacheFormat {
    /// A Markdown table.
    Markdown,
    /// The report as one JSON object.
    Json,
}

pub fn gha_cache(args: &GhaCacheArgs) -> Result<Output> {
    let repo_override = args.repo.clone();
    let env = GitHubEnv::from_lookup(|name| match (name, &repo_override) {
        ("GITHUB_REPOSITORY", Some(repo)) => Some(repo.clone()),
        _ => std::env::var(name).ok(),
    })
    .map_err(|error| CliError::new(error.to_string()))?;
    // octocrab's client starts a background task: it must be built inside the runtime.
    let fetched = super::block_on(async {
        let client = Client::new(&env.api_url, &env.token, RetryPolicy::default())?;
        cache::fetch(&client, &env.repo_path()).await
    })
    .map_err(|error| CliError::new(format!("cannot start the GitHub client: {error}")))?;
    let (usage, entries) =
        fetched.map_err(|error| CliError::new(format!("GitHub API: {error}")))?;
    let limit_bytes = args.limit_gb.saturating_mul(GIB);
    let repository = format!("{}/{}", env.owner, env.repo);
    let now = args.now.unwrap_or_else(Utc::now);
    let report = cache::analyze(&repository, &usage, &entries, limit_bytes, now);
    let markdown = cache::markdown(&report);
    if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|path| !path.is_empty()) {
        append(&summary, &markdown)?;
    }
    let stdout = match args.format {
        CacheFormat::Markdown => markdown,
        CacheFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report)
                .map_err(|error| CliError::new(error.to_string()))?;
            json.push('\n');
            json
        }
    };
    Ok(Output::success(stdout))
}

fn append(path: &std::ffi::OsStr, text: &str) -> Result<()> {
    let write = || -> std::io::Result<()> {
        let mut file = OpenOptions::new().create(true).append(true).open(path)?;
        file.write_all(text.as_bytes())
    };
    write().map_err(|error| {
        let path = std::path::Path::new(path).display();
        CliError::new(format!(
            "cannot append to GITHUB_STEP_SUMMARY {path}: {error}"
        ))
    })
}
