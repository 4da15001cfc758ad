//! Which rules run, how severe their findings are, and the settings rules read.
//!
//! Settings come from `.ballast.yaml` ([`file`]), from an existing `.hadolint.yaml`
//! ([`hadolint`]), and from the command line; `overrides:` blocks change them for the paths
//! their globs match.

mod error;
pub mod file;
pub mod hadolint;

pub use error::ConfigError;

use crate::dockerfile::ast::Dockerfile;
use crate::finding::Severity;
use crate::rules::{self, Rule};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::borrow::Cow;

/// The lowest severity that makes a check fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

impl FailOn {
    pub fn parse(text: &str) -> Option<FailOn> {
        match text.to_ascii_lowercase().as_str() {
            "never" | "none" => Some(FailOn::Never),
            other => Severity::parse(other).map(FailOn::from),
        }
    }

    /// Whether a finding of `severity` fails the check.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Info => true,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Error => severity >= Severity::Error,
        }
    }
}

impl From<Severity> for FailOn {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Info => FailOn::Info,
            Severity::Warning => FailOn::Warning,
            Severity::Error => FailOn::Error,
        }
    }
}

/// A label every final image must carry, with the kind of value it must hold
/// (`text`, `url`, `email`, `rfc3339`, `semver`, `hash`, `spdx`), as hadolint's `label-schema`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredLabel {
    pub name: String,
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Rules (codes, names, aliases or tags) to run; empty means every rule.
    pub select: Vec<String>,
    /// Rules (codes, names, aliases or tags) never to run.
    pub ignore: Vec<String>,
    /// Severity overrides, by rule code, name or alias; later entries win.
    pub severity: Vec<(String, Severity)>,
    pub fail_on: Option<FailOn>,
    /// Registries base images may come from; empty allows any.
    pub trusted_registries: Vec<String>,
    /// Globs base image references must match (`python:3.12-*`, `gcr.io/distroless/*`); empty
    /// allows any.
    pub allowed_base_images: Vec<String>,
    pub required_labels: Vec<RequiredLabel>,
    /// Labels other than the required ones are reported (hadolint's `strict-labels`).
    pub strict_labels: bool,
    pub overrides: Vec<Override>,
}

/// Settings for the files some globs match.
#[derive(Debug, Clone)]
pub struct Override {
    pub files: Vec<String>,
    matcher: GlobSet,
    /// `select` replaces the inherited list when non-empty; `ignore` and `severity` add to it;
    /// the other lists replace it when present.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub fail_on: Option<FailOn>,
    pub trusted_registries: Option<Vec<String>>,
    pub allowed_base_images: Option<Vec<String>>,
    pub required_labels: Option<Vec<RequiredLabel>>,
}

impl Override {
    /// An override for the paths `files` match. Globs use `/` separators, `*` stays within a
    /// path component and `**` crosses them, as in `.gitignore`.
    pub fn new(files: Vec<String>) -> Result<Override, String> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &files {
            let glob = GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("invalid glob `{pattern}`: {}", e.kind()))?;
            builder.add(glob);
        }
        let matcher = builder.build().map_err(|e| e.to_string())?;
        Ok(Override {
            files,
            matcher,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: Vec::new(),
            fail_on: None,
            trusted_registries: None,
            allowed_base_images: None,
            required_labels: None,
        })
    }

    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_start_matches("./");
        self.matcher.is_match(path)
    }
}

impl Config {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        let named =
            |sel: &String| rule.meta.is_named(sel) || rule.meta.tags.contains(&sel.as_str());
        (self.select.is_empty() || self.select.iter().any(named)) && !self.ignore.iter().any(named)
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .iter()
            .rev()
            .find(|(name, _)| rule.meta.is_named(name))
            .map_or(rule.meta.severity, |&(_, s)| s)
    }

    /// The settings for one Dockerfile: [`Config::for_path`], then
    /// [`Config::with_check_directive`]. Borrows `self` when neither changes anything (the
    /// `overrides` it keeps then are not read by anything that checks one file).
    pub fn for_file(&self, path: &str, ast: &Dockerfile) -> Cow<'_, Config> {
        let overridden = self.overrides.iter().any(|o| o.matches(path));
        let directive = ast.directives.iter().any(|d| d.name == "check");
        if overridden || directive {
            Cow::Owned(self.for_path(path).with_check_directive(ast))
        } else {
            Cow::Borrowed(self)
        }
    }

    /// The settings for one file: the overrides whose globs match `path` applied in order.
    pub fn for_path(&self, path: &str) -> Config {
        let mut config = self.clone();
        for o in self.overrides.iter().filter(|o| o.matches(path)) {
            if !o.select.is_empty() {
                config.select = o.select.clone();
            }
            config.ignore.extend(o.ignore.iter().cloned());
            config.severity.extend(o.severity.iter().cloned());
            config.fail_on = o.fail_on.or(config.fail_on);
            if let Some(list) = &o.trusted_registries {
                config.trusted_registries = list.clone();
            }
            if let Some(list) = &o.allowed_base_images {
                config.allowed_base_images = list.clone();
            }
            if let Some(list) = &o.required_labels {
                config.required_labels = list.clone();
            }
        }
        config.overrides.clear();
        config
    }

    /// Applies BuildKit's `# check=skip=<names>;error=true` parser directive: skipped checks do
    /// not run, and `error=true` makes BuildKit's checks errors.
    pub fn with_check_directive(&self, ast: &Dockerfile) -> Config {
        let mut config = self.clone();
        let Some(directive) = ast.directives.iter().find(|d| d.name == "check") else {
            return config;
        };
        for setting in directive.value.split(';') {
            let Some((key, value)) = setting.split_once('=') else {
                continue;
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "skip" => {
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        if name.eq_ignore_ascii_case("all") {
                            config
                                .ignore
                                .extend(buildkit_checks().map(|r| r.meta.code.to_string()));
                        } else {
                            config.ignore.push(name.to_string());
                        }
                    }
                }
                "error" if value.trim().eq_ignore_ascii_case("true") => {
                    config.severity.extend(
                        buildkit_checks().map(|r| (r.meta.code.to_string(), Severity::Error)),
                    );
                }
                _ => {}
            }
        }
        config
    }
}

/// Rules that implement one of BuildKit's build checks.
fn buildkit_checks() -> impl Iterator<Item = &'static Rule> {
    rules::all()
        .iter()
        .copied()
        .filter(|r| r.meta.buildkit_name().is_some())
}

/// Whether `name` is a rule selector: a rule's code, name or alias, or a tag.
pub fn is_known_selector(name: &str) -> bool {
    rules::find(name).is_some()
        || rules::all()
            .iter()
            .any(|r| r.meta.tags.iter().any(|t| t.eq_ignore_ascii_case(name)))
}
