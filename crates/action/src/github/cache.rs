//! `ballast gha-cache`: what the repository's GitHub Actions cache really holds.
//!
//! BuildKit's `type=gha` exporter stores two kinds of entries (moby/buildkit,
//! `cache/remotecache/gha`):
//! - `buildkit-blob-1-sha256:<digest>`: layer blobs, content-addressed and shared by every scope;
//! - `index-<scope>-1-<8 hex>`: one cache index per scope (the `scope=` of `cache-to`, default
//!   `buildkit`), the 8 hex digits naming the Git ref scope that wrote it.
//!
//! Entries are grouped into BuildKit scopes, BuildKit's shared blobs and the other caches (by
//! key without its trailing hash). A group is flagged when the repository is over its cache
//! limit (GitHub then evicts the least recently used entries, so the groups push each other out)
//! or when nothing has read it for a week.

use super::client::{ApiError, Client};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// GitHub counts cache sizes in binary gigabytes.
pub const GIB: u64 = 1024 * 1024 * 1024;
/// GitHub's default cache limit per repository: 10 GB.
pub const DEFAULT_LIMIT_BYTES: u64 = 10 * GIB;
/// A group nothing has read for this long is flagged as stale.
const STALE_AFTER_DAYS: i64 = 7;
const BLOB_PREFIX: &str = "buildkit-blob-";
const INDEX_PREFIX: &str = "index-";

/// One entry of `GET /repos/{owner}/{repo}/actions/caches`.
#[derive(Debug, Clone, Deserialize)]
pub struct CacheEntry {
    pub id: u64,
    #[serde(rename = "ref")]
    pub git_ref: String,
    pub key: String,
    pub last_accessed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub size_in_bytes: u64,
}

/// `GET /repos/{owner}/{repo}/actions/cache/usage`.
#[derive(Debug, Clone, Deserialize)]
pub struct CacheUsage {
    pub active_caches_size_in_bytes: u64,
    pub active_caches_count: u64,
}

/// What kind of entries a group holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupKind {
    /// The index of one BuildKit `scope`.
    BuildkitScope,
    /// BuildKit's layer blobs, shared by all scopes.
    BuildkitBlobs,
    /// Caches of other tools (`actions/cache`, setup-* actions).
    Other,
}

/// One group of entries, with its flags.
#[derive(Debug, Clone, Serialize)]
pub struct CacheGroup {
    pub name: String,
    pub kind: GroupKind,
    pub entries: usize,
    pub size_bytes: u64,
    pub last_accessed_at: DateTime<Utc>,
    /// The Git refs the entries belong to (`refs/heads/main`, `refs/pull/7/merge`).
    pub refs: Vec<String>,
    /// Nothing has read it for a week.
    pub stale: bool,
    /// The repository is over its limit while this group is in use.
    pub evicting: bool,
}

/// The `--format json` object and the source of the Markdown table.
#[derive(Debug, Clone, Serialize)]
pub struct CacheReport {
    pub repository: String,
    pub now: DateTime<Utc>,
    pub limit_bytes: u64,
    /// As the usage endpoint reports it (refreshed by GitHub about every 5 minutes).
    pub usage_bytes: u64,
    pub usage_entries: u64,
    /// As the listing adds up.
    pub listed_bytes: u64,
    pub listed_entries: usize,
    pub over_limit: bool,
    pub groups: Vec<CacheGroup>,
}

/// Reads the usage and every cache entry of the repository at `repo_path`.
pub async fn fetch(
    client: &Client,
    repo_path: &str,
) -> Result<(CacheUsage, Vec<CacheEntry>), ApiError> {
    let usage = client
        .get(&format!("{repo_path}/actions/cache/usage"))
        .await?;
    let entries = client
        .get_all(
            &format!("{repo_path}/actions/caches"),
            Some("actions_caches"),
        )
        .await?;
    Ok((usage, entries))
}

/// Groups and flags the entries.
pub fn analyze(
    repository: &str,
    usage: &CacheUsage,
    entries: &[CacheEntry],
    limit_bytes: u64,
    now: DateTime<Utc>,
) -> CacheReport {
    let listed_bytes: u64 = entries.iter().map(|entry| entry.size_in_bytes).sum();
    let over_limit = usage.active_caches_size_in_bytes.max(listed_bytes) > limit_bytes;
    let mut groups: BTreeMap<(GroupKind, String), CacheGroup> = BTreeMap::new();
    for entry in entries {
        let (kind, name) = classify(&entry.key);
        let group = groups
            .entry((kind, name.clone()))
            .or_insert_with(|| CacheGroup {
                name,
                kind,
                entries: 0,
                size_bytes: 0,
                last_accessed_at: entry.last_accessed_at,
                refs: Vec::new(),
                stale: false,
                evicting: false,
            });
        group.entries += 1;
        group.size_bytes += entry.size_in_bytes;
        group.last_accessed_at = group.last_accessed_at.max(entry.last_accessed_at);
        if !group.refs.contains(&entry.git_ref) {
            group.refs.push(entry.git_ref.clone());
        }
    }
    let stale_before = now - Duration::days(STALE_AFTER_DAYS);
    let mut groups: Vec<CacheGroup> = groups
        .into_values()
        .map(|mut group| {
            group.refs.sort();
            group.stale = group.last_accessed_at < stale_before;
            group.evicting = over_limit && !group.stale;
            group
        })
        .collect();
    groups.sort_by(|a, b| b.size_bytes.cmp(&a.size_bytes).then(a.name.cmp(&b.name)));
    CacheReport {
        repository: repository.to_string(),
        now,
        limit_bytes,
        usage_bytes: usage.active_caches_size_in_bytes,
        usage_entries: usage.active_caches_count,
        listed_bytes,
        listed_entries: entries.len(),
        over_limit,
        groups,
    }
}

