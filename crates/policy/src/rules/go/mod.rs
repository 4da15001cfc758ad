//! Rules about Go: tools installed with the go command, binaries built with it.

pub mod go_build_no_strip;
pub mod go_install_unpinned;

pub(crate) static RULES: &[&super::Rule] = &[&go_install_unpinned::RULE, &go_build_no_strip::RULE];
