//! Rules about what a build does: hidden failures, what the build leaves in the image.

pub mod build_tools_in_final_stage;
pub mod error_suppressed;

pub(crate) static RULES: &[&super::Rule] =
    &[&build_tools_in_final_stage::RULE, &error_suppressed::RULE];
