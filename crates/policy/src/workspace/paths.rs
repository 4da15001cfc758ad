//! Workspace paths: always relative, `/`-separated and cleaned like Go's `filepath.Clean`.

/// Cleans a path lexically: no `.` elements, `..` resolved where possible, no doubled or
/// trailing `/`. The empty path is `.`; a leading `/` is kept.
pub fn clean(path: &str) -> String {
    if is_clean(path) {
        return path.to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                // `/..` is `/`; a relative path keeps leading `..`s.
                _ if rooted => {}
                _ => parts.push(".."),
            },
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Most paths are clean already: no empty, `.` or `..` element.
fn is_clean(path: &str) -> bool {
    let relative = path.strip_prefix('/').unwrap_or(path);
    !relative.is_empty()
        && relative
            .split('/')
            .all(|part| !matches!(part, "" | "." | ".."))
}

/// A workspace path for what a file names: `./x` and `x/` become `x`, `\` is read as `/`.
pub fn normalize(path: &str) -> String {
    let path = path.trim();
    if path.contains('\\') {
        clean(&path.replace('\\', "/"))
    } else {
        clean(path)
    }
}

/// `rel` resolved against directory `dir` (an absolute `rel` is taken as is).
pub fn join(dir: &str, rel: &str) -> String {
    if rel.starts_with('/') || dir == "." || dir.is_empty() {
        clean(rel)
    } else {
        clean(&format!("{dir}/{rel}"))
    }
}

/// The directory part of a path (`.` for a top-level file).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(i) => &path[..i],
        None => ".",
    }
}

/// The last element of a path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `path` relative to directory `dir`, when it lies inside it.
pub fn strip_dir<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    if dir == "." {
        return Some(path);
    }
    if path == dir {
        return Some(".");
    }
    path.strip_prefix(dir)?.strip_prefix('/')
}

/// Whether a path leaves the workspace or depends on something unknown (a URL, an expression
/// or a variable that could not be resolved): then nothing can be said about its existence.
pub fn is_checkable(path: &str) -> bool {
    !(path.is_empty()
        || path.starts_with("..")
        || path.starts_with('/')
        || path.contains("://")
        || path.starts_with("git@")
        || path.contains("${{")
        || path.contains('$'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_like_go() {
        assert_eq!(clean("./backend/"), "backend");
        assert_eq!(clean("a//b/./c/.."), "a/b");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("../x"), "../x");
        assert_eq!(clean("/../x"), "/x");
        assert_eq!(clean("a/../.."), "..");
    }

    #[test]
    fn joins_and_splits() {
        assert_eq!(join("compose", "../news-creator"), "news-creator");
        assert_eq!(join(".", "./backend/Dockerfile"), "backend/Dockerfile");
        assert_eq!(parent("backend/Dockerfile"), "backend");
        assert_eq!(parent("Dockerfile"), ".");
        assert_eq!(file_name("a/b/Dockerfile.dev"), "Dockerfile.dev");
        assert_eq!(strip_dir("backend/src/x.py", "backend"), Some("src/x.py"));
        assert_eq!(strip_dir("backendx/y", "backend"), None);
        assert_eq!(strip_dir("y", "."), Some("y"));
    }
}
