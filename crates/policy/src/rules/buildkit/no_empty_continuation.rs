use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks empty lines inside an instruction continued with `\`.
    ///
    /// ## Why is this bad?
    /// Docker skips such lines today, but they will become errors in a future release. They also
    /// hide mistakes: an empty line after a trailing `\` often means the line that was meant to
    /// follow was deleted, and the next instruction's text may have joined this one. The fix
    /// deletes the empty line.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && \
    ///
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && \
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## References
    /// - [NoEmptyContinuation](https://docs.docker.com/reference/build-checks/no-empty-continuation/)
    pub static RULE = {
        code: "BL1314",
        name: "no-empty-continuation",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["NoEmptyContinuation"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for &line in &ctx.ast.empty_continuation_lines {
        let rest = &ctx.source[line.end..];
        let newline = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with('\n'))
        };
        out.report(&RULE, line, "Empty continuation line")
            .help("delete the empty line; empty lines inside a continuation will become errors")
            .fix(
                "Delete the empty line",
                vec![(Span::new(line.start, line.end + newline), String::new())],
            );
    }
}
