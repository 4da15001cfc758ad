//! Turns `--select`, `--ignore` and `--severity` into the engine's [`Config`], rejecting names
//! that match no rule (a typo would otherwise silently select nothing).

use crate::error::{CliError, Result};
use crate::suggest;
use ballast_policy::{rules, Config, Severity};

pub fn build_config(select: &[String], ignore: &[String], severity: &[String]) -> Result<Config> {
    Ok(Config {
        select: rule_selectors(select, "--select")?,
        ignore: rule_selectors(ignore, "--ignore")?,
        severity: severity
            .iter()
            .filter(|item| !item.trim().is_empty())
            .map(|item| severity_override(item))
            .collect::<Result<_>>()?,
        ..Config::default()
    })
}

/// Codes, names, aliases or tags; blank items (`--select a,,b`) are skipped.
fn rule_selectors(items: &[String], flag: &str) -> Result<Vec<String>> {
    items
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty())
        .map(|item| {
            if rules::find(item).is_some() || is_tag(item) {
                Ok(item.to_string())
            } else {
                let candidates = suggest::rule_names().chain(tags());
                Err(CliError::new(format!(
                    "{flag}: unknown rule or tag `{item}`{}",
                    suggest::did_you_mean(item, candidates)
                )))
            }
        })
        .collect()
}

/// `RULE=LEVEL`, where RULE is a code, name or alias.
fn severity_override(item: &str) -> Result<(String, Severity)> {
    let Some((rule, level)) = item.split_once('=') else {
        return Err(CliError::new(format!(
            "--severity: expected RULE=LEVEL, got `{item}`"
        )));
    };
    let (rule, level) = (rule.trim(), level.trim());
    if rules::find(rule).is_none() {
        return Err(CliError::new(format!(
            "--severity: unknown rule `{rule}`{}",
            suggest::did_you_mean(rule, suggest::rule_names())
        )));
    }
    let severity = Severity::parse(level).ok_or_else(|| {
        CliError::new(format!(
            "--severity: unknown level `{level}` for `{rule}`; expected error, warning or info"
        ))
    })?;
    Ok((rule.to_string(), severity))
}

fn tags() -> impl Iterator<Item = &'static str> {
    rules::all()
        .iter()
        .flat_map(|rule| rule.meta.tags.iter().copied())
}

fn is_tag(name: &str) -> bool {
    tags().any(|tag| tag.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn accepts_codes_names_and_tags() {
        let config = build_config(
            &strings(&["BL0001", "correctness"]),
            &strings(&["syntax-error", " "]),
            &strings(&["syntax-error=warning"]),
        )
        .unwrap();
        assert_eq!(config.select, ["BL0001", "correctness"]);
        assert_eq!(config.ignore, ["syntax-error"]);
        assert_eq!(
            config.severity,
            [("syntax-error".to_string(), Severity::Warning)]
        );
    }

    #[test]
    fn rejects_an_unknown_rule_with_a_suggestion() {
        let err = build_config(&strings(&["syntax-eror"]), &[], &[]).unwrap_err();
        assert_eq!(
            err.message(),
            "--select: unknown rule or tag `syntax-eror`; did you mean `syntax-error`?"
        );
        let err = build_config(&[], &[], &strings(&["syntax-eror=info"])).unwrap_err();
        assert!(
            err.message().contains("did you mean `syntax-error`"),
            "{err}"
        );
    }

    #[test]
    fn rejects_malformed_severities() {
        assert!(build_config(&[], &[], &strings(&["syntax-error"])).is_err());
        let err = build_config(&[], &[], &strings(&["syntax-error=loud"])).unwrap_err();
        assert!(err.message().contains("unknown level `loud`"), "{err}");
    }
}
