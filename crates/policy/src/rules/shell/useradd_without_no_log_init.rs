use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{report_missing_flag, run_commands};

declare_rule! {
    /// ## What it does
    /// Checks that `useradd` with a large UID (more than 5 digits, as in hadolint) runs with
    /// `-l` / `--no-log-init`. A UID from a build argument is checked with its value when the
    /// Dockerfile sets one.
    ///
    /// ## Why is this bad?
    /// useradd records every user in `/var/log/lastlog` and `/var/log/faillog`, sparse files
    /// indexed by UID. Docker's layer storage does not keep files sparse, so a user with UID
    /// 100000000 writes hundreds of megabytes to a layer, and a big enough UID can fill the
    /// disk during the build. `--no-log-init` skips those files.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN useradd --uid 1000010 app
    /// USER 1000010
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN useradd --no-log-init --uid 1000010 app
    /// USER 1000010
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`, `003_37cda6fe4f0eb3cb.txt` (non-root users with fixed UIDs)
    /// - [hadolint DL3046](https://github.com/hadolint/hadolint/wiki/DL3046)
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub static RULE = {
        code: "BL1225",
        name: "useradd-without-no-log-init",
        severity: Warning,
        tags: ["size"],
        aliases: ["DL3046"],
        seeds: ["001_44158710fcc909dd.txt", "003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        if run.command.program() != Some("useradd")
            || run.command.has_flag(Some('l'), Some("no-log-init"))
        {
            continue;
        }
        let Some(uid) = run.command.option_value(Some('u'), Some("uid")) else {
            continue;
        };
        let uid = ctx.model.expand_at(run.index, uid);
        if !uid.is_known() || uid.value.len() <= 5 {
            continue;
        }
        let Some(word) = run.program_word() else {
            continue;
        };
        report_missing_flag(
            ctx,
            out,
            &RULE,
            &run,
            word,
            "--no-log-init",
            format!("`useradd` with UID {} and without `--no-log-init` writes huge log files into the layer", uid.value),
        )
        .help("add `--no-log-init` (`-l`)");
    }
}
