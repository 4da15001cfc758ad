//! The command line's arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ballast",
    version,
    about = "A policy checker for container builds",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Dockerfiles and Containerfiles.
    Check(CheckArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
    /// Report what the repository's GitHub Actions cache holds, by BuildKit scope.
    GhaCache(crate::github::commands::GhaCacheArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check. Directories are searched for `Dockerfile`, `Dockerfile.*`,
    /// `*.Dockerfile` and `Containerfile`, respecting `.gitignore`; a file named here is checked
    /// whatever its name.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Exit with status 1 when a finding at or above this severity is reported [default: the
    /// configuration file's `fail-on`, else warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Read settings from this file (`.ballast.yaml` format, or hadolint's when its name
    /// contains `hadolint`) instead of looking for `.ballast.yaml` or `.hadolint.yaml` in the
    /// current directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore configuration files: only the command line's options apply.
    #[arg(long)]
    pub no_config: bool,

    /// Run only these rules (codes, names, aliases or tags; comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Never run these rules (codes, names, aliases or tags; comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Change a rule's severity, e.g. `--severity root-user=error` (comma-separated or repeated).
    #[arg(long, value_name = "RULE=LEVEL", value_delimiter = ',')]
    pub severity: Vec<String>,

    /// When to use colours in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Also append a Markdown summary to this file (done for `$GITHUB_STEP_SUMMARY` when set).
    #[arg(long, value_name = "PATH")]
    pub summary_file: Option<PathBuf>,

    /// Report only findings on lines changed since `--base` (and findings about a changed file
    /// as a whole).
    #[arg(long)]
    pub only_changed: bool,

    /// The revision changes are counted from (`git diff BASE...HEAD`) [default in a pull
    /// request's workflow: origin/$GITHUB_BASE_REF]. Without `--only-changed` it only puts
    /// findings on changed lines first among GitHub annotations.
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,

    /// Do not report findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every finding in this baseline file (and exit 0), to accept them for now.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Also post the findings as one review of the pull request, with inline comments on the
    /// changed lines (in a GitHub Actions run: reads GITHUB_TOKEN, GITHUB_REPOSITORY,
    /// GITHUB_EVENT_PATH and GITHUB_API_URL).
    #[arg(long, conflicts_with = "github_check_run")]
    pub github_review: bool,

    /// Also publish the findings as a check run with annotations (same variables as
    /// `--github-review`).
    #[arg(long)]
    pub github_check_run: bool,
}

impl CheckArgs {
    /// Where `--github-review` or `--github-check-run` send the findings.
    pub fn github_target(&self) -> Option<crate::github::Target> {
        use crate::github::Target;
        match (self.github_review, self.github_check_run) {
            (true, _) => Some(Target::Review),
            (false, true) => Some(Target::CheckRun),
            (false, false) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style messages with the source lines.
    Human,
    /// The report as one JSON object.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Always exit with status 0 when the check ran.
    Never,
}

impl From<FailOn> for ballast_policy::config::FailOn {
    fn from(fail_on: FailOn) -> Self {
        match fail_on {
            FailOn::Error => Self::Error,
            FailOn::Warning => Self::Warning,
            FailOn::Info => Self::Info,
            FailOn::Never => Self::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colours when stdout is a terminal, unless `NO_COLOR` is set (`CLICOLOR_FORCE` forces them).
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Human,
    /// A JSON array.
    Json,
    /// Every rule's documentation, as `docs/rules.md`.
    Markdown,
    /// The hadolint and BuildKit parity table, as `docs/parity.md`.
    Parity,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule's code, name or alias.
    pub rule: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn lists_accept_commas_and_repetition() {
        let cli =
            Cli::try_parse_from(["ballast", "check", "--select", "a,b", "--select", "c"]).unwrap();
        let Command::Check(args) = cli.command else {
            panic!("expected check");
        };
        assert_eq!(args.select, ["a", "b", "c"]);
        assert_eq!(args.paths, [PathBuf::from(".")]);
    }
}
