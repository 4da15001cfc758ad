//! Settings files and how the command line's options layer on them.

use crate::support::{Project, UNTERMINATED_HEREDOC};

fn project_with(config_name: &str, config: &str) -> Project {
    let project = Project::new();
    project
        .file("Dockerfile", UNTERMINATED_HEREDOC)
        .file(config_name, config);
    project
}

#[test]
fn ballast_yaml_in_the_current_directory_applies() {
    let project = project_with(".ballast.yaml", "select: [syntax-error]\nfail-on: never\n");
    let run = project.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    let findings = report["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f["rule"] == "syntax-error"));
}

#[test]
fn command_line_fail_on_beats_the_file() {
    let project = project_with(".ballast.yaml", "fail-on: never\n");
    assert_eq!(project.run(&["check"]).code, 0);
    assert_eq!(project.run(&["check", "--fail-on", "error"]).code, 1);
}

#[test]
fn no_config_and_explicit_config() {
    let project = project_with(".ballast.yaml", "fail-on: never\n");
    project.file("strict.yaml", "fail-on: info\nignore: [syntax-error]\n");
    assert_eq!(project.run(&["check", "--no-config"]).code, 1);
    let strict = project.run(&["check", "--config", "strict.yaml", "--format", "json"]);
    assert!(
        !strict.stdout.contains("\"syntax-error\""),
        "{}",
        strict.stdout
    );
}

#[test]
fn hadolint_yaml_is_understood() {
    let project = project_with(".hadolint.yaml", "failure-threshold: none\n");
    let run = project.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn an_invalid_file_is_a_usage_error_at_its_place() {
    let project = project_with(".ballast.yaml", "select: [syntax-error]\nfail-onn: never\n");
    let run = project.run(&["check"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: .ballast.yaml:2:1: "),
        "{}",
        run.stderr
    );
    let missing = project.run(&["check", "--config", "nope.yaml"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.yaml"), "{}", missing.stderr);
}

#[test]
fn settings_are_found_walking_up_from_the_checked_path() {
    let project = Project::new();
    project
        .file(".ballast.yaml", "fail-on: never\n")
        .file("services/api/Dockerfile", UNTERMINATED_HEREDOC)
        .file("services/web/Dockerfile", UNTERMINATED_HEREDOC)
        .file("services/web/.ballast.yaml", "fail-on: error\n");
    assert_eq!(project.run(&["check", "services/api"]).code, 0);
    assert_eq!(project.run(&["check", "services/api/Dockerfile"]).code, 0);
    // The nearest file wins.
    assert_eq!(project.run(&["check", "services/web"]).code, 1);
}

#[test]
fn ballast_settings_win_over_hadolint_settings_and_hadolint_use_is_announced() {
    let project = project_with(".hadolint.yaml", "failure-threshold: none\n");
    project.file("sub/.keep", "");
    let run = project.run(&["check", "sub"]);
    assert!(
        run.stderr
            .contains("reading hadolint's settings from .hadolint.yaml"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("hadolint's settings").count(), 1);
    project.file(".ballast.yaml", "fail-on: error\n");
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("hadolint"), "{}", run.stderr);
}
