//! `.ballast.yaml` and `.hadolint.yaml`: settings, overrides, and errors with their places.

use ballast_policy::config::{file, hadolint, FailOn};
use ballast_policy::{check, Config, Severity, SourceFile};

fn error_of(text: &str) -> String {
    file::parse(".ballast.yaml", text).unwrap_err().to_string()
}

#[test]
fn reads_every_setting() {
    let text = "\
select: [security, unpinned-base-image]
ignore: DL3002
severity:
  unpinned-base-image: error
fail-on: error
trusted-registries: [ghcr.io]
allowed-base-images: ['python:3.12-*']
required-labels:
  org.opencontainers.image.source: url
strict-labels: true
";
    let config = file::parse(".ballast.yaml", text).unwrap();
    assert_eq!(config.select, ["security", "unpinned-base-image"]);
    assert_eq!(config.ignore, ["DL3002"]);
    assert_eq!(
        config.severity,
        [("unpinned-base-image".to_string(), Severity::Error)]
    );
    assert_eq!(config.fail_on, Some(FailOn::Error));
    assert_eq!(config.trusted_registries, ["ghcr.io"]);
    assert_eq!(config.allowed_base_images, ["python:3.12-*"]);
    assert_eq!(config.required_labels[0].kind.as_deref(), Some("url"));
    assert!(config.strict_labels);
}

#[test]
fn unknown_keys_rules_and_wrong_types_are_errors_at_their_place() {
    assert_eq!(
        error_of("select: [root-user]\nignroe: [x]\n"),
        ".ballast.yaml:2:1: unknown key `ignroe` (did you mean `ignore`?); expected one of: select, ignore, severity, fail-on, trusted-registries, allowed-base-images, required-labels, strict-labels, overrides"
    );
    assert_eq!(
        error_of("ignore:\n  - root-usr\n"),
        ".ballast.yaml:2:5: unknown rule or tag `root-usr` (did you mean `root-user`?)"
    );
    assert_eq!(
        error_of("severity:\n  root-user: loud\n"),
        ".ballast.yaml:2:14: severity must be `error`, `warning` or `info`"
    );
    assert_eq!(
        error_of("fail-on: [error]\n"),
        ".ballast.yaml:1:10: `fail-on` must be `error`, `warning`, `info` or `never`"
    );
    assert!(error_of("select: [a\n").starts_with(".ballast.yaml:"));
    assert_eq!(
        error_of("overrides:\n  - ignore: [root-user]\n"),
        ".ballast.yaml:2:5: an override needs `files:` globs"
    );
}

#[test]
fn overrides_change_settings_for_matching_paths_only() {
    let text = "\
overrides:
  - files: ['legacy/**']
    ignore: [root-user]
    severity:
      unpinned-base-image: info
";
    let config = file::parse(".ballast.yaml", text).unwrap();
    let files = [
        SourceFile::new("legacy/api/Dockerfile", "FROM alpine\n"),
        SourceFile::new("services/api/Dockerfile", "FROM alpine\n"),
    ];
    let report = check(&files, &config);
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.location.file.as_str(), f.rule, f.severity))
        .collect();
    assert_eq!(
        found,
        [
            (
                "legacy/api/Dockerfile",
                "unpinned-base-image",
                Severity::Info
            ),
            ("services/api/Dockerfile", "root-user", Severity::Warning),
            (
                "services/api/Dockerfile",
                "unpinned-base-image",
                Severity::Warning
            ),
        ]
    );
}

#[test]
fn hadolint_settings_map_onto_ballast() {
    let text = "\
ignored: [DL3002, SC2086]
override:
  error: [DL3007]
  style: [DL3002]
trustedRegistries: [docker.io, ghcr.io]
failure-threshold: error
label-schema:
  maintainer: email
format: tty
";
    let config = hadolint::parse(".hadolint.yaml", text).unwrap();
    assert_eq!(config.ignore, ["DL3002"]);
    assert_eq!(config.fail_on, Some(FailOn::Error));
    assert_eq!(config.trusted_registries, ["docker.io", "ghcr.io"]);
    assert_eq!(config.required_labels[0].name, "maintainer");
    let report = check(
        &[SourceFile::new(
            "Dockerfile",
            "FROM alpine:latest\nLABEL maintainer=team@example.com\n",
        )],
        &config,
    );
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.rule, f.severity))
        .collect();
    assert_eq!(found, [("unpinned-base-image", Severity::Error)]);
}

#[test]
fn fail_on_thresholds() {
    assert!(FailOn::Warning.fails(Severity::Error));
    assert!(!FailOn::Error.fails(Severity::Warning));
    assert!(FailOn::Info.fails(Severity::Info));
    assert!(!FailOn::Never.fails(Severity::Error));
    assert_eq!(Config::default().fail_on, None);
}
