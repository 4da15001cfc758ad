use crate::engine::Diagnostics;
use crate::workspace::cache::CacheSpec;
use crate::workspace::{paths, Build, Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports two builds of different images that write the GitHub Actions cache
    /// (`cache-to: type=gha`) under the same scope: in two steps, two jobs, two workflows, or
    /// one step run over a matrix. No `scope=` is the scope `buildkit`, so two builds without
    /// one collide too.
    ///
    /// ## Why is this bad?
    /// A scope holds one cache manifest; each build overwrites the other's, so every run starts
    /// cold and the cache only costs storage.
    ///
    /// ## Example
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     strategy:
    ///       matrix:
    ///         app: [api, web]
    ///     steps:
    ///       - uses: docker/setup-buildx-action@v4
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           context: ./${{ matrix.app }}
    ///           cache-from: type=gha
    ///           cache-to: type=gha,mode=max
    /// ```
    /// ```dockerfile api/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    /// ```dockerfile web/Dockerfile
    /// FROM node:22-slim
    /// ```
    ///
    /// Use instead:
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     strategy:
    ///       matrix:
    ///         app: [api, web]
    ///     steps:
    ///       - uses: docker/setup-buildx-action@v4
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           context: ./${{ matrix.app }}
    ///           cache-from: type=gha,scope=${{ matrix.app }}
    ///           cache-to: type=gha,scope=${{ matrix.app }},mode=max
    /// ```
    /// ```dockerfile api/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    /// ```dockerfile web/Dockerfile
    /// FROM node:22-slim
    /// ```
    ///
    /// ## References
    /// - [GitHub Actions cache backend: scope](https://docs.docker.com/build/cache/backends/gha/#scope)
    /// - Seed `003_37cda6fe4f0eb3cb.txt`: one scope per image, `scope=backend`.
    pub static RULE = {
        code: "BL4004",
        name: "gha-cache-scope-collision",
        severity: Warning,
        tags: ["ci", "performance"],
        aliases: [],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    // The first build seen writing each scope.
    let mut writers: Vec<(String, &Build)> = Vec::new();
    let mut reported = HashSet::new();
    for build in &ctx.builds {
        let Origin::Step { .. } = build.origin else {
            continue;
        };
        let Some(image) = image_identity(build) else {
            continue;
        };
        for (entry, span) in &build.cache_to {
            let spec = CacheSpec::parse(entry);
            if !spec.is_gha() || spec.scope().contains("${{") {
                continue;
            }
            let scope = spec.scope().to_string();
            let Some((_, first)) = writers.iter().find(|(s, _)| *s == scope) else {
                writers.push((scope, build));
                continue;
            };
            if image_identity(first).as_ref() == Some(&image) {
                continue;
            }
            let file = ctx.display_path(&build.file);
            if !reported.insert((file, *span)) {
                continue;
            }
            let first_image = image_identity(first).unwrap_or_default();
            let same_step = first.span == build.span && first.file == build.file;
            let place = if same_step {
                "the same step, for another matrix entry,"
            } else {
                "another build"
            };
            diagnostics
                .report_in(
                    &RULE,
                    file,
                    *span,
                    format!("this build of `{image}` writes the gha cache scope `{scope}`, which {place} also writes for `{first_image}`: each overwrites the other's cache"),
                )
                .help(format!("give each image its own scope, e.g. `scope={}`", suggested_scope(build)))
                .related_in(ctx.display_path(&first.file), first.span, format!("`{first_image}` writes scope `{scope}` here"));
        }
    }
}

/// What a build produces, as far as the cache is concerned: its Dockerfile and target.
fn image_identity(build: &Build) -> Option<String> {
    let dockerfile = build.dockerfile.as_deref().filter(|d| !d.contains("${{"))?;
    Some(match &build.target {
        Some(target) => format!("{dockerfile}` target `{target}"),
        None => dockerfile.to_string(),
    })
}

fn suggested_scope(build: &Build) -> String {
    let dir = build
        .context
        .as_deref()
        .map(paths::file_name)
        .filter(|d| *d != ".");
    let base = dir.unwrap_or("app");
    match &build.target {
        Some(target) => format!("{base}-{target}"),
        None => base.to_string(),
    }
}
