use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, Keyword};
use crate::dockerfile::model::Base;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{complete_scripts, runs};
use crate::shell::Command;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks `RUN` instructions with a pipe (`curl ... | tar x`) for `pipefail`: the stage's
    /// `SHELL` sets `-o pipefail` (also when inherited from the stage it is built on), or the
    /// script runs `set -o pipefail` before the pipe. Stages whose `SHELL` is PowerShell or
    /// `cmd` are left alone.
    ///
    /// hadolint only accepts `SHELL`; ballast also accepts `set -o pipefail` in the same
    /// `RUN`, which has the same effect for that script.
    ///
    /// ## Why is this bad?
    /// A pipeline's exit status is that of its last command. When `curl` fails in
    /// `curl -fsSL $URL | tar xz`, tar reads an empty stream, the step succeeds, and the image
    /// is built without the files. With `pipefail`, any failing command fails the step.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN curl -fsSL https://example.org/tool.tgz | tar -xz -C /usr/local/bin
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.org/tool.tgz | tar -xz -C /usr/local/bin
    /// ```
    ///
    /// ## References
    /// - Seed: `004_c2c591e76364252e.txt` (failures must fail the build, not be hidden)
    /// - [hadolint DL4006](https://github.com/hadolint/hadolint/wiki/DL4006)
    /// - [Docker best practices: using pipes](https://docs.docker.com/build/building/best-practices/#using-pipes)
    pub static RULE = {
        code: "BL1230",
        name: "pipe-without-pipefail",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["DL4006"],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Dockerfile(check),
    }
}

/// What the `SHELL` in effect means for pipes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ShellKind {
    /// A POSIX shell without `pipefail`: the default `/bin/sh -c`.
    Plain,
    /// A shell started with `-o pipefail`.
    Pipefail,
    /// PowerShell or cmd: pipes mean something else.
    Other,
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    // ONBUILD RUN runs with the SHELL of the image that uses this one: unknown here.
    for (index, _) in runs(ctx).filter(|(_, ins)| ins.keyword == Keyword::Run) {
        if shell_at(ctx, index) != ShellKind::Plain {
            continue;
        }
        for script in complete_scripts(ctx, index) {
            let commands = &script.script.commands;
            for (i, command) in commands.iter().enumerate() {
                if command.pipeline_len < 2
                    || command.pipeline_index != 0
                    || script.script.pipefail_before(i)
                    || started_with_pipefail(commands, command)
                {
                    continue;
                }
                let members = commands.iter().filter(|c| c.pipeline == command.pipeline);
                let (start, end) = members
                    .fold((command.span.start, command.span.end), |(s, e), c| {
                        (s.min(c.span.start), e.max(c.span.end))
                    });
                let span: Span = script.span(&(start..end));
                let first = command.program().unwrap_or("the first command");
                out.report(
                    &RULE,
                    span,
                    format!("this pipe hides a failure of `{first}`: only the last command's exit status counts"),
                )
                .help("add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN, or start the script with `set -o pipefail &&`");
            }
        }
    }
}

/// Whether `command` is in the script of a `bash -o pipefail -c '...'` command.
fn started_with_pipefail(commands: &[Command], command: &Command) -> bool {
    command.in_inline_script
        && commands.iter().any(|outer| {
            !std::ptr::eq(outer, command)
                && outer.span.start <= command.span.start
                && command.span.end <= outer.span.end
                && outer.span != command.span
                && outer.program_index().is_some_and(|p| {
                    let words: Vec<&str> = outer.words[p..].iter().map(|w| w.as_str()).collect();
                    kind_of(&words) == ShellKind::Pipefail
                })
        })
}

/// The shell RUN instruction `index` runs with: the last `SHELL` before it in its stage, or
/// in the stages it is built on.
fn shell_at(ctx: &DockerfileContext, index: usize) -> ShellKind {
    let Some(mut stage) = ctx.model.stage_of(index) else {
        return ShellKind::Plain;
    };
    let mut before = index;
    loop {
        let shell = stage
            .instructions(ctx.ast)
            .filter(|(i, ins)| *i < before && ins.keyword == Keyword::Shell)
            .last();
        if let Some((_, ins)) = shell {
            let Args::Command(CommandForm::Exec { args, .. }) = &ins.args else {
                return ShellKind::Plain;
            };
            return kind_of(&args.iter().map(|w| w.value.as_str()).collect::<Vec<_>>());
        }
        match stage.base {
            Base::Stage(parent) => {
                stage = &ctx.model.stages[parent];
                before = usize::MAX;
            }
            _ => return ShellKind::Plain,
        }
    }
}

fn kind_of(args: &[&str]) -> ShellKind {
    let program = args
        .first()
        .map(|p| {
            p.rsplit(['/', '\\'])
                .next()
                .unwrap_or(p)
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let program = program.trim_end_matches(".exe");
    if matches!(program, "pwsh" | "powershell" | "cmd") {
        return ShellKind::Other;
    }
    let pipefail = args.windows(2).any(|w| {
        w[1] == "pipefail"
            && w[0]
                .strip_prefix('-')
                .is_some_and(|g| !g.starts_with('-') && g.ends_with('o'))
    });
    if pipefail {
        ShellKind::Pipefail
    } else {
        ShellKind::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::{kind_of, ShellKind};

    #[test]
    fn shells() {
        assert!(kind_of(&["/bin/bash", "-o", "pipefail", "-c"]) == ShellKind::Pipefail);
        assert!(kind_of(&["/bin/bash", "-euxo", "pipefail", "-c"]) == ShellKind::Pipefail);
        assert!(kind_of(&["/bin/sh", "-c"]) == ShellKind::Plain);
        assert!(kind_of(&["pwsh", "-Command"]) == ShellKind::Other);
        assert!(kind_of(&["cmd", "/S", "/C"]) == ShellKind::Other);
    }

    #[test]
    fn pipes_inside_bash_with_pipefail_are_covered() {
        let script =
            crate::shell::parse("bash -o pipefail -c 'curl -fsSL x | tar -xz' && echo a | cat");
        let inner = script
            .commands
            .iter()
            .find(|c| c.program() == Some("curl"))
            .unwrap();
        let outer = script
            .commands
            .iter()
            .find(|c| c.program() == Some("echo"))
            .unwrap();
        assert!(super::started_with_pipefail(&script.commands, inner));
        assert!(!super::started_with_pipefail(&script.commands, outer));
    }
}
