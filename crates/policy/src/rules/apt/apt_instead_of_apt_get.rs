use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::run_commands;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks for `apt` (the interactive front end) in `RUN`, where `apt-get` or `apt-cache`
    /// belong.
    ///
    /// ## Why is this bad?
    /// `apt` is made for people at a terminal: its output and behaviour may change between
    /// releases, and it warns "apt does not have a stable CLI interface. Use with caution in
    /// scripts." `apt-get` and `apt-cache` are the stable interfaces for scripts such as a
    /// Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN apt update && apt install -y curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3027](https://github.com/hadolint/hadolint/wiki/DL3027)
    /// - [apt(8): script usage](https://manpages.debian.org/bookworm/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS)
    pub static RULE = {
        code: "BL1211",
        name: "apt-instead-of-apt-get",
        severity: Warning,
        tags: ["maintainability"],
        aliases: ["DL3027"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// Subcommands `apt-get` has under the same name, so the fix is a rename.
const SAME_IN_APT_GET: &[&str] = &[
    "install",
    "remove",
    "purge",
    "update",
    "upgrade",
    "dist-upgrade",
    "autoremove",
    "clean",
    "autoclean",
    "source",
    "build-dep",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        if run.command.program() != Some("apt") {
            continue;
        }
        let Some(word) = run.program_word() else {
            continue;
        };
        let span = run.span(word);
        let finding = out
            .report(
                &RULE,
                span,
                "`apt` is meant for terminals and has no stable interface for scripts",
            )
            .help("use `apt-get` (or `apt-cache` for search and show)");
        let subcommand = run.command.subcommand();
        if word.is_plain()
            && ctx.text(span).ends_with("apt")
            && subcommand.is_some_and(|s| SAME_IN_APT_GET.contains(&s))
        {
            finding.fix(
                "use apt-get",
                vec![(Span::empty(span.end), "-get".to_string())],
            );
        }
    }
}
