//! `${{ matrix.x }}` and `${{ env.X }}` replaced where their values are known; any other
//! expression is left as written (paths holding one are then not checked).

use super::{Job, Step, Workflow};

pub struct Expander<'a> {
    matrix: &'a [(String, String)],
    /// Workflow, then job, then step env: later entries win.
    env: Vec<&'a (String, String)>,
}

impl<'a> Expander<'a> {
    pub fn new(
        workflow: &'a Workflow,
        job: &'a Job,
        step: &'a Step,
        matrix: &'a [(String, String)],
    ) -> Self {
        let env = workflow
            .env
            .iter()
            .chain(&job.env)
            .chain(&step.env)
            .collect();
        Self { matrix, env }
    }

    /// The value of an `env` variable in scope of the step.
    pub fn env_value(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn expand(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find("${{") {
            let Some(close) = rest[open..].find("}}") else {
                break;
            };
            out.push_str(&rest[..open]);
            let whole = &rest[open..open + close + 2];
            let inner = whole[3..whole.len() - 2].trim();
            match self.lookup(inner) {
                Some(value) => out.push_str(value),
                None => out.push_str(whole),
            }
            rest = &rest[open + close + 2..];
        }
        out.push_str(rest);
        out
    }

    fn lookup(&self, expression: &str) -> Option<&str> {
        if let Some(key) = expression.strip_prefix("matrix.") {
            return self
                .matrix
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str());
        }
        let name = expression.strip_prefix("env.")?;
        let value = self.env_value(name)?;
        // A value that is itself an unknown expression stays unknown.
        (!value.contains("${{")).then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    #[test]
    fn expands_matrix_and_env_but_keeps_the_rest() {
        let source =
            "env:\n  DIR: api\njobs:\n  b:\n    env:\n      DIR: web\n    steps:\n      - run: x\n";
        let root = yaml::parse(source).root.unwrap();
        let workflow = Workflow::from_yaml("w.yml", source, &root);
        let job = &workflow.jobs[0];
        let matrix = vec![("app".to_string(), "docs".to_string())];
        let expander = Expander::new(&workflow, job, &job.steps[0], &matrix);
        assert_eq!(
            expander.expand("./${{ env.DIR }}/${{matrix.app}}"),
            "./web/docs"
        );
        assert_eq!(
            expander.expand("${{ github.sha }}-${{ matrix.nope }}"),
            "${{ github.sha }}-${{ matrix.nope }}"
        );
        assert_eq!(expander.expand("unclosed ${{ x"), "unclosed ${{ x");
    }
}
