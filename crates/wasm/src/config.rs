//! The `config` argument: the text of a `.ballast.yaml`, or nothing for the defaults.

use crate::error::ApiError;
use ballast_policy::Config;

/// The name configuration errors are reported against.
pub const CONFIG_FILE: &str = ".ballast.yaml";

/// Reads the configuration. Blank text is the same as no configuration.
pub fn parse(text: Option<&str>) -> Result<Config, ApiError> {
    match text {
        None => Ok(Config::default()),
        Some(text) if text.trim().is_empty() => Ok(Config::default()),
        Some(_) => Err(ApiError::new(
            "configuration files are not supported yet: pass null for the default configuration",
        )
        .in_file(CONFIG_FILE)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_config_and_blank_config_mean_the_defaults() {
        for text in [None, Some(""), Some("  \n")] {
            let config = parse(text).expect("defaults");
            assert!(config.select.is_empty() && config.ignore.is_empty());
        }
    }

    #[test]
    fn config_text_is_reported_as_not_supported_yet() {
        let error = parse(Some("ignore: [syntax-error]\n")).expect_err("unsupported");
        assert_eq!(error.file.as_deref(), Some(CONFIG_FILE));
        assert!(error.message.contains("not supported yet"));
    }
}
