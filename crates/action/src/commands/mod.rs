//! One module per subcommand; each returns an [`Output`](crate::Output) and writes nothing.

pub mod check;
pub mod explain;
pub mod rules;
