//! ballast's GitHub integration: pull request reviews, check runs (with `--format github`'s
//! workflow commands as the fallback), and the Actions cache report.
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

/// The last line a finding covers; a span that ends at the start of a line does not cover it.
pub(crate) fn last_line(finding: &ballast_policy::Finding) -> usize {
    let location = &finding.location;
    if location.end_line > location.line && location.end_column == 1 {
        location.end_line - 1
    } else {
        location.end_line.max(location.line)
    }
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

#[cfg(test)]
mod tests {
    use super::test_support::finding;
    use super::*;

    #[test]
    fn a_span_ending_at_a_line_start_does_not_cover_that_line() {
        let mut spanning = finding("Dockerfile", 2, "m");
        (spanning.location.end_line, spanning.location.end_column) = (4, 1);
        assert_eq!(last_line(&spanning), 3);
        spanning.location.end_column = 2;
        assert_eq!(last_line(&spanning), 4);
        assert_eq!(last_line(&finding("Dockerfile", 2, "one line")), 2);
    }
}
