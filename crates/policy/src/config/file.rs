//! `.ballast.yaml`: every key is checked, and a mistake is an error at its line and column.

use super::{Config, ConfigError, FailOn, Override, RequiredLabel};
use crate::finding::Severity;
use crate::rules;
use crate::span::{LineIndex, Span};
use crate::yaml::{self, YamlKind, YamlNode};

const TOP_LEVEL_KEYS: &[&str] = &[
    "select",
    "ignore",
    "severity",
    "fail-on",
    "trusted-registries",
    "allowed-base-images",
    "required-labels",
    "strict-labels",
    "overrides",
];

const OVERRIDE_KEYS: &[&str] = &[
    "files",
    "select",
    "ignore",
    "severity",
    "fail-on",
    "trusted-registries",
    "allowed-base-images",
    "required-labels",
];

/// Parses the text of a `.ballast.yaml`. `path` is only used in error messages.
pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
    let reader = Reader::new(path, text);
    let document = yaml::parse(text);
    if let Some(error) = document.error {
        return Err(reader.error(error.span, format!("invalid YAML: {}", error.message)));
    }
    let Some(root) = document.root else {
        return Ok(Config::default());
    };
    if matches!(root.kind, YamlKind::Null) {
        return Ok(Config::default());
    }
    reader.expect_keys(&root, TOP_LEVEL_KEYS)?;
    let mut config = Config {
        select: reader.rules_at(&root, "select")?,
        ignore: reader.rules_at(&root, "ignore")?,
        severity: reader.severities(&root)?,
        fail_on: reader.fail_on(&root)?,
        trusted_registries: reader
            .strings_at(&root, "trusted-registries")?
            .unwrap_or_default(),
        allowed_base_images: reader
            .strings_at(&root, "allowed-base-images")?
            .unwrap_or_default(),
        required_labels: reader.labels(&root)?.unwrap_or_default(),
        strict_labels: reader.bool_at(&root, "strict-labels")?,
        overrides: Vec::new(),
    };
    if let Some(overrides) = root.get("overrides") {
        let YamlKind::Seq(items) = &overrides.kind else {
            return Err(reader.error(overrides.span, "`overrides` must be a list of blocks"));
        };
        for item in items {
            config.overrides.push(reader.override_block(item)?);
        }
    }
    Ok(config)
}

struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    index: LineIndex,
}

impl<'a> Reader<'a> {
    fn new(path: &'a str, text: &'a str) -> Self {
        Self {
            path,
            text,
            index: LineIndex::new(text),
        }
    }

    fn error(&self, span: Span, message: impl Into<String>) -> ConfigError {
        let at = self.index.position(self.text, span.start);
        ConfigError {
            file: self.path.to_string(),
            line: at.line,
            column: at.column,
            message: message.into(),
        }
    }

