use crate::context::DockerfileContext;
use crate::dockerfile::model::Base;
use crate::engine::Diagnostics;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

declare_rule! {
    /// ## What it does
    /// Checks that every `FROM` image matches one of the globs of `allowed-base-images`
    /// (`python:3.12-*`, `gcr.io/distroless/*`). With no `allowed-base-images` configured it
    /// reports nothing.
    ///
    /// ## Why is this bad?
    /// Teams standardise on a few base images they patch, scan and know; an image outside the
    /// list escapes that. Where `untrusted-base-image` vets the registry, this vets the image.
    ///
    /// The glob is matched against the reference as written, after build arguments are
    /// expanded; `*` does not cross `/`, `**` does. `scratch`, stage names and references
    /// whose build arguments are not known are not checked. hadolint has no such check.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// ```
    /// ```yaml .ballast.yaml
    /// allowed-base-images: ["python:3.12-*", "gcr.io/distroless/*"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// ## References
    /// - [globset syntax](https://docs.rs/globset/latest/globset/#syntax)
    pub static RULE = {
        code: "BL1363",
        name: "disallowed-base-image",
        severity: Error,
        tags: ["security", "maintainability"],
        aliases: [],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn matcher(patterns: &[String]) -> Option<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        // Invalid globs are reported when the configuration is read; skip them here.
        if let Ok(glob) = GlobBuilder::new(pattern).literal_separator(true).build() {
            builder.add(glob);
        }
    }
    builder.build().ok()
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let patterns = &ctx.config.allowed_base_images;
    if patterns.is_empty() {
        return;
    }
    let Some(allowed) = matcher(patterns) else {
        return;
    };
    for stage in &ctx.model.stages {
        if !matches!(stage.base, Base::Image(_)) || allowed.is_match(&stage.base_text) {
            continue;
        }
        out.report(
            &RULE,
            stage.base_span,
            format!(
                "`{}` is not one of the allowed base images",
                stage.base_text
            ),
        )
        .help(format!(
            "use an image matching `allowed-base-images` ({})",
            patterns.join(", ")
        ));
    }
}
