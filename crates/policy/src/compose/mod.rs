//! The Compose model: services with their build, image, `extends`, and the files a Compose file
//! `include:`s. Values are interpolated with the variables that are known.

mod interpolate;

use crate::span::Span;
use crate::workspace::paths;
use crate::yaml::{YamlKind, YamlNode};

pub use interpolate::Variables;

#[derive(Debug, Clone)]
pub struct ComposeFile {
    pub path: String,
    pub services: Vec<Service>,
    /// Files this one `include:`s, as workspace paths.
    pub includes: Vec<Reference>,
}

/// A file named by another, resolved to a workspace path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub path: String,
    pub span: Span,
}

/// A scalar as written and as interpolated (`None` when a variable is unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub raw: String,
    pub value: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub name_span: Span,
    pub image: Option<Value>,
    pub build: Option<ServiceBuild>,
    pub extends: Option<Extends>,
}

#[derive(Debug, Clone)]
pub struct ServiceBuild {
    /// The `build` key.
    pub span: Span,
    /// Relative to the Compose file's directory; `.` when not given.
    pub context: Value,
    /// Relative to the context; `None` means `Dockerfile`.
    pub dockerfile: Option<Value>,
    /// `dockerfile_inline:`: there is no file to look for.
    pub inline: bool,
    pub target: Option<Value>,
    /// `(name, value)`; `None` as value passes the variable from the environment.
    pub args: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone)]
pub struct Extends {
    pub service: String,
    /// The other file, when not this one.
    pub file: Option<Reference>,
    pub span: Span,
}

impl ComposeFile {
    pub fn from_yaml(path: &str, root: &YamlNode, vars: &Variables) -> Self {
        let dir = paths::parent(path);
        let services = root
            .get("services")
            .map(|services| {
                services
                    .entries()
                    .iter()
                    .filter_map(|(name, body)| Service::from_yaml(dir, name, body, vars))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            path: path.to_string(),
            services,
            includes: includes(dir, root, vars),
        }
    }

    pub fn service(&self, name: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.name == name)
    }
}

/// `include: [a.yaml, {path: b.yaml}, {path: [c.yaml, d.yaml]}]`.
fn includes(dir: &str, root: &YamlNode, vars: &Variables) -> Vec<Reference> {
    let Some(include) = root.get("include") else {
        return Vec::new();
    };
    let mut nodes = Vec::new();
    for item in include.items() {
        match item.get("path") {
            Some(path) if path.items().is_empty() => nodes.push(path),
            Some(paths) => nodes.extend(paths.items()),
            None => nodes.push(item),
        }
    }
    nodes
        .into_iter()
        .filter_map(|node| {
            let value = vars.interpolate(node.as_str()?)?;
            Some(Reference {
                path: paths::join(dir, &value),
                span: node.span,
            })
        })
        .collect()
}

impl Service {
    fn from_yaml(dir: &str, name: &YamlNode, body: &YamlNode, vars: &Variables) -> Option<Self> {
        let value = |node: &YamlNode| {
            let raw = node.as_str()?;
            Some(Value {
                raw: raw.to_string(),
                value: vars.interpolate(raw),
                span: node.span,
            })
        };
        let build = body
            .entry("build")
            .and_then(|(key, build)| match &build.kind {
                YamlKind::Scalar(_) => Some(ServiceBuild {
                    span: key.span,
                    context: value(build)?,
                    dockerfile: None,
                    inline: false,
                    target: None,
                    args: Vec::new(),
                }),
                YamlKind::Map(_) => Some(ServiceBuild {
                    span: key.span,
                    context: build.get("context").and_then(value).unwrap_or(Value {
                        raw: ".".to_string(),
                        value: Some(".".to_string()),
                        span: key.span,
                    }),
                    dockerfile: build.get("dockerfile").and_then(value),
                    inline: build.get("dockerfile_inline").is_some(),
                    target: build.get("target").and_then(value),
                    args: build_args(build.get("args"), vars),
                }),
                _ => None,
            });
        let extends = body.entry("extends").and_then(|(key, extends)| {
            let (service, file) = match &extends.kind {
                YamlKind::Scalar(service) => (service.clone(), None),
                _ => {
                    let file = extends.get("file").and_then(|file| {
                        Some(Reference {
                            path: paths::join(dir, &vars.interpolate(file.as_str()?)?),
                            span: file.span,
                        })
                    });
                    (extends.get("service")?.as_str()?.to_string(), file)
                }
            };
            Some(Extends {
                service,
                file,
                span: key.span,
            })
        });
        Some(Self {
            name: name.as_str()?.to_string(),
            name_span: name.span,
            image: body.get("image").and_then(value),
            build,
            extends,
        })
    }
}

