use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{fed_by_yes, run_commands};

declare_rule! {
    /// ## What it does
    /// Checks that `zypper install`, `remove`, `source-install` and `patch` (and their short
    /// names) run non-interactively: with `-y` / `--no-confirm` after the subcommand, or the
    /// global `-n` / `--non-interactive` before it.
    ///
    /// hadolint accepts only `-y` and `--no-confirm`; ballast also accepts the global
    /// `--non-interactive`, which answers every question, not only the confirmation.
    ///
    /// ## Why is this bad?
    /// Without it, zypper asks "Continue? [y/n/v/...? shows all options] (y)" and a build has
    /// no one to answer: the build fails or hangs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper --non-interactive install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3034](https://github.com/hadolint/hadolint/wiki/DL3034)
    /// - [zypper(8): global options](https://en.opensuse.org/SDB:Zypper_manual)
    pub static RULE = {
        code: "BL1217",
        name: "zypper-missing-yes",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["DL3034"],
        seeds: [],
        check: Dockerfile(check),
    }
}

const ASKING: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        let Some(word) = run.subcommand_with("zypper", ASKING, super::ZYPPER_VALUE_OPTIONS) else {
            continue;
        };
        let Some(tool) = run.command.tool() else {
            continue;
        };
        let at = tool
            .args
            .iter()
            .position(|w| std::ptr::eq(w, word))
            .unwrap_or(0);
        let global_non_interactive = tool.args[..at].iter().any(|w| {
            let v = w.as_str();
            v == "--non-interactive"
                || v.strip_prefix('-')
                    .is_some_and(|g| !g.starts_with('-') && g.contains('n'))
        });
        let confirmed = tool.args[at..]
            .iter()
            .take_while(|w| w.as_str() != "--")
            .any(|w| {
                let v = w.as_str();
                v == "--no-confirm"
                    || v.strip_prefix('-')
                        .is_some_and(|g| !g.starts_with('-') && g.contains('y'))
            });
        if global_non_interactive || confirmed || fed_by_yes(run.script, run.position) {
            continue;
        }
        out.report(
            &RULE,
            run.span(word),
            format!(
                "`zypper {}` without `-y` or `--non-interactive` aborts the build when it asks",
                word.value
            ),
        )
        .help(format!(
            "write `zypper --non-interactive {}` (or add `-y` after the subcommand)",
            word.value
        ));
    }
}
