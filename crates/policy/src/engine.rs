//! Runs the rules over a set of files and turns what they report into findings.

use crate::config::Config;
use crate::context::DockerfileContext;
use crate::dockerfile;
use crate::finding::{Edit, Finding, Fix, Location, Related};
use crate::rules::{self, Check, Rule};
use crate::span::{LineIndex, Span};
use crate::suppression;
use crate::workspace::{self, WorkspaceContext};
use serde::Serialize;
use std::collections::HashMap;

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
        self.kind
            .or_else(|| FileKind::detect(&self.path))
            .or_else(|| workspace::kind_from_path(&self.path))
            .or_else(|| workspace::kind_from_contents(&self.path, &self.contents))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Dockerfile,
    /// A Compose file, by name or because another Compose file includes or extends it.
    Compose,
    /// `.github/workflows/*.yml`.
    Workflow,
    /// A local action's `action.yml`.
    Action,
    /// `.dockerignore` or `<Dockerfile>.dockerignore`.
    Dockerignore,
    /// A shell script that runs `docker build` (known from its contents).
    Script,
    /// A Makefile that runs `docker build` (known from its contents).
    Makefile,
}

impl FileKind {
    /// The kind a path's name suggests: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
    /// `*.dockerfile`, `Containerfile`, `Containerfile.*`. The other kinds (Compose files,
    /// workflows, actions, ignore files by name; scripts and Makefiles by contents) come from
    /// [`SourceFile::kind`], so a caller that reads only Dockerfiles keeps doing so.
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
    /// The file the span is in, for workspace rules; `None` means the file being checked.
    pub file: Option<String>,
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
            file: None,
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Reports a finding in a given file (workspace rules see every file).
    pub fn report_in(
        &mut self,
        rule: &'static Rule,
        file: &str,
        span: Span,
        message: impl Into<String>,
    ) -> &mut RawFinding {
        let raw = self.report(rule, span, message);
        raw.file = Some(file.to_string());
        raw
    }
}

/// Checks every file and returns the findings sorted by file, then position.
pub fn check(files: &[SourceFile], config: &Config) -> Report {
    let mut findings = Vec::new();
    let mut summaries = Vec::new();
    let workspace = WorkspaceContext::new(files, config);
    for (position, (file, kind)) in files.iter().zip(&workspace.kinds).enumerate() {
        let Some(kind) = *kind else { continue };
        summaries.push(FileSummary {
            path: file.path.clone(),
            kind,
        });
        if kind == FileKind::Dockerfile {
            // The workspace parsed every Dockerfile already.
            let parsed;
            let ast = match workspace.dockerfile_at(position) {
                Some(ast) => ast,
                None => {
                    parsed = dockerfile::parse(&file.contents);
                    &parsed
                }
            };
            findings.extend(check_dockerfile(file, ast, config));
        }
    }
    findings.extend(check_workspace(&workspace, config));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Report {
        version: 1,
        findings,
        files: summaries,
    }
}

fn check_dockerfile(
    file: &SourceFile,
    ast: &dockerfile::Dockerfile,
    config: &Config,
) -> Vec<Finding> {
    let source = file.contents.as_str();
    let model = dockerfile::model::DockerfileModel::build(ast, source);
    let file_config = config.for_path(&file.path).with_check_directive(ast);
    let config = &file_config;
    let ctx = DockerfileContext {
        path: &file.path,
        source,
        ast,
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
    for rule in rules::all() {
        if let Check::Dockerfile(run) = rule.check {
            if config.is_enabled(rule) {
                run(&ctx, &mut diagnostics);
            }
        }
    }
    let suppressions = suppression::collect(ast, source);
    suppression::apply(&suppressions, &mut diagnostics, config);
    let index = LineIndex::new(source);
    let files = FileTable::new(std::slice::from_ref(file));
    resolve(&file.path, source, &index, diagnostics, config, &files)
}

/// Runs the rules that look across files, and reports YAML files that do not parse.
fn check_workspace(workspace: &WorkspaceContext, config: &Config) -> Vec<Finding> {
    let mut diagnostics = Diagnostics::default();
    for (i, error) in &workspace.yaml_errors {
        let message = format!("invalid YAML: {}", error.message);
        diagnostics.report_in(
            &rules::meta::syntax_error::RULE,
            &workspace.files[*i].path,
            error.span,
            message,
        );
    }
    for rule in rules::all() {
        if let Check::Workspace(run) = rule.check {
            if config.is_enabled(rule) {
                run(workspace, &mut diagnostics);
            }
        }
    }
    // Findings are located in the file each one names.
    let mut by_file: HashMap<String, Diagnostics> = HashMap::new();
    for raw in diagnostics.findings {
        let file = raw.file.clone().unwrap_or_default();
        by_file.entry(file).or_default().findings.push(raw);
    }
    let files = FileTable::new(workspace.files);
    let mut findings = Vec::new();
    for (path, diagnostics) in by_file {
        let Some(source) = files.source(&path) else {
            continue;
        };
        let index = LineIndex::new(source);
        let file_config = config.for_path(&path);
        findings.extend(resolve(
            &path,
            source,
            &index,
            diagnostics,
            &file_config,
            &files,
        ));
    }
    findings
}

/// The input files by path (as the caller wrote it, and cleaned), for locating findings and
/// related places in any of them.
struct FileTable<'a> {
    sources: HashMap<String, &'a str>,
}

impl<'a> FileTable<'a> {
    fn new(files: &'a [SourceFile]) -> Self {
        let mut sources = HashMap::with_capacity(files.len() * 2);
        for file in files {
            let cleaned = workspace::paths::normalize(&file.path);
            sources.entry(cleaned).or_insert(file.contents.as_str());
            sources.insert(file.path.clone(), file.contents.as_str());
        }
        Self { sources }
    }

    fn source(&self, path: &str) -> Option<&'a str> {
        self.sources
            .get(path)
            .or_else(|| self.sources.get(&workspace::paths::normalize(path)))
            .copied()
    }
}

/// Applies the configuration and turns raw findings into located ones.
fn resolve(
    path: &str,
    source: &str,
    index: &LineIndex,
    diagnostics: Diagnostics,
    config: &Config,
    files: &FileTable,
) -> Vec<Finding> {
    let locate = |span: Span| Location::new(path, source, index, span);
    // A related place in another file is located in that file's text.
    let locate_in = |file: Option<String>, span: Span| match file {
        Some(file) if file != path => files
            .source(&file)
            .map(|text| Location::new(&file, text, &LineIndex::new(text), span)),
        _ => Some(locate(span)),
    };
    diagnostics
        .findings
        .into_iter()
        .filter(|raw| config.is_enabled(raw.rule))
        .map(|raw| Finding {
            rule: raw.rule.meta.name,
            code: raw.rule.meta.code,
            severity: config.severity_of(raw.rule),
            location: locate(raw.span),
            message: raw.message,
            help: raw.help,
            related: raw
                .related
                .into_iter()
                .filter_map(|(file, span, message)| {
                    Some(Related {
                        location: locate_in(file, span)?,
                        message,
                    })
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
