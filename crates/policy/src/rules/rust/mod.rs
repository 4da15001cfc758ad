//! Rules about Rust builds with cargo.

pub mod rust_deps_not_cached;

pub(crate) static RULES: &[&super::Rule] = &[&rust_deps_not_cached::RULE];
