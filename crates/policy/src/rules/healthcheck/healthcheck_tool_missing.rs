use super::{chain_kind, tool_available};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, HealthcheckArgs, Keyword};
use crate::engine::Diagnostics;
use crate::rules::binaries::{stage_chain, ImageKind};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the program a `HEALTHCHECK` runs to probe an HTTP endpoint, `curl` or `wget`
    /// (exec or shell form), exists in the image: installed by a package manager in the final
    /// stage or a stage it is built `FROM` (`apt-get install curl`, `apk add curl`,
    /// `yum`/`dnf install curl`), copied in (`COPY --from=... /usr/bin/curl ...`), or part of the
    /// base image. What the rule assumes of base images:
    ///
    /// | base image | curl | wget |
    /// |---|---|---|
    /// | `scratch`, `gcr.io/distroless/*` | no | no |
    /// | `*-slim` tags (`debian:bookworm-slim`, `python:3.13-slim`, `node:22-slim`) | no | no |
    /// | `debian`, `ubuntu` | no | no |
    /// | `alpine`, `*-alpine` tags, `busybox` | no | yes (busybox) |
    /// | `fedora`, `centos`, `rockylinux`, `almalinux`, `amazonlinux`, `oraclelinux` | yes | not known |
    /// | `python`, `node`, `golang`, `rust`, `ruby`, `buildpack-deps` (full tags, built on `buildpack-deps`) | yes | yes |
    /// | anything else | not known | not known |
    ///
    /// Nothing is reported when the base is not known, or when a RUN of those stages could not
    /// be read.
    ///
    /// ## Why is this bad?
    /// A health check whose program does not exist fails every time: `curl: not found` makes
    /// the container `unhealthy` although the service works, so orchestrators restart it in a
    /// loop or never route traffic to it, and the real cause is buried in `docker inspect`.
    /// It happens when the base moves to a slimmer image: seeds `003_37cda6fe4f0eb3cb.txt` and
    /// `004_c2c591e76364252e.txt` run `HEALTHCHECK ... CMD curl -f http://localhost:8000/health`
    /// on `python:3.13-slim`, which works only because their runtime stage installs `curl`
    /// explicitly (`apt-get install -y --no-install-recommends libffi8 libssl3 curl`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// COPY . /app
    /// EXPOSE 8000
    /// HEALTHCHECK --interval=30s --timeout=5s CMD curl -f http://localhost:8000/health || exit 1
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
    /// HEALTHCHECK --interval=30s --timeout=5s CMD curl -f http://localhost:8000/health || exit 1
    /// CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
    /// ```
    ///
    /// ## References
    /// - Seeds: `003_37cda6fe4f0eb3cb.txt`, `004_c2c591e76364252e.txt`
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub static RULE = {
        code: "BL1404",
        name: "healthcheck-tool-missing",
        severity: Error,
        tags: ["correctness"],
        aliases: [],
        seeds: ["003_37cda6fe4f0eb3cb.txt", "004_c2c591e76364252e.txt"],
        check: Dockerfile(check),
    }
}

const TOOLS: &[&str] = &["curl", "wget"];

/// The URL among a probe's arguments.
fn url_of<'a>(mut values: impl Iterator<Item = &'a str>) -> Option<String> {
    values
        .find(|v| v.starts_with("http://") || v.starts_with("https://"))
        .map(str::to_string)
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let Some(final_stage) = ctx.model.final_stage() else {
        return;
    };
    let chain = stage_chain(ctx, final_stage);
    // The HEALTHCHECK in effect: the last one, nearest stage first.
    let Some((index, ins)) = chain.iter().find_map(|s| {
        s.instructions(ctx.ast)
            .filter(|(_, ins)| ins.keyword == Keyword::Healthcheck)
            .last()
    }) else {
        return;
    };
    let Args::Healthcheck(HealthcheckArgs::Cmd(form)) = &ins.args else {
        return;
    };
    // (tool, span of its name, the URL it probes)
    let mut probes: Vec<(&str, Span, Option<String>)> = Vec::new();
    match form {
        CommandForm::Exec { args, .. } => {
            if let Some(first) = args.first() {
                let name = first.value.rsplit('/').next().unwrap_or("");
                if let Some(tool) = TOOLS.iter().find(|t| **t == name) {
                    probes.push((
                        *tool,
                        first.span,
                        url_of(args.iter().map(|w| w.value.as_str())),
                    ));
                }
            }
        }
        CommandForm::Shell(_) => {
            for script in ctx.model.scripts(index) {
                if !script.script.complete {
                    return;
                }
                for command in &script.script.commands {
                    let Some(program) = command.program() else {
                        continue;
                    };
                    let Some(tool) = TOOLS.iter().find(|t| **t == program) else {
                        continue;
                    };
                    let Some(word) = command.program_index().and_then(|i| command.words.get(i))
                    else {
                        continue;
                    };
                    probes.push((
                        *tool,
                        script.span(&word.span),
                        url_of(command.args().iter().map(|w| w.as_str())),
                    ));
                }
            }
        }
    }
    let kind = chain_kind(&chain);
    let Some(root) = chain.last() else { return };
    for (tool, span, url) in probes {
        let url = url.unwrap_or_else(|| "http://localhost:8080/health".to_string());
        if tool_available(ctx, &chain, tool) != Some(false) {
            continue;
        }
        let help = match kind {
            ImageKind::Distroless | ImageKind::Scratch => "this image has no shell and no package manager: build a health subcommand into the binary (`HEALTHCHECK CMD [\"/server\", \"healthcheck\"]`) or copy a static probe binary in".to_string(),
            ImageKind::Alpine | ImageKind::Busybox => format!("use busybox's wget (`HEALTHCHECK CMD wget -qO- {url} || exit 1`) or add `RUN apk add --no-cache {tool}`"),
            ImageKind::RpmDistro => format!("add `RUN dnf install -y {tool} && dnf clean all` to this stage"),
            _ => {
                let install = format!("add `RUN apt-get update && apt-get install -y --no-install-recommends {tool} && rm -rf /var/lib/apt/lists/*` to this stage");
                if root.base_text.contains("python") {
                    format!("{install}, or probe with the Python the image already has (`python -c \"import urllib.request; urllib.request.urlopen('{url}')\"`)")
                } else {
                    install
                }
            }
        };
        out.report(
            &RULE,
            span,
            format!("the HEALTHCHECK runs `{tool}`, which this image does not have, so every check fails"),
        )
        .help(help)
        .related(
            root.base_span,
            format!("`{}` has no `{tool}` and no stage installs it", root.base_text),
        );
    }
}
