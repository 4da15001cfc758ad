use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::run_commands;

declare_rule! {
    /// ## What it does
    /// Checks for `sudo` in `RUN`.
    ///
    /// ## Why is this bad?
    /// Build steps run as the user of the last `USER` instruction, root by default, so `sudo`
    /// is not needed to be root. When it seems needed, the Dockerfile switched users too
    /// early: switch back with `USER root` for the step. Installing and configuring sudo adds
    /// a setuid binary and a TTY- and PAM-dependent tool whose behaviour in containers is
    /// unpredictable; to drop privileges at run time, use `gosu` or `su-exec`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// USER app
    /// RUN sudo mkdir /data
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN mkdir /data && chown app /data
    /// USER app
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3004](https://github.com/hadolint/hadolint/wiki/DL3004)
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub static RULE = {
        code: "BL1202",
        name: "sudo-in-run",
        severity: Error,
        tags: ["security"],
        aliases: ["DL3004"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        let end = run.command.program_index().unwrap_or(0);
        let sudo = run
            .command
            .words
            .get(..=end)
            .unwrap_or_default()
            .iter()
            .find(|w| w.as_str().rsplit('/').next() == Some("sudo"));
        if let Some(word) = sudo {
            out.report(
                &RULE,
                run.span(word),
                "`sudo` in a build step: steps already run as the Dockerfile's current USER",
            )
            .help("run the step as root with `USER root` before it, and `gosu`/`su-exec` to drop privileges at run time");
        }
    }
}
