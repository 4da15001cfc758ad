use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, HealthcheckArgs, Keyword};
use crate::dockerfile::model::{Base, ImageRef};
use crate::engine::Diagnostics;
use crate::rules::support::command_span;

declare_rule! {
    /// ## What it does
    /// Checks for shell-form `RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` in a stage whose base
    /// has no shell: `scratch` and the distroless images (except their `:debug` tags).
    ///
    /// ## Why is this bad?
    /// Shell form runs `/bin/sh -c "<text>"`. Without `/bin/sh`, a RUN fails the build, and a CMD or
    /// HEALTHCHECK fails only when the container starts or is probed: in production. Seed 001 moves
    /// runtimes to distroless and notes the trade-off: no shell, so everything is exec form.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12:nonroot
    /// COPY app /app
    /// CMD /app --serve
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12:nonroot
    /// COPY app /app
    /// CMD ["/app", "--serve"]
    /// ```
    ///
    /// ## References
    /// - Seed: `001_44158710fcc909dd.txt`
    /// - [Distroless images](https://github.com/GoogleContainerTools/distroless)
    pub static RULE = {
        code: "BL1005",
        name: "shell-form-without-shell",
        severity: Error,
        tags: ["correctness"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        let base = match ctx.model.root_base(stage) {
            Base::Scratch => "scratch".to_string(),
            Base::Image(image) if is_shell_less(image) => stage.base_text.clone(),
            _ => continue,
        };
        let instructions: Vec<_> = stage.instructions(ctx.ast).collect();
        // A SHELL instruction means the author brought a shell and pointed Docker at it.
        if instructions
            .iter()
            .any(|(_, ins)| ins.keyword == Keyword::Shell)
        {
            continue;
        }
        for (_, ins) in instructions {
            let form = match (&ins.keyword, &ins.args) {
                (Keyword::Run | Keyword::Cmd | Keyword::Entrypoint, Args::Command(form)) => form,
                (Keyword::Healthcheck, Args::Healthcheck(HealthcheckArgs::Cmd(form))) => form,
                _ => continue,
            };
            if !matches!(form, CommandForm::Shell(_))
                || !ins.heredocs.is_empty() && ins.keyword != Keyword::Run
            {
                continue;
            }
            out.report(
                &RULE,
                command_span(form),
                format!(
                    "shell-form {} needs /bin/sh, which `{base}` does not have",
                    ins.keyword.as_str()
                ),
            )
            .help(
                "use exec form (a JSON array), or do this step in a build stage that has a shell",
            );
        }
    }
}

/// Images known to ship without `/bin/sh`.
fn is_shell_less(image: &ImageRef) -> bool {
    let debug = image.tag.as_deref().is_some_and(|t| t.contains("debug"));
    let distroless =
        image.registry.as_deref() == Some("gcr.io") && image.repository.starts_with("distroless/");
    let chainguard_static =
        image.registry.as_deref() == Some("cgr.dev") && image.name() == "static";
    (distroless || chainguard_static) && !debug
}
