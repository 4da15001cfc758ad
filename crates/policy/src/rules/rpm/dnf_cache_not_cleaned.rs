use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that a `RUN` with `dnf install` (or `microdnf install`) also cleans its cache
    /// (`dnf clean all`, or removing `/var/cache/dnf`, `/var/cache/libdnf5` or microdnf's
    /// `/var/cache/yum`), unless it mounts a build cache there.
    ///
    /// ## Why is this bad?
    /// dnf keeps downloaded metadata and packages in `/var/cache/dnf`. Left in the layer they add tens
    /// of megabytes to every image, and cleaning in a later `RUN` does not help: the earlier
    /// layer still holds them. A BuildKit cache mount keeps the cache out of the image and
    /// speeds up rebuilds, which is even better.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:41
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3040](https://github.com/hadolint/hadolint/wiki/DL3040)
    /// - [BuildKit cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub static RULE = {
        code: "BL1223",
        name: "dnf-cache-not-cleaned",
        severity: Warning,
        tags: ["size"],
        aliases: ["DL3040"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    super::cache_not_cleaned(
        ctx,
        out,
        &RULE,
        &super::Cleanup {
            tools: &["dnf", "microdnf"],
            installs: &["install"],
            clean: &["clean"],
            cache_dirs: &["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"],
            help: "end the same RUN with `&& dnf clean all`, or mount a cache: `RUN --mount=type=cache,target=/var/cache/dnf ...`",
        },
    );
}
