//! Scripts inside scripts: `$( )`, `<( )`, backticks and the string of `sh -c`. They are
//! parsed when met, into the same [`Output`] or into one of their own that is then absorbed.

use std::ops::Range;

use super::lexer::Lexer;
use super::model::{Command, Redirect, Word};
use super::output::Output;
use super::parser::{parse_script, Parser};

/// Deeper nesting of substitutions and inline scripts is given up on (`complete` = false):
/// it keeps recursion, and so the stack, bounded on any input.
const MAX_NESTING: usize = 32;

/// Parses `$(...)` or `<(...)` whose body starts at `range.start`; returns the offset after
/// the closing `)`.
pub(super) fn parse_substitution(
    text: &str,
    range: Range<usize>,
    out: &mut Output,
    depth: usize,
) -> usize {
    if out.nesting >= MAX_NESTING {
        out.complete = false;
        return range.end;
    }
    out.nesting += 1;
    let mut lexer = Lexer::new(text, range);
    Parser::new(&mut lexer, out, depth, true).run();
    out.nesting -= 1;
    lexer.pos()
}

/// Parses a backtick body that needs no unescaping, where it stands.
pub(super) fn parse_in_place(text: &str, range: Range<usize>, out: &mut Output, depth: usize) {
    if out.nesting >= MAX_NESTING {
        out.complete = false;
        return;
    }
    out.nesting += 1;
    let mut lexer = Lexer::new(text, range);
    let mut parser = Parser::new(&mut lexer, out, depth, false);
    parser.in_substitution = true;
    parser.run();
    out.nesting -= 1;
}

/// Parses a script that is not a slice of the text (an unescaped backtick body, an `sh -c`
/// string with escapes): its commands get `span` for every position, and no heredoc body.
pub(super) fn parse_detached(
    script: &str,
    span: Range<usize>,
    out: &mut Output,
    depth: usize,
    substitution: bool,
) {
    if out.nesting >= MAX_NESTING {
        out.complete = false;
        return;
    }
    let mut inner = parse_script(script, 0..script.len(), out.nesting + 1);
    for command in &mut inner.commands {
        relocate(command, &span);
        command.depth += depth;
        command.in_substitution |= substitution;
        command.in_inline_script |= !substitution;
    }
    out.absorb(inner);
}

fn relocate(command: &mut Command, span: &Range<usize>) {
    command.span = span.clone();
    for word in command.assignments.iter_mut().chain(&mut command.words) {
        word.span = span.clone();
    }
    for redirect in &mut command.redirects {
        match redirect {
            Redirect::File {
                target, span: s, ..
            } => {
                target.span = span.clone();
                *s = span.clone();
            }
            Redirect::Heredoc { body, span: s, .. } => {
                *body = None;
                *s = span.clone();
            }
        }
    }
}

/// Parses the script argument of `sh -c`: where it stands when the word's raw text holds it
/// verbatim, detached otherwise.
pub(super) fn parse_inline_script(text: &str, script: &Word, out: &mut Output, depth: usize) {
    if out.nesting >= MAX_NESTING {
        out.complete = false;
        return;
    }
    let raw = text.get(script.span.clone()).unwrap_or_default();
    let in_place = if raw == script.value {
        Some(script.span.clone())
    } else {
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        let quoted = raw.len() >= 2 && (raw.starts_with('\'') || raw.starts_with('"'));
        (quoted && inner == script.value).then(|| script.span.start + 1..script.span.end - 1)
    };
    match in_place {
        Some(range) => {
            let mut inner = parse_script(text, range, out.nesting + 1);
            for command in &mut inner.commands {
                command.depth += depth;
                command.in_inline_script = true;
            }
            out.absorb(inner);
        }
        None => parse_detached(&script.value, script.span.clone(), out, depth, false),
    }
}
