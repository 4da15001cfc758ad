//! Rules about RPM packages installed with yum, dnf and zypper. The three managers share the
//! same checks, written once here and parameterized by the rules.

pub mod dnf_cache_not_cleaned;
pub mod dnf_missing_yes;
pub mod dnf_unpinned_package;
pub mod dnf_upgrade;
pub mod yum_cache_not_cleaned;
pub mod yum_missing_yes;
pub mod yum_unpinned_package;
pub mod yum_update;
pub mod zypper_cache_not_cleaned;
pub mod zypper_dist_upgrade;
pub mod zypper_missing_yes;
pub mod zypper_unpinned_package;

use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::{
    commands_of, fed_by_yes, glued_redirect, has_cache_mount, operands, package_values,
    removes_dir, report_missing_flag, run_commands, runs,
};
use crate::rules::Rule;

pub(crate) static RULES: &[&super::Rule] = &[
    &yum_missing_yes::RULE,
    &yum_update::RULE,
    &yum_cache_not_cleaned::RULE,
    &yum_unpinned_package::RULE,
    &zypper_missing_yes::RULE,
    &zypper_dist_upgrade::RULE,
    &zypper_cache_not_cleaned::RULE,
    &zypper_unpinned_package::RULE,
    &dnf_missing_yes::RULE,
    &dnf_upgrade::RULE,
    &dnf_cache_not_cleaned::RULE,
    &dnf_unpinned_package::RULE,
];

/// yum and dnf options whose value is the next word.
const YUM_VALUE_OPTIONS: &[&str] = &[
    "-c",
    "--config",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
    "-R",
    "--randomwait",
    "--installroot",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "-x",
    "--exclude",
    "--setopt",
    "--releasever",
    "--forcearch",
];

/// zypper options whose value is the next word.
const ZYPPER_VALUE_OPTIONS: &[&str] = &[
    "-t",
    "--type",
    "-r",
    "--repo",
    "--from",
    "-R",
    "--root",
    "--installroot",
];

/// The global options of a manager that take a value.
fn value_options(tool: &str) -> &'static [&'static str] {
    if tool == "zypper" {
        ZYPPER_VALUE_OPTIONS
    } else {
        YUM_VALUE_OPTIONS
    }
}

/// The installing subcommands of yum and dnf that ask for confirmation.
pub(crate) const YUM_INSTALLS: &[&str] = &["install", "groupinstall", "localinstall"];

/// `yum install` / `dnf install` without `-y` / `--assumeyes` (or input from `yes`).
pub(crate) fn missing_yes(
    ctx: &DockerfileContext,
    out: &mut Diagnostics,
    rule: &'static Rule,
    tools: &[&str],
) {
    for run in run_commands(ctx) {
        let Some((tool, word)) = tools.iter().find_map(|&tool| {
            run.subcommand_with(tool, YUM_INSTALLS, value_options(tool))
                .map(|w| (tool, w))
        }) else {
            continue;
        };
        if run.command.has_flag(Some('y'), Some("assumeyes"))
            || fed_by_yes(run.script, run.position)
        {
            continue;
        }
        report_missing_flag(
            ctx,
            out,
            rule,
            &run,
            word,
            "-y",
            format!(
                "`{tool} {}` without `-y` aborts the build when it asks for confirmation",
                word.value
            ),
        )
        .help(format!("add `-y` after `{tool} {}`", word.value));
    }
}

/// A subcommand that upgrades the base image's packages in place.
pub(crate) fn upgrade(
    ctx: &DockerfileContext,
    out: &mut Diagnostics,
    rule: &'static Rule,
    tool: &str,
    subcommands: &[&str],
) {
    for run in run_commands(ctx) {
        if let Some(word) = run.subcommand_with(tool, subcommands, value_options(tool)) {
            out.report(
                rule,
                run.span(word),
                format!("`{tool} {}` swaps the base image's packages for whatever is current at build time", word.value),
            )
            .help("move to a newer base image tag instead of upgrading in place");
        }
    }
}

/// What counts as cleaning up after a package manager in one RUN.
pub(crate) struct Cleanup<'a> {
    /// The manager's names (`dnf`, `microdnf`): each must clean up after itself.
    pub tools: &'a [&'a str],
    pub installs: &'a [&'a str],
    /// `yum clean` subcommands.
    pub clean: &'a [&'a str],
    /// Cache directories: removing them or mounting a cache on them also counts.
    pub cache_dirs: &'a [&'a str],
    pub help: &'a str,
}

