//! Which rules run and how severe their findings are.

use crate::finding::Severity;
use crate::rules::Rule;

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
