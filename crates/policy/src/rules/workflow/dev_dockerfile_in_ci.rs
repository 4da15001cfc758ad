use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;
use crate::rules::workspace_support::{is_dev_dockerfile, is_dev_stage};
use crate::workspace::{Build, Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a workflow build that pushes an image built from a development Dockerfile
    /// (`Dockerfile.dev`, `*.dev.Dockerfile`) or a development stage (`target: dev`, or a
    /// Dockerfile whose last stage is named `dev`).
    ///
    /// ## Why is this bad?
    /// Development images carry compilers, test tools and hot reload (`--reload`), run a single
    /// worker and are several times larger. Pushing one ships that to production; when CI was
    /// pointed at it because the production Dockerfile was missing, the real problem is still
    /// there.
    ///
    /// ## Example
    /// ```yaml .github/workflows/backend-ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           context: ./backend
    ///           file: ./backend/Dockerfile.dev
    ///           push: true
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
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           context: ./backend
    ///           file: ./backend/Dockerfile
    ///           push: true
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## References
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    /// - Seed `004_c2c591e76364252e.txt`: building `Dockerfile.dev` in CI was explicitly
    ///   rejected as a workaround.
    pub static RULE = {
        code: "BL4009",
        name: "dev-dockerfile-in-ci",
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
        if !build.push {
            continue;
        }
        let Some((span, what)) = dev_source(ctx, build) else {
            continue;
        };
        let file = ctx.display_path(&build.file);
        if reported.insert((file, span)) {
            diagnostics
                .report_in(&RULE, file, span, format!("this build pushes an image built from {what}"))
                .help("build the production Dockerfile (or stage) here; keep the development one for local use");
        }
    }
}

/// Where and why the build uses a development Dockerfile or stage.
fn dev_source(ctx: &WorkspaceContext, build: &Build) -> Option<(crate::span::Span, String)> {
    let dockerfile = build.dockerfile.as_deref()?;
    if build.dockerfile_named && is_dev_dockerfile(dockerfile) {
        return Some((
            build.dockerfile_span,
            format!("the development Dockerfile `{dockerfile}`"),
        ));
    }
    if let Some(target) = build.target.as_deref() {
        return is_dev_stage(target).then(|| {
            (
                build.target_span.unwrap_or(build.span),
                format!("the development stage `{target}`"),
            )
        });
    }
    // Without a target the last stage is built.
    let ast = ctx.dockerfile(dockerfile)?;
    let last = ast
        .instructions
        .iter()
        .rev()
        .find(|i| i.keyword == Keyword::From)?;
    let Args::From {
        name: Some(name), ..
    } = &last.args
    else {
        return None;
    };
    is_dev_stage(&name.value).then(|| {
        (
            build.dockerfile_span,
            format!(
                "`{dockerfile}`, whose last stage is the development stage `{}`",
                name.value
            ),
        )
    })
}
