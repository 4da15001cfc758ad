//! Baselines and `--only-changed`, end to end.

use crate::support::Project;
use std::process::Command;

fn check_json(project: &Project, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["check", "--format", "json", "--select", "syntax-error"];
    args.extend(extra);
    project.run(&args)
}

fn finding_lines(run: &crate::support::Run) -> Vec<u64> {
    run.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["line"].as_u64().expect("line"))
        .collect()
}

#[test]
fn a_baseline_hides_known_findings_even_after_lines_move() {
    let project = Project::new();
    project.file("Dockerfile", "FROM alpine:3.21\nFRM old\n");
    let written = check_json(&project, &["--write-baseline", "baseline.json"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert_eq!(finding_lines(&written), [2]);
    let baseline: serde_json::Value =
        serde_json::from_str(&project.read("baseline.json")).expect("baseline JSON");
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["findings"][0]["rule"], "syntax-error");

    project.file(
        "Dockerfile",
        "# new comment\nFROM alpine:3.21\nFRM old\nFRM new\n",
    );
    let run = check_json(&project, &["--baseline", "baseline.json"]);
    assert_eq!(finding_lines(&run), [4]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("1 finding in the baseline not reported"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_baseline_is_an_error() {
    let project = Project::new();
    project.file("Dockerfile", "FROM alpine:3.21\n");
    let run = check_json(&project, &["--baseline", "nope.json"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("nope.json"), "{}", run.stderr);
}

fn git(project: &Project, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(project.path())
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

#[test]
fn only_changed_keeps_findings_on_lines_changed_since_base() {
    let project = Project::new();
    project
        .file("Dockerfile", "FROM alpine:3.21\nFRM old\n")
        .file("untouched/Dockerfile", "FROM alpine:3.21\nFRM untouched\n");
    git(&project, &["init", "-q"]);
    git(&project, &["add", "."]);
    git(&project, &["commit", "-q", "-m", "base"]);
    git(&project, &["checkout", "-q", "-b", "feature"]);
    project.file("Dockerfile", "FROM alpine:3.21\nFRM old\nFRM new\n");
    git(&project, &["commit", "-q", "-am", "change"]);

    let all = check_json(&project, &[]);
    assert_eq!(all.finding_count(), 3);
    let changed = check_json(&project, &["--only-changed", "--base", "main"]);
    assert_eq!(finding_lines(&changed), [3]);
    assert_eq!(changed.json()["findings"][0]["file"], "Dockerfile");

    // Without --only-changed, --base only orders annotations: changed lines first.
    let mut args = vec!["check", "--format", "github", "--select", "syntax-error"];
    args.extend(["--base", "main"]);
    let github = project.run(&args);
    let first = github.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("::error file=Dockerfile,line=3,"),
        "{}",
        github.stdout
    );
}

#[test]
fn only_changed_needs_a_base() {
    let project = Project::new();
    project.file("Dockerfile", "FROM alpine:3.21\n");
    let run = project.run(&["check", "--only-changed"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--base"), "{}", run.stderr);
    let bad = project.run(&["check", "--only-changed", "--base", "no-such-ref"]);
    assert_eq!(bad.code, 2);
    assert_eq!(bad.stdout, "");
}
