//! What the package-manager and build rules share: the RUN scripts of a file, environment
//! variables as a command sees them, cache mounts, and package names.

use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Instruction, Keyword, Mount};
use crate::dockerfile::model::{Base, ShellScript, Stage};
use crate::shell::Command;

/// A complete (fully understood) shell script of a RUN instruction.
pub struct RunScript<'a> {
    pub index: usize,
    pub ins: &'a Instruction,
    pub stage: &'a Stage,
    pub script: &'a ShellScript,
}

/// Every complete RUN script of `stage`, in order.
pub fn stage_run_scripts<'a>(
    ctx: &'a DockerfileContext<'a>,
    stage: &'a Stage,
) -> impl Iterator<Item = RunScript<'a>> + 'a {
    stage
        .instructions(ctx.ast)
        .filter(|(_, ins)| ins.keyword == Keyword::Run)
        .flat_map(move |(index, ins)| {
            ctx.model
                .scripts(index)
                .iter()
                .filter(|s| s.script.complete)
                .map(move |script| RunScript {
                    index,
                    ins,
                    stage,
                    script,
                })
        })
}

/// Every complete RUN script of the file.
pub fn run_scripts<'a>(ctx: &'a DockerfileContext<'a>) -> impl Iterator<Item = RunScript<'a>> + 'a {
    ctx.model
        .stages
        .iter()
        .flat_map(move |stage| stage_run_scripts(ctx, stage))
}

/// The final stage and the stages it is built on (`FROM builder`): their files end up in the
/// image. Stages only copied from are not included.
pub fn image_stages<'a>(ctx: &'a DockerfileContext<'a>) -> Vec<&'a Stage> {
    let mut out = Vec::new();
    let mut stage = ctx.model.final_stage();
    while let Some(s) = stage {
        out.push(s);
        stage = match s.base {
            Base::Stage(parent) => ctx.model.stages.get(parent),
            _ => None,
        };
    }
    out
}

/// The value of environment variable `name` when `command` of instruction `index` runs: an
/// assignment prefix (`PIP_NO_CACHE_DIR=1 pip install`, `env X=1 pip`), an `export` earlier in
/// the script, then ENV/ARG in scope. `Some("")` when declared with an unknown value.
pub fn env_value(
    ctx: &DockerfileContext,
    index: usize,
    script: &ShellScript,
    command: &Command,
    name: &str,
) -> Option<String> {
    let assigned = |w: &crate::shell::Word| {
        w.as_str()
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('='))
            .map(str::to_string)
    };
    if let Some(v) = command.assignments.iter().find_map(assigned) {
        return Some(v);
    }
    let end = command.program_index().unwrap_or(0);
    if let Some(v) = command.words[..end.min(command.words.len())]
        .iter()
        .find_map(assigned)
    {
        return Some(v);
    }
    let exported = script
        .script
        .commands
        .iter()
        .take_while(|c| c.span.start < command.span.start)
        .filter(|c| c.program() == Some("export"))
        .flat_map(|c| c.args().iter())
        .filter_map(assigned)
        .last();
    if exported.is_some() {
        return exported;
    }
    ctx.model
        .variable_at(index, name)
        .map(|v| v.value.clone().unwrap_or_default())
}

/// Whether an environment value turns a boolean setting on (`1`, `true`, `yes`, `on`).
pub fn truthy(value: &str) -> bool {
    matches!(
        value
            .trim_matches(['"', '\''])
            .to_ascii_lowercase()
            .as_str(),
        "1" | "true" | "yes" | "on"
    )
}

/// The `type=cache` mounts of a RUN with their targets expanded.
pub fn cache_targets(ctx: &DockerfileContext, index: usize, ins: &Instruction) -> Vec<String> {
    ins.mounts()
        .iter()
        .filter(|m: &&Mount| m.kind().eq_ignore_ascii_case("cache"))
        .filter_map(|m| m.target())
        .map(|t| {
            ctx.model
                .expand_at(index, t)
                .value
                .trim_end_matches('/')
                .to_string()
        })
        .collect()
}

