//! Splits shell text into words and operators, one token at a time.
//!
//! The lexer works on bytes: every byte with a meaning to the shell is ASCII, so any offset it
//! stops at is a char boundary. Command substitutions met inside a word are handed to the
//! parser right away (their commands go to the shared [`Output`]); heredoc bodies are read
//! when the newline after their marker is reached.

use std::ops::Range;

use super::model::Word;
use super::output::Output;

mod word;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    AndIf,
    OrIf,
    Semi,
    /// `;;`, `;&` or `;;&`: the end of a `case` item.
    CaseEnd,
    /// `|` or `|&`
    Pipe,
    Amp,
    LParen,
    RParen,
}

#[derive(Debug)]
pub(super) enum Token {
    Word(Word),
    Op(Op, Range<usize>),
    Redirect {
        fd: Option<u32>,
        op: &'static str,
        span: Range<usize>,
    },
    Newline,
    /// `(( ... ))`: an arithmetic command, which runs no program.
    Arith(Range<usize>),
    Eof,
}

/// A heredoc whose body starts after the next newline.
#[derive(Debug)]
pub(super) struct PendingHeredoc {
    pub delimiter: String,
    pub strip_tabs: bool,
    pub index: usize,
}

pub(super) struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The lexer never looks at or past this offset (the end of a backtick body, say).
    end: usize,
    pending_heredocs: Vec<PendingHeredoc>,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str, range: Range<usize>) -> Self {
        let end = range.end.min(text.len());
        Self {
            text,
            bytes: text.as_bytes(),
            pos: range.start.min(end),
            end,
            pending_heredocs: Vec::new(),
        }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn push_heredoc(&mut self, heredoc: PendingHeredoc) {
        self.pending_heredocs.push(heredoc);
    }

    fn at(&self, i: usize) -> Option<u8> {
        if i < self.end {
            self.bytes.get(i).copied()
        } else {
            None
        }
    }

    /// Skips `()` after a function name (`function f() { ...; }`).
    pub fn skip_empty_parens(&mut self) {
        self.skip_blanks();
        if self.at(self.pos) == Some(b'(') {
            let save = self.pos;
            self.pos += 1;
            self.skip_blanks();
            if self.at(self.pos) == Some(b')') {
                self.pos += 1;
            } else {
                self.pos = save;
            }
        }
    }

    /// Whether the next token is `)`, without consuming anything.
    pub fn next_is_rparen(&mut self) -> bool {
        self.skip_blanks();
        self.at(self.pos) == Some(b')')
    }

    /// Blanks and line continuations.
    fn skip_blanks(&mut self) {
        loop {
            match self.at(self.pos) {
                Some(b' ' | b'\t' | b'\r') => self.pos += 1,
                Some(b'\\') => match self.continuation_len(self.pos) {
                    0 => return,
                    n => self.pos += n,
                },
                _ => return,
            }
        }
    }

    /// The length of a `\` + newline continuation at `i`, or 0.
    fn continuation_len(&self, i: usize) -> usize {
        match (self.at(i + 1), self.at(i + 2)) {
            (Some(b'\n'), _) => 2,
            (Some(b'\r'), Some(b'\n')) => 3,
            _ => 0,
        }
    }

    pub fn next_token(&mut self, out: &mut Output, depth: usize) -> Token {
        self.skip_blanks();
        let start = self.pos;
        let Some(b) = self.at(start) else {
            return Token::Eof;
        };
        let next = self.at(start + 1);
        let op = |lexer: &mut Self, op: Op, len: usize| {
            lexer.pos = start + len;
            Token::Op(op, start..start + len)
        };
        match b {
            b'\n' => {
                self.pos += 1;
                self.read_heredoc_bodies(out);
                Token::Newline
            }
            b'#' => {
                self.pos = self.line_end(start);
                self.next_token(out, depth)
            }
            b'&' => match next {
                Some(b'&') => op(self, Op::AndIf, 2),
                Some(b'>') if self.at(start + 2) == Some(b'>') => {
                    self.redirect(None, "&>>", start + 3)
                }
                Some(b'>') => self.redirect(None, "&>", start + 2),
                _ => op(self, Op::Amp, 1),
            },
            b'|' => match next {
                Some(b'|') => op(self, Op::OrIf, 2),
                Some(b'&') => op(self, Op::Pipe, 2),
                _ => op(self, Op::Pipe, 1),
            },
            b';' => match (next, self.at(start + 2)) {
                (Some(b';'), Some(b'&')) => op(self, Op::CaseEnd, 3),
                (Some(b';' | b'&'), _) => op(self, Op::CaseEnd, 2),
                _ => op(self, Op::Semi, 1),
            },
            b'(' if next == Some(b'(') => self.arith_command(out),
            b'(' => op(self, Op::LParen, 1),
            b')' => op(self, Op::RParen, 1),
            b'<' | b'>' if next == Some(b'(') => Token::Word(self.read_word(out, depth)),
            b'<' | b'>' => self.redirect_operator(None, start),
            b'0'..=b'9' => {
                // `2>&1`: digits right before a redirect operator are its descriptor.
                let digits_end = self.digits_end(start);
                let redirect_follows = matches!(self.at(digits_end), Some(b'<' | b'>'))
                    && self.at(digits_end + 1) != Some(b'(');
                if redirect_follows {
                    let fd = self.text[start..digits_end].parse().ok();
                    self.redirect_operator(fd, digits_end)
                } else {
                    Token::Word(self.read_word(out, depth))
                }
            }
            _ => Token::Word(self.read_word(out, depth)),
        }
    }

    fn digits_end(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        i
    }

    fn line_end(&self, from: usize) -> usize {
        self.bytes[from..self.end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.end, |i| from + i)
    }

    /// A redirect operator starting with `<` or `>` at `at`; the token starts at the current
    /// position, where its descriptor is.
    fn redirect_operator(&mut self, fd: Option<u32>, at: usize) -> Token {
        let (op, len) = match (self.at(at), self.at(at + 1), self.at(at + 2)) {
            (Some(b'<'), Some(b'<'), Some(b'<')) => ("<<<", 3),
            (Some(b'<'), Some(b'<'), Some(b'-')) => ("<<-", 3),
            (Some(b'<'), Some(b'<'), _) => ("<<", 2),
            (Some(b'<'), Some(b'&'), _) => ("<&", 2),
            (Some(b'<'), Some(b'>'), _) => ("<>", 2),
            (Some(b'<'), _, _) => ("<", 1),
            (_, Some(b'>'), _) => (">>", 2),
            (_, Some(b'&'), _) => (">&", 2),
            (_, Some(b'|'), _) => (">|", 2),
            _ => (">", 1),
        };
        self.redirect(fd, op, at + len)
    }

    fn redirect(&mut self, fd: Option<u32>, op: &'static str, end: usize) -> Token {
        let start = self.pos;
        self.pos = end;
        Token::Redirect {
            fd,
            op,
            span: start..end,
        }
    }

    /// `(( ... ))` at the start of a token.
    fn arith_command(&mut self, out: &mut Output) -> Token {
        let start = self.pos;
        self.pos = self.skip_parens(start, out);
        Token::Arith(start..self.pos)
    }

    /// From an opening `(` at `open`, the offset after its matching `)`. Quotes are not
    /// interpreted: this is only used for arithmetic, where they are rare.
    fn skip_parens(&self, open: usize, out: &mut Output) -> usize {
        let mut depth = 0usize;
        for (i, &b) in self.bytes[open..self.end].iter().enumerate() {
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return open + i + 1;
                    }
                }
                _ => {}
            }
        }
        out.complete = false;
        self.end
    }

    /// Reads the bodies of the heredocs whose markers were on the line just ended. A body
    /// whose closing delimiter cannot be found is taken to be absent (the Dockerfile parser
    /// removed it), and the text after the newline is read as commands.
    fn read_heredoc_bodies(&mut self, out: &mut Output) {
        for heredoc in std::mem::take(&mut self.pending_heredocs) {
            let body_start = self.pos;
            let mut line_start = self.pos;
            while line_start < self.end {
                let line_end = self.line_end(line_start);
                let mut line = self.text[line_start..line_end].trim_end_matches('\r');
                if heredoc.strip_tabs {
                    line = line.trim_start_matches('\t');
                }
                if line == heredoc.delimiter {
                    if let Some(slot) = out.heredoc_bodies.get_mut(heredoc.index) {
                        *slot = Some(body_start..line_start);
                    }
                    self.pos = (line_end + 1).min(self.end);
                    break;
                }
                line_start = line_end + 1;
            }
        }
    }
}
