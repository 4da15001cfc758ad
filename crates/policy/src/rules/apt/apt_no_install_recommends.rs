use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::run_scripts;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks that `apt-get install` (and `apt install`) passes `--no-install-recommends` (or
    /// `-o APT::Install-Recommends=false`), unless an earlier RUN of the file configures
    /// `APT::Install-Recommends` in apt's configuration (a file under `/etc/apt/apt.conf.d/`).
    ///
    /// Unlike hadolint, `apt install` is checked too: it installs recommendations the same way
    /// (that `apt` itself should be `apt-get` is `apt-instead-of-apt-get`'s business).
    ///
    /// ## Why is this bad?
    /// By default apt also installs every package the requested ones merely *recommend*:
    /// documentation, X11 libraries, compilers. They make the image larger (often by hundreds of
    /// megabytes), slow down the build and pull, and widen what a vulnerability scanner finds.
    /// Seed 003 requires `--no-install-recommends` in every `apt-get install`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - Seed: `003_37cda6fe4f0eb3cb.txt`
    /// - [hadolint DL3015](https://github.com/hadolint/hadolint/wiki/DL3015)
    pub static RULE = {
        code: "BL1107",
        name: "apt-no-install-recommends",
        severity: Info,
        tags: ["size"],
        aliases: ["DL3015"],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let mut configured_before = usize::MAX;
    for (i, ins) in ctx.ast.instructions.iter().enumerate() {
        let text = ctx.text(ins.span);
        if text.contains("Install-Recommends") && text.contains("apt.conf") {
            configured_before = i;
            break;
        }
    }
    for run in run_scripts(ctx) {
        if run.index > configured_before {
            continue;
        }
        for command in &run.script.script.commands {
            if !command.invokes(&["apt-get", "install"]) && !command.invokes(&["apt", "install"]) {
                continue;
            }
            if command.has_flag(None, Some("no-install-recommends")) {
                continue;
            }
            let Some(tool) = command.tool() else { continue };
            if tool.args.iter().any(|w| {
                w.as_str().contains("Install-Recommends=false")
                    || w.as_str().contains("Install-Recommends=0")
            }) {
                continue;
            }
            let Some(install) = tool.args.iter().find(|w| w.as_str() == "install") else {
                continue;
            };
            let at = run.script.span(&install.span);
            let finding = out.report(
                &RULE,
                run.script.span(&command.span),
                "`apt-get install` also installs recommended packages",
            );
            finding.help("add `--no-install-recommends` and list the packages you need explicitly");
            if install.is_plain() {
                finding.fix(
                    "add `--no-install-recommends`",
                    vec![(
                        Span::new(at.end, at.end),
                        " --no-install-recommends".to_string(),
                    )],
                );
            }
        }
    }
}
