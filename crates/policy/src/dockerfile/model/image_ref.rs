//! Image references as Docker reads them: `[registry/]repository[:tag][@digest]`.

/// A parsed image reference. The repository keeps its path as written (`python`,
/// `astral-sh/uv`); Docker Hub's implicit `library/` prefix is not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    /// Parses a reference. Returns `None` for text that cannot be a reference (empty, spaces).
    pub fn parse(text: &str) -> Option<ImageRef> {
        if text.is_empty() || text.chars().any(char::is_whitespace) {
            return None;
        }
        let (rest, digest) = match text.split_once('@') {
            Some((rest, digest)) => (rest, Some(digest.to_string())),
            None => (text, None),
        };
        let (registry, path) = match rest.split_once('/') {
            Some((first, path)) if is_registry_host(first) => (Some(first.to_string()), path),
            _ => (None, rest),
        };
        let last_slash = path.rfind('/').map_or(0, |i| i + 1);
        let (repository, tag) = match path[last_slash..].rfind(':') {
            Some(i) => (
                &path[..last_slash + i],
                Some(path[last_slash + i + 1..].to_string()),
            ),
            None => (path, None),
        };
        if repository.is_empty() {
            return None;
        }
        Some(ImageRef {
            registry,
            repository: repository.to_string(),
            tag,
            digest,
        })
    }

    /// The last path component: `python` for `docker.io/library/python:3.12`.
    pub fn name(&self) -> &str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(&self.repository)
    }

    /// The registry, `docker.io` when none is written.
    pub fn registry_or_default(&self) -> &str {
        self.registry.as_deref().unwrap_or("docker.io")
    }

    /// Pinned to something other than `latest`: a tag or a digest.
    pub fn is_pinned(&self) -> bool {
        self.digest.is_some() || self.tag.as_deref().is_some_and(|t| t != "latest")
    }
}

/// Docker treats the first path component as a registry host when it has a dot or a port, or
/// is `localhost`.
fn is_registry_host(component: &str) -> bool {
    component.contains('.') || component.contains(':') || component == "localhost"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<String>, String, Option<String>, Option<String>) {
        let r = ImageRef::parse(text).unwrap();
        (r.registry, r.repository, r.tag, r.digest)
    }

    #[test]
    fn splits_registry_repository_tag_and_digest() {
        assert_eq!(parts("python"), (None, "python".into(), None, None));
        assert_eq!(
            parts("python:3.12-slim"),
            (None, "python".into(), Some("3.12-slim".into()), None)
        );
        assert_eq!(
            parts("localhost:5000/team/app:1.0@sha256:abc"),
            (
                Some("localhost:5000".into()),
                "team/app".into(),
                Some("1.0".into()),
                Some("sha256:abc".into())
            )
        );
        assert_eq!(
            parts("ghcr.io/astral-sh/uv:0.5.14"),
            (
                Some("ghcr.io".into()),
                "astral-sh/uv".into(),
                Some("0.5.14".into()),
                None
            )
        );
        assert_eq!(parts("team/app"), (None, "team/app".into(), None, None));
    }

    #[test]
    fn pinned_means_a_tag_other_than_latest_or_a_digest() {
        assert!(!ImageRef::parse("alpine").unwrap().is_pinned());
        assert!(!ImageRef::parse("alpine:latest").unwrap().is_pinned());
        assert!(ImageRef::parse("alpine:3.21").unwrap().is_pinned());
        assert!(ImageRef::parse("alpine@sha256:00").unwrap().is_pinned());
        assert_eq!(
            ImageRef::parse("gcr.io/distroless/static").unwrap().name(),
            "static"
        );
    }

    #[test]
    fn rejects_what_cannot_be_a_reference() {
        assert_eq!(ImageRef::parse(""), None);
        assert_eq!(ImageRef::parse("a b"), None);
        assert_eq!(ImageRef::parse(":tag"), None);
    }
}
