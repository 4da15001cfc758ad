//! `--format json`: the engine's [`Report`] as it serialises (an interface: see the tests).

use crate::error::{CliError, Result};
use ballast_policy::Report;

pub fn render(report: &Report) -> Result<String> {
    let mut text = serde_json::to_string_pretty(report)
        .map_err(|err| CliError::new(format!("cannot write the report as JSON: {err}")))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::engine::FileSummary;
    use ballast_policy::finding::{Location, Related};
    use ballast_policy::span::{LineIndex, Span};
    use ballast_policy::{FileKind, Finding, Severity};

    /// Pins the key names and their order: other tools parse this output.
    #[test]
    fn shape_is_stable() {
        let source = "FROM a\nUSER root\n";
        let index = LineIndex::new(source);
        let report = Report {
            version: 1,
            findings: vec![Finding {
                rule: "root-user",
                code: "BL1001",
                severity: Severity::Warning,
                location: Location::new("d/Dockerfile", source, &index, Span::new(7, 16)),
                message: "runs-as-root".to_string(),
                help: Some("add-USER".to_string()),
                related: vec![Related {
                    location: Location::new("d/Dockerfile", source, &index, Span::new(0, 4)),
                    message: "stage".to_string(),
                }],
                fix: None,
            }],
            files: vec![FileSummary {
                path: "d/Dockerfile".to_string(),
                kind: FileKind::Dockerfile,
            }],
        };
        let text = render(&report).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
        // No value holds a space, so dropping whitespace leaves the compact form, in key order.
        let compact: String = text.split_whitespace().collect();
        assert_eq!(
            compact,
            concat!(
                r#"{"version":1,"findings":[{"rule":"root-user","code":"BL1001","severity":"warning","#,
                r#""file":"d/Dockerfile","line":2,"column":1,"end_line":2,"end_column":10,"#,
                r#""message":"runs-as-root","help":"add-USER","#,
                r#""related":[{"file":"d/Dockerfile","line":1,"column":1,"end_line":1,"end_column":5,"message":"stage"}],"#,
                r#""fix":null}],"files":[{"path":"d/Dockerfile","kind":"dockerfile"}]}"#
            )
        );
    }
}
