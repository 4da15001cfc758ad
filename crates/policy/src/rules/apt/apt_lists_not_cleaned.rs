use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{any_covers, cache_targets, image_stages, stage_run_scripts};

declare_rule! {
    /// ## What it does
    /// Checks that a RUN which runs `apt-get update` (or `apt update`) also deletes the package
    /// lists, `rm -rf /var/lib/apt/lists/*`, unless `/var/lib/apt/lists` (or `/var/lib/apt`) is on
    /// a `--mount=type=cache`.
    ///
    /// Like hadolint, only stages whose files end up in the image are checked: the final stage
    /// and the stages it is built `FROM`. A builder stage that is only copied from may keep its
    /// lists. Unlike hadolint, `apt update` counts as well as `apt-get update`, and a cache mount
    /// on `/var/lib/apt` alone is enough (it holds the lists; hadolint also wants
    /// `/var/cache/apt`, which `missing-cache-mount` asks for).
    ///
    /// ## Why is this bad?
    /// The lists are tens of megabytes that are useless at run time and stale by the next build.
    /// Deleting them in a later RUN does not help: the layer that wrote them keeps them. Seed 003
    /// ends every install with `rm -rf /var/lib/apt/lists/*`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - Seed: `003_37cda6fe4f0eb3cb.txt`
    /// - [hadolint DL3009](https://github.com/hadolint/hadolint/wiki/DL3009)
    pub static RULE = {
        code: "BL1108",
        name: "apt-lists-not-cleaned",
        severity: Info,
        tags: ["size"],
        aliases: ["DL3009"],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in image_stages(ctx) {
        for run in stage_run_scripts(ctx, stage) {
            let commands = &run.script.script.commands;
            let Some(update) = commands
                .iter()
                .find(|c| c.invokes(&["apt-get", "update"]) || c.invokes(&["apt", "update"]))
            else {
                continue;
            };
            let cleans = commands.iter().any(|c| {
                c.program() == Some("rm")
                    && c.args()
                        .iter()
                        .any(|w| w.as_str().trim_end_matches(['*', '/']) == "/var/lib/apt/lists")
            });
            if cleans {
                continue;
            }
            // Other scripts of the same RUN (a heredoc body) may clean.
            let cleans_elsewhere = ctx.model.scripts(run.index).iter().any(|s| {
                s.script.commands.iter().any(|c| {
                    c.program() == Some("rm")
                        && c.args()
                            .iter()
                            .any(|w| w.as_str().starts_with("/var/lib/apt/lists"))
                })
            });
            if cleans_elsewhere {
                continue;
            }
            let targets = cache_targets(ctx, run.index, run.ins);
            if any_covers(&targets, "/var/lib/apt/lists") {
                continue;
            }
            out.report(
                &RULE,
                run.script.span(&update.span),
                "the apt package lists downloaded here stay in the image",
            )
            .help("end the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount them: `--mount=type=cache,target=/var/lib/apt,sharing=locked`");
        }
    }
}
