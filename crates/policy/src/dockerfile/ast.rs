//! The syntax tree of a Dockerfile, as BuildKit splits it, with byte spans into the source.
//!
//! Values keep the text as BuildKit hands it to the instruction (quotes in ENV/LABEL values and
//! shell-form commands are kept); `crate::dockerfile::words` has helpers to unquote them.

use crate::span::Span;

/// A parsed Dockerfile. Parsing never fails: what could not be parsed is in `errors`, and the
/// instructions around it are still here.
#[derive(Debug, Clone, Default)]
pub struct Dockerfile {
    /// Parser directives (`# syntax=`, `# escape=`, `# check=`) from the top of the file.
    pub directives: Vec<Directive>,
    /// The escape character in effect: `\` or `` ` ``.
    pub escape: char,
    pub instructions: Vec<Instruction>,
    /// Every comment line (directives excluded), including those inside continuations.
    pub comments: Vec<Comment>,
    /// Empty lines inside a line continuation (BuildKit's NoEmptyContinuation).
    pub empty_continuation_lines: Vec<Span>,
    pub errors: Vec<SyntaxError>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased directive name.
    pub name: String,
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The text after `#`, trimmed.
    pub text: String,
    /// The whole comment line, `#` included.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl Keyword {
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// Case-insensitive lookup.
    pub fn parse(word: &str) -> Option<Keyword> {
        Keyword::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(word))
    }

    /// The upper-case spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
        }
    }
}

/// A piece of text taken from the source. When the text was joined from several source
/// pieces (line continuations, removed comment lines), `segments` maps it back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceText {
    pub text: String,
    /// `(text_offset, source_offset)` pairs, ascending: text from `text_offset` on was copied
    /// verbatim from `source_offset` on, up to the next segment.
    pub segments: Vec<(usize, usize)>,
}

impl SourceText {
    /// Text copied verbatim from one place in the source.
    pub fn contiguous(text: impl Into<String>, source_offset: usize) -> Self {
        Self {
            text: text.into(),
            segments: vec![(0, source_offset)],
        }
    }

    /// The source offset of a text offset.
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|&(t, _)| t <= text_offset)
            .saturating_sub(1);
        match self.segments.get(i) {
            Some(&(t, s)) => s + text_offset.saturating_sub(t),
            None => text_offset,
        }
    }

    /// The part `start..end` of the text, still mapped to the source. Out-of-range or
    /// non-boundary offsets give an empty text.
    pub fn slice(&self, start: usize, end: usize) -> SourceText {
        let Some(text) = self.text.get(start..end) else {
            return SourceText::contiguous("", self.source_offset(start.min(self.text.len())));
        };
        let first = self
            .segments
            .partition_point(|&(t, _)| t <= start)
            .saturating_sub(1);
        let mut segments = vec![(0, self.source_offset(start))];
        segments.extend(
            self.segments[first..]
                .iter()
                .filter(|&&(t, _)| t > start && t < end)
                .map(|&(t, s)| (t - start, s)),
        );
        SourceText {
            text: text.to_string(),
            segments,
        }
    }

    /// The source span of a range of the text.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let s = self.source_offset(start);
        let e = if end > start {
            self.source_offset(end - 1) + 1
        } else {
            s
        };
        Span::new(s, e.max(s))
    }
}

/// A word of an instruction's arguments, as BuildKit splits them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

/// A `--name[=value]` flag before an instruction's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Without the leading `--`.
    pub name: String,
    pub value: Option<String>,
    /// The whole flag, `--` included.
    pub span: Span,
    pub value_span: Option<Span>,
}

/// A `RUN --mount=...` flag split into its comma-separated options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// `(key, value)` in the order written; keys lower-cased; a bare option has no value.
    pub options: Vec<(String, Option<String>)>,
    pub span: Span,
}

impl Mount {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The mount type (`bind` when none is given, as in BuildKit).
    pub fn kind(&self) -> &str {
        self.get("type").unwrap_or("bind")
    }

    /// The target path (`target`, `dst` or `destination`).
    pub fn target(&self) -> Option<&str> {
        self.get("target")
            .or_else(|| self.get("dst"))
            .or_else(|| self.get("destination"))
    }
}

/// Exec form (a JSON array) or shell form (text run by the stage's shell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandForm {
    Exec { args: Vec<Word>, span: Span },
    Shell(SourceText),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word, without quotes.
    pub delimiter: String,
    /// The body (tabs already stripped for `<<-`), without the closing delimiter line.
    pub body: SourceText,
    /// False when the delimiter was quoted, which turns variable expansion off.
    pub expand: bool,
    /// `<<-`: leading tabs are stripped.
    pub strip_tabs: bool,
    /// The `<<EOF` marker on the instruction line.
    pub marker_span: Span,
    /// The whole body including the closing delimiter line.
    pub span: Span,
}

/// ENV / LABEL `key=value` (or the legacy `ENV key value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Word,
    /// As written, quotes kept.
    pub value: Word,
    /// True for `key=value`, false for the legacy `key value` form.
    pub equals: bool,
}

/// `ARG name[=default]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgDecl {
    pub name: Word,
    /// As written, quotes kept.
    pub default: Option<Word>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthcheckArgs {
    None,
    Cmd(CommandForm),
    /// Anything BuildKit does not know (kept for the dump and for rules).
    Other {
        kind: Word,
        rest: Option<Word>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Args {
    /// RUN, CMD, ENTRYPOINT, SHELL.
    Command(CommandForm),
    Healthcheck(HealthcheckArgs),
    From {
        image: Word,
        /// The `AS` word as written (for casing checks).
        as_keyword: Option<Word>,
        name: Option<Word>,
    },
    /// ENV, LABEL.
    KeyValues(Vec<KeyValue>),
    Arg(Vec<ArgDecl>),
    /// COPY, ADD: sources then destination (JSON or shell form).
    Copy {
        paths: Vec<Word>,
        json: bool,
    },
    /// EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL, MAINTAINER.
    Words(Vec<Word>),
    Onbuild(Box<Instruction>),
    /// Arguments that could not be split (an error was reported for them).
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written; `&source[keyword_span]` keeps its casing.
    pub keyword_span: Span,
    pub flags: Vec<Flag>,
    pub args: Args,
    pub heredocs: Vec<Heredoc>,
    /// The whole instruction: keyword, continuation lines and heredoc bodies.
    pub span: Span,
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_keep_the_mapping_across_segments() {
        // "ab" from 10, "cd" from 20: a continuation joined two source pieces.
        let joined = SourceText {
            text: "abcd".into(),
            segments: vec![(0, 10), (2, 20)],
        };
        let tail = joined.slice(1, 4);
        assert_eq!(tail.text, "bcd");
        assert_eq!(tail.source_offset(0), 11);
        assert_eq!(tail.source_offset(1), 20);
        assert_eq!(tail.source_span(0, 3), Span::new(11, 22));
        assert_eq!(joined.slice(3, 9).text, "");
    }
}
