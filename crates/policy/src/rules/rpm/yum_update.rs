use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks for `yum update` (and `update-to`, `upgrade`, `upgrade-to`) in `RUN`.
    ///
    /// ## Why is this bad?
    /// An in-place update replaces the base image's packages with whatever the mirrors serve
    /// on build day: the image no longer matches the tag you pinned, and two builds of one
    /// commit differ. Take updates by moving to a newer base image tag, which is reviewed,
    /// tested and cached once.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7.9.2009
    /// RUN yum -y update && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7.9.2009
    /// RUN yum -y install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3031](https://github.com/hadolint/hadolint/wiki/DL3031)
    pub static RULE = {
        code: "BL1214",
        name: "yum-update",
        severity: Error,
        tags: ["reproducibility"],
        aliases: ["DL3031"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::upgrade(
        ctx,
        out,
        &RULE,
        "yum",
        &["update", "update-to", "upgrade", "upgrade-to"],
    );
}
