use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;
use crate::rules::instruction::{copy_paths, path_text, with_triggers};

declare_rule! {
    /// ## What it does
    /// Checks `COPY --from=<stage> / /`: copying another stage's whole filesystem over the
    /// current one.
    ///
    /// ## Why is this bad?
    /// It brings along everything the other stage has — its package manager, caches, build
    /// tools, `/etc/passwd` — and overwrites the current stage's files with them. The image
    /// grows and its contents no longer follow from the Dockerfile. Copy the directories you
    /// need.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12 AS build
    /// RUN mkdir -p /out
    ///
    /// FROM gcr.io/distroless/base-debian12
    /// COPY --from=build / /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12 AS build
    /// RUN mkdir -p /out
    ///
    /// FROM gcr.io/distroless/base-debian12
    /// COPY --from=build /out/ /
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3067](https://github.com/hadolint/hadolint/wiki/DL3067)
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub static RULE = {
        code: "BL1361",
        name: "copy-entire-filesystem",
        severity: Warning,
        tags: ["size", "reproducibility"],
        aliases: ["DL3067"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (_, ins) in with_triggers(&ctx.ast.instructions) {
        if ins.keyword != Keyword::Copy || ins.flag("from").is_none() {
            continue;
        }
        let Some((sources, dest)) = copy_paths(ins) else {
            continue;
        };
        if path_text(ctx, dest) != "/" {
            continue;
        }
        let Some(root) = sources.iter().find(|s| path_text(ctx, s) == "/") else {
            continue;
        };
        out.report(
            &RULE,
            root.span,
            "this copies the other stage's entire filesystem over this one",
        )
        .help("copy only the directories the image needs, e.g. `COPY --from=build /out/ /app/`");
    }
}