/// The group of a cache key.
pub fn classify(key: &str) -> (GroupKind, String) {
    if key.starts_with(BLOB_PREFIX) {
        return (GroupKind::BuildkitBlobs, "buildkit layer blobs".to_string());
    }
    if let Some(scope) = buildkit_index_scope(key) {
        return (GroupKind::BuildkitScope, scope.to_string());
    }
    (GroupKind::Other, key_without_hash(key).to_string())
}

/// `index-<scope>-1-<8 hex>` → `<scope>` (scopes may contain dashes).
fn buildkit_index_scope(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(INDEX_PREFIX)?;
    let (rest, ref_digest) = rest.rsplit_once('-')?;
    let (scope, version) = rest.rsplit_once('-')?;
    let is_digest = ref_digest.len() == 8 && ref_digest.chars().all(|c| c.is_ascii_hexdigit());
    let is_version = !version.is_empty() && version.chars().all(|c| c.is_ascii_digit());
    (is_digest && is_version && !scope.is_empty()).then_some(scope)
}

/// `Linux-cargo-3f2a…` → `Linux-cargo`: the part of the key that stays from run to run.
fn key_without_hash(key: &str) -> &str {
    match key.rsplit_once('-') {
        Some((stem, tail)) if tail.len() >= 8 && tail.chars().all(|c| c.is_ascii_hexdigit()) => {
            stem
        }
        _ => key,
    }
}

/// The report as Markdown, for `$GITHUB_STEP_SUMMARY`.
pub fn markdown(report: &CacheReport) -> String {
    let mut out = format!("### GitHub Actions cache of {}\n\n", report.repository);
    let used = report.usage_bytes.max(report.listed_bytes);
    let _ = writeln!(
        out,
        "{} of the {} limit in {} entries ({}%).\n",
        human_size(used),
        human_size(report.limit_bytes),
        report.listed_entries,
        used.saturating_mul(100) / report.limit_bytes.max(1)
    );
    if report.over_limit {
        out.push_str(
            "**Over the limit**: GitHub evicts the least recently used entries, so the groups \
             marked below push each other out and builds miss their cache.\n\n",
        );
    }
    out.push_str("| Group | Kind | Entries | Size | Last used | Refs | Flags |\n");
    out.push_str("| --- | --- | ---: | ---: | --- | ---: | --- |\n");
    for group in &report.groups {
        let mut flags = Vec::new();
        if group.evicting {
            flags.push("evicts and is evicted".to_string());
        }
        if group.stale {
            let days = (report.now - group.last_accessed_at).num_days();
            flags.push(format!("unused for {days} days"));
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} |",
            group.name,
            kind_label(group.kind),
            group.entries,
            human_size(group.size_bytes),
            group.last_accessed_at.format("%Y-%m-%d %H:%M UTC"),
            group.refs.len(),
            flags.join(", ")
        );
    }
    out
}

fn kind_label(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::BuildkitScope => "BuildKit scope",
        GroupKind::BuildkitBlobs => "BuildKit blobs (shared)",
        GroupKind::Other => "other cache",
    }
}

/// `1536` → `1.5 KiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_buildkit_and_other_keys() {
        assert_eq!(
            classify("buildkit-blob-1-sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"),
            (GroupKind::BuildkitBlobs, "buildkit layer blobs".into())
        );
        assert_eq!(
            classify("index-api-image-1-9f86d081"),
            (GroupKind::BuildkitScope, "api-image".into())
        );
        assert_eq!(
            classify("index-buildkit-1-9f86d081"),
            (GroupKind::BuildkitScope, "buildkit".into())
        );
        assert_eq!(
            classify("Linux-cargo-3f2a9c0d1e2b3c4d"),
            (GroupKind::Other, "Linux-cargo".into())
        );
        assert_eq!(
            classify("index-not-buildkit"),
            (GroupKind::Other, "index-not-buildkit".into())
        );
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(DEFAULT_LIMIT_BYTES), "10.0 GiB");
    }
}
