//! `check --github-review` against a mock GitHub API: one review per run, inline comments on
//! the diff, the rest in the body, idempotent re-runs, pagination, GitHub Enterprise Server.

mod github_support;

use ballast_cli::github::markers::SUMMARY_MARKER;
use ballast_cli::github::review::{self, ReviewOutcome};
use ballast_cli::github::{Client, PullRequest};
use ballast_policy::{Finding, Severity};
use github_support::*;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn pull() -> PullRequest {
    PullRequest {
        number: 7,
        head_sha: HEAD_SHA.into(),
    }
}

/// The pull request's files over two pages; `prefix` is the API's path (`/api/v3` on GHES).
async fn mount_files(server: &MockServer, prefix: &str) {
    let files = format!("{prefix}{REPO}/pulls/7/files");
    let next = format!(
        "<{}{files}?per_page=100&page=2>; rel=\"next\"",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path(files.as_str()))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("link", next.as_str())
                .set_body_json(json!([{
                    "filename": "Dockerfile",
                    "status": "modified",
                    "patch": "@@ -1,2 +1,4 @@\n FROM alpine:3.20\n-RUN apk add curl wget\n+RUN apk add curl\n+USER root\n+EXPOSE 8080"
                }, {
                    "filename": "logo.png",
                    "status": "added"
                }])),
        )
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(files.as_str()))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "filename": "svc/api/Dockerfile",
            "status": "added",
            "patch": "@@ -0,0 +1,3 @@\n+FROM node:22\n+COPY . .\n+RUN npm install"
        }])))
        .mount(server)
        .await;
}

/// Everything a review run reads and writes, with `comments` and `reviews` already there.
async fn mock_pull_request(comments: Value, reviews: Value) -> MockServer {
    let server = MockServer::start().await;
    mount_files(&server, "").await;
    let pulls = format!("{REPO}/pulls/7");
    Mock::given(method("GET"))
        .and(path(format!("{pulls}/comments")))
        .respond_with(ResponseTemplate::new(200).set_body_json(comments))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{pulls}/reviews")))
        .respond_with(ResponseTemplate::new(200).set_body_json(reviews))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{pulls}/reviews")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 901})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(wiremock::matchers::path_regex(
            r"^/repos/octo/app/pulls/7/reviews/\d+$",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 900})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(wiremock::matchers::path_regex(
            r"^/repos/octo/app/pulls/comments/\d+$",
        ))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

async fn run(api_url: &str, findings: &[Finding]) -> ReviewOutcome {
    let client = Client::new(api_url, "test-token", quick_retries()).expect("client");
    review::publish(&client, REPO, &pull(), findings, &fingerprints(findings))
        .await
        .expect("review published")
}

fn first_findings() -> Vec<Finding> {
    vec![
        finding("Dockerfile", 3, Severity::Warning, "runs as root"),
        finding("Dockerfile", 40, Severity::Error, "not in the diff"),
        finding(
            "svc/api/Dockerfile",
            2,
            Severity::Warning,
            "copies the whole context",
        ),
    ]
}

const READS: [&str; 4] = [
    "GET /repos/octo/app/pulls/7/files?per_page=100",
    "GET /repos/octo/app/pulls/7/files?per_page=100&page=2",
    "GET /repos/octo/app/pulls/7/comments?per_page=100",
    "GET /repos/octo/app/pulls/7/reviews?per_page=100",
];

#[tokio::test]
async fn first_run_posts_one_review_with_inline_comments_and_the_rest_in_the_body() {
    let server = mock_pull_request(json!([]), json!([])).await;
    let outcome = run(&server.uri(), &first_findings()).await;

    let mut expected: Vec<String> = READS.iter().map(|r| r.to_string()).collect();
    expected.push("POST /repos/octo/app/pulls/7/reviews".into());
    assert_eq!(request_log(&server).await, expected);
    assert_eq!(
        outcome,
        ReviewOutcome {
            posted_review: Some(901),
            commented: 2,
            outside_diff: 1,
            ..ReviewOutcome::default()
        }
    );

    let review = &bodies(&server, "POST", "/repos/octo/app/pulls/7/reviews").await[0];
    assert_eq!(review["commit_id"], HEAD_SHA);
    assert_eq!(review["event"], "COMMENT");
    let body = review["body"].as_str().unwrap();
    assert!(body.contains("3 findings (1 error, 2 warnings)"), "{body}");
    assert!(body.contains("| error | `Dockerfile:40` |"), "{body}");
    assert!(body.ends_with(SUMMARY_MARKER));
    let comments = review["comments"].as_array().unwrap();
    let placed: Vec<(&str, u64, &str)> = comments
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap(),
                c["line"].as_u64().unwrap(),
                c["side"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            ("Dockerfile", 3, "RIGHT"),
            ("svc/api/Dockerfile", 2, "RIGHT")
        ]
    );
    for comment in comments {
        let text = comment["body"].as_str().unwrap();
        assert!(text.contains("<!-- ballast:fingerprint="), "{text}");
        assert!(comment.get("start_line").is_none());
    }

    let requests = server.received_requests().await.unwrap();
    let auth = requests[0]
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(auth.ends_with("test-token"), "{auth}");
}

