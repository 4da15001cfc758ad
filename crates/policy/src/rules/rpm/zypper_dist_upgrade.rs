use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks for `zypper dist-upgrade` / `dup` and `zypper update` / `up` in `RUN`.
    ///
    /// ## Why is this bad?
    /// An in-place upgrade replaces the base image's packages (a distribution upgrade may even
    /// move it to another release) with whatever the repositories serve on build day: the
    /// image no longer matches the tag you pinned, and two builds of one commit differ. Take
    /// updates by moving to a newer base image tag.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n dist-upgrade && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3035](https://github.com/hadolint/hadolint/wiki/DL3035)
    pub static RULE = {
        code: "BL1218",
        name: "zypper-dist-upgrade",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3035"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::upgrade(
        ctx,
        out,
        &RULE,
        "zypper",
        &["dist-upgrade", "dup", "update", "up"],
    );
}
