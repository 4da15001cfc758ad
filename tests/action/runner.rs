//! Runs a composite action's steps the way a GitHub Actions runner does, closely enough for a
//! test: `${{ }}` expressions over `inputs`, `github`, `runner` and `steps`, `if:` conditions,
//! each step's `env:`, a fresh `GITHUB_OUTPUT` file per step, `bash -eo pipefail`.

use ballast_policy::yaml::{self, YamlNode};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One `run:` step of the action.
#[derive(Debug)]
pub struct Step {
    pub name: String,
    pub id: Option<String>,
    pub condition: Option<String>,
    pub env: Vec<(String, String)>,
    pub run: String,
    pub shell: String,
}

/// action.yml, as far as a composite action's run needs it.
#[derive(Debug)]
pub struct Action {
    pub input_defaults: BTreeMap<String, String>,
    pub outputs: BTreeMap<String, String>,
    pub steps: Vec<Step>,
}

fn text(node: Option<&YamlNode>) -> String {
    node.and_then(YamlNode::as_str)
        .unwrap_or_default()
        .to_string()
}

impl Action {
    pub fn load(path: &Path) -> Action {
        let source = fs::read_to_string(path).expect("read action.yml");
        let document = yaml::parse(&source);
        assert!(document.error.is_none(), "action.yml: {:?}", document.error);
        let root = document.root.expect("action.yml has a document");
        assert_eq!(text(root.path(&["runs", "using"])), "composite");
        let map = |key: &str, field: &str| -> BTreeMap<String, String> {
            root.get(key)
                .map(|node| {
                    node.entries()
                        .iter()
                        .map(|(name, spec)| (text(Some(name)), text(spec.get(field))))
                        .collect()
                })
                .unwrap_or_default()
        };
        let steps = root
            .path(&["runs", "steps"])
            .expect("runs.steps")
            .items()
            .iter()
            .map(|step| Step {
                name: text(step.get("name")),
                id: step
                    .get("id")
                    .and_then(YamlNode::as_str)
                    .map(str::to_string),
                condition: step
                    .get("if")
                    .and_then(YamlNode::as_str)
                    .map(str::to_string),
                env: step
                    .get("env")
                    .map(|env| {
                        env.entries()
                            .iter()
                            .map(|(k, v)| (text(Some(k)), text(Some(v))))
                            .collect()
                    })
                    .unwrap_or_default(),
                run: text(step.get("run")),
                shell: text(step.get("shell")),
            })
            .collect();
        Action {
            input_defaults: map("inputs", "default"),
            outputs: map("outputs", "value"),
            steps,
        }
    }
}

/// What a run printed and produced.
#[derive(Debug, Default)]
pub struct RunResult {
    /// `None` when every step passed, else the exit code of the step that failed.
    pub failed: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// The names of the steps that ran, in order.
    pub ran: Vec<String>,
    /// The action's outputs, evaluated after its steps.
    pub outputs: BTreeMap<String, String>,
}

/// The contexts expressions read, and the runner's environment.
pub struct Runner {
    pub inputs: BTreeMap<String, String>,
    pub github: BTreeMap<String, String>,
    pub runner: BTreeMap<String, String>,
    pub env: BTreeMap<String, String>,
    pub workspace: PathBuf,
    pub temp: PathBuf,
}

impl Runner {
    /// Runs every step; stops at the first that fails, as a runner does.
    pub fn run(&self, action: &Action) -> RunResult {
        let mut inputs = action.input_defaults.clone();
        let mut result = RunResult::default();
        let mut step_outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        // Defaults may themselves be expressions (`${{ github.token }}`).
        for value in inputs.values_mut() {
            *value = self.evaluate_template(value, &BTreeMap::new(), &BTreeMap::new());
        }
        inputs.extend(self.inputs.clone());

        for (index, step) in action.steps.iter().enumerate() {
            if let Some(condition) = &step.condition {
                if !self.evaluate_condition(condition, &inputs, &step_outputs) {
                    continue;
                }
            }
            assert_eq!(
                step.shell, "bash",
                "step {:?} must say `shell: bash`",
                step.name
            );
            result.ran.push(step.name.clone());
            let script = self.temp.join(format!("step-{index}.sh"));
            fs::write(&script, &step.run).expect("write step script");
            let output_file = self.temp.join(format!("step-{index}.output"));
            fs::write(&output_file, "").expect("create GITHUB_OUTPUT");
            let mut command = Command::new("bash");
            command
                .args(["--noprofile", "--norc", "-eo", "pipefail"])
                .arg(&script)
                .current_dir(&self.workspace)
                .env_clear()
                .envs(&self.env)
                .env("GITHUB_OUTPUT", &output_file);
            for (name, value) in &step.env {
                command.env(name, self.evaluate_template(value, &inputs, &step_outputs));
            }
            let output = command.output().expect("run bash");
            result
                .stdout
                .push_str(&String::from_utf8_lossy(&output.stdout));
            result
                .stderr
                .push_str(&String::from_utf8_lossy(&output.stderr));
            let written = parse_output_file(&fs::read_to_string(&output_file).unwrap_or_default());
            if let Some(id) = &step.id {
                step_outputs.insert(id.clone(), written);
            }
            if !output.status.success() {
                result.failed = Some(output.status.code().unwrap_or(-1));
                break;
            }
        }
        result.outputs = action
            .outputs
            .iter()
            .map(|(name, value)| {
                (
                    name.clone(),
                    self.evaluate_template(value, &inputs, &step_outputs),
                )
            })
            .collect();
        result
    }

    fn evaluate_template(
        &self,
        template: &str,
        inputs: &BTreeMap<String, String>,
        steps: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("closed expression") + start;
            out.push_str(&self.lookup(rest[start + 3..end].trim(), inputs, steps));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// `a == 'x' || b != ''`: the only conditions action.yml uses.
    fn evaluate_condition(
        &self,
        condition: &str,
        inputs: &BTreeMap<String, String>,
        steps: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> bool {
        condition.split("||").any(|term| {
            let (left, right, equal) = match term.split_once("!=") {
                Some((left, right)) => (left, right, false),
                None => {
                    let (left, right) = term.split_once("==").expect("a comparison");
                    (left, right, true)
                }
            };
            let value = self.lookup(left.trim(), inputs, steps);
            let literal = right.trim().trim_matches('\'');
            (value == literal) == equal
        })
    }

    fn lookup(
        &self,
        path: &str,
        inputs: &BTreeMap<String, String>,
        steps: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> String {
        let parts: Vec<&str> = path.split('.').collect();
        let found = match parts.as_slice() {
            ["inputs", name] => inputs.get(*name),
            ["github", name] => self.github.get(*name),
            ["runner", name] => self.runner.get(*name),
            ["steps", id, "outputs", name] => steps.get(*id).and_then(|o| o.get(*name)),
            _ => panic!("the test runner does not know the expression {path:?}"),
        };
        found.cloned().unwrap_or_default()
    }
}

/// `name=value` lines and `name<<DELIMITER` blocks.
fn parse_output_file(text: &str) -> BTreeMap<String, String> {
    let mut outputs = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            outputs.insert(name.to_string(), value.join("\n"));
        } else if let Some((name, value)) = line.split_once('=') {
            outputs.insert(name.to_string(), value.to_string());
        }
    }
    outputs
}
