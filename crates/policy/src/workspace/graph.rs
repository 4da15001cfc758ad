//! The build graph: every image build the repository declares, and what it builds.

use super::command::{self, BuildCommand};
use super::paths;
use super::text_map::TextMap;
use super::FileIndex;
use crate::compose::{ComposeFile, Service, ServiceBuild};
use crate::span::Span;
use crate::workflow::{Combination, Expander, Job, Step, Workflow};
use crate::yaml::YamlNode;

/// Who declares a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `compose[file].services[service]`.
    Service {
        file: usize,
        service: usize,
    },
    /// A `docker/build-push-action` step, or a `run:` step with a build command.
    Step {
        workflow: usize,
        job: usize,
        step: usize,
        /// The index of the matrix combination.
        combination: usize,
    },
    Script,
    Makefile,
}

/// One image build.
#[derive(Debug, Clone)]
pub struct Build {
    pub origin: Origin,
    /// The file that declares the build.
    pub file: String,
    /// What says "build": the `build` key, the `uses` value, the command.
    pub span: Span,
    /// The context as a workspace path; `None` when remote or not known.
    pub context: Option<String>,
    pub context_span: Span,
    /// The Dockerfile as a workspace path; `None` when inline, from stdin or not known.
    pub dockerfile: Option<String>,
    pub dockerfile_span: Span,
    /// The Dockerfile was named (`file:`, `-f`, `dockerfile:`) rather than defaulted.
    pub dockerfile_named: bool,
    pub target: Option<String>,
    pub target_span: Option<Span>,
    pub build_args: Vec<(String, Option<String>)>,
    pub tags: Vec<String>,
    pub cache_from: Vec<(String, Span)>,
    pub cache_to: Vec<(String, Span)>,
    pub push: bool,
    /// `--force-rm` and the like, where they are written.
    pub legacy_flags: Vec<(String, Span)>,
    pub buildkit_disabled: Option<Span>,
    /// `|| true` after the command.
    pub error_suppressed: Option<Span>,
}

impl Build {
    fn new(origin: Origin, file: &str, span: Span) -> Self {
        Self {
            origin,
            file: file.to_string(),
            span,
            context: None,
            context_span: span,
            dockerfile: None,
            dockerfile_span: span,
            dockerfile_named: false,
            target: None,
            target_span: None,
            build_args: Vec::new(),
            tags: Vec::new(),
            cache_from: Vec::new(),
            cache_to: Vec::new(),
            push: false,
            legacy_flags: Vec::new(),
            buildkit_disabled: None,
            error_suppressed: None,
        }
    }
}

/// Builds declared by Compose services (following `extends` for services without a build).
pub fn compose_builds(compose: &[ComposeFile]) -> Vec<Build> {
    let mut builds = Vec::new();
    for (file_index, file) in compose.iter().enumerate() {
        for (service_index, service) in file.services.iter().enumerate() {
            let Some((declaring, build)) = resolve_build(compose, file, service, 0) else {
                continue;
            };
            let origin = Origin::Service {
                file: file_index,
                service: service_index,
            };
            // An inherited build is reported where the service is: that is what builds.
            let span = if std::ptr::eq(declaring, file) {
                build.span
            } else {
                service.name_span
            };
            let mut out = Build::new(origin, &file.path, span);
            let dir = paths::parent(&declaring.path);
            out.context_span = build.context.span;
            out.context = build
                .context
                .value
                .as_deref()
                .filter(|c| !c.contains("://") && !c.starts_with("git@"))
                .map(|c| paths::join(dir, c));
            if let (Some(context), false) = (&out.context, build.inline) {
                let named = build.dockerfile.as_ref();
                out.dockerfile_named = named.is_some();
                out.dockerfile_span = named.map_or(build.span, |d| d.span);
                out.dockerfile = match named {
                    Some(d) => d.value.as_deref().map(|d| paths::join(context, d)),
                    None => Some(paths::join(context, "Dockerfile")),
                };
            }
            out.target = build.target.as_ref().and_then(|t| t.value.clone());
            out.target_span = build.target.as_ref().map(|t| t.span);
            out.build_args = build.args.clone();
            out.tags = service
                .image
                .iter()
                .filter_map(|i| i.value.clone())
                .collect();
            builds.push(out);
        }
    }
    builds
}

/// A service's own build, or the one it inherits through `extends`.
fn resolve_build<'a>(
    compose: &'a [ComposeFile],
    file: &'a ComposeFile,
    service: &'a Service,
    depth: usize,
) -> Option<(&'a ComposeFile, &'a ServiceBuild)> {
    if let Some(build) = &service.build {
        return Some((file, build));
    }
    if service.image.is_some() || depth > 8 {
        return None;
    }
    let extends = service.extends.as_ref()?;
    let parent_file = match &extends.file {
        Some(reference) => compose.iter().find(|c| c.path == reference.path)?,
        None => file,
    };
    let parent = parent_file.service(&extends.service)?;
    if std::ptr::eq(parent, service) {
        return None;
    }
    resolve_build(compose, parent_file, parent, depth + 1)
}

