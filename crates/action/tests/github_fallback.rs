//! What ballast does when GitHub says no: 403 falls back to workflow commands, 5xx and
//! secondary rate limits are retried (a bounded number of times), anything else is an error.

mod github_support;

use ballast_cli::github::{
    self, ApiError, Client, PublishError, PublishOptions, Published, Target,
};
use ballast_policy::Severity;
use github_support::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn options() -> PublishOptions {
    PublishOptions {
        retry: quick_retries(),
        ..PublishOptions::default()
    }
}

async fn mount_empty_pull_request(server: &MockServer) {
    for listing in ["files", "comments", "reviews"] {
        Mock::given(method("GET"))
            .and(path(format!("{REPO}/pulls/7/{listing}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(server)
            .await;
    }
}

fn forbidden() -> ResponseTemplate {
    ResponseTemplate::new(403).set_body_json(json!({
        "message": "Resource not accessible by integration",
        "documentation_url": "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
    }))
}

#[tokio::test]
async fn a_forbidden_review_falls_back_to_workflow_commands_and_says_why() {
    let server = MockServer::start().await;
    mount_empty_pull_request(&server).await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/pulls/7/reviews")))
        .respond_with(forbidden())
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let env = pull_request_env(&server.uri(), dir.path(), 7);
    let findings = [finding(
        "./Dockerfile",
        2,
        Severity::Error,
        "100% root, really",
    )];
    let mut out = Vec::new();

    let published = github::publish(
        &env,
        Target::Review,
        &findings,
        &fingerprints(&findings),
        &options(),
        &mut out,
    )
    .await
    .expect("a 403 is not an error");

    let Published::WorkflowCommands { reason } = published else {
        panic!("expected the fallback, got {published:?}");
    };
    assert!(
        reason.contains("Resource not accessible by integration"),
        "{reason}"
    );
    assert!(reason.contains("pull-requests: write"), "{reason}");
    let printed = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{printed}");
    assert!(
        lines[0].starts_with("::notice::ballast: printing annotations instead"),
        "{printed}"
    );
    assert_eq!(
        lines[1],
        "::error file=Dockerfile,line=2,col=1,endLine=2,endColumn=5,title=test-rule::100%25 root, really"
    );
    // The 403 is not retried: one POST.
    let posts = bodies(&server, "POST", "/repos/octo/app/pulls/7/reviews").await;
    assert_eq!(posts.len(), 1);
}

#[tokio::test]
async fn a_forbidden_check_run_falls_back_too() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/check-runs")))
        .respond_with(forbidden())
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let env = pull_request_env(&server.uri(), dir.path(), 7);
    let findings = [finding("Dockerfile", 2, Severity::Warning, "w")];
    let mut out = Vec::new();

    let published = github::publish(
        &env,
        Target::CheckRun,
        &findings,
        &fingerprints(&findings),
        &options(),
        &mut out,
    )
    .await
    .unwrap();

    assert!(
        matches!(published, Published::WorkflowCommands { ref reason } if reason.contains("checks: write"))
    );
    let create = &bodies(&server, "POST", "/repos/octo/app/check-runs").await[0];
    assert_eq!(
        create["head_sha"], HEAD_SHA,
        "the pull request's head, not the merge commit"
    );
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("::warning file=Dockerfile,line=2"));
}

#[tokio::test]
async fn a_review_outside_a_pull_request_prints_workflow_commands() {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut env = pull_request_env(&server.uri(), dir.path(), 7);
    std::fs::write(
        env.event_path.as_ref().unwrap(),
        r#"{"ref":"refs/heads/main"}"#,
    )
    .unwrap();
    env.sha = Some(HEAD_SHA.into());
    let mut out = Vec::new();

    let published = github::publish(
        &env,
        Target::Review,
        &[finding("Dockerfile", 1, Severity::Info, "i")],
        &["f".to_string()],
        &options(),
        &mut out,
    )
    .await
    .unwrap();

    assert!(matches!(published, Published::WorkflowCommands { .. }));
    assert!(request_log(&server).await.is_empty());
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("::notice file=Dockerfile,line=1"));
}

#[tokio::test]
async fn server_errors_and_secondary_rate_limits_are_retried() {
    let server = MockServer::start().await;
    let usage = format!("{REPO}/actions/cache/usage");
    Mock::given(method("GET"))
        .and(path(usage.as_str()))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(usage.as_str()))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("retry-after", "30")
                .set_body_json(json!({"message": "You have exceeded a secondary rate limit."})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(usage.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"active_caches_count": 1})))
        .mount(&server)
        .await;
    let client = Client::new(&server.uri(), "test-token", quick_retries()).unwrap();

    let started = std::time::Instant::now();
    let answer: serde_json::Value = client.get(&usage).await.expect("third attempt succeeds");

    assert_eq!(answer["active_caches_count"], 1);
    assert_eq!(request_log(&server).await.len(), 3);
    // retry-after: 30 was capped by the policy's max_backoff.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn retries_are_bounded_and_end_in_a_clear_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/check-runs")))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"message": "Server Error"})))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let env = pull_request_env(&server.uri(), dir.path(), 7);
    let mut out = Vec::new();

    let error = github::publish(&env, Target::CheckRun, &[], &[], &options(), &mut out)
        .await
        .unwrap_err();

    // One attempt and max_retries (2) retries.
    assert_eq!(request_log(&server).await.len(), 3);
    let PublishError::Api(ApiError::Status { status, .. }) = &error else {
        panic!("expected a status error, got {error:?}");
    };
    assert_eq!(status.as_u16(), 500);
    assert_eq!(
        error.to_string(),
        "GitHub API: POST /repos/octo/app/check-runs: HTTP 500 Internal Server Error: Server Error"
    );
    assert!(out.is_empty());
}

#[tokio::test]
async fn an_unreachable_api_is_a_transport_error() {
    // A port nothing listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(&format!("http://127.0.0.1:{port}"), "t", quick_retries()).unwrap();
    let error = client
        .get::<serde_json::Value>("/repos/octo/app")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Transport { .. }), "{error:?}");
}
