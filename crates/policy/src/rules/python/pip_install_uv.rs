use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{package_name, run_scripts};

declare_rule! {
    /// ## What it does
    /// Checks for `pip install uv` (any spelling: `pip3`, `python -m pip`, `pipx install uv`).
    ///
    /// ## Why is this bad?
    /// Installing uv with pip pulls pip's resolver, a download and a wheel install into a layer
    /// of the image, and the uv version floats with whatever the index serves that day. uv
    /// publishes a static binary in a container image: copying it is faster, smaller and pinned.
    /// Seed 001 replaces every `pip install uv` with
    /// `COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir uv
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// ```
    ///
    /// ## References
    /// - Seed: `001_44158710fcc909dd.txt`
    /// - [uv: Using uv in Docker](https://docs.astral.sh/uv/guides/integration/docker/)
    pub static RULE = {
        code: "BL1101",
        name: "pip-install-uv",
        severity: Warning,
        tags: ["speed", "size", "reproducibility"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_scripts(ctx) {
        for command in &run.script.script.commands {
            if !command.invokes(&["pip", "install"]) && !command.invokes(&["pipx", "install"]) {
                continue;
            }
            let uv = command
                .positional_args()
                .skip(1)
                .find(|w| package_name(w.as_str()).eq_ignore_ascii_case("uv"));
            let Some(uv) = uv else { continue };
            out.report(
                &RULE,
                run.script.span(&uv.span),
                "uv is installed with pip instead of copied from its image",
            )
            .help("copy the pinned binaries instead: `COPY --from=ghcr.io/astral-sh/uv:<version> /uv /uvx /bin/`");
        }
    }
}
