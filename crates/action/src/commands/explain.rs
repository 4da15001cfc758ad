//! `ballast explain RULE`: a rule's documentation.

use crate::cli::ExplainArgs;
use crate::error::{CliError, Result};
use crate::output::Output;
use crate::suggest;
use ballast_policy::rules;

pub fn run(args: &ExplainArgs) -> Result<Output> {
    let Some(rule) = rules::find(args.rule.trim()) else {
        return Err(CliError::new(format!(
            "unknown rule `{}`{}",
            args.rule,
            suggest::did_you_mean(&args.rule, suggest::rule_names())
        )));
    };
    let meta = &rule.meta;
    let mut header = format!("# {} ({})\n\n", meta.name, meta.code);
    header.push_str(&format!("Default severity: {}", meta.severity));
    if !meta.tags.is_empty() {
        header.push_str(&format!(". Tags: {}", meta.tags.join(", ")));
    }
    if !meta.aliases.is_empty() {
        header.push_str(&format!(". Also known as: {}", meta.aliases.join(", ")));
    }
    Ok(Output::success(format!("{header}.\n\n{}\n", meta.docs())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain(rule: &str) -> Result<Output> {
        run(&ExplainArgs {
            rule: rule.to_string(),
        })
    }

    #[test]
    fn finds_a_rule_by_code_or_name() {
        let by_name = explain("syntax-error").unwrap();
        assert!(by_name.stdout.starts_with("# syntax-error (BL0001)\n"));
        assert!(by_name.stdout.contains("## What it does"));
        assert_eq!(explain("bl0001").unwrap(), by_name);
    }

    #[test]
    fn suggests_the_closest_name() {
        let err = explain("syntax-eror").unwrap_err();
        assert_eq!(
            err.message(),
            "unknown rule `syntax-eror`; did you mean `syntax-error`?"
        );
    }
}
