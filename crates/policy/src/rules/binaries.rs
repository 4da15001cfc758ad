//! What the runtime-image rules share: the Go and Rust binaries a stage builds, the COPY
//! instructions that bring them into another stage, and what a base image contains.

use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Instruction, Keyword, Word};
use crate::dockerfile::model::{Base, Stage};
use crate::rules::toolchain::{env_value, stage_run_scripts};
use crate::shell::Command;

/// The stage and the stages it is built `FROM`, nearest first: their files are all in it.
pub fn stage_chain<'a>(ctx: &'a DockerfileContext<'a>, stage: &'a Stage) -> Vec<&'a Stage> {
    let mut out = vec![stage];
    let mut current = stage;
    while let Base::Stage(parent) = current.base {
        match ctx.model.stages.get(parent) {
            Some(p) => {
                out.push(p);
                current = p;
            }
            None => break,
        }
    }
    out
}

/// The source words and the destination word of a COPY or ADD.
pub fn copy_paths(ins: &Instruction) -> Option<(&[Word], &Word)> {
    if !matches!(ins.keyword, Keyword::Copy | Keyword::Add) {
        return None;
    }
    let Args::Copy { paths, .. } = &ins.args else {
        return None;
    };
    let (dest, sources) = paths.split_last()?;
    Some((sources, dest))
}

