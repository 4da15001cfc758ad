use super::labels;
use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::dockerfile::model::{Base, CopySource};
use crate::engine::Diagnostics;
use crate::rules::support::instruction_head;

declare_rule! {
    /// ## What it does
    /// Checks that every image the Dockerfile can produce carries each label of
    /// `required-labels`, set in its stage or a stage it is built on. Without
    /// `required-labels` it reports nothing.
    ///
    /// ## Why is this bad?
    /// Registries, scanners and on-call engineers find an image's source, owner and version
    /// through its labels; an image without them is an orphan.
    ///
    /// hadolint checks every stage that is not a `COPY --from` source, intermediate bases
    /// included; ballast checks the stages that end a build — those no other stage builds on
    /// or copies from — as only they become images.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.title="api"
    /// ```
    /// ```yaml .ballast.yaml
    /// required-labels: [org.opencontainers.image.source]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.source="https://example.com/api"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3049](https://github.com/hadolint/hadolint/wiki/DL3049)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub static RULE = {
        code: "BL1365",
        name: "label-missing",
        severity: Info,
        tags: ["maintainability"],
        aliases: ["DL3049"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let required = &ctx.config.required_labels;
    if required.is_empty() {
        return;
    }
    let stages = &ctx.model.stages;
    let mut used = vec![false; stages.len()];
    for stage in stages {
        if let Base::Stage(parent) = stage.base {
            used[parent] = true;
        }
    }
    for edge in &ctx.model.copy_edges {
        if let CopySource::Stage(from) = edge.source {
            used[from] = true;
        }
    }
    // The label keys set in each stage (`ONBUILD LABEL` labels the images built on it instead).
    let mut set: Vec<Vec<String>> = vec![Vec::new(); stages.len()];
    for (i, key, _) in labels(ctx) {
        if ctx.ast.instructions[i].keyword != Keyword::Label {
            continue;
        }
        if let Some(stage) = ctx.model.stage_of(i) {
            set[stage.index].push(key);
        }
    }
    for stage in stages.iter().filter(|s| !used[s.index]) {
        for label in required {
            let mut current = stage;
            let found = loop {
                if set[current.index].contains(&label.name) {
                    break true;
                }
                match current.base {
                    Base::Stage(parent) => current = &stages[parent],
                    _ => break false,
                }
            };
            if found {
                continue;
            }
            out.report(
                &RULE,
                instruction_head(ctx, &ctx.ast.instructions[stage.from]),
                format!("the image of this stage has no `{}` label", label.name),
            )
            .help(format!("add `LABEL {}=<value>` to the stage", label.name));
        }
    }
}
