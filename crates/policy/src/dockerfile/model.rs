//! The semantic model: stages, base images, ARG and ENV scoping with expansion, and the
//! `COPY --from` / `RUN --mount=from=` edges between stages.

mod expand;
mod image_ref;
mod scripts;

pub use expand::{expand, Expanded, Value};
pub use image_ref::ImageRef;
pub use scripts::{ScriptOrigin, ShellScript};

use super::ast::{Args, Dockerfile, Instruction, Keyword};
use crate::span::Span;
use std::ops::Range;

/// Build arguments BuildKit defines in the global scope without a declaration.
pub const PREDEFINED_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableKind {
    Arg,
    Env,
}

/// An `ARG` or `ENV` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    /// The value, expanded, when the Dockerfile gives one that is fully known.
    pub value: Option<String>,
    pub kind: VariableKind,
    /// Index of the declaring instruction in `Dockerfile::instructions`.
    pub instruction: usize,
    pub span: Span,
}

/// What a stage is built on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    Scratch,
    /// An earlier stage, by index.
    Stage(usize),
    Image(ImageRef),
    /// The reference uses a variable whose value is not known here.
    Unresolved(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub index: usize,
    /// The `AS` name as written.
    pub name: Option<String>,
    /// Index of the FROM instruction.
    pub from: usize,
    /// Indices of the instructions after FROM that belong to this stage.
    pub body: Range<usize>,
    pub base: Base,
    /// The base reference after expansion.
    pub base_text: String,
    pub base_span: Span,
    pub platform: Option<String>,
    /// ARG and ENV declared in this stage, in order; ENV inherited from a parent stage first.
    pub variables: Vec<Variable>,
}

impl Stage {
    /// Whether `name` names this stage (stage names are case-insensitive).
    pub fn is_named(&self, name: &str) -> bool {
        self.name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    }

    /// The stage's instructions, FROM excluded.
    pub fn instructions<'a>(
        &self,
        ast: &'a Dockerfile,
    ) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
        let body = self.body.clone();
        ast.instructions
            .get(body.clone())
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(move |(i, ins)| (body.start + i, ins))
    }
}

