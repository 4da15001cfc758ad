//! End-to-end test of `action.yml`: its steps run as a runner would run them (see `runner.rs`)
//! in a copy of `fixture/`, with the `ballast` binary this build made. The release download is
//! served by a mock on 127.0.0.1 (`GITHUB_SERVER_URL`), as is the GitHub API for review mode, so
//! the test needs no network.

mod runner;

use runner::{Action, RunResult, Runner};
use serde_json::json;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RELEASE: &str = "/ballast-dev/ballast/releases/download/v9.9.9";
const ASSET: &str = "ballast-x86_64-unknown-linux-gnu";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The release asset the mock serves: a tiny stand-in that runs the binary this build made
/// (the debug binary itself is over 100 MB, too slow to serve in every test).
fn release_asset() -> Vec<u8> {
    format!(
        "#!/bin/sh\nexec '{}' \"$@\"\n",
        env!("CARGO_BIN_EXE_ballast")
    )
    .into_bytes()
}

fn sha256_hex(bytes: &[u8], scratch: &Path) -> String {
    let file = scratch.join("to-hash");
    fs::write(&file, bytes).unwrap();
    let output = Command::new("sha256sum")
        .arg(&file)
        .output()
        .expect("sha256sum");
    String::from_utf8(output.stdout).unwrap()[..64].to_string()
}

/// Serves the release assets `ballast-x86_64-unknown-linux-gnu` and its checksum file.
async fn mount_release(server: &MockServer, checksum: &str) {
    Mock::given(method("GET"))
        .and(path(format!("{RELEASE}/{ASSET}")))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(release_asset()))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{RELEASE}/{ASSET}.sha256")))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!("{checksum}  {ASSET}\n")))
        .mount(server)
        .await;
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A runner for a `pull_request` run of the fixture repository against `server`.
struct Job {
    dir: TempDir,
    runner: Runner,
}