/// `args:` as a mapping or as a list of `NAME=value`.
fn build_args(args: Option<&YamlNode>, vars: &Variables) -> Vec<(String, Option<String>)> {
    let Some(args) = args else {
        return Vec::new();
    };
    let from_map = args.entries().iter().filter_map(|(k, v)| {
        let value = v.as_str().and_then(|v| vars.interpolate(v));
        Some((k.as_str()?.to_string(), value))
    });
    let from_list = args.items().iter().filter_map(|item| {
        let text = item.as_str()?;
        Some(match text.split_once('=') {
            Some((name, value)) => (name.to_string(), vars.interpolate(value)),
            None => (text.to_string(), None),
        })
    });
    from_map.chain(from_list).collect()
}

/// Whether a path names a Compose file by Compose's own conventions.
pub fn is_compose_file_name(path: &str) -> bool {
    let name = paths::file_name(path).to_ascii_lowercase();
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    yaml && (name.starts_with("compose.")
        || name.starts_with("docker-compose.")
        || name.starts_with("docker-compose-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn load(path: &str, source: &str) -> ComposeFile {
        let root = yaml::parse(source).root.unwrap();
        ComposeFile::from_yaml(path, &root, &Variables::from_env_file("TAG=1.2\n"))
    }

    #[test]
    fn reads_services_builds_and_includes() {
        let source = "include:\n  - compose/ai.yaml\n  - path: [x.yaml]\nservices:\n  web:\n    build: ./web\n  api:\n    build:\n      context: ../api\n      dockerfile: Dockerfile.${TAG}\n      target: prod\n      args:\n        - A=1\n    image: api:${TAG}\n  cache:\n    image: redis\n    extends:\n      file: base.yaml\n      service: redis\n";
        let file = load("deploy/compose.yaml", source);
        let paths: Vec<_> = file.includes.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["deploy/compose/ai.yaml", "deploy/x.yaml"]);
        let web = file.service("web").unwrap().build.as_ref().unwrap();
        assert_eq!(web.context.value.as_deref(), Some("./web"));
        let api = file.service("api").unwrap();
        let build = api.build.as_ref().unwrap();
        assert_eq!(
            build.dockerfile.as_ref().unwrap().value.as_deref(),
            Some("Dockerfile.1.2")
        );
        assert_eq!(build.target.as_ref().unwrap().raw, "prod");
        assert_eq!(build.args, [("A".to_string(), Some("1".to_string()))]);
        assert_eq!(
            api.image.as_ref().unwrap().value.as_deref(),
            Some("api:1.2")
        );
        let extends = file.service("cache").unwrap().extends.as_ref().unwrap();
        assert_eq!(extends.file.as_ref().unwrap().path, "deploy/base.yaml");
        assert_eq!(extends.service, "redis");
    }

    #[test]
    fn names_compose_files() {
        for name in [
            "compose.yaml",
            "a/compose.prod.yml",
            "docker-compose.yml",
            "docker-compose-dev.yaml",
        ] {
            assert!(is_compose_file_name(name), "{name}");
        }
        for name in [
            "composer.json",
            "ai.yaml",
            "compose.json",
            ".github/workflows/ci.yml",
        ] {
            assert!(!is_compose_file_name(name), "{name}");
        }
    }
}
