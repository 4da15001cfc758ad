//! Which rules run and how severe their findings are.

use crate::dockerfile::ast::Dockerfile;
use crate::finding::Severity;
use crate::rules::{self, Rule};

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Rules (codes, names, aliases or tags) to run; empty means every rule.
    pub select: Vec<String>,
    /// Rules (codes, names, aliases or tags) never to run.
    pub ignore: Vec<String>,
    /// Severity overrides, by rule code, name or alias.
    pub severity: Vec<(String, Severity)>,
}

impl Config {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        let named =
            |sel: &String| rule.meta.is_named(sel) || rule.meta.tags.contains(&sel.as_str());
        (self.select.is_empty() || self.select.iter().any(named)) && !self.ignore.iter().any(named)
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .iter()
            .rev()
            .find(|(name, _)| rule.meta.is_named(name))
            .map_or(rule.meta.severity, |&(_, s)| s)
    }
}

impl Config {
    /// Applies BuildKit's `# check=skip=<names>;error=true` parser directive: skipped checks do
    /// not run, and `error=true` makes BuildKit's checks errors.
    pub fn with_check_directive(&self, ast: &Dockerfile) -> Config {
        let mut config = self.clone();
        let Some(directive) = ast.directives.iter().find(|d| d.name == "check") else {
            return config;
        };
        for setting in directive.value.split(';') {
            let Some((key, value)) = setting.split_once('=') else {
                continue;
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "skip" => {
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        if name.eq_ignore_ascii_case("all") {
                            config
                                .ignore
                                .extend(buildkit_checks().map(|r| r.meta.code.to_string()));
                        } else {
                            config.ignore.push(name.to_string());
                        }
                    }
                }
                "error" if value.trim().eq_ignore_ascii_case("true") => {
                    config.severity.extend(
                        buildkit_checks().map(|r| (r.meta.code.to_string(), Severity::Error)),
                    );
                }
                _ => {}
            }
        }
        config
    }
}

/// Rules that implement one of BuildKit's build checks.
fn buildkit_checks() -> impl Iterator<Item = &'static Rule> {
    rules::all()
        .iter()
        .copied()
        .filter(|r| r.meta.buildkit_name().is_some())
}
