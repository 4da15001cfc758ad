//! Findings the engine reports about the input itself.

pub mod syntax_error;
pub mod unused_suppression;

pub(crate) static RULES: &[&super::Rule] = &[&syntax_error::RULE, &unused_suppression::RULE];
