//! ballast's policy engine: it parses container build files held in memory and returns findings.
//!
//! This crate is pure: no file system, network, clock, threads or processes. It compiles
//! unchanged to `wasm32-unknown-unknown`, so the command line, the GitHub Action and the browser
//! playground run the very same rules.

pub mod compose;
pub mod config;
pub mod context;
pub mod dockerfile;
pub mod dockerignore;
pub mod docs;
pub mod engine;
pub mod finding;
pub mod rules;
pub mod shell;
pub mod span;
pub mod suppression;
pub mod workflow;
pub mod workspace;
pub mod yaml;

pub use config::Config;
pub use engine::{check, FileKind, Report, SourceFile};
pub use finding::{Finding, Severity};
