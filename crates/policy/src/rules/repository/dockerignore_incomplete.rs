use crate::engine::Diagnostics;
use crate::span::Span;
use crate::workspace::{paths, WorkspaceContext};
use std::collections::{BTreeSet, HashSet};

declare_rule! {
    /// ## What it does
    /// Reports a `.dockerignore` that lets into the build context something that exists in the
    /// repository and never belongs in an image: `.git`, `.env` files, `node_modules`, `.venv` /
    /// `venv`, `__pycache__`, or a Rust/Maven `target` folder.
    ///
    /// ## Why is this bad?
    /// These are large (slow context transfer, cache busted by every change under `COPY . .`),
    /// machine-specific (a host `node_modules` or virtualenv breaks in the image), or secret
    /// (`.env`, the Git history).
    ///
    /// ## Example
    /// ```text backend/.dockerignore
    /// tests/
    /// ```
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build: ./backend
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    /// ```text backend/.env
    /// DATABASE_URL=postgres://localhost/dev
    /// ```
    ///
    /// Use instead:
    /// ```text backend/.dockerignore
    /// tests/
    /// .env*
    /// ```
    /// ```yaml compose.yaml
    /// services:
    ///   backend:
    ///     build: ./backend
    /// ```
    /// ```dockerfile backend/Dockerfile
    /// FROM python:3.13-slim
    /// ```
    /// ```text backend/.env
    /// DATABASE_URL=postgres://localhost/dev
    /// ```
    ///
    /// ## References
    /// - [.dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    /// - Seed `004_c2c591e76364252e.txt`: `backend/.dockerignore` lists `__pycache__/`, `venv/`,
    ///   `.venv/`, `.env*`, `.git/`; seeds `002_819fc9e3d62a5817.txt` and
    ///   `003_37cda6fe4f0eb3cb.txt` do the same.
    pub static RULE = {
        code: "BL5003",
        name: "dockerignore-incomplete",
        severity: Warning,
        tags: ["repository", "performance", "security"],
        aliases: [],
        seeds: ["002_819fc9e3d62a5817.txt", "003_37cda6fe4f0eb3cb.txt", "004_c2c591e76364252e.txt"],
        check: Workspace(check),
    }
}

/// Folders and files that never belong in a build context, with the pattern that leaves them out.
const UNWANTED: &[(&str, &str)] = &[
    (".git", ".git"),
    (".env", ".env*"),
    ("node_modules", "**/node_modules"),
    (".venv", ".venv"),
    ("venv", "venv"),
    ("__pycache__", "**/__pycache__"),
    ("target", "target"),
];

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for build in &ctx.builds {
        let Some(context) = build.context.as_deref().filter(|c| paths::is_checkable(c)) else {
            continue;
        };
        let Some((ignore_path, ignore)) = ctx.ignore_file_for(build) else {
            continue;
        };
        if !seen.insert((context, ignore_path)) {
            continue;
        }
        // The unwanted entries that exist in the context and get through, and their patterns.
        let mut leaked = BTreeSet::new();
        let mut patterns = BTreeSet::new();
        // Cheap test first: most paths name none of the unwanted entries.
        let candidates = ctx
            .index
            .paths()
            .filter(|p| UNWANTED.iter().any(|(name, _)| p.contains(name)));
        for path in candidates {
            let Some(relative) = paths::strip_dir(path, context) else {
                continue;
            };
            let Some((entry, pattern)) = unwanted_entry(ctx, context, relative) else {
                continue;
            };
            if !ignore.is_excluded(&entry) {
                leaked.insert(entry);
                patterns.insert(pattern);
            }
        }
        if leaked.is_empty() {
            continue;
        }
        let source = ctx.file(ignore_path).map_or("", |f| f.contents.as_str());
        let first_line = Span::new(0, source.find('\n').unwrap_or(source.len()));
        let listed = leaked
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut addition: String = if source.is_empty() || source.ends_with('\n') {
            String::new()
        } else {
            "\n".to_string()
        };
        for pattern in &patterns {
            addition.push_str(pattern);
            addition.push('\n');
        }
        diagnostics
            .report_in(
                &RULE,
                ctx.display_path(ignore_path),
                first_line,
                format!("`{ignore_path}` lets {listed} into the build context of `{context}`"),
            )
            .help(format!(
                "add {}",
                patterns
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .fix(
                "leave them out",
                vec![(Span::empty(source.len()), addition)],
            );
    }
}

/// The unwanted folder or file a context-relative path lies in, if any, and its pattern.
fn unwanted_entry(
    ctx: &WorkspaceContext,
    context: &str,
    relative: &str,
) -> Option<(String, &'static str)> {
    let parts: Vec<&str> = relative.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let Some(&(_, pattern)) = UNWANTED.iter().find(|(name, _)| is_unwanted(name, part)) else {
            continue;
        };
        let entry = parts[..=i].join("/");
        // `target` is build output only beside a Cargo.toml or pom.xml.
        if *part == "target" {
            let dir = paths::join(context, &parts[..i].join("/"));
            let builds_there = ["Cargo.toml", "pom.xml"]
                .iter()
                .any(|m| ctx.index.is_file(&paths::join(&dir, m)));
            if !builds_there {
                return None;
            }
        }
        // Only the top-level `.git`, `.env`, `venv` and `target` are the usual suspects.
        if i > 0 && !matches!(*part, "node_modules" | "__pycache__") {
            return None;
        }
        return Some((entry, pattern));
    }
    None
}

fn is_unwanted(name: &str, part: &str) -> bool {
    if name == ".env" {
        // `.env` and `.env.local`, but not templates meant to be shipped or copied.
        let template = ["example", "sample", "template", "dist"]
            .iter()
            .any(|t| part.ends_with(t));
        return (part == ".env" || part.starts_with(".env.")) && !template;
    }
    part == name
}
