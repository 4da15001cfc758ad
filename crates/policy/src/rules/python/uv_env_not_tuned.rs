use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{env_value, stage_run_scripts, truthy};

declare_rule! {
    /// ## What it does
    /// Checks stages that install Python packages with uv (`uv sync`, `uv pip install`) for
    /// the two settings seed 001 gives uv in images: `UV_COMPILE_BYTECODE=1` and
    /// `UV_LINK_MODE=copy`. An `ENV` (also inherited from a parent stage), an assignment prefix
    /// (`UV_LINK_MODE=copy uv sync`), an `export`, or the flags `--compile-bytecode` and
    /// `--link-mode copy` (`--link-mode=copy`) count. The first uv command of a stage that
    /// misses either is reported.
    ///
    /// ## Why is this bad?
    /// - Without bytecode compilation, uv installs only `.py` files and Python compiles them
    ///   at the first import of every module, in every new container: slower start-up, and the
    ///   `.pyc` files written at run time are lost with the container (or never written at all
    ///   on a read-only file system, so every start pays again).
    /// - uv hard-links files from its cache into the environment. With the cache on a BuildKit
    ///   cache mount, a different file system, hard links are impossible: uv warns on every
    ///   build and falls back to copying. `UV_LINK_MODE=copy` asks for the copy, so the
    ///   build is quiet and does the same with or without the mount.
    ///
    /// Seed `001_44158710fcc909dd.txt` sets both for its Python services:
    /// `ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy` before
    /// `RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev`. The rule is
    /// `info`: both are tuning, not errors.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// COPY pyproject.toml uv.lock ./
    /// RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
    /// COPY pyproject.toml uv.lock ./
    /// RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`
    /// - [uv: Using uv in Docker, compiling bytecode](https://docs.astral.sh/uv/guides/integration/docker/#compiling-bytecode)
    /// - [uv: Using uv in Docker, caching](https://docs.astral.sh/uv/guides/integration/docker/#caching)
    pub static RULE = {
        code: "BL1406",
        name: "uv-env-not-tuned",
        severity: Info,
        tags: ["speed"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        'stage: for run in stage_run_scripts(ctx, stage) {
            for command in &run.script.script.commands {
                if !(command.invokes(&["uv", "sync"]) || command.invokes(&["uv", "pip", "install"]))
                {
                    continue;
                }
                let env = |name: &str| env_value(ctx, run.index, run.script, command, name);
                let bytecode = command.has_flag(None, Some("compile-bytecode"))
                    || command.has_flag(None, Some("compile"))
                    || env("UV_COMPILE_BYTECODE").is_some_and(|v| truthy(&v));
                let copy = command.option_value(None, Some("link-mode")) == Some("copy")
                    || env("UV_LINK_MODE").is_some_and(|v| v.trim_matches(['"', '\'']) == "copy");
                let mut missing = Vec::new();
                if !bytecode {
                    missing.push("UV_COMPILE_BYTECODE=1");
                }
                if !copy {
                    missing.push("UV_LINK_MODE=copy");
                }
                if missing.is_empty() {
                    continue;
                }
                let program = command.program_index().and_then(|i| command.words.get(i));
                let start = program.map_or(command.span.start, |w| w.span.start);
                let mut positional = command.positional_args();
                let end = match positional.next() {
                    Some(w) if w.as_str() == "pip" => positional.next().unwrap_or(w).span.end,
                    Some(w) => w.span.end,
                    None => command.span.end,
                };
                out.report(
                    &RULE,
                    run.script.span(&(start..end)),
                    format!("uv installs here without `{}`", missing.join("` and `")),
                )
                .help(format!(
                    "add `ENV {}` before this RUN (as seed 001 does)",
                    missing.join(" ")
                ));
                break 'stage;
            }
        }
    }
}
