//! Rules about Node.js packages installed with npm and yarn.

pub mod npm_unpinned_package;
pub mod yarn_cache_not_cleaned;

pub(crate) static RULES: &[&super::Rule] =
    &[&npm_unpinned_package::RULE, &yarn_cache_not_cleaned::RULE];
