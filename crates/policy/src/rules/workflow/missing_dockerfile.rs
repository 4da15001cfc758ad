use crate::engine::Diagnostics;
use crate::rules::workspace_support::nearby_dockerfiles;
use crate::workspace::{paths, Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a workflow build whose Dockerfile or context does not exist in the repository:
    /// `docker/build-push-action`'s `file:` or `context:`, or `docker build -f` in a `run:` step.
    /// The message lists the Dockerfiles that do exist there.
    ///
    /// ## Why is this bad?
    /// The job fails with `failed to read dockerfile: open Dockerfile: no such file or
    /// directory`, usually because only a development Dockerfile (`Dockerfile.dev`) was ever
    /// written. The fix is the missing production Dockerfile, not pointing CI at the
    /// development one.
    ///
    /// ## Example
    /// ```yaml .github/workflows/backend-ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           context: ./backend
    ///           file: ./backend/Dockerfile
    /// ```
    /// ```dockerfile backend/Dockerfile.dev
    /// FROM python:3.13-slim
    /// ```
    ///
    /// Use instead:
    /// ```yaml .github/workflows/backend-ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           context: ./backend
    ///           file: ./backend/Dockerfile
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## References
    /// - [docker/build-push-action inputs](https://github.com/docker/build-push-action#inputs)
    /// - Seed `004_c2c591e76364252e.txt`: the workflow named `./backend/Dockerfile`, and only
    ///   `backend/Dockerfile.dev` existed.
    pub static RULE = {
        code: "BL4001",
        name: "missing-dockerfile",
        severity: Error,
        tags: ["ci", "correctness"],
        aliases: [],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    if !ctx.has_dockerfiles() {
        return;
    }
    let mut reported = HashSet::new();
    for build in &ctx.builds {
        let Origin::Step { .. } = build.origin else {
            continue;
        };
        let file = ctx.display_path(&build.file);
        if let Some(context) = build.context.as_deref().filter(|c| paths::is_checkable(c)) {
            if !ctx.index.is_dir(context) {
                if reported.insert((file, build.context_span)) {
                    diagnostics.report_in(
                        &RULE,
                        file,
                        build.context_span,
                        format!("build context `{context}` does not exist"),
                    );
                }
                continue;
            }
        }
        let Some(dockerfile) = build
            .dockerfile
            .as_deref()
            .filter(|d| paths::is_checkable(d))
        else {
            continue;
        };
        if ctx.index.is_file(dockerfile) || !reported.insert((file, build.dockerfile_span)) {
            continue;
        }
        let message = match nearby_dockerfiles(ctx, dockerfile) {
            Some(nearby) => format!("`{dockerfile}` does not exist; {nearby}"),
            None => format!("`{dockerfile}` does not exist"),
        };
        diagnostics
            .report_in(&RULE, file, build.dockerfile_span, message)
            .help("write the Dockerfile this build expects (or fix the path); building a development Dockerfile in CI only hides the gap");
    }
}
