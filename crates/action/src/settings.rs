//! The configuration a check runs with: the settings file (the one `--config` names, else
//! `.ballast.yaml` or a hadolint user's `.hadolint.yaml` in the current directory) with the
//! command line's options on top.

use crate::cli::CheckArgs;
use crate::error::{CliError, Result};
use crate::selection::build_config;
use ballast_policy::config::{file, hadolint, Config, FailOn};
use std::path::{Path, PathBuf};

/// Files looked for in the current directory, first found wins.
const CANDIDATES: &[&str] = &[
    ".ballast.yaml",
    ".ballast.yml",
    ".hadolint.yaml",
    ".hadolint.yml",
];

/// A failing check exits with status 1 from this severity on unless told otherwise.
pub const DEFAULT_FAIL_ON: FailOn = FailOn::Warning;

/// The settings for `ballast check`: an unreadable or invalid settings file is an error.
pub fn load(args: &CheckArgs) -> Result<Config> {
    let path = if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        discover(Path::new("."))
    };
    let base = match &path {
        Some(path) => read(path)?,
        None => Config::default(),
    };
    let options = build_config(&args.select, &args.ignore, &args.severity)?;
    Ok(layer(base, options, args.fail_on.map(FailOn::from)))
}

/// The settings file in `dir`, if any.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    CANDIDATES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
}

fn read(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| CliError::new(format!("{}: {err}", path.display())))?;
    let shown = crate::collect::display_path(path);
    let is_hadolint = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().contains("hadolint"));
    let parsed = if is_hadolint {
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
