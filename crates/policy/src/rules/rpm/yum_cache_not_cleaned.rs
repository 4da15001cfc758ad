use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that a `RUN` with `yum install` also cleans yum's cache (`yum clean all`, or removing
    /// `/var/cache/yum`), unless it mounts a build cache there.
    ///
    /// ## Why is this bad?
    /// yum keeps downloaded metadata and packages in `/var/cache/yum`. Left in the layer they add tens
    /// of megabytes to every image, and cleaning in a later `RUN` does not help: the earlier
    /// layer still holds them. A BuildKit cache mount keeps the cache out of the image and
    /// speeds up rebuilds, which is even better.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7.9.2009
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7.9.2009
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3032](https://github.com/hadolint/hadolint/wiki/DL3032)
    /// - [BuildKit cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub static RULE = {
        code: "BL1215",
        name: "yum-cache-not-cleaned",
        severity: Warning,
        tags: ["size"],
        aliases: ["DL3032"],
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
            tools: &["yum"],
            installs: &["install"],
            clean: &["clean"],
            cache_dirs: &["/var/cache/yum", "/var/cache/dnf"],
            help: "end the same RUN with `&& yum clean all`, or mount a cache: `RUN --mount=type=cache,target=/var/cache/yum ...`",
        },
    );
}
