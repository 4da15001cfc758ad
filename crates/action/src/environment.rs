//! What the command line reads from its surroundings besides its arguments, gathered once so
//! that commands stay testable.

use std::io::IsTerminal;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `NO_COLOR` is set and not empty (<https://no-color.org>).
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set, not empty and not `0`.
    pub clicolor_force: bool,
    /// Standard output is a terminal (and `TERM` is not `dumb`).
    pub stdout_is_terminal: bool,
}

impl Environment {
    pub fn from_process() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
        let dumb_terminal = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
        Self {
            no_color: set("NO_COLOR"),
            clicolor_force: set("CLICOLOR_FORCE")
                && std::env::var_os("CLICOLOR_FORCE").is_some_and(|value| value != "0"),
            stdout_is_terminal: std::io::stdout().is_terminal() && !dumb_terminal,
        }
    }
}
