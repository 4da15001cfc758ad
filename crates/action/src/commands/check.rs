//! `ballast check`: collect files, run the engine, render the report.

use crate::cli::{CheckArgs, CheckFormat};
use crate::collect::collect;
use crate::environment::Environment;
use crate::error::Result;
use crate::output::{Output, Status};
use crate::render::style::{colors_enabled, Style};
use crate::render::{human, json, Sources};
use crate::settings::{self, DEFAULT_FAIL_ON};
use ballast_policy::{Config, Report};

pub fn run(args: &CheckArgs, env: &Environment) -> Result<Output> {
    let config = settings::load(args)?;
    let collected = collect(&args.paths)?;
    let report = ballast_policy::check(&collected.files, &config);

    let mut stderr: String = collected
        .warnings
        .iter()
        .map(|warning| format!("warning: {warning}\n"))
        .collect();
    if report.files.is_empty() {
        stderr.push_str("warning: no Dockerfiles or Containerfiles found\n");
    }
    let stdout = match args.format {
        CheckFormat::Human => {
            let style = Style::new(colors_enabled(args.color, env));
            human::render(&report, &Sources::new(&collected.files), style)
        }
        CheckFormat::Json => json::render(&report)?,
    };
    let mut output = Output {
        stdout,
        stderr,
        status: status(&report, &config),
    };
    if let Some(target) = args.github_target() {
        crate::github::commands::publish_check(target, &report, &collected.files, &mut output)?;
    }
    Ok(output)
}

/// 1 when a finding reaches the `fail-on` of its file's settings, else 0.
fn status(report: &Report, config: &Config) -> Status {
    // Findings come sorted by file: work out each file's threshold once.
    let mut current: Option<(&str, _)> = None;
    for finding in &report.findings {
        let file = finding.location.file.as_str();
        let fail_on = match current {
            Some((path, fail_on)) if path == file => fail_on,
            _ => {
                let fail_on = config.for_path(file).fail_on.unwrap_or(DEFAULT_FAIL_ON);
                current = Some((file, fail_on));
                fail_on
            }
        };
        if fail_on.fails(finding.severity) {
            return Status::Findings;
        }
    }
    Status::Success
}
