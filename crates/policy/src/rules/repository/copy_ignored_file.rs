use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;
use crate::workspace::{paths, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a `COPY` or `ADD` of a path that the build's `.dockerignore` leaves out of the
    /// context (BuildKit's `CopyIgnoredFile` check, run against the ignore file the build
    /// really uses).
    ///
    /// ## Why is this bad?
    /// The file is not in the context, so the build fails with "not found", or, for a pattern
    /// that matches part of a directory, silently copies less than it says.
    ///
    /// ## Example
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// COPY scripts/entrypoint.sh /entrypoint.sh
    /// ```
    /// ```text backend/.dockerignore
    /// scripts/
    /// ```
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build: ./backend
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// COPY scripts/entrypoint.sh /entrypoint.sh
    /// ```
    /// ```text backend/.dockerignore
    /// scripts/
    /// !scripts/entrypoint.sh
    /// ```
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build: ./backend
    /// ```
    ///
    /// ## References
    /// - [Build checks: CopyIgnoredFile](https://docs.docker.com/reference/build-checks/copy-ignored-file/)
    /// - Seed `004_c2c591e76364252e.txt`: `.dockerignore` excludes `scripts/` and `tests/` from
    ///   the backend context.
    pub static RULE = {
        code: "BL5004",
        name: "copy-ignored-file",
        severity: Error,
        tags: ["repository", "correctness"],
        aliases: ["CopyIgnoredFile"],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut reported = HashSet::new();
    let mut checked = HashSet::new();
    for build in &ctx.builds {
        let (Some(dockerfile), Some(_)) = (build.dockerfile.as_deref(), build.context.as_deref())
        else {
            continue;
        };
        let Some(ast) = ctx.dockerfile(dockerfile) else {
            continue;
        };
        let Some((ignore_path, ignore)) = ctx.ignore_file_for(build) else {
            continue;
        };
        // Matrix entries and several services often build the same pair.
        if !checked.insert((dockerfile, ignore_path)) {
            continue;
        }
        for instruction in &ast.instructions {
            if !matches!(instruction.keyword, Keyword::Copy | Keyword::Add)
                || instruction.flag("from").is_some()
            {
                continue;
            }
            let Args::Copy { paths: words, .. } = &instruction.args else {
                continue;
            };
            let Some((_, sources)) = words.split_last() else {
                continue;
            };
            for source in sources {
                let text = source.value.trim_matches(['"', '\'']);
                let literal = !text.contains(['$', '*', '?', '['])
                    && !text.contains("://")
                    && !text.starts_with("git@");
                if !literal {
                    continue;
                }
                let relative = paths::clean(text.trim_start_matches('/'));
                if relative == "." {
                    continue;
                }
                let Some(pattern) = ignore.deciding_pattern(&relative).filter(|p| !p.exception)
                else {
                    continue;
                };
                if !reported.insert((dockerfile, source.span)) {
                    continue;
                }
                diagnostics
                    .report_in(
                        &RULE,
                        ctx.display_path(dockerfile),
                        source.span,
                        format!("`{text}` is excluded by `{ignore_path}` (pattern `{}`), so it is not in the build context", pattern.text),
                    )
                    .help(format!("add `!{relative}` after that pattern, or stop copying it"))
                    .related_in(ctx.display_path(ignore_path), pattern.span, "excluded here");
            }
        }
    }
}
