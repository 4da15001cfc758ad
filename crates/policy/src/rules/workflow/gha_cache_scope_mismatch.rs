use crate::engine::Diagnostics;
use crate::workspace::cache::CacheSpec;
use crate::workspace::{Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a build whose `cache-from: type=gha` and `cache-to: type=gha` name different
    /// scopes (no `scope=` means `buildkit`).
    ///
    /// ## Why is this bad?
    /// The build writes its cache where it never reads it back: every run is a cold build.
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
    ///           cache-from: type=gha
    ///           cache-to: type=gha,scope=backend,mode=max
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
    ///           cache-from: type=gha,scope=backend
    ///           cache-to: type=gha,scope=backend,mode=max
    /// ```
    ///
    /// ## References
    /// - [GitHub Actions cache backend: scope](https://docs.docker.com/build/cache/backends/gha/#scope)
    /// - Seed `003_37cda6fe4f0eb3cb.txt`: `cache-from` and `cache-to` both use `scope=backend`.
    pub static RULE = {
        code: "BL4005",
        name: "gha-cache-scope-mismatch",
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
        if matches!(build.origin, Origin::Service { .. }) {
            continue;
        }
        let gha = |entries: &[(String, crate::span::Span)]| -> Vec<(String, crate::span::Span)> {
            entries
                .iter()
                .map(|(entry, span)| (CacheSpec::parse(entry), *span))
                .filter(|(spec, _)| spec.is_gha())
                .map(|(spec, span)| (spec.scope().to_string(), span))
                .collect()
        };
        let (from, to) = (gha(&build.cache_from), gha(&build.cache_to));
        let Some((read, read_span)) = from.first() else {
            continue;
        };
        if from.iter().any(|(s, _)| s.contains("${{")) {
            continue;
        }
        let file = ctx.display_path(&build.file);
        for (written, span) in &to {
            if written.contains("${{")
                || from.iter().any(|(s, _)| s == written)
                || !reported.insert((file, *span))
            {
                continue;
            }
            diagnostics
                .report_in(
                    &RULE,
                    file,
                    *span,
                    format!("the cache is written to scope `{written}` but read from scope `{read}`: it is never used"),
                )
                .help(format!("use the same `scope={written}` in `cache-from`"))
                .related_in(file, *read_span, format!("read from scope `{read}` here"));
        }
    }
}
