use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{report_unpinned_packages, UnpinnedPackages};
use crate::shell::Tool;

declare_rule! {
    /// ## What it does
    /// Checks that every package of `pip install` has a version specifier (`requests==2.32.3`,
    /// or `>=`, `<=`, `<`, `>`, `!=`, `~=`, `===` in quotes). As in hadolint, the command is
    /// left alone when it installs from a requirements file (`-r`), under constraints (`-c`)
    /// or the current project (`.`); wheels and sdists (`.whl`, `.tar.gz`), VCS URLs pinned
    /// with `@`, other URLs, local paths and editable installs (`-e`) count as pinned.
    /// Packages given through a build argument are checked with its value when the Dockerfile
    /// sets one.
    ///
    /// ## Why is this bad?
    /// Without a version, pip installs the newest release on build day: the same Dockerfile
    /// yields different images, and a rebuild for an unrelated change can pull in a breaking
    /// release of a package or of one of its dependencies. Pin direct packages, or better,
    /// install from a locked requirements file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask gunicorn
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt flask==3.1.0
    /// ```
    ///
    /// ## References
    /// - Seed: `003_37cda6fe4f0eb3cb.txt` (Python images)
    /// - [hadolint DL3013](https://github.com/hadolint/hadolint/wiki/DL3013)
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    pub static RULE = {
        code: "BL1205",
        name: "pip-unpinned-package",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3013"],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

/// pip install options whose value is the next word (hadolint's list, plus a few more).
const VALUE_OPTIONS: &[&str] = &[
    "--abi",
    "-b",
    "--build",
    "-e",
    "--editable",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-i",
    "--index-url",
    "--implementation",
    "--no-binary",
    "--only-binary",
    "--platform",
    "--prefix",
    "--progress-bar",
    "--proxy",
    "--python-version",
    "--root",
    "--src",
    "-t",
    "--target",
    "--trusted-host",
    "--upgrade-strategy",
    "--cache-dir",
    "--log",
    "--timeout",
    "--retries",
    "--python",
    "--config-settings",
    "-C",
    "--report",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    report_unpinned_packages(
        ctx,
        out,
        &RULE,
        &UnpinnedPackages {
            tool: "pip",
            subcommands: &["install"],
            value_options: VALUE_OPTIONS,
            skip: from_requirements,
            is_pinned,
            help: |package| {
                if package.contains("://") {
                    format!("pin a revision: `{package}@<tag or commit>`")
                } else {
                    format!("pin it (`{package}==<version>`) or install from a locked requirements file (`pip install -r requirements.txt`)")
                }
            },
        },
    );
}

/// `-r file`, `--requirement`, `-c` / `--constraint`, or `.`: the versions come from files.
fn from_requirements(tool: &Tool) -> bool {
    tool.has_flag(Some('r'), Some("requirement"))
        || tool.has_flag(Some('c'), Some("constraint"))
        || tool.args.iter().any(|w| w.as_str() == ".")
}

fn is_pinned(package: &str) -> bool {
    const SPECIFIERS: &[&str] = &["==", ">=", "<=", ">", "<", "!=", "~=", "==="];
    const ARCHIVES: &[&str] = &[".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2"];
    const VCS: &[&str] = &["git+", "hg+", "svn+", "bzr+"];
    if VCS.iter().any(|v| package.starts_with(v)) {
        // `git+https://host/repo@v1.2`: the part after the last `/` names the revision.
        return package
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('@'));
    }
    SPECIFIERS.iter().any(|s| package.contains(s))
        || ARCHIVES.iter().any(|a| package.ends_with(a))
        || package.contains("://")
        || package.contains(" @ ")
        || package.starts_with(['.', '/', '~'])
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pinned_specs() {
        for spec in [
            "flask==3.1.0",
            "flask>=3,<4",
            "flask~=3.1",
            "dist/app-1.0-py3-none-any.whl",
            "app-1.0.tar.gz",
            "git+https://github.com/org/repo@v1.2",
            "https://example.org/pkg.zip",
            "./libs/common",
            "/src",
        ] {
            assert!(is_pinned(spec), "{spec}");
        }
        for spec in [
            "flask",
            "flask[async]",
            "git+https://github.com/org/repo",
            "pip",
        ] {
            assert!(!is_pinned(spec), "{spec}");
        }
    }
}
