//! `ballast check`: exit codes, formats, colours and rule selection.

use crate::support::{Project, CLEAN, UNTERMINATED_HEREDOC};

/// Only the `syntax-error` rule runs, so these tests do not change as rules are added.
const ONLY_SYNTAX: [&str; 2] = ["--select", "syntax-error"];

fn check(project: &Project, args: &[&str]) -> crate::support::Run {
    let mut all = vec!["check"];
    all.extend(ONLY_SYNTAX);
    all.extend(args);
    project.run(&all)
}

#[test]
fn exit_code_follows_fail_on() {
    let project = Project::new();
    project.file("Dockerfile", UNTERMINATED_HEREDOC);
    let report = check(&project, &["--format", "json", "--fail-on", "never"]);
    assert_eq!(report.code, 0);
    assert!(report.finding_count() > 0, "{}", report.stdout);
    assert_eq!(check(&project, &[]).code, 1);
    assert_eq!(check(&project, &["--fail-on", "error"]).code, 1);
    // Syntax errors lowered below the threshold pass; at the threshold they fail again.
    assert_eq!(
        check(&project, &["--severity", "syntax-error=info"]).code,
        0
    );
    let strict = check(
        &project,
        &["--severity", "BL0001=info", "--fail-on", "info"],
    );
    assert_eq!(strict.code, 1);
    let lenient = check(
        &project,
        &["--severity", "BL0001=warning", "--fail-on", "error"],
    );
    assert_eq!(lenient.code, 0);
}

#[test]
fn a_clean_file_exits_zero_with_a_summary() {
    let project = Project::new();
    project.file("Dockerfile", CLEAN);
    let run = check(&project, &[]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "No problems found in 1 file\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn human_output_shows_the_finding_in_its_source() {
    let project = Project::new();
    project.file("Dockerfile", UNTERMINATED_HEREDOC);
    let run = check(&project, &[]);
    assert!(
        run.stdout.contains("error[syntax-error]: "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(" --> Dockerfile:2:"), "{}", run.stdout);
    assert!(run.stdout.contains("2 | RUN <<EOF\n"), "{}", run.stdout);
    assert!(run.stdout.contains('^'), "{}", run.stdout);
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(summary.starts_with("Found "), "{summary}");
    assert!(summary.ends_with(" in 1 file"), "{summary}");
}

#[test]
fn json_report_has_the_documented_shape() {
    let project = Project::new();
    project
        .file("Dockerfile", UNTERMINATED_HEREDOC)
        .file("b/Containerfile", CLEAN);
    let run = check(&project, &["--format", "json", "--fail-on", "never"]);
    let report = run.json();
    let keys: Vec<&str> = report
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(report["version"], 1);
    assert_eq!(
        report["files"],
        serde_json::json!([
            {"path": "Dockerfile", "kind": "dockerfile"},
            {"path": "b/Containerfile", "kind": "dockerfile"},
        ])
    );
    let findings = report["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for finding in findings {
        for key in [
            "rule",
            "code",
            "severity",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "help",
            "related",
            "fix",
        ] {
            assert!(finding.get(key).is_some(), "missing {key} in {finding}");
        }
    }
    // Key order is pinned by the JSON renderer's unit test; here the raw text keeps it too.
    if let Some(first) = run.stdout.find("\"rule\"") {
        let order: Vec<usize> = [
            "\"rule\"",
            "\"code\"",
            "\"severity\"",
            "\"file\"",
            "\"fix\"",
        ]
        .iter()
        .map(|key| first + run.stdout[first..].find(key).expect("key present"))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{}", run.stdout);
    }
}

#[test]
fn no_color_wins_over_forced_colours() {
    let project = Project::new();
    project.file("Dockerfile", UNTERMINATED_HEREDOC);
    let forced = project
        .command(&["check"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\x1b'));

    let no_color = project
        .command(&["check"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains('\x1b'));

    // An empty NO_COLOR does not count.
    let empty = project
        .command(&["check"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&empty.stdout).contains('\x1b'));

    // Not a terminal: no colours by default.
    assert!(!project.run(&["check"]).stdout.contains('\x1b'));
}

#[test]
fn unknown_rule_names_are_usage_errors_with_a_suggestion() {
    let project = Project::new();
    project.file("Dockerfile", CLEAN);
    for args in [
        ["check", "--select", "syntax-eror"],
        ["check", "--ignore", "syntax-eror"],
        ["check", "--severity", "syntax-eror=info"],
    ] {
        let run = project.run(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr.contains("did you mean `syntax-error`?"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn ignoring_a_rule_drops_its_findings() {
    let project = Project::new();
    project.file("Dockerfile", UNTERMINATED_HEREDOC);
    let run = project.run(&["check", "--format", "json", "--ignore", "BL0001"]);
    let report = run.json();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|finding| finding["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"syntax-error"), "{rules:?}");
    // Ignored by tag, nothing of the selected rule is left.
    let by_tag = check(&project, &["--format", "json", "--ignore", "correctness"]);
    assert_eq!(by_tag.code, 0);
    assert_eq!(by_tag.finding_count(), 0);
}

#[test]
fn bad_arguments_exit_two() {
    let project = Project::new();
    assert_eq!(project.run(&["check", "--format", "yaml"]).code, 2);
    assert_eq!(project.run(&["check", "--fail-on", "sometimes"]).code, 2);
    assert_eq!(project.run(&["frobnicate"]).code, 2);
}
