use super::common::named_stages;
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks stages named `scratch` or `context`, names BuildKit reserves.
    ///
    /// ## Why is this bad?
    /// `FROM scratch` always means the empty image and `context` names the build context, so
    /// `FROM scratch AS scratch` or `COPY --from=context` do not refer to the stage: later
    /// instructions build on something else than the reader expects.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21 AS context
    /// RUN echo hi > /hi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21 AS prepare
    /// RUN echo hi > /hi
    /// ```
    ///
    /// ## References
    /// - [ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    /// - [hadolint DL3063](https://github.com/hadolint/hadolint/wiki/DL3063)
    pub static RULE = {
        code: "BL1316",
        name: "reserved-stage-name",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["ReservedStageName", "DL3063"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (_, name, lower) in named_stages(ctx) {
        if lower != "scratch" && lower != "context" {
            continue;
        }
        out.report(
            &RULE,
            name.span,
            format!("Stage name should not use the same name as reserved stage \"{lower}\""),
        )
        .help("pick another name for the stage");
    }
}