impl Job {
    fn new(server: &MockServer, inputs: &[(&str, &str)]) -> Job {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("workspace");
        let temp = dir.path().join("runner-temp");
        copy_dir(&repo_root().join("tests/action/fixture"), &workspace);
        fs::create_dir_all(&temp).unwrap();
        let event = dir.path().join("event.json");
        fs::write(
            &event,
            json!({
                "action": "opened",
                "number": 7,
                "pull_request": {
                    "number": 7,
                    "head": {"sha": "1111111111111111111111111111111111111111"},
                    "base": {"sha": "2222222222222222222222222222222222222222"}
                }
            })
            .to_string(),
        )
        .unwrap();
        let summary = dir.path().join("step-summary.md");
        let action_path = repo_root().canonicalize().unwrap();
        let text = |p: &Path| p.to_string_lossy().into_owned();
        let env: BTreeMap<String, String> = [
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("HOME", text(dir.path())),
            ("CI", "true".into()),
            ("GITHUB_ACTIONS", "true".into()),
            ("GITHUB_WORKSPACE", text(&workspace)),
            ("GITHUB_REPOSITORY", "octo/app".into()),
            ("GITHUB_EVENT_NAME", "pull_request".into()),
            ("GITHUB_EVENT_PATH", text(&event)),
            (
                "GITHUB_SHA",
                "3333333333333333333333333333333333333333".into(),
            ),
            ("GITHUB_SERVER_URL", server.uri()),
            ("GITHUB_API_URL", server.uri()),
            ("GITHUB_STEP_SUMMARY", text(&summary)),
            ("GITHUB_ACTION_PATH", text(&action_path)),
            ("RUNNER_OS", "Linux".into()),
            ("RUNNER_ARCH", "X64".into()),
            ("RUNNER_TEMP", text(&temp)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let github = [
            ("action_path", text(&action_path)),
            ("action_ref", "v9.9.9".into()),
            ("action_repository", "ballast-dev/ballast".into()),
            ("token", "test-token".into()),
            ("event_name", "pull_request".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let runner = Runner {
            inputs: inputs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            github,
            runner: BTreeMap::from([("temp".to_string(), text(&temp))]),
            env,
            workspace,
            temp,
        };
        Job { dir, runner }
    }

    fn summary(&self) -> String {
        fs::read_to_string(self.dir.path().join("step-summary.md")).unwrap_or_default()
    }

    /// Runs the action on a blocking thread, so that the mock server keeps answering.
    async fn run(self) -> (RunResult, Job) {
        tokio::task::spawn_blocking(move || {
            let action = Action::load(&repo_root().join("action.yml"));
            (self.runner.run(&action), self)
        })
        .await
        .expect("the action run")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_request_run_downloads_the_release_annotates_and_writes_outputs() {
    let server = MockServer::start().await;
    let scratch = tempfile::tempdir().unwrap();
    mount_release(&server, &sha256_hex(&release_asset(), scratch.path())).await;
    let inputs = [
        ("only-changed", "false"),
        ("fail-on", "never"),
        ("sarif-file", "ballast.sarif"),
    ];
    let (result, job) = Job::new(&server, &inputs).run().await;

    assert_eq!(result.failed, None, "{}\n{}", result.stdout, result.stderr);
    assert_eq!(result.ran, ["Get ballast", "Check", "SARIF", "Result"]);
    assert!(
        result
            .stdout
            .contains("ballast: using release v9.9.9 (ballast-x86_64-unknown-linux-gnu, SHA-256"),
        "{}",
        result.stdout
    );
    let annotations: Vec<&str> = result
        .stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .collect();
    assert_eq!(
        annotations,
        [
            "::error file=Dockerfile,line=3,col=5,endLine=3,endColumn=21,title=secret-in-env::ENV `API_TOKEN` bakes a secret into the image metadata%0A%0Ahelp: use a build secret (`RUN --mount=type=secret,id=...`) at build time, or set it at run time",
            "::warning file=Dockerfile,line=2,col=1,endLine=2,endColumn=19,title=root-user::the final stage has no USER instruction, so the container runs as root%0A%0Ahelp: create a user with a fixed UID and add `USER <uid>` before CMD/ENTRYPOINT",
            "::warning file=Dockerfile,line=2,col=6,endLine=2,endColumn=19,title=unpinned-base-image::`python:latest` uses the `latest` tag, which changes under you%0A%0Ahelp: pin a version tag (`python:<version>`) or a digest (`@sha256:...`)",
            "::warning file=svc/api%2Cv2.Dockerfile,line=1,col=6,endLine=1,endColumn=10,title=unpinned-base-image::`node` has no tag, so it means `latest`, which changes under you%0A%0Ahelp: pin a version tag (`node:<version>`) or a digest (`@sha256:...`)",
            "::notice file=svc/api%2Cv2.Dockerfile,line=2,col=6,endLine=2,endColumn=10,title=non-numeric-user::`USER node` names the user, which only the image's /etc/passwd can resolve%0A%0Ahelp: use the numeric UID (and GID), e.g. `USER 10001:10001`",
        ]
    );
    assert_eq!(
        result.outputs,
        BTreeMap::from([
            ("errors".to_string(), "1".to_string()),
            ("findings".to_string(), "5".to_string()),
            ("sarif-file".to_string(), "ballast.sarif".to_string()),
            ("warnings".to_string(), "3".to_string()),
        ])
    );
    let sarif = fs::read_to_string(job.runner.workspace.join("ballast.sarif")).unwrap();
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 5);
    // One summary, written by the JSON run; the annotating run does not add another.
    let summary = job.summary();
    assert_eq!(summary.matches("## ballast").count(), 1, "{summary}");
    assert!(
        summary.contains("**5 problems** (1 error, 3 warnings, 1 info) in 2 of 2 files checked."),
        "{summary}"
    );
    let link = "/octo/app/blob/3333333333333333333333333333333333333333/Dockerfile#L3)";
    assert!(summary.contains(link), "{summary}");
}
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_at_fail_on_fail_the_action_after_reporting_them() {
    let server = MockServer::start().await;
    let scratch = tempfile::tempdir().unwrap();
    mount_release(&server, &sha256_hex(&release_asset(), scratch.path())).await;
    let inputs = [
        ("only-changed", "false"),
        ("fail-on", "error"),
        ("annotations", "none"),
    ];
    let (result, _job) = Job::new(&server, &inputs).run().await;

    assert_eq!(result.failed, Some(1));
    assert_eq!(result.ran, ["Get ballast", "Check", "Result"]);
    assert!(
        !result.stdout.contains("::error file="),
        "annotations: none prints none"
    );
    assert_eq!(result.outputs["findings"], "5");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checksum_mismatch_stops_before_anything_runs() {
    let server = MockServer::start().await;
    mount_release(&server, &"0".repeat(64)).await;
    let (result, _job) = Job::new(&server, &[]).run().await;

    assert_eq!(result.failed, Some(1));
    assert_eq!(result.ran, ["Get ballast"]);
    assert!(
        result.stdout.contains(
            "::error::checksum mismatch for ballast-x86_64-unknown-linux-gnu of release v9.9.9"
        ),
        "{}",
        result.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_release_it_builds_from_the_action_checkout() {
    // Nothing mounted: every download answers 404, as for a branch or SHA ref.
    let server = MockServer::start().await;
    let mut job = Job::new(
        &server,
        &[
            ("version", "main"),
            ("only-changed", "false"),
            ("fail-on", "never"),
        ],
    );
    // A stand-in for cargo that records its arguments and "builds" the test's binary.
    let bin = job.dir.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    let log = job.dir.path().join("cargo-args");
    let stand_in = job.dir.path().join("ballast-stand-in");
    fs::write(&stand_in, release_asset()).unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&stand_in)
        .status()
        .unwrap();
    let fake_cargo = format!(
        "#!/usr/bin/env bash\nif [ \"$1\" = --version ]; then echo 'cargo 1.95.0 (test)'; exit 0; fi\n\
         printf '%s\\n' \"$@\" > '{log}'\n\
         while [ $# -gt 0 ]; do if [ \"$1\" = --target-dir ]; then dir=\"$2\"; fi; shift; done\n\
         mkdir -p \"$dir/release\" && cp '{stand_in}' \"$dir/release/ballast\"\n",
        log = log.display(),
        stand_in = stand_in.display(),
    );
    let cargo = bin.join("cargo");
    fs::write(&cargo, fake_cargo).unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&cargo)
        .status()
        .unwrap();
    let path = format!("{}:{}", bin.display(), job.runner.env["PATH"]);
    job.runner.env.insert("PATH".into(), path);

    let (result, job) = job.run().await;

    assert_eq!(result.failed, None, "{}\n{}", result.stdout, result.stderr);
    assert!(
        result.stdout.contains("ballast: no release asset for ref 'main' and target 'x86_64-unknown-linux-gnu'; building from the action's checkout with cargo 1.95.0 (test)"),
        "{}",
        result.stdout
    );
    let args = fs::read_to_string(job.dir.path().join("cargo-args")).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(&args[..3], ["build", "--release", "--locked"]);
    let manifest = args.iter().position(|a| *a == "--manifest-path").unwrap();
    assert!(args[manifest + 1].ends_with("/Cargo.toml"));
    assert_eq!(result.outputs["findings"], "5");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_mode_posts_one_review_through_the_api() {
    let server = MockServer::start().await;
    let scratch = tempfile::tempdir().unwrap();
    mount_release(&server, &sha256_hex(&release_asset(), scratch.path())).await;
    Mock::given(method("GET"))
        .and(path("/repos/octo/app/pulls/7/files"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
            "filename": "Dockerfile",
            "patch": "@@ -1,2 +1,3 @@\n # The fixture repository of the action's end-to-end test.\n-FROM python:3.12\n+FROM python:latest\n+ENV API_TOKEN=abc123"
        }])))
        .mount(&server)
        .await;
    for listing in ["comments", "reviews"] {
        Mock::given(method("GET"))
            .and(path(format!("/repos/octo/app/pulls/7/{listing}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/repos/octo/app/pulls/7/reviews"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 77})))
        .mount(&server)
        .await;
    let inputs = [
        ("only-changed", "false"),
        ("annotations", "review"),
        ("fail-on", "never"),
    ];
    let (result, _job) = Job::new(&server, &inputs).run().await;

    assert_eq!(result.failed, None, "{}\n{}", result.stdout, result.stderr);
    assert_eq!(
        result.ran,
        ["Get ballast", "Check", "Publish findings", "Result"]
    );
    assert!(
        result
            .stderr
            .contains("ballast: posted review 77: 3 new inline comments"),
        "{}",
        result.stderr
    );
    let requests = server.received_requests().await.unwrap();
    let review = requests
        .iter()
        .find(|r| r.method.as_str() == "POST")
        .expect("a review was posted");
    let body: serde_json::Value = review.body_json().unwrap();
    assert_eq!(
        body["commit_id"],
        "1111111111111111111111111111111111111111"
    );
    let lines: Vec<u64> = body["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 2, 3]);
    assert!(body["body"]
        .as_str()
        .unwrap()
        .contains("`svc/api,v2.Dockerfile:1`"));
    let auth = review
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(auth.ends_with("test-token"));
}

fn git(workspace: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .current_dir(workspace)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", workspace)
        .output()
        .expect("git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_pull_requests_only_changed_lines_are_reported_by_default() {
    let server = MockServer::start().await;
    let scratch = tempfile::tempdir().unwrap();
    mount_release(&server, &sha256_hex(&release_asset(), scratch.path())).await;
    let job = Job::new(&server, &[("fail-on", "never")]);
    // The base commit has everything but the secret; the pull request adds it.
    let workspace = job.runner.workspace.clone();
    let dockerfile = workspace.join("Dockerfile");
    let head_text = fs::read_to_string(&dockerfile).unwrap();
    fs::write(
        &dockerfile,
        head_text.replace("ENV API_TOKEN=abc123", "ENV API_URL=https://example.org"),
    )
    .unwrap();
    git(&workspace, &["init", "--quiet"]);
    git(&workspace, &["add", "."]);
    git(&workspace, &["commit", "--quiet", "-m", "base"]);
    let base = git(&workspace, &["rev-parse", "HEAD"]);
    fs::write(&dockerfile, head_text).unwrap();
    git(&workspace, &["commit", "--quiet", "-am", "head"]);
    let event = json!({
        "number": 7,
        "pull_request": {"number": 7, "head": {"sha": "1111111111111111111111111111111111111111"}, "base": {"sha": base}}
    });
    fs::write(&job.runner.env["GITHUB_EVENT_PATH"], event.to_string()).unwrap();

    let (result, _job) = job.run().await;

    assert_eq!(result.failed, None, "{}\n{}", result.stdout, result.stderr);
    let annotations: Vec<&str> = result
        .stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .collect();
    assert_eq!(annotations.len(), 1, "{annotations:?}");
    assert!(
        annotations[0].starts_with("::error file=Dockerfile,line=3,"),
        "{annotations:?}"
    );
    assert_eq!(
        (
            result.outputs["findings"].as_str(),
            result.outputs["errors"].as_str()
        ),
        ("1", "1")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_run_mode_creates_a_check_run_on_the_pull_requests_head() {
    let server = MockServer::start().await;
    let scratch = tempfile::tempdir().unwrap();
    mount_release(&server, &sha256_hex(&release_asset(), scratch.path())).await;
    Mock::given(method("POST"))
        .and(path("/repos/octo/app/check-runs"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 5})))
        .mount(&server)
        .await;
    let inputs = [
        ("only-changed", "false"),
        ("annotations", "check-run"),
        ("fail-on", "error"),
    ];
    let (result, _job) = Job::new(&server, &inputs).run().await;

    // The secret is an error: the check fails the step, after publishing.
    assert_eq!(
        result.failed,
        Some(1),
        "{}\n{}",
        result.stdout,
        result.stderr
    );
    assert_eq!(
        result.ran,
        ["Get ballast", "Check", "Publish findings", "Result"]
    );
    assert!(
        result
            .stderr
            .contains("ballast: check run 5 with 5 annotations"),
        "{}",
        result.stderr
    );
    let requests = server.received_requests().await.unwrap();
    let create = requests
        .iter()
        .find(|r| r.method.as_str() == "POST")
        .unwrap();
    let body: serde_json::Value = create.body_json().unwrap();
    assert_eq!(body["head_sha"], "1111111111111111111111111111111111111111");
    assert_eq!(body["status"], "completed");
    assert_eq!(body["conclusion"], "failure");
    assert_eq!(body["output"]["annotations"].as_array().unwrap().len(), 5);
}
