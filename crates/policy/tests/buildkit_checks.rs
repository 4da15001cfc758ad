//! BuildKit's build checks: every check is implemented under its BuildKit name, the
//! `# check=skip=<Name>` and `# check=error=true` directives work for each of them, and the fixes
//! the rules offer produce the Dockerfile they describe.

use ballast_policy::rules;
use ballast_policy::{check, Config, Severity, SourceFile};

/// Each BuildKit check with a Dockerfile that triggers it.
const CHECKS: &[(&str, &str)] = &[
    (
        "ConsistentInstructionCasing",
        "FROM alpine:3.21\nrun echo hi\nUSER 1\n",
    ),
    (
        "DuplicateStageName",
        "FROM alpine:3.21 AS a\nFROM alpine:3.21 AS a\nUSER 1\n",
    ),
    (
        "ExposeInvalidFormat",
        "FROM alpine:3.21\nEXPOSE 8080:80\nUSER 1\n",
    ),
    (
        "ExposeProtoCasing",
        "FROM alpine:3.21\nEXPOSE 80/TCP\nUSER 1\n",
    ),
    ("FromAsCasing", "FROM alpine:3.21 as a\nUSER 1\n"),
    (
        "FromPlatformFlagConstDisallowed",
        "FROM --platform=linux/amd64 alpine:3.21\nUSER 1\n",
    ),
    (
        "InvalidDefaultArgInFrom",
        "ARG TAG\nFROM alpine:${TAG}\nUSER 1\n",
    ),
    (
        "InvalidDefinitionDescription",
        "# the version\nARG VERSION=1\nFROM alpine:3.21\nUSER 1\n",
    ),
    (
        "JSONArgsRecommended",
        "FROM alpine:3.21\nUSER 1\nCMD sleep 10\n",
    ),
    (
        "LegacyKeyValueFormat",
        "FROM alpine:3.21\nENV A 1\nUSER 1\n",
    ),
    (
        "MaintainerDeprecated",
        "FROM alpine:3.21\nMAINTAINER me\nUSER 1\n",
    ),
    (
        "MultipleInstructionsDisallowed",
        "FROM alpine:3.21\nUSER 1\nCMD [\"a\"]\nCMD [\"b\"]\n",
    ),
    (
        "NoEmptyContinuation",
        "FROM alpine:3.21\nRUN echo \\\n\n  hi\nUSER 1\n",
    ),
    (
        "RedundantTargetPlatform",
        "FROM --platform=$TARGETPLATFORM alpine:3.21\nUSER 1\n",
    ),
    ("ReservedStageName", "FROM alpine:3.21 AS context\nUSER 1\n"),
    (
        "SecretsUsedInArgOrEnv",
        "FROM alpine:3.21\nENV API_TOKEN=abc\nUSER 1\n",
    ),
    ("StageNameCasing", "FROM alpine:3.21 AS Base\nUSER 1\n"),
    ("UndefinedArgInFrom", "FROM alpine:${TAG:-3.21}\nUSER 1\n"),
    (
        "UndefinedVar",
        "ARG DIR=/app\nFROM alpine:3.21\nWORKDIR $DIR\nUSER 1\n",
    ),
    (
        "WorkdirRelativePath",
        "FROM alpine:3.21\nWORKDIR app\nUSER 1\n",
    ),
];

fn run(text: &str) -> ballast_policy::Report {
    check(&[SourceFile::new("Dockerfile", text)], &Config::default())
}

fn rule_of(name: &str) -> &'static rules::Rule {
    rules::find(name).unwrap_or_else(|| panic!("no rule answers to {name}"))
}

#[test]
fn every_buildkit_check_is_a_rule_under_its_buildkit_name() {
    for (name, _) in CHECKS {
        assert_eq!(rule_of(name).meta.buildkit_name(), Some(*name));
    }
}

#[test]
fn check_directives_skip_checks_and_raise_them_to_errors() {
    for (name, text) in CHECKS {
        let code = rule_of(name).meta.code;
        let report = run(text);
        let found: Vec<_> = report.findings.iter().filter(|f| f.code == code).collect();
        assert!(!found.is_empty(), "{name} does not fire on {text:?}");
        assert!(found
            .iter()
            .all(|f| f.severity < Severity::Error || *name == "SecretsUsedInArgOrEnv"));

        let skipped = run(&format!("# check=skip={name}\n{text}"));
        assert!(
            skipped.findings.iter().all(|f| f.code != code),
            "# check=skip={name} did not skip it"
        );
        let skip_all = run(&format!("# check=skip=all\n{text}"));
        assert!(
            skip_all.findings.iter().all(|f| f.code != code),
            "skip=all: {name}"
        );
        let other = run(&format!("# check=skip=StageNameCasing,{name}\n{text}"));
        assert!(
            other.findings.iter().all(|f| f.code != code),
            "list: {name}"
        );

        let errors = run(&format!("# check=error=true\n{text}"));
        let raised: Vec<_> = errors.findings.iter().filter(|f| f.code == code).collect();
        assert!(!raised.is_empty(), "{name} with error=true");
        assert!(
            raised.iter().all(|f| f.severity == Severity::Error),
            "# check=error=true did not make {name} an error"
        );
    }
}

