//! Rules about what an attacker could use: users, secrets, permissions.

pub mod deno_allow_all;
pub mod root_user;
pub mod secret_in_env;

pub(crate) static RULES: &[&super::Rule] = &[
    &root_user::RULE,
    &secret_in_env::RULE,
    &deno_allow_all::RULE,
];
