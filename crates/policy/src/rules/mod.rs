//! The rule registry. Each rule lives in its own file under a family folder and declares itself
//! with [`declare_rule!`]: its metadata and its documentation come from one place, which feeds
//! `ballast rules`, `ballast explain` and `docs/rules.md`.

use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::finding::Severity;

/// Metadata of a rule. `docs` is the rule's doc comment, in Markdown with the sections
/// `## What it does`, `## Why is this bad?`, `## Example`, `Use instead:` and `## References`.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub tags: &'static [&'static str],
    /// Other names users know the rule by (hadolint codes, BuildKit check names).
    pub aliases: &'static [&'static str],
    /// Seed documents (../shared/seeds) the rule comes from.
    pub seeds: &'static [&'static str],
    pub docs: &'static str,
}

/// How a rule inspects its input.
pub enum Check {
    /// Runs once per Dockerfile.
    Dockerfile(fn(&DockerfileContext, &mut Diagnostics)),
    /// Reported by the engine itself (syntax errors, unused suppressions); nothing to run.
    Builtin,
}

pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.meta.fmt(f)
    }
}

impl RuleMeta {
    /// The doc comment with the one leading space of each `///` line removed.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string()
    }

    /// The first sentence of `## What it does`.
    pub fn summary(&self) -> String {
        let docs = self.docs();
        let body = section(&docs, "## What it does").unwrap_or(&docs);
        let paragraph = body.split("\n\n").next().unwrap_or("").replace('\n', " ");
        paragraph.trim().to_string()
    }

    /// The code block under `## Example`: what the rule fires on.
    pub fn bad_example(&self) -> Option<String> {
        let docs = self.docs();
        let example = section(&docs, "## Example")?;
        let before_fix = example.split("Use instead:").next()?;
        first_code_block(before_fix)
    }

    /// The code block after `Use instead:`: the near miss the rule must accept.
    pub fn good_example(&self) -> Option<String> {
        let docs = self.docs();
        let example = section(&docs, "## Example")?;
        let (_, fix) = example.split_once("Use instead:")?;
        first_code_block(fix)
    }

    /// Whether `name` names this rule: its code, name or an alias, case-insensitively.
    pub fn is_named(&self, name: &str) -> bool {
        self.code.eq_ignore_ascii_case(name)
            || self.name.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

fn section<'a>(docs: &'a str, heading: &str) -> Option<&'a str> {
    let start = docs.find(heading)? + heading.len();
    let rest = &docs[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

fn first_code_block(text: &str) -> Option<String> {
    let open = text.find("```")?;
    let after = &text[open + 3..];
    let body_start = after.find('\n')? + 1;
    let body = &after[body_start..];
    let close = body.find("```")?;
    Some(body[..close].to_string())
}

/// Declares a rule: its doc comment becomes its documentation.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub static RULE = {
///         code: "BL1001", name: "root-user", severity: Warning,
///         tags: ["security"], aliases: [], seeds: ["001_44158710fcc909dd.txt"],
///         check: Dockerfile(check),
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            tags: [$($tag:literal),* $(,)?],
            aliases: [$($alias:literal),* $(,)?],
            seeds: [$($seed:literal),* $(,)?],
            check: $kind:ident($check:expr) $(,)?
        }
    ) => {
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            meta: $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                severity: $crate::finding::Severity::$severity,
                tags: &[$($tag),*],
                aliases: &[$($alias),*],
                seeds: &[$($seed),*],
                docs: concat!($($doc, "\n"),*),
            },
            check: $crate::rules::Check::$kind($check),
        };
    };
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            tags: [$($tag:literal),* $(,)?],
            aliases: [$($alias:literal),* $(,)?],
            seeds: [$($seed:literal),* $(,)?],
            check: Builtin $(,)?
        }
    ) => {
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            meta: $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                severity: $crate::finding::Severity::$severity,
                tags: &[$($tag),*],
                aliases: &[$($alias),*],
                seeds: &[$($seed),*],
                docs: concat!($($doc, "\n"),*),
            },
            check: $crate::rules::Check::Builtin,
        };
    };
}

pub mod meta;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[&meta::syntax_error::RULE];

/// Looks a rule up by code, name or alias.
pub fn find(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.meta.is_named(name))
}
