//! ballast's GitHub integration: pull request reviews, check runs, workflow-command
//! annotations as the fallback, and the Actions cache report.
//!
//! Everything that talks to GitHub goes through [`client::Client`] (octocrab underneath,
//! retries and pagination on top). The async functions are the API; [`block_on`] runs them for
//! the synchronous command line.

pub mod cache;
pub mod check_run;
pub mod client;
pub mod commands;
pub mod env;
pub mod markers;
pub mod patch;
pub mod publish;
pub mod review;
pub mod workflow_commands;

pub use client::{ApiError, Client, RetryPolicy};
pub use env::{GitHubEnv, PullRequest};
pub use publish::{publish, PublishError, PublishOptions, Published, Target};

/// Runs one of this module's async operations on a single-threaded runtime, for the
/// synchronous command line.
pub fn block_on<F: std::future::Future>(future: F) -> std::io::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(future))
}

#[cfg(test)]
pub(crate) mod test_support {
    use ballast_policy::finding::{Finding, Location};
    use ballast_policy::span::Span;
    use ballast_policy::Severity;

    /// A warning of rule `BL0001` on columns 1..5 of `line`.
    pub fn finding(path: &str, line: usize, message: &str) -> Finding {
        Finding {
            rule: "test-rule",
            code: "BL0001",
            severity: Severity::Warning,
            location: Location {
                file: path.to_string(),
                span: Span::new(0, 4),
                line,
                column: 1,
                end_line: line,
                end_column: 5,
            },
            message: message.to_string(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }
}
