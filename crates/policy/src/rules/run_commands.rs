//! Helpers for the rules about what RUN instructions run: walking their commands, reading
//! package operands, looking at cache mounts, building small fixes.

use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Instruction, Keyword};
use crate::dockerfile::model::ShellScript;
use crate::engine::{Diagnostics, RawFinding};
use crate::rules::Rule;
use crate::shell::{Command, Redirect, Tool, Word};
use crate::span::Span;

/// One simple command of a RUN instruction, with where it comes from.
pub struct RunCommand<'a> {
    /// Index of the RUN in `Dockerfile::instructions`.
    pub index: usize,
    pub ins: &'a Instruction,
    pub script: &'a ShellScript,
    /// Index of the command in `script.script.commands`.
    pub position: usize,
    pub command: &'a Command,
}

impl<'a> RunCommand<'a> {
    /// The source span of a word of this command.
    pub fn span(&self, word: &Word) -> Span {
        self.script.span(&word.span)
    }

    /// The word naming the program that runs (past wrappers such as `sudo`).
    pub fn program_word(&self) -> Option<&'a Word> {
        self.command.words.get(self.command.program_index()?)
    }

    /// The first operand of the normalized tool when it is one of `names`: the `install`
    /// word of `apt-get -y install curl`. `tool` is the normalized tool name (`pip` for
    /// `python3 -m pip`).
    pub fn subcommand(&self, tool: &str, names: &[&str]) -> Option<&'a Word> {
        let t = self.command.tool()?;
        if t.name != tool {
            return None;
        }
        t.positional_args()
            .next()
            .filter(|w| names.contains(&w.as_str()))
    }

    /// Like [`RunCommand::subcommand`], for tools whose global options before the subcommand
    /// take values the shell parser's tables do not know: `value_options` lists them.
    pub fn subcommand_with(
        &self,
        tool: &str,
        names: &[&str],
        value_options: &[&str],
    ) -> Option<&'a Word> {
        let t = self.command.tool()?;
        if t.name != tool {
            return None;
        }
        operand_iter(t.args, value_options)
            .next()
            .filter(|w| names.contains(&w.as_str()))
    }
}

/// The RUN instructions of the file with their index, `ONBUILD RUN` included (as in hadolint:
/// it runs in every build that uses the image).
pub fn runs<'a>(
    ctx: &'a DockerfileContext<'a>,
) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
    ctx.ast
        .instructions
        .iter()
        .enumerate()
        .filter(|(_, ins)| match (&ins.keyword, &ins.args) {
            (Keyword::Run, _) => true,
            (Keyword::Onbuild, Args::Onbuild(inner)) => inner.keyword == Keyword::Run,
            _ => false,
        })
}

/// The scripts of instruction `index` that the shell parser fully understood: rules say
/// nothing about a script they could not read.
pub fn complete_scripts<'a>(
    ctx: &'a DockerfileContext<'a>,
    index: usize,
) -> impl Iterator<Item = &'a ShellScript> + 'a {
    ctx.model
        .scripts(index)
        .iter()
        .filter(|s| s.script.complete)
}

/// The commands of one RUN instruction, over all its complete scripts.
pub fn commands_of<'a>(
    ctx: &'a DockerfileContext<'a>,
    index: usize,
    ins: &'a Instruction,
) -> impl Iterator<Item = RunCommand<'a>> + 'a {
    complete_scripts(ctx, index).flat_map(move |script| {
        script
            .script
            .commands
            .iter()
            .enumerate()
            .map(move |(position, command)| RunCommand {
                index,
                ins,
                script,
                position,
                command,
            })
    })
}

/// Every command of every RUN instruction, in source order.
pub fn run_commands<'a>(
    ctx: &'a DockerfileContext<'a>,
) -> impl Iterator<Item = RunCommand<'a>> + 'a {
    runs(ctx).flat_map(move |(index, ins)| commands_of(ctx, index, ins))
}

/// The operands of a tool: its arguments that are not options, skipping the values of the
/// options in `value_options` written as separate words (`--virtual .deps`). Arguments after
/// `--` are all operands. The first operand is usually the subcommand.
pub fn operands<'a>(args: &'a [Word], value_options: &[&str]) -> Vec<&'a Word> {
    operand_iter(args, value_options).collect()
}

