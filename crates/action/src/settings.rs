//! The configuration a check runs with: the settings file (the one `--config` names, else the
//! nearest `.ballast.yaml` found walking up from the checked path, else a hadolint user's
//! `.hadolint.yaml` found the same way) with the command line's options on top.

use crate::cli::CheckArgs;
use crate::error::{CliError, Result};
use crate::selection::build_config;
use ballast_policy::config::{file, hadolint, Config, FailOn};
use std::path::{Path, PathBuf};

/// ballast's own settings files, looked for first.
const BALLAST_FILES: &[&str] = &[".ballast.yaml", ".ballast.yml"];
/// hadolint's, read when no ballast settings exist, so a hadolint user switches with no edit.
const HADOLINT_FILES: &[&str] = &[".hadolint.yaml", ".hadolint.yml"];

/// A failing check exits with status 1 from this severity on unless told otherwise.
pub const DEFAULT_FAIL_ON: FailOn = FailOn::Warning;

/// The settings for `ballast check`: an unreadable or invalid settings file is an error.
pub fn load(args: &CheckArgs) -> Result<Config> {
    let path = if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        let start = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
        discover(start)
    };
    let base = match &path {
        Some(path) => read(path)?,
        None => Config::default(),
    };
    let options = build_config(&args.select, &args.ignore, &args.severity)?;
    Ok(layer(base, options, args.fail_on.map(FailOn::from)))
}

/// The settings file for a checked path: the nearest `.ballast.yaml` in its folder or a parent
/// folder, else the nearest `.hadolint.yaml`.
pub fn discover(checked: &Path) -> Option<PathBuf> {
    let start = if checked.is_file() {
        checked.parent().unwrap_or(Path::new("."))
    } else {
        checked
    };
    let start = std::fs::canonicalize(start).ok()?;
    let nearest = |names: &[&str]| {
        start.ancestors().find_map(|dir| {
            names
                .iter()
                .map(|name| dir.join(name))
                .find(|path| path.is_file())
        })
    };
    let found = nearest(BALLAST_FILES).or_else(|| nearest(HADOLINT_FILES))?;
    // Show it relative to the current directory when it is below it.
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .and_then(|cwd| found.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or(found);
    Some(shown)
}

fn read(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| CliError::new(format!("{}: {err}", path.display())))?;
    let shown = crate::collect::display_path(path);
    let is_hadolint = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().contains("hadolint"));
    let parsed = if is_hadolint {
        eprintln!("ballast: no .ballast.yaml found; reading hadolint's settings from {shown}");
        hadolint::parse(&shown, &text)
    } else {
        file::parse(&shown, &text)
    };
    parsed.map_err(|err| CliError::new(err.to_string()))
}

/// The command line on top of the file: `--select` replaces the file's list, `--ignore` and
/// `--severity` add to it, `--fail-on` replaces every `fail-on` (overrides' too).
fn layer(mut base: Config, options: Config, fail_on: Option<FailOn>) -> Config {
    if !options.select.is_empty() {
        base.select = options.select;
    }
    base.ignore.extend(options.ignore);
    base.severity.extend(options.severity);
    if let Some(fail_on) = fail_on {
        base.fail_on = Some(fail_on);
        for block in &mut base.overrides {
            block.fail_on = None;
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::Severity;

    fn base() -> Config {
        file::parse(
            ".ballast.yaml",
            "select: [correctness]\nignore: [BL0002]\nfail-on: error\noverrides:\n  - files: ['legacy/**']\n    fail-on: never\n",
        )
        .unwrap()
    }

    #[test]
    fn command_line_options_layer_on_the_file() {
        let options = Config {
            select: vec!["syntax-error".into()],
            ignore: vec!["BL1001".into()],
            severity: vec![("BL0001".into(), Severity::Info)],
            ..Config::default()
        };
        let config = layer(base(), options, None);
        assert_eq!(config.select, ["syntax-error"]);
        assert_eq!(config.ignore, ["BL0002", "BL1001"]);
        assert_eq!(config.severity, [("BL0001".to_string(), Severity::Info)]);
        assert_eq!(
            config.for_path("legacy/Dockerfile").fail_on,
            Some(FailOn::Never)
        );
    }

    #[test]
    fn an_explicit_fail_on_wins_everywhere() {
        let config = layer(base(), Config::default(), Some(FailOn::Info));
        assert_eq!(config.for_path("Dockerfile").fail_on, Some(FailOn::Info));
        assert_eq!(
            config.for_path("legacy/Dockerfile").fail_on,
            Some(FailOn::Info)
        );
    }

    #[test]
    fn an_empty_command_line_keeps_the_file() {
        let config = layer(base(), Config::default(), None);
        assert_eq!(config.select, ["correctness"]);
        assert_eq!(config.fail_on, Some(FailOn::Error));
    }
}
