use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that `dnf install` (and `groupinstall`, `localinstall`, and the same with
    /// `microdnf`) runs with `-y` or `--assumeyes`.
    ///
    /// ## Why is this bad?
    /// Without `-y`, dnf asks "Is this ok [y/N]" before installing. A build has no one to
    /// answer: stdin is empty, dnf takes it as "no", and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3038](https://github.com/hadolint/hadolint/wiki/DL3038)
    pub static RULE = {
        code: "BL1221",
        name: "dnf-missing-yes",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["DL3038"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::missing_yes(ctx, out, &RULE, &["dnf", "microdnf"]);
}
