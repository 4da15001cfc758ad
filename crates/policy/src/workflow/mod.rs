//! The GitHub Actions model: workflows (and local `action.yml` composite actions), jobs, steps
//! with `uses`, `with`, `run`, `env`, `continue-on-error`, and matrix combinations.

mod expression;
pub mod matrix;

use crate::span::Span;
use crate::workspace::paths;
use crate::yaml::YamlNode;

pub use expression::Expander;
pub use matrix::Combination;

#[derive(Debug, Clone)]
pub struct Workflow {
    pub path: String,
    pub env: Vec<(String, String)>,
    pub jobs: Vec<Job>,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub id_span: Span,
    pub env: Vec<(String, String)>,
    /// `continue-on-error: true` on the job.
    pub continue_on_error: Option<Span>,
    /// `defaults.run.working-directory`.
    pub working_directory: Option<String>,
    /// The matrix combinations (one empty one when there is no matrix).
    pub matrix: Vec<Combination>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub index: usize,
    /// The whole step.
    pub span: Span,
    pub name: Option<String>,
    pub uses: Option<Uses>,
    /// `with:` inputs: key node and value node.
    pub with: Vec<(YamlNode, YamlNode)>,
    pub run: Option<YamlNode>,
    pub env: Vec<(String, String)>,
    /// `continue-on-error: true` on the step: the span of the key.
    pub continue_on_error: Option<Span>,
    pub working_directory: Option<String>,
}

/// `uses: owner/repo[/path]@ref`, with the version comment that often follows a SHA pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uses {
    /// `owner/repo` (and path), lower-cased; `./path` for a local action.
    pub action: String,
    pub git_ref: Option<String>,
    /// The `# v6.9.0` comment after the value, if any.
    pub comment: Option<String>,
    pub span: Span,
}

impl Workflow {
    /// Reads a workflow file, or a composite action (`runs.steps` becomes one job `runs`).
    pub fn from_yaml(path: &str, source: &str, root: &YamlNode) -> Self {
        let env = scalar_map(root.get("env"));
        let mut jobs: Vec<Job> = root
            .get("jobs")
            .map(|jobs| {
                jobs.entries()
                    .iter()
                    .filter_map(|(id, job)| Job::from_yaml(source, id, job))
                    .collect()
            })
            .unwrap_or_default();
        if let Some((key, runs)) = root.entry("runs") {
            if runs.get("steps").is_some() {
                jobs.extend(Job::from_yaml(source, key, runs));
            }
        }
        Self {
            path: path.to_string(),
            env,
            jobs,
        }
    }
}

impl Job {
    fn from_yaml(source: &str, id: &YamlNode, job: &YamlNode) -> Option<Self> {
        let steps = job
            .get("steps")
            .map(|steps| {
                steps
                    .items()
                    .iter()
                    .enumerate()
                    .map(|(index, step)| Step::from_yaml(source, index, step))
                    .collect()
            })
            .unwrap_or_default();
        Some(Self {
            id: id.as_str()?.to_string(),
            id_span: id.span,
            env: scalar_map(job.get("env")),
            continue_on_error: true_key(job, "continue-on-error"),
            working_directory: job
                .path(&["defaults", "run", "working-directory"])
                .and_then(YamlNode::as_str)
                .map(str::to_string),
            matrix: matrix::combinations(job.path(&["strategy", "matrix"])),
            steps,
        })
    }
}

impl Step {
    fn from_yaml(source: &str, index: usize, step: &YamlNode) -> Self {
        let uses = step.get("uses").and_then(|node| {
            let text = node.as_str()?;
            let (action, git_ref) = match text.split_once('@') {
                Some((action, r)) => (action, Some(r.to_string())),
                None => (text, None),
            };
            // Owners and repositories are case-insensitive on GitHub; local paths are not.
            let action = if action.starts_with("./") {
                action.to_string()
            } else {
                action.to_ascii_lowercase()
            };
            Some(Uses {
                action,
                git_ref,
                comment: trailing_comment(source, node.span.end),
                span: node.span,
            })
        });
        Self {
            index,
            span: step.span,
            name: step
                .get("name")
                .and_then(YamlNode::as_str)
                .map(str::to_string),
            uses,
            with: step
                .get("with")
                .map(|w| w.entries().to_vec())
                .unwrap_or_default(),
            run: step.get("run").filter(|r| r.as_str().is_some()).cloned(),
            env: scalar_map(step.get("env")),
            continue_on_error: true_key(step, "continue-on-error"),
            working_directory: step
                .get("working-directory")
                .and_then(YamlNode::as_str)
                .map(str::to_string),
        }
    }

