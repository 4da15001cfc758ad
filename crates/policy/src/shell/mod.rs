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
//! not understand sets `Script::complete` to false.

mod lexer;
mod model;
mod parser;
mod queries;

#[cfg(test)]
mod tests;

pub use model::{Command, Connector, Redirect, Script, Word};
pub use parser::parse;
pub use queries::Tool;
