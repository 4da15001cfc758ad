//! Rules about build speed: BuildKit cache mounts and layer order.

pub mod cache_mount_content_lost;
pub mod copy_before_install;
pub mod missing_cache_mount;

pub(crate) static RULES: &[&super::Rule] = &[
    &missing_cache_mount::RULE,
    &copy_before_install::RULE,
    &cache_mount_content_lost::RULE,
];
