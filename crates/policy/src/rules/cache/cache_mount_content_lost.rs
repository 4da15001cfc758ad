use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::dockerfile::model::{CopySource, Stage, VariableKind};
use crate::engine::Diagnostics;
use crate::rules::binaries::{copy_paths, stage_chain};
use crate::rules::toolchain::{cache_targets, covers, stage_run_scripts};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks for a directory that is only ever a BuildKit cache mount
    /// (`RUN --mount=type=cache,target=<dir>`) and is later expected to be part of the image:
    /// - copied out of that stage: `COPY --from=<stage> <dir> ...` (or a path inside it);
    /// - or named as a model directory by an ENV of the final stage: `HF_HOME`, `HF_HUB_CACHE`,
    ///   `HUGGINGFACE_HUB_CACHE`, `TRANSFORMERS_CACHE`, `SENTENCE_TRANSFORMERS_HOME`,
    ///   `NLTK_DATA`, `TORCH_HOME`.
    ///
    /// Nothing is reported when the RUN with the mount copies the content out of it
    /// (`cp -r <dir> ...`, `mv`, `rsync`, `tar`), or when another instruction writes to the
    /// directory without a mount (a COPY into it, a RUN without the mount naming it, or, for
    /// the ENV case, a later RUN without the mount that runs Python or `huggingface-cli` and
    /// may download into it).
    ///
    /// ## Why is this bad?
    /// A cache mount is not part of any layer: BuildKit attaches it while the RUN runs and keeps
    /// it aside for the next build. What the RUN downloads into it is missing from the image,
    /// so `COPY --from` finds an empty (or missing) directory and the application finds no
    /// models at run time, downloads them again at every start, or fails offline. Seed
    /// `000_4342dac09d359873.txt` introduced cache mounts for its Hugging Face and NLTK
    /// downloads and copies the result out in the same RUN:
    /// `cp -r /tmp/hf_cache /root/.cache/huggingface && cp -r /tmp/nltk_cache /root/nltk_data`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir sentence-transformers
    /// ENV HF_HOME=/models/hf
    /// RUN --mount=type=cache,target=/models/hf \
    ///     python -c "from sentence_transformers import SentenceTransformer; SentenceTransformer('all-MiniLM-L6-v2')"
    /// CMD ["python", "-m", "app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir sentence-transformers
    /// RUN --mount=type=cache,target=/tmp/hf_cache \
    ///     HF_HOME=/tmp/hf_cache python -c "from sentence_transformers import SentenceTransformer; SentenceTransformer('all-MiniLM-L6-v2')" && \
    ///     cp -r /tmp/hf_cache /models/hf
    /// ENV HF_HOME=/models/hf
    /// CMD ["python", "-m", "app"]
    /// ```
    ///
    /// ## References
    /// - Seeds: `000_4342dac09d359873.txt`
    /// - [Dockerfile reference: RUN --mount=type=cache](https://docs.docker.com/reference/dockerfile/#run---mounttypecache)
    pub static RULE = {
        code: "BL1405",
        name: "cache-mount-content-lost",
        severity: Error,
        tags: ["correctness", "cache"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt"],
        check: Dockerfile(check),
    }
}

/// Variables naming a directory of models the application reads at run time.
const MODEL_VARS: &[&str] = &[
    "HF_HOME",
    "HF_HUB_CACHE",
    "HUGGINGFACE_HUB_CACHE",
    "TRANSFORMERS_CACHE",
    "SENTENCE_TRANSFORMERS_HOME",
    "NLTK_DATA",
    "TORCH_HOME",
];

/// A cache mount whose content never reaches a layer.
struct LostMount {
    target: String,
    span: Span,
}

/// A path as written in a command, without a trailing `/`, `/.` or `/*`.
fn clean(path: &str) -> &str {
    path.trim_end_matches(['*', '.'])
        .trim_end_matches('/')
        .trim_start_matches('"')
}

/// Whether `path` is `dir` or inside it.
fn inside(dir: &str, path: &str) -> bool {
    path.starts_with('/') && covers(dir, clean(path))
}

