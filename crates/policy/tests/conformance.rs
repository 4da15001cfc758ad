//! BuildKit's own parser tests: every `testfiles` case must dump exactly as BuildKit's
//! `result`, every `testfiles-negative` case must give a syntax error.

mod common;

use ballast_policy::dockerfile::{dump, parse};
use std::path::{Path, PathBuf};

fn cases_dir(kind: &str) -> PathBuf {
    common::shared_dir()
        .join("conformance/buildkit-parser")
        .join(kind)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn positive(case: &str) {
    let dir = cases_dir("testfiles").join(case);
    let source = read(&dir.join("Dockerfile"));
    let expected = read(&dir.join("result"));
    let ast = parse(&source);
    assert_eq!(dump(&ast, &source), expected.trim(), "dump of {case}");
    let messages: Vec<&str> = ast.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        instruction_level_rejections(case),
        "errors of {case}"
    );
}

/// BuildKit's parser accepts these cases, but its instruction layer then rejects some lines,
/// and so does this parser.
fn instruction_level_rejections(case: &str) -> Vec<&'static str> {
    match case {
        "health" => vec![
            "HEALTHCHECK requires at least one argument",
            "Missing command after HEALTHCHECK CMD",
        ],
        _ => Vec::new(),
    }
}

fn negative(case: &str) {
    let source = read(
        &cases_dir("testfiles-negative")
            .join(case)
            .join("Dockerfile"),
    );
    let ast = parse(&source);
    assert!(!ast.errors.is_empty(), "{case} must be rejected");
    for error in &ast.errors {
        assert!(error.span.end <= source.len(), "{case}: span out of bounds");
    }
}

macro_rules! cases {
    ($kind:ident: $($name:ident = $dir:literal),* $(,)?) => {
        $(#[test] fn $name() { $kind($dir) })*
    };
}

/// Every case directory is listed below, so a new case cannot be skipped silently.
#[test]
fn every_case_is_listed() {
    for (kind, listed) in [("testfiles", POSITIVE), ("testfiles-negative", NEGATIVE)] {
        let mut found: Vec<String> = std::fs::read_dir(cases_dir(kind))
            .expect("conformance cases")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        found.sort();
        assert_eq!(found, listed, "{kind}");
    }
}

const POSITIVE: &[&str] = &[
    "ADD-COPY-with-JSON",
    "args",
    "brimstone-consuldock",
    "brimstone-docker-consul",
    "continue-at-eof",
    "continueIndent",
    "cpuguy83-nagios",
    "docker",
    "env",
    "escape",
    "escape-after-comment",
    "escape-nonewline",
    "escape-with-syntax",
    "escapes",
    "flags",
    "health",
    "influxdb",
    "jeztah-invalid-json-json-inside-string",
    "jeztah-invalid-json-json-inside-string-double",
    "jeztah-invalid-json-single-quotes",
    "jeztah-invalid-json-unterminated-bracket",
    "jeztah-invalid-json-unterminated-string",
    "json",
    "kartar-entrypoint-oddities",
    "lk4d4-the-edge-case-generator",
    "mail",
    "multiple-volumes",
    "mumble",
    "nginx",
    "tf2",
    "trailing-backslash",
    "weechat",
    "znc",
];
const NEGATIVE: &[&str] = &[
    "empty_dockerfile",
    "env_no_value",
    "only_comments",
    "shykes-nested-json",
];

mod positive {
    use super::positive;
    cases! { positive:
        add_copy_with_json = "ADD-COPY-with-JSON",
        args = "args",
        brimstone_consuldock = "brimstone-consuldock",
        brimstone_docker_consul = "brimstone-docker-consul",
        continue_at_eof = "continue-at-eof",
        continueindent = "continueIndent",
        cpuguy83_nagios = "cpuguy83-nagios",
        docker = "docker",
        env = "env",
        escape = "escape",
        escape_after_comment = "escape-after-comment",
        escape_nonewline = "escape-nonewline",
        escape_with_syntax = "escape-with-syntax",
        escapes = "escapes",
        flags = "flags",
        health = "health",
        influxdb = "influxdb",
        jeztah_invalid_json_json_inside_string = "jeztah-invalid-json-json-inside-string",
        jeztah_invalid_json_json_inside_string_double = "jeztah-invalid-json-json-inside-string-double",
        jeztah_invalid_json_single_quotes = "jeztah-invalid-json-single-quotes",
        jeztah_invalid_json_unterminated_bracket = "jeztah-invalid-json-unterminated-bracket",
        jeztah_invalid_json_unterminated_string = "jeztah-invalid-json-unterminated-string",
        json = "json",
        kartar_entrypoint_oddities = "kartar-entrypoint-oddities",
        lk4d4_the_edge_case_generator = "lk4d4-the-edge-case-generator",
        mail = "mail",
        multiple_volumes = "multiple-volumes",
        mumble = "mumble",
        nginx = "nginx",
        tf2 = "tf2",
        trailing_backslash = "trailing-backslash",
        weechat = "weechat",
        znc = "znc",
    }
}

mod negative {
    use super::negative;
    cases! { negative:
        empty_dockerfile = "empty_dockerfile",
        env_no_value = "env_no_value",
        only_comments = "only_comments",
        shykes_nested_json = "shykes-nested-json",
    }
}
