use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

use super::CopyFrom;

declare_rule! {
    /// ## What it does
    /// Checks `COPY --from=<name>` where `<name>` is a plain name (no registry, tag or digest)
    /// that is not the name of an earlier stage.
    ///
    /// ## Why is this bad?
    /// BuildKit takes such a name for an image on Docker Hub: a typo in a stage name, or a
    /// stage defined further down, makes the build pull an unrelated (or attacker-registered)
    /// image and copy files out of it, or fail with a confusing pull error.
    ///
    /// hadolint fires on every `--from` that is not an earlier stage name, images included.
    /// ballast accepts what is unmistakably an image (`nginx:1.27`, `ghcr.io/org/tool`,
    /// `...@sha256:`) and stage numbers (`--from=0`), which BuildKit documents, and stays
    /// silent when a build argument's value is not known.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    ///
    /// FROM alpine:3.21
    /// COPY --from=builder /out/app /usr/local/bin/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    ///
    /// FROM alpine:3.21
    /// COPY --from=build /out/app /usr/local/bin/app
    /// COPY --from=0 /out/app /usr/local/bin/app2
    /// COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3022](https://github.com/hadolint/hadolint/wiki/DL3022)
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    pub static RULE = {
        code: "BL1359",
        name: "copy-from-unknown-stage",
        severity: Warning,
        tags: ["correctness", "security"],
        aliases: ["DL3022"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for CopyFrom { stage, name, span } in super::copies_from(ctx) {
        let name = name.as_str();
        let earlier = &ctx.model.stages[..stage.index];
        if earlier.iter().any(|s| s.is_named(name)) {
            continue;
        }
        if name.parse::<usize>().is_ok_and(|n| n < stage.index) {
            continue;
        }
        if name.contains([':', '/', '@']) || name.is_empty() {
            continue;
        }
        let later = ctx.model.stages[stage.index..]
            .iter()
            .find(|s| s.is_named(name) || name.parse::<usize>() == Ok(s.index));
        match later {
            Some(later) if later.index == stage.index => {} // copy-from-own-stage's case
            Some(later) => {
                out.report(
                    &RULE,
                    span,
                    format!("stage `{name}` is defined after this COPY, so BuildKit cannot copy from it"),
                )
                .help("move the stage above this one, or copy from an earlier stage")
                .related(ctx.model.stages[later.index].base_span, "defined here");
            }
            None => {
                out.report(
                    &RULE,
                    span,
                    format!("no earlier stage is named `{name}`, so BuildKit pulls an image of that name"),
                )
                .help("use the name of an earlier stage (`FROM ... AS <name>`), or write the image with its tag");
            }
        }
    }
}
