//! Rules about the shell commands of RUN instructions, including checks ShellCheck does.

pub mod cd_instead_of_workdir;
pub mod command_pointless_in_build;
pub mod pipe_without_pipefail;
pub mod sudo_in_run;
pub mod unquoted_version_specifier;
pub mod useradd_without_no_log_init;
pub mod wget_and_curl;
pub mod wget_without_progress;

pub(crate) static RULES: &[&super::Rule] = &[
    &command_pointless_in_build::RULE,
    &cd_instead_of_workdir::RULE,
    &sudo_in_run::RULE,
    &useradd_without_no_log_init::RULE,
    &wget_without_progress::RULE,
    &wget_and_curl::RULE,
    &pipe_without_pipefail::RULE,
    &unquoted_version_specifier::RULE,
];
