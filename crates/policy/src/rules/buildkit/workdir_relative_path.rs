use super::common::ancestors;
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks a relative `WORKDIR` (`WORKDIR app`) when no absolute `WORKDIR` was set earlier
    /// in the stage or the stages it is built on.
    ///
    /// ## Why is this bad?
    /// A relative path is resolved against the base image's working directory, which the
    /// Dockerfile does not control: when the base image changes its `WORKDIR` in a new release,
    /// files land somewhere else and `CMD` no longer finds them. Once an absolute `WORKDIR` is
    /// set in the Dockerfile, relative ones after it are well defined and are not reported.
    ///
    /// hadolint's DL3000 reports every relative `WORKDIR`; this rule answers to that code too
    /// but, like BuildKit, only reports the first one, which is where the path starts depending
    /// on the base image. Paths given by a variable whose value is not known here are skipped.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// WORKDIR app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// WORKDIR /app
    /// ```
    ///
    /// ## References
    /// - [WorkdirRelativePath](https://docs.docker.com/reference/build-checks/workdir-relative-path/)
    /// - [hadolint DL3000](https://github.com/hadolint/hadolint/wiki/DL3000)
    pub static RULE = {
        code: "BL1320",
        name: "workdir-relative-path",
        severity: Warning,
        tags: ["correctness", "reproducibility"],
        aliases: ["WorkdirRelativePath", "DL3000"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let stages = &ctx.model.stages;
    for stage in stages {
        let mut set = ancestors(stages, stage).iter().any(|s| {
            s.instructions(ctx.ast)
                .any(|(_, ins)| ins.keyword == Keyword::Workdir)
        });
        for (i, ins) in stage.instructions(ctx.ast) {
            if ins.keyword != Keyword::Workdir {
                continue;
            }
            let was_set = std::mem::replace(&mut set, true);
            if was_set {
                continue;
            }
            let Args::Words(words) = &ins.args else {
                continue;
            };
            let Some(word) = words.first() else { continue };
            let path = ctx.model.expand_at(i, &word.value);
            if !path.is_known() || is_absolute(&path.value) {
                continue;
            }
            out.report(
                &RULE,
                word.span,
                format!(
                    "Relative workdir \"{}\" can have unexpected results if the base image changes",
                    path.value
                ),
            )
            .help(format!(
                "use an absolute path, e.g. `WORKDIR /{}`",
                path.value.trim_start_matches("./")
            ));
        }
    }
}

/// Absolute on Linux (`/app`) or Windows (`C:\app`, `\app`).
fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with(['/', '\\'])
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}
