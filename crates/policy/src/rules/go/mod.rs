//! Rules about Go tools installed with the go command.

pub mod go_install_unpinned;

pub(crate) static RULES: &[&super::Rule] = &[&go_install_unpinned::RULE];