/// [`operands`] without collecting them.
fn operand_iter<'a, 'o>(
    args: &'a [Word],
    value_options: &'o [&'o str],
) -> impl Iterator<Item = &'a Word> + use<'a, 'o> {
    let mut words = args.iter();
    let mut options_done = false;
    std::iter::from_fn(move || {
        while let Some(word) = words.next() {
            let value = word.as_str();
            if options_done || !value.starts_with('-') || value == "-" {
                return Some(word);
            } else if value == "--" {
                options_done = true;
            } else if value_options.contains(&value) {
                words.next();
            }
        }
        None
    })
}

/// The operands of `tool` after its subcommand (the packages of `apk add --virtual .d curl`).
pub fn packages_after_subcommand<'a>(tool: &Tool<'a>, value_options: &[&str]) -> Vec<&'a Word> {
    operands(tool.args, value_options)
        .into_iter()
        .skip(1)
        .collect()
}

/// The values a package operand stands for. A literal word is itself; a word with an
/// expansion is expanded with the ARG/ENV values known at the instruction and split on
/// whitespace, and gives `None` when its value is not known (a shell variable, an ARG without
/// default): rules then say nothing about it.
pub fn package_values(ctx: &DockerfileContext, index: usize, word: &Word) -> Option<Vec<String>> {
    if !word.has_expansion {
        return Some(vec![word.value.clone()]);
    }
    let expanded = ctx.model.expand_at(index, &word.value);
    if !expanded.is_known() || expanded.value.contains(['$', '`']) {
        return None;
    }
    Some(
        expanded
            .value
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    )
}

/// What one `*-unpinned-package` rule looks for: the packages of `tool subcommand ...`.
pub struct UnpinnedPackages<'s> {
    /// The normalized tool name (`pip` for `python3 -m pip`).
    pub tool: &'s str,
    /// The installing subcommands.
    pub subcommands: &'s [&'s str],
    /// The tool's options whose value is the next word.
    pub value_options: &'s [&'s str],
    /// Commands the rule passes over whole (pip's `-r requirements.txt`).
    pub skip: fn(&Tool) -> bool,
    pub is_pinned: fn(&str) -> bool,
    /// The help for one unpinned package.
    pub help: fn(&str) -> String,
}

/// The skeleton of the `*-unpinned-package` rules: every package operand of an installing
/// command (its values through ARG/ENV when it has an expansion; operands the shell cut at a
/// glued `>`/`<` are left out) that `is_pinned` rejects is reported on its word.
pub fn report_unpinned_packages(
    ctx: &DockerfileContext,
    out: &mut Diagnostics,
    rule: &'static Rule,
    want: &UnpinnedPackages,
) {
    for run in run_commands(ctx) {
        if run.subcommand(want.tool, want.subcommands).is_none() {
            continue;
        }
        let Some(tool) = run.command.tool() else {
            continue;
        };
        if (want.skip)(&tool) {
            continue;
        }
        for word in packages_after_subcommand(&tool, want.value_options) {
            if glued_redirect(run.command, word).is_some() {
                continue;
            }
            let Some(values) = package_values(ctx, run.index, word) else {
                continue;
            };
            for package in values.iter().filter(|p| !(want.is_pinned)(p)) {
                out.report(
                    rule,
                    run.span(word),
                    format!("`{package}` is installed without a version, so each build may get a different one"),
                )
                .help((want.help)(package));
            }
        }
    }
}

/// The `>` or `<` redirect written right after `word` with no space (`pkg>=1.0`): the shell
/// cut a version constraint off the word and made it a redirect.
pub fn glued_redirect<'a>(command: &'a Command, word: &Word) -> Option<&'a Redirect> {
    command.redirects.iter().find(|r| match r {
        Redirect::File {
            fd: None, op, span, ..
        } => (op == ">" || op == "<") && span.start == word.span.end && !word.span.is_empty(),
        _ => false,
    })
}

