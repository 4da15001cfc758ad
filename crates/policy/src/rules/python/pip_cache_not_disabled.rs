use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{
    any_covers, cache_targets, env_value, image_stages, stage_run_scripts, truthy,
};

declare_rule! {
    /// ## What it does
    /// Checks `pip install` in the stages that make up the final image: pip keeps every
    /// downloaded wheel in `~/.cache/pip` unless told not to with `--no-cache-dir` or
    /// `PIP_NO_CACHE_DIR=1` (ENV or a prefix of the command), or the cache is on a
    /// `--mount=type=cache` (where it speeds up the next build and stays out of the image).
    ///
    /// ## Why is this bad?
    /// The cache is dead weight in the image: tens to hundreds of megabytes nobody will use at
    /// run time. Seed 003 sets `PIP_NO_CACHE_DIR=1` to keep the production image under 250 MB.
    ///
    /// Unlike hadolint, stages that only serve as a source for `COPY --from` are not checked:
    /// their cache never reaches the image. And a cache mount counts as a fix, so this rule and
    /// `missing-cache-mount` (which asks for such a mount) agree: either choice silences both.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt .
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## References
    /// - Seed: `003_37cda6fe4f0eb3cb.txt`
    /// - [hadolint DL3042](https://github.com/hadolint/hadolint/wiki/DL3042)
    pub static RULE = {
        code: "BL1109",
        name: "pip-cache-not-disabled",
        severity: Warning,
        tags: ["size"],
        aliases: ["DL3042"],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in image_stages(ctx) {
        for run in stage_run_scripts(ctx, stage) {
            let targets = cache_targets(ctx, run.index, run.ins);
            for command in &run.script.script.commands {
                if !command.invokes(&["pip", "install"])
                    || command.has_flag(None, Some("no-cache-dir"))
                {
                    continue;
                }
                let env = |name| env_value(ctx, run.index, run.script, command, name);
                if env("PIP_NO_CACHE_DIR").is_some_and(|v| truthy(&v) || v.is_empty()) {
                    continue;
                }
                let dir = env("PIP_CACHE_DIR")
                    .filter(|v| !v.is_empty())
                    .or_else(|| {
                        command
                            .option_value(None, Some("cache-dir"))
                            .map(str::to_string)
                    })
                    .unwrap_or_else(|| "~/.cache/pip".to_string());
                if any_covers(&targets, &dir) {
                    continue;
                }
                let span = run.script.span(&command.span);
                let finding = out.report(&RULE, span, "pip keeps its download cache in the image");
                finding.help("add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or mount the cache: `RUN --mount=type=cache,target=/root/.cache/pip ...`");
                if let Some(install) = command
                    .tool()
                    .and_then(|t| t.args.iter().find(|w| w.as_str() == "install"))
                {
                    if install.is_plain() {
                        let at = run.script.span(&install.span);
                        finding.fix(
                            "add `--no-cache-dir`",
                            vec![(
                                crate::span::Span::new(at.end, at.end),
                                " --no-cache-dir".to_string(),
                            )],
                        );
                    }
                }
            }
        }
    }
}
