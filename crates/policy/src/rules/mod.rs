//! The rule registry. Each rule lives in its own file under a family folder and declares itself
//! with [`declare_rule!`]: its metadata and its documentation come from one place, which feeds
//! `ballast rules`, `ballast explain` and `docs/rules.md`.

use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::finding::Severity;
use crate::workspace::WorkspaceContext;

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
    /// Runs once over the whole workspace (Compose, workflows, scripts, ignore files); reports
    /// with [`Diagnostics::report_in`].
    Workspace(fn(&WorkspaceContext, &mut Diagnostics)),
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

    /// The files of the `## Example` section before `Use instead:`: what the rule fires on.
    pub fn bad_example(&self) -> Vec<ExampleFile> {
        self.example(|example| example.split("Use instead:").next().unwrap_or(""))
    }

    /// The files after `Use instead:`: the fix, which the rule must accept.
    pub fn good_example(&self) -> Vec<ExampleFile> {
        self.example(|example| {
            example
                .split_once("Use instead:")
                .map_or("", |(_, fix)| fix)
        })
    }

    fn example(&self, part: impl Fn(&str) -> &str) -> Vec<ExampleFile> {
        let docs = self.docs();
        section(&docs, "## Example")
            .map(|example| code_blocks(part(example)))
            .unwrap_or_default()
    }

    /// The name of the BuildKit build check this rule implements (an alias in `UpperCamelCase`).
    pub fn buildkit_name(&self) -> Option<&'static str> {
        self.aliases.iter().copied().find(|a| {
            a.starts_with(|c: char| c.is_ascii_uppercase())
                && a.chars().all(|c| c.is_ascii_alphabetic())
                && a.chars().any(|c| c.is_ascii_lowercase())
        })
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

/// A file of a documented example. The code block's info string gives the language and,
/// optionally, the path: ```` ```yaml compose/ai.yaml ````.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFile {
    pub path: String,
    pub contents: String,
}

fn code_blocks(mut text: &str) -> Vec<ExampleFile> {
    let mut files = Vec::new();
    while let Some(open) = text.find("```") {
        let after = &text[open + 3..];
        let Some(info_end) = after.find('\n') else {
            break;
        };
        let mut info = after[..info_end].split_whitespace();
        let language = info.next().unwrap_or("");
        let path = info.next().map(str::to_string).unwrap_or_else(|| {
            match language {
                "yaml" | "yml" => "compose.yaml",
                "sh" | "bash" | "shell" => "build.sh",
                _ => "Dockerfile",
            }
            .to_string()
        });
        let body = &after[info_end + 1..];
        let Some(close) = body.find("```") else { break };
        files.push(ExampleFile {
            path,
            contents: body[..close].to_string(),
        });
        text = &body[close + 3..];
    }
    files
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

pub mod apk;
pub mod apt;
pub mod binaries;
pub mod build;
pub mod buildkit;
pub mod cache;
pub mod compose;
pub mod go;
pub mod healthcheck;
pub mod image;
pub mod instruction;
pub mod labels;
pub mod meta;
pub mod node;
pub mod python;
pub mod repository;
pub mod rpm;
pub mod ruby;
pub mod run_commands;
pub mod runtime;
pub mod rust;
pub mod security;
pub mod shell;
pub mod stage;
pub mod support;
pub mod toolchain;
pub mod workflow;
pub mod workspace_support;

/// Each family's rules. A new family adds its `RULES` here.
const FAMILIES: &[&[&Rule]] = &[
    meta::RULES,
    image::RULES,
    runtime::RULES,
    security::RULES,
    apt::RULES,
    apk::RULES,
    rpm::RULES,
    python::RULES,
    node::RULES,
    ruby::RULES,
    go::RULES,
    shell::RULES,
    cache::RULES,
    build::RULES,
    instruction::RULES,
    labels::RULES,
    stage::RULES,
    buildkit::RULES,
    rust::RULES,
    healthcheck::RULES,
    compose::RULES,
    workflow::RULES,
    repository::RULES,
];

/// Every rule, in code order.
pub fn all() -> &'static [&'static Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut rules: Vec<&'static Rule> =
            FAMILIES.iter().flat_map(|f| f.iter().copied()).collect();
        rules.sort_by_key(|r| r.meta.code);
        rules
    })
}

/// The rule name closest to a mistyped one, for "did you mean" hints.
pub fn suggest(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    all()
        .iter()
        .flat_map(|r| [r.meta.name, r.meta.code])
        .map(|candidate| {
            (
                strsim::levenshtein(&lower, &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|&(distance, candidate)| distance <= candidate.len().max(4) / 3 + 1)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Looks a rule up by code, name or alias.
pub fn find(name: &str) -> Option<&'static Rule> {
    all().iter().copied().find(|r| r.meta.is_named(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_aliases_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            let m = &rule.meta;
            assert!(
                m.code.len() == 6
                    && m.code.starts_with("BL")
                    && m.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "code {}",
                m.code
            );
            assert!(
                m.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "name {}",
                m.name
            );
            for name in std::iter::once(m.code)
                .chain([m.name])
                .chain(m.aliases.iter().copied())
            {
                assert!(
                    seen.insert(name.to_ascii_lowercase()),
                    "{name} names two rules"
                );
            }
            assert!(!m.summary().is_empty(), "{} has no summary", m.name);
        }
    }

    #[test]
    fn example_code_blocks_carry_their_paths() {
        let docs = "## Example\n```yaml compose/ai.yaml\na: 1\n```\n```dockerfile\nFROM x\n```\nUse instead:\n```dockerfile\nFROM y\n```\n";
        let meta = RuleMeta {
            code: "BL9999",
            name: "x",
            severity: Severity::Info,
            tags: &[],
            aliases: &[],
            seeds: &[],
            docs: Box::leak(docs.to_string().into_boxed_str()),
        };
        let bad = meta.bad_example();
        assert_eq!(bad.len(), 2);
        assert_eq!(
            (bad[0].path.as_str(), bad[0].contents.as_str()),
            ("compose/ai.yaml", "a: 1\n")
        );
        assert_eq!(bad[1].path, "Dockerfile");
        assert_eq!(meta.good_example()[0].contents, "FROM y\n");
    }
}
