use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, Keyword};
use crate::dockerfile::model::{Base, CopySource};
use crate::engine::Diagnostics;
use crate::rules::binaries::{
    copy_paths, image_kind, stage_builds, stage_chain, BinaryKind, ImageKind,
};
use crate::rules::support::instruction_head;
use crate::rules::toolchain::{package_name, stage_run_scripts, system_packages};

declare_rule! {
    /// ## What it does
    /// Checks the final stage of a multi-stage build that copies a compiled binary out of an
    /// earlier stage (`COPY --from=<stage>`) and runs it on a full distribution: `alpine`,
    /// `debian`/`ubuntu` (slim or not), `fedora`/`centos`-like images, or the `golang`/`rust`
    /// build images themselves.
    ///
    /// The binary is recognised from the stage it is copied from (or a stage that one is built
    /// `FROM`):
    /// - a Go binary built with `CGO_ENABLED=0` (an `ENV`, or an assignment prefix such as
    ///   `RUN CGO_ENABLED=0 go build -o /out/server .`): the copied path is the `-o` output, a
    ///   directory holding it, or where a later `cp`/`mv` put it; `go install` puts it in
    ///   `/go/bin` (`GOBIN`);
    /// - a Rust binary from `cargo build --release` (a path under `target/.../release/` or
    ///   `CARGO_TARGET_DIR`, or where a later `cp`/`mv` put it) or `cargo install` (in
    ///   `/usr/local/cargo/bin`, `--root <dir>/bin`).
    ///
    /// A final stage that installs packages other than `ca-certificates` and `tzdata` (which the
    /// distroless images already have), or that starts through a shell (a shell-form `CMD` or
    /// `ENTRYPOINT`, an `entrypoint.sh`), is left alone: it needs the distribution, which is
    /// seed 001's own trade-off ("some services must stay on debian-slim").
    ///
    /// ## Why is this bad?
    /// A statically linked Go binary needs nothing from the image but certificates and time
    /// zones; a Rust binary needs only libc. A distribution around them adds a shell, a package
    /// manager and tens of megabytes of packages that scanners report CVEs for, and that an
    /// attacker can use. Seed `001_44158710fcc909dd.txt` moved its Go and Rust services from
    /// `alpine:latest` to distroless: `gcr.io/distroless/static-debian12:nonroot` (~2 MB) for
    /// `CGO_ENABLED=0` Go binaries, `gcr.io/distroless/cc-debian12:nonroot` (~20 MB) for Rust
    /// binaries linked against glibc, with `USER nonroot:nonroot` preset and an exec-form
    /// `ENTRYPOINT` (there is no shell). A Rust binary built for a `*-musl` target is static and
    /// goes on `static-debian12` as well.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /out/server .
    ///
    /// FROM alpine:3.21
    /// COPY --from=build /out/server /server
    /// USER 65532
    /// ENTRYPOINT ["/server"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /out/server .
    ///
    /// FROM gcr.io/distroless/static-debian12:nonroot
    /// COPY --from=build /out/server /server
    /// USER nonroot:nonroot
    /// ENTRYPOINT ["/server"]
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`
    /// - [Distroless container images](https://github.com/GoogleContainerTools/distroless)
    pub static RULE = {
        code: "BL1400",
        name: "heavy-runtime-base",
        severity: Warning,
        tags: ["size", "security"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

/// Packages the distroless images already provide.
const PROVIDED: &[&str] = &["ca-certificates", "tzdata"];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let Some(final_stage) = ctx.model.final_stage() else {
        return;
    };
    let chain = stage_chain(ctx, final_stage);
    let Some(root) = chain.last() else { return };
    let Base::Image(image) = &root.base else {
        return;
    };
    let heavy = match image_kind(&root.base) {
        ImageKind::Alpine | ImageKind::Slim | ImageKind::DebianOrUbuntu | ImageKind::RpmDistro => {
            true
        }
        ImageKind::BuildpackDeps => {
            matches!(image.name(), "golang" | "rust" | "buildpack-deps")
        }
        _ => false,
    };
    if !heavy {
        return;
    }
    let needs_distro = chain.iter().any(|stage| {
        stage_run_scripts(ctx, stage).any(|run| {
            run.script
                .script
                .commands
                .iter()
                .filter_map(system_packages)
                .any(|(packages, removing)| {
                    !removing
                        && packages
                            .iter()
                            .any(|p| !PROVIDED.contains(&package_name(p.as_str())))
                })
        })
    });
    // A shell-form CMD/ENTRYPOINT or a shell script as entry point needs a shell.
    let needs_shell = chain.iter().any(|stage| {
        stage.instructions(ctx.ast).any(|(_, ins)| {
            if !matches!(ins.keyword, Keyword::Cmd | Keyword::Entrypoint) {
                return false;
            }
            match &ins.args {
                Args::Command(CommandForm::Shell(_)) => true,
                Args::Command(CommandForm::Exec { args, .. }) => args.first().is_some_and(|a| {
                    let program = a.value.rsplit('/').next().unwrap_or("");
                    program.ends_with(".sh") || matches!(program, "sh" | "bash" | "ash")
                }),
                _ => false,
            }
        })
    });
    if needs_distro || needs_shell {
        return;
    }
    for stage in chain.iter().rev() {
        for edge in ctx
            .model
            .copy_edges
            .iter()
            .filter(|e| e.stage == stage.index)
        {
            let CopySource::Stage(from) = edge.source else {
                continue;
            };
            let ins = &ctx.ast.instructions[edge.instruction];
            let Some((sources, _)) = copy_paths(ins) else {
                continue;
            };
            let builds = stage_builds(ctx, &ctx.model.stages[from]);
            let found = sources.iter().find_map(|source| {
                let path = ctx.model.expand_at(edge.instruction, &source.value).value;
                builds.iter().find(|b| b.is_copied_by(&path))
            });
            let Some(build) = found else { continue };
            let (what, runtime) = match build.kind {
                BinaryKind::StaticGo => (
                    "a statically linked Go binary",
                    "gcr.io/distroless/static-debian12:nonroot",
                ),
                BinaryKind::Rust { musl: true } => (
                    "a statically linked Rust binary",
                    "gcr.io/distroless/static-debian12:nonroot",
                ),
                BinaryKind::Rust { musl: false } => {
                    ("a Rust binary", "gcr.io/distroless/cc-debian12:nonroot")
                }
            };
            let from_name = ctx.model.stages[from]
                .name
                .clone()
                .unwrap_or_else(|| from.to_string());
            out.report(
                &RULE,
                root.base_span,
                format!(
                    "the final stage runs {what} on `{}`, a full distribution it does not need",
                    root.base_text
                ),
            )
            .help(format!(
                "use `FROM {runtime}` for the final stage, with `USER nonroot:nonroot` and an exec-form `ENTRYPOINT [\"/path/to/binary\"]` (there is no shell)"
            ))
            .related(
                instruction_head(ctx, ins),
                format!("the binary is copied from stage `{from_name}` here"),
            );
            return;
        }
    }
}