/// An install in a RUN that neither cleans the manager's cache nor keeps it in a cache mount.
pub(crate) fn cache_not_cleaned(
    ctx: &DockerfileContext,
    out: &mut Diagnostics,
    rule: &'static Rule,
    c: &Cleanup,
) {
    for (index, ins) in runs(ctx) {
        let commands: Vec<_> = commands_of(ctx, index, ins).collect();
        let removed = c
            .cache_dirs
            .iter()
            .any(|dir| removes_dir(commands.iter().map(|r| r.command), dir))
            || has_cache_mount(ins, c.cache_dirs);
        for &tool in c.tools {
            let Some((run, word)) = commands.iter().find_map(|r| {
                r.subcommand_with(tool, c.installs, value_options(tool))
                    .map(|w| (r, w))
            }) else {
                continue;
            };
            let cleaned = commands.iter().any(|r| {
                r.subcommand_with(tool, c.clean, value_options(tool))
                    .is_some()
            });
            if !cleaned && !removed {
                out.report(
                    rule,
                    run.span(word),
                    format!(
                        "`{tool} {}` leaves its package cache in the layer",
                        word.value
                    ),
                )
                .help(c.help.replacen(
                    &format!("&& {} ", c.tools[0]),
                    &format!("&& {tool} "),
                    1,
                ));
            }
        }
    }
}

/// Packages of an install subcommand that `is_pinned` rejects, and modules of
/// `module install` without a `:stream`.
pub(crate) fn unpinned(
    ctx: &DockerfileContext,
    out: &mut Diagnostics,
    rule: &'static Rule,
    tools: &[&str],
    installs: &[&str],
    is_pinned: fn(&str) -> bool,
    example: &str,
) {
    for run in run_commands(ctx) {
        let Some(t) = run.command.tool().filter(|t| tools.contains(&t.name)) else {
            continue;
        };
        let operands = operands(t.args, value_options(t.name));
        let (words, module) = match operands.as_slice() {
            [first, rest @ ..] if installs.contains(&first.as_str()) => (rest, false),
            [first, second, rest @ ..]
                if first.as_str() == "module" && second.as_str() == "install" =>
            {
                (rest, true)
            }
            _ => continue,
        };
        for &word in words {
            if glued_redirect(run.command, word).is_some() {
                continue;
            }
            let Some(values) = package_values(ctx, run.index, word) else {
                continue;
            };
            for package in values.iter() {
                let (pinned, help) = if module {
                    (
                        package.contains(':'),
                        format!("name a stream: `{package}:<stream>`"),
                    )
                } else {
                    (
                        is_pinned(package) || is_unversionable(package),
                        format!("pin it: `{package}{example}`"),
                    )
                };
                if !pinned {
                    out.report(
                        rule,
                        run.span(word),
                        format!("`{package}` is installed without a version, so each build may get a different one"),
                    )
                    .help(help);
                }
            }
        }
    }
}

/// Operands that name no single package to pin: groups (`@development`), file or capability
/// provides (`/usr/bin/make`, `perl(Git)`), URLs and local files.
fn is_unversionable(package: &str) -> bool {
    package.starts_with('@') || package.contains(['/', '(', '*']) || package.ends_with(".rpm")
}

/// `name-1.2.3`, `name-0:1.2-3.el9`: a dash followed by a digit starts the version.
pub(crate) fn has_dash_version(package: &str) -> bool {
    package
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'-' && w[1].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_versions() {
        assert!(has_dash_version("httpd-2.4.57"));
        assert!(has_dash_version("nginx-1:1.24.0-1.el9"));
        assert!(!has_dash_version("python3-devel"));
        assert!(!has_dash_version("gcc-c++"));
    }

    #[test]
    fn unversionable_operands() {
        assert!(is_unversionable("@development"));
        assert!(is_unversionable("/usr/bin/make"));
        assert!(is_unversionable("perl(Git)"));
        assert!(is_unversionable("https://example.org/x.rpm"));
        assert!(!is_unversionable("httpd"));
    }
}
