//! The three entry points, over Rust values; `lib.rs` binds them to JavaScript.

use crate::config;
use crate::error::ApiError;
use crate::input;
use crate::rule_info::{RuleDocs, RuleInfo};
use ballast_policy::{rules, Report};

/// Checks the files (`[{"path", "contents"}]` as JSON text) under the configuration text.
pub fn check(files_json: &str, config_text: Option<&str>) -> Result<Report, ApiError> {
    let files = input::source_files(files_json)?;
    let config = config::parse(config_text)?;
    Ok(ballast_policy::check(&files, &config))
}

/// Every rule, in code order.
pub fn rules() -> Vec<RuleInfo> {
    rules::all()
        .iter()
        .map(|rule| RuleInfo::new(&rule.meta))
        .collect()
}

/// One rule's documentation, found by code, name or alias.
pub fn explain(name: &str) -> Result<RuleDocs, ApiError> {
    rules::find(name)
        .map(|rule| RuleDocs::new(&rule.meta))
        .ok_or_else(|| {
            let hint = rules::suggest(name)
                .map_or(String::new(), |near| format!(" (did you mean {near}?)"));
            ApiError::new(format!("unknown rule: {name}{hint}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::respond;
    use ballast_policy::{Config, SourceFile};

    #[test]
    fn check_returns_the_report_the_cli_prints() {
        let contents = "FROM alpine:3.21\nRUN echo hi\n";
        let json = respond(check(
            &serde_json::json!([{ "path": "app/Dockerfile", "contents": contents }]).to_string(),
            None,
        ));
        let native = ballast_policy::check(
            &[SourceFile::new("app/Dockerfile", contents)],
            &Config::default(),
        );
        assert_eq!(json, serde_json::to_string(&native).expect("serializable"));
        assert!(json.contains(r#""path":"app/Dockerfile""#), "{json}");
    }

    #[test]
    fn check_reports_bad_files_and_config_as_errors() {
        assert_eq!(
            check("{}", None).expect_err("not an array").message,
            "files must be an array of {path, contents} objects"
        );
        let error = check("[]", Some("select: [no-such-rule]")).expect_err("unknown rule");
        assert_eq!(error.file.as_deref(), Some(".ballast.yaml"));
        assert_eq!((error.line, error.column), (Some(1), Some(10)));
    }

    #[test]
    fn rules_lists_every_rule_with_its_summary() {
        let listed = rules();
        assert_eq!(listed.len(), rules::all().len());
        let syntax = listed
            .iter()
            .find(|r| r.name == "syntax-error")
            .expect("the builtin rule");
        assert_eq!(syntax.code, "BL0001");
        assert!(syntax
            .summary
            .starts_with("Reports text that does not parse"));
    }

    #[test]
    fn explain_finds_rules_by_code_or_name_and_rejects_unknown_ones() {
        let by_code = explain("bl0001").expect("known code");
        assert_eq!(by_code.info.name, "syntax-error");
        assert!(by_code.docs.contains("## Why is this bad?"));
        let json = respond(explain("syntax-error"));
        assert!(json.contains(r###""docs":"## What it does"###), "{json}");
        assert_eq!(
            respond(explain("no-such-rule")),
            r#"{"error":{"message":"unknown rule: no-such-rule"}}"#
        );
        assert_eq!(
            explain("syntax-eror").expect_err("typo").message,
            "unknown rule: syntax-eror (did you mean syntax-error?)"
        );
    }
}