/// The cache mounts of `chain` (absolute targets) whose content no instruction takes out.
fn lost_mounts(ctx: &DockerfileContext, chain: &[&Stage]) -> Vec<LostMount> {
    let mut mounts = Vec::new();
    for stage in chain {
        for (index, ins) in stage.instructions(ctx.ast) {
            for mount in ins.mounts() {
                if !mount.kind().eq_ignore_ascii_case("cache") {
                    continue;
                }
                let Some(target) = mount.target() else {
                    continue;
                };
                let expanded = ctx.model.expand_at(index, target);
                let target = expanded.value.trim_end_matches('/').to_string();
                if !expanded.is_known() || !target.starts_with('/') || target.len() < 2 {
                    continue;
                }
                mounts.push((index, target, mount.span));
            }
        }
    }
    mounts.dedup_by(|a, b| a.1 == b.1);
    let mut lost = Vec::new();
    'mount: for (_, target, span) in mounts {
        for stage in chain {
            for (index, ins) in stage.instructions(ctx.ast) {
                if let Some((_, dest)) = copy_paths(ins) {
                    let dest = ctx.model.expand_at(index, &dest.value).value;
                    if inside(&target, &dest) {
                        continue 'mount;
                    }
                }
                if ins.keyword != Keyword::Run {
                    continue;
                }
                let mounted = ins.mounts().iter().any(|m| {
                    m.kind().eq_ignore_ascii_case("cache")
                        && m.target().is_some_and(|t| {
                            ctx.model.expand_at(index, t).value.trim_end_matches('/') == target
                        })
                });
                for script in ctx.model.scripts(index) {
                    if !script.script.complete {
                        continue 'mount;
                    }
                    for command in &script.script.commands {
                        let program = command.program();
                        let args: Vec<&crate::shell::Word> = command
                            .args()
                            .iter()
                            .filter(|w| !w.as_str().starts_with('-'))
                            .collect();
                        let value = |w: &crate::shell::Word| {
                            if w.has_expansion {
                                ctx.model.expand_at(index, &w.value).value
                            } else {
                                w.value.clone()
                            }
                        };
                        if mounted {
                            // Copied out in the same RUN.
                            let sources = match program {
                                Some("cp" | "mv" | "rsync") => {
                                    args.split_last().map_or(&[][..], |(_, s)| s)
                                }
                                Some("tar") => &args[..],
                                _ => &[][..],
                            };
                            if sources.iter().any(|w| {
                                let v = value(w);
                                v.contains('$') || inside(&target, &v)
                            }) {
                                continue 'mount;
                            }
                        } else if args.iter().any(|w| inside(&target, &value(w))) {
                            // Written without the mount: the content may well be in the layer.
                            continue 'mount;
                        }
                    }
                }
            }
        }
        lost.push(LostMount { target, span });
    }
    lost
}

/// Whether a RUN after instruction `after`, without a cache mount on `target`, runs Python or
/// the Hugging Face CLI: with the variable in effect it may download into the directory, and
/// then the content is in that layer.
fn downloads_without_mount(
    ctx: &DockerfileContext,
    chain: &[&Stage],
    after: usize,
    target: &str,
) -> bool {
    chain.iter().any(|stage| {
        stage_run_scripts(ctx, stage)
            .filter(|run| run.index > after)
            .filter(|run| {
                !cache_targets(ctx, run.index, run.ins)
                    .iter()
                    .any(|t| t == target)
            })
            .any(|run| {
                run.script.script.commands.iter().any(|c| {
                    c.tool()
                        .is_some_and(|t| matches!(t.name, "python" | "huggingface-cli" | "hf"))
                })
            })
    })
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    // Copied out of the stage with the mount.
    for edge in &ctx.model.copy_edges {
        let CopySource::Stage(from) = edge.source else {
            continue;
        };
        let ins = &ctx.ast.instructions[edge.instruction];
        let Some((sources, _)) = copy_paths(ins) else {
            continue;
        };
        let chain = stage_chain(ctx, &ctx.model.stages[from]);
        let lost = lost_mounts(ctx, &chain);
        for source in sources {
            let path = ctx.model.expand_at(edge.instruction, &source.value).value;
            let Some(mount) = lost.iter().find(|m| inside(&m.target, &path)) else {
                continue;
            };
            out.report(
                &RULE,
                source.span,
                format!(
                    "`{path}` is only ever a cache mount in stage `{}`, so this copies an empty directory",
                    ctx.model.stages[from].name.clone().unwrap_or_else(|| from.to_string())
                ),
            )
            .help(format!(
                "copy the content out inside the RUN that has the mount, e.g. `... && cp -r {} /opt/data`, and `COPY --from` that directory",
                mount.target
            ))
            .related(mount.span, "cache mounts are not part of the image");
        }
    }
    // Named as the model directory of the final image.
    let Some(final_stage) = ctx.model.final_stage() else {
        return;
    };
    let chain = stage_chain(ctx, final_stage);
    let lost = lost_mounts(ctx, &chain);
    if lost.is_empty() {
        return;
    }
    let mut seen: Vec<&str> = Vec::new();
    for var in final_stage.variables.iter().rev() {
        if var.kind != VariableKind::Env || !MODEL_VARS.contains(&var.name.as_str()) {
            continue;
        }
        if seen.contains(&var.name.as_str()) {
            continue;
        }
        seen.push(&var.name);
        let Some(value) = var.value.as_deref() else {
            continue;
        };
        let value = value.trim_matches(['"', '\'']);
        let Some(mount) = lost.iter().find(|m| inside(&m.target, value)) else {
            continue;
        };
        if downloads_without_mount(ctx, &chain, var.instruction, &mount.target) {
            continue;
        }
        out.report(
            &RULE,
            var.span,
            format!(
                "`{}` points at `{value}`, which is only ever a cache mount, so it is empty when the container runs",
                var.name
            ),
        )
        .help(format!(
            "mount the cache elsewhere and copy the content out in the same RUN, as seed 000 does: `RUN --mount=type=cache,target=/tmp/cache {}=/tmp/cache python ... && cp -r /tmp/cache {value}`",
            var.name
        ))
        .related(mount.span, "cache mounts are not part of the image");
    }
}
