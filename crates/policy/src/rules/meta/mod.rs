//! Findings the engine reports about the input itself.

pub mod syntax_error;
pub mod unused_suppression;
