use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that `yum install` (and `groupinstall`, `localinstall`) runs with `-y` or
    /// `--assumeyes`.
    ///
    /// ## Why is this bad?
    /// Without `-y`, yum asks "Is this ok [y/N]" before installing. A build has no one to
    /// answer: stdin is empty, yum takes it as "no", and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7.9.2009
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7.9.2009
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3030](https://github.com/hadolint/hadolint/wiki/DL3030)
    pub static RULE = {
        code: "BL1213",
        name: "yum-missing-yes",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["DL3030"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::missing_yes(ctx, out, &RULE, &["yum"]);
}
