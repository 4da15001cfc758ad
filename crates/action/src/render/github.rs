//! `--format github`: workflow commands that GitHub turns into annotations on the lines.
//!
//! GitHub shows at most 10 annotations of each level (error, warning, notice) per step and 50
//! per job. The most useful ones go first (findings on changed lines, then the most severe);
//! the rest are printed as plain log lines grouped by file, and the log says so.

use super::human;
use super::style::Style;
use crate::changes::ChangedLines;
use ballast_policy::{Finding, Report, Severity};
use std::fmt::Write;

/// How many annotations GitHub shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_level: usize,
    pub per_job: usize,
}

pub const GITHUB_LIMITS: Limits = Limits {
    per_level: 10,
    per_job: 50,
};

/// What the annotations are chosen and explained with.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Lines changed by the pull request: their findings are annotated first.
    pub changed: Option<&'a ChangedLines>,
    pub limits: Limits,
    /// A job summary lists every finding too, so the log can point there.
    pub has_job_summary: bool,
}

/// The log text and how many findings did not fit in annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GithubLog {
    pub text: String,
    pub not_annotated: usize,
}

pub fn render(report: &Report, options: Options) -> GithubLog {
    let limits = options.limits;
    let order = priority_order(report, options.changed);
    let mut per_level = [0usize; 3];
    let mut annotated = Vec::new();
    let mut overflow = vec![false; report.findings.len()];
    for index in order {
        let level = level_index(report.findings[index].severity);
        if per_level[level] < limits.per_level && annotated.len() < limits.per_job {
            per_level[level] += 1;
            annotated.push(index);
        } else {
            overflow[index] = true;
        }
    }

    let mut text = String::new();
    for &index in &annotated {
        text.push_str(&annotation(&report.findings[index]));
        text.push('\n');
    }
    let not_annotated = overflow.iter().filter(|&&o| o).count();
    if not_annotated > 0 {
        write_overflow(&mut text, report, &overflow);
        let _ = writeln!(
            text,
            "ballast: {not_annotated} of {} findings were not annotated (GitHub shows at most {} \
             annotations of each level per step); they are listed above, grouped by file{}.",
            report.findings.len(),
            limits.per_level,
            if options.has_job_summary {
                ", and in the job summary"
            } else {
                ""
            },
        );
    }
    text.push_str(&human::summary(report, Style::plain()));
    text.push('\n');
    GithubLog {
        text,
        not_annotated,
    }
}

fn level_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Finding indexes, most worth annotating first: on a changed line, then by severity, then in
/// report order.
fn priority_order(report: &Report, changed: Option<&ChangedLines>) -> Vec<usize> {
    let on_changed_line = |finding: &Finding| {
        changed.is_some_and(|changed| {
            let at = &finding.location;
            changed.touches(&at.file, at.line, at.end_line)
        })
    };
    let mut order: Vec<usize> = (0..report.findings.len()).collect();
    order.sort_by_key(|&index| {
        let finding = &report.findings[index];
        (
            !on_changed_line(finding),
            std::cmp::Reverse(finding.severity),
            index,
        )
    });
    order
}

/// `::warning file=..,line=..,col=..,endLine=..,endColumn=..,title=rule::message`.
pub fn annotation(finding: &Finding) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let at = &finding.location;
    let mut properties = vec![("file", at.file.clone()), ("line", at.line.to_string())];
    // GitHub rejects columns on an annotation that spans several lines.
    if at.end_line == at.line {
        properties.push(("col", at.column.to_string()));
        properties.push(("endLine", at.end_line.to_string()));
        properties.push(("endColumn", at.end_column.to_string()));
    } else {
        properties.push(("endLine", at.end_line.to_string()));
    }
    properties.push(("title", finding.rule.to_string()));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={}", escape_property(&value)))
        .collect();
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\n\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// The findings that got no annotation, as plain lines in one collapsible group per file.
fn write_overflow(text: &mut String, report: &Report, overflow: &[bool]) {
    let mut current_file: Option<&str> = None;
    for (finding, _) in report
        .findings
        .iter()
        .zip(overflow)
        .filter(|(_, &overflowed)| overflowed)
    {
        let file = finding.location.file.as_str();
        if current_file != Some(file) {
            if current_file.is_some() {
                text.push_str("::endgroup::\n");
            }
            let count = report
                .findings
                .iter()
                .zip(overflow)
                .filter(|(f, &o)| o && f.location.file == file)
                .count();
            let _ = writeln!(
                text,
                "::group::{}: {}",
                escape_data(file),
                super::plural(count, "finding not annotated", "findings not annotated")
            );
            current_file = Some(file);
        }
        // A log line must not start a workflow command: it starts with the path.
        let _ = writeln!(
            text,
            "{}:{}:{}: {}[{}]: {}",
            escape_data(file),
            finding.location.line,
            finding.location.column,
            finding.severity,
            finding.rule,
            escape_data(&finding.message)
        );
    }
    if current_file.is_some() {
        text.push_str("::endgroup::\n");
    }
}