    fn expect_keys(&self, node: &YamlNode, allowed: &[&str]) -> Result<(), ConfigError> {
        if !node.is_map() {
            return Err(self.error(node.span, "expected a mapping of settings"));
        }
        for (key, _) in node.entries() {
            let name = key.as_str().unwrap_or("");
            if !allowed.contains(&name) {
                let hint = closest(name, allowed.iter().copied())
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                return Err(self.error(
                    key.span,
                    format!(
                        "unknown key `{name}`{hint}; expected one of: {}",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A scalar or a list of scalars.
    fn strings(&self, node: &YamlNode, what: &str) -> Result<Vec<(String, Span)>, ConfigError> {
        match &node.kind {
            YamlKind::Null => Ok(Vec::new()),
            YamlKind::Scalar(s) => Ok(vec![(s.clone(), node.span)]),
            YamlKind::Seq(items) => items
                .iter()
                .map(|item| match item.as_str() {
                    Some(s) => Ok((s.to_string(), item.span)),
                    None => Err(self.error(item.span, format!("`{what}` entries must be strings"))),
                })
                .collect(),
            YamlKind::Map(_) => {
                Err(self.error(node.span, format!("`{what}` must be a list of strings")))
            }
        }
    }

    fn strings_at(&self, node: &YamlNode, key: &str) -> Result<Option<Vec<String>>, ConfigError> {
        let Some(value) = node.get(key) else {
            return Ok(None);
        };
        Ok(Some(
            self.strings(value, key)?
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
        ))
    }

    fn rule_names(&self, node: &YamlNode, what: &str) -> Result<Vec<String>, ConfigError> {
        let names = self.strings(node, what)?;
        for (name, span) in &names {
            self.known_rule(name, *span)?;
        }
        Ok(names.into_iter().map(|(s, _)| s).collect())
    }

    fn rules_at(&self, node: &YamlNode, key: &str) -> Result<Vec<String>, ConfigError> {
        node.get(key)
            .map_or(Ok(Vec::new()), |v| self.rule_names(v, key))
    }

    fn known_rule(&self, name: &str, span: Span) -> Result<(), ConfigError> {
        if super::is_known_selector(name) {
            return Ok(());
        }
        let hint = rules::suggest(name)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        Err(self.error(span, format!("unknown rule or tag `{name}`{hint}")))
    }

    fn severities(&self, node: &YamlNode) -> Result<Vec<(String, Severity)>, ConfigError> {
        let Some(map) = node.get("severity") else {
            return Ok(Vec::new());
        };
        if !map.is_map() {
            return Err(self.error(
                map.span,
                "`severity` must map rule names to error, warning or info",
            ));
        }
        let mut out = Vec::new();
        for (key, value) in map.entries() {
            let rule = key.as_str().unwrap_or("");
            if rules::find(rule).is_none() {
                self.known_rule(rule, key.span)?;
                return Err(self.error(
                    key.span,
                    format!("`severity` needs a rule, not the tag `{rule}`"),
                ));
            }
            let level = value.as_str().and_then(Severity::parse).ok_or_else(|| {
                self.error(value.span, "severity must be `error`, `warning` or `info`")
            })?;
            out.push((rule.to_string(), level));
        }
        Ok(out)
    }

    fn fail_on(&self, node: &YamlNode) -> Result<Option<FailOn>, ConfigError> {
        let Some(value) = node.get("fail-on") else {
            return Ok(None);
        };
        value
            .as_str()
            .and_then(FailOn::parse)
            .map(Some)
            .ok_or_else(|| {
                self.error(
                    value.span,
                    "`fail-on` must be `error`, `warning`, `info` or `never`",
                )
            })
    }

    fn bool_at(&self, node: &YamlNode, key: &str) -> Result<bool, ConfigError> {
        match node.get(key) {
            None => Ok(false),
            Some(v) => match v.as_str() {
                Some("true" | "True" | "TRUE") => Ok(true),
                Some("false" | "False" | "FALSE") => Ok(false),
                _ => Err(self.error(v.span, format!("`{key}` must be true or false"))),
            },
        }
    }

    /// `required-labels`: a list of names, or a map of name to value kind.
    fn labels(&self, node: &YamlNode) -> Result<Option<Vec<RequiredLabel>>, ConfigError> {
        let Some(value) = node.get("required-labels") else {
            return Ok(None);
        };
        if value.is_map() {
            let mut labels = Vec::new();
            for (key, kind) in value.entries() {
                let kind_name = kind.as_str().unwrap_or("");
                if !LABEL_KINDS.contains(&kind_name) {
                    return Err(self.error(
                        kind.span,
                        format!("label kind must be one of: {}", LABEL_KINDS.join(", ")),
                    ));
                }
                labels.push(RequiredLabel {
                    name: key.as_str().unwrap_or("").to_string(),
                    kind: Some(kind_name.to_string()),
                });
            }
            return Ok(Some(labels));
        }
        let names = self.strings(value, "required-labels")?;
        Ok(Some(
            names
                .into_iter()
                .map(|(name, _)| RequiredLabel { name, kind: None })
                .collect(),
        ))
    }

    fn override_block(&self, node: &YamlNode) -> Result<Override, ConfigError> {
        self.expect_keys(node, OVERRIDE_KEYS)?;
        let Some(files) = node.get("files") else {
            return Err(self.error(node.span, "an override needs `files:` globs"));
        };
        let globs: Vec<String> = self
            .strings(files, "files")?
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let mut block = Override::new(globs).map_err(|m| self.error(files.span, m))?;
        block.select = self.rules_at(node, "select")?;
        block.ignore = self.rules_at(node, "ignore")?;
        block.severity = self.severities(node)?;
        block.fail_on = self.fail_on(node)?;
        block.trusted_registries = self.strings_at(node, "trusted-registries")?;
        block.allowed_base_images = self.strings_at(node, "allowed-base-images")?;
        block.required_labels = self.labels(node)?;
        Ok(block)
    }
}

/// The kinds of label value hadolint's `label-schema` knows.
pub const LABEL_KINDS: &[&str] = &["text", "url", "email", "rfc3339", "semver", "hash", "spdx"];

fn closest<'n>(name: &str, candidates: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    candidates
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, c)| c)
}
