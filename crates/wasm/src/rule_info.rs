//! What `rules()` and `explain()` tell about a rule.

use ballast_policy::rules::RuleMeta;
use ballast_policy::Severity;
use serde::Serialize;

/// A rule's metadata, as `rules()` lists it.
#[derive(Debug, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub tags: &'static [&'static str],
    pub aliases: &'static [&'static str],
    pub seeds: &'static [&'static str],
    /// The first sentence of the rule's `## What it does`.
    pub summary: String,
}

impl RuleInfo {
    pub fn new(meta: &'static RuleMeta) -> Self {
        Self {
            code: meta.code,
            name: meta.name,
            severity: meta.severity,
            tags: meta.tags,
            aliases: meta.aliases,
            seeds: meta.seeds,
            summary: meta.summary(),
        }
    }
}

/// A rule's metadata and its whole documentation (Markdown), as `explain()` returns it.
#[derive(Debug, Serialize)]
pub struct RuleDocs {
    #[serde(flatten)]
    pub info: RuleInfo,
    pub docs: String,
}

impl RuleDocs {
    pub fn new(meta: &'static RuleMeta) -> Self {
        Self {
            info: RuleInfo::new(meta),
            docs: meta.docs(),
        }
    }
}
