//! The workspace: every file of a repository, and the build graph that says which Dockerfile
//! each Compose service, workflow step, script and Makefile builds.
//!
//! The policy crate reads no file system: the caller hands over `(path, contents)` pairs. Paths
//! are relative to the repository root. Files of no known kind still count: a directory exists
//! when some path lies inside it, so callers pass every path (contents may be empty for files
//! ballast does not read) for existence checks to be right.

pub mod cache;
pub mod command;
pub mod graph;
pub mod paths;
mod text_map;

use crate::compose::{self, ComposeFile, Variables};
use crate::config::Config;
use crate::dockerfile::{self, Dockerfile};
use crate::dockerignore::Dockerignore;
use crate::engine::{FileKind, SourceFile};
use crate::workflow::{Job, Step, Workflow};
use crate::yaml::{self, YamlError, YamlNode};
use std::collections::{HashMap, HashSet};

pub use graph::{Build, Origin};
pub use text_map::TextMap;

/// Every path of the workspace, cleaned, for lookups.
#[derive(Debug, Default)]
pub struct FileIndex {
    by_path: HashMap<String, usize>,
    dirs: HashSet<String>,
}

impl FileIndex {
    pub fn new(files: &[SourceFile]) -> Self {
        let mut index = Self::default();
        for (i, file) in files.iter().enumerate() {
            let path = paths::normalize(&file.path);
            let mut dir = paths::parent(&path);
            while dir != "." && dir != "/" && index.dirs.insert(dir.to_string()) {
                dir = paths::parent(dir);
            }
            index.by_path.entry(path).or_insert(i);
        }
        index
    }

    pub fn is_file(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }

    pub fn is_dir(&self, path: &str) -> bool {
        path == "." || self.dirs.contains(path)
    }

    pub fn exists(&self, path: &str) -> bool {
        self.is_file(path) || self.is_dir(path)
    }

    /// The position of a file in the input.
    pub fn position(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// Every cleaned path, in no particular order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_path.keys().map(String::as_str)
    }
}

/// What workspace rules see: the files, their kinds, the parsed models and the build graph.
pub struct WorkspaceContext<'a> {
    pub files: &'a [SourceFile],
    pub config: &'a Config,
    /// The kind of each file, by position (Compose files found through `include`/`extends`).
    pub kinds: Vec<Option<FileKind>>,
    pub index: FileIndex,
    pub compose: Vec<ComposeFile>,
    /// Workflows and local actions.
    pub workflows: Vec<Workflow>,
    /// Cleaned path and syntax tree of every Dockerfile.
    pub dockerfiles: Vec<(String, Dockerfile)>,
    /// Input position of each entry of `dockerfiles`.
    dockerfile_positions: Vec<usize>,
    /// Cleaned path and patterns of every ignore file.
    pub dockerignores: Vec<(String, Dockerignore)>,
    pub builds: Vec<Build>,
    /// YAML files that do not parse (their position and error).
    pub yaml_errors: Vec<(usize, YamlError)>,
    /// Positions of the scripts and Makefiles that were searched for build commands.
    pub scripts: Vec<usize>,
}

impl<'a> WorkspaceContext<'a> {
    pub fn new(files: &'a [SourceFile], config: &'a Config) -> Self {
        let index = FileIndex::new(files);
        let mut kinds: Vec<Option<FileKind>> = files.iter().map(SourceFile::kind).collect();
        let mut yaml_errors = Vec::new();
        let mut roots: HashMap<usize, Option<YamlNode>> = HashMap::new();
        let mut parse_yaml = |i: usize, errors: &mut Vec<(usize, YamlError)>| {
            roots
                .entry(i)
                .or_insert_with(|| {
                    let doc = yaml::parse(&files[i].contents);
                    if let Some(error) = doc.error {
                        errors.push((i, error));
                    }
                    doc.root
                })
                .clone()
        };

        // Compose files, then the files they include or extend, until none is new.
        let mut compose = Vec::new();
        let mut queue: Vec<usize> = (0..files.len())
            .filter(|&i| kinds[i] == Some(FileKind::Compose))
            .collect();
        let mut seen: HashSet<usize> = queue.iter().copied().collect();
        while let Some(i) = queue.pop() {
            let path = paths::normalize(&files[i].path);
            let Some(root) = parse_yaml(i, &mut yaml_errors) else {
                continue;
            };
            let vars = env_file(files, &index, paths::parent(&path));
            let file = ComposeFile::from_yaml(&path, &root, &vars);
            let referenced = file.includes.iter().map(|r| r.path.as_str()).chain(
                file.services
                    .iter()
                    .filter_map(|s| Some(s.extends.as_ref()?.file.as_ref()?.path.as_str())),
            );
            for target in referenced {
                if let Some(j) = index.position(target) {
                    if seen.insert(j) {
                        kinds[j] = Some(FileKind::Compose);
                        queue.push(j);
                    }
                }
            }
            compose.push(file);
        }
        compose.sort_by(|a, b| a.path.cmp(&b.path));

        let mut workflows = Vec::new();
        let mut workflow_sources = Vec::new();
        let mut dockerfiles = Vec::new();
        let mut dockerfile_positions = Vec::new();
        let mut dockerignores = Vec::new();
        let mut scripts = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let path = paths::normalize(&file.path);
            match kinds[i] {
                Some(FileKind::Workflow | FileKind::Action) => {
                    if let Some(root) = parse_yaml(i, &mut yaml_errors) {
                        workflows.push(Workflow::from_yaml(&path, &file.contents, &root));
                        workflow_sources.push(file.contents.as_str());
                    }
                }
                Some(FileKind::Dockerfile) => {
                    dockerfiles.push((path, dockerfile::parse(&file.contents)));
                    dockerfile_positions.push(i);
                }
                Some(FileKind::Dockerignore) => {
                    dockerignores.push((path, Dockerignore::parse(&file.contents)))
                }
                Some(FileKind::Script | FileKind::Makefile) => scripts.push(i),
                _ => {}
            }
        }

