//! The semantic model: stages, base images, ARG scoping and expansion, COPY --from edges.

use super::ast::Dockerfile;

#[derive(Debug, Clone, Default)]
pub struct DockerfileModel {}

impl DockerfileModel {
    pub fn build(ast: &Dockerfile, source: &str) -> Self {
        let _ = (ast, source);
        Self {}
    }
}
