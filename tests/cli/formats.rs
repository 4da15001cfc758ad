//! `--format github`, `--format sarif` and the Markdown job summary, end to end.

use crate::support::Project;

/// `count` syntax errors, one per line after the first.
fn many_syntax_errors(count: usize) -> String {
    let mut text = String::from("FROM alpine:3.21\n");
    for n in 0..count {
        text.push_str(&format!("FRM x{n}\n"));
    }
    text
}

const ONLY_SYNTAX: [&str; 2] = ["--select", "syntax-error"];

#[test]
fn github_annotations_escape_properties() {
    let project = Project::new();
    project.file("we,ird:name", many_syntax_errors(1));
    let mut args = vec!["check", "--format", "github", "we,ird:name"];
    args.extend(ONLY_SYNTAX);
    let run = project.run(&args);
    assert_eq!(run.code, 1);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("::error file=we%2Cird%3Aname,line=2,col=1,endLine=2,"),
        "{first}"
    );
    assert!(first.contains(",title=syntax-error::"), "{first}");
}

#[test]
fn github_overflow_is_grouped_and_counted() {
    let project = Project::new();
    project.file("Dockerfile", many_syntax_errors(13));
    let mut args = vec!["check", "--format", "github"];
    args.extend(ONLY_SYNTAX);
    let run = project.run(&args);
    assert_eq!(run.stdout.matches("::error ").count(), 10, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("::group::Dockerfile: 3 findings not annotated\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Dockerfile:12:1: error[syntax-error]: "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("ballast: 3 of 13 findings were not annotated"),
        "{}",
        run.stdout
    );
}

#[test]
fn sarif_output_is_valid_sarif() {
    let project = Project::new();
    project
        .file("Dockerfile", many_syntax_errors(2))
        .file("ok/Dockerfile", "FROM alpine:3.21\n");
    let run = project.run(&["check", "--format", "sarif"]);
    assert_eq!(run.code, 1);
    let log = run.json();
    let schema_text = include_str!("../fixtures/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(schema_text).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let syntax: Vec<_> = results.iter().filter(|r| r["ruleId"] == "BL0001").collect();
    assert_eq!(syntax.len(), 2);
    assert_eq!(
        syntax[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "Dockerfile"
    );
}

#[test]
fn summary_is_appended_to_the_step_summary_and_the_summary_file() {
    let project = Project::new();
    project
        .file("Dockerfile", many_syntax_errors(1))
        .file("step-summary.md", "# earlier step\n");
    let mut args = vec!["check", "--format", "github", "--summary-file", "mine.md"];
    args.extend(ONLY_SYNTAX);
    let output = project
        .command(&args)
        .env(
            "GITHUB_STEP_SUMMARY",
            project.path().join("step-summary.md"),
        )
        .env("GITHUB_REPOSITORY", "acme/shop")
        .env("GITHUB_SHA", "0123abc")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let step = project.read("step-summary.md");
    assert!(step.starts_with("# earlier step\n## ballast\n"), "{step}");
    assert!(
        step.contains("[Dockerfile:2](https://github.com/acme/shop/blob/0123abc/Dockerfile#L2)"),
        "{step}"
    );
    assert!(step.contains("[`syntax-error`]("), "{step}");
    let mine = project.read("mine.md");
    assert_eq!(mine, step.trim_start_matches("# earlier step\n"));
}

#[test]
fn an_unwritable_summary_is_an_error_before_any_output() {
    let project = Project::new();
    project.file("Dockerfile", many_syntax_errors(1));
    let run = project.run(&["check", "--summary-file", "no/such/dir/summary.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("no/such/dir/summary.md"),
        "{}",
        run.stderr
    );
}
