use crate::engine::{Diagnostics, FileKind};
use crate::span::{LineIndex, Span};
use crate::workspace::{paths, Build, Origin, WorkspaceContext};

declare_rule! {
    /// ## What it does
    /// Reports a Dockerfile that nothing builds (no Compose service, workflow step, script or
    /// Makefile names it, and no other file mentions it) while a Dockerfile beside it is built:
    /// a leftover variant. The message says what was searched.
    ///
    /// ## Why is this bad?
    /// Unused variants drift out of date, confuse readers about which one ships, and get built
    /// by hand "to try", piling up images. Delete them (they stay in the history).
    ///
    /// ## Example
    /// ```yaml compose.yaml
    /// services:
    ///   tag-generator:
    ///     build:
    ///       context: ./tag-generator
    ///       dockerfile: Dockerfile.tag-generator
    /// ```
    /// ```dockerfile tag-generator/Dockerfile.tag-generator
    /// FROM python:3.13-slim
    /// ```
    /// ```dockerfile tag-generator/Dockerfile.tag-generator-v2
    /// FROM python:3.12-slim
    /// ```
    ///
    /// Use instead:
    /// ```yaml compose.yaml
    /// services:
    ///   tag-generator:
    ///     build:
    ///       context: ./tag-generator
    ///       dockerfile: Dockerfile.tag-generator
    /// ```
    /// ```dockerfile tag-generator/Dockerfile.tag-generator
    /// FROM python:3.13-slim
    /// ```
    ///
    /// ## References
    /// - Seed `000_4342dac09d359873.txt`: `Dockerfile.tag-generator-v2`, `-balanced` and
    ///   `-ultra-minimal` were built by nothing and deleted.
    pub static RULE = {
        code: "BL5001",
        name: "orphan-dockerfile",
        severity: Info,
        tags: ["repository"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    // The first build of each built Dockerfile: an orphan needs a built sibling, so a workspace
    // that builds nothing (a folder of loose Dockerfiles) is done at once.
    let mut built: Vec<(&str, &crate::workspace::Build)> = Vec::new();
    for build in &ctx.builds {
        if let Some(file) = build.dockerfile.as_deref() {
            if !built.iter().any(|(f, _)| *f == file) {
                built.push((file, build));
            }
        }
    }
    if built.is_empty() {
        return;
    }
    let built_by = |path: &str| built.iter().find(|(f, _)| *f == path).map(|(_, b)| *b);
    for (path, _) in &ctx.dockerfiles {
        if built_by(path).is_some() {
            continue;
        }
        let dir = paths::parent(path);
        let sibling = built
            .iter()
            .find(|(other, _)| *other != path.as_str() && paths::parent(other) == dir)
            .map(|&(other, build)| (other, build));
        let Some((sibling, build)) = sibling else {
            continue;
        };
        if mentioned_elsewhere(ctx, path) {
            continue;
        }
        let source = ctx.file(path).map_or("", |f| f.contents.as_str());
        let first_line = LineIndex::new(source).line_span(source, 1);
        diagnostics
            .report_in(
                &RULE,
                ctx.display_path(path),
                Span::new(first_line.start, first_line.end),
                format!(
                    "nothing builds `{path}`: no Compose service, workflow step, script or Makefile names it and no other file mentions it ({}); `{}` beside it is built by {}",
                    searched(ctx),
                    paths::file_name(sibling),
                    describe(ctx, build)
                ),
            )
            .help("delete it if it is a leftover variant (it stays in the history); otherwise build it from CI or Compose")
            .related_in(ctx.display_path(&build.file), build.span, format!("`{sibling}` is built here"));
    }
}

/// Whether any file that is not a Dockerfile or ignore file names this Dockerfile (docs,
/// a devcontainer, a bake file): then it is in use in a way the build graph cannot see.
fn mentioned_elsewhere(ctx: &WorkspaceContext, path: &str) -> bool {
    let name = paths::file_name(path);
    ctx.files.iter().zip(&ctx.kinds).any(|(file, kind)| {
        !matches!(kind, Some(FileKind::Dockerfile | FileKind::Dockerignore))
            && mentions(&file.contents, name)
    })
}

/// `name` as a whole file name: not a prefix of a longer one (`Dockerfile.x` in `Dockerfile.x-v2`).
fn mentions(text: &str, name: &str) -> bool {
    let continues_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_');
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let mut after = text[at + name.len()..].chars();
        let longer = match after.next() {
            Some(c) if continues_name(c) => true,
            // `Dockerfile.dev.bak` is another file; `Dockerfile.dev.` ends a sentence.
            Some('.') => after.next().is_some_and(|c| c.is_ascii_alphanumeric()),
            _ => false,
        };
        !before.is_some_and(|c| continues_name(c) || c == '.') && !longer
    })
}

fn searched(ctx: &WorkspaceContext) -> String {
    let count = |kinds: &[FileKind]| {
        ctx.kinds
            .iter()
            .filter(|k| k.is_some_and(|k| kinds.contains(&k)))
            .count()
    };
    format!(
        "searched {} Compose file(s), {} workflow(s) and action(s), {} script(s) and Makefile(s)",
        count(&[FileKind::Compose]),
        count(&[FileKind::Workflow, FileKind::Action]),
        count(&[FileKind::Script, FileKind::Makefile]),
    )
}

fn describe(ctx: &WorkspaceContext, build: &Build) -> String {
    match build.origin {
        Origin::Service { file, service } => format!(
            "service `{}` in `{}`",
            ctx.compose[file].services[service].name,
            ctx.display_path(&build.file)
        ),
        Origin::Step { .. } => format!("a step of `{}`", ctx.display_path(&build.file)),
        Origin::Script | Origin::Makefile => format!("`{}`", ctx.display_path(&build.file)),
    }
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn mentions_whole_file_names_only() {
        assert!(mentions(
            "docker build -f Dockerfile.dev .",
            "Dockerfile.dev"
        ));
        assert!(mentions("see `Dockerfile.dev`.", "Dockerfile.dev"));
        assert!(!mentions(
            "Dockerfile.tag-generator-v2",
            "Dockerfile.tag-generator"
        ));
        assert!(!mentions("Dockerfile.development", "Dockerfile.dev"));
    }
}
