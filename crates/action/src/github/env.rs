//! What a GitHub Actions runner tells a step through its environment and event file.

use serde::Deserialize;
use std::fmt;
use std::path::PathBuf;

/// The runner variables ballast's GitHub features read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitHubEnv {
    /// `GITHUB_API_URL`; GitHub Enterprise Server sets its own `https://HOST/api/v3`.
    pub api_url: String,
    pub owner: String,
    pub repo: String,
    pub token: String,
    /// `GITHUB_EVENT_PATH`: the JSON of the event that started the workflow.
    pub event_path: Option<PathBuf>,
    /// `GITHUB_SHA`: on `pull_request` events the merge commit, not the head.
    pub sha: Option<String>,
    /// `GITHUB_WORKSPACE`: findings' paths are made relative to it.
    pub workspace: Option<PathBuf>,
}

/// A variable the runner should have set is missing or malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvError(pub String);

impl fmt::Display for EnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EnvError {}

const DEFAULT_API_URL: &str = "https://api.github.com";

impl GitHubEnv {
    /// Reads the process environment.
    pub fn from_process() -> Result<Self, EnvError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads variables through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, EnvError> {
        let present = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let repository = present("GITHUB_REPOSITORY").ok_or_else(|| {
            EnvError("GITHUB_REPOSITORY is not set (expected owner/name, as on a runner)".into())
        })?;
        let (owner, repo) = repository
            .split_once('/')
            .filter(|(owner, repo)| !owner.is_empty() && !repo.is_empty() && !repo.contains('/'))
            .ok_or_else(|| {
                EnvError(format!(
                    "GITHUB_REPOSITORY {repository:?} is not owner/name"
                ))
            })?;
        let token = present("GITHUB_TOKEN").ok_or_else(|| {
            EnvError(
                "GITHUB_TOKEN is not set: pass `env: GITHUB_TOKEN: ${{ github.token }}` \
                 (the action does this from its github-token input)"
                    .into(),
            )
        })?;
        Ok(Self {
            api_url: present("GITHUB_API_URL").unwrap_or_else(|| DEFAULT_API_URL.to_string()),
            owner: owner.to_string(),
            repo: repo.to_string(),
            token,
            event_path: present("GITHUB_EVENT_PATH").map(PathBuf::from),
            sha: present("GITHUB_SHA"),
            workspace: present("GITHUB_WORKSPACE").map(PathBuf::from),
        })
    }

    /// `/repos/{owner}/{repo}`, the prefix of every repository endpoint.
    pub fn repo_path(&self) -> String {
        format!("/repos/{}/{}", self.owner, self.repo)
    }

    /// The pull request that triggered the run, if the event is about one.
    pub fn pull_request(&self) -> Result<Option<PullRequest>, EnvError> {
        let Some(path) = &self.event_path else {
            return Ok(None);
        };
        let text = std::fs::read_to_string(path).map_err(|error| {
            EnvError(format!(
                "cannot read GITHUB_EVENT_PATH {}: {error}",
                path.display()
            ))
        })?;
        PullRequest::from_event_json(&text)
    }

    /// The commit that check runs are attached to: the pull request's head, else `GITHUB_SHA`.
    pub fn head_sha(&self) -> Result<String, EnvError> {
        if let Some(pull_request) = self.pull_request()? {
            return Ok(pull_request.head_sha);
        }
        self.sha
            .clone()
            .ok_or_else(|| EnvError("GITHUB_SHA is not set".into()))
    }

    /// `path` relative to the repository root, as the API names files.
    pub fn repo_relative(&self, path: &str) -> String {
        let workspace = self.workspace.as_deref().and_then(|dir| dir.to_str());
        repo_relative(path, workspace)
    }
}

/// `./a/b` → `a/b`; `/home/runner/work/app/a/b` with workspace `/home/runner/work/app` → `a/b`;
/// `a\b` → `a/b`.
pub fn repo_relative(path: &str, workspace: Option<&str>) -> String {
    let mut path = path.replace('\\', "/");
    if let Some(workspace) = workspace {
        let workspace = workspace.replace('\\', "/");
        let prefix = format!("{}/", workspace.trim_end_matches('/'));
        if let Some(rest) = path.strip_prefix(&prefix) {
            path = rest.to_string();
        }
    }
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    path
}

/// The parts of a `pull_request` (or `pull_request_target`) event ballast uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRequest {
    pub number: u64,
    pub head_sha: String,
}

impl PullRequest {
    /// `Ok(None)` when the event is not about a pull request (a push, a schedule).
    pub fn from_event_json(text: &str) -> Result<Option<Self>, EnvError> {
        #[derive(Deserialize)]
        struct Event {
            pull_request: Option<Pr>,
        }
        #[derive(Deserialize)]
        struct Pr {
            number: u64,
            head: Head,
        }
        #[derive(Deserialize)]
        struct Head {
            sha: String,
        }
        let event: Event = serde_json::from_str(text)
            .map_err(|error| EnvError(format!("cannot parse the event JSON: {error}")))?;
        Ok(event.pull_request.map(|pr| PullRequest {
            number: pr.number,
            head_sha: pr.head.sha,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> Result<GitHubEnv, EnvError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        GitHubEnv::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn reads_the_runner_variables_with_the_public_api_as_default() {
        let env = env(&[("GITHUB_REPOSITORY", "octo/app"), ("GITHUB_TOKEN", "t")]).unwrap();
        assert_eq!(env.api_url, "https://api.github.com");
        assert_eq!(env.repo_path(), "/repos/octo/app");
    }

    #[test]
    fn missing_or_malformed_variables_are_explained() {
        let no_token = env(&[("GITHUB_REPOSITORY", "octo/app")]).unwrap_err();
        assert!(no_token.0.contains("GITHUB_TOKEN"));
        let bad_repo = env(&[("GITHUB_REPOSITORY", "octo"), ("GITHUB_TOKEN", "t")]).unwrap_err();
        assert!(bad_repo.0.contains("owner/name"));
    }

    #[test]
    fn pull_request_events_give_number_and_head() {
        let json = r#"{"action":"synchronize","number":7,
            "pull_request":{"number":7,"head":{"sha":"abc","ref":"topic"}}}"#;
        let pr = PullRequest::from_event_json(json).unwrap().unwrap();
        assert_eq!(
            pr,
            PullRequest {
                number: 7,
                head_sha: "abc".into()
            }
        );
        assert_eq!(
            PullRequest::from_event_json(r#"{"ref":"refs/heads/main"}"#).unwrap(),
            None
        );
    }

    #[test]
    fn paths_become_repository_relative() {
        assert_eq!(repo_relative("./svc/Dockerfile", None), "svc/Dockerfile");
        assert_eq!(
            repo_relative(
                "/home/runner/work/app/svc/Dockerfile",
                Some("/home/runner/work/app/")
            ),
            "svc/Dockerfile"
        );
        assert_eq!(repo_relative("svc\\Dockerfile", None), "svc/Dockerfile");
    }
}
