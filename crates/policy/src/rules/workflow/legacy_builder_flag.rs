use crate::engine::Diagnostics;
use crate::span::Span;
use crate::workspace::WorkspaceContext;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports `--force-rm`, `--rm` and `--no-rm` passed to a BuildKit build (`docker build`
    /// since Docker 23, `docker buildx build` always) in a workflow, a script or a Makefile.
    ///
    /// ## Why is this bad?
    /// These flags remove the legacy builder's intermediate containers. BuildKit creates none,
    /// so they do nothing, and they suggest a fix for dangling images that is not one: those
    /// come from rebuilding an image under the same tag (clean them with `docker image prune`).
    ///
    /// ## Example
    /// ```sh scripts/build.sh
    /// docker build --force-rm -t tag-generator -f tag-generator/Dockerfile.tag-generator tag-generator
    /// ```
    /// ```dockerfile tag-generator/Dockerfile.tag-generator
    /// FROM python:3.13-slim
    /// ```
    ///
    /// Use instead:
    /// ```sh scripts/build.sh
    /// docker build -t tag-generator -f tag-generator/Dockerfile.tag-generator tag-generator
    /// ```
    /// ```dockerfile tag-generator/Dockerfile.tag-generator
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## References
    /// - [docker build (legacy builder)](https://docs.docker.com/reference/cli/docker/build-legacy/)
    /// - [BuildKit](https://docs.docker.com/build/buildkit/)
    /// - Seed `000_4342dac09d359873.txt`: `--force-rm` was added to the build command, and does
    ///   nothing under BuildKit.
    pub static RULE = {
        code: "BL4007",
        name: "legacy-builder-flag",
        severity: Warning,
        tags: ["ci", "buildkit"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut reported = HashSet::new();
    for build in &ctx.builds {
        // Under `DOCKER_BUILDKIT=0` the flags still work (buildkit-disabled reports that).
        if build.buildkit_disabled.is_some() && !build_is_buildx(ctx, build) {
            continue;
        }
        let file = ctx.display_path(&build.file);
        let source = ctx.file(&build.file).map_or("", |f| f.contents.as_str());
        for (flag, span) in &build.legacy_flags {
            if !reported.insert((file, *span)) {
                continue;
            }
            let name = flag.split('=').next().unwrap_or(flag);
            let finding = diagnostics
                .report_in(&RULE, file, *span, format!("`{name}` only affects the legacy builder; BuildKit ignores it"))
                .help("remove it; dangling images come from re-tagging rebuilt images, clean them with `docker image prune`");
            if source.get(span.start..span.end) == Some(flag.as_str()) {
                finding.fix(
                    format!("remove `{name}`"),
                    vec![(with_leading_space(source, *span), String::new())],
                );
            }
        }
    }
}

fn build_is_buildx(ctx: &WorkspaceContext, build: &crate::workspace::Build) -> bool {
    let source = ctx.file(&build.file).map_or("", |f| f.contents.as_str());
    source
        .get(build.span.start..build.span.end)
        .is_some_and(|t| t.contains("buildx"))
}

/// The span widened to the blank before it, so removing it leaves one space.
fn with_leading_space(source: &str, span: Span) -> Span {
    let before =
        source[..span.start].len() - source[..span.start].trim_end_matches([' ', '\t']).len();
    Span::new(span.start - before, span.end)
}
