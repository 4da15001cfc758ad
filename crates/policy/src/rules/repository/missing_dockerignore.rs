use crate::engine::Diagnostics;
use crate::workspace::{paths, WorkspaceContext};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports a build whose context has no `.dockerignore` (and whose Dockerfile has no
    /// `<Dockerfile>.dockerignore` beside it).
    ///
    /// ## Why is this bad?
    /// Everything in the context is sent to the builder: `.git`, local virtual environments,
    /// `node_modules`, `.env` files with secrets. Builds are slower, `COPY . .` invalidates the
    /// cache on every change and can bake secrets into the image.
    ///
    /// ## Example
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build: ./backend
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// COPY . /app
    /// ```
    ///
    /// Use instead:
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build: ./backend
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// COPY . /app
    /// ```
    /// ```text backend/.dockerignore
    /// .git
    /// .env*
    /// .venv/
    /// __pycache__/
    /// ```
    ///
    /// ## References
    /// - [.dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    /// - Seeds `002_819fc9e3d62a5817.txt`, `003_37cda6fe4f0eb3cb.txt`, `004_c2c591e76364252e.txt`:
    ///   each adds a `.dockerignore`.
    pub static RULE = {
        code: "BL5002",
        name: "missing-dockerignore",
        severity: Warning,
        tags: ["repository", "performance", "security"],
        aliases: [],
        seeds: ["002_819fc9e3d62a5817.txt", "003_37cda6fe4f0eb3cb.txt", "004_c2c591e76364252e.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for build in &ctx.builds {
        let Some(context) = build.context.as_deref().filter(|c| paths::is_checkable(c)) else {
            continue;
        };
        let dockerfile_known = build
            .dockerfile
            .as_deref()
            .is_some_and(|d| ctx.index.is_file(d));
        if !dockerfile_known || ctx.ignore_file_for(build).is_some() || !seen.insert(context) {
            continue;
        }
        let path = paths::join(context, ".dockerignore");
        diagnostics
            .report_in(
                &RULE,
                ctx.display_path(&build.file),
                build.context_span,
                format!("build context `{context}` has no `.dockerignore`: everything in it is sent to the builder"),
            )
            .help(format!("add `{path}` listing what the image does not need (`.git`, `.env*`, dependency and build folders)"));
    }
}
