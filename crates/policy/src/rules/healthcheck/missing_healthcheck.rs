use super::{chain_kind, tool_available};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;
use crate::rules::binaries::{stage_chain, ImageKind};
use crate::rules::support::instruction_head;

declare_rule! {
    /// ## What it does
    /// Checks that a final stage which `EXPOSE`s a port has a `HEALTHCHECK`. A HEALTHCHECK
    /// inherited from a stage the final stage is built `FROM` counts, and so does
    /// `HEALTHCHECK NONE`: it is a decision (for example when the orchestrator probes the
    /// service itself).
    ///
    /// Unlike hadolint's DL3057, which fires on every Dockerfile without a HEALTHCHECK, this
    /// rule fires only when the image serves something: a batch job, a CLI tool or a build
    /// stage has nothing to probe, and an `EXPOSE` is the Dockerfile's own statement that the
    /// container listens on a port. A HEALTHCHECK that comes with a base image is not visible in
    /// the Dockerfile: suppress the finding there, or repeat the HEALTHCHECK to make it explicit.
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker and Compose only know whether the process is alive: a
    /// server that deadlocked, lost its database or never finished starting still shows as
    /// running, receives traffic, and `depends_on: condition: service_healthy` cannot wait for
    /// it. Seeds `003_37cda6fe4f0eb3cb.txt` and `004_c2c591e76364252e.txt` both put a
    /// HEALTHCHECK on the production image of their Python backend:
    /// `HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD curl -f http://localhost:8000/health || exit 1`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// COPY . /app
    /// EXPOSE 8000
    /// CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// COPY . /app
    /// EXPOSE 8000
    /// HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    ///     CMD curl -f http://localhost:8000/health || exit 1
    /// CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
    /// ```
    ///
    /// ## References
    /// - Seeds: `003_37cda6fe4f0eb3cb.txt`, `004_c2c591e76364252e.txt`
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    /// - [hadolint DL3057](https://github.com/hadolint/hadolint/wiki/DL3057)
    pub static RULE = {
        code: "BL1403",
        name: "missing-healthcheck",
        severity: Info,
        tags: ["correctness"],
        aliases: ["DL3057"],
        seeds: ["003_37cda6fe4f0eb3cb.txt", "004_c2c591e76364252e.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let Some(final_stage) = ctx.model.final_stage() else {
        return;
    };
    let chain = stage_chain(ctx, final_stage);
    let instructions = || chain.iter().flat_map(|s| s.instructions(ctx.ast));
    if instructions().any(|(_, ins)| ins.keyword == Keyword::Healthcheck) {
        return;
    }
    let Some((index, expose)) = instructions().find(|(_, ins)| ins.keyword == Keyword::Expose)
    else {
        return;
    };
    // The first port as written (`8000`, `8000/tcp`, `8000-8010`, `$PORT`), and a number for
    // the suggested URL when it has one.
    let written = match &expose.args {
        Args::Words(words) => words.first().map(|w| {
            let value = ctx.model.expand_at(index, &w.value).value;
            value.split('/').next().unwrap_or("").to_string()
        }),
        _ => None,
    }
    .unwrap_or_default();
    let first = written.split('-').next().unwrap_or("");
    let port = if !first.is_empty() && first.chars().all(|c| c.is_ascii_digit()) {
        first.to_string()
    } else {
        "<port>".to_string()
    };
    let listens = if written.is_empty() {
        "the image exposes a port".to_string()
    } else {
        format!("the image listens on port {written}")
    };
    let url = format!("http://localhost:{port}/health");
    let timing = "--interval=30s --timeout=5s --start-period=10s --retries=3";
    let help = if tool_available(ctx, &chain, "curl") == Some(true) {
        format!("add `HEALTHCHECK {timing} CMD curl -f {url} || exit 1` (point it at the service's health endpoint)")
    } else if tool_available(ctx, &chain, "wget") == Some(true) {
        format!("add `HEALTHCHECK {timing} CMD wget -qO- {url} || exit 1` (point it at the service's health endpoint)")
    } else if matches!(
        chain_kind(&chain),
        ImageKind::Distroless | ImageKind::Scratch
    ) {
        "add a health subcommand to the binary and `HEALTHCHECK CMD [\"/server\", \"healthcheck\"]` (the image has no shell or curl), or `HEALTHCHECK NONE` if the orchestrator probes the service".to_string()
    } else {
        format!("add `HEALTHCHECK {timing} CMD curl -f {url} || exit 1` and install curl in this stage, or `HEALTHCHECK NONE` if the orchestrator probes the service")
    };
    out.report(
        &RULE,
        instruction_head(ctx, expose),
        format!("{listens} but has no HEALTHCHECK, so a hung server still counts as running"),
    )
    .help(help);
}
