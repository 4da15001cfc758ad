//! Rules about build stages and what `COPY --from` takes from them.

pub mod copy_entire_filesystem;
pub mod copy_from_own_stage;
pub mod copy_from_unknown_stage;

pub(crate) static RULES: &[&super::Rule] = &[
    &copy_from_unknown_stage::RULE,
    &copy_from_own_stage::RULE,
    &copy_entire_filesystem::RULE,
];

use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::dockerfile::model::Stage;
use crate::span::Span;

/// A `COPY --from=<name>` whose value is known at the instruction.
pub(crate) struct CopyFrom<'a> {
    /// The stage the COPY is in.
    pub stage: &'a Stage,
    /// The name after expanding build arguments.
    pub name: String,
    /// The flag's value, or the whole flag when it has none written.
    pub span: Span,
}

/// Every `COPY --from` of the file whose value is known, stage by stage.
pub(crate) fn copies_from<'a>(
    ctx: &'a DockerfileContext<'a>,
) -> impl Iterator<Item = CopyFrom<'a>> + 'a {
    ctx.model.stages.iter().flat_map(move |stage| {
        stage.instructions(ctx.ast).filter_map(move |(i, ins)| {
            if ins.keyword != Keyword::Copy {
                return None;
            }
            let flag = ins.flag("from")?;
            let value = flag.value.as_ref()?;
            let expanded = ctx.model.expand_at(i, value);
            expanded.is_known().then(|| CopyFrom {
                stage,
                name: expanded.value,
                span: flag.value_span.unwrap_or(flag.span),
            })
        })
    })
}
