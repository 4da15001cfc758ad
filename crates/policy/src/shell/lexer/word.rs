//! Reading one word: quotes, escapes and expansions, which are kept as written.

use super::Lexer;
use crate::shell::model::Word;
use crate::shell::nested;
use crate::shell::output::Output;

/// Accumulates one word while it is read.
struct WordBuf {
    value: String,
    quoted: bool,
    has_expansion: bool,
}

impl Lexer<'_> {
    /// One word, quotes removed; substitutions inside it are parsed on the way.
    pub(super) fn read_word(&mut self, out: &mut Output, depth: usize) -> Word {
        let start = self.pos;
        let mut word = WordBuf {
            value: String::new(),
            quoted: false,
            has_expansion: false,
        };
        while let Some(b) = self.at(self.pos) {
            match b {
                b'<' | b'>' if self.at(self.pos + 1) == Some(b'(') && self.pos == start => {
                    self.substitution(&mut word, out, depth, self.pos + 2);
                }
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')' => {
                    break
                }
                b'\\' => self.unquoted_escape(&mut word),
                b'\'' => self.single_quoted(&mut word, out),
                b'"' => self.double_quoted(&mut word, out, depth),
                b'$' => self.dollar(&mut word, out, depth, false),
                b'`' => self.backticks(&mut word, out, depth),
                _ => {
                    let run_end = self.plain_run_end(self.pos, false);
                    word.value.push_str(&self.text[self.pos..run_end]);
                    self.pos = run_end;
                }
            }
        }
        Word {
            value: word.value,
            span: start..self.pos,
            quoted: word.quoted,
            has_expansion: word.has_expansion,
        }
    }

    /// The end of a run of bytes with no meaning to the shell.
    fn plain_run_end(&self, from: usize, in_double_quotes: bool) -> usize {
        let special = |b: u8| {
            if in_double_quotes {
                matches!(b, b'"' | b'\\' | b'$' | b'`')
            } else {
                matches!(
                    b,
                    b' ' | b'\t'
                        | b'\r'
                        | b'\n'
                        | b';'
                        | b'&'
                        | b'|'
                        | b'<'
                        | b'>'
                        | b'('
                        | b')'
                        | b'\\'
                        | b'\''
                        | b'"'
                        | b'$'
                        | b'`'
                )
            }
        };
        self.bytes[from..self.end]
            .iter()
            .position(|&b| special(b))
            .map_or(self.end, |i| from + i)
    }

    fn unquoted_escape(&mut self, word: &mut WordBuf) {
        let continuation = self.continuation_len(self.pos);
        if continuation > 0 {
            self.pos += continuation;
            return;
        }
        match self
            .text
            .get(self.pos + 1..self.end)
            .and_then(|s| s.chars().next())
        {
            Some(c) => {
                word.value.push(c);
                word.quoted = true;
                self.pos += 1 + c.len_utf8();
            }
            None => {
                word.value.push('\\');
                self.pos += 1;
            }
        }
    }

    fn single_quoted(&mut self, word: &mut WordBuf, out: &mut Output) {
        word.quoted = true;
        let body = self.pos + 1;
        match self.bytes[body.min(self.end)..self.end]
            .iter()
            .position(|&b| b == b'\'')
        {
            Some(len) => {
                word.value.push_str(&self.text[body..body + len]);
                self.pos = body + len + 1;
            }
            None => {
                out.complete = false;
                word.value
                    .push_str(&self.text[body.min(self.end)..self.end]);
                self.pos = self.end;
            }
        }
    }

    fn double_quoted(&mut self, word: &mut WordBuf, out: &mut Output, depth: usize) {
        word.quoted = true;
        self.pos += 1;
        loop {
            let Some(b) = self.at(self.pos) else {
                out.complete = false;
                return;
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return;
                }
                b'\\' => {
                    let continuation = self.continuation_len(self.pos);
                    match self.at(self.pos + 1) {
                        _ if continuation > 0 => self.pos += continuation,
                        Some(c @ (b'$' | b'`' | b'"' | b'\\')) => {
                            word.value.push(char::from(c));
                            self.pos += 2;
                        }
                        _ => {
                            word.value.push('\\');
                            self.pos += 1;
                        }
                    }
                }
                b'$' => self.dollar(word, out, depth, true),
                b'`' => self.backticks(word, out, depth),
                _ => {
                    let run_end = self.plain_run_end(self.pos, true);
                    word.value.push_str(&self.text[self.pos..run_end]);
                    self.pos = run_end;
                }
            }
        }
    }

    /// `$name`, `${...}`, `$(...)`, `$((...))`, `$'...'`: kept as written in the value.
    fn dollar(&mut self, word: &mut WordBuf, out: &mut Output, depth: usize, in_quotes: bool) {
        let start = self.pos;
        match self.at(start + 1) {
            Some(b'(') if self.at(start + 2) == Some(b'(') => {
                self.pos = self.skip_parens(start + 1, out);
            }
            Some(b'(') => {
                self.substitution(word, out, depth, start + 2);
                return;
            }
            Some(b'{') => self.pos = self.skip_braces(start + 2, out),
            Some(b'\'') if !in_quotes => {
                self.ansi_c_quoted(word, out);
                return;
            }
            Some(b'"') if !in_quotes => {
                // `$"..."` is a translated string: a plain double-quoted one for us.
                self.pos += 1;
                return;
            }
            Some(b'0'..=b'9' | b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!') => {
                self.pos = start + 2;
            }
            Some(b) if b == b'_' || b.is_ascii_alphabetic() => {
                let mut i = start + 1;
                while matches!(self.at(i), Some(b) if b == b'_' || b.is_ascii_alphanumeric()) {
                    i += 1;
                }
                self.pos = i;
            }
            _ => {
                word.value.push('$');
                self.pos += 1;
                return;
            }
        }
        word.has_expansion = true;
        word.value.push_str(&self.text[start..self.pos]);
    }

    /// `$(...)` or `<(...)`/`>(...)` whose commands start at `body`.
    fn substitution(&mut self, word: &mut WordBuf, out: &mut Output, depth: usize, body: usize) {
        let start = self.pos;
        self.pos = nested::parse_substitution(self.text, body..self.end, out, depth + 1);
        word.has_expansion = true;
        word.value.push_str(&self.text[start..self.pos]);
    }

    /// From inside `${`, the offset after the matching `}`.
    fn skip_braces(&self, from: usize, out: &mut Output) -> usize {
        let mut depth = 1usize;
        let mut i = from;
        while let Some(b) = self.at(i) {
            match b {
                b'\\' => i += 1,
                b'\'' | b'"' => {
                    let close = self.bytes[i + 1..self.end].iter().position(|&c| c == b);
                    match close {
                        Some(len) => i += len + 1,
                        None => break,
                    }
                }
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        out.complete = false;
        self.end
    }

    /// `$'...'`: backslash escapes are kept as written.
    fn ansi_c_quoted(&mut self, word: &mut WordBuf, out: &mut Output) {
        word.quoted = true;
        let body = self.pos + 2;
        let mut i = body;
        while let Some(b) = self.at(i) {
            match b {
                b'\\' => i += 2,
                b'\'' => {
                    word.value.push_str(&self.text[body..i]);
                    self.pos = i + 1;
                    return;
                }
                _ => i += 1,
            }
        }
        out.complete = false;
        word.value
            .push_str(&self.text[body.min(self.end)..self.end]);
        self.pos = self.end;
    }

    /// `` `...` ``: the old command substitution.
    fn backticks(&mut self, word: &mut WordBuf, out: &mut Output, depth: usize) {
        let start = self.pos;
        let body = start + 1;
        let mut i = body;
        let mut escaped = false;
        let close = loop {
            match self.at(i) {
                None => break None,
                Some(b'\\') => {
                    escaped = true;
                    i += 2;
                }
                Some(b'`') => break Some(i),
                Some(_) => i += 1,
            }
        };
        let Some(close) = close else {
            out.complete = false;
            word.value.push_str(&self.text[start..self.end]);
            self.pos = self.end;
            return;
        };
        self.pos = close + 1;
        if escaped {
            let unescaped = unescape_backticks(&self.text[body..close]);
            nested::parse_detached(&unescaped, start..self.pos, out, depth + 1, true);
        } else {
            nested::parse_in_place(self.text, body..close, out, depth + 1);
        }
        word.has_expansion = true;
        word.value.push_str(&self.text[start..self.pos]);
    }
}

/// Inside backticks, `\\`, `` \` `` and `\$` stand for the character itself.
fn unescape_backticks(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next @ ('\\' | '`' | '$')) = chars.peek() {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}
