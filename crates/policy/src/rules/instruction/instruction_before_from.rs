use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that a Dockerfile begins with `FROM`: before the first `FROM` only `ARG`,
    /// comments and parser directives may appear.
    ///
    /// ## Why is this bad?
    /// An instruction before the first `FROM` belongs to no build stage: BuildKit stops with
    /// `no build stage in current context`. It is usually a leftover from reordering the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL org.opencontainers.image.title="api"
    /// FROM alpine:3.21
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// ARG ALPINE_VERSION=3.21
    /// FROM alpine:${ALPINE_VERSION}
    /// LABEL org.opencontainers.image.title="api"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3061](https://github.com/hadolint/hadolint/wiki/DL3061)
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub static RULE = {
        code: "BL1355",
        name: "instruction-before-from",
        severity: Error,
        tags: ["correctness"],
        aliases: ["DL3061"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in &ctx.ast.instructions {
        match ins.keyword {
            Keyword::From => return,
            Keyword::Arg => {}
            keyword => {
                out.report(
                    &RULE,
                    ins.keyword_span,
                    format!(
                        "{} comes before the first FROM, outside any build stage",
                        keyword.as_str()
                    ),
                )
                .help("move it after `FROM`; only ARG may come before the first FROM");
            }
        }
    }
}
