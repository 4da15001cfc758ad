use crate::engine::Diagnostics;
use crate::workspace::{Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a workflow step that builds an image and cannot fail: `continue-on-error: true`
    /// on the step or its job, or `|| true` after the build command.
    ///
    /// ## Why is this bad?
    /// A broken Dockerfile then passes CI, and the failure shows up at deploy time, or never:
    /// the pipeline stays green while no image is built.
    ///
    /// ## Example
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - run: docker build -t backend ./backend || true
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// Use instead:
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - run: docker build -t backend ./backend
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## References
    /// - [Workflow syntax: continue-on-error](https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepscontinue-on-error)
    /// - Seed `004_c2c591e76364252e.txt`: `|| true` was explicitly rejected as a workaround.
    pub static RULE = {
        code: "BL4010",
        name: "ci-error-suppressed",
        severity: Warning,
        tags: ["ci", "correctness"],
        aliases: [],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut reported = HashSet::new();
    for build in &ctx.builds {
        let Origin::Step { .. } = build.origin else {
            continue;
        };
        let Some((_, job, step)) = ctx.step(build.origin) else {
            continue;
        };
        let file = ctx.display_path(&build.file);
        let suppressions = [
            (step.continue_on_error, "`continue-on-error: true` lets this image build fail without failing the job"),
            (job.continue_on_error, "`continue-on-error: true` on the job lets its image build fail without failing the workflow"),
            (build.error_suppressed, "`|| true` hides a failed image build"),
        ];
        for (span, message) in suppressions {
            let Some(span) = span else { continue };
            if reported.insert((file, span)) {
                diagnostics
                    .report_in(&RULE, file, span, message)
                    .help("let the build fail; fix what breaks it instead");
            }
        }
    }
}