/// Whether a mount at `target` holds `dir`. `dir` may start with `~/`: any home directory
/// (`/root`, `/home/<user>`) or a relative target (under WORKDIR) ending the same way counts.
pub fn covers(target: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    let under = |base: &str, path: &str| {
        path == base || (path.starts_with(base) && path[base.len()..].starts_with('/'))
    };
    if target.is_empty() {
        return false;
    }
    match dir.strip_prefix("~/") {
        None => under(target, dir),
        Some(rel) => {
            let homes = ["/root".to_string()];
            let home_target = target
                .strip_prefix("/home/")
                .and_then(|rest| rest.split_once('/').map(|(_, r)| r))
                .or_else(|| target.strip_prefix("/root/"))
                .or_else(|| target.strip_prefix("$HOME/"))
                .or_else(|| target.strip_prefix("~/"));
            if let Some(inner) = home_target {
                return under(inner, rel);
            }
            if target.starts_with('/') {
                return homes.iter().any(|h| under(target, h));
            }
            // A relative target is under WORKDIR, which may be the home directory.
            under(target.trim_start_matches("./"), rel)
        }
    }
}

/// Whether any of `targets` holds `dir`.
pub fn any_covers(targets: &[String], dir: &str) -> bool {
    targets.iter().any(|t| covers(t, dir))
}

/// A package name without its version or architecture: `gcc=4:12` → `gcc`,
/// `musl-dev~=1.2` → `musl-dev`, `libpq-dev:amd64` → `libpq-dev`.
pub fn package_name(word: &str) -> &str {
    let end = word
        .find(['=', '<', '>', '~', '!', ':', '['])
        .unwrap_or(word.len());
    &word[..end]
}

/// The packages a system package manager installs: `(package words, remove?)` for
/// `apt-get/apt install`, `apk add`, `yum/dnf/microdnf install` (and the removal commands).
pub fn system_packages(command: &Command) -> Option<(Vec<&crate::shell::Word>, bool)> {
    let tool = command.tool()?;
    let (install, remove): (&[&str], &[&str]) = match tool.name {
        "apt-get" | "apt" => (&["install"], &["remove", "purge", "autoremove"]),
        "apk" => (&["add"], &["del"]),
        "yum" | "dnf" | "microdnf" | "zypper" => (&["install", "in"], &["remove", "erase", "rm"]),
        _ => return None,
    };
    let mut positional = tool.positional_args();
    let sub = positional.next()?.as_str();
    let removing = if install.contains(&sub) {
        false
    } else if remove.contains(&sub) {
        true
    } else {
        return None;
    };
    Some((positional.collect(), removing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_targets_cover_directories_and_homes() {
        assert!(covers("/root/.cache/pip", "~/.cache/pip"));
        assert!(covers("/root/.cache", "~/.cache/pip"));
        assert!(covers("/home/app/.cache/pip", "~/.cache/pip"));
        assert!(covers("/root", "~/.npm"));
        assert!(!covers("/root/.cache/uv", "~/.cache/pip"));
        assert!(!covers("/root/.cache/pipx", "~/.cache/pip"));
        assert!(covers(".yarn/cache", "~/.yarn/cache"));
        assert!(covers("/var/cache/apt", "/var/cache/apt"));
        assert!(covers("/var/cache", "/var/cache/apt"));
        assert!(!covers("/var/cache/apt/archives", "/var/cache/apt"));
        assert!(!covers("", "/go/pkg/mod"));
    }

    #[test]
    fn env_values_come_from_prefixes_exports_and_env() {
        let source = "FROM python:3.12-slim AS base\nENV PIP_CACHE_DIR=/cache/pip\nFROM base\nRUN export UV_CACHE_DIR=/u && X=1 env Y=2 uv sync\n";
        let ast = crate::dockerfile::parse(source);
        let model = crate::dockerfile::model::DockerfileModel::build(&ast, source);
        let config = crate::config::Config::default();
        let ctx = DockerfileContext {
            path: "Dockerfile",
            source,
            ast: &ast,
            model: &model,
            config: &config,
        };
        let script = &model.scripts(3)[0];
        let command = &script.script.commands[1];
        let env = |name| env_value(&ctx, 3, script, command, name);
        assert_eq!(env("X").as_deref(), Some("1"));
        assert_eq!(env("Y").as_deref(), Some("2"));
        assert_eq!(env("UV_CACHE_DIR").as_deref(), Some("/u"));
        // ENV carries over from the parent stage.
        assert_eq!(env("PIP_CACHE_DIR").as_deref(), Some("/cache/pip"));
        assert_eq!(env("HF_HOME"), None);
    }

    #[test]
    fn package_names_drop_versions() {
        assert_eq!(package_name("gcc=4:12.2"), "gcc");
        assert_eq!(package_name("libpq-dev:amd64"), "libpq-dev");
        assert_eq!(package_name("build-base>=1"), "build-base");
        assert_eq!(package_name("make"), "make");
    }
}
