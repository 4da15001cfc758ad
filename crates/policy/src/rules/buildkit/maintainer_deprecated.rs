use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;
use crate::rules::support::instruction_head;

declare_rule! {
    /// ## What it does
    /// Checks for the `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` is deprecated: it sets a legacy `Author` field that registries and tools no
    /// longer show. The standard `org.opencontainers.image.authors` label carries the same
    /// information where `docker inspect`, registries and SBOM tools look for it. The fix
    /// rewrites the line as that label.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## References
    /// - [MaintainerDeprecated](https://docs.docker.com/reference/build-checks/maintainer-deprecated/)
    /// - [hadolint DL4000](https://github.com/hadolint/hadolint/wiki/DL4000)
    pub static RULE = {
        code: "BL1312",
        name: "maintainer-deprecated",
        severity: Warning,
        tags: ["maintainability"],
        aliases: ["MaintainerDeprecated", "DL4000"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in &ctx.ast.instructions {
        if ins.keyword != Keyword::Maintainer {
            continue;
        }
        let head = instruction_head(ctx, ins);
        let finding = out
            .report(
                &RULE,
                head,
                "Maintainer instruction is deprecated in favor of using label",
            )
            .help("use `LABEL org.opencontainers.image.authors=\"...\"` instead");
        if head != ins.span {
            continue;
        }
        let author = ctx.source[ins.keyword_span.end..head.end].trim();
        let escaped = author
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('$', "\\$");
        let label = if ctx.text(ins.keyword_span) == "maintainer" {
            "label"
        } else {
            "LABEL"
        };
        finding.fix(
            "Use the org.opencontainers.image.authors label",
            vec![(
                head,
                format!("{label} org.opencontainers.image.authors=\"{escaped}\""),
            )],
        );
    }
}
