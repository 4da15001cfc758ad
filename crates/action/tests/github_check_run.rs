//! `check --github-check-run` against a mock GitHub API: annotations in batches of 50.

mod github_support;

use ballast_cli::github::check_run::{self, Conclusion};
use ballast_cli::github::Client;
use ballast_policy::{Finding, Severity};
use github_support::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mock_checks() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{REPO}/check-runs")))
        .respond_with(ResponseTemplate::new(201).set_body_json(
            json!({"id": 4242, "html_url": "https://github.example/octo/app/runs/4242"}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{REPO}/check-runs/4242")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 4242})))
        .mount(&server)
        .await;
    server
}

fn many_findings(count: usize) -> Vec<Finding> {
    (1..=count)
        .map(|line| {
            finding(
                "Dockerfile",
                line,
                Severity::Warning,
                &format!("finding {line}"),
            )
        })
        .collect()
}

#[tokio::test]
async fn annotations_go_in_batches_of_fifty_and_the_last_request_completes_the_run() {
    let server = mock_checks().await;
    let client = Client::new(&server.uri(), "test-token", quick_retries()).unwrap();
    let findings = many_findings(120);
    let outcome = check_run::publish(
        &client,
        REPO,
        "ballast",
        HEAD_SHA,
        &findings,
        Conclusion::Failure,
    )
    .await
    .unwrap();

    assert_eq!(
        request_log(&server).await,
        [
            "POST /repos/octo/app/check-runs",
            "PATCH /repos/octo/app/check-runs/4242",
            "PATCH /repos/octo/app/check-runs/4242",
        ]
    );
    assert_eq!(
        (outcome.id, outcome.annotations, outcome.requests),
        (4242, 120, 3)
    );

    let create = &bodies(&server, "POST", "/repos/octo/app/check-runs").await[0];
    assert_eq!(create["name"], "ballast");
    assert_eq!(create["head_sha"], HEAD_SHA);
    assert_eq!(create["status"], "in_progress");
    assert!(create.get("conclusion").is_none());
    let first = create["output"]["annotations"].as_array().unwrap();
    assert_eq!(first.len(), 50);
    assert_eq!(first[0]["path"], "Dockerfile");
    assert_eq!(first[0]["start_line"], 1);
    assert_eq!(first[0]["annotation_level"], "warning");
    assert_eq!(first[0]["message"], "finding 1");

    let updates = bodies(&server, "PATCH", "/repos/octo/app/check-runs/4242").await;
    let sizes: Vec<usize> = updates
        .iter()
        .map(|u| u["output"]["annotations"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [50, 20]);
    assert_eq!(updates[0]["output"]["annotations"][0]["start_line"], 51);
    assert!(updates[0].get("status").is_none());
    assert_eq!(updates[1]["status"], "completed");
    assert_eq!(updates[1]["conclusion"], "failure");
    assert_eq!(updates[1]["output"]["title"], "120 findings");
}

#[tokio::test]
async fn fifty_annotations_or_fewer_take_one_completed_request() {
    let server = mock_checks().await;
    let client = Client::new(&server.uri(), "test-token", quick_retries()).unwrap();
    let outcome = check_run::publish(
        &client,
        REPO,
        "ballast",
        HEAD_SHA,
        &many_findings(50),
        Conclusion::Neutral,
    )
    .await
    .unwrap();

    assert_eq!(
        request_log(&server).await,
        ["POST /repos/octo/app/check-runs"]
    );
    assert_eq!(outcome.requests, 1);
    let create = &bodies(&server, "POST", "/repos/octo/app/check-runs").await[0];
    assert_eq!(create["status"], "completed");
    assert_eq!(create["conclusion"], "neutral");
    assert_eq!(
        create["output"]["annotations"].as_array().unwrap().len(),
        50
    );
}

#[tokio::test]
async fn no_findings_is_a_successful_run_without_annotations() {
    let server = mock_checks().await;
    let client = Client::new(&server.uri(), "test-token", quick_retries()).unwrap();
    check_run::publish(&client, REPO, "ballast", HEAD_SHA, &[], Conclusion::Success)
        .await
        .unwrap();
    let create = &bodies(&server, "POST", "/repos/octo/app/check-runs").await[0];
    assert_eq!(create["conclusion"], "success");
    assert_eq!(create["output"]["title"], "No findings");
    assert_eq!(create["output"]["annotations"], json!([]));
}
