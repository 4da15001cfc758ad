use crate::engine::Diagnostics;
use crate::workspace::WorkspaceContext;

declare_rule! {
    /// ## What it does
    /// Reports a Compose service whose `image:` has no tag or uses `:latest`.
    ///
    /// ## Why is this bad?
    /// `latest` is whatever the registry serves today: two machines, or the same machine a week
    /// apart, run different images, and a pull can break a stack that did not change. A tag
    /// (or a digest) makes the stack reproducible and its updates reviewable.
    ///
    /// Services that also have `build:` are not reported: there `image:` names what is built.
    ///
    /// ## Example
    /// ```yaml compose.yaml
    /// services:
    ///   volume-init:
    ///     image: alpine
    ///     command: chown -R 1000:1000 /models
    /// ```
    ///
    /// Use instead:
    /// ```yaml compose.yaml
    /// services:
    ///   volume-init:
    ///     image: alpine:3.21
    ///     command: chown -R 1000:1000 /models
    /// ```
    ///
    /// ## References
    /// - [Compose services: image](https://docs.docker.com/reference/compose-file/services/#image)
    /// - Seed `000_4342dac09d359873.txt`: the init container moved to `alpine:3.21`.
    pub static RULE = {
        code: "BL3002",
        name: "unpinned-image",
        severity: Warning,
        tags: ["compose", "reproducibility"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    for file in &ctx.compose {
        for service in &file.services {
            let (Some(image), None) = (&service.image, &service.build) else {
                continue;
            };
            let Some(reference) = image.value.as_deref() else {
                continue;
            };
            let Some(problem) = unpinned(reference) else {
                continue;
            };
            diagnostics
                .report_in(
                    &RULE,
                    ctx.display_path(&file.path),
                    image.span,
                    format!("service `{}` uses `{reference}`, {problem}", service.name),
                )
                .help("pin a version tag (`alpine:3.21`) or a digest (`@sha256:...`)");
        }
    }
}

/// Why an image reference is not pinned, if it is not.
fn unpinned(reference: &str) -> Option<&'static str> {
    if reference.is_empty() || reference.contains('@') {
        return None;
    }
    // A tag follows the last `:` after the last `/` (a registry port comes before a `/`).
    let name = reference.rsplit('/').next().unwrap_or(reference);
    match name.split_once(':') {
        None => Some("which has no tag and means `latest`"),
        Some((_, "latest")) => Some("which changes whenever the image is republished"),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::unpinned;

    #[test]
    fn tags_digests_and_registry_ports() {
        assert!(unpinned("alpine").is_some());
        assert!(unpinned("alpine:latest").is_some());
        assert!(unpinned("localhost:5000/app").is_some());
        assert!(unpinned("localhost:5000/app:1.2").is_none());
        assert!(unpinned("alpine:3.21").is_none());
        assert!(unpinned("alpine@sha256:abc").is_none());
    }
}
