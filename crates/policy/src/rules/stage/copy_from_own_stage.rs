use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

use super::CopyFrom;

declare_rule! {
    /// ## What it does
    /// Checks `COPY --from=<stage>` naming the stage the instruction is in.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: it is not built yet. BuildKit rejects the build with a
    /// circular dependency error, or — when the name shadows an image — pulls the image
    /// instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine AS build
    /// COPY --from=build /app/dist /srv
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine AS build
    /// RUN mkdir -p /app/dist
    ///
    /// FROM nginx:1.27-alpine
    /// COPY --from=build /app/dist /srv
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3023](https://github.com/hadolint/hadolint/wiki/DL3023)
    /// - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub static RULE = {
        code: "BL1360",
        name: "copy-from-own-stage",
        severity: Error,
        tags: ["correctness"],
        aliases: ["DL3023"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for CopyFrom { stage, name, span } in super::copies_from(ctx) {
        let own_name = stage.is_named(&name)
            && !ctx.model.stages[..stage.index]
                .iter()
                .any(|s| s.is_named(&name));
        let own_number = name.parse::<usize>() == Ok(stage.index);
        if !own_name && !own_number {
            continue;
        }
        out.report(
            &RULE,
            span,
            format!("`{name}` is the stage this COPY is in, which cannot copy from itself"),
        )
        .help("copy from an earlier stage, or move the files' producer into a stage of its own")
        .related(stage.base_span, "the stage starts here");
    }
}
