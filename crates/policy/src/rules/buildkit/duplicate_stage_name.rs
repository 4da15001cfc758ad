use super::common::stage_name_word;
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that no two stages share a name (`FROM ... AS build`), compared case-insensitively
    /// as Docker compares them.
    ///
    /// ## Why is this bad?
    /// `COPY --from=build`, `FROM build` and `docker build --target build` silently pick one of
    /// the stages, so files come from a stage other than the one the reader looks at. The second
    /// name is almost always a copy-paste slip.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/api ./cmd/api
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/worker ./cmd/worker
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build-api
    /// RUN go build -o /out/api ./cmd/api
    /// FROM golang:1.23 AS build-worker
    /// RUN go build -o /out/worker ./cmd/worker
    /// ```
    ///
    /// ## References
    /// - [DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
    /// - [hadolint DL3024](https://github.com/hadolint/hadolint/wiki/DL3024)
    pub static RULE = {
        code: "BL1301",
        name: "duplicate-stage-name",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["DuplicateStageName", "DL3024"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let stages = &ctx.model.stages;
    for (i, stage) in stages.iter().enumerate() {
        let Some(name) = stage_name_word(ctx, stage) else {
            continue;
        };
        let Some(first) = stages[..i].iter().find(|s| s.is_named(&name.value)) else {
            continue;
        };
        let finding = out
            .report(
                &RULE,
                name.span,
                format!(
                    "Duplicate stage name \"{}\", stage names should be unique",
                    name.value.to_ascii_lowercase()
                ),
            )
            .help("give each stage its own name; `--from` and `--target` cannot tell them apart");
        if let Some(first_name) = stage_name_word(ctx, first) {
            finding.related(first_name.span, "first stage with this name");
        }
    }
}
