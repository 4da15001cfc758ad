//! Rules about single instructions and their order: ADD or COPY, destinations, ENV, RUN, USER.

pub mod add_instead_of_copy;
pub mod archive_extracted_after_copy;
pub mod consecutive_run_instructions;
pub mod copy_multiple_sources_to_file;
pub mod copy_relative_without_workdir;
pub mod env_refers_to_same_statement;
pub mod instruction_before_from;
pub mod non_numeric_user;
pub mod shell_replaced_by_symlink;

use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Instruction, Word};
use crate::dockerfile::words::unquote;

pub(crate) static RULES: &[&super::Rule] = &[
    &add_instead_of_copy::RULE,
    &archive_extracted_after_copy::RULE,
    &copy_multiple_sources_to_file::RULE,
    &env_refers_to_same_statement::RULE,
    &copy_relative_without_workdir::RULE,
    &consecutive_run_instructions::RULE,
    &instruction_before_from::RULE,
    &non_numeric_user::RULE,
    &shell_replaced_by_symlink::RULE,
];

/// File name endings hadolint treats as archives that `ADD` unpacks.
pub(crate) const ARCHIVE_EXTENSIONS: &[&str] = &[
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz",
];

pub(crate) fn is_archive(path: &str) -> bool {
    ARCHIVE_EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

/// The last path component (after `/` or `\`).
pub(crate) fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Every instruction with its index, followed, for `ONBUILD`, by its trigger instruction under
/// the same index: hadolint checks triggers as the instructions they are.
pub(crate) fn with_triggers(
    instructions: &[Instruction],
) -> impl Iterator<Item = (usize, &Instruction)> {
    instructions.iter().enumerate().flat_map(|(i, ins)| {
        let trigger = match &ins.args {
            Args::Onbuild(inner) => Some((i, inner.as_ref())),
            _ => None,
        };
        std::iter::once((i, ins)).chain(trigger)
    })
}

/// The sources and the destination of a COPY or ADD, when it has both.
pub(crate) fn copy_paths(ins: &Instruction) -> Option<(&[Word], &Word)> {
    match &ins.args {
        Args::Copy { paths, .. } => {
            let (dest, sources) = paths.split_last()?;
            (!sources.is_empty()).then_some((sources, dest))
        }
        _ => None,
    }
}

/// A path word as BuildKit reads it: quotes removed (JSON-form words have none left).
pub(crate) fn path_text(ctx: &DockerfileContext, word: &Word) -> String {
    unquote(&word.value, ctx.ast.escape)
}
