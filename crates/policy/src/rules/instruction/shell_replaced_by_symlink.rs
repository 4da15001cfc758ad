use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `RUN` commands that replace `/bin/sh` with a symbolic link
    /// (`ln -sf /bin/bash /bin/sh`).
    ///
    /// ## Why is this bad?
    /// It changes the shell of every later `RUN` behind the reader's back, and of every
    /// program in the image that calls `/bin/sh` — package scripts included — which expect a
    /// POSIX shell. `SHELL ["/bin/bash", "-c"]` changes the shell of the Dockerfile's own
    /// commands and nothing else.
    ///
    /// hadolint fires on any `ln` with a `/bin/sh` argument; ballast only when `/bin/sh` is the
    /// link being made (the last operand), so `ln -s /bin/sh /usr/local/bin/sh` is fine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN ln -s /usr/bin/python3 /usr/local/bin/python
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4005](https://github.com/hadolint/hadolint/wiki/DL4005)
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    pub static RULE = {
        code: "BL1356",
        name: "shell-replaced-by-symlink",
        severity: Warning,
        tags: ["correctness", "maintainability"],
        aliases: ["DL4005"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (i, ins) in ctx.ast.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Run {
            continue;
        }
        for script in ctx.model.scripts(i) {
            for command in &script.script.commands {
                if command.program() != Some("ln") {
                    continue;
                }
                // The link made is the last operand: `ln -sf /bin/bash /bin/sh`.
                let Some(word) = command
                    .args()
                    .iter()
                    .rfind(|w| !w.as_str().starts_with('-'))
                    .filter(|w| w.as_str() == "/bin/sh")
                else {
                    continue;
                };
                out.report(
                    &RULE,
                    script.span(&word.span),
                    "replacing /bin/sh changes the shell of every later RUN and of every program in the image",
                )
                .help("use `SHELL [\"/bin/bash\", \"-c\"]` to run the Dockerfile's commands with another shell");
            }
        }
    }
}
