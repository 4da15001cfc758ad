use super::{copy_paths, path_text, with_triggers};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Instruction, Keyword};
use crate::dockerfile::model::{Base, Stage};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `COPY` instructions with a relative destination in a stage where no `WORKDIR`
    /// was set before, in the stage or in the stages it is built on.
    ///
    /// ## Why is this bad?
    /// A relative destination is relative to the working directory, which then is whatever the
    /// base image chose: `/` for most, something else for others, and it changes when the base
    /// image does. Files land somewhere the `CMD` does not look.
    ///
    /// A destination that starts with a variable (`$APP_HOME/`) is accepted, as in hadolint.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package.json .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// WORKDIR /app
    /// COPY package.json .
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3045](https://github.com/hadolint/hadolint/wiki/DL3045)
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub static RULE = {
        code: "BL1353",
        name: "copy-relative-without-workdir",
        severity: Warning,
        tags: ["correctness", "maintainability"],
        aliases: ["DL3045"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn is_absolute(dest: &str) -> bool {
    let bytes = dest.as_bytes();
    let windows = bytes.len() >= 3 && bytes[1] == b':' && (bytes[2] == b'\\' || bytes[2] == b'/');
    dest.starts_with('/') || dest.starts_with('$') || windows
}

/// Whether an instruction sets the working directory: `WORKDIR`, and for a trigger (an
/// `ONBUILD COPY`), `ONBUILD WORKDIR` too.
fn sets_workdir(ins: &Instruction, trigger: bool) -> bool {
    match &ins.args {
        Args::Onbuild(inner) => trigger && inner.keyword == Keyword::Workdir,
        _ => ins.keyword == Keyword::Workdir,
    }
}

/// Whether a WORKDIR comes before instruction `at` in the stage, or anywhere in its parents.
fn workdir_set(ctx: &DockerfileContext, stage: &Stage, at: usize, trigger: bool) -> bool {
    let mut stage = stage;
    let mut limit = at;
    loop {
        if stage
            .instructions(ctx.ast)
            .any(|(i, ins)| i < limit && sets_workdir(ins, trigger))
        {
            return true;
        }
        match stage.base {
            Base::Stage(parent) => {
                stage = &ctx.model.stages[parent];
                limit = usize::MAX;
            }
            _ => return false,
        }
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        let body = &ctx.ast.instructions[stage.body.clone()];
        for (offset, ins) in with_triggers(body) {
            let i = stage.body.start + offset;
            let trigger = !std::ptr::eq(ins, &ctx.ast.instructions[i]);
            if ins.keyword != Keyword::Copy {
                continue;
            }
            let Some((_, dest)) = copy_paths(ins) else {
                continue;
            };
            if is_absolute(&path_text(ctx, dest)) || workdir_set(ctx, stage, i, trigger) {
                continue;
            }
            out.report(
                &RULE,
                dest.span,
                "this relative destination depends on the base image's working directory",
            )
            .help("set `WORKDIR /<dir>` earlier in the stage, or use an absolute destination");
        }
    }
}
