use crate::engine::Diagnostics;
use crate::rules::workspace_support::nearby_dockerfiles;
use crate::workspace::{paths, Origin, WorkspaceContext};

declare_rule! {
    /// ## What it does
    /// Reports a Compose `build:` whose context directory or Dockerfile does not exist in the
    /// repository.
    ///
    /// ## Why is this bad?
    /// `docker compose build` fails with "failed to read dockerfile" or "path not found", often
    /// after a file was renamed or moved and the Compose file was not updated.
    ///
    /// ## Example
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build:
    ///       context: ./backend
    ///       dockerfile: Dockerfile.prod
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// Use instead:
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build:
    ///       context: ./backend
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## References
    /// - [Compose Build Specification](https://docs.docker.com/reference/compose-file/build/)
    /// - Seed `004_c2c591e76364252e.txt`: a build pointed at a Dockerfile that did not exist.
    pub static RULE = {
        code: "BL3003",
        name: "missing-build-file",
        severity: Error,
        tags: ["compose", "correctness"],
        aliases: [],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    if !ctx.has_dockerfiles() {
        return;
    }
    for build in &ctx.builds {
        let Origin::Service { .. } = build.origin else {
            continue;
        };
        let Some(context) = build.context.as_deref().filter(|c| paths::is_checkable(c)) else {
            continue;
        };
        let file = ctx.display_path(&build.file);
        if !ctx.index.is_dir(context) {
            diagnostics.report_in(
                &RULE,
                file,
                build.context_span,
                format!("build context `{context}` does not exist"),
            );
            continue;
        }
        let Some(dockerfile) = build
            .dockerfile
            .as_deref()
            .filter(|d| paths::is_checkable(d))
        else {
            continue;
        };
        if ctx.index.is_file(dockerfile) {
            continue;
        }
        let finding = diagnostics.report_in(
            &RULE,
            file,
            build.dockerfile_span,
            format!("`{dockerfile}` does not exist"),
        );
        if let Some(nearby) = nearby_dockerfiles(ctx, dockerfile) {
            finding.help(nearby);
        }
    }
}
