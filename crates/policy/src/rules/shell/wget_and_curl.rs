use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{commands_of, runs};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks for stages that download with both `wget` and `curl`. Each use of the tool that
    /// comes second is reported, pointing at the first use of the other.
    ///
    /// ## Why is this bad?
    /// Both tools do the same job. Using both means installing and patching both, two sets of
    /// proxy, retry and TLS options to get right, and a bigger image. Pick one per stage;
    /// `curl -fsSL` is the usual choice.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN curl -fsSLo /tmp/a.tgz https://example.org/a.tgz
    /// RUN wget -q https://example.org/b.tgz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN curl -fsSLo /tmp/a.tgz https://example.org/a.tgz
    /// RUN curl -fsSLO https://example.org/b.tgz
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4001](https://github.com/hadolint/hadolint/wiki/DL4001)
    pub static RULE = {
        code: "BL1229",
        name: "wget-and-curl",
        severity: Warning,
        tags: ["size", "maintainability"],
        aliases: ["DL4001"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    // Per stage, as in hadolint: the first downloader used, and where.
    let mut first: Vec<Option<(&str, Span)>> = vec![None; ctx.model.stages.len()];
    // ONBUILD RUN runs in another build, with another set of tools.
    for (index, ins) in runs(ctx).filter(|(_, ins)| ins.keyword == Keyword::Run) {
        let Some(stage) = ctx.model.stage_of(index) else {
            continue;
        };
        for run in commands_of(ctx, index, ins) {
            let Some(tool) = run
                .command
                .program()
                .filter(|p| *p == "curl" || *p == "wget")
            else {
                continue;
            };
            let Some(word) = run.program_word() else {
                continue;
            };
            let span = run.span(word);
            match first[stage.index] {
                None => first[stage.index] = Some((tool, span)),
                Some((other, other_span)) if other != tool => {
                    out.report(
                        &RULE,
                        span,
                        format!(
                            "`{tool}` is used in a stage that already downloads with `{other}`"
                        ),
                    )
                    .help(format!("use `{other}` here too"))
                    .related(other_span, format!("`{other}` is used here"));
                }
                Some(_) => {}
            }
        }
    }
}
