use super::common::ancestors;
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, Keyword};
use crate::engine::Diagnostics;
use crate::rules::support::{command_span, first_line};

declare_rule! {
    /// ## What it does
    /// Checks `CMD` and `ENTRYPOINT` in shell form (`CMD node server.js`) in stages that do not
    /// choose a shell with `SHELL`.
    ///
    /// ## Why is this bad?
    /// Shell form runs the command as `/bin/sh -c "node server.js"`: the shell is PID 1 and does
    /// not pass `SIGTERM` on, so `docker stop` waits ten seconds and kills the application
    /// without letting it close connections or flush data. Exec form (`CMD ["node",
    /// "server.js"]`) runs the program directly. A stage that sets `SHELL` has chosen its shell
    /// on purpose and is not reported, as in BuildKit.
    ///
    /// Text that looks like a broken JSON array is reported by `invalid-exec-form` instead. When
    /// the command is plain words without shell syntax, the fix writes the exec form.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER node
    /// CMD node server.js
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## References
    /// - [JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
    /// - [hadolint DL3025](https://github.com/hadolint/hadolint/wiki/DL3025)
    pub static RULE = {
        code: "BL1310",
        name: "json-args-recommended",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["JSONArgsRecommended", "DL3025"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let stages = &ctx.model.stages;
    for stage in stages {
        let inherited_shell = ancestors(stages, stage).iter().any(|s| {
            s.instructions(ctx.ast)
                .any(|(_, ins)| ins.keyword == Keyword::Shell)
        });
        let mut shell_set = inherited_shell;
        for (_, ins) in stage.instructions(ctx.ast) {
            if ins.keyword == Keyword::Shell {
                shell_set = true;
            }
            if shell_set || !matches!(ins.keyword, Keyword::Cmd | Keyword::Entrypoint) {
                continue;
            }
            let Args::Command(form @ CommandForm::Shell(text)) = &ins.args else {
                continue;
            };
            if text.text.trim_start().starts_with('[') || !ins.heredocs.is_empty() {
                continue;
            }
            let keyword = ctx.text(ins.keyword_span);
            let span = first_line(ctx, command_span(form));
            let finding = out
                .report(
                    &RULE,
                    span,
                    format!("JSON arguments recommended for {keyword} to prevent unintended behavior related to OS signals"),
                )
                .help(format!(
                    "use the exec form, e.g. `{} [\"executable\", \"arg\"]`, or set `SHELL` if a shell is wanted",
                    keyword
                ));
            if let Some(exec) = exec_form(&text.text) {
                if ctx.text(span) == text.text {
                    finding.fix("Use the exec form", vec![(span, exec)]);
                }
            }
        }
    }
}

/// `["a", "b"]` for a command made of plain words only (nothing a shell would interpret).
fn exec_form(command: &str) -> Option<String> {
    let plain = |w: &str| {
        w.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'/' | b':' | b'=' | b'@' | b'+' | b',' | b'%'
                )
        })
    };
    let words: Vec<&str> = command.split_whitespace().collect();
    // `NAME=value cmd` is an assignment to the shell, not a program name.
    if words.is_empty() || words[0].contains('=') || !words.iter().all(|w| plain(w)) {
        return None;
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("[{}]", quoted.join(", ")))
}
