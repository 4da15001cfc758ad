use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{operands, package_values, run_commands};

declare_rule! {
    /// ## What it does
    /// Checks that `go install`, `go get` and `go run` name remote packages with a version:
    /// `golang.org/x/tools/gopls@v0.16.2`. `@latest` and `@none` do not count. Local packages
    /// (`.`, `./cmd/app`, absolute paths) and `.go` files are left alone; for `go run` only
    /// the package is checked, not the program's arguments.
    ///
    /// hadolint also flags `go run main.go`; ballast treats `.go` files as local.
    ///
    /// ## Why is this bad?
    /// Without a version (or with `@latest`), the go command resolves the newest release on
    /// build day: the same Dockerfile yields different binaries, and a rebuild for an
    /// unrelated change can pull in a breaking release.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@v0.16.2
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3062](https://github.com/hadolint/hadolint/wiki/DL3062)
    /// - [go install](https://go.dev/ref/mod#go-install)
    pub static RULE = {
        code: "BL1228",
        name: "go-install-unpinned",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3062"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// go build flags whose value is the next word.
const VALUE_OPTIONS: &[&str] = &[
    "-o",
    "-ldflags",
    "-gcflags",
    "-asmflags",
    "-tags",
    "-C",
    "-mod",
    "-modfile",
    "-p",
    "-pkgdir",
    "-overlay",
    "-exec",
    "-toolexec",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        let Some(subcommand) = run.subcommand("go", &["install", "get", "run"]) else {
            continue;
        };
        let Some(tool) = run.command.tool() else {
            continue;
        };
        let packages = operands(tool.args, VALUE_OPTIONS);
        let packages = packages.iter().skip(1);
        // `go run pkg args...`: what follows the package belongs to the program.
        let take = if subcommand.value == "run" {
            1
        } else {
            usize::MAX
        };
        for word in packages.take(take) {
            let Some(values) = package_values(ctx, run.index, word) else {
                continue;
            };
            for package in values.iter().filter(|p| !is_pinned(p)) {
                out.report(
                    &RULE,
                    run.span(word),
                    format!("`{package}` is built from whatever version is newest, so each build may differ"),
                )
                .help(format!(
                    "pin a version: `{}@<version>`",
                    package.split('@').next().unwrap_or(package)
                ));
            }
        }
    }
}

fn is_pinned(package: &str) -> bool {
    if package.starts_with(['.', '/']) || package.ends_with(".go") || package == "tool" {
        return true;
    }
    match package.rsplit_once('@') {
        Some((_, version)) => !matches!(version, "latest" | "none" | ""),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn versions() {
        assert!(is_pinned("golang.org/x/tools/gopls@v0.16.2"));
        assert!(is_pinned("./cmd/..."));
        assert!(is_pinned("main.go"));
        assert!(!is_pinned("golang.org/x/tools/gopls"));
        assert!(!is_pinned("golang.org/x/tools/gopls@latest"));
    }
}
