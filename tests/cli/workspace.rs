//! A walked directory is checked as a repository: Compose files, workflows, scripts and
//! `.dockerignore` files are read along with the Dockerfiles, and every other path is known.

use std::path::Path;
use std::process::Command;

fn check_seed_repo(repo: &str) -> serde_json::Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../policy/tests/fixtures")
        .join(repo);
    let output = Command::new(env!("CARGO_BIN_EXE_ballast"))
        .args(["check", "--no-config", "--format", "json", "."])
        .current_dir(&dir)
        .output()
        .expect("ballast runs");
    serde_json::from_slice(&output.stdout).expect("a JSON report")
}

fn found(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_seed_repository_shows_its_cross_file_problems() {
    let report = check_seed_repo("seed-repo");
    let found = found(&report);
    for (file, rule) in [
        (".github/workflows/backend-ci.yml", "missing-dockerfile"),
        ("compose/ai.yaml", "duplicate-build"),
        ("scripts/build.sh", "legacy-builder-flag"),
        (
            "tag-generator/Dockerfile.tag-generator-v2",
            "orphan-dockerfile",
        ),
        (
            "tag-generator/Dockerfile.tag-generator",
            "missing-cache-mount",
        ),
    ] {
        assert!(
            found.iter().any(|(f, _, r)| f == file && r == rule),
            "no {rule} in {file}: {found:?}"
        );
    }
    let kinds: Vec<_> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "workflow",
        "compose",
        "script",
        "dockerignore",
        "dockerfile",
    ] {
        assert!(kinds.contains(&kind), "no {kind} file read: {kinds:?}");
    }
    // Paths that are not build files are known but not reported as checked files.
    assert!(!report["files"].to_string().contains("main.py"));
}

#[test]
fn the_fixed_twin_has_none_of_them() {
    let found = found(&check_seed_repo("seed-repo-fixed"));
    let cross_file = [
        "missing-dockerfile",
        "duplicate-build",
        "legacy-builder-flag",
        "orphan-dockerfile",
        "missing-build-file",
    ];
    let left: Vec<_> = found
        .iter()
        .filter(|(_, _, r)| cross_file.contains(&r.as_str()))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