/// Builds declared by workflow steps, one per matrix combination that changes what is built.
pub fn workflow_builds(workflows: &[Workflow], sources: &[&str]) -> Vec<Build> {
    let mut builds = Vec::new();
    for (w, workflow) in workflows.iter().enumerate() {
        let source = sources.get(w).copied().unwrap_or("");
        for (j, job) in workflow.jobs.iter().enumerate() {
            for (s, step) in job.steps.iter().enumerate() {
                let mut seen: Vec<Build> = Vec::new();
                for (c, combination) in job.matrix.iter().enumerate() {
                    let origin = Origin::Step {
                        workflow: w,
                        job: j,
                        step: s,
                        combination: c,
                    };
                    let expander = Expander::new(workflow, job, step, combination);
                    let found = if step.uses_action("docker/build-push-action") {
                        action_build(origin, &workflow.path, source, step, &expander)
                            .into_iter()
                            .collect()
                    } else {
                        run_builds(origin, workflow, job, step, source, combination)
                    };
                    for build in found {
                        if !seen.iter().any(|b| same_build(b, &build)) {
                            seen.push(build);
                        }
                    }
                }
                builds.extend(seen);
            }
        }
    }
    builds
}

/// Matrix combinations that do not change the build are one build.
fn same_build(a: &Build, b: &Build) -> bool {
    a.span == b.span
        && a.context == b.context
        && a.dockerfile == b.dockerfile
        && a.target == b.target
        && a.tags == b.tags
        && a.cache_from == b.cache_from
        && a.cache_to == b.cache_to
}

fn action_build(
    origin: Origin,
    file: &str,
    source: &str,
    step: &Step,
    expander: &Expander,
) -> Option<Build> {
    let uses = step.uses.as_ref()?;
    let mut build = Build::new(origin, file, uses.span);
    let input = |name: &str| {
        step.input(name)
            .and_then(|node| Some((expander.expand(node.as_str()?), node.span)))
    };
    let resolved = |text: &str| (!text.contains("${{")).then(|| paths::normalize(text));
    // Without `context`, the action builds the Git context: the repository's root.
    let (context, context_span) = input("context").unwrap_or_else(|| (".".to_string(), uses.span));
    build.context_span = context_span;
    build.context = resolved(&context).filter(|c| !c.contains("://"));
    match input("file") {
        Some((file, span)) => {
            build.dockerfile = resolved(&file);
            build.dockerfile_span = span;
            build.dockerfile_named = true;
        }
        None => {
            build.dockerfile = build
                .context
                .as_deref()
                .map(|c| paths::join(c, "Dockerfile"));
            build.dockerfile_span = context_span;
        }
    }
    if let Some((target, span)) = input("target") {
        build.target = Some(target);
        build.target_span = Some(span);
    }
    build.build_args = input("build-args")
        .map(|(text, _)| {
            lines(&text)
                .map(|l| match l.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (l.to_string(), None),
                })
                .collect()
        })
        .unwrap_or_default();
    build.tags = input("tags")
        .map(|(text, _)| list_items(&text).map(str::to_string).collect())
        .unwrap_or_default();
    build.cache_from = cache_entries(source, step.input("cache-from"), expander);
    build.cache_to = cache_entries(source, step.input("cache-to"), expander);
    build.push = step
        .input("push")
        .is_some_and(|p| p.as_str().is_some_and(|v| !v.eq_ignore_ascii_case("false")))
        || input("outputs")
            .is_some_and(|(o, _)| o.contains("type=registry") || o.contains("push=true"));
    Some(build)
}

