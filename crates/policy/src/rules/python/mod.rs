//! Rules about Python packages: pip, uv and their caches.

pub mod pip_cache_not_disabled;
pub mod pip_install_uv;
pub mod pip_unpinned_package;
pub mod uv_env_not_tuned;
pub mod uv_pip_without_env;
pub mod uv_sync_unlocked;

pub(crate) static RULES: &[&super::Rule] = &[
    &pip_unpinned_package::RULE,
    &pip_install_uv::RULE,
    &uv_sync_unlocked::RULE,
    &uv_pip_without_env::RULE,
    &pip_cache_not_disabled::RULE,
    &uv_env_not_tuned::RULE,
];
