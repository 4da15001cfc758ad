//! Rules about Ruby gems.

pub mod gem_unpinned_package;

pub(crate) static RULES: &[&super::Rule] = &[&gem_unpinned_package::RULE];