    /// Whether the step runs `action` (`docker/build-push-action`), whatever the version.
    pub fn uses_action(&self, action: &str) -> bool {
        self.uses.as_ref().is_some_and(|u| u.action == action)
    }

    /// A `with:` input: its value node.
    pub fn input(&self, name: &str) -> Option<&YamlNode> {
        self.with
            .iter()
            .find(|(k, _)| k.as_str() == Some(name))
            .map(|(_, v)| v)
    }
}

/// The text of a `# comment` that follows `offset` on the same line.
fn trailing_comment(source: &str, offset: usize) -> Option<String> {
    let rest = source.get(offset..)?;
    let line = rest.split('\n').next().unwrap_or(rest);
    let comment = line.trim_start().strip_prefix('#')?;
    Some(comment.trim().to_string())
}

/// A key whose value is `true`: the key's span.
fn true_key(node: &YamlNode, key: &str) -> Option<Span> {
    node.entry(key)
        .filter(|(_, v)| v.is_true())
        .map(|(k, _)| k.span)
}

fn scalar_map(node: Option<&YamlNode>) -> Vec<(String, String)> {
    node.map(|n| {
        n.entries()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
            .collect()
    })
    .unwrap_or_default()
}

/// `.github/workflows/*.yml|yaml`.
pub fn is_workflow_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let in_dir = paths::parent(&lower).ends_with(".github/workflows");
    in_dir && (lower.ends_with(".yml") || lower.ends_with(".yaml"))
}

/// `action.yml|yaml` of a local action (anywhere but a workflows folder).
pub fn is_action_path(path: &str) -> bool {
    let name = paths::file_name(path).to_ascii_lowercase();
    (name == "action.yml" || name == "action.yaml") && !is_workflow_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    const SOURCE: &str = "env:\n  REGISTRY: ghcr.io\njobs:\n  build:\n    strategy:\n      matrix:\n        app: [api, web]\n    continue-on-error: true\n    steps:\n      - uses: actions/checkout@v4\n      - name: Build\n        uses: docker/build-push-action@0123456789abcdef0123456789abcdef01234567 # v6.9.0\n        with:\n          context: ./${{ matrix.app }}\n        continue-on-error: false\n      - run: docker build .\n        working-directory: web\n";

    #[test]
    fn reads_jobs_steps_and_inputs() {
        let root = yaml::parse(SOURCE).root.unwrap();
        let workflow = Workflow::from_yaml(".github/workflows/ci.yml", SOURCE, &root);
        assert_eq!(
            workflow.env,
            [("REGISTRY".to_string(), "ghcr.io".to_string())]
        );
        let job = &workflow.jobs[0];
        assert_eq!(job.id, "build");
        assert!(job.continue_on_error.is_some());
        assert_eq!(job.matrix.len(), 2);
        let build = &job.steps[1];
        assert!(build.uses_action("docker/build-push-action"));
        let uses = build.uses.as_ref().unwrap();
        assert_eq!(uses.comment.as_deref(), Some("v6.9.0"));
        assert_eq!(
            build.input("context").and_then(YamlNode::as_str),
            Some("./${{ matrix.app }}")
        );
        assert!(build.continue_on_error.is_none());
        let run = &job.steps[2];
        assert_eq!(
            run.run.as_ref().and_then(YamlNode::as_str),
            Some("docker build .")
        );
        assert_eq!(run.working_directory.as_deref(), Some("web"));
    }

    #[test]
    fn recognizes_workflow_and_action_paths() {
        assert!(is_workflow_path(".github/workflows/ci.yml"));
        assert!(is_workflow_path("repo/.github/workflows/release.yaml"));
        assert!(!is_workflow_path(".github/ci.yml"));
        assert!(is_action_path(".github/actions/build/action.yml"));
        assert!(!is_action_path(".github/workflows/action.yml"));
    }
}
