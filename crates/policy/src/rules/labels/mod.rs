//! Rules about image labels: well-formed keys, the labels a team requires, valid values.

pub mod label_invalid_key;
pub mod label_invalid_value;
pub mod label_missing;
pub mod label_superfluous;

use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, KeyValue, Keyword};
use crate::dockerfile::words::unquote;
use crate::rules::instruction::with_triggers;

pub(crate) static RULES: &[&super::Rule] = &[
    &label_invalid_key::RULE,
    &label_missing::RULE,
    &label_superfluous::RULE,
    &label_invalid_value::RULE,
];

/// Every `LABEL` pair of the file (`ONBUILD LABEL` included) with its instruction index and its
/// key unquoted.
pub(crate) fn labels<'a>(
    ctx: &'a DockerfileContext,
) -> impl Iterator<Item = (usize, String, &'a KeyValue)> + 'a {
    with_triggers(&ctx.ast.instructions)
        .filter(|(_, ins)| ins.keyword == Keyword::Label)
        .filter_map(|(i, ins)| match &ins.args {
            Args::KeyValues(pairs) => Some((i, pairs)),
            _ => None,
        })
        .flat_map(move |(i, pairs)| {
            pairs
                .iter()
                .map(move |kv| (i, unquote(&kv.key.value, ctx.ast.escape), kv))
        })
}
