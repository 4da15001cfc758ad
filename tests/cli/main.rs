//! End-to-end tests of the `ballast` binary: each runs it in a fresh directory.

mod check;
mod config;
mod discovery;
mod rules;
mod support;
