use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{report_unpinned_packages, UnpinnedPackages};

declare_rule! {
    /// ## What it does
    /// Checks that every package of `apt-get install` names a version: `curl=7.88.1-10+deb12u8`.
    /// As in hadolint, a package with a `/` (a release, `curl/bookworm-backports`, or a path)
    /// and a local `.deb` file count as pinned. Packages given through a build argument are
    /// checked with its value when the Dockerfile sets one.
    ///
    /// ## Why is this bad?
    /// Without a version, apt-get installs whatever the mirror serves on build day: the same
    /// Dockerfile yields different images, a rebuild for an unrelated change can pull in a
    /// breaking upgrade, and a cached layer hides that the next uncached build differs.
    /// Pinning makes upgrades explicit changes in review.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3008](https://github.com/hadolint/hadolint/wiki/DL3008)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub static RULE = {
        code: "BL1204",
        name: "apt-unpinned-package",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3008"],
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
            tool: "apt-get",
            subcommands: &["install"],
            value_options: super::VALUE_OPTIONS,
            skip: |_| false,
            is_pinned,
            help: |package| {
                format!("pin it: `{package}=<version>` (see `apt-cache policy {package}`)")
            },
        },
    );
}

/// hadolint's test: a `=`, a `/`, or a `.deb` file.
fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}
