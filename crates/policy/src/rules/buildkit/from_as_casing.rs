use crate::context::DockerfileContext;
use crate::dockerfile::ast::Args;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that the `AS` of `FROM image AS name` has the casing of its `FROM`: `FROM ... AS`
    /// or `from ... as`.
    ///
    /// ## Why is this bad?
    /// Both work, but `FROM node AS build` next to `FROM node as build` makes stage definitions
    /// harder to find with a search and reads as two conventions in one file. When `FROM` itself
    /// mixes cases, `consistent-instruction-casing` reports it instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 as build
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
    /// - [FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
    pub static RULE = {
        code: "BL1305",
        name: "from-as-casing",
        severity: Info,
        tags: ["style"],
        aliases: ["FromAsCasing"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in &ctx.ast.instructions {
        let Args::From {
            as_keyword: Some(as_word),
            ..
        } = &ins.args
        else {
            continue;
        };
        let from = ctx.text(ins.keyword_span);
        let wanted = if from == from.to_ascii_lowercase() {
            "as"
        } else if from == from.to_ascii_uppercase() {
            "AS"
        } else {
            continue;
        };
        let written = ctx.text(as_word.span);
        if written == wanted {
            continue;
        }
        out.report(
            &RULE,
            as_word.span,
            format!("'{written}' and '{from}' keywords' casing do not match"),
        )
        .help(format!("write `{wanted}` to match `{from}`"))
        .fix(
            format!("Write `{wanted}`"),
            vec![(as_word.span, wanted.to_string())],
        );
    }
}
