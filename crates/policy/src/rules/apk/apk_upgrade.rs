use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::run_commands;

declare_rule! {
    /// ## What it does
    /// Checks for `apk upgrade` in `RUN`.
    ///
    /// ## Why is this bad?
    /// `apk upgrade` replaces the packages of the base image with whatever the repository
    /// serves on build day, so the image no longer matches the tag you pinned and two builds
    /// of one commit differ. Take updates by moving to a newer base image tag (`alpine:3.21.2`),
    /// which is reviewed, tested and cached once.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk upgrade --no-cache
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21.2
    /// RUN apk add --no-cache curl=8.11.1-r0
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3017](https://github.com/hadolint/hadolint/wiki/DL3017)
    pub static RULE = {
        code: "BL1208",
        name: "apk-upgrade",
        severity: Error,
        tags: ["reproducibility"],
        aliases: ["DL3017"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        if let Some(word) = run.subcommand("apk", &["upgrade"]) {
            out.report(
                &RULE,
                run.span(word),
                "`apk upgrade` swaps the base image's packages for whatever is current at build time",
            )
            .help("move to a newer base image tag instead of upgrading in place");
        }
    }
}
