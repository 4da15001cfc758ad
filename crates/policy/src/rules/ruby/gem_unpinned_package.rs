use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{package_values, packages_after_subcommand, run_commands};

declare_rule! {
    /// ## What it does
    /// Checks that every gem of `gem install` (`gem i`) names a version: `rails:7.2.2`. As in
    /// hadolint, a command with `-v` / `--version` is left alone; local `.gem` files count as
    /// pinned. Gems given through a build argument are checked with its value when the
    /// Dockerfile sets one.
    ///
    /// ## Why is this bad?
    /// Without a version, gem installs the newest release on build day: the same Dockerfile
    /// yields different images and a rebuild can pull in a breaking major version. Pin gems,
    /// or install them with Bundler from a `Gemfile.lock`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler:2.5.22
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3028](https://github.com/hadolint/hadolint/wiki/DL3028)
    /// - [gem install](https://guides.rubygems.org/command-reference/#gem-install)
    pub static RULE = {
        code: "BL1212",
        name: "gem-unpinned-package",
        severity: Warning,
        tags: ["reproducibility"],
        aliases: ["DL3028"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// gem install options whose value is the next word.
const VALUE_OPTIONS: &[&str] = &[
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "-P",
    "--trust-policy",
    "--platform",
    "--build-root",
    "-g",
    "--file",
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        if run.subcommand("gem", &["install", "i"]).is_none()
            || run.command.has_flag(Some('v'), Some("version"))
        {
            continue;
        }
        let Some(tool) = run.command.tool() else {
            continue;
        };
        for word in packages_after_subcommand(&tool, VALUE_OPTIONS) {
            let Some(values) = package_values(ctx, run.index, word) else {
                continue;
            };
            for gem in values
                .iter()
                .filter(|g| !g.contains(':') && !g.ends_with(".gem"))
            {
                out.report(
                    &RULE,
                    run.span(word),
                    format!("gem `{gem}` is installed without a version, so each build may get a different one"),
                )
                .help(format!("pin it: `gem install {gem}:<version>`"));
            }
        }
    }
}
