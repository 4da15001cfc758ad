//! Small helpers shared by workspace rules.

use crate::workspace::{paths, WorkspaceContext};

/// The Dockerfiles beside a missing one, as "only `a` exists there" or "`a`, `b` exist there".
pub fn nearby_dockerfiles(ctx: &WorkspaceContext, missing: &str) -> Option<String> {
    let found = ctx.dockerfiles_in(paths::parent(missing));
    let listed = found
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match found.len() {
        0 => None,
        1 => Some(format!("only {listed} exists there")),
        _ => Some(format!("{listed} exist there")),
    }
}

/// Whether an image build's Dockerfile name marks it as a development one:
/// `Dockerfile.dev`, `dev.Dockerfile`, `app.dev.Dockerfile`, `Dockerfile.development`.
pub fn is_dev_dockerfile(path: &str) -> bool {
    let name = paths::file_name(path).to_ascii_lowercase();
    name.split(['.', '-', '_'])
        .any(|part| part == "dev" || part == "development")
}

/// A stage or target name meant for development.
pub fn is_dev_stage(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "dev" | "development" | "develop"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_dockerfile_names() {
        for name in [
            "backend/Dockerfile.dev",
            "dev.Dockerfile",
            "api.dev.Dockerfile",
            "Dockerfile.development",
            "Dockerfile-dev",
        ] {
            assert!(is_dev_dockerfile(name), "{name}");
        }
        for name in [
            "Dockerfile",
            "Dockerfile.devtools",
            "devops/Dockerfile",
            "Dockerfile.prod",
        ] {
            assert!(!is_dev_dockerfile(name), "{name}");
        }
    }
}
