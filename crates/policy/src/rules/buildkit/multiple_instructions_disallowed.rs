use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;
use crate::rules::support::instruction_head;

declare_rule! {
    /// ## What it does
    /// Checks stages with more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`. The earlier
    /// ones are reported: they are the ones Docker ignores.
    ///
    /// ## Why is this bad?
    /// Only the last of each takes effect, so the earlier line is dead code that misleads the
    /// reader about what the container runs or how its health is checked. Usually one of them
    /// was meant to be a `RUN`, or is left over from an edit.
    ///
    /// hadolint reports the same problem as DL4003 (CMD), DL4004 (ENTRYPOINT) and DL3012
    /// (HEALTHCHECK), on the later instruction; here the finding is on the ignored one, as in
    /// BuildKit, with the one that wins as related location.
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
            let Some((last, earlier)) = found.split_last() else {
                continue;
            };
            for ins in earlier {
                let written = ctx.text(ins.keyword_span);
                out.report(
                    &RULE,
                    instruction_head(ctx, ins),
                    format!("Multiple {written} instructions should not be used in the same stage because only the last one will be used"),
                )
                .help(format!("remove this {written}, or turn it into a RUN if it was meant to run at build time"))
                .related(instruction_head(ctx, last), "this one takes effect");
            }
        }
    }
}
