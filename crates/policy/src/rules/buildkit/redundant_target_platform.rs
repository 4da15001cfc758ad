use super::common::platform_flags;
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform unless told otherwise, so the flag changes
    /// nothing. It is usually written by someone who meant `$BUILDPLATFORM` (run this stage on
    /// the build machine, to cross-compile), which is worth checking. The fix removes the flag.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.21
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// ```
    ///
    /// ## References
    /// - [RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    /// - [hadolint DL3065](https://github.com/hadolint/hadolint/wiki/DL3065)
    pub static RULE = {
        code: "BL1315",
        name: "redundant-target-platform",
        severity: Info,
        tags: ["maintainability"],
        aliases: ["RedundantTargetPlatform", "DL3065"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (_, flag, value) in platform_flags(ctx) {
        if !is_target_platform(value.trim_matches('"')) {
            continue;
        }
        // Remove the flag and the blanks after it.
        let rest = &ctx.source[flag.span.end..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let removal = Span::new(flag.span.start, flag.span.end + blanks);
        out.report(
            &RULE,
            flag.span,
            format!("Setting platform to predefined {value} in FROM is redundant as this is the default behavior"),
        )
        .help("remove the flag, or use `--platform=$BUILDPLATFORM` if this stage should run on the build machine")
        .fix("Remove `--platform`", vec![(removal, String::new())]);
    }
}

fn is_target_platform(value: &str) -> bool {
    if value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}" {
        return true;
    }
    // `${TARGETPLATFORM:-...}`: TARGETPLATFORM is always set, so the default never applies.
    ["${TARGETPLATFORM:-", "${TARGETPLATFORM-"]
        .iter()
        .any(|p| value.starts_with(p) && value.ends_with('}') && !value[p.len()..].contains('$'))
}
