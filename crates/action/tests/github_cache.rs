//! `ballast gha-cache` against a mock GitHub API with a realistic, paginated cache listing.

mod github_support;

use ballast_cli::github::cache::{self, CacheReport, GroupKind, DEFAULT_LIMIT_BYTES};
use ballast_cli::github::Client;
use chrono::{DateTime, Utc};
use github_support::*;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GIB: u64 = 1024 * 1024 * 1024;

fn now() -> DateTime<Utc> {
    "2026-11-22T08:00:00Z".parse().unwrap()
}

fn entry(id: u64, key: &str, git_ref: &str, size: u64, last_accessed: &str) -> Value {
    json!({
        "id": id,
        "ref": git_ref,
        "key": key,
        "version": "b9e3c0d1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9",
        "last_accessed_at": last_accessed,
        "created_at": "2026-11-01T10:00:00.000Z",
        "size_in_bytes": size,
    })
}

fn blob(id: u64, digest_byte: char, size: u64, last_accessed: &str) -> Value {
    let digest: String = std::iter::repeat_n(digest_byte, 64).collect();
    entry(
        id,
        &format!("buildkit-blob-1-sha256:{digest}"),
        "refs/heads/main",
        size,
        last_accessed,
    )
}

/// Two pages: BuildKit's indexes and blobs of two scopes, a stale pull request scope, and
/// a cargo cache.
async fn mock_caches(blob_size: u64) -> MockServer {
    let server = MockServer::start().await;
    let caches = format!("{REPO}/actions/caches");
    let page_one = vec![
        entry(
            1,
            "index-buildkit-1-9f86d081",
            "refs/heads/main",
            48_213,
            "2026-11-22T07:40:12.000Z",
        ),
        entry(
            2,
            "index-api-1-9f86d081",
            "refs/heads/main",
            30_117,
            "2026-11-21T18:02:00.000Z",
        ),
        entry(
            3,
            "index-api-1-3c0a5b2e",
            "refs/pull/12/merge",
            29_870,
            "2026-11-10T09:00:00.000Z",
        ),
        blob(4, 'a', blob_size, "2026-11-22T07:40:10.000Z"),
        blob(5, 'b', blob_size, "2026-11-21T18:01:00.000Z"),
    ];
    let page_two = vec![
        blob(6, 'c', blob_size, "2026-11-09T12:00:00.000Z"),
        entry(
            7,
            "Linux-cargo-8d5e957f297893487bd98fa830fa6413",
            "refs/heads/main",
            700_000_000,
            "2026-11-20T06:00:00.000Z",
        ),
        entry(
            8,
            "Linux-cargo-11b4c2a9f0e7d6c5b4a3928170615243",
            "refs/pull/12/merge",
            690_000_000,
            "2026-11-12T06:00:00.000Z",
        ),
    ];
    let total: u64 = page_one
        .iter()
        .chain(&page_two)
        .map(|e| e["size_in_bytes"].as_u64().unwrap())
        .sum();
    let next = format!(
        "<{}{caches}?per_page=100&page=2>; rel=\"next\"",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path(caches.as_str()))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("link", next.as_str())
                .set_body_json(json!({"total_count": 8, "actions_caches": page_one})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(caches.as_str()))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"total_count": 8, "actions_caches": page_two})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{REPO}/actions/cache/usage")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "full_name": "octo/app",
            "active_caches_size_in_bytes": total,
            "active_caches_count": 8,
        })))
        .mount(&server)
        .await;
    server
}

async fn report(server: &MockServer) -> CacheReport {
    let client = Client::new(&server.uri(), "test-token", quick_retries()).unwrap();
    let (usage, entries) = cache::fetch(&client, REPO).await.expect("cache listing");
    cache::analyze("octo/app", &usage, &entries, DEFAULT_LIMIT_BYTES, now())
}

fn group<'a>(report: &'a CacheReport, name: &str) -> &'a cache::CacheGroup {
    report
        .groups
        .iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no group {name}"))
}