/// Where a `COPY --from` or `RUN --mount=from=` takes its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopySource {
    Stage(usize),
    Image(ImageRef),
    Unresolved(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyEdge {
    /// Index of the COPY/ADD/RUN instruction.
    pub instruction: usize,
    /// The stage the instruction is in.
    pub stage: usize,
    pub source: CopySource,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct DockerfileModel {
    pub escape: char,
    /// ARGs declared before the first FROM.
    pub global_args: Vec<Variable>,
    pub stages: Vec<Stage>,
    pub copy_edges: Vec<CopyEdge>,
    /// The stage of each top-level instruction (`None` before the first FROM).
    stage_of: Vec<Option<usize>>,
    /// The shell scripts of each top-level instruction.
    scripts: Vec<Vec<ShellScript>>,
}

impl DockerfileModel {
    pub fn build(ast: &Dockerfile, source: &str) -> Self {
        let _ = source;
        let mut model = DockerfileModel {
            escape: ast.escape,
            ..Default::default()
        };
        let from_indices: Vec<usize> = ast
            .instructions
            .iter()
            .enumerate()
            .filter(|(_, ins)| ins.keyword == Keyword::From)
            .map(|(i, _)| i)
            .collect();
        let first_from = from_indices
            .first()
            .copied()
            .unwrap_or(ast.instructions.len());
        for (i, ins) in ast.instructions[..first_from].iter().enumerate() {
            if ins.keyword == Keyword::Arg {
                let declared = declarations(
                    ins,
                    i,
                    VariableKind::Arg,
                    |name| model.global_value(name),
                    model.escape,
                );
                model.global_args.extend(declared);
            }
        }
        model.stage_of = vec![None; ast.instructions.len()];
        for (stage_index, &from) in from_indices.iter().enumerate() {
            let end = from_indices
                .get(stage_index + 1)
                .copied()
                .unwrap_or(ast.instructions.len());
            let stage = model.build_stage(ast, stage_index, from, from + 1..end);
            for slot in &mut model.stage_of[from..end] {
                *slot = Some(stage_index);
            }
            model.stages.push(stage);
        }
        model.copy_edges = model.find_copy_edges(ast);
        model.scripts = ast.instructions.iter().map(scripts::scripts_of).collect();
        model
    }

    /// The shell scripts instruction `index` runs: its shell-form command, then any heredoc body
    /// it runs as a script. Empty for exec form and instructions that run nothing.
    pub fn scripts(&self, index: usize) -> &[ShellScript] {
        self.scripts.get(index).map_or(&[], Vec::as_slice)
    }

    /// The stage that ends the build by default: the last one.
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The stage a top-level instruction belongs to.
    pub fn stage_of(&self, instruction: usize) -> Option<&Stage> {
        self.stage_of
            .get(instruction)
            .copied()
            .flatten()
            .and_then(|i| self.stages.get(i))
    }

    /// The base a stage ultimately stands on, following stage-to-stage inheritance.
    pub fn root_base<'a>(&'a self, stage: &'a Stage) -> &'a Base {
        let mut base = &stage.base;
        // Bases only point at earlier stages, so this ends.
        while let Base::Stage(parent) = base {
            base = &self.stages[*parent].base;
        }
        base
    }

    pub fn stage_named(&self, name: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.is_named(name))
    }

    /// Stages the final stage depends on, itself included (through bases and copies).
    pub fn stages_reaching_final(&self) -> Vec<usize> {
        let Some(last) = self.stages.len().checked_sub(1) else {
            return Vec::new();
        };
        let mut reached = vec![false; self.stages.len()];
        let mut todo = vec![last];
        while let Some(s) = todo.pop() {
            if std::mem::replace(&mut reached[s], true) {
                continue;
            }
            if let Base::Stage(parent) = self.stages[s].base {
                todo.push(parent);
            }
            todo.extend(
                self.copy_edges
                    .iter()
                    .filter(|e| e.stage == s)
                    .filter_map(|e| match e.source {
                        CopySource::Stage(from) => Some(from),
                        _ => None,
                    }),
            );
        }
        (0..self.stages.len()).filter(|&s| reached[s]).collect()
    }

    /// Expands `text` as it would be at instruction `at` (ARG and ENV declared before it in its
    /// stage; global ARGs for FROM lines).
    pub fn expand_at(&self, at: usize, text: &str) -> Expanded {
        match self.stage_of(at) {
            Some(stage) if stage.from != at => {
                expand(text, self.escape, |name| stage_value(stage, at, name))
            }
            _ => expand(text, self.escape, |name| self.global_value(name)),
        }
    }

    /// The value of a variable in scope at instruction `at`, if declared.
    pub fn variable_at(&self, at: usize, name: &str) -> Option<&Variable> {
        let stage = self.stage_of(at)?;
        stage
            .variables
            .iter()
            .rev()
            .find(|v| v.instruction < at && v.name == name)
    }

    fn global_value(&self, name: &str) -> Value<'_> {
        match self.global_args.iter().rev().find(|v| v.name == name) {
            Some(v) => v.value.as_deref().map_or(Value::Unknown, Value::Known),
            None if PREDEFINED_ARGS.contains(&name) => Value::Unknown,
            None => Value::Undefined,
        }
    }

    fn build_stage(
        &self,
        ast: &Dockerfile,
        index: usize,
        from: usize,
        body: Range<usize>,
    ) -> Stage {
        let ins = &ast.instructions[from];
        let (image, name) = match &ins.args {
            Args::From { image, name, .. } => (Some(image), name.as_ref()),
            _ => (None, None),
        };
        let expanded = image.map(|w| expand(&w.value, self.escape, |n| self.global_value(n)));
        let base_text = expanded.as_ref().map_or(String::new(), |e| e.value.clone());
        let base = match &expanded {
            None => Base::Unresolved(String::new()),
            Some(e) if !e.is_known() => Base::Unresolved(e.value.clone()),
            Some(e) if e.value.eq_ignore_ascii_case("scratch") => Base::Scratch,
            Some(e) => match self.stages.iter().position(|s| s.is_named(&e.value)) {
                Some(parent) => Base::Stage(parent),
                None => ImageRef::parse(&e.value)
                    .map_or_else(|| Base::Unresolved(e.value.clone()), Base::Image),
            },
        };
        let platform = ins
            .flag("platform")
            .and_then(|f| f.value.as_ref())
            .map(|p| expand(p, self.escape, |n| self.global_value(n)).value);
        // ENV carries over from a parent stage; ARG does not.
        let mut variables: Vec<Variable> = match base {
            Base::Stage(parent) => self.stages[parent]
                .variables
                .iter()
                .filter(|v| v.kind == VariableKind::Env)
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        for i in body.clone() {
            let ins = &ast.instructions[i];
            let kind = match ins.keyword {
                Keyword::Arg => VariableKind::Arg,
                Keyword::Env => VariableKind::Env,
                _ => continue,
            };
            let declared = declarations(
                ins,
                i,
                kind,
                |name| match variables.iter().rev().find(|v| v.name == name) {
                    Some(v) => v.value.as_deref().map_or(Value::Unknown, Value::Known),
                    None => Value::Undefined,
                },
                self.escape,
            );
            for mut v in declared {
                // `ARG NAME` in a stage takes the global default when there is one.
                if kind == VariableKind::Arg && v.value.is_none() {
                    if let Value::Known(global) = self.global_value(&v.name) {
                        v.value = Some(global.to_string());
                    }
                }
                variables.push(v);
            }
        }
        Stage {
            index,
            name: name.map(|w| w.value.clone()),
            from,
            body,
            base,
            base_text,
            base_span: image.map_or(ins.span, |w| w.span),
            platform,
            variables,
        }
    }

    fn find_copy_edges(&self, ast: &Dockerfile) -> Vec<CopyEdge> {
        let mut edges = Vec::new();
        for stage in &self.stages {
            for (i, ins) in stage.instructions(ast) {
                let mut sources = Vec::new();
                if matches!(ins.keyword, Keyword::Copy | Keyword::Add) {
                    if let Some(flag) = ins.flag("from") {
                        if let Some(v) = &flag.value {
                            sources.push((v.clone(), flag.value_span.unwrap_or(flag.span)));
                        }
                    }
                }
                if ins.keyword == Keyword::Run {
                    for flag in ins.flags.iter().filter(|f| f.name == "mount") {
                        let from = flag.value.as_deref().and_then(mount_from);
                        if let Some(from) = from {
                            sources.push((from, flag.span));
                        }
                    }
                }
                for (text, span) in sources {
                    let expanded = self.expand_at(i, &text);
                    let source = self.copy_source(stage.index, &expanded);
                    edges.push(CopyEdge {
                        instruction: i,
                        stage: stage.index,
                        source,
                        span,
                    });
                }
            }
        }
        edges
    }

    fn copy_source(&self, current: usize, expanded: &Expanded) -> CopySource {
        if !expanded.is_known() {
            return CopySource::Unresolved(expanded.value.clone());
        }
        let text = &expanded.value;
        let earlier = &self.stages[..current];
        if let Some(stage) = earlier.iter().find(|s| s.is_named(text)) {
            return CopySource::Stage(stage.index);
        }
        if let Ok(index) = text.parse::<usize>() {
            if index < current {
                return CopySource::Stage(index);
            }
        }
        ImageRef::parse(text)
            .map_or_else(|| CopySource::Unresolved(text.clone()), CopySource::Image)
    }
}

/// The `from=` option of a `--mount` value.
fn mount_from(value: &str) -> Option<String> {
    value
        .split(',')
        .filter_map(|opt| opt.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("from"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
}

fn stage_value<'a>(stage: &'a Stage, at: usize, name: &str) -> Value<'a> {
    match stage
        .variables
        .iter()
        .rev()
        .find(|v| v.instruction < at && v.name == name)
    {
        Some(v) => v.value.as_deref().map_or(Value::Unknown, Value::Known),
        None => Value::Undefined,
    }
}

/// The variables an ARG or ENV instruction declares, values expanded with `lookup`.
fn declarations<'a>(
    ins: &Instruction,
    index: usize,
    kind: VariableKind,
    lookup: impl Fn(&str) -> Value<'a>,
    escape: char,
) -> Vec<Variable> {
    let value_of = |raw: &str| {
        let e = expand(raw, escape, &lookup);
        e.is_known().then_some(e.value)
    };
    match &ins.args {
        Args::Arg(decls) => decls
            .iter()
            .map(|d| Variable {
                name: d.name.value.clone(),
                value: d.default.as_ref().and_then(|w| value_of(&w.value)),
                kind,
                instruction: index,
                span: d.span,
            })
            .collect(),
        Args::KeyValues(pairs) => pairs
            .iter()
            .map(|kv| Variable {
                name: kv.key.value.clone(),
                value: value_of(&kv.value.value),
                kind,
                instruction: index,
                span: kv.key.span.cover(kv.value.span),
            })
            .collect(),
        _ => Vec::new(),
    }
}
