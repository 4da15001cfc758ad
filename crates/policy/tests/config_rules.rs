//! Rules driven by configuration, checked with configurations built in code: trusted
//! registries, allowed base images, required and strict labels, label value kinds.

use ballast_policy::config::RequiredLabel;
use ballast_policy::{check, Config, SourceFile};

/// The codes of the findings of `rule` (by name), with their line and column.
fn findings(config: &Config, dockerfile: &str, rule: &str) -> Vec<(usize, usize, String)> {
    check(&[SourceFile::new("Dockerfile", dockerfile)], config)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.location.line, f.location.column, f.message))
        .collect()
}

fn labels(pairs: &[(&str, Option<&str>)]) -> Vec<RequiredLabel> {
    pairs
        .iter()
        .map(|(name, kind)| RequiredLabel {
            name: name.to_string(),
            kind: kind.map(str::to_string),
        })
        .collect()
}

#[test]
fn untrusted_base_image_needs_a_list_and_follows_hadolint_for_docker_hub() {
    let file = "FROM alpine:3.21\nFROM quay.io/x/y:1\n";
    assert!(findings(&Config::default(), file, "untrusted-base-image").is_empty());
    let config = Config {
        trusted_registries: vec!["quay.io".into()],
        ..Config::default()
    };
    let found = findings(&config, file, "untrusted-base-image");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (1, 6));
    let hub = Config {
        trusted_registries: vec!["hub.docker.com".into(), "quay.io".into()],
        ..Config::default()
    };
    assert!(findings(&hub, file, "untrusted-base-image").is_empty());
    // hadolint's wildcard cases.
    let wildcard = |entries: &[&str], file: &str| {
        let config = Config {
            trusted_registries: entries.iter().map(|e| e.to_string()).collect(),
            ..Config::default()
        };
        findings(&config, file, "untrusted-base-image").len()
    };
    assert_eq!(wildcard(&["*.random.com"], "FROM x.com/debian\n"), 1);
    assert_eq!(
        wildcard(&["x.com", "*.random.com"], "FROM foo.random.com/debian\n"),
        0
    );
    assert_eq!(
        wildcard(&["*"], "FROM ubuntu:18.04\nFROM docker.io/z/u:1\n"),
        0
    );
    assert_eq!(
        wildcard(
            &["random.com"],
            "FROM random.com/foo AS b1\nFROM b1 AS b2\n"
        ),
        0
    );
}

#[test]
fn disallowed_base_image_matches_globs_after_expansion() {
    let config = Config {
        allowed_base_images: vec!["python:3.12-*".into()],
        ..Config::default()
    };
    let file = "ARG V=3.12-slim\nFROM python:${V}\nFROM python:3.13-slim\n";
    let found = findings(&config, file, "disallowed-base-image");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 3);
    assert!(findings(&Config::default(), file, "disallowed-base-image").is_empty());
}

#[test]
fn required_labels_are_looked_for_in_the_final_stages_and_their_parents() {
    let config = Config {
        required_labels: labels(&[("org.opencontainers.image.source", None)]),
        ..Config::default()
    };
    let inherited = "FROM alpine:3.21 AS base\nLABEL org.opencontainers.image.source=https://x.example\nFROM base\n";
    assert!(findings(&config, inherited, "label-missing").is_empty());
    let missing = "FROM alpine:3.21 AS build\nFROM alpine:3.21\nCOPY --from=build /a /a\n";
    let found = findings(&config, missing, "label-missing");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 2);
    assert!(findings(&Config::default(), missing, "label-missing").is_empty());
}

#[test]
fn strict_labels_report_labels_outside_the_schema() {
    let file = "FROM alpine:3.21\nLABEL a.b=1 c.d=2\n";
    let mut config = Config {
        required_labels: labels(&[("a.b", None)]),
        ..Config::default()
    };
    assert!(findings(&config, file, "label-superfluous").is_empty());
    config.strict_labels = true;
    let found = findings(&config, file, "label-superfluous");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (2, 13));
}

#[test]
fn label_values_are_checked_by_their_configured_kind() {
    let config = Config {
        required_labels: labels(&[
            ("x.url", Some("url")),
            ("x.email", Some("email")),
            ("x.time", Some("rfc3339")),
            ("x.version", Some("semver")),
            ("x.hash", Some("hash")),
            ("x.license", Some("spdx")),
            ("x.text", Some("text")),
            ("org.opencontainers.image.created", Some("text")),
        ]),
        ..Config::default()
    };
    let bad = "FROM alpine:3.21\nLABEL x.url=example.com x.email=nobody x.time=yesterday \\\n  x.version=v1 x.hash=XYZ x.license=\"Apache 2\" x.text=\"\"\n";
    let found = findings(&config, bad, "label-invalid-value");
    assert_eq!(found.len(), 7, "{found:?}");
    assert!(found[6].2.contains("is empty"), "{found:?}");
    let good = "FROM alpine:3.21\nLABEL x.url=https://example.com x.email=team@example.com \\\n  x.time=2025-01-14T09:30:00Z x.version=1.2.3 x.hash=0123abc x.license=MIT x.text=hi \\\n  org.opencontainers.image.created=yesterday\n";
    assert_eq!(findings(&config, good, "label-invalid-value"), vec![]);
}
