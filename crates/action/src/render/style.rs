//! Terminal colours for the human format, and the decision whether to use them.

use crate::cli::ColorChoice;
use crate::environment::Environment;
use ballast_policy::Severity;

/// Whether to colour the output: `--color always|never` win; `auto` honours `NO_COLOR`, then
/// `CLICOLOR_FORCE`, then whether stdout is a terminal.
pub fn colors_enabled(choice: ColorChoice, env: &Environment) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !env.no_color && (env.clicolor_force || env.stdout_is_terminal),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Severity(Severity),
    /// Gutters, arrows and secondary underlines.
    Frame,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    enabled: bool,
}

impl Style {
    pub fn new(enabled: bool) -> Self {
        Self { enabled }
    }

    pub fn plain() -> Self {
        Self::new(false)
    }

    /// `text` wrapped in the ANSI codes of `paint`, or unchanged when colours are off.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if !self.enabled || text.is_empty() {
            return text.to_string();
        }
        let code = match paint {
            Paint::Severity(Severity::Error) => "1;31",
            Paint::Severity(Severity::Warning) => "1;33",
            Paint::Severity(Severity::Info) => "1;36",
            Paint::Frame => "1;34",
            Paint::Bold => "1",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(no_color: bool, clicolor_force: bool, stdout_is_terminal: bool) -> Environment {
        Environment {
            no_color,
            clicolor_force,
            stdout_is_terminal,
            ..Environment::default()
        }
    }

    #[test]
    fn auto_follows_the_terminal_and_the_environment() {
        assert!(colors_enabled(ColorChoice::Auto, &env(false, false, true)));
        assert!(!colors_enabled(
            ColorChoice::Auto,
            &env(false, false, false)
        ));
        assert!(!colors_enabled(ColorChoice::Auto, &env(true, false, true)));
        assert!(colors_enabled(ColorChoice::Auto, &env(false, true, false)));
        // NO_COLOR wins over CLICOLOR_FORCE.
        assert!(!colors_enabled(ColorChoice::Auto, &env(true, true, true)));
    }

    #[test]
    fn explicit_choices_win() {
        assert!(colors_enabled(
            ColorChoice::Always,
            &env(true, false, false)
        ));
        assert!(!colors_enabled(ColorChoice::Never, &env(false, true, true)));
    }

    #[test]
    fn plain_style_adds_no_escape_codes() {
        assert_eq!(Style::plain().paint(Paint::Bold, "x"), "x");
        assert_eq!(Style::new(true).paint(Paint::Bold, "x"), "\x1b[1mx\x1b[0m");
    }
}
