use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Comment, Instruction};
use crate::engine::Diagnostics;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks the comment line directly above a named `FROM` or an `ARG`: BuildKit takes it as
    /// the description of the stage or build argument, so it should start with the name
    /// (`# VERSION selects the release to install`).
    ///
    /// ## Why is this bad?
    /// `docker buildx build --call=outline` and `--call=targets` show these comments as the
    /// documentation of build arguments and targets. A comment that does not start with the name
    /// (`# install the tools`) is shown as a description all the same, and reads as nonsense
    /// there. Either start it with the name, or put an empty line between the comment and the
    /// instruction when it is not meant as a description.
    ///
    /// BuildKit runs this check only when experimental checks are enabled; here it is
    /// informational. The finding is on the name being described, so a suppression comment
    /// for the instruction works. Suppression comments (`# hadolint ignore=...`, `# ballast: ignore=...`)
    /// are not descriptions and are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// # pin the toolchain
    /// ARG GO_VERSION=1.23
    /// FROM golang:${GO_VERSION}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # GO_VERSION pins the toolchain
    /// ARG GO_VERSION=1.23
    /// FROM golang:${GO_VERSION}
    /// ```
    ///
    /// ## References
    /// - [InvalidDefinitionDescription](https://docs.docker.com/reference/build-checks/invalid-definition-description/)
    /// - [Build descriptions](https://docs.docker.com/reference/cli/docker/buildx/build/#descriptions)
    pub static RULE = {
        code: "BL1309",
        name: "invalid-definition-description",
        severity: Info,
        tags: ["maintainability"],
        aliases: ["InvalidDefinitionDescription"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in &ctx.ast.instructions {
        let (keyword, names, at): (&str, Vec<String>, Span) = match &ins.args {
            Args::From {
                name: Some(name), ..
            } => ("FROM", vec![name.value.to_ascii_lowercase()], name.span),
            Args::Arg(decls) if !decls.is_empty() => (
                "ARG",
                decls.iter().map(|d| d.name.value.clone()).collect(),
                decls[0].name.span,
            ),
            _ => continue,
        };
        let Some(comment) = comment_above(ctx, ins) else {
            continue;
        };
        if comment.text.is_empty() || is_suppression(&comment.text) {
            continue;
        }
        let first_word = comment.text.split(' ').next().unwrap_or("");
        if names.iter().any(|n| n == first_word) {
            continue;
        }
        let example = if names.len() > 1 {
            "<arg_key>"
        } else {
            &names[0]
        };
        out.report(
            &RULE,
            at,
            format!("Comment for {keyword} should follow the format: `# {example} <description>`"),
        )
        .help("start the comment with the name, or add an empty line between it and the instruction if it is not a description")
        .related(comment.span, "this comment is taken as the description");
    }
}

/// The comment on the line just above the instruction, if that line is a comment of its own
/// (not one inside another instruction's continuation).
fn comment_above<'a>(ctx: &'a DockerfileContext, ins: &Instruction) -> Option<&'a Comment> {
    let line_start = ctx.source[..ins.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let previous_end = line_start.checked_sub(1)?;
    let previous_start = ctx.source[..previous_end].rfind('\n').map_or(0, |i| i + 1);
    let comment = ctx
        .ast
        .comments
        .iter()
        .find(|c| c.span.start >= previous_start && c.span.start < previous_end)?;
    let inside_instruction =
        ctx.ast.instructions.iter().any(|other| {
            other.span.start < comment.span.start && comment.span.start < other.span.end
        });
    (!inside_instruction).then_some(comment)
}

fn is_suppression(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("hadolint ") || lower.starts_with("ballast:") || lower.starts_with("ballast ")
}
