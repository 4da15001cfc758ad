//! Inline suppressions and the `# check=` directive, end to end through `check`.

use ballast_policy::{check, Config, Report, Severity, SourceFile};

fn run(text: &str, config: &Config) -> Report {
    check(&[SourceFile::new("Dockerfile", text)], config)
}

fn rules_found(report: &Report) -> Vec<(&str, usize)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.location.line))
        .collect()
}

#[test]
fn ignore_applies_to_the_next_instruction_only() {
    let text = "# ballast: ignore=unpinned-base-image\nFROM alpine AS a\nFROM node\nUSER 1000\n";
    assert_eq!(
        rules_found(&run(text, &Config::default())),
        [("unpinned-base-image", 3)]
    );
}

#[test]
fn ignore_file_applies_everywhere_and_accepts_codes_and_aliases() {
    let text = "FROM alpine\n# ballast: ignore-file=DL3006, root-user\nFROM node\n";
    assert_eq!(rules_found(&run(text, &Config::default())), []);
}

#[test]
fn hadolint_comments_work_too() {
    let text = "# hadolint global ignore=DL3002\nFROM alpine:3.21\n# hadolint ignore=DL3007\nFROM node:latest\n";
    assert_eq!(rules_found(&run(text, &Config::default())), []);
}

#[test]
fn a_suppression_that_suppresses_nothing_is_reported_at_the_rule_name() {
    let text = "FROM alpine:3.21\n# ballast: ignore=root-user -- reason\nUSER 65534\n";
    let report = run(text, &Config::default());
    assert_eq!(rules_found(&report), [("unused-suppression", 2)]);
    let f = &report.findings[0];
    assert_eq!((f.location.column, f.location.end_column), (19, 28));
}

#[test]
fn a_suppression_of_a_disabled_rule_is_not_unused() {
    let text = "FROM alpine:3.21\n# ballast: ignore=root-user\nUSER 65534\n";
    let config = Config {
        ignore: vec!["root-user".into()],
        ..Config::default()
    };
    assert_eq!(rules_found(&run(text, &config)), []);
}

#[test]
fn check_directive_skips_buildkit_checks_and_raises_them_to_errors() {
    let text = "# check=skip=SecretsUsedInArgOrEnv\nFROM alpine:3.21\nENV API_TOKEN=abc\nUSER 1\n";
    assert_eq!(rules_found(&run(text, &Config::default())), []);
    let text = "# check=error=true\nFROM alpine:3.21\nENV API_TOKEN=abc\nUSER 1\n";
    let config = Config {
        severity: vec![("secret-in-env".into(), Severity::Warning)],
        ..Config::default()
    };
    let report = run(text, &config);
    assert_eq!(rules_found(&report), [("secret-in-env", 3)]);
    assert_eq!(report.findings[0].severity, Severity::Error);
}
