use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;
use crate::workspace::cache::CacheSpec;
use crate::workspace::{Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports `cache-to: type=gha` without `mode=max` for a multi-stage Dockerfile.
    ///
    /// ## Why is this bad?
    /// In the default `mode=min`, only the layers of the final image are exported. The builder
    /// stage (compilers, dependency downloads) is what takes the time, and it is rebuilt from
    /// scratch on every run.
    ///
    /// ## Example
    /// ```yaml .github/workflows/ci.yml
    /// on: push
    /// jobs:
    ///   build:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: docker/setup-buildx-action@v4
    ///       - uses: docker/build-push-action@v7
    ///         with:
    ///           context: ./backend
    ///           cache-from: type=gha,scope=backend
    ///           cache-to: type=gha,scope=backend
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim AS builder
    /// RUN pip install --prefix=/install uvicorn
    /// FROM python:3.13-slim
    /// COPY --from=builder /install /usr/local
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
    ///         with:
    ///           context: ./backend
    ///           cache-from: type=gha,scope=backend
    ///           cache-to: type=gha,scope=backend,mode=max
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim AS builder
    /// RUN pip install --prefix=/install uvicorn
    /// FROM python:3.13-slim
    /// COPY --from=builder /install /usr/local
    /// ```
    ///
    /// ## References
    /// - [Cache export modes](https://docs.docker.com/build/cache/backends/#cache-mode)
    /// - Seed `003_37cda6fe4f0eb3cb.txt`: `cache-to: type=gha,scope=backend,mode=max`.
    pub static RULE = {
        code: "BL4003",
        name: "gha-cache-mode-min",
        severity: Warning,
        tags: ["ci", "performance"],
        aliases: [],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut reported = HashSet::new();
    for build in &ctx.builds {
        let Origin::Step { .. } = build.origin else {
            continue;
        };
        let Some(dockerfile) = build.dockerfile.as_deref() else {
            continue;
        };
        let Some(ast) = ctx.dockerfile(dockerfile) else {
            continue;
        };
        let stages = ast
            .instructions
            .iter()
            .filter(|i| i.keyword == Keyword::From)
            .count();
        if stages < 2 {
            continue;
        }
        let file = ctx.display_path(&build.file);
        for (entry, span) in &build.cache_to {
            let spec = CacheSpec::parse(entry);
            if !spec.is_gha() || spec.get("mode").is_some() || !reported.insert((file, *span)) {
                continue;
            }
            let source = ctx.file(&build.file).map_or("", |f| f.contents.as_str());
            let written = source.get(span.start..span.end) == Some(entry.as_str());
            let finding = diagnostics
                .report_in(
                    &RULE,
                    file,
                    *span,
                    format!("`{dockerfile}` has {stages} stages, but this cache keeps only the final stage's layers (`mode=min`)"),
                )
                .help("add `mode=max` so the builder stages are cached too");
            if written {
                finding.fix(
                    "add `mode=max`",
                    vec![(crate::span::Span::empty(span.end), ",mode=max".to_string())],
                );
            }
        }
    }
}
