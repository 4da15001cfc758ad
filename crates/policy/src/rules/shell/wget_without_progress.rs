use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::run_commands;
use crate::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks that `wget` runs with `--progress=...`, quietly (`-q`, `-nv`), or with its log
    /// sent to a file (`-o`, `-a`).
    ///
    /// ## Why is this bad?
    /// Without a terminal, wget's default progress display prints a line of dots for every
    /// few kilobytes: a large download adds thousands of lines to the build log, which hides
    /// the lines that matter and can hit CI log limits. `--progress=dot:giga` prints one dot
    /// per megabyte; `-nv` prints one line per file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN wget https://example.org/dataset.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN wget --progress=dot:giga https://example.org/dataset.tar.gz
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3047](https://github.com/hadolint/hadolint/wiki/DL3047)
    /// - [wget: --progress](https://www.gnu.org/software/wget/manual/wget.html#index-dot-style)
    pub static RULE = {
        code: "BL1226",
        name: "wget-without-progress",
        severity: Info,
        tags: ["maintainability"],
        aliases: ["DL3047"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        if run.command.program() != Some("wget") || quiet(run.command.args()) {
            continue;
        }
        let Some(word) = run.program_word() else {
            continue;
        };
        out.report(
            &RULE,
            run.span(word),
            "`wget` without `--progress` fills the build log with progress dots",
        )
        .help("add `--progress=dot:giga`, or `-nv` for one line per file");
    }
}

/// wget short options that take a value: the rest of their word is that value.
const SHORT_WITH_VALUE: &str = "OoaPUeitTwlQDABIX";

/// `--progress`, `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file`,
/// `-a`/`--append-output`.
fn quiet(args: &[Word]) -> bool {
    for word in args {
        let value = word.as_str();
        if value == "--" {
            break;
        }
        if let Some(long) = value.strip_prefix("--") {
            let name = long.split('=').next().unwrap_or(long);
            if matches!(
                name,
                "progress" | "quiet" | "no-verbose" | "output-file" | "append-output"
            ) {
                return true;
            }
            continue;
        }
        let Some(group) = value.strip_prefix('-') else {
            continue;
        };
        if group == "nv" {
            return true;
        }
        for c in group.chars() {
            if matches!(c, 'q' | 'o' | 'a') {
                return true;
            }
            if SHORT_WITH_VALUE.contains(c) {
                break;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::shell;

    fn quiet(text: &str) -> bool {
        super::quiet(shell::parse(text).commands[0].args())
    }

    #[test]
    fn quiet_options() {
        for text in [
            "wget -q https://x",
            "wget -qO- https://x",
            "wget -nv https://x",
            "wget --progress=dot:giga https://x",
            "wget -o /dev/null https://x",
            "wget --no-verbose https://x",
        ] {
            assert!(quiet(text), "{text}");
        }
        for text in [
            "wget https://x",
            "wget -O /tmp/quiet.tar https://x",
            "wget -O/tmp/a https://x",
            "wget -c https://x",
        ] {
            assert!(!quiet(text), "{text}");
        }
    }
}