/// Whether instruction `ins` has a cache (or tmpfs) mount whose target is one of `targets` or
/// inside one of them.
pub fn has_cache_mount(ins: &Instruction, targets: &[&str]) -> bool {
    ins.mounts().iter().any(|m| {
        matches!(m.kind(), "cache" | "tmpfs")
            && m.target().is_some_and(|t| {
                let t = t.trim_end_matches('/');
                targets.iter().any(|want| {
                    t == *want || t.strip_prefix(want).is_some_and(|r| r.starts_with('/'))
                })
            })
    })
}

/// Whether one of `commands` removes a path under `dir` (`rm -rf /var/cache/yum/*`).
pub fn removes_dir<'a>(mut commands: impl Iterator<Item = &'a Command>, dir: &str) -> bool {
    commands.any(|c| {
        c.program() == Some("rm")
            && c.args().iter().any(|w| {
                w.as_str().trim_end_matches(['*', '/']) == dir
                    || w.as_str()
                        .strip_prefix(dir)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
    })
}

/// Whether the command's stdin comes from `yes` (`yes | apt-get install curl`).
pub fn fed_by_yes(script: &ShellScript, position: usize) -> bool {
    let commands = &script.script.commands;
    let Some(command) = commands.get(position) else {
        return false;
    };
    command.pipeline_index > 0
        && commands[..position].iter().rev().any(|c| {
            c.pipeline == command.pipeline
                && c.pipeline_index + 1 == command.pipeline_index
                && c.program() == Some("yes")
        })
}

/// Reports `message` on `word` of `run` for a missing `flag`, with a fix that adds the flag
/// right after the word when its place is sure (see [`insert_after`]).
pub fn report_missing_flag<'d>(
    ctx: &DockerfileContext,
    out: &'d mut Diagnostics,
    rule: &'static Rule,
    run: &RunCommand,
    word: &Word,
    flag: &str,
    message: impl Into<String>,
) -> &'d mut RawFinding {
    let span = run.span(word);
    let finding = out.report(rule, span, message);
    if let Some(edit) = insert_after(ctx, span, word, &format!(" {flag}")) {
        finding.fix(format!("add {flag}"), vec![edit]);
    }
    finding
}

/// An edit inserting `text` right after `word`, when the word's source text is exactly its
/// value (no quotes or escapes, not inside a re-quoted `sh -c` string), so the place is sure.
pub fn insert_after(
    ctx: &DockerfileContext,
    span: Span,
    word: &Word,
    text: &str,
) -> Option<(Span, String)> {
    (ctx.text(span) == word.value).then(|| (Span::empty(span.end), text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell;

    fn values(words: Vec<&Word>) -> Vec<&str> {
        words.into_iter().map(Word::as_str).collect()
    }

    #[test]
    fn operands_skip_options_and_their_values() {
        let script = shell::parse("apk add --no-cache --virtual .deps -X repo curl -- -weird");
        let args = script.commands[0].args();
        assert_eq!(
            values(operands(args, &["--virtual", "-X"])),
            ["add", "curl", "-weird"]
        );
    }

    #[test]
    fn glued_redirects_are_found_only_without_a_space() {
        let script = shell::parse("pip install pkg>=1.0 other >log");
        let c = &script.commands[0];
        assert!(glued_redirect(c, &c.words[2]).is_some());
        assert!(glued_redirect(c, &c.words[3]).is_none());
    }

    #[test]
    fn yes_piped_into_a_command_is_seen() {
        let parsed = shell::parse("yes | apt-get install curl && echo | apt-get install git");
        let script = ShellScript {
            script: parsed,
            text: crate::dockerfile::ast::SourceText::contiguous("", 0),
            origin: crate::dockerfile::model::ScriptOrigin::Command,
        };
        assert!(fed_by_yes(&script, 1));
        assert!(!fed_by_yes(&script, 3));
    }

    #[test]
    fn rm_of_a_cache_directory_is_seen() {
        let script = shell::parse("yum clean all; rm -rf /var/cache/yum/* /tmp/x");
        assert!(removes_dir(script.commands.iter(), "/var/cache/yum"));
        assert!(!removes_dir(script.commands.iter(), "/var/cache/dnf"));
    }
}
