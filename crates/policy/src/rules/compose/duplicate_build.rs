use crate::compose::ComposeFile;
use crate::engine::Diagnostics;
use crate::workspace::{Build, Origin, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports two services of one Compose project that build the same Dockerfile with the same
    /// context, target and build arguments.
    ///
    /// ## Why is this bad?
    /// Compose builds each service's `build:` on its own: the same image is built twice, takes
    /// twice the time, and every rebuild leaves the older copy behind as a dangling image. When
    /// the second service only needs a tool (an init container that runs `chown`), a small pinned
    /// image does the job without building anything.
    ///
    /// ## Example
    /// ```yaml compose.yaml
    /// services:
    ///   news-creator:
    ///     image: news-creator:dev
    ///     build:
    ///       context: ./news-creator
    ///       dockerfile: Dockerfile.creator
    ///   news-creator-volume-init:
    ///     build:
    ///       context: ./news-creator
    ///       dockerfile: Dockerfile.creator
    ///     command: chown -R 1000:1000 /models
    /// ```
    /// ```dockerfile news-creator/Dockerfile.creator
    /// FROM python:3.13-slim
    /// ```
    ///
    /// Use instead:
    /// ```yaml compose.yaml
    /// services:
    ///   news-creator:
    ///     image: news-creator:dev
    ///     build:
    ///       context: ./news-creator
    ///       dockerfile: Dockerfile.creator
    ///   news-creator-volume-init:
    ///     image: alpine:3.21
    ///     command: chown -R 1000:1000 /models
    /// ```
    /// ```dockerfile news-creator/Dockerfile.creator
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## References
    /// - [Compose Build Specification](https://docs.docker.com/reference/compose-file/build/)
    /// - Seed `000_4342dac09d359873.txt`: `news-creator-volume-init` built `news-creator`'s
    ///   Dockerfile a second time.
    pub static RULE = {
        code: "BL3001",
        name: "duplicate-build",
        severity: Warning,
        tags: ["compose", "performance"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut reported = HashSet::new();
    for project in projects(&ctx.compose) {
        let mut services = HashSet::new();
        let mut first_builds: Vec<(&Build, &str)> = Vec::new();
        for build in &ctx.builds {
            let Origin::Service { file, service } = build.origin else {
                continue;
            };
            if !project.contains(&file) {
                continue;
            }
            let service = &ctx.compose[file].services[service];
            // An override file redefines a service under the same name: that is one service.
            if !services.insert(service.name.as_str()) || build.dockerfile.is_none() {
                continue;
            }
            let Some((first, first_name)) = first_builds.iter().find(|(b, _)| same_image(b, build))
            else {
                first_builds.push((build, &service.name));
                continue;
            };
            if !reported.insert((build.file.clone(), build.span)) {
                continue;
            }
            let dockerfile = build.dockerfile.as_deref().unwrap_or_default();
            let first_service = ctx
                .compose
                .iter()
                .flat_map(|c| &c.services)
                .find(|s| s.name == *first_name);
            let help = match first_service.and_then(|s| s.image.as_ref()) {
                Some(image) => format!(
                    "drop `build:` from `{}` and use `image: {}`, the image `{first_name}` builds; if it only needs a tool (such as `chown`), use a small pinned image like `alpine:3.21`",
                    service.name, image.raw
                ),
                None => format!(
                    "name the image `{first_name}` builds with `image:` and give `{}` that `image:` instead of `build:`; if it only needs a tool (such as `chown`), use a small pinned image like `alpine:3.21`",
                    service.name
                ),
            };
            diagnostics
                .report_in(
                    &RULE,
                    ctx.display_path(&build.file),
                    build.span,
                    format!(
                        "service `{}` builds `{dockerfile}` again: `{first_name}` already builds it with the same context and target",
                        service.name
                    ),
                )
                .help(help)
                .related_in(ctx.display_path(&first.file), first.span, format!("`{first_name}` builds it here"));
        }
    }
}

/// The same Dockerfile, context, target and build arguments: the same image.
fn same_image(a: &Build, b: &Build) -> bool {
    let args = |build: &Build| {
        let mut args = build.build_args.clone();
        args.sort();
        args
    };
    a.dockerfile == b.dockerfile
        && a.context == b.context
        && a.target == b.target
        && args(a) == args(b)
}

/// Compose projects: each file no other file includes, with everything it includes.
fn projects(compose: &[ComposeFile]) -> Vec<Vec<usize>> {
    let position = |path: &str| compose.iter().position(|c| c.path == path);
    let included: HashSet<usize> = compose
        .iter()
        .flat_map(|c| c.includes.iter().filter_map(|r| position(&r.path)))
        .collect();
    (0..compose.len())
        .filter(|i| !included.contains(i))
        .map(|root| {
            let mut project = vec![root];
            let mut next = 0;
            while let Some(&file) = project.get(next) {
                next += 1;
                for reference in &compose[file].includes {
                    if let Some(i) = position(&reference.path) {
                        if !project.contains(&i) {
                            project.push(i);
                        }
                    }
                }
            }
            project
        })
        .collect()
}