/// Applies the fix of each finding of `rule` to `text`.
fn fixed(text: &str, rule: &str) -> String {
    let report = run(text);
    let mut edits: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .flat_map(|f| f.fix.as_ref().expect("a fix").edits.clone())
        .collect();
    assert!(!edits.is_empty(), "{rule} offered no fix for {text:?}");
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for edit in edits {
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
    }
    out
}

#[test]
fn fixes_write_what_buildkit_asks_for() {
    let cases = [
        (
            "consistent-instruction-casing",
            "FROM alpine:3.21\nrun echo hi\nUser 1\n",
            "FROM alpine:3.21\nRUN echo hi\nUSER 1\n",
        ),
        (
            "from-as-casing",
            "FROM alpine:3.21 as base\n",
            "FROM alpine:3.21 AS base\n",
        ),
        (
            "stage-name-casing",
            "FROM alpine:3.21 AS Base\nFROM Base AS test\nFROM alpine:3.21\nCOPY --from=BASE /a /a\n",
            "FROM alpine:3.21 AS base\nFROM base AS test\nFROM alpine:3.21\nCOPY --from=base /a /a\n",
        ),
        (
            "legacy-key-value-format",
            "FROM alpine:3.21\nENV A 1\nENV GREETING hello  world\nLABEL maintainer \"me\"\n",
            "FROM alpine:3.21\nENV A=1\nENV GREETING=\"hello  world\"\nLABEL maintainer=\"me\"\n",
        ),
        (
            "maintainer-deprecated",
            "FROM alpine:3.21\nMAINTAINER Jane \"JD\" Doe <j@example.com>\n",
            "FROM alpine:3.21\nLABEL org.opencontainers.image.authors=\"Jane \\\"JD\\\" Doe <j@example.com>\"\n",
        ),
        (
            "expose-proto-casing",
            "FROM alpine:3.21\nEXPOSE 53/UDP 80\n",
            "FROM alpine:3.21\nEXPOSE 53/udp 80\n",
        ),
        (
            "expose-invalid-format",
            "FROM alpine:3.21\nEXPOSE 127.0.0.1:8080:80/tcp 8081:81\n",
            "FROM alpine:3.21\nEXPOSE 80/tcp 81\n",
        ),
        (
            "redundant-target-platform",
            "FROM --platform=$TARGETPLATFORM alpine:3.21\n",
            "FROM alpine:3.21\n",
        ),
        (
            "no-empty-continuation",
            "FROM alpine:3.21\nRUN echo \\\n\n  hi\n",
            "FROM alpine:3.21\nRUN echo \\\n  hi\n",
        ),
        (
            "json-args-recommended",
            "FROM alpine:3.21\nCMD node server.js --port=80\n",
            "FROM alpine:3.21\nCMD [\"node\", \"server.js\", \"--port=80\"]\n",
        ),
    ];
    for (rule, text, want) in cases {
        assert_eq!(fixed(text, rule), want, "{rule}");
    }
}

#[test]
fn no_fix_where_the_rewrite_would_change_meaning() {
    let report = run(
        "FROM alpine:3.21\nCMD node server.js && echo done\nENTRYPOINT NODE_ENV=production node\nENV A 'x y'\n",
    );
    for f in &report.findings {
        if f.rule == "json-args-recommended" || f.rule == "legacy-key-value-format" {
            assert!(f.fix.is_none(), "{}: {:?}", f.rule, f.fix);
        }
    }
}

#[test]
fn hadolint_ignore_comments_for_aliased_codes_keep_working() {
    let text = "FROM alpine:3.21\nUSER 1\nCMD [\"a\"]\n# hadolint ignore=DL4003\nCMD [\"b\"]\n# hadolint ignore=DL3025\nENTRYPOINT sleep 10\n";
    let report = run(text);
    let rules: Vec<_> = report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.is_empty(), "{rules:?}");
}
