//! The workspace: every file of a repository, and the build graph that says which Dockerfile
//! each Compose service, workflow step, script and Makefile builds.

pub mod paths;
