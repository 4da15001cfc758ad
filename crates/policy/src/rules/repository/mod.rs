//! Rules about the repository as a whole: which Dockerfiles are built, and what their build
//! contexts send to the builder.

pub mod copy_ignored_file;
pub mod dockerignore_incomplete;
pub mod missing_dockerignore;
pub mod orphan_dockerfile;
pub mod repeated_base_setup;

pub(crate) static RULES: &[&super::Rule] = &[
    &orphan_dockerfile::RULE,
    &missing_dockerignore::RULE,
    &dockerignore_incomplete::RULE,
    &copy_ignored_file::RULE,
    &repeated_base_setup::RULE,
];
