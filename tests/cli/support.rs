//! Runs the built binary in a temporary directory with a predictable environment.

use std::fs;
use std::process::{Command, Output};
use tempfile::TempDir;

/// A Dockerfile every rule set must report: the `syntax-error` rule's own example (a heredoc
/// that never ends).
pub const UNTERMINATED_HEREDOC: &str = "FROM alpine:3.21\nRUN <<EOF\necho never closed\n";

pub const CLEAN: &str = "FROM alpine:3.21\n";

pub struct Project {
    dir: TempDir,
}

impl Project {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.dir.path().join(path)).expect("read file")
    }

    /// Writes a file, creating its folders.
    pub fn file(&self, path: &str, contents: impl AsRef<[u8]>) -> &Self {
        let full = self.dir.path().join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(full, contents).expect("write file");
        self
    }

    /// `ballast ARGS` run in the project, with no colour or CI variables inherited.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ballast"));
        command.args(args).current_dir(self.dir.path());
        for name in [
            "NO_COLOR",
            "CLICOLOR_FORCE",
            "GITHUB_ACTIONS",
            "GITHUB_STEP_SUMMARY",
            "GITHUB_REPOSITORY",
            "GITHUB_SHA",
            "GITHUB_SERVER_URL",
            "GITHUB_BASE_REF",
        ] {
            command.env_remove(name);
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run ballast"))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().expect("exit code, not a signal"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|err| panic!("stdout is not JSON ({err}):\n{}", self.stdout))
    }

    /// The `path` of every file in a JSON report.
    pub fn checked_files(&self) -> Vec<String> {
        self.json()["files"]
            .as_array()
            .expect("files array")
            .iter()
            .map(|file| file["path"].as_str().expect("path").to_string())
            .collect()
    }

    pub fn finding_count(&self) -> usize {
        self.json()["findings"]
            .as_array()
            .expect("findings array")
            .len()
    }
}
