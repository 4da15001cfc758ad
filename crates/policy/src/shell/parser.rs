//! Turns tokens into simple commands. Compound commands (`if`, loops, `case`, subshells,
//! groups, functions) are not modelled as trees: they only raise the nesting depth of the
//! commands inside and count as one element of the pipeline around them.

use std::ops::Range;

use super::lexer::{Lexer, Op, PendingHeredoc, Token};
use super::model::{Command, Connector, Redirect, Script, Word};
use super::nested;
use super::output::Output;
use super::programs;

pub fn parse(text: &str) -> Script {
    let out = parse_script(text, 0..text.len(), 0);
    Script {
        commands: out.commands,
        complete: out.complete,
    }
}

pub(super) fn parse_script(text: &str, range: Range<usize>, nesting: usize) -> Output {
    let mut out = Output::new(nesting);
    let mut lexer = Lexer::new(text, range);
    Parser::new(&mut lexer, &mut out, 0, false).run();
    out.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    /// The script itself, or the inside of a substitution.
    Root,
    Subshell,
    Group,
    If,
    Loop,
    Case,
}

/// What the words of a frame are expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Commands,
    /// `for NAME in WORDS;`: no commands until `do`.
    ForHeader,
    /// The word after `case`.
    CaseSubject,
    /// `in` after the case subject.
    CaseIn,
    /// `pattern | pattern )`
    CasePattern,
    /// The name after `function`.
    FunctionName,
}

/// One nesting level and the list being built in it.
#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    mode: Mode,
    /// The connector before the next element.
    connector: Option<Connector>,
    pipeline: usize,
    element: usize,
    and_or: usize,
    negate_next: bool,
    /// An element was placed since the list (re)started: a `;` now separates something.
    list_started: bool,
}

impl Frame {
    fn new(kind: FrameKind, mode: Mode) -> Self {
        Self {
            kind,
            mode,
            connector: None,
            pipeline: 0,
            element: 0,
            and_or: 0,
            negate_next: false,
            list_started: false,
        }
    }
}

/// Where the element being started sits in its frame's lists.
struct Placement {
    connector: Option<Connector>,
    pipeline: usize,
    pipeline_index: usize,
    and_or: usize,
    negated: bool,
}

pub(super) struct Parser<'l, 'a, 'o> {
    lexer: &'l mut Lexer<'a>,
    out: &'o mut Output,
    frames: Vec<Frame>,
    base_depth: usize,
    /// The root frame ends at `)`.
    until_paren: bool,
    pub in_substitution: bool,
    current: Option<Command>,
    /// A compound command just closed: only redirects and operators may follow.
    after_compound: bool,
    /// Inside `[[ ... ]]`, where operators are plain words.
    in_double_brackets: bool,
}

impl<'l, 'a, 'o> Parser<'l, 'a, 'o> {
    pub fn new(
        lexer: &'l mut Lexer<'a>,
        out: &'o mut Output,
        depth: usize,
        until_paren: bool,
    ) -> Self {
        Self {
            lexer,
            out,
            frames: vec![Frame::new(FrameKind::Root, Mode::Commands)],
            base_depth: depth,
            until_paren,
            in_substitution: until_paren,
            current: None,
            after_compound: false,
            in_double_brackets: false,
        }
    }

    fn depth(&self) -> usize {
        self.base_depth + self.frames.len() - 1
    }

