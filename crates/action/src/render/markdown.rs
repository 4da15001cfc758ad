//! The Markdown job summary (`$GITHUB_STEP_SUMMARY`, `--summary-file`): counts, a table of
//! findings linked to their lines, the rules that fired, and what did not fit in annotations.

use super::{plural, rule_docs_url, uri_path, Counts};
use ballast_policy::rules::RuleMeta;
use ballast_policy::{Finding, Report};
use std::collections::BTreeMap;
use std::fmt::Write;

/// More rows than this make a summary slow to open; the rest are counted instead.
const MAX_ROWS: usize = 500;

/// Where the checked files can be seen on GitHub, when the run knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceLinks {
    /// `https://github.com`, or a GitHub Enterprise server.
    pub server_url: String,
    /// `owner/name`.
    pub repository: String,
    /// The commit the files come from.
    pub sha: String,
}

impl SourceLinks {
    fn line_url(&self, finding: &Finding) -> String {
        let at = &finding.location;
        let lines = if at.end_line > at.line {
            format!("L{}-L{}", at.line, at.end_line)
        } else {
            format!("L{}", at.line)
        };
        format!(
            "{}/{}/blob/{}/{}#{lines}",
            self.server_url.trim_end_matches('/'),
            self.repository,
            self.sha,
            uri_path(&at.file)
        )
    }
}

/// The summary. `not_annotated` is how many findings got no annotation (GitHub format only).
pub fn job_summary(
    report: &Report,
    rules: &[&RuleMeta],
    links: Option<&SourceLinks>,
    not_annotated: Option<usize>,
) -> String {
    let counts = Counts::of(report);
    let checked = plural(report.files.len(), "file", "files");
    let mut out = String::from("## ballast\n\n");
    if counts.total() == 0 {
        let _ = writeln!(out, "No problems found in {checked}.");
        return out;
    }
    let mut files: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.location.file.as_str())
        .collect();
    files.dedup();
    let _ = writeln!(
        out,
        "**{}** ({}) in {} of {checked} checked.\n",
        plural(counts.total(), "problem", "problems"),
        counts.describe(),
        files.len(),
    );
    out.push_str("| Severity | Findings |\n|---|---:|\n");
    for (name, count) in [
        ("error", counts.errors),
        ("warning", counts.warnings),
        ("info", counts.infos),
    ] {
        let _ = writeln!(out, "| {name} | {count} |");
    }

    out.push_str("\n### Findings\n\n| Severity | Location | Rule | Message |\n|---|---|---|---|\n");
    for finding in report.findings.iter().take(MAX_ROWS) {
        let at = &finding.location;
        let place = format!("{}:{}", at.file, at.line);
        let location = match links {
            Some(links) => format!("[{}]({})", cell(&place), links.line_url(finding)),
            None => cell(&place),
        };
        let _ = writeln!(
            out,
            "| {} | {location} | [`{}`]({}) | {} |",
            finding.severity,
            finding.rule,
            rule_docs_url(finding.rule),
            cell(&finding.message)
        );
    }
    if report.findings.len() > MAX_ROWS {
        let _ = writeln!(
            out,
            "\n…and {} more; run `ballast check` to see them all.",
            report.findings.len() - MAX_ROWS
        );
    }

    out.push_str("\n### Rules that fired\n\n| Rule | Code | Findings | What it checks |\n|---|---|---:|---|\n");
    let mut fired: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in &report.findings {
        *fired.entry(finding.code).or_default() += 1;
    }
    for (code, count) in fired {
        let meta = rules.iter().find(|meta| meta.code == code);
        let (name, summary) = meta.map_or((code, String::new()), |m| (m.name, m.summary()));
        let _ = writeln!(
            out,
            "| [`{name}`]({}) | {code} | {count} | {} |",
            rule_docs_url(name),
            cell(&summary)
        );
    }

    if let Some(missing) = not_annotated.filter(|&n| n > 0) {
        let _ = writeln!(
            out,
            "\n> {} not annotated on the code: GitHub shows at most 10 annotations of each \
             level per step. All findings are in the table above and in the step's log.",
            plural(missing, "finding was", "findings were"),
        );
    }
    out
}

/// Text safe in a table cell: `|` escaped, one line, and `<`/`>` outside code spans escaped so
/// that they are shown rather than taken for HTML.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::engine::FileSummary;
    use ballast_policy::finding::Location;
    use ballast_policy::span::{LineIndex, Span};
    use ballast_policy::{rules, FileKind, Severity};

    fn report(count: usize) -> Report {
        let source = "FROM a\nUSER root\n";
        let index = LineIndex::new(source);
        let finding = Finding {
            rule: "syntax-error",
            code: "BL0001",
            severity: Severity::Error,
            location: Location::new("app dir/Dockerfile", source, &index, Span::new(7, 16)),
            message: "a | b <c> `<d>`\nnext".to_string(),
            help: None,
            related: Vec::new(),
            fix: None,
        };
        Report {
            version: 1,
            findings: vec![finding; count],
            files: vec![FileSummary {
                path: "app dir/Dockerfile".to_string(),
                kind: FileKind::Dockerfile,
            }],
        }
    }

    fn catalogue() -> Vec<&'static RuleMeta> {
        rules::all().iter().map(|rule| &rule.meta).collect()
    }

    #[test]
    fn links_findings_to_their_lines_and_rules() {
        let links = SourceLinks {
            server_url: "https://github.com".to_string(),
            repository: "acme/shop".to_string(),
            sha: "abc123".to_string(),
        };
        let text = job_summary(&report(2), &catalogue(), Some(&links), Some(3));
        assert!(
            text.contains("**2 problems** (2 errors) in 1 of 1 file checked."),
            "{text}"
        );
        assert!(text.contains("| error | 2 |"), "{text}");
        assert!(
            text.contains("| error | [app dir/Dockerfile:2](https://github.com/acme/shop/blob/abc123/app%20dir/Dockerfile#L2) | [`syntax-error`]("),
            "{text}"
        );
        assert!(text.contains("| a \\| b &lt;c&gt; `<d>` next |"), "{text}");
        assert!(text.contains("| BL0001 | 2 |"), "{text}");
        assert!(text.contains("3 findings were not annotated"), "{text}");
    }

    #[test]
    fn without_links_or_findings() {
        let text = job_summary(&report(1), &catalogue(), None, None);
        assert!(text.contains("| error | app dir/Dockerfile:2 |"), "{text}");
        assert!(!text.contains("not annotated"));
        let clean = job_summary(&report(0), &catalogue(), None, Some(0));
        assert_eq!(clean, "## ballast\n\nNo problems found in 1 file.\n");
    }

    #[test]
    fn caps_the_table() {
        let text = job_summary(&report(MAX_ROWS + 2), &catalogue(), None, None);
        assert!(text.contains("…and 2 more"), "{text}");
    }
}
