use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;
use crate::rules::support::instruction_head;

declare_rule! {
    /// ## What it does
    /// Checks stages with more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`.
    ///
    /// ## Why is this bad?
    /// Only the last of each takes effect, so the earlier line is dead code that misleads the
    /// reader about what the container runs or how its health is checked. Usually one of them
    /// was meant to be a `RUN`, or is left over from an edit.
    ///
    /// hadolint reports the same problem as DL4003 (CMD), DL4004 (ENTRYPOINT) and DL3012
    /// (HEALTHCHECK). The finding is on the later instruction, as in hadolint (so existing
    /// `# hadolint ignore=DL4003` comments keep working), with the ignored one as related
    /// location; BuildKit points at the ignored one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER node
    /// CMD ["npm", "run", "migrate"]
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER node
    /// RUN npm run build
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## References
    /// - [MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
    /// - hadolint [DL4003](https://github.com/hadolint/hadolint/wiki/DL4003), [DL4004](https://github.com/hadolint/hadolint/wiki/DL4004), [DL3012](https://github.com/hadolint/hadolint/wiki/DL3012)
    pub static RULE = {
        code: "BL1313",
        name: "multiple-instructions-disallowed",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        for keyword in [Keyword::Cmd, Keyword::Entrypoint, Keyword::Healthcheck] {
            let found: Vec<_> = stage
                .instructions(ctx.ast)
                .filter(|(_, ins)| ins.keyword == keyword)
                .map(|(_, ins)| ins)
                .collect();
            for pair in found.windows(2) {
                let (earlier, later) = (pair[0], pair[1]);
                let written = ctx.text(later.keyword_span);
                out.report(
                    &RULE,
                    instruction_head(ctx, later),
                    format!("Multiple {written} instructions should not be used in the same stage because only the last one will be used"),
                )
                .help(format!("remove the earlier {written}, or turn it into a RUN if it was meant to run at build time"))
                .related(instruction_head(ctx, earlier), "ignored: overridden by the later one");
            }
        }
    }
}