    fn frame(&mut self) -> &mut Frame {
        // The root frame is never popped.
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    pub fn run(&mut self) {
        loop {
            let depth = self.depth();
            let token = self.lexer.next_token(self.out, depth);
            if !self.step(token) {
                break;
            }
        }
    }

    /// Handles one token; false at the end of this (sub)script.
    fn step(&mut self, token: Token) -> bool {
        if self.in_double_brackets {
            return self.double_bracket_token(token);
        }
        match token {
            Token::Eof => {
                self.finish_command();
                if self.until_paren || self.frames.len() > 1 {
                    self.out.complete = false;
                }
                return false;
            }
            Token::Word(word) => self.word(word),
            Token::Newline => self.newline(),
            Token::Op(op, _) => return self.operator(op),
            Token::Redirect { fd, op, span } => return self.redirect(fd, op, span),
            Token::Arith(_) => {
                if self.frame().mode == Mode::Commands {
                    self.begin_compound();
                    self.after_compound = true;
                }
            }
        }
        true
    }

    fn double_bracket_token(&mut self, token: Token) -> bool {
        let word = match token {
            Token::Word(word) => word,
            Token::Op(_, span) | Token::Redirect { span, .. } | Token::Arith(span) => {
                let value = self.lexer.text().get(span.clone()).unwrap_or_default();
                Word {
                    value: value.to_string(),
                    span,
                    quoted: false,
                    has_expansion: false,
                }
            }
            Token::Newline | Token::Eof => {
                self.out.complete = false;
                self.in_double_brackets = false;
                return self.step(token);
            }
        };
        let closes = word.value == "]]" && word.is_plain();
        self.push_word(word);
        if closes {
            self.in_double_brackets = false;
        }
        true
    }

    fn newline(&mut self) {
        match self.frame().mode {
            Mode::Commands => {}
            Mode::ForHeader | Mode::CaseIn | Mode::CasePattern | Mode::CaseSubject => return,
            Mode::FunctionName => self.out.complete = false,
        }
        // A newline after `&&`, `||` or `|` continues the list.
        let pending = self.frame().connector;
        if self.current.is_none()
            && !self.after_compound
            && matches!(
                pending,
                Some(Connector::And | Connector::Or | Connector::Pipe)
            )
        {
            return;
        }
        self.separate(Connector::Sequence);
    }

    /// Ends the current element; the next one is joined by `connector`.
    fn separate(&mut self, connector: Connector) {
        let joins_something = self.current.is_some() || self.after_compound;
        if connector != Connector::Sequence && !joins_something {
            // `&& b`, `a | | b`: nothing on the left.
            self.out.complete = false;
        }
        self.finish_command();
        self.after_compound = false;
        let frame = self.frame();
        frame.connector = match (frame.connector, connector) {
            // Blank lines and `;` right after a `then`/`do`/`{` start nothing.
            (None, Connector::Sequence) if !frame.list_started => None,
            (Some(Connector::Background), Connector::Sequence) => Some(Connector::Background),
            _ => Some(connector),
        };
    }

    fn operator(&mut self, op: Op) -> bool {
        let mode = self.frame().mode;
        if mode == Mode::CasePattern {
            match op {
                Op::Pipe | Op::LParen => {}
                Op::RParen => {
                    let frame = self.frame();
                    frame.mode = Mode::Commands;
                    frame.connector = None;
                    frame.list_started = false;
                }
                _ => self.out.complete = false,
            }
            return true;
        }
        if mode == Mode::ForHeader && op == Op::Semi {
            return true;
        }
        match op {
            Op::AndIf => self.separate(Connector::And),
            Op::OrIf => self.separate(Connector::Or),
            Op::Pipe => self.separate(Connector::Pipe),
            Op::Semi => self.separate(Connector::Sequence),
            Op::Amp => self.separate(Connector::Background),
            Op::CaseEnd => {
                self.finish_command();
                self.after_compound = false;
                if self.frame().kind == FrameKind::Case {
                    self.frame().mode = Mode::CasePattern;
                } else {
                    self.out.complete = false;
                }
            }
            Op::LParen => self.left_paren(),
            Op::RParen => {
                self.finish_command();
                if self.frames.iter().any(|f| f.kind == FrameKind::Subshell) {
                    self.close(FrameKind::Subshell);
                } else if self.until_paren {
                    // The end of `$( )`, whatever is still open inside it.
                    if self.frames.len() > 1 {
                        self.out.complete = false;
                    }
                    return false;
                } else {
                    self.out.complete = false;
                }
            }
        }
        true
    }

    fn left_paren(&mut self) {
        let is_function_name = self.current.as_ref().is_some_and(|c| {
            c.words.len() == 1 && c.assignments.is_empty() && c.redirects.is_empty()
        });
        if is_function_name && self.lexer.next_is_rparen() {
            // `name() { ...; }`: the name is not a command.
            let depth = self.depth();
            let _ = self.lexer.next_token(self.out, depth);
            self.current = None;
            return;
        }
        if self.current.is_some() || self.after_compound {
            self.out.complete = false;
            self.finish_command();
        }
        self.open(FrameKind::Subshell, Mode::Commands);
    }

    /// Reads the target of a redirect operator; false when the token after the operator
    /// ends this (sub)script.
    fn redirect(&mut self, fd: Option<u32>, op: &'static str, span: Range<usize>) -> bool {
        let depth = self.depth();
        let target = match self.lexer.next_token(self.out, depth) {
            Token::Word(word) => word,
            other => {
                self.out.complete = false;
                return self.step(other);
            }
        };
        let span = span.start..target.span.end;
        let redirect = if let Some(strip_tabs) = heredoc_kind(op) {
            let index = self.out.heredoc_bodies.len();
            self.out.heredoc_bodies.push(None);
            self.lexer.push_heredoc(PendingHeredoc {
                delimiter: target.value.clone(),
                strip_tabs,
                index,
            });
            Redirect::Heredoc {
                fd,
                delimiter: target.value,
                quoted: target.quoted,
                strip_tabs,
                index,
                body: None,
                span,
            }
        } else {
            Redirect::File {
                fd,
                op: op.to_string(),
                target,
                span,
            }
        };
        if self.after_compound || self.frame().mode != Mode::Commands {
            // `done < file`, `} > log`: the redirect belongs to no simple command.
            return true;
        }
        let command = self.current_command(redirect.span().start);
        command.span.end = redirect.span().end;
        command.redirects.push(redirect);
        true
    }

    fn word(&mut self, word: Word) {
        match self.frame().mode {
            Mode::Commands => {}
            Mode::ForHeader => {
                if is_keyword(&word, "do") {
                    self.frame().mode = Mode::Commands;
                }
                return;
            }
            Mode::FunctionName => {
                self.frame().mode = Mode::Commands;
                self.lexer.skip_empty_parens();
                return;
            }
            Mode::CaseSubject => {
                self.frame().mode = Mode::CaseIn;
                return;
            }
            Mode::CaseIn => {
                if is_keyword(&word, "in") {
                    self.frame().mode = Mode::CasePattern;
                } else {
                    self.out.complete = false;
                }
                return;
            }
            Mode::CasePattern => {
                if is_keyword(&word, "esac") {
                    self.close(FrameKind::Case);
                }
                return;
            }
        }
        if self.current.is_none() && self.reserved_word(&word) {
            return;
        }
        if self.after_compound {
            // `fi foo`: a syntax error in the shell.
            self.out.complete = false;
            self.after_compound = false;
        }
        self.push_word(word);
    }

    /// Handles a reserved word in command position; false when `word` is not one.
    fn reserved_word(&mut self, word: &Word) -> bool {
        if !word.is_plain() {
            return false;
        }
        match word.value.as_str() {
            "!" => self.frame().negate_next = true,
            "if" => self.open(FrameKind::If, Mode::Commands),
            "while" | "until" => self.open(FrameKind::Loop, Mode::Commands),
            "for" | "select" => self.open(FrameKind::Loop, Mode::ForHeader),
            "case" => self.open(FrameKind::Case, Mode::CaseSubject),
            "{" => self.open(FrameKind::Group, Mode::Commands),
            "then" | "elif" | "else" => self.restart_list(FrameKind::If),
            "do" => self.restart_list(FrameKind::Loop),
            "fi" => self.close(FrameKind::If),
            "done" => self.close(FrameKind::Loop),
            "esac" => self.close(FrameKind::Case),
            "}" => self.close(FrameKind::Group),
            "function" => self.frame().mode = Mode::FunctionName,
            "[[" => {
                self.in_double_brackets = true;
                return false;
            }
            _ => return false,
        }
        true
    }

    /// Allocates the next element of the current frame's pipeline and `&&`/`||` list.
    fn place(&mut self) -> Placement {
        let last = self.frames.len() - 1;
        let frame = &mut self.frames[last];
        let connector = frame.connector.take();
        let continues_pipeline = frame.list_started && connector == Some(Connector::Pipe);
        let continues_and_or = frame.list_started
            && matches!(
                connector,
                Some(Connector::And | Connector::Or | Connector::Pipe)
            );
        frame.list_started = true;
        if continues_pipeline {
            frame.element += 1;
        } else {
            frame.pipeline = self.out.pipeline_lens.len();
            self.out.pipeline_lens.push(0);
            frame.element = 0;
        }
        if !continues_and_or {
            frame.and_or = self.out.next_and_or;
            self.out.next_and_or += 1;
        }
        if let Some(len) = self.out.pipeline_lens.get_mut(frame.pipeline) {
            *len = (*len).max(frame.element + 1);
        }
        Placement {
            connector,
            pipeline: frame.pipeline,
            pipeline_index: frame.element,
            and_or: frame.and_or,
            negated: std::mem::take(&mut frame.negate_next),
        }
    }

    fn begin_compound(&mut self) {
        self.finish_command();
        self.place();
    }

    fn open(&mut self, kind: FrameKind, mode: Mode) {
        self.begin_compound();
        self.after_compound = false;
        self.frames.push(Frame::new(kind, mode));
    }

    /// `then`, `else`, `do`...: a new list starts inside the same compound.
    fn restart_list(&mut self, kind: FrameKind) {
        if self.frame().kind != kind {
            self.out.complete = false;
            return;
        }
        self.after_compound = false;
        let frame = self.frame();
        frame.connector = None;
        frame.list_started = false;
    }

    fn close(&mut self, kind: FrameKind) {
        self.finish_command();
        match self.frames.iter().rposition(|f| f.kind == kind) {
            Some(i) if i > 0 => {
                if i != self.frames.len() - 1 {
                    self.out.complete = false;
                }
                self.frames.truncate(i);
                self.after_compound = true;
            }
            _ => self.out.complete = false,
        }
    }

    /// The command being built, started at `start` if there is none.
    fn current_command(&mut self, start: usize) -> &mut Command {
        // Built in place: a `Command` is large, and this runs for every word.
        if self.current.is_none() {
            self.current = Some(self.new_command(start));
        }
        self.current.get_or_insert_with(|| empty_command(start))
    }

    fn new_command(&mut self, start: usize) -> Command {
        let placement = self.place();
        Command {
            connector: placement.connector,
            pipeline: placement.pipeline,
            pipeline_index: placement.pipeline_index,
            and_or: placement.and_or,
            negated: placement.negated,
            depth: self.depth(),
            in_substitution: self.in_substitution,
            ..empty_command(start)
        }
    }

    fn push_word(&mut self, word: Word) {
        let text = self.lexer.text();
        let command = self.current_command(word.span.start);
        command.span.end = word.span.end;
        if command.words.is_empty() && is_assignment(text.get(word.span.clone()).unwrap_or("")) {
            command.assignments.push(word);
        } else {
            command.words.push(word);
        }
    }

    fn finish_command(&mut self) {
        let Some(mut command) = self.current.take() else {
            return;
        };
        command.program_at = programs::program_index(&command.words);
        command.tool_at = command
            .program_at
            .and_then(|at| programs::locate_tool(&command.words, at));
        let inline_script = programs::inline_script(&command).cloned();
        let depth = command.depth + 1;
        self.out.commands.push(command);
        if let Some(script) = inline_script {
            nested::parse_inline_script(self.lexer.text(), &script, self.out, depth);
        }
    }
}

/// A command with no words yet, at `start`.
fn empty_command(start: usize) -> Command {
    Command {
        assignments: Vec::new(),
        // Most commands have a few words: skip the first regrowths.
        words: Vec::with_capacity(4),
        redirects: Vec::new(),
        span: start..start,
        connector: None,
        pipeline: 0,
        pipeline_index: 0,
        pipeline_len: 1,
        and_or: 0,
        negated: false,
        depth: 0,
        in_substitution: false,
        in_inline_script: false,
        program_at: None,
        tool_at: None,
    }
}

/// `Some(strip_tabs)` for heredoc operators.
fn heredoc_kind(op: &str) -> Option<bool> {
    match op {
        "<<" => Some(false),
        "<<-" => Some(true),
        _ => None,
    }
}

fn is_keyword(word: &Word, keyword: &str) -> bool {
    word.is_plain() && word.value == keyword
}

/// `NAME=...` or `NAME+=...` as written (a quoted name is not an assignment).
fn is_assignment(raw: &str) -> bool {
    let name_len = raw
        .bytes()
        .take_while(|b| *b == b'_' || b.is_ascii_alphanumeric())
        .count();
    let rest = &raw.as_bytes()[name_len..];
    name_len > 0
        && !raw.as_bytes()[0].is_ascii_digit()
        && (rest.first() == Some(&b'=') || rest.starts_with(b"+="))
}
