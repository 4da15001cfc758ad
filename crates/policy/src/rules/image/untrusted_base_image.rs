use crate::context::DockerfileContext;
use crate::dockerfile::model::{Base, CopySource, ImageRef};
use crate::engine::Diagnostics;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every image the build pulls comes from a registry listed in
    /// `trusted-registries`: `FROM` images, `COPY --from=<image>` and
    /// `RUN --mount=from=<image>`. With no `trusted-registries` configured it reports nothing.
    ///
    /// ## Why is this bad?
    /// An image from an unvetted registry runs in your build with your secrets and ends up in
    /// your product. A list of trusted registries (your mirror, your vendor's) makes the
    /// supply chain explicit and reviewable.
    ///
    /// As in hadolint, an image without a registry is Docker Hub's, trusted when `docker.io`
    /// (or `hub.docker.com`) is listed; `scratch` and stage names are always fine. An entry
    /// `*.example.com` trusts the subdomains of `example.com`, and `*` every registry. A reference whose build
    /// arguments have no known value (`FROM ${REGISTRY}/app`) is not checked: hadolint
    /// reports it, though the registry is only chosen at build time.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM quay.io/prometheus/busybox:latest
    /// ```
    /// ```yaml .ballast.yaml
    /// trusted-registries: [registry.example.com]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM registry.example.com/base/busybox:1.36
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3026](https://github.com/hadolint/hadolint/wiki/DL3026)
    pub static RULE = {
        code: "BL1362",
        name: "untrusted-base-image",
        severity: Error,
        tags: ["security"],
        aliases: ["DL3026"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// Whether the image's registry matches an entry of `trusted`: exactly, `*.domain` for its
/// subdomains, or `*` for any.
fn trusted(trusted: &[String], image: &ImageRef) -> bool {
    if trusted.iter().any(|t| t == "*") {
        return true;
    }
    match image.registry.as_deref() {
        None => trusted.iter().any(|t| {
            t.eq_ignore_ascii_case("docker.io") || t.eq_ignore_ascii_case("hub.docker.com")
        }),
        Some(registry) => trusted.iter().any(|t| {
            t.eq_ignore_ascii_case(registry)
                || t.strip_prefix("*.").is_some_and(|domain| {
                    registry.len() > domain.len() + 1
                        && registry
                            .to_ascii_lowercase()
                            .ends_with(&format!(".{}", domain.to_ascii_lowercase()))
                })
        }),
    }
}

fn report(out: &mut Diagnostics, span: Span, image: &ImageRef, what: &str) {
    out.report(
        &RULE,
        span,
        format!(
            "{what} comes from `{}`, which is not a trusted registry",
            image.registry_or_default()
        ),
    )
    .help("pull it from a registry listed in `trusted-registries`, e.g. through your mirror");
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let list = &ctx.config.trusted_registries;
    if list.is_empty() {
        return;
    }
    for stage in &ctx.model.stages {
        if let Base::Image(image) = &stage.base {
            if !trusted(list, image) {
                report(out, stage.base_span, image, "the base image");
            }
        }
    }
    for edge in &ctx.model.copy_edges {
        if let CopySource::Image(image) = &edge.source {
            if !trusted(list, image) {
                report(out, from_value(ctx, edge.span), image, "this image");
            }
        }
    }
}

/// The `from=` value inside a `--mount` flag's span; other spans as they are.
fn from_value(ctx: &DockerfileContext, span: Span) -> Span {
    let text = ctx.text(span);
    if !text.starts_with("--mount") {
        return span;
    }
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower
        .match_indices("from=")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || matches!(lower.as_bytes()[i - 1], b',' | b'='))
    else {
        return span;
    };
    let start = at + "from=".len();
    let end = text[start..].find(',').map_or(text.len(), |e| start + e);
    Span::new(span.start + start, span.start + end)
}