/// `cache-from`/`cache-to`: one entry a line, each with the span of its line.
fn cache_entries(
    source: &str,
    node: Option<&YamlNode>,
    expander: &Expander,
) -> Vec<(String, Span)> {
    let Some((node, text)) = node.and_then(|n| Some((n, n.as_str()?))) else {
        return Vec::new();
    };
    let map = TextMap::for_scalar(source, node);
    lines(text)
        .map(|line| {
            // `line` is a slice of `text`: its distance from the start is its offset.
            let offset = line.as_ptr() as usize - text.as_ptr() as usize;
            (
                expander.expand(line),
                map.span(Span::new(offset, offset + line.len())),
            )
        })
        .collect()
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Comma- or newline-separated items (`tags:`).
fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

fn run_builds(
    origin: Origin,
    workflow: &Workflow,
    job: &Job,
    step: &Step,
    source: &str,
    combination: &Combination,
) -> Vec<Build> {
    let Some(run) = &step.run else {
        return Vec::new();
    };
    let expander = Expander::new(workflow, job, step, combination);
    let text = run.as_str().unwrap_or("");
    let map = TextMap::for_scalar(source, run);
    let cwd = step
        .working_directory
        .as_deref()
        .or(job.working_directory.as_deref())
        .map(|d| expander.expand(d))
        .unwrap_or_else(|| ".".to_string());
    command::build_commands(text)
        .into_iter()
        .map(|command| {
            let mut build = command_build(origin, &workflow.path, &command, &map, &|p| {
                expander.expand(p)
            });
            resolve_paths(
                &mut build,
                &command,
                &[paths::normalize(&cwd)],
                None,
                &|p| expander.expand(p),
            );
            build
        })
        .collect()
}

/// Builds run by a shell script or a Makefile.
pub fn script_builds(path: &str, source: &str, origin: Origin, index: &FileIndex) -> Vec<Build> {
    let map = TextMap::identity(source.len());
    let dir = paths::parent(path).to_string();
    // A Makefile runs in its own directory; a script's working directory is not known, so
    // the repository root and the script's directory are both tried.
    let cwds: Vec<String> = match origin {
        Origin::Makefile => vec![dir],
        _ => vec![".".to_string(), dir],
    };
    let keep = |text: &str| text.to_string();
    command::build_commands(source)
        .into_iter()
        .map(|command| {
            let mut build = command_build(origin, path, &command, &map, &keep);
            resolve_paths(&mut build, &command, &cwds, Some(index), &keep);
            build
        })
        .collect()
}

fn command_build(
    origin: Origin,
    file: &str,
    command: &BuildCommand,
    map: &TextMap,
    expand: &dyn Fn(&str) -> String,
) -> Build {
    let mut build = Build::new(origin, file, map.span(command.span));
    build.target = command.target.as_ref().map(|t| expand(&t.text));
    build.target_span = command.target.as_ref().map(|t| map.span(t.span));
    build.build_args = command
        .build_args
        .iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(expand(v))),
            None => (a.clone(), None),
        })
        .collect();
    build.tags = command.tags.iter().map(|t| expand(t)).collect();
    build.cache_from = command
        .cache_from
        .iter()
        .map(|w| (expand(&w.text), map.span(w.span)))
        .collect();
    build.cache_to = command
        .cache_to
        .iter()
        .map(|w| (expand(&w.text), map.span(w.span)))
        .collect();
    build.push = command.push;
    build.legacy_flags = command
        .legacy_flags
        .iter()
        .map(|w| (w.text.clone(), map.span(w.span)))
        .collect();
    build.buildkit_disabled = command.buildkit_disabled.as_ref().map(|w| map.span(w.span));
    build.error_suppressed = command.error_suppressed.map(|s| map.span(s));
    build.context_span = command
        .context
        .as_ref()
        .map_or(build.span, |c| map.span(c.span));
    build.dockerfile_span = command
        .file
        .as_ref()
        .map_or(build.context_span, |f| map.span(f.span));
    build.dockerfile_named = command.file.is_some();
    build
}

/// Resolves `-f` and the context against the first working directory where the Dockerfile
/// exists (or the first one, when none is known to hold it).
fn resolve_paths(
    build: &mut Build,
    command: &BuildCommand,
    cwds: &[String],
    index: Option<&FileIndex>,
    expand: &dyn Fn(&str) -> String,
) {
    let known = |text: &str| {
        let text = expand(text);
        (paths::is_checkable(&text) || text.starts_with('/')).then_some(text)
    };
    let context = command.context.as_ref().map_or(Some(".".to_string()), |c| {
        if c.text == "-" || c.text.contains("://") {
            None
        } else {
            known(&c.text)
        }
    });
    let file = match &command.file {
        Some(f) if f.text == "-" => None,
        Some(f) => known(&f.text).map(Some),
        None => Some(None),
    };
    let candidates = cwds.iter().map(|cwd| {
        let context = context.as_deref().map(|c| paths::join(cwd, c));
        let dockerfile = match &file {
            Some(Some(f)) => Some(paths::join(cwd, f)),
            Some(None) => context.as_deref().map(|c| paths::join(c, "Dockerfile")),
            None => None,
        };
        (context, dockerfile)
    });
    let candidates: Vec<_> = candidates.collect();
    let chosen = candidates
        .iter()
        .find(|(_, d)| match (index, d) {
            (Some(index), Some(d)) => index.is_file(d),
            _ => false,
        })
        .or(candidates.first())
        .cloned();
    if let Some((context, dockerfile)) = chosen {
        build.context = context;
        build.dockerfile = dockerfile;
    }
}
