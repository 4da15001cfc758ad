use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::dockerfile::model::Base;
use crate::engine::Diagnostics;
use crate::rules::support::instruction_head;

declare_rule! {
    /// ## What it does
    /// Checks that the final stage switches to a non-root user: it has a `USER` instruction,
    /// and the last one is not `root` or UID `0`.
    ///
    /// ## Why is this bad?
    /// A process running as root inside the container is root on any volume it mounts and is one
    /// kernel bug away from root on the host. Seeds 001, 003 and 004 make a non-root user with a
    /// fixed UID a requirement for every service image.
    ///
    /// Bases that already default to a non-root user (tags containing `nonroot`, such as
    /// `gcr.io/distroless/static-debian12:nonroot`) are accepted without a `USER`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY . /app
    /// CMD ["python", "/app/main.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN useradd --uid 10001 --no-log-init app
    /// COPY . /app
    /// USER 10001
    /// CMD ["python", "/app/main.py"]
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`, `003_37cda6fe4f0eb3cb.txt`, `004_c2c591e76364252e.txt`
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    pub static RULE = {
        code: "BL1001",
        name: "root-user",
        severity: Warning,
        tags: ["security"],
        aliases: ["DL3002"],
        seeds: ["001_44158710fcc909dd.txt", "003_37cda6fe4f0eb3cb.txt", "004_c2c591e76364252e.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let Some(final_stage) = ctx.model.final_stage() else {
        return;
    };
    // USER carries over from parent stages, so look through the chain of stages.
    let mut stage = final_stage;
    loop {
        let last_user = stage
            .instructions(ctx.ast)
            .filter(|(_, ins)| ins.keyword == Keyword::User)
            .last();
        if let Some((index, ins)) = last_user {
            let Args::Words(words) = &ins.args else {
                return;
            };
            let Some(word) = words.first() else { return };
            let user = ctx.model.expand_at(index, &word.value);
            if !user.is_known() {
                return;
            }
            let name = user.value.split(':').next().unwrap_or("");
            if name == "root" || name == "0" {
                out.report(
                    &RULE,
                    instruction_head(ctx, ins),
                    "the final stage runs as root",
                )
                .help("switch to an unprivileged user, e.g. `USER 10001` after creating it");
            }
            return;
        }
        match ctx.model.stages.get(stage.index).map(|s| &s.base) {
            Some(Base::Stage(parent)) => stage = &ctx.model.stages[*parent],
            Some(Base::Image(image))
                if image.tag.as_deref().is_some_and(|t| t.contains("nonroot")) =>
            {
                return
            }
            Some(Base::Unresolved(_)) => return,
            _ => break,
        }
    }
    let from = &ctx.ast.instructions[final_stage.from];
    out.report(
        &RULE,
        instruction_head(ctx, from),
        "the final stage has no USER instruction, so the container runs as root",
    )
    .help("create a user with a fixed UID and add `USER <uid>` before CMD/ENTRYPOINT");
}