#[tokio::test]
async fn reads_every_page_and_groups_buildkit_entries_by_scope() {
    let server = mock_caches(GIB).await;
    let report = report(&server).await;

    assert_eq!(
        request_log(&server).await,
        [
            "GET /repos/octo/app/actions/cache/usage",
            "GET /repos/octo/app/actions/caches?per_page=100",
            "GET /repos/octo/app/actions/caches?per_page=100&page=2",
        ]
    );
    assert_eq!(report.listed_entries, 8);
    assert!(!report.over_limit);
    let names: Vec<(&str, GroupKind)> = report
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("buildkit layer blobs", GroupKind::BuildkitBlobs),
            ("Linux-cargo", GroupKind::Other),
            ("api", GroupKind::BuildkitScope),
            ("buildkit", GroupKind::BuildkitScope),
        ],
        "largest first"
    );
    let api = group(&report, "api");
    assert_eq!((api.entries, api.size_bytes), (2, 59_987));
    assert_eq!(api.refs, ["refs/heads/main", "refs/pull/12/merge"]);
    assert_eq!(
        api.last_accessed_at,
        "2026-11-21T18:02:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert!(!api.stale, "the main branch read it yesterday");
    let blobs = group(&report, "buildkit layer blobs");
    assert_eq!((blobs.entries, blobs.size_bytes), (3, 3 * GIB));
    assert!(report.groups.iter().all(|g| !g.evicting));

    let table = cache::markdown(&report);
    assert!(
        table.contains("| `api` | BuildKit scope | 2 | 58.6 KiB | 2026-11-21 18:02 UTC | 2 |  |"),
        "{table}"
    );
    assert!(!table.contains("Over the limit"));
}

#[tokio::test]
async fn over_the_limit_the_groups_in_use_evict_each_other() {
    let server = mock_caches(4 * GIB).await;
    let report = report(&server).await;

    assert!(report.over_limit);
    assert!(group(&report, "buildkit").evicting);
    assert!(group(&report, "Linux-cargo").evicting);
    let table = cache::markdown(&report);
    assert!(table.contains("**Over the limit**"), "{table}");
    assert!(table.contains("evicts and is evicted"), "{table}");
}

#[tokio::test]
async fn groups_nothing_read_for_a_week_are_stale() {
    let server = mock_caches(GIB).await;
    let client = Client::new(&server.uri(), "test-token", quick_retries()).unwrap();
    let (usage, mut entries) = cache::fetch(&client, REPO).await.unwrap();
    // Only the pull request's entries are left: last read on the 12th, ten days before `now`.
    entries.retain(|e| e.git_ref == "refs/pull/12/merge");
    let report = cache::analyze("octo/app", &usage, &entries, 100 * GIB, now());

    let cargo = group(&report, "Linux-cargo");
    assert!(cargo.stale);
    assert!(!cargo.evicting);
    assert!(cache::markdown(&report).contains("unused for 10 days"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["groups"][0]["stale"], true);
    assert_eq!(json["limit_bytes"], 100 * GIB);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_prints_json_and_appends_the_table_to_the_job_summary() {
    let server = mock_caches(4 * GIB).await;
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ballast"));
    command
        .args([
            "gha-cache",
            "--format",
            "json",
            "--now",
            "2026-11-22T08:00:00Z",
        ])
        .env("GITHUB_API_URL", server.uri())
        .env("GITHUB_REPOSITORY", "octo/app")
        .env("GITHUB_TOKEN", "test-token")
        .env("GITHUB_STEP_SUMMARY", &summary);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["repository"], "octo/app");
    assert_eq!(json["over_limit"], true);
    assert_eq!(json["limit_bytes"], 10 * GIB);
    let appended = std::fs::read_to_string(&summary).unwrap();
    assert!(
        appended.starts_with("earlier step\n### GitHub Actions cache of octo/app"),
        "{appended}"
    );
}
