//! The `ballast` command line: finds container build files, runs the policy engine over them and
//! prints the findings.
//!
//! Commands produce an [`Output`] in memory; only [`main`] writes it, so a failure half-way never
//! leaves half a report on stdout.
//!
//! Where things are: [`cli`] (arguments), [`commands`] (one module per subcommand),
//! [`collect`] (file discovery), [`settings`] and [`selection`] (configuration files and rule
//! options), [`render`] (human, JSON, GitHub, SARIF and Markdown output, unaware of particular
//! rules), [`changes`] and [`git`] (changed lines), [`fingerprint`] and [`baseline`], [`github`]
//! (pull request reviews, check runs, the Actions cache report).

pub mod baseline;
pub mod changes;
pub mod cli;
pub mod collect;
pub mod commands;
pub mod environment;
pub mod error;
pub mod fingerprint;
pub mod git;
pub mod github;
pub mod output;
pub mod render;
pub mod selection;
pub mod settings;
pub mod suggest;

use clap::Parser;
use std::process::ExitCode;

pub use environment::Environment;
pub use error::CliError;
pub use output::{Output, Status};

/// Runs the command line with the process's arguments and environment.
pub fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints `--help`/`--version` to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let output = run(cli, &Environment::from_process());
    output.write()
}

/// Runs one parsed command line; never writes anything itself.
pub fn run(cli: cli::Cli, env: &Environment) -> Output {
    let result = match cli.command {
        cli::Command::Check(args) => commands::check::run(&args, env),
        cli::Command::Rules(args) => commands::rules::run(&args),
        cli::Command::Explain(args) => commands::explain::run(&args),
        cli::Command::GhaCache(args) => github::commands::gha_cache(&args),
    };
    result.unwrap_or_else(Output::from)
}
