use super::common::{parse_platform, platform_flags, stage_name_word, var_refs};
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `FROM --platform=` flags set to a constant such as `linux/amd64`, unless the stage
    /// name says which platform it is for (`AS build-amd64`).
    ///
    /// ## Why is this bad?
    /// A constant platform pins the stage to one architecture whatever `docker build --platform`
    /// asks for: a multi-platform build then ships amd64 binaries in the arm64 image, or runs
    /// everything under emulation. Use `--platform=$BUILDPLATFORM` for stages that cross-compile
    /// on the build machine, or leave the flag out so the requested platform applies.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.23 AS build
    /// ARG TARGETOS TARGETARCH
    /// RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
    /// ```
    ///
    /// ## References
    /// - [FromPlatformFlagConstDisallowed](https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/)
    /// - [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    pub static RULE = {
        code: "BL1306",
        name: "from-platform-flag-const-disallowed",
        severity: Warning,
        tags: ["correctness", "reproducibility"],
        aliases: ["FromPlatformFlagConstDisallowed"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (stage, flag, value) in platform_flags(ctx) {
        if !var_refs(value, ctx.ast.escape).is_empty() || value.contains('$') {
            continue;
        }
        let Some((os, arch)) = parse_platform(value) else {
            continue;
        };
        let name = stage_name_word(ctx, stage).map_or("", |w| w.value.as_str());
        if name.contains(&os) || name.contains(&arch) {
            continue;
        }
        out.report(
            &RULE,
            flag.span,
            format!("FROM --platform flag should not use constant value \"{value}\""),
        )
        .help("use `--platform=$BUILDPLATFORM` for a stage that cross-compiles, or drop the flag so `docker build --platform` applies");
    }
}
