//! Rules about Compose files.

pub mod duplicate_build;
pub mod missing_build_file;
pub mod unpinned_image;

pub(crate) static RULES: &[&super::Rule] = &[
    &duplicate_build::RULE,
    &unpinned_image::RULE,
    &missing_build_file::RULE,
];
