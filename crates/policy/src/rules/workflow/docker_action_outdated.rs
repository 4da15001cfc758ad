use crate::engine::Diagnostics;
use crate::span::Span;
use crate::workspace::WorkspaceContext;

declare_rule! {
    /// ## What it does
    /// Reports Docker's official actions (`docker/build-push-action`, `setup-buildx-action`,
    /// `login-action`, `metadata-action`, `setup-qemu-action`) used at an old major version, or
    /// not pinned to a release at all (a branch, or no `@ref`).
    ///
    /// ## Why is this bad?
    /// Old majors run on deprecated Node.js runtimes that GitHub is removing, miss fixes (cache
    /// export, provenance, secrets handling), and stop getting security updates. A branch ref
    /// changes under you with every push to it. A full commit SHA is accepted (with a `# vX`
    /// comment it is checked too).
    ///
    /// ## Example
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: docker/setup-buildx-action@master
    ///       - uses: docker/build-push-action@v5
    /// ```
    ///
    /// Use instead:
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: docker/setup-buildx-action@v4
    ///       - uses: docker/build-push-action@v7
    /// ```
    ///
    /// ## References
    /// - [docker/build-push-action releases](https://github.com/docker/build-push-action/releases)
    /// - [Security hardening: using third-party actions](https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions)
    /// - Seed `004_c2c591e76364252e.txt`: the fixed workflow pins `docker/build-push-action@v6.9.0`.
    pub static RULE = {
        code: "BL4006",
        name: "docker-action-outdated",
        severity: Warning,
        tags: ["ci", "security"],
        aliases: [],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Workspace(check),
    }
}

/// The current major version of each action. Public workflows of late 2026 use these (each
/// moved to the Node.js 24 runtime with this major); update the table when Docker releases a
/// new major.
const CURRENT_MAJORS: &[(&str, u32)] = &[
    ("docker/build-push-action", 7),
    ("docker/setup-buildx-action", 4),
    ("docker/login-action", 4),
    ("docker/metadata-action", 6),
    ("docker/setup-qemu-action", 4),
];

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    for workflow in &ctx.workflows {
        let file = ctx.display_path(&workflow.path);
        let source = ctx.file(&workflow.path).map_or("", |f| f.contents.as_str());
        for step in workflow.jobs.iter().flat_map(|j| &j.steps) {
            let Some(uses) = &step.uses else { continue };
            let Some(&(action, current)) = CURRENT_MAJORS.iter().find(|(a, _)| *a == uses.action)
            else {
                continue;
            };
            let git_ref = uses.git_ref.as_deref().unwrap_or("");
            let version = if is_commit_sha(git_ref) {
                // A SHA pin is fine; its version comment, if any, tells how old it is.
                match uses.comment.as_deref().and_then(major) {
                    Some(major) => Some(major),
                    None => continue,
                }
            } else {
                major(git_ref)
            };
            let ref_span = ref_span(source, uses.span);
            match version {
                Some(major) if major >= current => {}
                Some(major) => {
                    let finding = diagnostics
                        .report_in(
                            &RULE,
                            file,
                            uses.span,
                            format!("`{action}` v{major} is outdated: the current major is v{current}"),
                        )
                        .help(format!("use `{action}@v{current}` (check its release notes for changed inputs)"));
                    if let (Some(span), false) = (ref_span, is_commit_sha(git_ref)) {
                        finding.fix(
                            format!("use `@v{current}`"),
                            vec![(span, format!("v{current}"))],
                        );
                    }
                }
                None => {
                    let what = if git_ref.is_empty() {
                        "has no version".to_string()
                    } else {
                        format!("follows `{git_ref}`, not a release")
                    };
                    diagnostics
                        .report_in(&RULE, file, uses.span, format!("`{action}` {what}: it can change under the workflow at any time"))
                        .help(format!("pin a release, `{action}@v{current}`, or a commit SHA with a `# v{current}` comment"));
                }
            }
        }
    }
}

/// The major version of `v6`, `v6.9.0`, `6.1`.
fn major(version: &str) -> Option<u32> {
    let digits = version.trim().strip_prefix('v').unwrap_or(version.trim());
    let major = digits.split('.').next()?;
    major.parse().ok()
}

fn is_commit_sha(git_ref: &str) -> bool {
    git_ref.len() == 40 && git_ref.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The span of the part after `@` in the `uses:` value.
fn ref_span(source: &str, uses: Span) -> Option<Span> {
    let text = source.get(uses.start..uses.end)?;
    let at = text.find('@')? + 1;
    let end = text[at..]
        .find(['"', '\'', ' ', '#'])
        .map_or(text.len(), |i| at + i);
    Some(Span::new(uses.start + at, uses.start + end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_shas() {
        assert_eq!(major("v6"), Some(6));
        assert_eq!(major("v6.9.0"), Some(6));
        assert_eq!(major("master"), None);
        assert!(is_commit_sha("0123456789abcdef0123456789abcdef01234567"));
        assert!(!is_commit_sha("v6"));
        let source = "uses: \"docker/login-action@v3\"";
        let span = ref_span(source, Span::new(6, source.len())).unwrap();
        assert_eq!(&source[span.start..span.end], "v3");
    }
}
