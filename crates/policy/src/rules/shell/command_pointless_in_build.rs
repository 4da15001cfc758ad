use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::run_commands;

declare_rule! {
    /// ## What it does
    /// Checks `RUN` for commands that make no sense while building an image: `ssh`, `vim`,
    /// `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`. The program
    /// is found past wrappers (`sudo mount` is `mount`).
    ///
    /// hadolint's message lists `ifconfig` but its check leaves it out; ballast checks it.
    ///
    /// ## Why is this bad?
    /// A build step runs once, without a terminal, in a throwaway container that has no init
    /// system and no services running. Editors and monitors wait for input or print a
    /// snapshot nobody reads; `service ... start` starts a daemon that dies with the step;
    /// `shutdown`, `mount` and `ifconfig` need privileges a build does not have. Usually the
    /// command belongs in the container's entrypoint, or in a debugging session
    /// (`docker exec`), not in the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN service nginx start
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3001](https://github.com/hadolint/hadolint/wiki/DL3001)
    pub static RULE = {
        code: "BL1200",
        name: "command-pointless-in-build",
        severity: Info,
        tags: ["correctness"],
        aliases: ["DL3001"],
        seeds: [],
        check: Dockerfile(check),
    }
}

const POINTLESS: &[&str] = &[
    "free", "ifconfig", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        let Some(program) = run.command.program().filter(|p| POINTLESS.contains(p)) else {
            continue;
        };
        let Some(word) = run.program_word() else {
            continue;
        };
        out.report(
            &RULE,
            run.span(word),
            format!("`{program}` makes no sense in a build step: it runs once, without a terminal or running services"),
        )
        .help("move it to the container's entrypoint or a debugging session, or remove it");
    }
}
