//! Small helpers shared by rules.

use crate::context::DockerfileContext;
use crate::dockerfile::ast::{CommandForm, Instruction};
use crate::span::Span;

/// The part of `span` on its first line: instructions with continuation lines or heredocs are
/// reported on the line they start, as a reader looks for them.
pub fn first_line(ctx: &DockerfileContext, span: Span) -> Span {
    let text = ctx.text(span);
    let end = text.find('\n').map_or(span.end, |i| {
        span.start + text[..i].trim_end_matches('\r').len()
    });
    Span::new(span.start, end)
}

/// The span to report a whole instruction at: its first line.
pub fn instruction_head(ctx: &DockerfileContext, ins: &Instruction) -> Span {
    first_line(ctx, ins.span)
}

/// The source span of a command form.
pub fn command_span(form: &CommandForm) -> Span {
    match form {
        CommandForm::Exec { span, .. } => *span,
        CommandForm::Shell(text) => text.source_span(0, text.text.len()),
    }
}
