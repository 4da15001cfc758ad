use super::{copy_paths, path_text, with_triggers};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `COPY` and `ADD` instructions with more than one source whose destination does
    /// not end with `/`.
    ///
    /// ## Why is this bad?
    /// Several sources can only go into a directory, and BuildKit requires the destination to
    /// say so with a trailing `/`: without it the build fails with `When using COPY with more
    /// than one source file, the destination must be a directory and end with a /`.
    ///
    /// hadolint checks `COPY` only; ballast checks `ADD` too, since BuildKit rejects both.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// COPY package.json package-lock.json /app/
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3021](https://github.com/hadolint/hadolint/wiki/DL3021)
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    pub static RULE = {
        code: "BL1352",
        name: "copy-multiple-sources-to-file",
        severity: Error,
        tags: ["correctness"],
        aliases: ["DL3021"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (_, ins) in with_triggers(&ctx.ast.instructions) {
        if !matches!(ins.keyword, Keyword::Copy | Keyword::Add) {
            continue;
        }
        let Some((sources, dest)) = copy_paths(ins) else {
            continue;
        };
        if sources.len() < 2 || path_text(ctx, dest).ends_with('/') {
            continue;
        }
        out.report(
            &RULE,
            dest.span,
            format!(
                "{} has {} sources, so its destination must be a directory ending with `/`",
                ins.keyword.as_str(),
                sources.len()
            ),
        )
        .help("add a trailing `/` to the destination");
    }
}
