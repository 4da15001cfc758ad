use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that every package of `zypper install` (`in`) names a version: `curl=8.6.0`, or a
    /// quoted constraint such as `'curl>=8.6'`. Local `.rpm` files, URLs and capability
    /// provides are left alone. Packages given through a build argument are checked with its
    /// value when the Dockerfile sets one.
    ///
    /// ## Why is this bad?
    /// Without a version, zypper installs whatever the repositories serve on build day: the
    /// same Dockerfile yields different images and an unrelated rebuild can pull in a breaking
    /// upgrade. Pinning makes upgrades explicit changes in review.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3037](https://github.com/hadolint/hadolint/wiki/DL3037)
    pub static RULE = {
        code: "BL1220",
        name: "zypper-unpinned-package",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3037"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::unpinned(
        ctx,
        out,
        &RULE,
        &["zypper"],
        &["install", "in"],
        is_pinned,
        "=<version>",
    );
}

/// hadolint's test: `=`, `<` or `>` anywhere (quoted constraints); `.rpm` files are left alone
/// by the shared check.
fn is_pinned(package: &str) -> bool {
    package.contains(['=', '<', '>'])
}
