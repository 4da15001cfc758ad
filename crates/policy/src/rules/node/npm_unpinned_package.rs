use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{report_unpinned_packages, UnpinnedPackages};

declare_rule! {
    /// ## What it does
    /// Checks that every package of `npm install` (`npm i`, `npm add`) names a version or tag:
    /// `typescript@5.7.2`. As in hadolint, git URLs pinned with `#<commit>`, tarballs and
    /// local folders count as pinned, and `npm install` without packages (from
    /// `package-lock.json`) is fine. Packages given through a build argument are checked with
    /// its value when the Dockerfile sets one.
    ///
    /// hadolint accepts any tag; ballast does not accept `@latest`, which is the unpinned
    /// default spelled out.
    ///
    /// ## Why is this bad?
    /// Without a version, npm installs the newest release on build day: the same Dockerfile
    /// yields different images, and a rebuild for an unrelated change can pull in a breaking
    /// release. Pin global tools, and install project dependencies with `npm ci` from the lock
    /// file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g typescript pnpm@latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g typescript@5.7.2 pnpm@9.15.0
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3016](https://github.com/hadolint/hadolint/wiki/DL3016)
    /// - [npm install](https://docs.npmjs.com/cli/commands/npm-install)
    pub static RULE = {
        code: "BL1207",
        name: "npm-unpinned-package",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3016"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// npm options whose value is the next word.
const VALUE_OPTIONS: &[&str] = &[
    "--prefix",
    "-w",
    "--workspace",
    "--registry",
    "--omit",
    "--include",
    "--cache",
    "--userconfig",
    "--loglevel",
    "--tag",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    report_unpinned_packages(
        ctx,
        out,
        &RULE,
        &UnpinnedPackages {
            tool: "npm",
            subcommands: &["install", "i", "add"],
            value_options: VALUE_OPTIONS,
            skip: |_| false,
            is_pinned,
            help: |package| {
                let name = package.strip_suffix("@latest").unwrap_or(package);
                format!("pin it: `{name}@<version>`")
            },
        },
    );
}

fn is_pinned(package: &str) -> bool {
    const GIT: &[&str] = &["git://", "git+ssh://", "git+http://", "git+https://"];
    if GIT.iter().any(|p| package.starts_with(p)) {
        return package.contains('#');
    }
    if [".tar", ".tar.gz", ".tgz"]
        .iter()
        .any(|s| package.ends_with(s))
        || ["/", "./", "../", "~/"]
            .iter()
            .any(|p| package.starts_with(p))
    {
        return true;
    }
    // `@scope/name@1.0`: the version comes after the scope's `@`.
    let unscoped = match package.strip_prefix('@') {
        Some(rest) => rest.split_once('/').map_or("", |(_, name)| name),
        None => package,
    };
    match unscoped.split_once('@') {
        Some((_, version)) => !version.is_empty() && version != "latest",
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn npm_specs() {
        for spec in [
            "typescript@5.7.2",
            "@types/node@22.10.1",
            "pkg@next",
            "git+https://github.com/org/repo#v1.0.0",
            "./local",
            "pkg-1.0.0.tgz",
        ] {
            assert!(is_pinned(spec), "{spec}");
        }
        for spec in [
            "typescript",
            "@types/node",
            "pkg@latest",
            "git+https://github.com/org/repo",
        ] {
            assert!(!is_pinned(spec), "{spec}");
        }
    }
}
