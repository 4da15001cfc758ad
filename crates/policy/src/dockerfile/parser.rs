//! The driver, after BuildKit's `Parse`: directives at the top, physical lines joined into
//! logical lines (continuations, comment and empty lines inside them), one instruction per
//! logical line, then the heredoc bodies that follow it.

use super::ast::{
    Args, Comment, Directive, Dockerfile, Heredoc, Instruction, Keyword, SourceText, SyntaxError,
};
use super::directives::{DirectiveLine, DirectiveParser};
use super::heredoc::{markers, Marker};
use super::instruction;
use super::lines::{continuation_cut, is_blank, is_comment, Lines, PhysicalLine};
use crate::span::Span;

const BOM: &str = "\u{feff}";

/// Go's scanner refuses longer lines (line terminator included).
const MAX_LINE: usize = 64 * 1024;

pub(crate) struct Parser<'s> {
    source: &'s str,
    lines: Lines<'s>,
    directives: DirectiveParser,
    out: Dockerfile,
    saw_instruction: bool,
    /// Heredoc delimiters `(name, chomp, from)` already searched for in vain from offset `from`
    /// to the end: searching again from later on cannot succeed, and skipping it keeps many
    /// unterminated heredocs from costing quadratic time.
    unterminated: Vec<(String, bool, usize)>,
}

impl<'s> Parser<'s> {
    pub fn new(source: &'s str) -> Self {
        Self {
            source,
            lines: Lines::new(source),
            directives: DirectiveParser::default(),
            out: Dockerfile {
                escape: '\\',
                ..Dockerfile::default()
            },
            saw_instruction: false,
            unterminated: Vec::new(),
        }
    }

    pub fn run(mut self) -> Dockerfile {
        while let Some(line) = self.next_line() {
            let start = if line.start == 0 && self.source.starts_with(BOM) {
                BOM.len()
            } else {
                line.start
            };
            let raw = &self.source[start..line.end];
            let text_start = start + raw.len() - raw.trim_start().len();
            let text = &self.source[text_start..line.end];
            if self.directive(text, text_start, line.end) {
                continue;
            }
            if text.starts_with('#') {
                self.comment(text_start, line.end);
                continue;
            }
            self.logical_line(text_start, line);
        }
        if !self.saw_instruction {
            let end = self.source.len();
            self.error("file with no instructions", Span::new(end, end));
        }
        self.out
    }

    fn next_line(&mut self) -> Option<PhysicalLine> {
        let line = self.lines.next()?;
        if line.raw_len() > MAX_LINE {
            self.error(
                format!(
                    "dockerfile line greater than max allowed size of {}",
                    MAX_LINE - 1
                ),
                Span::new(line.start, line.end),
            );
        }
        Some(line)
    }

    fn error(&mut self, message: impl Into<String>, span: Span) {
        self.out.errors.push(SyntaxError {
            message: message.into(),
            span,
        });
    }

    fn comment(&mut self, hash: usize, end: usize) {
        self.out.comments.push(Comment {
            text: self.source[hash + 1..end].trim().to_string(),
            span: Span::new(hash, end),
        });
    }

    /// Handles a directive line; true when the line was one.
    fn directive(&mut self, text: &str, text_start: usize, end: usize) -> bool {
        let span = Span::new(text_start, end);
        match self.directives.parse_line(text) {
            DirectiveLine::None => false,
            DirectiveLine::Duplicate(name) => {
                self.error(
                    format!("only one {name} parser directive can be used"),
                    span,
                );
                true
            }
            DirectiveLine::Directive(found) => {
                let value = text[found.value].to_string();
                if found.name == "escape" {
                    match value.as_str() {
                        "\\" => self.out.escape = '\\',
                        "`" => self.out.escape = '`',
                        _ => self.error(
                            format!("invalid escape token '{value}' does not match ` or \\"),
                            span,
                        ),
                    }
                }
                self.out.directives.push(Directive {
                    name: found.name,
                    value,
                    span,
                });
                true
            }
        }
    }

