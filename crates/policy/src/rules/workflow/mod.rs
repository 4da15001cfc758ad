//! Rules about CI builds: GitHub Actions workflows, and build commands in scripts and Makefiles.

pub mod buildkit_disabled;
pub mod ci_error_suppressed;
pub mod dev_dockerfile_in_ci;
pub mod docker_action_outdated;
pub mod gha_cache_mode_min;
pub mod gha_cache_scope_collision;
pub mod gha_cache_scope_mismatch;
pub mod gha_cache_without_buildx;
pub mod legacy_builder_flag;
pub mod missing_dockerfile;

pub(crate) static RULES: &[&super::Rule] = &[
    &missing_dockerfile::RULE,
    &gha_cache_without_buildx::RULE,
    &gha_cache_mode_min::RULE,
    &gha_cache_scope_collision::RULE,
    &gha_cache_scope_mismatch::RULE,
    &docker_action_outdated::RULE,
    &legacy_builder_flag::RULE,
    &buildkit_disabled::RULE,
    &dev_dockerfile_in_ci::RULE,
    &ci_error_suppressed::RULE,
];
