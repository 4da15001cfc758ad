use crate::dockerfile::ast::{Args, Dockerfile, Keyword};
use crate::engine::Diagnostics;
use crate::span::Span;
use crate::workspace::WorkspaceContext;
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it does
    /// Reports three or more Dockerfiles that start from the same base image and repeat the same
    /// leading setup instructions (`RUN`, `ENV`, `ARG`, `WORKDIR`, `USER`, `SHELL`, `LABEL`
    /// before anything is copied in).
    ///
    /// ## Why is this bad?
    /// Every image runs (and caches, and stores) the same setup again, and the copies drift
    /// apart as they are edited one at a time. A shared base image, built once, keeps the setup
    /// in one place and makes every service build faster.
    ///
    /// ## Example
    /// ```dockerfile api/Dockerfile
    /// FROM elixir:1.17-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends build-essential git
    /// RUN mix local.hex --force && mix local.rebar --force
    /// COPY . /app
    /// ```
    /// ```dockerfile worker/Dockerfile
    /// FROM elixir:1.17-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends build-essential git
    /// RUN mix local.hex --force && mix local.rebar --force
    /// COPY . /app
    /// ```
    /// ```dockerfile web/Dockerfile
    /// FROM elixir:1.17-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends build-essential git
    /// RUN mix local.hex --force && mix local.rebar --force
    /// COPY . /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile base/Dockerfile
    /// FROM elixir:1.17-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends build-essential git
    /// RUN mix local.hex --force && mix local.rebar --force
    /// ```
    /// ```dockerfile api/Dockerfile
    /// FROM ghcr.io/acme/elixir-base:1.17
    /// COPY . /app
    /// ```
    /// ```dockerfile worker/Dockerfile
    /// FROM ghcr.io/acme/elixir-base:1.17
    /// COPY . /app
    /// ```
    ///
    /// ## References
    /// - [Multi-stage builds: use a previous stage as a new stage](https://docs.docker.com/build/building/multi-stage/#use-a-previous-stage-as-a-new-stage)
    /// - Seed `002_819fc9e3d62a5817.txt`: a shared base image built once for the umbrella app.
    pub static RULE = {
        code: "BL5005",
        name: "repeated-base-setup",
        severity: Info,
        tags: ["repository", "performance"],
        aliases: [],
        seeds: ["002_819fc9e3d62a5817.txt"],
        check: Workspace(check),
    }
}

/// How many Dockerfiles must share a setup before it is worth a base image.
const MIN_DOCKERFILES: usize = 3;

/// A Dockerfile's first stage: its base image, the span of its `FROM`, and its leading setup.
struct Opening<'a> {
    path: &'a str,
    from: Span,
    setup: Vec<String>,
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut groups: BTreeMap<(String, String), Vec<Opening>> = BTreeMap::new();
    for (path, ast) in &ctx.dockerfiles {
        let source = ctx.file(path).map_or("", |f| f.contents.as_str());
        let Some((image, opening)) = opening(path, ast, source) else {
            continue;
        };
        let key = (image, opening.setup[0].clone());
        groups.entry(key).or_default().push(opening);
    }
    for ((image, _), openings) in groups {
        if openings.len() < MIN_DOCKERFILES {
            continue;
        }
        let shared = (1..)
            .take_while(|&n| {
                openings
                    .iter()
                    .all(|o| o.setup.len() >= n && o.setup[..n] == openings[0].setup[..n])
            })
            .last()
            .unwrap_or(1);
        // A shared `WORKDIR` alone is no setup worth an image: some `RUN` must be repeated.
        if !openings[0].setup[..shared]
            .iter()
            .any(|i| i.starts_with("RUN"))
        {
            continue;
        }
        let names: Vec<String> = openings
            .iter()
            .map(|o| format!("`{}`", ctx.display_path(o.path)))
            .collect();
        for opening in &openings {
            let finding = diagnostics
                .report_in(
                    &RULE,
                    ctx.display_path(opening.path),
                    opening.from,
                    format!(
                        "`FROM {image}` and the same {shared} setup instruction(s) open {} Dockerfiles: {}",
                        openings.len(),
                        names.join(", ")
                    ),
                )
                .help("build that setup once as a shared base image (or stage) and start these Dockerfiles from it");
            for other in openings.iter().filter(|o| o.path != opening.path).take(2) {
                finding.related_in(ctx.display_path(other.path), other.from, "the same setup");
            }
        }
    }
}

/// The first stage's base image and leading setup instructions, whitespace-normalised.
fn opening<'a>(path: &'a str, ast: &Dockerfile, source: &str) -> Option<(String, Opening<'a>)> {
    let start = ast
        .instructions
        .iter()
        .position(|i| i.keyword == Keyword::From)?;
    let from = &ast.instructions[start];
    let Args::From { image, .. } = &from.args else {
        return None;
    };
    let setup: Vec<String> = ast.instructions[start + 1..]
        .iter()
        .take_while(|i| {
            matches!(
                i.keyword,
                Keyword::Run
                    | Keyword::Env
                    | Keyword::Arg
                    | Keyword::Workdir
                    | Keyword::User
                    | Keyword::Shell
                    | Keyword::Label
            )
        })
        .map(|i| {
            let text = source.get(i.span.start..i.span.end).unwrap_or("");
            text.split_whitespace()
                .filter(|w| *w != "\\")
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    if setup.is_empty() {
        return None;
    }
    let from_span = Span::new(
        from.span.start,
        from.span.start
            + source[from.span.start..]
                .find('\n')
                .unwrap_or(from.span.len()),
    );
    Some((
        image.value.clone(),
        Opening {
            path,
            from: from_span,
            setup,
        },
    ))
}
