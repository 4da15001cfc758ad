//! The seed repository (`tests/fixtures/seed-repo/`) reproduces every problem that seeds
//! `000_4342dac09d359873.txt` and `004_c2c591e76364252e.txt` describe; its fixed twin
//! (`tests/fixtures/seed-repo-fixed/`) is the same repository after the fixes they decided on.
//! Each problem must be found at its place, and none of them in the twin.

mod common;

use ballast_policy::{check, rules, Config, Finding, Report, SourceFile};
use std::path::Path;

/// The fixture repository `name` as source files.
fn load(name: &str) -> Vec<SourceFile> {
    common::load_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

/// What the seeds describe: rule, file, line.
const EXPECTED: &[(&str, &str, usize)] = &[
    // 000: `news-creator-volume-init` builds news-creator's Dockerfile a second time.
    ("duplicate-build", "compose/ai.yaml", 10),
    // 000: three Dockerfile variants nothing builds.
    (
        "orphan-dockerfile",
        "tag-generator/Dockerfile.tag-generator-balanced",
        1,
    ),
    (
        "orphan-dockerfile",
        "tag-generator/Dockerfile.tag-generator-ultra-minimal",
        1,
    ),
    (
        "orphan-dockerfile",
        "tag-generator/Dockerfile.tag-generator-v2",
        1,
    ),
    // 000: `--force-rm` does nothing under BuildKit.
    ("legacy-builder-flag", "scripts/build.sh", 5),
    // 004: the workflow builds `./backend/Dockerfile`; only `backend/Dockerfile.dev` exists.
    ("missing-dockerfile", ".github/workflows/backend-ci.yml", 25),
    // 004: the backend context had no `.dockerignore`.
    ("missing-dockerignore", "compose.yaml", 12),
];

/// 000: the model downloads (NLTK, Hugging Face) without a cache mount; a Dockerfile rule of
/// another family, asserted when it is registered.
const MODEL_DOWNLOADS: &[(&str, &str, usize)] = &[
    (
        "missing-cache-mount",
        "tag-generator/Dockerfile.tag-generator",
        9,
    ),
    (
        "missing-cache-mount",
        "tag-generator/Dockerfile.tag-generator",
        11,
    ),
];

fn located(report: &Report) -> Vec<(&str, &str, usize)> {
    report
        .findings
        .iter()
        .map(|f: &Finding| (f.rule, f.location.file.as_str(), f.location.line))
        .collect()
}

/// Rules whose findings this test accounts for completely.
fn is_workspace_rule(name: &str) -> bool {
    rules::find(name).is_some_and(|r| matches!(r.check, rules::Check::Workspace(_)))
}

#[test]
fn the_seed_repository_shows_every_problem_at_its_place() {
    let report = check(&load("seed-repo"), &Config::default());
    let found = located(&report);
    for expected in EXPECTED {
        assert!(
            found.contains(expected),
            "missing {expected:?} in {found:#?}"
        );
    }
    if rules::find("missing-cache-mount").is_some() {
        for expected in MODEL_DOWNLOADS {
            assert!(
                found.contains(expected),
                "missing {expected:?} in {found:#?}"
            );
        }
    }
    // Nothing else from the workspace rules, and no YAML that fails to parse.
    let unexpected: Vec<_> = found
        .iter()
        .filter(|f| (is_workspace_rule(f.0) || f.0 == "syntax-error") && !EXPECTED.contains(f))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unexpected findings: {unexpected:#?}"
    );
}

#[test]
fn the_messages_give_the_evidence() {
    let report = check(&load("seed-repo"), &Config::default());
    let message = |rule: &str, file: &str| {
        report
            .findings
            .iter()
            .find(|f| f.rule == rule && f.location.file == file)
            .unwrap_or_else(|| panic!("no {rule} in {file}"))
    };
    let missing = message("missing-dockerfile", ".github/workflows/backend-ci.yml");
    assert!(
        missing
            .message
            .contains("only `backend/Dockerfile.dev` exists there"),
        "{}",
        missing.message
    );
    let duplicate = message("duplicate-build", "compose/ai.yaml");
    assert_eq!(
        duplicate.related[0].location.line, 4,
        "points at `news-creator`'s build"
    );
    assert!(duplicate
        .help
        .as_deref()
        .unwrap_or("")
        .contains("alpine:3.21"));
    let orphan = message(
        "orphan-dockerfile",
        "tag-generator/Dockerfile.tag-generator-v2",
    );
    assert!(
        orphan
            .message
            .contains("searched 2 Compose file(s), 1 workflow(s)"),
        "{}",
        orphan.message
    );
    assert_eq!(orphan.related[0].location.file, "compose.yaml");
}

#[test]
fn the_fixed_twin_has_none_of_those_problems() {
    let report = check(&load("seed-repo-fixed"), &Config::default());
    let found = located(&report);
    let remaining: Vec<_> = found
        .iter()
        .filter(|f| {
            // The same problem in the same file, at any line; any workspace finding.
            let same_problem = EXPECTED
                .iter()
                .chain(MODEL_DOWNLOADS)
                .any(|e| (e.0, e.1) == (f.0, f.1));
            same_problem || is_workspace_rule(f.0) || f.0 == "syntax-error"
        })
        .collect();
    assert!(
        remaining.is_empty(),
        "the fixed repository still has: {remaining:#?}"
    );
}
