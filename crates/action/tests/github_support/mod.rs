//! Shared pieces of the mock GitHub API tests.
#![allow(dead_code)] // each test file uses its own subset

use ballast_cli::github::{GitHubEnv, RetryPolicy};
use ballast_policy::finding::{Finding, Location};
use ballast_policy::span::Span;
use ballast_policy::Severity;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;
use wiremock::MockServer;

pub const REPO: &str = "/repos/octo/app";
pub const HEAD_SHA: &str = "4f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6";

/// Retries without waiting, so that tests stay fast.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    }
}

pub fn finding(path: &str, line: usize, severity: Severity, message: &str) -> Finding {
    Finding {
        rule: "test-rule",
        code: "BL0001",
        severity,
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

/// Stand-ins for the CLI's fingerprints: stable per file and message, like the real ones.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{}:{}", f.location.file, f.message.replace(' ', "-")))
        .collect()
}

/// The runner environment of a `pull_request` run against `api_url`, its event file in `dir`.
pub fn pull_request_env(api_url: &str, dir: &Path, number: u64) -> GitHubEnv {
    let event = serde_json::json!({
        "action": "synchronize",
        "number": number,
        "pull_request": {"number": number, "head": {"sha": HEAD_SHA, "ref": "topic"}},
    });
    let event_path = dir.join("event.json");
    std::fs::write(&event_path, event.to_string()).expect("write event");
    GitHubEnv {
        api_url: api_url.to_string(),
        owner: "octo".into(),
        repo: "app".into(),
        token: "test-token".into(),
        event_path: Some(event_path),
        sha: Some("merge-commit-sha".into()),
        workspace: None,
    }
}

/// Every request the server received, as `METHOD /path?query`, in order.
pub async fn request_log(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .map(|request| match request.url.query() {
            Some(query) => format!("{} {}?{query}", request.method, request.url.path()),
            None => format!("{} {}", request.method, request.url.path()),
        })
        .collect()
}

/// The JSON bodies of the requests with `method` to `path`, in order.
pub async fn bodies(server: &MockServer, method: &str, path: &str) -> Vec<Value> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .filter(|request| request.method.as_str() == method && request.url.path() == path)
        .map(|request| request.body_json().expect("JSON body"))
        .collect()
}
