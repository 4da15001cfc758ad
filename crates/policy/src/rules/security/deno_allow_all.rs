use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, Keyword};
use crate::engine::Diagnostics;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks for `deno run -A` / `--allow-all` (also `deno serve`, `deno compile`, `deno test`
    /// and Deno 2's implicit `deno -A main.ts`) in RUN, CMD and ENTRYPOINT, in shell and exec
    /// form. Flags after the script name belong to the script and are not read.
    ///
    /// ## Why is this bad?
    /// Deno's permission model is its main security feature: a compromised dependency can only
    /// reach the network, files and environment variables it was granted. `--allow-all` throws
    /// that away, and `deno compile -A` bakes it into the binary. Seed 001 replaces `--allow-all`
    /// in every Deno service with the permissions it needs: `--allow-net`,
    /// `--allow-read=/app,/run/secrets`, `--allow-write=...`, `--allow-env`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM denoland/deno:2.1.4
    /// WORKDIR /app
    /// COPY . .
    /// USER deno
    /// CMD ["deno", "run", "--allow-all", "main.ts"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM denoland/deno:2.1.4
    /// WORKDIR /app
    /// COPY . .
    /// USER deno
    /// CMD ["deno", "run", "--allow-net", "--allow-read=/app,/run/secrets", "--allow-env", "main.ts"]
    /// ```
    ///
    /// ## References
    /// - Seed: `001_44158710fcc909dd.txt`
    /// - [Deno: Security and permissions](https://docs.deno.com/runtime/fundamentals/security/)
    pub static RULE = {
        code: "BL1100",
        name: "deno-allow-all",
        severity: Warning,
        tags: ["security"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

/// Deno options that take the next word as their value.
const TAKES_VALUE: &[&str] = &[
    "-c",
    "--config",
    "--import-map",
    "--lock",
    "--cert",
    "--location",
    "-L",
    "--log-level",
    "-o",
    "--output",
    "--target",
];

/// The index in `args` (the words after `deno`) of the flag granting every permission.
pub(crate) fn allow_all(args: &[&str]) -> Option<usize> {
    let start = match args.first() {
        Some(&("run" | "serve" | "compile" | "test" | "bench")) => 1,
        Some(first) if first.starts_with('-') => 0,
        _ => return None,
    };
    let mut i = start;
    while let Some(&word) = args.get(i) {
        if word == "--" || !word.starts_with('-') {
            return None;
        }
        let grants_all = word == "--allow-all"
            || word.starts_with("--allow-all=")
            || (!word.starts_with("--") && word[1..].contains('A'));
        if grants_all {
            return Some(i);
        }
        i += if TAKES_VALUE.contains(&word) { 2 } else { 1 };
    }
    None
}

const HELP: &str = "grant only what the program needs, e.g. `--allow-net --allow-read=/app,/run/secrets --allow-write=<dir> --allow-env`";

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (index, ins) in ctx.ast.instructions.iter().enumerate() {
        if !matches!(
            ins.keyword,
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint
        ) {
            continue;
        }
        if let Args::Command(CommandForm::Exec { args, .. }) = &ins.args {
            let words: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
            if let Some(at) = words
                .iter()
                .position(|w| w.rsplit('/').next() == Some("deno"))
            {
                if let Some(flag) = allow_all(&words[at + 1..]) {
                    report(out, args[at + 1 + flag].span, ins.keyword);
                }
            }
            continue;
        }
        for script in ctx.model.scripts(index) {
            if !script.script.complete {
                continue;
            }
            for command in &script.script.commands {
                if command.program() != Some("deno") {
                    continue;
                }
                let args = command.args();
                let words: Vec<&str> = args.iter().map(|w| w.as_str()).collect();
                if let Some(flag) = allow_all(&words) {
                    report(out, script.span(&args[flag].span), ins.keyword);
                }
            }
        }
    }
}

fn report(out: &mut Diagnostics, span: Span, keyword: Keyword) {
    out.report(
        &RULE,
        span,
        format!(
            "this {} gives the Deno program every permission",
            keyword.as_str()
        ),
    )
    .help(HELP);
}

#[cfg(test)]
mod tests {
    use super::allow_all;

    #[test]
    fn only_deno_flags_before_the_script_count() {
        assert_eq!(allow_all(&["run", "-A", "main.ts"]), Some(1));
        assert_eq!(
            allow_all(&["run", "-c", "deno.json", "--allow-all", "main.ts"]),
            Some(3)
        );
        assert_eq!(allow_all(&["-A", "main.ts"]), Some(0));
        assert_eq!(allow_all(&["run", "-qA", "main.ts"]), Some(1));
        assert_eq!(allow_all(&["run", "main.ts", "-A"]), None);
        assert_eq!(allow_all(&["run", "--allow-net", "main.ts"]), None);
        assert_eq!(allow_all(&["cache", "-A", "main.ts"]), None);
    }
}
