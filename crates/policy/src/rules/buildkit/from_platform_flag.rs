use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `FROM --platform=...` flags that do not use `$BUILDPLATFORM` or `$TARGETPLATFORM`:
    /// hadolint's DL3029, "do not use --platform with FROM".
    ///
    /// ## Why is this bad?
    /// A platform written into the Dockerfile overrides the one the build asks for, so the same
    /// Dockerfile cannot build images for other architectures. `from-platform-flag-const-disallowed`
    /// (BuildKit's check) reports the usual case, a constant platform in a stage not named for
    /// it; this rule is hadolint's broader version, which also reports platforms taken from
    /// other build arguments and stages named after their platform. It is informational: a
    /// stage that must run on one platform (a Windows-only tool, a vendor binary) is a fine
    /// reason to keep the flag and ignore this rule.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG PLATFORM=linux/arm64
    /// FROM --platform=$PLATFORM alpine:3.21
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM alpine:3.21
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3029](https://github.com/hadolint/hadolint/wiki/DL3029)
    /// - [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    pub static RULE = {
        code: "BL1307",
        name: "from-platform-flag",
        severity: Info,
        tags: ["reproducibility"],
        aliases: ["DL3029"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in ctx
        .ast
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::From)
    {
        let Some(flag) = ins.flag("platform") else {
            continue;
        };
        let value = flag.value.as_deref().unwrap_or("");
        if value.contains("BUILDPLATFORM") || value.contains("TARGETPLATFORM") {
            continue;
        }
        out.report(&RULE, flag.span, "Do not use --platform flag with FROM")
            .help("let `docker build --platform` choose, or use `--platform=$BUILDPLATFORM` for stages that cross-compile");
    }
}
