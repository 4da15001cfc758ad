//! Rules about Python packages installed with pip.

pub mod pip_unpinned_package;

pub(crate) static RULES: &[&super::Rule] = &[&pip_unpinned_package::RULE];