/// A workflow command's message: `%`, CR and LF are percent-encoded.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`, which end a value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::engine::FileSummary;
    use ballast_policy::finding::Location;
    use ballast_policy::span::{LineIndex, Span};
    use ballast_policy::FileKind;

    fn finding(file: &str, line: usize, severity: Severity) -> Finding {
        let source = "x\n".repeat(line);
        let index = LineIndex::new(&source);
        let start = 2 * (line - 1);
        Finding {
            rule: "root-user",
            code: "BL1001",
            severity,
            location: Location::new(file, &source, &index, Span::new(start, start + 1)),
            message: format!("problem at {line}"),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    fn report(findings: Vec<Finding>) -> Report {
        let mut files: Vec<String> = findings.iter().map(|f| f.location.file.clone()).collect();
        files.dedup();
        Report {
            version: 1,
            findings,
            files: files
                .into_iter()
                .map(|path| FileSummary {
                    path,
                    kind: FileKind::Dockerfile,
                })
                .collect(),
        }
    }

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(
            escape_data("50% done\r\nnext: a,b"),
            "50%25 done%0D%0Anext: a,b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn formats_an_annotation() {
        let mut f = finding("dir,1/Dock:erfile", 3, Severity::Warning);
        f.help = Some("use 100%".to_string());
        assert_eq!(
            annotation(&f),
            "::warning file=dir%2C1/Dock%3Aerfile,line=3,col=1,endLine=3,endColumn=2,title=root-user::problem at 3%0A%0Ahelp: use 100%25"
        );
        let mut multi_line = finding("Dockerfile", 1, Severity::Info);
        multi_line.location.end_line = 2;
        assert_eq!(
            annotation(&multi_line),
            "::notice file=Dockerfile,line=1,endLine=2,title=root-user::problem at 1"
        );
    }

    #[test]
    fn annotates_changed_lines_then_severity_and_groups_the_rest() {
        let mut findings = Vec::new();
        for line in 1..=12 {
            findings.push(finding("a/Dockerfile", line, Severity::Warning));
        }
        findings.push(finding("b/Dockerfile", 1, Severity::Error));
        findings.push(finding("b/Dockerfile", 2, Severity::Info));
        let report = report(findings);
        let mut changed = ChangedLines::new();
        changed.add_line("a/Dockerfile", 12);
        let limits = Limits {
            per_level: 10,
            per_job: 50,
        };
        let log = render(
            &report,
            Options {
                changed: Some(&changed),
                limits,
                has_job_summary: true,
            },
        );
        let lines: Vec<&str> = log.text.lines().collect();
        // The changed line's warning first, then the error, then warnings in order.
        assert!(
            lines[0].starts_with("::warning file=a/Dockerfile,line=12,"),
            "{}",
            log.text
        );
        assert!(
            lines[1].starts_with("::error file=b/Dockerfile,line=1,"),
            "{}",
            log.text
        );
        assert!(
            lines[2].starts_with("::warning file=a/Dockerfile,line=1,"),
            "{}",
            log.text
        );
        assert_eq!(log.text.matches("::warning ").count(), 10);
        assert_eq!(log.text.matches("::notice ").count(), 1);
        // Lines 10 and 11 did not fit.
        assert_eq!(log.not_annotated, 2);
        let group = log
            .text
            .find("::group::a/Dockerfile: 2 findings not annotated")
            .expect("group");
        assert!(log.text[group..]
            .contains("a/Dockerfile:10:1: warning[root-user]: problem at 10\na/Dockerfile:11:1:"));
        assert!(log
            .text
            .contains("::endgroup::\nballast: 2 of 14 findings were not annotated"));
        assert!(log
            .text
            .ends_with("Found 14 problems (1 error, 12 warnings, 1 info) in 2 files\n"));
    }

    #[test]
    fn the_job_limit_caps_all_levels() {
        let findings = (1..=4)
            .flat_map(|line| {
                [
                    finding("Dockerfile", line, Severity::Error),
                    finding("Dockerfile", line, Severity::Warning),
                ]
            })
            .collect();
        let options = Options {
            changed: None,
            limits: Limits {
                per_level: 10,
                per_job: 5,
            },
            has_job_summary: false,
        };
        let log = render(&report(findings), options);
        assert!(log.text.contains("grouped by file.\n"), "{}", log.text);
        assert_eq!(log.text.matches("::error ").count(), 4);
        assert_eq!(log.text.matches("::warning ").count(), 1);
        assert_eq!(log.not_annotated, 3);
    }

    #[test]
    fn no_overflow_no_note() {
        let options = Options {
            changed: None,
            limits: GITHUB_LIMITS,
            has_job_summary: true,
        };
        let log = render(
            &report(vec![finding("Dockerfile", 1, Severity::Error)]),
            options,
        );
        assert_eq!(log.not_annotated, 0);
        assert!(!log.text.contains("::group::"));
        assert_eq!(log.text.lines().count(), 2);
    }
}
