use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{env_value, run_scripts, truthy};

declare_rule! {
    /// ## What it does
    /// Checks that `uv sync` runs with `--frozen` or `--locked` (or `UV_FROZEN` / `UV_LOCKED`
    /// set).
    ///
    /// ## Why is this bad?
    /// A plain `uv sync` re-resolves the project when `uv.lock` is missing or stale and writes a
    /// new lock inside the image: the image then contains dependency versions nobody reviewed,
    /// and two builds of the same commit can differ. `--locked` fails the build when the lock is
    /// out of date; `--frozen` installs exactly what the lock says without checking it. Seed 001
    /// uses `uv sync --frozen --no-dev`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// COPY pyproject.toml uv.lock ./
    /// RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-dev
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// COPY pyproject.toml uv.lock ./
    /// RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
    /// ```
    ///
    /// ## References
    /// - Seed: `001_44158710fcc909dd.txt`
    /// - [uv: Locking and syncing](https://docs.astral.sh/uv/concepts/projects/sync/)
    pub static RULE = {
        code: "BL1102",
        name: "uv-sync-unlocked",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_scripts(ctx) {
        for command in &run.script.script.commands {
            if !command.invokes(&["uv", "sync"]) {
                continue;
            }
            if command.has_flag(None, Some("frozen")) || command.has_flag(None, Some("locked")) {
                continue;
            }
            let env_set = ["UV_FROZEN", "UV_LOCKED"].iter().any(|name| {
                env_value(ctx, run.index, run.script, command, name).is_some_and(|v| truthy(&v))
            });
            if env_set {
                continue;
            }
            out.report(
                &RULE,
                run.script.span(&command.span),
                "`uv sync` may re-resolve dependencies instead of installing the locked ones",
            )
            .help(
                "add `--locked` (fail when uv.lock is stale) or `--frozen` (install uv.lock as is)",
            );
        }
    }
}
