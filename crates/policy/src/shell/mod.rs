//! A POSIX shell parser for RUN commands (and CMD/ENTRYPOINT shell form, HEALTHCHECK CMD): it
//! yields the simple commands of a script with their words, redirects and place in lists and
//! pipelines, so rules can ask about programs and arguments instead of matching raw text.
//!
//! ```
//! use ballast_policy::shell;
//!
//! let script = shell::parse("apt-get update && apt-get install -qy curl");
//! let install = &script.commands[1];
//! assert!(install.invokes(&["apt-get", "install"]));
//! assert!(install.has_flag(Some('y'), Some("yes")));
//! assert!(!install.has_flag(None, Some("no-install-recommends")));
//! ```
//!
//! Parse the `text` of a shell-form `SourceText`: spans are offsets into it, which
//! `SourceText::source_span` maps back to the Dockerfile. Parsing never fails; what it could
//! not understand sets `Script::complete` to false, and rules should then stay silent.
//!
//! What rules get:
//! - every simple command, in source order, including those inside `$( )`, backticks, `<( )`
//!   (`in_substitution`), compound bodies (`depth`) and `sh -c '...'` strings
//!   (`in_inline_script`; spans point into the string when it holds the script verbatim, at
//!   the whole argument otherwise);
//! - `Command::program` past wrappers (`sudo`, `env`, `xargs`...), `Command::tool` with
//!   normalized names (`python -m pip` and `pip3` are `pip`), `Command::invokes` for
//!   subcommand paths, flags and option values;
//! - `Script::pipefail_before`, `Script::fallback` / `Script::failure_ignored` (`|| true`),
//!   `Script::heredoc_script` (`RUN <<EOF`).
//!
//! Known limits: compound commands are not a tree (an `|| { ...; }` fallback is not seen as
//! one); `((`/`$((` are skipped by counting parentheses; `case` patterns and `[[ ]]` are not
//! interpreted; aliases, functions and `eval` are not followed; option tables per tool are
//! best effort, and single-dash long options (`go -ldflags`) look like short-flag groups.

mod lexer;
mod model;
mod nested;
mod output;
mod parser;
mod programs;
mod queries;
mod script_queries;

#[cfg(test)]
mod tests;

pub use model::{Command, Connector, Redirect, Script, Word};
pub use parser::parse;
pub use queries::Tool;
