use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, HealthcheckArgs, Keyword};
use crate::engine::Diagnostics;
use crate::rules::support::command_span;

declare_rule! {
    /// ## What it does
    /// Checks `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` arguments that start like a JSON array
    /// (`["...`) but are not valid JSON.
    ///
    /// ## Why is this bad?
    /// When the text is not a valid JSON array of strings, Docker does not complain: it runs the
    /// whole line through `/bin/sh -c`, brackets, quotes and commas included. The container then
    /// fails at run time with a confusing `/bin/sh: [/app,: not found`, or never starts on an
    /// image without a shell. Single quotes, a missing comma, or shell operators after the array
    /// (`CMD ["/app", "-health"] || exit 1`) are the usual causes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// USER 65534
    /// HEALTHCHECK CMD ["/app", "-health"] || exit 1
    /// CMD ['/app', '--serve']
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// USER 65534
    /// HEALTHCHECK CMD ["/app", "-health"]
    /// CMD ["/app", "--serve"]
    /// ```
    ///
    /// ## References
    /// - [Shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    pub static RULE = {
        code: "BL1004",
        name: "invalid-exec-form",
        severity: Error,
        tags: ["correctness"],
        aliases: [],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in &ctx.ast.instructions {
        let form = match (&ins.keyword, &ins.args) {
            (Keyword::Cmd | Keyword::Entrypoint, Args::Command(form)) => form,
            (Keyword::Healthcheck, Args::Healthcheck(HealthcheckArgs::Cmd(form))) => form,
            _ => continue,
        };
        let CommandForm::Shell(text) = form else {
            continue;
        };
        if !looks_like_json_array(&text.text) {
            continue;
        }
        out.report(
            &RULE,
            command_span(form),
            format!(
                "this {} is not valid JSON, so Docker runs it through `/bin/sh -c` as text",
                ins.keyword.as_str()
            ),
        )
        .help("write a JSON array of double-quoted strings, e.g. `[\"/app\", \"--serve\"]`, with nothing after the closing bracket");
    }
}

/// `["...`, `['...` or `[]`: an exec form was meant. A bare `[ -f x ]` is the shell's test command.
fn looks_like_json_array(text: &str) -> bool {
    let Some(rest) = text.trim_start().strip_prefix('[') else {
        return false;
    };
    matches!(rest.trim_start().chars().next(), Some('"' | '\'' | ']'))
}
