use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{fed_by_yes, report_missing_flag, run_commands};
use crate::shell::Tool;

declare_rule! {
    /// ## What it does
    /// Checks that `apt-get install` runs with `-y` (`--yes`, `--assume-yes`, or `-qq`, which
    /// implies it).
    ///
    /// ## Why is this bad?
    /// Without `-y`, apt-get asks "Do you want to continue? [Y/n]" as soon as it needs an
    /// extra package. A build has no one to answer: stdin is empty, apt-get aborts, and the
    /// build fails, sometimes only months later when a dependency gains a new package.
    ///
    /// hadolint also accepts a single `-q`; ballast does not, because `-q` only quiets the
    /// output and apt-get still asks.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3014](https://github.com/hadolint/hadolint/wiki/DL3014)
    /// - [apt-get(8): -y, -q](https://manpages.debian.org/bookworm/apt/apt-get.8.en.html#OPTIONS)
    pub static RULE = {
        code: "BL1206",
        name: "apt-missing-yes",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["DL3014"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        let Some(word) = run.subcommand("apt-get", &["install"]) else {
            continue;
        };
        let Some(tool) = run.command.tool() else {
            continue;
        };
        if assumes_yes(&tool) || fed_by_yes(run.script, run.position) {
            continue;
        }
        report_missing_flag(
            ctx,
            out,
            &RULE,
            &run,
            word,
            "-y",
            "`apt-get install` without `-y` aborts the build when it needs to ask",
        )
        .help("add `-y` after `apt-get install`");
    }
}

/// `-y`, `--yes`, `--assume-yes`, `-qq` / `-q=2` / `--quiet=2` (quiet level 2 implies -y), or
/// `-o APT::Get::Assume-Yes=true`.
fn assumes_yes(tool: &Tool) -> bool {
    if tool.has_flag(Some('y'), Some("yes")) || tool.has_flag(None, Some("assume-yes")) {
        return true;
    }
    let mut quiet = 0;
    let mut args = tool.args.iter();
    while let Some(word) = args.next() {
        let value = word.as_str();
        if value == "--" {
            break;
        }
        if let Some(level) = value
            .strip_prefix("--quiet=")
            .or_else(|| value.strip_prefix("-q="))
        {
            quiet = quiet.max(level.parse().unwrap_or(0));
        } else if value == "--quiet" {
            quiet += 1;
        } else if value == "-o" || value == "--option" {
            let option = args.next().map_or("", |w| w.as_str());
            if option.eq_ignore_ascii_case("APT::Get::Assume-Yes=true") {
                return true;
            }
        } else if let Some(group) = value.strip_prefix('-').filter(|g| !g.starts_with('-')) {
            quiet += group.chars().filter(|&c| c == 'q').count();
        }
    }
    quiet >= 2
}

#[cfg(test)]
mod tests {
    use crate::shell;

    fn yes(text: &str) -> bool {
        let script = shell::parse(text);
        super::assumes_yes(&script.commands[0].tool().unwrap())
    }

    #[test]
    fn recognises_the_ways_to_say_yes() {
        for text in [
            "apt-get install -y curl",
            "apt-get -qy install curl",
            "apt-get install --yes curl",
            "apt-get install --assume-yes curl",
            "apt-get -qq install curl",
            "apt-get -q -q install curl",
            "apt-get -q=2 install curl",
            "apt-get -o APT::Get::Assume-Yes=true install curl",
        ] {
            assert!(yes(text), "{text}");
        }
        for text in [
            "apt-get install curl",
            "apt-get -q install curl",
            "apt-get install -- -y",
        ] {
            assert!(!yes(text), "{text}");
        }
    }
}
