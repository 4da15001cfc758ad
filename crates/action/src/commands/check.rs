//! `ballast check`: collect files, run the engine, render the report.

use crate::cli::{CheckArgs, CheckFormat, FailOn};
use crate::collect::collect;
use crate::environment::Environment;
use crate::error::Result;
use crate::output::{Output, Status};
use crate::render::style::{colors_enabled, Style};
use crate::render::{human, json, Sources};
use crate::selection::build_config;
use ballast_policy::{Report, Severity};

pub fn run(args: &CheckArgs, env: &Environment) -> Result<Output> {
    let config = build_config(&args.select, &args.ignore, &args.severity)?;
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
    Ok(Output {
        stdout,
        stderr,
        status: status(&report, args.fail_on),
    })
}

/// 1 when a finding reaches `--fail-on`, else 0.
fn status(report: &Report, fail_on: FailOn) -> Status {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return Status::Success,
    };
    if report.findings.iter().any(|f| f.severity >= threshold) {
        Status::Findings
    } else {
        Status::Success
    }
}
