use crate::context::DockerfileContext;
use crate::dockerfile::model::Base;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{commands_of, has_cache_mount, runs};

declare_rule! {
    /// ## What it does
    /// Checks that a `RUN` with `yarn install` in a stage that ends up in an image (the final
    /// stage, or one another stage is built `FROM`) also runs `yarn cache clean`, unless it
    /// mounts a build cache on yarn's cache directory. Stages that are only copied from are
    /// left alone, as in hadolint.
    ///
    /// ## Why is this bad?
    /// yarn keeps a copy of every package it downloads in its global cache
    /// (`/usr/local/share/.cache/yarn`): tens or hundreds of megabytes in the layer, next to
    /// the very same files in `node_modules`. A BuildKit cache mount
    /// (`--mount=type=cache,target=/usr/local/share/.cache/yarn`) keeps it out of the image and
    /// speeds up rebuilds.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY package.json yarn.lock ./
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY package.json yarn.lock ./
    /// RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
    /// ```
    ///
    /// ## References
    /// - Seed: `000_4342dac09d359873.txt` (cache mounts for downloads)
    /// - [hadolint DL3060](https://github.com/hadolint/hadolint/wiki/DL3060)
    /// - [yarn cache](https://classic.yarnpkg.com/lang/en/docs/cli/cache/)
    pub static RULE = {
        code: "BL1227",
        name: "yarn-cache-not-cleaned",
        severity: Info,
        tags: ["size"],
        aliases: ["DL3060"],
        seeds: ["000_4342dac09d359873.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let stages = &ctx.model.stages;
    let in_an_image = |stage: usize| {
        stage + 1 == stages.len()
            || stages
                .iter()
                .any(|s| matches!(s.base, Base::Stage(parent) if parent == stage))
    };
    for (index, ins) in runs(ctx) {
        if !ctx
            .model
            .stage_of(index)
            .is_some_and(|s| in_an_image(s.index))
        {
            continue;
        }
        let commands: Vec<_> = commands_of(ctx, index, ins).collect();
        let Some((run, word)) = commands
            .iter()
            .find_map(|r| r.subcommand("yarn", &["install"]).map(|w| (r, w)))
        else {
            continue;
        };
        let cleaned = commands
            .iter()
            .any(|r| r.command.invokes(&["yarn", "cache", "clean"]));
        let mounted = ins.mounts().iter().any(|m| {
            matches!(m.kind(), "cache" | "tmpfs") && m.target().is_some_and(|t| t.contains("yarn"))
        }) || has_cache_mount(ins, &["/usr/local/share/.cache", "/root/.cache"]);
        if cleaned || mounted {
            continue;
        }
        out.report(
            &RULE,
            run.span(word),
            "`yarn install` leaves yarn's package cache in the layer",
        )
        .help("end the same RUN with `&& yarn cache clean`, or mount a cache: `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn ...`");
    }
}
