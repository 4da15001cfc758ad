use super::labels;
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// With `strict-labels: true`, checks for labels that are not among the
    /// `required-labels`. Without `strict-labels` it reports nothing.
    ///
    /// ## Why is this bad?
    /// A team that fixes its label schema wants every label in it: an extra label is a typo
    /// of a required one or a convention nobody agreed on.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.source="https://example.com/api" team="payments"
    /// ```
    /// ```yaml .ballast.yaml
    /// required-labels: [org.opencontainers.image.source]
    /// strict-labels: true
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.source="https://example.com/api"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3050](https://github.com/hadolint/hadolint/wiki/DL3050)
    pub static RULE = {
        code: "BL1366",
        name: "label-superfluous",
        severity: Info,
        tags: ["maintainability"],
        aliases: ["DL3050"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    if !ctx.config.strict_labels {
        return;
    }
    let required = &ctx.config.required_labels;
    for (_, key, kv) in labels(ctx) {
        if required.iter().any(|r| r.name == key) {
            continue;
        }
        out.report(
            &RULE,
            kv.key.span,
            format!("label `{key}` is not in the required labels, and strict labels are on"),
        )
        .help("remove it, or add it to `required-labels`");
    }
}
