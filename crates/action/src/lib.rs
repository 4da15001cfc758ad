//! The parts of the `ballast` command line that its integration tests drive directly.
//!
//! The GitHub integration lives here (rather than only in the binary) so that
//! `tests/github_*.rs` can run it against a mock GitHub API.

pub mod github;
