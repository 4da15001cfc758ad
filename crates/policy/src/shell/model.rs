//! What [`super::parse`] returns: simple commands with their words, redirects and position in
//! the script's lists and pipelines. All spans are byte offsets into the parsed text.

use std::ops::Range;

use super::programs::ToolAt;

/// A parsed shell script: every simple command, in source order (commands inside `$( )`,
/// backticks and `sh -c '...'` strings included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    pub commands: Vec<Command>,
    /// False when the text could not be fully understood (unbalanced quotes or brackets,
    /// unsupported syntax). Rules should then stay silent rather than guess.
    pub complete: bool,
}

/// How a command is joined to the one before it in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Connector {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` or a newline.
    Sequence,
    /// `|` or `|&`
    Pipe,
    /// `&`: the previous command runs in the background.
    Background,
}

/// One simple command: `FOO=bar program arg... >redirect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// `NAME=value` prefixes.
    pub assignments: Vec<Word>,
    /// argv: `words[0]` is the program as written (see `Command::program` for wrappers).
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    pub span: Range<usize>,
    /// How it is joined to the previous element of its list; `None` for the first one.
    pub connector: Option<Connector>,
    /// Id of the pipeline it belongs to (unique within the script).
    pub pipeline: usize,
    /// Its position in that pipeline; a compound command (`( )`, `while`...) counts as one.
    pub pipeline_index: usize,
    /// How many elements the pipeline has: more than one means there is a `|`.
    pub pipeline_len: usize,
    /// Id of the `&&`/`||` list it belongs to (unique within the script).
    pub and_or: usize,
    /// Preceded by `!`.
    pub negated: bool,
    /// Nesting level: subshells, groups, `if`/loop/`case` bodies, substitutions, `sh -c`.
    pub depth: usize,
    /// Inside `$( )`, backticks or `<( )`.
    pub in_substitution: bool,
    /// Parsed from the string argument of `sh -c` / `bash -c`.
    pub in_inline_script: bool,
    /// `Command::program_index` and where `Command::tool` is, worked out once when the parser
    /// finishes the command: rules ask for them many times per command.
    pub(super) program_at: Option<usize>,
    pub(super) tool_at: Option<ToolAt>,
}

/// One word, with quotes removed and backslash escapes processed. Expansions (`$VAR`, `${..}`,
/// `$(..)`, backticks) are kept literally as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub value: String,
    /// The raw text, quotes included.
    pub span: Range<usize>,
    /// Some part of it was quoted or escaped.
    pub quoted: bool,
    /// It contains an expansion, so its runtime value may differ from `value`.
    pub has_expansion: bool,
}

impl Word {
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// A literal word: no quotes, escapes or expansions, so `value` is exactly what runs.
    pub fn is_plain(&self) -> bool {
        !self.quoted && !self.has_expansion
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redirect {
    /// `>`, `>>`, `<`, `>&`, `&>`, `<<<`...: everything but heredocs.
    File {
        /// The file descriptor written before the operator (`2` in `2>&1`).
        fd: Option<u32>,
        /// The operator without the descriptor: `>`, `>>`, `<`, `>|`, `<>`, `>&`, `<&`, `&>`,
        /// `&>>`, `<<<`.
        op: String,
        target: Word,
        span: Range<usize>,
    },
    /// `<<DELIM` or `<<-DELIM`.
    Heredoc {
        fd: Option<u32>,
        /// Quotes removed.
        delimiter: String,
        /// The delimiter was quoted: the body is not expanded.
        quoted: bool,
        /// `<<-`: leading tabs are stripped.
        strip_tabs: bool,
        /// Order of this marker among the script's heredoc markers, from 0: matches the
        /// Dockerfile parser's `Instruction::heredocs` when it took the bodies out.
        index: usize,
        /// The body (without the closing delimiter line) when it is inside the text; `None`
        /// when it is not there (the Dockerfile parser took it out).
        body: Option<Range<usize>>,
        /// The marker: operator and delimiter word.
        span: Range<usize>,
    },
}

impl Redirect {
    pub fn span(&self) -> Range<usize> {
        match self {
            Redirect::File { span, .. } | Redirect::Heredoc { span, .. } => span.clone(),
        }
    }

    /// The target word of a file redirect.
    pub fn target(&self) -> Option<&Word> {
        match self {
            Redirect::File { target, .. } => Some(target),
            Redirect::Heredoc { .. } => None,
        }
    }
}
