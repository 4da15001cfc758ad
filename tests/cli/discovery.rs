//! Which files `ballast check` finds and how it names them.

use crate::support::{Project, CLEAN};

#[test]
fn finds_container_build_files_by_name() {
    let project = Project::new();
    for name in [
        "Dockerfile",
        "Dockerfile.dev",
        "api.Dockerfile",
        "web.dockerfile",
        "Containerfile",
        "services/worker/Dockerfile",
        ".github/docker/Dockerfile",
    ] {
        project.file(name, CLEAN);
    }
    for not_a_dockerfile in [
        "README.md",
        "Dockerfile.dockerignore",
        ".dockerignore",
        "docker-compose.yaml",
        "Dockerfiles/notes.txt",
        ".git/Dockerfile",
    ] {
        project.file(not_a_dockerfile, CLEAN);
    }
    let run = project.run(&["check", "--fail-on", "never", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.checked_files(),
        [
            ".github/docker/Dockerfile",
            "Containerfile",
            "Dockerfile",
            "Dockerfile.dev",
            "api.Dockerfile",
            "services/worker/Dockerfile",
            "web.dockerfile",
        ]
    );
}

#[test]
fn respects_gitignore_outside_a_git_checkout_too() {
    let project = Project::new();
    project
        .file(".gitignore", "vendor/\nDockerfile.local\n")
        .file("Dockerfile", CLEAN)
        .file("Dockerfile.local", CLEAN)
        .file("vendor/lib/Dockerfile", CLEAN)
        .file("app/.gitignore", "Dockerfile.tmp\n")
        .file("app/Dockerfile.tmp", CLEAN)
        .file("app/Dockerfile", CLEAN);
    let run = project.run(&["check", "--fail-on", "never", "--format", "json"]);
    assert_eq!(run.checked_files(), ["Dockerfile", "app/Dockerfile"]);
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_its_name_or_ignore_status() {
    let project = Project::new();
    project
        .file(".gitignore", "build/\n")
        .file("build/prod.txt", CLEAN);
    let run = project.run(&[
        "check",
        "--fail-on",
        "never",
        "--format",
        "json",
        "build/prod.txt",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["files"][0]["path"], "build/prod.txt");
    assert_eq!(report["files"][0]["kind"], "dockerfile");
}

#[test]
fn paths_are_reported_relative_as_given_and_only_once() {
    let project = Project::new();
    project
        .file("svc/Dockerfile", CLEAN)
        .file("svc/Containerfile", CLEAN);
    let run = project.run(&[
        "check",
        "--format",
        "json",
        "./svc/",
        "svc/Dockerfile",
        "svc",
    ]);
    assert_eq!(run.checked_files(), ["svc/Containerfile", "svc/Dockerfile"]);
}

#[test]
fn a_file_in_another_encoding_is_checked_with_a_warning() {
    let project = Project::new();
    project.file("Dockerfile", b"FROM alpine:3.21\n# caf\xe9\n");
    let run = project.run(&["check", "--fail-on", "never", "--format", "json"]);
    assert_eq!(run.checked_files(), ["Dockerfile"]);
    assert!(
        run.stderr.contains("Dockerfile: not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_path_is_an_error_that_names_it_and_prints_no_report() {
    let project = Project::new();
    project.file("Dockerfile", CLEAN);
    for format in ["human", "json"] {
        let run = project.run(&["check", "--format", format, "Dockerfile", "no/such/dir"]);
        assert_eq!(run.code, 2);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains("no/such/dir"), "{}", run.stderr);
    }
}

#[test]
fn an_empty_directory_is_not_an_error() {
    let project = Project::new();
    project.file("README.md", "# nothing to check\n");
    let run = project.run(&["check", "--fail-on", "never", "--format", "json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.finding_count(), 0);
    assert!(run.stderr.contains("no Dockerfiles"), "{}", run.stderr);
}