        let mut builds = graph::compose_builds(&compose);
        builds.extend(graph::workflow_builds(&workflows, &workflow_sources));
        for &i in &scripts {
            let origin = match kinds[i] {
                Some(FileKind::Makefile) => Origin::Makefile,
                _ => Origin::Script,
            };
            let path = paths::normalize(&files[i].path);
            builds.extend(graph::script_builds(
                &path,
                &files[i].contents,
                origin,
                &index,
            ));
        }
        yaml_errors.sort_by_key(|(i, _)| *i);

        Self {
            files,
            config,
            kinds,
            index,
            compose,
            workflows,
            dockerfiles,
            dockerfile_positions,
            dockerignores,
            builds,
            yaml_errors,
            scripts,
        }
    }

    /// The file at a cleaned path.
    pub fn file(&self, path: &str) -> Option<&SourceFile> {
        self.index.position(path).map(|i| &self.files[i])
    }

    /// The path as the caller wrote it (findings use it), for a cleaned path.
    pub fn display_path<'p>(&'p self, path: &'p str) -> &'p str {
        self.file(path).map_or(path, |f| f.path.as_str())
    }

    pub fn dockerfile(&self, path: &str) -> Option<&Dockerfile> {
        self.dockerfiles
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, ast)| ast)
    }

    /// The syntax tree of the Dockerfile at an input position.
    pub fn dockerfile_at(&self, position: usize) -> Option<&Dockerfile> {
        // Positions were pushed in input order.
        let i = self.dockerfile_positions.binary_search(&position).ok()?;
        self.dockerfiles.get(i).map(|(_, ast)| ast)
    }

    /// The ignore file Docker uses for a build: `<Dockerfile>.dockerignore` beside the
    /// Dockerfile if there is one, else `<context>/.dockerignore`.
    pub fn ignore_file_for(&self, build: &Build) -> Option<(&str, &Dockerignore)> {
        let context = build.context.as_deref()?;
        let candidates = build
            .dockerfile
            .as_ref()
            .map(|d| format!("{d}.dockerignore"))
            .into_iter()
            .chain([paths::join(context, ".dockerignore")]);
        for candidate in candidates {
            if let Some((path, ignore)) = self.dockerignores.iter().find(|(p, _)| *p == candidate) {
                return Some((path.as_str(), ignore));
            }
        }
        None
    }

    /// The workflow, job and step a build comes from.
    pub fn step(&self, origin: Origin) -> Option<(&Workflow, &Job, &Step)> {
        let Origin::Step {
            workflow,
            job,
            step,
            ..
        } = origin
        else {
            return None;
        };
        let workflow = self.workflows.get(workflow)?;
        let job = workflow.jobs.get(job)?;
        Some((workflow, job, job.steps.get(step)?))
    }

    /// Whether the input looks like a repository rather than a few loose files: existence
    /// checks only make sense when the Dockerfiles are there to be found.
    pub fn has_dockerfiles(&self) -> bool {
        !self.dockerfiles.is_empty()
    }

    /// Dockerfile-like files directly inside a directory, for "did you mean" hints.
    pub fn dockerfiles_in(&self, dir: &str) -> Vec<&str> {
        self.files_in(dir)
            .into_iter()
            .filter(|p| FileKind::detect(p) == Some(FileKind::Dockerfile))
            .collect()
    }

    /// Files directly inside a directory (cleaned paths), sorted.
    pub fn files_in(&self, dir: &str) -> Vec<&str> {
        let mut found: Vec<&str> = self
            .index
            .paths()
            .filter(|p| paths::parent(p) == dir)
            .collect();
        found.sort_unstable();
        found
    }
}

/// The `.env` file of a Compose project directory, if the workspace has one.
fn env_file(files: &[SourceFile], index: &FileIndex, dir: &str) -> Variables {
    index
        .position(&paths::join(dir, ".env"))
        .map(|i| Variables::from_env_file(&files[i].contents))
        .unwrap_or_default()
}

/// Kinds a path names on its own (a script or Makefile is known only from its contents).
pub fn kind_from_path(path: &str) -> Option<FileKind> {
    let name = paths::file_name(path).to_ascii_lowercase();
    if name == ".dockerignore" || name.ends_with(".dockerignore") {
        Some(FileKind::Dockerignore)
    } else if crate::workflow::is_workflow_path(path) {
        Some(FileKind::Workflow)
    } else if crate::workflow::is_action_path(path) {
        Some(FileKind::Action)
    } else if compose::is_compose_file_name(path) {
        Some(FileKind::Compose)
    } else {
        None
    }
}

/// A shell script or Makefile that runs `docker build` / `docker buildx build`.
pub fn kind_from_contents(path: &str, contents: &str) -> Option<FileKind> {
    let name = paths::file_name(path).to_ascii_lowercase();
    let makefile = matches!(name.as_str(), "makefile" | "gnumakefile") || name.ends_with(".mk");
    let script = name.ends_with(".sh")
        || name.ends_with(".bash")
        || (!name.contains('.')
            && contents.starts_with("#!")
            && contents.lines().next().is_some_and(|l| l.ends_with("sh")));
    if !(makefile || script) || !contents.contains("docker") {
        return None;
    }
    if command::build_commands(contents).is_empty() {
        return None;
    }
    Some(if makefile {
        FileKind::Makefile
    } else {
        FileKind::Script
    })
}
