//! Reads an existing `.hadolint.yaml`, so a hadolint user switches without editing a file.
//!
//! hadolint's keys map onto ballast's: `ignored`, `override` (per-severity lists),
//! `trustedRegistries`, `failure-threshold`, `label-schema`, `strict-labels`. Codes ballast has no
//! rule for (ShellCheck's `SC` codes, say) are skipped, since hadolint accepted them; keys that
//! only concern hadolint's own output (`format`, `no-color`, ...) are ignored.

use super::{Config, ConfigError, FailOn, RequiredLabel};
use crate::finding::Severity;
use crate::rules;
use crate::span::LineIndex;
use crate::yaml::{self, YamlNode};

pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
    let document = yaml::parse(text);
    let index = LineIndex::new(text);
    let error = |span: crate::span::Span, message: String| {
        let at = index.position(text, span.start);
        ConfigError {
            file: path.to_string(),
            line: at.line,
            column: at.column,
            message,
        }
    };
    if let Some(e) = document.error {
        return Err(error(e.span, format!("invalid YAML: {}", e.message)));
    }
    let Some(root) = document.root.filter(YamlNode::is_map) else {
        return Ok(Config::default());
    };
    let known_codes = |node: Option<&YamlNode>| -> Vec<String> {
        node.map(|n| {
            n.items()
                .iter()
                .filter_map(YamlNode::as_str)
                .filter(|code| rules::find(code).is_some())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
    };
    let mut config = Config {
        ignore: known_codes(root.get("ignored")),
        trusted_registries: root
            .get("trustedRegistries")
            .map(|n| {
                n.items()
                    .iter()
                    .filter_map(YamlNode::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        strict_labels: root.get("strict-labels").is_some_and(YamlNode::is_true),
        ..Config::default()
    };
    if let Some(overrides) = root.get("override") {
        for (level, severity) in [
            ("error", Severity::Error),
            ("warning", Severity::Warning),
            ("info", Severity::Info),
            ("style", Severity::Info),
        ] {
            for code in known_codes(overrides.get(level)) {
                config.severity.push((code, severity));
            }
        }
    }
    if let Some(threshold) = root.get("failure-threshold") {
        let text = threshold.as_str().unwrap_or("");
        config.fail_on = match text {
            "ignore" | "none" => Some(FailOn::Never),
            other => Some(FailOn::parse(other).ok_or_else(|| {
                error(
                    threshold.span,
                    format!("unknown failure-threshold `{other}`"),
                )
            })?),
        };
    }
    if root.get("no-fail").is_some_and(YamlNode::is_true) {
        config.fail_on = Some(FailOn::Never);
    }
    if let Some(schema) = root.get("label-schema") {
        config.required_labels = schema
            .entries()
            .iter()
            .filter_map(|(k, v)| {
                Some(RequiredLabel {
                    name: k.as_str()?.to_string(),
                    kind: v.as_str().map(str::to_string),
                })
            })
            .collect();
    }
    Ok(config)
}
