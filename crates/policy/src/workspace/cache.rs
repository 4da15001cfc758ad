//! BuildKit cache specifications (`--cache-from` / `--cache-to`, `cache-from:` / `cache-to:`).

/// `type=gha,scope=api,mode=max`, read as its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheSpec {
    pub attributes: Vec<(String, String)>,
}

impl CacheSpec {
    /// A bare reference (`user/app:cache`) is shorthand for `type=registry,ref=...`.
    pub fn parse(text: &str) -> Self {
        let text = text.trim().trim_matches(['"', '\'']);
        if !text.contains('=') {
            return Self {
                attributes: vec![
                    ("type".to_string(), "registry".to_string()),
                    ("ref".to_string(), text.to_string()),
                ],
            };
        }
        let attributes = text
            .split(',')
            .filter_map(|part| {
                let (key, value) = part.split_once('=')?;
                Some((key.trim().to_ascii_lowercase(), value.trim().to_string()))
            })
            .collect();
        Self { attributes }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The GitHub Actions cache backend.
    pub fn is_gha(&self) -> bool {
        self.get("type") == Some("gha")
    }

    /// The gha cache scope; BuildKit's default is `buildkit`.
    pub fn scope(&self) -> &str {
        self.get("scope").unwrap_or("buildkit")
    }

    /// Exported layers: `min` (the default) keeps only the final stage's.
    pub fn mode(&self) -> &str {
        self.get("mode").unwrap_or("min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes_and_defaults() {
        let spec = CacheSpec::parse("type=gha,scope=backend,mode=max");
        assert!(spec.is_gha());
        assert_eq!((spec.scope(), spec.mode()), ("backend", "max"));
        let spec = CacheSpec::parse("type=gha");
        assert_eq!((spec.scope(), spec.mode()), ("buildkit", "min"));
        let spec = CacheSpec::parse("user/app:buildcache");
        assert_eq!(spec.get("type"), Some("registry"));
        assert!(!spec.is_gha());
    }
}
