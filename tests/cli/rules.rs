//! `ballast rules`, `ballast explain` and `ballast --version`.

use crate::support::Project;

#[test]
fn rules_lists_every_rule_in_an_aligned_table() {
    let run = Project::new().run(&["rules"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("CODE"), "{}", run.stdout);
    assert_eq!(lines.len(), ballast_policy::rules::all().len() + 1);
    // Every row's NAME column starts where the header's does.
    let name_column = lines[0].find("NAME").expect("NAME header");
    for (line, rule) in lines[1..].iter().zip(ballast_policy::rules::all()) {
        assert!(line.starts_with(rule.meta.code), "{line}");
        assert_eq!(line.find(rule.meta.name), Some(name_column), "{line}");
    }
}

#[test]
fn rules_as_json_carry_the_metadata() {
    let run = Project::new().run(&["rules", "--format", "json"]);
    assert_eq!(run.code, 0);
    let rules = run.json();
    let rules = rules.as_array().expect("array");
    assert_eq!(rules.len(), ballast_policy::rules::all().len());
    let syntax_error = rules
        .iter()
        .find(|rule| rule["code"] == "BL0001")
        .expect("syntax-error listed");
    assert_eq!(syntax_error["name"], "syntax-error");
    assert_eq!(syntax_error["severity"], "error");
    assert!(syntax_error["aliases"].is_array());
    assert!(syntax_error["tags"].is_array());
    assert!(syntax_error["summary"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
}

#[test]
fn explain_prints_the_docs() {
    let run = Project::new().run(&["explain", "BL0001"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("## What it does"), "{}", run.stdout);
}

#[test]
fn explain_an_unknown_rule_suggests_the_closest() {
    let run = Project::new().run(&["explain", "syntax-eror"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: unknown rule `syntax-eror`; did you mean `syntax-error`?\n"
    );
}

#[test]
fn version_is_printed() {
    let run = Project::new().run(&["--version"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        format!("ballast {}\n", env!("CARGO_PKG_VERSION"))
    );
}
