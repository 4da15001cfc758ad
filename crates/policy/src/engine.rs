//! Runs the rules over a set of files and turns what they report into findings.

use crate::config::Config;
use crate::context::DockerfileContext;
use crate::dockerfile;
use crate::finding::{Edit, Finding, Fix, Location, Related, Severity};
use crate::rules::{self, Check, Rule};
use crate::span::{LineIndex, Span};
use crate::suppression;
use serde::Serialize;
use std::borrow::Cow;

/// One input file, held in memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub contents: String,
    /// Forces the kind (a file named on the command line is a Dockerfile whatever its name).
    pub kind: Option<FileKind>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            contents: contents.into(),
            kind: None,
        }
    }

    pub fn kind(&self) -> Option<FileKind> {
        self.kind.or_else(|| FileKind::detect(&self.path))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Dockerfile,
}

impl FileKind {
    /// The kind a path's name suggests: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
    /// `*.dockerfile`, `Containerfile`, `Containerfile.*`.
    pub fn detect(path: &str) -> Option<FileKind> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let lower = name.to_ascii_lowercase();
        let is_dockerfile = lower == "dockerfile"
            || lower == "containerfile"
            || lower.starts_with("dockerfile.")
            || lower.starts_with("containerfile.")
            || lower.ends_with(".dockerfile")
            || lower.ends_with(".containerfile");
        let is_ignore_file = lower.ends_with(".dockerignore");
        (is_dockerfile && !is_ignore_file).then_some(FileKind::Dockerfile)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileSummary {
    pub path: String,
    pub kind: FileKind,
}

/// The result of a check: the `--format json` object.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub findings: Vec<Finding>,
    pub files: Vec<FileSummary>,
}

/// What a rule reports, in the coordinates of the file it checks.
#[derive(Debug)]
pub struct RawFinding {
    pub rule: &'static Rule,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// Related places; `None` as file means the file being checked.
    pub related: Vec<(Option<String>, Span, String)>,
    pub fix: Option<(String, Vec<(Span, String)>)>,
}

impl RawFinding {
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push((None, span, message.into()));
        self
    }

    pub fn related_in(&mut self, file: &str, span: Span, message: impl Into<String>) -> &mut Self {
        self.related
            .push((Some(file.to_string()), span, message.into()));
        self
    }

    pub fn fix(&mut self, description: impl Into<String>, edits: Vec<(Span, String)>) -> &mut Self {
        self.fix = Some((description.into(), edits));
        self
    }
}

/// The sink rules report into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub findings: Vec<RawFinding>,
}

impl Diagnostics {
    pub fn report(
        &mut self,
        rule: &'static Rule,
        span: Span,
        message: impl Into<String>,
    ) -> &mut RawFinding {
        self.findings.push(RawFinding {
            rule,
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        });
        self.findings.last_mut().expect("just pushed")
    }
}

/// Checks every file and returns the findings sorted by file, then position.
pub fn check(files: &[SourceFile], config: &Config) -> Report {
    let mut findings = Vec::new();
    // The rank of each finding's file among the paths, in step with `findings`.
    let mut ranks = Vec::new();
    let mut summaries = Vec::new();
    let path_ranks = path_ranks(files);
    let switches = RuleSwitches::new(config);
    for (file, &rank) in files.iter().zip(&path_ranks) {
        let Some(kind) = file.kind() else { continue };
        summaries.push(FileSummary {
            path: file.path.clone(),
            kind,
        });
        let found = match kind {
            FileKind::Dockerfile => check_dockerfile(file, config, &switches),
        };
        ranks.resize(ranks.len() + found.len(), rank);
        findings.extend(found);
    }
    Report {
        version: 1,
        findings: sort_findings(findings, &ranks),
        files: summaries,
    }
}

/// Each file's place among the files sorted by path (equal paths share one).
fn path_ranks(files: &[SourceFile]) -> Vec<usize> {
    let mut by_path: Vec<usize> = (0..files.len()).collect();
    by_path.sort_by(|&a, &b| files[a].path.cmp(&files[b].path));
    let mut ranks = vec![0; files.len()];
    let mut rank = 0;
    for (k, &i) in by_path.iter().enumerate() {
        if k > 0 && files[by_path[k - 1]].path != files[i].path {
            rank += 1;
        }
        ranks[i] = rank;
    }
    ranks
}

