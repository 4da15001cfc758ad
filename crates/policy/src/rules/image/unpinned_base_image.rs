use crate::context::DockerfileContext;
use crate::dockerfile::model::Base;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that every `FROM` names its image with a version tag or a digest, after build
    /// arguments are expanded. No tag and `:latest` both fire.
    ///
    /// ## Why is this bad?
    /// `latest` is whatever the publisher pushed last: the same Dockerfile builds a different
    /// image next week, a cached layer silently goes stale, and a breaking major upgrade lands
    /// without a pull request. Seed 001 replaced every `alpine:latest`; seed 000 pins
    /// `alpine:3.21`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:latest
    /// USER 65534
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// USER 65534
    /// ```
    ///
    /// ## References
    /// - Seeds: `000_4342dac09d359873.txt`, `001_44158710fcc909dd.txt`
    /// - [Image tags and digests](https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier)
    pub static RULE = {
        code: "BL1002",
        name: "unpinned-base-image",
        severity: Warning,
        tags: ["reproducibility", "correctness"],
        aliases: ["DL3006", "DL3007"],
        seeds: ["000_4342dac09d359873.txt", "001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if image.is_pinned() {
            continue;
        }
        let message = match image.tag.as_deref() {
            Some(_) => format!(
                "`{}` uses the `latest` tag, which changes under you",
                stage.base_text
            ),
            None => format!(
                "`{}` has no tag, so it means `latest`, which changes under you",
                stage.base_text
            ),
        };
        out.report(&RULE, stage.base_span, message).help(format!(
            "pin a version tag (`{}:<version>`) or a digest (`@sha256:...`)",
            image.repository
        ));
    }
}
