use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::run_commands;

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get dist-upgrade` in `RUN`.
    ///
    /// ## Why is this bad?
    /// `dist-upgrade` may install new packages and remove others to satisfy changed
    /// dependencies: the base image you picked becomes a different distribution state,
    /// decided by whatever the mirrors serve on build day, and two builds of the same commit
    /// differ. To get security fixes, pull a newer tag of the base image; if you must, a plain
    /// `apt-get upgrade` never adds or removes packages.
    ///
    /// hadolint once flagged `apt-get upgrade` too; it now flags only `dist-upgrade`, and so
    /// does ballast.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get -y dist-upgrade
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN apt-get update && apt-get -y upgrade
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3005](https://github.com/hadolint/hadolint/wiki/DL3005)
    /// - [apt-get(8)](https://manpages.debian.org/bookworm/apt/apt-get.8.en.html)
    pub static RULE = {
        code: "BL1203",
        name: "apt-dist-upgrade",
        severity: Error,
        tags: ["reproducibility"],
        aliases: ["DL3005"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        if let Some(word) = run.subcommand("apt-get", &["dist-upgrade"]) {
            out.report(
                &RULE,
                run.span(word),
                "`apt-get dist-upgrade` may add and remove packages of the base image",
            )
            .help("use a newer base image tag for updates, or `apt-get upgrade`, which never adds or removes packages");
        }
    }
}
