use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::run_scripts;
use crate::shell::{Command, Connector, Script};

declare_rule! {
    /// ## What it does
    /// Checks RUN commands whose failure is hidden: `cmd || true`, `cmd || :`, `cmd || exit 0`,
    /// or a script that ends with `; exit 0` / `; true` (without `set -e`).
    ///
    /// Commands whose failure usually means "nothing to do" are accepted: removing files or
    /// packages that may be absent (`rm`, `rmdir`, `unlink`, `apt-get purge`/`remove`,
    /// `apk del`, `pip uninstall`, `userdel`, `groupdel`), probes (`command -v`, `which`,
    /// `type`, `hash`, `test`/`[`, `grep`, `id`, `getent`), `kill`/`pkill` and `mkdir`; and
    /// retry loops, where `cmd && break || :` moves on to the next mirror or key server.
    ///
    /// ## Why is this bad?
    /// The build goes green while a step failed: the image ships without the package, the
    /// compiled asset or the migration, and the problem surfaces at run time in production.
    /// Seed 004 explicitly rejects `|| true` as a way to make a failing CI build pass: fix the
    /// cause instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm run build || true
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY . .
    /// RUN rm -f .env.local || true
    /// RUN npm run build
    /// ```
    ///
    /// ## References
    /// - Seed: `004_c2c591e76364252e.txt`
    pub static RULE = {
        code: "BL1111",
        name: "error-suppressed",
        severity: Warning,
        tags: ["correctness"],
        aliases: [],
        seeds: ["004_c2c591e76364252e.txt"],
        check: Dockerfile(check),
    }
}

/// Whether a failure of `command` is harmless: it had nothing to remove, find or stop.
fn benign(command: &Command) -> bool {
    match command.program() {
        Some(
            "rm" | "rmdir" | "unlink" | "which" | "type" | "hash" | "test" | "[" | "[[" | "grep"
            | "id" | "getent" | "kill" | "pkill" | "killall" | "mkdir" | "userdel" | "groupdel"
            | "deluser" | "delgroup" | "true" | ":" | "echo" | "printf" | "set",
        ) => true,
        Some("command") => true,
        _ => {
            command.invokes(&["apt-get", "purge"])
                || command.invokes(&["apt-get", "remove"])
                || command.invokes(&["apt-get", "autoremove"])
                || command.invokes(&["apk", "del"])
                || command.invokes(&["pip", "uninstall"])
        }
    }
}

/// The commands a no-op at `k` hides the failure of.
fn hidden_by(script: &Script, k: usize) -> Vec<usize> {
    let noop = &script.commands[k];
    if noop.connector == Some(Connector::Or) {
        return (0..k)
            .filter(|&j| script.commands[j].and_or == noop.and_or && script.failure_ignored(j))
            .collect();
    }
    let last_top_level = script.commands.iter().rposition(|c| c.depth == 0);
    if last_top_level != Some(k) || noop.connector != Some(Connector::Sequence) {
        return Vec::new();
    }
    // Without `set -e` only the status of the list just before `exit 0` was going to fail the
    // build: that is what it hides.
    let Some(previous) = (0..k).rev().find(|&j| script.commands[j].depth == 0) else {
        return Vec::new();
    };
    let list = script.commands[previous].and_or;
    (0..k)
        .filter(|&j| script.commands[j].and_or == list && script.failure_ignored(j))
        .filter(|&j| !script.fallback(j).is_some_and(Command::is_noop_success))
        .collect()
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_scripts(ctx) {
        let script = &run.script.script;
        for (k, noop) in script.commands.iter().enumerate() {
            if !noop.is_noop_success() {
                continue;
            }
            // A retry loop: `cmd && break || :` tries the next mirror.
            let retry = script.commands.iter().any(|c| {
                c.and_or == noop.and_or && matches!(c.program(), Some("break" | "continue"))
            });
            if retry {
                continue;
            }
            let hidden: Vec<&Command> = hidden_by(script, k)
                .into_iter()
                .map(|j| &script.commands[j])
                .filter(|c| !benign(c))
                .collect();
            let Some(first) = hidden.first() else {
                continue;
            };
            let noop_text: Vec<&str> = noop.words.iter().map(|w| w.as_str()).collect();
            let operator = if noop.connector == Some(Connector::Or) {
                "||"
            } else {
                ";"
            };
            let shown = first
                .tool()
                .map(|t| match t.subcommand() {
                    Some(sub) if !sub.contains(['/', '$']) => format!("{} {sub}", t.name),
                    _ => t.name.to_string(),
                })
                .unwrap_or_else(|| "the command".to_string());
            out.report(
                &RULE,
                run.script.span(&noop.span),
                format!(
                    "`{operator} {}` hides a failure of `{shown}`, so a broken step still produces an image",
                    noop_text.join(" ")
                ),
            )
            .help("let the step fail; if a failure is expected, test for that case explicitly (`if [ -f x ]; then ...; fi`)")
            .related(run.script.span(&first.span), "this failure is hidden");
        }
    }
}
