use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that a `RUN` with `zypper install` also cleans zypper's cache (`zypper clean`, or removing
    /// `/var/cache/zypp`), unless it mounts a build cache there.
    ///
    /// ## Why is this bad?
    /// zypper keeps downloaded metadata and packages in `/var/cache/zypp`. Left in the layer they add tens
    /// of megabytes to every image, and cleaning in a later `RUN` does not help: the earlier
    /// layer still holds them. A BuildKit cache mount keeps the cache out of the image and
    /// speeds up rebuilds, which is even better.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3036](https://github.com/hadolint/hadolint/wiki/DL3036)
    /// - [BuildKit cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub static RULE = {
        code: "BL1219",
        name: "zypper-cache-not-cleaned",
        severity: Warning,
        tags: ["size"],
        aliases: ["DL3036"],
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
            tools: &["zypper"],
            installs: &["install", "in"],
            clean: &["clean", "cc"],
            cache_dirs: &["/var/cache/zypp"],
            help: "end the same RUN with `&& zypper clean`, or mount a cache: `RUN --mount=type=cache,target=/var/cache/zypp ...`",
        },
    );
}
