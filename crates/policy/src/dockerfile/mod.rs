//! The Dockerfile parser, written to accept exactly what BuildKit accepts, and the semantic model
//! built on its syntax tree.
//!
//! The parser is split by concern like BuildKit's: `directives` (parser directives), `lines`
//! (physical lines and continuations), `parser` (the driver), `instruction` (keyword and
//! flags), `line_parsers` (argument grammars), `json_form`, `heredoc`, `mount`, `words`, and
//! `dump` (BuildKit's `Node.Dump()` format).

pub mod ast;
mod directives;
pub mod dump;
mod flags;
mod heredoc;
mod instruction;
mod json_form;
mod line_parsers;
mod lines;
pub mod model;
mod mount;
mod parser;
pub mod words;

pub use ast::Dockerfile;
pub use dump::dump;

/// Parses a Dockerfile. Never fails and never panics: unparseable lines become
/// [`ast::SyntaxError`]s and the rest of the file is still parsed.
pub fn parse(source: &str) -> Dockerfile {
    parser::Parser::new(source).run()
}

#[cfg(test)]
mod tests;
