//! `.dockerignore` as Docker applies it (moby/patternmatcher and its `ignorefile` reader).
//!
//! - one pattern a line; lines starting with `#` are comments; surrounding spaces are trimmed;
//! - a leading `!` makes an exception; patterns are cleaned (`filepath.Clean`) and a leading
//!   `/` is dropped, so every pattern is relative to the build context;
//! - `*` and `?` do not cross `/`, `**` crosses any number of directories, `[...]` is a class;
//! - a pattern also matches everything below a directory it matches;
//! - the last pattern that matches a path decides.

mod glob;

use crate::span::Span;
use crate::workspace::paths;
use glob::Glob;

#[derive(Debug, Clone)]
pub struct Dockerignore {
    pub patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    /// The cleaned pattern, without `!`.
    pub text: String,
    /// `!pattern`: re-includes what earlier patterns excluded.
    pub exception: bool,
    /// The line as written.
    pub span: Span,
    glob: Glob,
}

impl Dockerignore {
    pub fn parse(source: &str) -> Self {
        let mut patterns = Vec::new();
        let mut offset = 0;
        for raw in source.split_inclusive('\n') {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            // Docker only strips a BOM from the first line.
            let line = if start == 0 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            if line.starts_with('#') {
                continue;
            }
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            // `trimmed` is a slice of `raw`: its distance from the start is its column.
            let lead = trimmed.as_ptr() as usize - raw.as_ptr() as usize;
            let span = Span::new(start + lead, start + lead + trimmed.len());
            let (exception, body) = match trimmed.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, trimmed),
            };
            let mut text = paths::clean(body);
            if text.len() > 1 && text.starts_with('/') {
                text.remove(0);
            }
            patterns.push(Pattern {
                glob: Glob::new(&text),
                text,
                exception,
                span,
            });
        }
        Self { patterns }
    }

    /// Whether the file or directory at `path` (relative to the context) is left out.
    pub fn is_excluded(&self, path: &str) -> bool {
        self.deciding_pattern(path).is_some_and(|p| !p.exception)
    }

    /// The last pattern that matches `path` or one of its parent directories (it decides).
    pub fn deciding_pattern(&self, path: &str) -> Option<&Pattern> {
        let path = paths::clean(path);
        let path = path.trim_start_matches('/');
        let parents: Vec<&str> = path.match_indices('/').map(|(i, _)| &path[..i]).collect();
        let mut decided = None;
        let mut excluded = false;
        for pattern in &self.patterns {
            // As Docker: an exclusion cannot change an excluded path, an exception only acts on one.
            if pattern.exception != excluded {
                continue;
            }
            let matches =
                pattern.glob.matches(path) || parents.iter().any(|dir| pattern.glob.matches(dir));
            if matches {
                excluded = !pattern.exception;
                decided = Some(pattern);
            }
        }
        decided
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluded(ignore: &str, path: &str) -> bool {
        Dockerignore::parse(ignore).is_excluded(path)
    }

    /// The examples of the Dockerfile reference's `.dockerignore` section.
    #[test]
    fn docker_documentation_examples() {
        let ignore = "# comment\n*/temp*\n*/*/temp*\ntemp?\n";
        assert!(excluded(ignore, "somedir/temporary.txt"));
        assert!(excluded(ignore, "somedir/temp"));
        assert!(excluded(ignore, "somedir/subdir/temporary.txt"));
        assert!(excluded(ignore, "tempa"));
        assert!(!excluded(ignore, "temp"));
        assert!(!excluded(ignore, "temporary.txt"));
        assert!(!excluded(ignore, "a/b/c/temp.txt"));
        assert!(!excluded(ignore, "# comment"));

        assert!(excluded("**/*.go", "a/b/c.go"));
        assert!(excluded("**/*.go", "c.go"));

        let ignore = "*.md\n!README.md\n";
        assert!(excluded(ignore, "CHANGELOG.md"));
        assert!(!excluded(ignore, "README.md"));

        // The last line that matches decides.
        let ignore = "*.md\n!README*.md\nREADME-secret.md\n";
        assert!(excluded(ignore, "README-secret.md"));
        assert!(!excluded(ignore, "README-public.md"));
        let ignore = "*.md\nREADME-secret.md\n!README*.md\n";
        assert!(!excluded(ignore, "README-secret.md"));
    }

    #[test]
    fn directories_exclude_what_they_hold() {
        assert!(excluded("node_modules/", "node_modules/react/index.js"));
        assert!(excluded("node_modules", "node_modules"));
        assert!(!excluded("node_modules", "web/node_modules/x.js"));
        assert!(excluded("**/node_modules", "web/node_modules/x.js"));
        assert!(excluded(".git", ".git/HEAD"));
        assert!(excluded("target/**", "target/debug/app"));
        assert!(excluded("a/**/b", "a/b"));
        assert!(excluded("a/**/b", "a/x/y/b/z"));
    }

    #[test]
    fn patterns_are_cleaned_and_rooted_at_the_context() {
        assert!(excluded("/secret.txt", "secret.txt"));
        assert!(excluded("./build/../dist", "dist/app.js"));
        assert!(excluded("  .env*  ", ".env.local"));
        assert!(excluded("\u{feff}.env", ".env"));
        assert!(!excluded(".env*", "config/.env"));
        assert!(excluded("[a-c]at", "bat"));
        assert!(!excluded("[^a-c]at", "bat"));
        assert!(excluded("\\*star", "*star"));
        assert!(!excluded("\\*star", "xstar"));
    }

    #[test]
    fn exceptions_reinclude_until_excluded_again() {
        let ignore = "*\n!src\n!package.json\n";
        assert!(excluded(ignore, "secrets.txt"));
        assert!(!excluded(ignore, "src/main.ts"));
        assert!(!excluded(ignore, "package.json"));
        let pattern = Dockerignore::parse(ignore);
        assert_eq!(
            pattern.deciding_pattern("src/a").map(|p| p.text.as_str()),
            Some("src")
        );
    }

    #[test]
    fn pattern_spans_point_at_the_line() {
        let source = "# c\n\n  node_modules  \n!keep\n";
        let ignore = Dockerignore::parse(source);
        let spans: Vec<&str> = ignore
            .patterns
            .iter()
            .map(|p| &source[p.span.start..p.span.end])
            .collect();
        assert_eq!(spans, ["node_modules", "!keep"]);
    }
}
