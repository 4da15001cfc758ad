//! Rules about how the container starts and runs: CMD, ENTRYPOINT, HEALTHCHECK, shells.

pub mod dev_server_in_image;
pub mod invalid_exec_form;
pub mod shell_form_without_shell;

pub(crate) static RULES: &[&super::Rule] = &[
    &invalid_exec_form::RULE,
    &shell_form_without_shell::RULE,
    &dev_server_in_image::RULE,
];
