use super::common::named_stages;
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks stage names with upper-case letters (`FROM node AS Build`).
    ///
    /// ## Why is this bad?
    /// Docker lower-cases stage names, so `--target Build`, `--target build` and `COPY
    /// --from=BUILD` all mean the same stage, while the Dockerfile suggests they are different.
    /// Lower-case names match what `docker build` prints and what people type.
    ///
    /// The fix lower-cases the name and the `FROM` and `COPY --from` references to it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS Build
    /// RUN go build -o /out/app .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// ```
    ///
    /// ## References
    /// - [StageNameCasing](https://docs.docker.com/reference/build-checks/stage-name-casing/)
    pub static RULE = {
        code: "BL1317",
        name: "stage-name-casing",
        severity: Info,
        tags: ["style"],
        aliases: ["StageNameCasing"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (stage, name, lower) in named_stages(ctx) {
        if name.value == lower {
            continue;
        }
        let mut edits = vec![(name.span, lower.clone())];
        for ins in &ctx.ast.instructions[stage.from + 1..] {
            match (&ins.args, ins.keyword) {
                (Args::From { image, .. }, _)
                    if image.value.eq_ignore_ascii_case(&name.value)
                        && ctx.text(image.span) == image.value =>
                {
                    edits.push((image.span, lower.clone()));
                }
                (_, Keyword::Copy | Keyword::Add) => {
                    let Some(flag) = ins.flag("from") else {
                        continue;
                    };
                    if let (Some(value), Some(span)) = (&flag.value, flag.value_span) {
                        if value.eq_ignore_ascii_case(&name.value) && ctx.text(span) == value {
                            edits.push((span, lower.clone()));
                        }
                    }
                }
                _ => {}
            }
        }
        out.report(
            &RULE,
            name.span,
            format!("Stage name '{}' should be lowercase", name.value),
        )
        .help(format!("name the stage `{lower}`"))
        .fix(format!("Rename the stage to `{lower}`"), edits);
    }
}
