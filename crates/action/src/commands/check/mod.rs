//! `ballast check`: collect files, run the engine, narrow the findings (baseline, changed
//! lines), render them, and write the side files (summary, baseline) before anything is printed.

mod narrow;
mod side_files;

use crate::baseline::Baseline;
use crate::changes::ChangedLines;
use crate::cli::{CheckArgs, CheckFormat};
use crate::collect::collect;
use crate::environment::Environment;
use crate::error::{CliError, Result};
use crate::fingerprint;
use crate::git;
use crate::output::{Output, Status};
use crate::render::markdown::{job_summary, SourceLinks};
use crate::render::style::{colors_enabled, Style};
use crate::render::{github, human, json, plural, sarif, Sources};
use crate::settings::{self, DEFAULT_FAIL_ON};
use ballast_policy::rules::{self, RuleMeta};
use ballast_policy::{Config, Report};
use narrow::Fingerprinted;
use std::path::PathBuf;

pub fn run(args: &CheckArgs, env: &Environment) -> Result<Output> {
    let config = settings::load(args)?;
    let changed = changed_lines(args, env)?;
    let collected = collect(&args.paths)?;
    let sources = Sources::new(&collected.files);
    let report = ballast_policy::check(&collected.files, &config);
    let fingerprints = fingerprint::compute(&report, &sources);
    let mut checked = Fingerprinted {
        report,
        fingerprints,
    };

    let mut stderr: String = collected
        .warnings
        .iter()
        .map(|warning| format!("warning: {warning}\n"))
        .collect();
    if checked.report.files.is_empty() {
        stderr.push_str("warning: no Dockerfiles or Containerfiles found\n");
    }

    // A new baseline records everything found, before any narrowing.
    let new_baseline = match &args.write_baseline {
        Some(_) => Some(Baseline::of(&checked.report, &checked.fingerprints).to_json()?),
        None => None,
    };
    if let Some(path) = &args.baseline {
        let known = checked.drop_baselined(&Baseline::read(path)?);
        if known > 0 {
            stderr.push_str(&format!(
                "note: {} in the baseline not reported\n",
                plural(known, "finding", "findings")
            ));
        }
    }
    if let (true, Some(changed)) = (args.only_changed, &changed) {
        checked.keep_changed(changed, &sources);
    }

    let catalogue: Vec<&RuleMeta> = rules::all().iter().map(|rule| &rule.meta).collect();
    let summary_files: Vec<&PathBuf> = args
        .summary_file
        .iter()
        .chain(&env.github.step_summary)
        .collect();
    let mut not_annotated = None;
    let report = &checked.report;
    let stdout = match args.format {
        CheckFormat::Human => {
            let style = Style::new(colors_enabled(args.color, env));
            human::render(report, &sources, style)
        }
        CheckFormat::Json => json::render(report)?,
        CheckFormat::Sarif => sarif::render(report, &checked.fingerprints, &catalogue)?,
        CheckFormat::Github => {
            let options = github::Options {
                changed: changed.as_ref(),
                limits: github::GITHUB_LIMITS,
                has_job_summary: !summary_files.is_empty(),
            };
            let log = github::render(report, options);
            not_annotated = Some(log.not_annotated);
            log.text
        }
    };

    if let (Some(path), Some(text)) = (&args.write_baseline, &new_baseline) {
        side_files::write_baseline(path, text)?;
    }
    if !summary_files.is_empty() {
        let links = source_links(env);
        let summary = job_summary(report, &catalogue, links.as_ref(), not_annotated);
        for path in summary_files {
            side_files::append_summary(path, &summary)?;
        }
    }

    let status = if args.write_baseline.is_some() {
        Status::Success
    } else {
        status(report, &config)
    };
    let mut output = Output {
        stdout,
        stderr,
        status,
    };
    if let Some(target) = args.github_target() {
        crate::github::commands::publish_check(target, report, &checked.fingerprints, &mut output)?;
    }
    Ok(output)
}

/// The changed lines, when `--base` (or `--only-changed` in a pull request) asks for them.
fn changed_lines(args: &CheckArgs, env: &Environment) -> Result<Option<ChangedLines>> {
    let base = match (&args.base, &env.github.base_ref) {
        (Some(base), _) => base.clone(),
        (None, Some(target)) if args.only_changed => format!("origin/{target}"),
        (None, _) if args.only_changed => {
            return Err(CliError::new(
                "--only-changed needs --base REF (the branch or commit to compare with)",
            ))
        }
        (None, _) => return Ok(None),
    };
    git::changed_since(&base).map(Some)
}

fn source_links(env: &Environment) -> Option<SourceLinks> {
    let github = &env.github;
    Some(SourceLinks {
        server_url: github
            .server_url
            .clone()
            .unwrap_or_else(|| "https://github.com".to_string()),
        repository: github.repository.clone()?,
        sha: github.sha.clone()?,
    })
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
