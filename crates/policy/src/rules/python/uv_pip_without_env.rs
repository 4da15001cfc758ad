use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{env_value, stage_run_scripts};
use crate::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks `uv pip install` (and `uv pip sync`) in a stage where uv has no environment to
    /// install into: no virtual environment was created earlier in the stage (`uv venv`,
    /// `uv sync`, `python -m venv`, `virtualenv`), the command has no `--system`, `--python`,
    /// `--target` or `--prefix`, and neither `UV_SYSTEM_PYTHON` nor `VIRTUAL_ENV` is set (by ENV,
    /// including ENV inherited from a parent stage, or as a prefix of the command).
    ///
    /// ## Why is this bad?
    /// Unlike pip, `uv pip install` refuses to touch a Python that is not in a virtual
    /// environment: the build stops with `No virtual environment found`. Seed 000 found this in
    /// `recap-subworker`: the fix is to create the environment with `uv venv` (and put its `bin`
    /// on `PATH`) or to say `--system` on purpose.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// COPY requirements.txt .
    /// RUN uv pip install --no-cache -r requirements.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// COPY requirements.txt .
    /// RUN uv venv /opt/venv
    /// ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH
    /// RUN uv pip install --no-cache -r requirements.txt
    /// ```
    ///
    /// ## References
    /// - Seed: `000_4342dac09d359873.txt`
    /// - [uv: Using environments](https://docs.astral.sh/uv/pip/environments/)
    pub static RULE = {
        code: "BL1103",
        name: "uv-pip-without-env",
        severity: Error,
        tags: ["correctness"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt"],
        check: Dockerfile(check),
    }
}

/// Whether the command creates a virtual environment.
fn creates_venv(command: &Command) -> bool {
    command.invokes(&["uv", "venv"])
        || command.invokes(&["uv", "sync"])
        || command.invokes(&["venv"])
        || command.invokes(&["virtualenv"])
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        let mut venv = false;
        for run in stage_run_scripts(ctx, stage) {
            for command in &run.script.script.commands {
                if creates_venv(command) {
                    venv = true;
                    continue;
                }
                let installs = command.invokes(&["uv", "pip", "install"])
                    || command.invokes(&["uv", "pip", "sync"]);
                if !installs || venv {
                    continue;
                }
                let targeted = [
                    (None, Some("system")),
                    (Some('p'), Some("python")),
                    (Some('t'), Some("target")),
                    (None, Some("prefix")),
                ]
                .iter()
                .any(|&(short, long)| command.has_flag(short, long));
                if targeted {
                    continue;
                }
                let env = ["UV_SYSTEM_PYTHON", "VIRTUAL_ENV", "UV_PYTHON"]
                    .iter()
                    .any(|name| env_value(ctx, run.index, run.script, command, name).is_some());
                if env {
                    continue;
                }
                out.report(
                    &RULE,
                    run.script.span(&command.span),
                    "`uv pip install` runs with no virtual environment, so uv refuses to install",
                )
                .help("create one first (`RUN uv venv /opt/venv` and `ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH`) or pass `--system` to install into the image's Python");
            }
        }
    }
}
