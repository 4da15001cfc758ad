use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{has_cache_mount, report_missing_flag, run_commands};

declare_rule! {
    /// ## What it does
    /// Checks that `apk add` runs with `--no-cache`, unless the RUN mounts a build cache on
    /// apk's cache directory (`/var/cache/apk` or `/etc/apk/cache`).
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, apk keeps the package index it downloaded in `/var/cache/apk`,
    /// and it ends up in the layer: a few megabytes in every image, stale from the day of the
    /// build. `--no-cache` fetches the index, uses it and throws it away, with no
    /// `apk update` or `rm -rf /var/cache/apk/*` needed. With a BuildKit cache mount the
    /// cache stays out of the image and speeds up rebuilds, which is even better.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk update && apk add curl=8.11.1-r0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl=8.11.1-r0
    /// ```
    ///
    /// ## References
    /// - Seed: `000_4342dac09d359873.txt` (cache mounts for downloads)
    /// - [hadolint DL3019](https://github.com/hadolint/hadolint/wiki/DL3019)
    /// - [BuildKit cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub static RULE = {
        code: "BL1210",
        name: "apk-missing-no-cache",
        severity: Info,
        tags: ["size"],
        aliases: ["DL3019"],
        seeds: ["000_4342dac09d359873.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        let Some(word) = run.subcommand("apk", &["add"]) else {
            continue;
        };
        if run.command.has_flag(None, Some("no-cache"))
            || has_cache_mount(run.ins, &["/var/cache/apk", "/etc/apk/cache"])
        {
            continue;
        }
        report_missing_flag(
            ctx,
            out,
            &RULE,
            &run,
            word,
            "--no-cache",
            "`apk add` without `--no-cache` leaves the package index in the image",
        )
        .help("add `--no-cache`, or mount a cache: `RUN --mount=type=cache,target=/var/cache/apk apk add ...`");
    }
}
