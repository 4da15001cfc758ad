use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{glued_redirect, run_commands};
use crate::shell::Redirect;

declare_rule! {
    /// ## What it does
    /// Checks package installs for a version constraint the shell turned into a redirect:
    /// `pip install flask>=3.0` is `pip install flask` with its output written to a file
    /// named `=3.0`, and `apk add curl<9` reads its input from a file named `9`.
    ///
    /// ## Why is this bad?
    /// `>` and `<` are redirections unless quoted. The constraint silently disappears: the
    /// newest version is installed, a stray file such as `=3.0` lands in the image, and the
    /// build log loses the install's output. Quote the requirement: `'flask>=3.0'`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask>=3.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir 'flask>=3.0'
    /// ```
    ///
    /// ## References
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    /// - [POSIX shell: redirection](https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_07)
    pub static RULE = {
        code: "BL1231",
        name: "unquoted-version-specifier",
        severity: Error,
        tags: ["correctness", "reproducibility"],
        aliases: [],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// Tools whose operands are package requirements that may carry `<`/`>` constraints.
const INSTALLERS: &[&str] = &[
    "pip",
    "uv",
    "pipx",
    "poetry",
    "pipenv",
    "pdm",
    "conda",
    "mamba",
    "micromamba",
    "npm",
    "pnpm",
    "yarn",
    "bun",
    "apk",
    "zypper",
    "dnf",
    "yum",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        let Some(tool) = run.command.tool() else {
            continue;
        };
        if !INSTALLERS.contains(&tool.name) {
            continue;
        }
        for word in tool.args {
            let Some(Redirect::File { op, target, .. }) = glued_redirect(run.command, word) else {
                continue;
            };
            if !target
                .value
                .starts_with(|c: char| c == '=' || c.is_ascii_digit())
            {
                continue;
            }
            let requirement = format!("{}{op}{}", word.value, target.value);
            let span = run.span(word).cover(run.span(target));
            let effect = if op == ">" {
                format!(
                    "writes the install's output to a file named `{}`",
                    target.value
                )
            } else {
                format!(
                    "reads the install's input from a file named `{}`",
                    target.value
                )
            };
            let finding = out
                .report(
                    &RULE,
                    span,
                    format!("the shell reads `{op}{}` as a redirect that {effect}, so `{}` is installed without the constraint", target.value, word.value),
                )
                .help(format!("quote the requirement: `'{requirement}'`"));
            if word.is_plain() && target.is_plain() && ctx.text(span) == requirement {
                finding.fix(
                    "quote the requirement",
                    vec![(span, format!("'{requirement}'"))],
                );
            }
        }
    }
}