/// A Go-style flag (`-o out`, `-o=out`, `--ldflags "-s -w"`) in `args`: the word holding its
/// value and the value itself.
pub fn go_flag_value<'a>(
    args: &'a [crate::shell::Word],
    name: &str,
) -> Option<(&'a crate::shell::Word, &'a str)> {
    for (i, word) in args.iter().enumerate() {
        let value = word.as_str();
        if value == "--" {
            return None;
        }
        let Some(rest) = value.strip_prefix("--").or_else(|| value.strip_prefix('-')) else {
            continue;
        };
        if rest == name {
            return args.get(i + 1).map(|w| (w, w.as_str()));
        }
        if let Some(attached) = rest.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            return Some((word, attached));
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryKind {
    /// `go build` with `CGO_ENABLED=0`: no libc needed.
    StaticGo,
    /// `cargo build --release` or `cargo install`; `musl` when built for a musl target.
    Rust { musl: bool },
}

/// Where a build writes a binary.
#[derive(Debug, Clone)]
enum Output {
    /// A file or directory path as written (`-o /out/server`, `cp ... /app`).
    Path(String),
    /// `go build` without `-o`: a file named after the package, in the working directory.
    GoDefault,
    /// Cargo's target directory (`target/release`, `$CARGO_TARGET_DIR`).
    CargoTarget(Option<String>),
}

/// A binary built in a stage.
#[derive(Debug, Clone)]
pub struct Build {
    pub kind: BinaryKind,
    outputs: Vec<Output>,
}

impl Build {
    /// Whether copying `source` out of the stage brings this binary.
    pub fn is_copied_by(&self, source: &str) -> bool {
        let source = source.trim_end_matches('/');
        if source.is_empty() || source == "." {
            return false;
        }
        self.outputs.iter().any(|o| match o {
            Output::Path(p) => same_path(source, p),
            Output::GoDefault => {
                let base = basename(source);
                !base.contains('.')
                    && !source.starts_with("/etc/")
                    && !source.starts_with("/usr/share/")
            }
            Output::CargoTarget(dir) => {
                let in_target = source.contains("target/")
                    && source.split('/').any(|c| c == "release" || c == "debug");
                in_target || dir.as_deref().is_some_and(|d| same_path(source, d))
            }
        })
    }
}

fn basename(path: &str) -> &str {
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path)
}

/// Whether two paths written in different places (one may be relative to WORKDIR) name the
/// same file, or `copied` is a directory holding `built`.
pub(crate) fn same_path(copied: &str, built: &str) -> bool {
    let copied = copied.trim_start_matches("./").trim_end_matches('/');
    let built = built.trim_start_matches("./").trim_end_matches('/');
    if copied.is_empty() || built.is_empty() {
        return false;
    }
    copied == built
        || built.starts_with(&format!("{copied}/"))
        || copied.starts_with(&format!("{built}/"))
        || copied.ends_with(&format!("/{built}"))
        || built.ends_with(&format!("/{copied}"))
        || (basename(copied) == basename(built) && !basename(built).contains('*'))
}

/// The Go and Rust binaries built in `stage` or a stage it is built on.
pub fn stage_builds(ctx: &DockerfileContext, stage: &Stage) -> Vec<Build> {
    let mut builds = Vec::new();
    for s in stage_chain(ctx, stage) {
        for run in stage_run_scripts(ctx, s) {
            let commands = &run.script.script.commands;
            for command in commands {
                let build =
                    if command.invokes(&["go", "build"]) || command.invokes(&["go", "install"]) {
                        let cgo = env_value(ctx, run.index, run.script, command, "CGO_ENABLED");
                        if cgo.as_deref().map(|v| v.trim_matches(['"', '\''])) != Some("0") {
                            continue;
                        }
                        let args = command.tool().map_or(&[][..], |t| t.args);
                        let output = if command.invokes(&["go", "install"]) {
                            Output::Path(
                                env_value(ctx, run.index, run.script, command, "GOBIN")
                                    .filter(|v| !v.is_empty())
                                    .unwrap_or_else(|| "/go/bin".to_string()),
                            )
                        } else {
                            match go_flag_value(args, "o") {
                                Some((_, path)) => Output::Path(path.to_string()),
                                None => Output::GoDefault,
                            }
                        };
                        Build {
                            kind: BinaryKind::StaticGo,
                            outputs: vec![output],
                        }
                    } else if let Some(build) = cargo_build(ctx, run.index, run.script, command) {
                        build
                    } else {
                        continue;
                    };
                builds.push(build);
            }
        }
    }
    // Binaries moved elsewhere after the build (`cp target/release/app /app`).
    for s in stage_chain(ctx, stage) {
        for run in stage_run_scripts(ctx, s) {
            for command in &run.script.script.commands {
                if !matches!(command.program(), Some("cp" | "mv" | "install")) {
                    continue;
                }
                let args: Vec<&str> = command
                    .args()
                    .iter()
                    .map(|w| w.as_str())
                    .filter(|a| !a.starts_with('-'))
                    .collect();
                let Some((dest, sources)) = args.split_last() else {
                    continue;
                };
                for build in &mut builds {
                    if sources.iter().any(|src| build.is_copied_by(src)) {
                        build.outputs.push(Output::Path(dest.to_string()));
                    }
                }
            }
        }
    }
    builds
}

fn cargo_build(
    ctx: &DockerfileContext,
    index: usize,
    script: &crate::dockerfile::model::ShellScript,
    command: &Command,
) -> Option<Build> {
    let tool = command.tool()?;
    let target = tool.option_value(None, Some("target"));
    let musl = target.is_some_and(|t| t.contains("musl"));
    if command.invokes(&["cargo", "build"]) {
        if !tool.has_flag(Some('r'), Some("release")) && !tool.has_flag(None, Some("profile")) {
            return None;
        }
        let dir = env_value(ctx, index, script, command, "CARGO_TARGET_DIR")
            .or_else(|| {
                tool.option_value(None, Some("target-dir"))
                    .map(str::to_string)
            })
            .filter(|d| !d.is_empty());
        return Some(Build {
            kind: BinaryKind::Rust { musl },
            outputs: vec![Output::CargoTarget(dir)],
        });
    }
    if command.invokes(&["cargo", "install"]) {
        let root = tool
            .option_value(None, Some("root"))
            .map(|r| format!("{}/bin", r.trim_end_matches('/')))
            .or_else(|| {
                env_value(ctx, index, script, command, "CARGO_HOME")
                    .filter(|h| !h.is_empty())
                    .map(|h| format!("{}/bin", h.trim_end_matches('/')))
            })
            .unwrap_or_else(|| "/usr/local/cargo/bin".to_string());
        return Some(Build {
            kind: BinaryKind::Rust { musl },
            outputs: vec![Output::Path(root)],
        });
    }
    None
}

/// What a base image is, as far as the runtime rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Scratch,
    /// `gcr.io/distroless/*`, `cgr.dev/chainguard/static`: no shell, no package manager.
    Distroless,
    /// `alpine` and `*-alpine` tags: busybox, so `wget` but no `curl`.
    Alpine,
    /// `busybox`.
    Busybox,
    /// `debian:*-slim`, `python:*-slim`, `node:*-slim`...: neither curl nor wget.
    Slim,
    /// `debian`, `ubuntu`: a full distribution without curl or wget.
    DebianOrUbuntu,
    /// `fedora`, `centos`, `rockylinux`, `almalinux`, `amazonlinux`, `oraclelinux`: curl included.
    RpmDistro,
    /// Official language images built on `buildpack-deps` (`python:3.12`, `node:20`,
    /// `golang:1.22`, `rust:1`): curl and wget included.
    BuildpackDeps,
    Unknown,
}

