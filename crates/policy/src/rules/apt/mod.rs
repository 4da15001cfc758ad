//! Rules about Debian/Ubuntu packages installed with apt-get.

pub mod apt_dist_upgrade;
pub mod apt_instead_of_apt_get;
pub mod apt_lists_not_cleaned;
pub mod apt_missing_yes;
pub mod apt_no_install_recommends;
pub mod apt_unpinned_package;

pub(crate) static RULES: &[&super::Rule] = &[
    &apt_dist_upgrade::RULE,
    &apt_unpinned_package::RULE,
    &apt_missing_yes::RULE,
    &apt_instead_of_apt_get::RULE,
    &apt_no_install_recommends::RULE,
    &apt_lists_not_cleaned::RULE,
];

/// apt-get options whose value is the next word.
pub(crate) const VALUE_OPTIONS: &[&str] = &[
    "-o",
    "-c",
    "-t",
    "--option",
    "--config-file",
    "--target-release",
    "--default-release",
];