    /// Joins the continuation lines that follow `first`, then builds the instruction.
    fn logical_line(&mut self, text_start: usize, first: PhysicalLine) {
        let escape = self.out.escape;
        let mut joined = Joined::default();
        let first_text = &self.source[text_start..first.end];
        let mut cut = continuation_cut(first_text, escape);
        if cut.is_none() && first_text.is_empty() {
            return;
        }
        joined.push(self.source, text_start, cut.unwrap_or(first_text.len()));
        let mut end = first.end;
        while cut.is_some() {
            let Some(line) = self.next_line() else { break };
            let raw = &self.source[line.start..line.end];
            end = line.end;
            if is_comment(raw) {
                let hash = line.start + raw.len() - raw.trim_start().len();
                self.comment(hash, line.end);
                continue;
            }
            if is_blank(raw) {
                self.out
                    .empty_continuation_lines
                    .push(Span::new(line.start, line.end));
                continue;
            }
            cut = continuation_cut(raw, escape);
            joined.push(self.source, line.start, cut.unwrap_or(raw.len()));
        }
        let logical = joined.finish();
        self.saw_instruction = true;
        if logical.text.trim().is_empty() {
            // Only escape characters: BuildKit makes a nameless instruction of it and rejects it.
            self.error("unknown instruction: ", Span::new(text_start, end));
            return;
        }
        let Some(mut inst) = instruction::build(
            &logical,
            0,
            logical.text.len(),
            escape,
            &mut self.out.errors,
        ) else {
            return;
        };
        inst.span = Span::new(inst.span.start, end.max(inst.span.end));
        self.heredocs(&logical, &mut inst);
        self.out.instructions.push(inst);
    }

    /// Reads the bodies of the heredocs named on the instruction line, in order.
    fn heredocs(&mut self, logical: &SourceText, inst: &mut Instruction) {
        let target = match (&inst.keyword, &mut inst.args) {
            (Keyword::Onbuild, Args::Onbuild(inner)) => inner.as_mut(),
            _ => &mut *inst,
        };
        if !can_contain_heredoc(target) {
            return;
        }
        let mut end = None;
        for marker in markers(&logical.text) {
            let marker_span = logical.source_span(marker.start, marker.end);
            let resume = self.lines.clone();
            match self.heredoc_body(&marker, marker_span) {
                Some(heredoc) => {
                    end = Some(heredoc.span.end);
                    target.heredocs.push(heredoc);
                }
                None => {
                    // Recover by parsing what follows the instruction line as instructions.
                    self.lines = resume;
                    self.error("unterminated heredoc", marker_span);
                    break;
                }
            }
        }
        if let Some(end) = end {
            if let Args::Onbuild(inner) = &mut inst.args {
                inner.span = Span::new(inner.span.start, end);
            }
            inst.span = Span::new(inst.span.start, end);
        }
    }

    fn heredoc_body(&mut self, marker: &Marker, marker_span: Span) -> Option<Heredoc> {
        let mut body = SourceText::default();
        let body_start = self.lines.clone().next()?.start;
        let known_missing = self.unterminated.iter().any(|(name, chomp, from)| {
            *name == marker.name && *chomp == marker.chomp && *from <= body_start
        });
        if known_missing {
            return None;
        }
        while let Some(line) = self.next_line() {
            let content = &self.source[line.start..line.end];
            let stripped = if marker.chomp {
                content.trim_start_matches('\t')
            } else {
                content
            };
            if stripped == marker.name {
                return Some(Heredoc {
                    delimiter: marker.name.clone(),
                    body,
                    expand: marker.expand,
                    strip_tabs: marker.chomp,
                    marker_span,
                    span: Span::new(body_start, line.end),
                });
            }
            let whole = &self.source[line.start..line.next];
            let kept = if marker.chomp {
                whole.trim_start_matches('\t')
            } else {
                whole
            };
            let from = line.next - kept.len();
            if body
                .segments
                .last()
                .is_none_or(|&(t, s)| s + (body.text.len() - t) != from)
            {
                body.segments.push((body.text.len(), from));
            }
            body.text.push_str(kept);
        }
        self.unterminated
            .push((marker.name.clone(), marker.chomp, body_start));
        None
    }
}

/// RUN, COPY and ADD in shell form may carry heredocs.
fn can_contain_heredoc(inst: &Instruction) -> bool {
    match (&inst.keyword, &inst.args) {
        (Keyword::Run, Args::Command(super::ast::CommandForm::Shell(_))) => true,
        (Keyword::Copy | Keyword::Add, Args::Copy { json, .. }) => !json,
        _ => false,
    }
}

/// Builds a logical line from source pieces, recording where each came from.
#[derive(Default)]
struct Joined {
    text: SourceText,
}

impl Joined {
    fn push(&mut self, source: &str, start: usize, len: usize) {
        if len == 0 {
            return;
        }
        self.text.segments.push((self.text.text.len(), start));
        self.text.text.push_str(&source[start..start + len]);
    }

    fn finish(self) -> SourceText {
        self.text
    }
}
