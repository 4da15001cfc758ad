//! `ballast check`: collect files, run the engine, narrow the findings (baseline, changed
//! lines), render them, and write the side files (summary, baseline) before anything is printed.

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
use ballast_policy::{Config, Finding, Report};
use std::io::Write;
use std::path::Path;

pub fn run(args: &CheckArgs, env: &Environment) -> Result<Output> {
    let config = settings::load(args)?;
    let changed = changed_lines(args, env)?;
    let collected = collect(&args.paths)?;
    let sources = Sources::new(&collected.files);
    let mut report = ballast_policy::check(&collected.files, &config);
    let mut fingerprints = fingerprint::compute(&report, &sources);

    let mut stderr: String = collected
        .warnings
        .iter()
        .map(|warning| format!("warning: {warning}\n"))
        .collect();
    if report.files.is_empty() {
        stderr.push_str("warning: no Dockerfiles or Containerfiles found\n");
    }

    let new_baseline = match &args.write_baseline {
        Some(_) => Some(Baseline::of(&report, &fingerprints).to_json()?),
        None => None,
    };
    if let Some(path) = &args.baseline {
        let accepted = Baseline::read(path)?.accepts(&fingerprints);
        let known = accepted.iter().filter(|&&a| a).count();
        retain(&mut report, &mut fingerprints, |index, _| !accepted[index]);
        if known > 0 {
            stderr.push_str(&format!(
                "note: {} in the baseline not reported\n",
                plural(known, "finding", "findings")
            ));
        }
    }
    if args.only_changed {
        if let Some(changed) = &changed {
            retain(&mut report, &mut fingerprints, |_, finding| {
                is_on_changed_lines(finding, changed, &sources)
            });
        }
    }

    let catalogue: Vec<&RuleMeta> = rules::all().iter().map(|rule| &rule.meta).collect();
    let mut not_annotated = None;
    let stdout = match args.format {
        CheckFormat::Human => {
            let style = Style::new(colors_enabled(args.color, env));
            human::render(&report, &sources, style)
        }
        CheckFormat::Json => json::render(&report)?,
        CheckFormat::Sarif => sarif::render(&report, &fingerprints, &catalogue)?,
        CheckFormat::Github => {
            let log = github::render(&report, changed.as_ref(), github::GITHUB_LIMITS);
            not_annotated = Some(log.not_annotated);
            log.text
        }
    };

    // Side files are written before stdout, so a failure leaves no report behind.
    if let (Some(path), Some(text)) = (&args.write_baseline, &new_baseline) {
        std::fs::write(path, text)
            .map_err(|err| CliError::new(format!("--write-baseline {}: {err}", path.display())))?;
    }
    let summary_files = args.summary_file.iter().chain(&env.github.step_summary);
    let mut summary = None;
    for path in summary_files {
        let text = summary.get_or_insert_with(|| {
            job_summary(
                &report,
                &catalogue,
                source_links(env).as_ref(),
                not_annotated,
            )
        });
        append(path, text)?;
    }

    let status = if args.write_baseline.is_some() {
        Status::Success
    } else {
        status(&report, &config)
    };
    Ok(Output {
        stdout,
        stderr,
        status,
    })
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

/// Keeps the findings (and their fingerprints) that `keep` accepts.
fn retain(
    report: &mut Report,
    fingerprints: &mut Vec<String>,
    mut keep: impl FnMut(usize, &Finding) -> bool,
) {
    let findings = std::mem::take(&mut report.findings);
    let prints = std::mem::take(fingerprints);
    for (index, (finding, print)) in findings.into_iter().zip(prints).enumerate() {
        if keep(index, &finding) {
            report.findings.push(finding);
            fingerprints.push(print);
        }
    }
}

/// A finding of a changed file that a change can have caused: on a changed line, with a related
/// place on one, or about the file as a whole (an empty span at its start, or all of it).
fn is_on_changed_lines(finding: &Finding, changed: &ChangedLines, sources: &Sources) -> bool {
    let at = &finding.location;
    if !changed.contains_file(&at.file) {
        return false;
    }
    let whole_file = at.line == 1
        && at.column == 1
        && ((at.end_line, at.end_column) == (1, 1)
            || sources
                .line_count(&at.file)
                // The last line, or the empty one after a final newline.
                .is_some_and(|count| at.end_line + 1 >= count));
    whole_file
        || changed.touches(&at.file, at.line, at.end_line)
        || finding.related.iter().any(|related| {
            let place = &related.location;
            place.file == at.file && changed.touches(&place.file, place.line, place.end_line)
        })
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

fn append(path: &Path, text: &str) -> Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|err| CliError::new(format!("summary {}: {err}", path.display())))
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
