//! What a rule sees of the file it checks.

use crate::config::Config;
use crate::dockerfile::ast::Dockerfile;
use crate::dockerfile::model::DockerfileModel;

pub struct DockerfileContext<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub ast: &'a Dockerfile,
    pub model: &'a DockerfileModel,
    pub config: &'a Config,
}

impl DockerfileContext<'_> {
    /// The source text of a span.
    pub fn text(&self, span: crate::span::Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }
}