/// The findings in [`Finding::sort_key`] order, equal keys in the order they came: each
/// finding's file is compared by its rank among the paths, and the findings are moved once.
fn sort_findings(findings: Vec<Finding>, ranks: &[usize]) -> Vec<Finding> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_unstable_by_key(|&i| {
        let f = &findings[i];
        (ranks[i], f.location.line, f.location.column, f.code, i)
    });
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| slots[i].take().expect("each finding is taken once"))
        .collect()
}

/// [`Config::is_enabled`] and [`Config::severity_of`] worked out once for every rule, in
/// [`rules::all`] order, rather than matching names per rule per file and per finding.
struct RuleSwitches {
    /// No select, ignore or severity entries: every rule runs at its own severity, and a
    /// finding needs no look-up.
    plain: bool,
    enabled: Vec<bool>,
    severity: Vec<Severity>,
}

impl RuleSwitches {
    fn new(config: &Config) -> Self {
        let all = rules::all();
        Self {
            plain: config.select.is_empty()
                && config.ignore.is_empty()
                && config.severity.is_empty(),
            enabled: all.iter().map(|r| config.is_enabled(r)).collect(),
            severity: all.iter().map(|r| config.severity_of(r)).collect(),
        }
    }

    /// The rule's index in [`rules::all`] (sorted by code).
    fn index(rule: &Rule) -> Option<usize> {
        let all = rules::all();
        all.binary_search_by(|r| r.meta.code.cmp(rule.meta.code))
            .ok()
            .filter(|&i| std::ptr::eq(all[i], rule))
    }

    fn is_enabled(&self, config: &Config, rule: &Rule) -> bool {
        if self.plain {
            return true;
        }
        Self::index(rule).map_or_else(|| config.is_enabled(rule), |i| self.enabled[i])
    }

    fn severity_of(&self, config: &Config, rule: &Rule) -> Severity {
        if self.plain {
            return rule.meta.severity;
        }
        Self::index(rule).map_or_else(|| config.severity_of(rule), |i| self.severity[i])
    }
}

fn check_dockerfile(file: &SourceFile, config: &Config, switches: &RuleSwitches) -> Vec<Finding> {
    let source = file.contents.as_str();
    let ast = dockerfile::parse(source);
    let model = dockerfile::model::DockerfileModel::build(&ast, source);
    let file_config = config.for_file(&file.path, &ast);
    let own_switches;
    let switches = match &file_config {
        Cow::Borrowed(_) => switches,
        Cow::Owned(changed) => {
            own_switches = RuleSwitches::new(changed);
            &own_switches
        }
    };
    let config = &*file_config;
    let ctx = DockerfileContext {
        path: &file.path,
        source,
        ast: &ast,
        model: &model,
        config,
    };
    let mut diagnostics = Diagnostics::default();
    for error in &ast.errors {
        diagnostics.report(
            &rules::meta::syntax_error::RULE,
            error.span,
            error.message.clone(),
        );
    }
    for (rule, &enabled) in rules::all().iter().zip(&switches.enabled) {
        if let Check::Dockerfile(run) = rule.check {
            if enabled {
                run(&ctx, &mut diagnostics);
            }
        }
    }
    let suppressions = suppression::collect(&ast, source);
    suppression::apply(&suppressions, &mut diagnostics, config);
    let index = LineIndex::new(source);
    resolve(&file.path, source, &index, diagnostics, config, switches)
}

/// Applies the configuration and turns raw findings into located ones.
fn resolve(
    path: &str,
    source: &str,
    index: &LineIndex,
    diagnostics: Diagnostics,
    config: &Config,
    switches: &RuleSwitches,
) -> Vec<Finding> {
    let locate = |span: Span| Location::new(path, source, index, span);
    diagnostics
        .findings
        .into_iter()
        .filter(|raw| switches.is_enabled(config, raw.rule))
        .map(|raw| Finding {
            rule: raw.rule.meta.name,
            code: raw.rule.meta.code,
            severity: switches.severity_of(config, raw.rule),
            location: locate(raw.span),
            message: raw.message,
            help: raw.help,
            related: raw
                .related
                .into_iter()
                .filter(|(file, _, _)| file.is_none())
                .map(|(_, span, message)| Related {
                    location: locate(span),
                    message,
                })
                .collect(),
            fix: raw.fix.map(|(description, edits)| Fix {
                description,
                edits: edits
                    .into_iter()
                    .map(|(span, replacement)| {
                        let at = locate(span);
                        Edit {
                            file: at.file,
                            span,
                            line: at.line,
                            column: at.column,
                            end_line: at.end_line,
                            end_column: at.end_column,
                            replacement,
                        }
                    })
                    .collect(),
            }),
        })
        .collect()
}
