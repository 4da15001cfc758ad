//! Rules about Alpine packages installed with apk.

pub mod apk_missing_no_cache;
pub mod apk_unpinned_package;
pub mod apk_upgrade;

pub(crate) static RULES: &[&super::Rule] = &[
    &apk_upgrade::RULE,
    &apk_unpinned_package::RULE,
    &apk_missing_no_cache::RULE,
];

/// apk options whose value is the next word.
pub(crate) const VALUE_OPTIONS: &[&str] = &[
    "-X",
    "--repository",
    "-t",
    "--virtual",
    "-p",
    "--root",
    "--arch",
    "--cache-dir",
    "--keys-dir",
    "--repositories-file",
];
