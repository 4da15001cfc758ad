use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;
use crate::rules::support::instruction_head;
use crate::rules::toolchain::stage_run_scripts;
use crate::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for the whole build context copied (`COPY . .`, `COPY . /app`, `ADD . .`) before a
    /// dependency install step of the same stage: `npm ci`/`npm install`, `yarn install`,
    /// `pnpm install`, `bun install`, `pip install -r`, `uv sync`, `poetry install`,
    /// `go mod download`, `cargo build`/`cargo fetch`, `bundle install`, `composer install`.
    ///
    /// An install after `COPY . .` is fine when the same tool already installed the
    /// dependencies before the copy (the second run only adds the project itself).
    ///
    /// ## Why is this bad?
    /// A layer is rebuilt when anything it copies changes. With the whole source copied first,
    /// editing one line of code invalidates the install layer and every dependency is
    /// downloaded and built again: minutes per build instead of seconds. Copying only the
    /// manifests and lock files first keeps the install layer cached until the dependencies
    /// change. Seed 001 does this for Cargo (`Cargo.toml`/`Cargo.lock` first), seed 002 for
    /// Elixir (`mix.exs`/`mix.lock`), seed 003 for `requirements.txt`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`, `002_819fc9e3d62a5817.txt`, `003_37cda6fe4f0eb3cb.txt`
    /// - [Docker: Optimize cache usage, order your layers](https://docs.docker.com/build/cache/optimize/#order-your-layers)
    pub static RULE = {
        code: "BL1105",
        name: "copy-before-install",
        severity: Warning,
        tags: ["speed", "cache"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt", "002_819fc9e3d62a5817.txt", "003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

/// The tool and the files to copy first when `command` installs dependencies.
fn dependency_install(command: &Command) -> Option<(&'static str, &'static str)> {
    let tool = command.tool()?;
    let sub = tool.subcommand();
    let is = |names: &[&str]| sub.is_some_and(|s| names.contains(&s));
    Some(match tool.name {
        "npm" if is(&["ci", "install", "i"]) && tool.positional_args().nth(1).is_none() => {
            ("npm", "package.json package-lock.json")
        }
        "yarn" if sub.is_none() || is(&["install"]) => ("yarn", "package.json yarn.lock"),
        "pnpm" if is(&["install", "i"]) => ("pnpm", "package.json pnpm-lock.yaml"),
        "bun" if is(&["install", "i"]) => ("bun", "package.json bun.lock"),
        "pip" if is(&["install"]) && tool.has_flag(Some('r'), Some("requirement")) => {
            ("pip", "requirements.txt")
        }
        "uv" if is(&["sync"]) => ("uv", "pyproject.toml uv.lock"),
        "uv" if command.invokes(&["uv", "pip", "install"])
            && tool.has_flag(Some('r'), Some("requirement")) =>
        {
            ("uv", "requirements.txt")
        }
        "poetry" if is(&["install"]) => ("poetry", "pyproject.toml poetry.lock"),
        "go" if command.invokes(&["go", "mod", "download"]) => ("go", "go.mod go.sum"),
        "cargo" if is(&["build", "fetch"]) => ("cargo", "Cargo.toml Cargo.lock"),
        "bundle" if is(&["install"]) || sub.is_none() => ("bundle", "Gemfile Gemfile.lock"),
        "composer" if is(&["install"]) => ("composer", "composer.json composer.lock"),
        _ => return None,
    })
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        // The first COPY/ADD of the whole context in this stage.
        let whole_copy = stage.instructions(ctx.ast).find(|(_, ins)| {
            matches!(ins.keyword, Keyword::Copy | Keyword::Add)
                && ins.flag("from").is_none()
                && match &ins.args {
                    Args::Copy { paths, .. } => paths.split_last().is_some_and(|(_, sources)| {
                        sources
                            .iter()
                            .any(|p| matches!(p.value.as_str(), "." | "./"))
                    }),
                    _ => false,
                }
        });
        let Some((copy_index, copy)) = whole_copy else {
            continue;
        };
        let mut installed_before: Vec<&str> = Vec::new();
        for run in stage_run_scripts(ctx, stage) {
            for command in &run.script.script.commands {
                let Some((tool, manifests)) = dependency_install(command) else {
                    continue;
                };
                if run.index < copy_index {
                    installed_before.push(tool);
                    continue;
                }
                if installed_before.contains(&tool) {
                    continue;
                }
                // One finding per tool is enough.
                installed_before.push(tool);
                out.report(
                    &RULE,
                    run.script.span(&command.span),
                    format!("`{tool}` installs dependencies after the whole build context is copied, so every source edit re-runs it"),
                )
                .help(format!(
                    "copy the manifests first (`COPY {manifests} ./`), install, then `COPY . .`"
                ))
                .related(instruction_head(ctx, copy), "the whole context is copied here");
            }
        }
    }
}
