use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks for `dnf upgrade` (and `upgrade-minimal`, and `update`, its alias) in `RUN`.
    ///
    /// hadolint checks `upgrade` and `upgrade-minimal` only; ballast also flags `dnf update`,
    /// which is the same command under its older name.
    ///
    /// ## Why is this bad?
    /// An in-place upgrade replaces the base image's packages with whatever the mirrors serve
    /// on build day: the image no longer matches the tag you pinned, and two builds of one
    /// commit differ. Take updates by moving to a newer base image tag.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf -y upgrade && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf -y install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3039](https://github.com/hadolint/hadolint/wiki/DL3039)
    pub static RULE = {
        code: "BL1222",
        name: "dnf-upgrade",
        severity: Error,
        tags: ["reproducibility"],
        aliases: ["DL3039"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::upgrade(
        ctx,
        out,
        &RULE,
        "dnf",
        &["upgrade", "upgrade-minimal", "update"],
    );
}
