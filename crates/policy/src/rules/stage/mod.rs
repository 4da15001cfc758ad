//! Rules about build stages and what `COPY --from` takes from them.

pub mod copy_entire_filesystem;
pub mod copy_from_own_stage;
pub mod copy_from_unknown_stage;

pub(crate) static RULES: &[&super::Rule] = &[
    &copy_from_unknown_stage::RULE,
    &copy_from_own_stage::RULE,
    &copy_entire_filesystem::RULE,
];
