//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

use super::{rule_docs_url, uri_path};
use crate::error::{CliError, Result};
use ballast_policy::finding::Location;
use ballast_policy::rules::RuleMeta;
use ballast_policy::{Finding, Report, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The report as a SARIF log. `fingerprints` belong to the findings, in order; `rules` is the
/// catalogue the results point into (every rule, so that viewers can show any rule's help).
pub fn render(report: &Report, fingerprints: &[String], rules: &[&RuleMeta]) -> Result<String> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "ballast",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rules.iter().map(|meta| descriptor(meta)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: report
                .findings
                .iter()
                .zip(fingerprints)
                .map(|(finding, fingerprint)| result(finding, fingerprint, rules))
                .collect(),
        }],
    };
    let mut text = serde_json::to_string_pretty(&log)
        .map_err(|err| CliError::new(format!("cannot write the report as SARIF: {err}")))?;
    text.push('\n');
    Ok(text)
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let docs = meta.docs();
    let summary = meta.summary();
    ReportingDescriptor {
        id: meta.code,
        name: meta.name,
        full_description: Message::new(what_it_does(&docs).unwrap_or_else(|| summary.clone())),
        short_description: Message::new(summary),
        help: MultiformatMessage {
            text: docs.clone(),
            markdown: docs,
        },
        help_uri: rule_docs_url(meta.name),
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        properties: DescriptorProperties {
            tags: meta.tags,
            security_severity: meta
                .tags
                .contains(&"security")
                .then(|| security_severity(meta.severity)),
        },
    }
}

/// The `## What it does` section as one paragraph of text.
fn what_it_does(docs: &str) -> Option<String> {
    let start = docs.find("## What it does")? + "## What it does".len();
    let section = &docs[start..];
    let section = section.split("\n## ").next().unwrap_or(section);
    let text = section.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// GitHub code scanning ranks security alerts by this score (0-10) rather than by `level`.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Info => "2.0",
    }
}

fn result<'a>(finding: &'a Finding, fingerprint: &str, rules: &[&RuleMeta]) -> SarifResult<'a> {
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    SarifResult {
        rule_id: finding.code,
        rule_index: rules.iter().position(|meta| meta.code == finding.code),
        level: level(finding.severity),
        message: Message::new(text),
        locations: vec![SarifLocation::new(None, &finding.location, None)],
        related_locations: finding
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                SarifLocation::new(Some(id + 1), &related.location, Some(&related.message))
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([("ballast/v1", fingerprint.to_string())]),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: MultiformatMessage,
    help_uri: String,
    default_configuration: Configuration,
    properties: DescriptorProperties,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties {
    tags: &'static [&'static str],
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<MessageRef<'a>>,
}

impl<'a> SarifLocation<'a> {
    fn new(id: Option<usize>, at: &Location, message: Option<&'a str>) -> Self {
        Self {
            id,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri_path(&at.file),
                    uri_base_id: "%SRCROOT%",
                },
                region: Region {
                    start_line: at.line,
                    start_column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                },
            },
            message: message.map(|text| MessageRef { text }),
        }
    }
}

#[derive(Serialize)]
struct MessageRef<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::engine::FileSummary;
    use ballast_policy::finding::Related;
    use ballast_policy::span::{LineIndex, Span};
    use ballast_policy::{rules, FileKind};
    use serde_json::Value;

    fn sample() -> Report {
        let source = "FROM a AS b\nFROM c AS b\n";
        let index = LineIndex::new(source);
        let file = "my app/Dockerfile";
        Report {
            version: 1,
            findings: vec![Finding {
                rule: "syntax-error",
                code: "BL0001",
                severity: Severity::Error,
                location: Location::new(file, source, &index, Span::new(12, 23)),
                message: "duplicate stage".to_string(),
                help: Some("rename it".to_string()),
                related: vec![Related {
                    location: Location::new(file, source, &index, Span::new(10, 11)),
                    message: "first here".to_string(),
                }],
                fix: None,
            }],
            files: vec![FileSummary {
                path: file.to_string(),
                kind: FileKind::Dockerfile,
            }],
        }
    }

    fn catalogue() -> Vec<&'static RuleMeta> {
        rules::all().iter().map(|rule| &rule.meta).collect()
    }

    fn render_sample() -> Value {
        let text = render(&sample(), &["0123456789abcdef".to_string()], &catalogue()).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn validates_against_the_sarif_schema() {
        let schema_path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/sarif-schema-2.1.0.json"
        );
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
        let validator = jsonschema::options()
            .should_validate_formats(false)
            .build(&schema)
            .unwrap();
        let log = render_sample();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // The validator does catch mistakes.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
        assert!(!validator.is_valid(&broken));
    }

    #[test]
    fn results_point_into_the_catalogue() {
        let log = render_sample();
        let run = &log["runs"][0];
        let result = &run["results"][0];
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "BL0001");
        assert_eq!(
            run["tool"]["driver"]["rules"][index]["name"],
            "syntax-error"
        );
        assert_eq!(
            run["tool"]["driver"]["rules"][index]["defaultConfiguration"]["level"],
            "error"
        );
        assert_eq!(result["level"], "error");
        assert_eq!(
            result["message"]["text"],
            "duplicate stage\nhelp: rename it"
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "my%20app/Dockerfile");
        assert_eq!(
            location["region"],
            serde_json::json!({"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 12})
        );
        assert_eq!(
            result["relatedLocations"][0]["message"]["text"],
            "first here"
        );
        assert_eq!(
            result["partialFingerprints"]["ballast/v1"],
            "0123456789abcdef"
        );
    }

    #[test]
    fn security_rules_carry_a_security_severity() {
        let log = render_sample();
        for rule in log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
        {
            let tags = rule["properties"]["tags"].as_array().unwrap();
            let is_security = tags.iter().any(|tag| tag == "security");
            assert_eq!(
                rule["properties"].get("security-severity").is_some(),
                is_security,
                "{rule}"
            );
            assert!(!rule["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .contains('\n'));
        }
    }

    #[test]
    fn full_description_is_the_what_it_does_section() {
        let docs = "## What it does\nFinds a\nthing.\n\nMore.\n\n## Why is this bad?\nBecause.";
        assert_eq!(what_it_does(docs).as_deref(), Some("Finds a thing. More."));
        assert_eq!(what_it_does("no sections"), None);
    }
}
