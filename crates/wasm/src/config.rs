//! The `config` argument: the text of a `.ballast.yaml`, or nothing for the defaults.

use crate::error::ApiError;
use ballast_policy::config::{self, ConfigError};
use ballast_policy::Config;

/// The name configuration errors are reported against.
pub const CONFIG_FILE: &str = ".ballast.yaml";

/// Reads the configuration, as the CLI reads a `.ballast.yaml`.
pub fn parse(text: Option<&str>) -> Result<Config, ApiError> {
    match text {
        None => Ok(Config::default()),
        Some(text) => config::file::parse(CONFIG_FILE, text).map_err(located),
    }
}

fn located(error: ConfigError) -> ApiError {
    ApiError::new(error.message)
        .in_file(error.file)
        .at(error.line, error.column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_config_and_blank_config_mean_the_defaults() {
        for text in [None, Some(""), Some("  \n"), Some("# nothing yet\n")] {
            let config = parse(text).expect("defaults");
            assert!(config.select.is_empty() && config.ignore.is_empty());
        }
    }

    #[test]
    fn reads_the_settings() {
        let config = parse(Some("ignore: [syntax-error]\n")).expect("valid");
        assert_eq!(config.ignore, ["syntax-error"]);
    }

    #[test]
    fn mistakes_are_errors_at_their_place_in_the_file() {
        let error = parse(Some("select:\n  - no-such-rule\n")).expect_err("unknown rule");
        assert_eq!(error.file.as_deref(), Some(CONFIG_FILE));
        assert_eq!((error.line, error.column), (Some(2), Some(5)));
        assert!(error.message.contains("no-such-rule"), "{}", error.message);
    }
}
