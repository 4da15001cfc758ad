//! GitHub Actions workflow commands (`::warning file=…,line=…::message`): the annotations any
//! token can make, used when the API refuses a review or a check run.

use ballast_policy::{Finding, Severity};
use std::fmt::Write as _;

/// One annotation command per finding, each ending in a newline.
pub fn annotations(findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        let location = &finding.location;
        let mut properties = format!(
            "file={},line={},col={}",
            escape_property(&location.file),
            location.line,
            location.column
        );
        let end_line = last_line(finding);
        if end_line > location.line {
            let _ = write!(properties, ",endLine={end_line}");
        } else if location.end_column > location.column {
            let _ = write!(properties, ",endColumn={}", location.end_column);
        }
        let title = format!("ballast {} ({})", finding.code, finding.rule);
        let _ = write!(properties, ",title={}", escape_property(&title));
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str("\n\n");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{} {properties}::{}",
            command(finding.severity),
            escape_data(&message)
        );
    }
    out
}

/// A `::notice::` line, e.g. to explain why annotations replaced a review.
pub fn notice(message: &str) -> String {
    format!("::notice::{}\n", escape_data(message))
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The last line a finding covers; a span ending at the start of a line does not cover it.
pub fn last_line(finding: &Finding) -> usize {
    let location = &finding.location;
    if location.end_line > location.line && location.end_column == 1 {
        location.end_line - 1
    } else {
        location.end_line.max(location.line)
    }
}

/// Escapes a command's message: `%`, CR and LF (the runner's own rules).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property: as data, plus `:` and `,` that separate properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::github::test_support::finding;

    #[test]
    fn escapes_what_would_end_the_command() {
        assert_eq!(escape_data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn one_line_per_finding_with_location_and_title() {
        let mut found = finding("svc/Docker,file", 3, "pin the image: use a digest");
        found.help = Some("see docs".into());
        let text = annotations(&[found]);
        assert_eq!(
            text,
            "::warning file=svc/Docker%2Cfile,line=3,col=1,endColumn=5,\
             title=ballast BL0001 (test-rule)::pin the image: use a digest%0A%0Asee docs\n"
        );
    }
}
