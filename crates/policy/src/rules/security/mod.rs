//! Rules about what an attacker could use: users, secrets, permissions.

pub mod root_user;
pub mod secret_in_env;