/// Language images whose non-slim, non-alpine tags are built on `buildpack-deps`.
const BUILDPACK_IMAGES: &[&str] = &["python", "node", "golang", "rust", "ruby", "buildpack-deps"];
const RPM_DISTROS: &[&str] = &[
    "fedora",
    "centos",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "oraclelinux",
];

/// Classifies the base a stage ultimately stands on.
pub fn image_kind(base: &Base) -> ImageKind {
    let image = match base {
        Base::Scratch => return ImageKind::Scratch,
        Base::Image(image) => image,
        _ => return ImageKind::Unknown,
    };
    let repository = image.repository.to_ascii_lowercase();
    let name = image.name().to_ascii_lowercase();
    let tag = image.tag.as_deref().unwrap_or("").to_ascii_lowercase();
    if repository.contains("distroless") || repository == "chainguard/static" {
        ImageKind::Distroless
    } else if name == "alpine" || tag.contains("alpine") {
        ImageKind::Alpine
    } else if name == "busybox" {
        ImageKind::Busybox
    } else if tag.contains("slim") {
        ImageKind::Slim
    } else if image.registry.is_some() {
        // Another registry's `python` is not the official image.
        ImageKind::Unknown
    } else if matches!(name.as_str(), "debian" | "ubuntu") {
        ImageKind::DebianOrUbuntu
    } else if RPM_DISTROS.contains(&name.as_str()) {
        ImageKind::RpmDistro
    } else if BUILDPACK_IMAGES.contains(&name.as_str())
        && !tag.contains("windows")
        && !tag.contains("nanoserver")
    {
        ImageKind::BuildpackDeps
    } else {
        ImageKind::Unknown
    }
}

/// Whether an image of this kind has `tool` (`curl` or `wget`): `None` when not known.
pub fn image_has(kind: ImageKind, tool: &str) -> Option<bool> {
    match (kind, tool) {
        (ImageKind::Scratch | ImageKind::Distroless | ImageKind::Slim, _) => Some(false),
        (ImageKind::DebianOrUbuntu, _) => Some(false),
        (ImageKind::Alpine | ImageKind::Busybox, "wget") => Some(true),
        (ImageKind::Alpine | ImageKind::Busybox, _) => Some(false),
        (ImageKind::RpmDistro, "curl") => Some(true),
        (ImageKind::BuildpackDeps, "curl" | "wget") => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::model::ImageRef;

    fn kind(text: &str) -> ImageKind {
        image_kind(&Base::Image(ImageRef::parse(text).unwrap()))
    }

    #[test]
    fn images_are_classified_by_name_and_tag() {
        assert_eq!(
            kind("gcr.io/distroless/static-debian12:nonroot"),
            ImageKind::Distroless
        );
        assert_eq!(kind("alpine:3.21"), ImageKind::Alpine);
        assert_eq!(kind("python:3.12-alpine"), ImageKind::Alpine);
        assert_eq!(kind("python:3.13-slim"), ImageKind::Slim);
        assert_eq!(kind("debian:bookworm-slim"), ImageKind::Slim);
        assert_eq!(kind("debian:bookworm"), ImageKind::DebianOrUbuntu);
        assert_eq!(kind("python:3.12"), ImageKind::BuildpackDeps);
        assert_eq!(kind("node:20-bookworm"), ImageKind::BuildpackDeps);
        assert_eq!(kind("ghcr.io/acme/python:3"), ImageKind::Unknown);
        assert_eq!(image_has(ImageKind::Alpine, "wget"), Some(true));
        assert_eq!(image_has(ImageKind::Alpine, "curl"), Some(false));
    }

    #[test]
    fn copied_paths_match_build_outputs() {
        assert!(same_path("/src/server", "server"));
        assert!(same_path("/out", "/out/server"));
        assert!(same_path("/usr/local/cargo/bin/rg", "/usr/local/cargo/bin"));
        assert!(same_path(
            "/app/target/release/app",
            "/app/target/release/app"
        ));
        assert!(!same_path("/app/config.yaml", "/app/server"));
    }
}
