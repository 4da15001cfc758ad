use crate::engine::Diagnostics;
use crate::workflow::{Job, Step};
use crate::workspace::cache::CacheSpec;
use crate::workspace::{paths, Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a build that reads or writes the GitHub Actions cache (`type=gha`) in a job with
    /// no `docker/setup-buildx-action` step before it.
    ///
    /// ## Why is this bad?
    /// Without that step the build runs on the runner's default `docker` driver, which cannot
    /// export cache: the build fails with "Cache export is not supported for the docker
    /// driver", or the cache silently never fills.
    ///
    /// ## Example
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           cache-from: type=gha
    ///           cache-to: type=gha,mode=max
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
    ///       - uses: docker/setup-buildx-action@v4
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           cache-from: type=gha
    ///           cache-to: type=gha,mode=max
    /// ```
    ///
    /// ## References
    /// - [GitHub Actions cache backend](https://docs.docker.com/build/cache/backends/gha/)
    /// - Seed `003_37cda6fe4f0eb3cb.txt`: the CI build caches with `type=gha`.
    pub static RULE = {
        code: "BL4002",
        name: "gha-cache-without-buildx",
        severity: Error,
        tags: ["ci", "correctness"],
        aliases: [],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut reported = HashSet::new();
    for build in &ctx.builds {
        let Some((workflow, job, _)) = ctx.step(build.origin) else {
            continue;
        };
        // A composite action runs inside its caller's job, whose earlier steps are unknown here.
        if crate::workflow::is_action_path(&workflow.path) {
            continue;
        }
        let Origin::Step { step, .. } = build.origin else {
            continue;
        };
        let Some((_, span)) = build
            .cache_from
            .iter()
            .chain(&build.cache_to)
            .find(|(entry, _)| CacheSpec::parse(entry).is_gha())
        else {
            continue;
        };
        if buildx_set_up_before(ctx, job, step) {
            continue;
        }
        let file = ctx.display_path(&build.file);
        if reported.insert((file, *span)) {
            diagnostics
                .report_in(&RULE, file, *span, "the `gha` cache needs a Buildx builder, and no step of this job sets one up before the build")
                .help("add `- uses: docker/setup-buildx-action@v4` before this step");
        }
    }
}

/// Whether a step before `before` sets up Buildx: the action itself, a local composite
/// action that runs it, or `docker buildx create --use`.
fn buildx_set_up_before(ctx: &WorkspaceContext, job: &Job, before: usize) -> bool {
    job.steps[..before.min(job.steps.len())]
        .iter()
        .any(|step| sets_up_buildx(ctx, step, 0))
}

fn sets_up_buildx(ctx: &WorkspaceContext, step: &Step, depth: usize) -> bool {
    if step.uses_action("docker/setup-buildx-action")
        || step.uses_action("crazy-max/ghaction-docker-buildx")
    {
        return true;
    }
    let runs_create = step
        .run
        .as_ref()
        .and_then(|r| r.as_str())
        .is_some_and(|text| text.contains("buildx create"));
    if runs_create {
        return true;
    }
    let Some(local) = step.uses.as_ref().filter(|u| u.action.starts_with("./")) else {
        return false;
    };
    let dir = paths::normalize(&local.action);
    depth < 4
        && ctx.workflows.iter().any(|w| {
            paths::parent(&w.path) == dir
                && w.jobs
                    .iter()
                    .flat_map(|j| &j.steps)
                    .any(|s| sets_up_buildx(ctx, s, depth + 1))
        })
}
