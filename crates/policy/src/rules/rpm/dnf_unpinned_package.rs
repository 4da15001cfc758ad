use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that every package of `dnf install` (and `microdnf install`) names a version, `httpd-2.4.62`: a
    /// dash followed by a digit, where RPM versions start (`python3-devel` is not pinned), and
    /// that `dnf module install` names a stream (`nodejs:20`). Local `.rpm` files, URLs,
    /// groups (`@development`) and file or capability provides (`/usr/bin/make`, `perl(Git)`)
    /// are left alone. Packages given through a build argument are checked with its value when
    /// the Dockerfile sets one.
    ///
    /// ## Why is this bad?
    /// Without a version, dnf installs whatever the repositories serve on build day: the same
    /// Dockerfile yields different images and an unrelated rebuild can pull in a breaking
    /// upgrade. Pinning makes upgrades explicit changes in review.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd python3-devel && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62 python3-devel-3.12.8 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3041](https://github.com/hadolint/hadolint/wiki/DL3041)
    pub static RULE = {
        code: "BL1224",
        name: "dnf-unpinned-package",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3041"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::unpinned(
        ctx,
        out,
        &RULE,
        &["dnf", "microdnf"],
        &["install"],
        super::has_dash_version,
        "-<version>",
    );
}
