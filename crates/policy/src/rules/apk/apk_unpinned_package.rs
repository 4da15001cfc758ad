use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{report_unpinned_packages, UnpinnedPackages};

declare_rule! {
    /// ## What it does
    /// Checks that every package of `apk add` names a version: `curl=8.11.1-r0`, or a
    /// constraint with `=` (`curl>=8.11`) or `~` (`curl~8.11`). Local `.apk` files count as
    /// pinned. Packages given through a build argument are checked with its value when the
    /// Dockerfile sets one.
    ///
    /// hadolint accepts only `=`; ballast also accepts apk's `~` prefix match, which pins a
    /// version series.
    ///
    /// ## Why is this bad?
    /// Without a version, apk installs whatever the repository serves on build day: the same
    /// Dockerfile yields different images and an unrelated rebuild can pull in a breaking
    /// upgrade. Pinning makes upgrades explicit changes in review.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl=8.11.1-r0
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3018](https://github.com/hadolint/hadolint/wiki/DL3018)
    /// - [Alpine wiki: apk world constraints](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_Usage)
    pub static RULE = {
        code: "BL1209",
        name: "apk-unpinned-package",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3018"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    report_unpinned_packages(
        ctx,
        out,
        &RULE,
        &UnpinnedPackages {
            tool: "apk",
            subcommands: &["add"],
            value_options: super::VALUE_OPTIONS,
            skip: |_| false,
            is_pinned,
            help: |package| format!("pin it: `{package}=<version>` (see `apk policy {package}`)"),
        },
    );
}

fn is_pinned(package: &str) -> bool {
    package.contains(['=', '~']) || package.ends_with(".apk")
}
