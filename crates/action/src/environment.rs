//! What the command line reads from its surroundings besides its arguments, gathered once so
//! that commands stay testable.

use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `NO_COLOR` is set and not empty (<https://no-color.org>).
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set, not empty and not `0`.
    pub clicolor_force: bool,
    /// Standard output is a terminal (and `TERM` is not `dumb`).
    pub stdout_is_terminal: bool,
    /// What GitHub Actions tells a step.
    pub github: GithubEnvironment,
}

/// The variables GitHub Actions sets (all empty outside it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GithubEnvironment {
    /// `GITHUB_STEP_SUMMARY`: the file a step appends its Markdown summary to.
    pub step_summary: Option<PathBuf>,
    /// `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_SHA`, for links to lines.
    pub server_url: Option<String>,
    pub repository: Option<String>,
    pub sha: Option<String>,
    /// `GITHUB_BASE_REF`: a pull request's target branch.
    pub base_ref: Option<String>,
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
            github: GithubEnvironment {
                step_summary: non_empty("GITHUB_STEP_SUMMARY").map(PathBuf::from),
                server_url: non_empty("GITHUB_SERVER_URL"),
                repository: non_empty("GITHUB_REPOSITORY"),
                sha: non_empty("GITHUB_SHA"),
                base_ref: non_empty("GITHUB_BASE_REF"),
            },
        }
    }
}

fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}
