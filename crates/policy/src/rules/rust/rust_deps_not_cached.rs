use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::dockerfile::model::CopySource;
use crate::engine::Diagnostics;
use crate::rules::binaries::{copy_paths, stage_chain};
use crate::rules::run_commands::commands_of;
use crate::rules::support::instruction_head;
use crate::rules::toolchain::{any_covers, cache_targets, env_value, stage_run_scripts};
use crate::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks `cargo build` run after the whole source tree is copied (`COPY . .`, `COPY ./ /app`)
    /// when nothing keeps the compiled dependencies between builds:
    /// - no dependency-only layer before that copy: `Cargo.toml`/`Cargo.lock` copied on their
    ///   own and built (`cargo build` on a stub `src/main.rs`), or cargo-chef's `cargo chef cook`
    ///   (in the stage, or in a stage it copies from or is built on);
    /// - and not both cache mounts on the `cargo build`: the registry
    ///   (`/usr/local/cargo/registry`, `~/.cargo/registry` or `$CARGO_HOME/registry`) and the
    ///   target directory (a mount ending in `/target`, or `$CARGO_TARGET_DIR`).
    ///
    /// ## Why is this bad?
    /// `COPY . .` changes with every edit of any source file, so the layer cache of the
    /// `cargo build` after it is lost on every commit, and cargo downloads and compiles every
    /// crate of the dependency tree again: minutes of CI time for a one-line change. Seed
    /// `001_44158710fcc909dd.txt` fixed this in its Rust services by copying `Cargo.toml` and
    /// `Cargo.lock` first and building the dependencies against a stub `main.rs` in their own
    /// layer, which is reused until the manifests change. Cache mounts on the registry and
    /// `target/` are the other way to keep that work.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM rust:1.83 AS build
    /// WORKDIR /app
    /// COPY . .
    /// RUN cargo build --release
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM rust:1.83 AS build
    /// WORKDIR /app
    /// COPY Cargo.toml Cargo.lock ./
    /// RUN mkdir src && echo "fn main() {}" > src/main.rs && \
    ///     cargo build --release && \
    ///     rm -rf src
    /// COPY . .
    /// RUN cargo build --release
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`
    /// - [cargo-chef](https://github.com/LukeMathWalker/cargo-chef)
    /// - [Docker: Optimize cache usage, cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub static RULE = {
        code: "BL1402",
        name: "rust-deps-not-cached",
        severity: Warning,
        tags: ["speed", "cache"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

fn builds_deps(command: &Command) -> bool {
    command.invokes(&["cargo", "build"]) || command.invokes(&["cargo", "chef", "cook"])
}

/// Whether a stage (or one it is built on) runs `cargo chef cook`.
fn cooks(ctx: &DockerfileContext, stage: usize) -> bool {
    stage_chain(ctx, &ctx.model.stages[stage])
        .into_iter()
        .any(|s| {
            stage_run_scripts(ctx, s).any(|run| {
                run.script
                    .script
                    .commands
                    .iter()
                    .any(|c| c.invokes(&["cargo", "chef", "cook"]))
            })
        })
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        let mut chain = stage_chain(ctx, stage);
        chain.reverse();
        let mut manifests = false;
        let mut dep_layer = false;
        let mut whole_copy = None;
        'stage: for s in chain {
            for (index, ins) in s.instructions(ctx.ast) {
                match ins.keyword {
                    Keyword::Copy | Keyword::Add => {
                        let Some((sources, _)) = copy_paths(ins) else {
                            continue;
                        };
                        if ins.flag("from").is_some() {
                            let cooked = ctx.model.copy_edges.iter().any(|e| {
                                e.instruction == index
                                    && matches!(e.source, CopySource::Stage(from) if cooks(ctx, from))
                            });
                            dep_layer |= cooked;
                            continue;
                        }
                        let names: Vec<&str> = sources
                            .iter()
                            .map(|w| w.value.trim_end_matches('/'))
                            .collect();
                        if names.iter().any(|n| *n == "." || n.is_empty()) {
                            whole_copy.get_or_insert(index);
                        } else if names
                            .iter()
                            .any(|n| n.ends_with("Cargo.toml") || n.ends_with("Cargo.lock"))
                        {
                            manifests = true;
                        }
                    }
                    Keyword::Run => {
                        for run in commands_of(ctx, index, ins) {
                            let command = run.command;
                            if whole_copy.is_none() {
                                if command.invokes(&["cargo", "chef", "cook"])
                                    || (manifests && builds_deps(command))
                                {
                                    dep_layer = true;
                                }
                                continue;
                            }
                            if dep_layer
                                || s.index != stage.index
                                || !command.invokes(&["cargo", "build"])
                            {
                                continue;
                            }
                            let targets = cache_targets(ctx, index, ins);
                            let cargo_home =
                                env_value(ctx, index, run.script, command, "CARGO_HOME")
                                    .filter(|h| !h.is_empty())
                                    .map(|h| format!("{}/registry", h.trim_end_matches('/')));
                            let registry = any_covers(&targets, "/usr/local/cargo/registry")
                                || any_covers(&targets, "~/.cargo/registry")
                                || cargo_home.is_some_and(|r| any_covers(&targets, &r));
                            let target_dir =
                                env_value(ctx, index, run.script, command, "CARGO_TARGET_DIR")
                                    .filter(|d| !d.is_empty());
                            let target = targets
                                .iter()
                                .any(|t| t == "target" || t.ends_with("/target"))
                                || target_dir.is_some_and(|d| any_covers(&targets, &d));
                            if registry && target {
                                continue;
                            }
                            let Some(tool) = command.tool() else { continue };
                            let Some(build) = tool.positional_args().next() else {
                                continue;
                            };
                            let start = run
                                .program_word()
                                .map_or(build.span.start, |w| w.span.start);
                            let span = run.script.span(&(start..build.span.end));
                            let copy = whole_copy.unwrap_or(index);
                            out.report(
                                &RULE,
                                span,
                                "`cargo build` runs after the whole source is copied, so every source change rebuilds all dependencies",
                            )
                            .help("before `COPY . .`, copy only the manifests and build the dependencies: `COPY Cargo.toml Cargo.lock ./` and `RUN mkdir src && echo \"fn main() {}\" > src/main.rs && cargo build --release && rm -rf src` (or cargo-chef's `cargo chef cook --release`); or mount caches on this RUN: `--mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/app/target`, copying the binary out of `target/` in the same RUN")
                            .related(
                                instruction_head(ctx, &ctx.ast.instructions[copy]),
                                "the whole source is copied here",
                            );
                            break 'stage;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
