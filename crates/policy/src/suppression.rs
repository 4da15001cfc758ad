//! Inline suppressions: `# ballast: ignore=RULE[,RULE] -- reason` on the lines before an
//! instruction, `# ballast: ignore-file=RULE[,...]` anywhere, and hadolint's
//! `# hadolint ignore=DL3008` / `# hadolint global ignore=...`, so a hadolint user switches
//! without editing a file.

use crate::config::Config;
use crate::dockerfile::ast::Dockerfile;
use crate::engine::{Diagnostics, RawFinding};
use crate::rules::{self, meta::unused_suppression};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The instruction whose span this is.
    Instruction(Span),
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Ballast,
    Hadolint,
}

/// One rule named in a suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<Suppressed>,
    pub scope: Scope,
    pub syntax: Syntax,
    pub comment: Span,
}

/// Reads the suppression comments of a Dockerfile.
pub fn collect(ast: &Dockerfile, source: &str) -> Vec<Suppression> {
    let mut found = Vec::new();
    for comment in &ast.comments {
        let raw = source
            .get(comment.span.start..comment.span.end)
            .unwrap_or("");
        let Some(hash) = raw.find('#') else { continue };
        let body_start = comment.span.start + hash + 1;
        let Some((syntax, file_wide, list_offset)) = parse_header(&raw[hash + 1..]) else {
            continue;
        };
        let list_start = body_start + list_offset;
        let list = &source[list_start..comment.span.end];
        // `-- reason` ends the list.
        let list = list.split("--").next().unwrap_or("");
        let rules = split_names(list, list_start);
        if rules.is_empty() {
            continue;
        }
        let scope = if file_wide {
            Scope::File
        } else {
            match attached_instruction(ast, source, comment.span) {
                Some(span) => Scope::Instruction(span),
                // Detached: it suppresses nothing, which is reported as unused.
                None => Scope::Instruction(Span::empty(comment.span.end)),
            }
        };
        found.push(Suppression {
            rules,
            scope,
            syntax,
            comment: comment.span,
        });
    }
    found
}

/// Recognises `ballast: ignore=`, `ballast: ignore-file=`, `hadolint ignore=` and
/// `hadolint global ignore=`; returns the syntax, whether it is file-wide, and the offset of the
/// rule list in `body`.
fn parse_header(body: &str) -> Option<(Syntax, bool, usize)> {
    let trimmed = body.trim_start();
    let lead = body.len() - trimmed.len();
    let (syntax, rest) = if let Some(rest) = trimmed.strip_prefix("ballast:") {
        (Syntax::Ballast, rest)
    } else if let Some(rest) = trimmed.strip_prefix("hadolint ") {
        (Syntax::Hadolint, rest)
    } else {
        return None;
    };
    let after_tool = rest.trim_start();
    let mut offset = lead + (trimmed.len() - after_tool.len());
    let (file_wide, keyword) = match syntax {
        Syntax::Ballast if after_tool.starts_with("ignore-file=") => (true, "ignore-file="),
        Syntax::Ballast if after_tool.starts_with("ignore=") => (false, "ignore="),
        Syntax::Hadolint if after_tool.starts_with("global ignore=") => (true, "global ignore="),
        Syntax::Hadolint if after_tool.starts_with("ignore=") => (false, "ignore="),
        _ => return None,
    };
    offset += keyword.len();
    Some((syntax, file_wide, offset))
}

fn split_names(list: &str, list_start: usize) -> Vec<Suppressed> {
    let mut names = Vec::new();
    let mut offset = 0;
    for part in list.split([',', ' ', '\t']) {
        if !part.is_empty() {
            names.push(Suppressed {
                name: part.trim_end_matches('\r').to_string(),
                span: Span::new(list_start + offset, list_start + offset + part.len()),
            });
        }
        offset += part.len() + 1;
    }
    names
}

/// The instruction a comment belongs to: the next one, when only comment lines lie between.
fn attached_instruction(ast: &Dockerfile, source: &str, comment: Span) -> Option<Span> {
    let next = ast
        .instructions
        .iter()
        .find(|ins| ins.span.start >= comment.end)?;
    let gap = source.get(comment.end..next.span.start)?;
    let only_comments = gap
        .lines()
        .skip(1)
        .all(|line| line.trim_start().starts_with('#'));
    only_comments.then_some(next.span)
}

/// Drops suppressed findings and reports suppressions that suppressed nothing.
pub fn apply(suppressions: &[Suppression], diagnostics: &mut Diagnostics, config: &Config) {
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| vec![false; s.rules.len()])
        .collect();
    diagnostics.findings.retain(|finding| {
        let mut suppressed = false;
        for (s, suppression) in suppressions.iter().enumerate() {
            if !covers(suppression.scope, finding) {
                continue;
            }
            for (r, rule) in suppression.rules.iter().enumerate() {
                if finding.rule.meta.is_named(&rule.name) {
                    used[s][r] = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    for (suppression, used) in suppressions.iter().zip(used) {
        // hadolint comments may name ShellCheck codes or rules ballast checks differently; only
        // ballast's own comments are held to account.
        if suppression.syntax != Syntax::Ballast {
            continue;
        }
        for (rule, used) in suppression.rules.iter().zip(used) {
            if used {
                continue;
            }
            match rules::find(&rule.name) {
                None => {
                    diagnostics
                        .report(
                            &unused_suppression::RULE,
                            rule.span,
                            format!("`{}` is not a rule ballast knows", rule.name),
                        )
                        .help(
                            "name a rule by its code, name or alias (`ballast rules` lists them)",
                        );
                }
                // A rule that did not run could not have fired; the comment is not stale.
                Some(known) if !config.is_enabled(known) => {}
                Some(known) => {
                    diagnostics
                        .report(
                            &unused_suppression::RULE,
                            rule.span,
                            format!(
                                "this suppression of `{}` suppresses nothing",
                                known.meta.name
                            ),
                        )
                        .help("remove it: the problem it hid is gone");
                }
            }
        }
    }
}

fn covers(scope: Scope, finding: &RawFinding) -> bool {
    match scope {
        Scope::File => true,
        Scope::Instruction(span) => {
            span.start <= finding.span.start && finding.span.start < span.end.max(span.start + 1)
        }
    }
}