/// The review comments run 1 left behind, as the API lists them (with a human's comment).
async fn comments_of_first_run() -> (Value, Value) {
    let server = mock_pull_request(json!([]), json!([])).await;
    run(&server.uri(), &first_findings()).await;
    let review = bodies(&server, "POST", "/repos/octo/app/pulls/7/reviews")
        .await
        .remove(0);
    let mut comments: Vec<Value> = review["comments"]
        .as_array()
        .unwrap()
        .iter()
        .zip([501, 502])
        .map(|(comment, id)| json!({"id": id, "path": comment["path"], "line": comment["line"], "body": comment["body"]}))
        .collect();
    comments.push(json!({"id": 503, "path": "Dockerfile", "line": 3, "body": "Agreed, fix it."}));
    let reviews = json!([
        {"id": 900, "body": review["body"], "state": "COMMENTED"},
        {"id": 42, "body": "LGTM", "state": "APPROVED"}
    ]);
    (Value::Array(comments), reviews)
}

#[tokio::test]
async fn a_rerun_edits_the_summary_posts_only_new_comments_and_deletes_fixed_ones() {
    let (comments, reviews) = comments_of_first_run().await;
    let server = mock_pull_request(comments, reviews).await;
    // svc/api's finding is fixed; a new one appeared on line 4.
    let findings = vec![
        finding("Dockerfile", 3, Severity::Warning, "runs as root"),
        finding("Dockerfile", 4, Severity::Info, "exposes a dev port"),
        finding("Dockerfile", 40, Severity::Error, "not in the diff"),
    ];
    let outcome = run(&server.uri(), &findings).await;

    let mut expected: Vec<String> = READS.iter().map(|r| r.to_string()).collect();
    expected.extend([
        "PUT /repos/octo/app/pulls/7/reviews/900".to_string(),
        "POST /repos/octo/app/pulls/7/reviews".to_string(),
        "DELETE /repos/octo/app/pulls/comments/502".to_string(),
    ]);
    assert_eq!(request_log(&server).await, expected);
    assert_eq!(
        outcome,
        ReviewOutcome {
            posted_review: Some(901),
            updated_review: Some(900),
            commented: 1,
            kept: 1,
            deleted: 1,
            outside_diff: 1,
        }
    );
    let edit = &bodies(&server, "PUT", "/repos/octo/app/pulls/7/reviews/900").await[0];
    let summary = edit["body"].as_str().unwrap();
    assert!(
        summary.contains("3 findings (1 error, 1 warning, 1 info)"),
        "{summary}"
    );
    assert!(summary.contains(SUMMARY_MARKER));
    let follow_up = &bodies(&server, "POST", "/repos/octo/app/pulls/7/reviews").await[0];
    let new_comments = follow_up["comments"].as_array().unwrap();
    assert_eq!(new_comments.len(), 1);
    assert_eq!(new_comments[0]["line"], 4);
    assert!(!follow_up["body"].as_str().unwrap().contains(SUMMARY_MARKER));
}

#[tokio::test]
async fn an_unchanged_rerun_only_edits_the_summary() {
    let (comments, reviews) = comments_of_first_run().await;
    let server = mock_pull_request(comments, reviews).await;
    let outcome = run(&server.uri(), &first_findings()).await;

    let mut expected: Vec<String> = READS.iter().map(|r| r.to_string()).collect();
    expected.push("PUT /repos/octo/app/pulls/7/reviews/900".into());
    assert_eq!(request_log(&server).await, expected);
    assert_eq!(
        (outcome.commented, outcome.kept, outcome.deleted),
        (0, 2, 0)
    );
}

#[tokio::test]
async fn a_clean_pull_request_never_reviewed_gets_no_review() {
    let server = mock_pull_request(json!([]), json!([])).await;
    let outcome = run(&server.uri(), &[]).await;
    assert_eq!(request_log(&server).await, READS);
    assert_eq!(outcome, ReviewOutcome::default());
}

#[tokio::test]
async fn enterprise_server_paths_keep_the_api_prefix_across_pages() {
    let server = MockServer::start().await;
    mount_files(&server, "/api/v3").await;
    for listing in ["comments", "reviews"] {
        Mock::given(method("GET"))
            .and(path(format!("/api/v3{REPO}/pulls/7/{listing}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path(format!("/api/v3{REPO}/pulls/7/reviews")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;

    let api_url = format!("{}/api/v3", server.uri());
    let outcome = run(&api_url, &first_findings()).await;

    assert_eq!(outcome.commented, 2);
    let log = request_log(&server).await;
    assert_eq!(
        log[1],
        "GET /api/v3/repos/octo/app/pulls/7/files?per_page=100&page=2"
    );
    assert!(
        log.iter().all(|line| line.contains(" /api/v3/repos/")),
        "{log:?}"
    );
}
