//! End-to-end tests of the `ballast` binary: each runs it in a fresh directory.

mod changes;
mod check;
mod config;
mod discovery;
mod formats;
mod rules;
mod support;
