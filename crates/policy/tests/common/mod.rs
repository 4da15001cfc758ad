//! Test helpers shared by the integration tests.

use ballast_policy::SourceFile;
use std::fs;
use std::path::{Path, PathBuf};

/// The `shared/` data folder next to the repository (`../../../shared` from this crate). A git
/// worktree sits one level deeper, so the nearest ancestor holding `shared/` is used.
#[allow(dead_code)] // not every test crate reads shared/
pub fn shared_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(2)
        .map(|dir| dir.join("shared"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| manifest.join("../../../shared"))
}

/// A directory tree as source files, with `/`-separated paths relative to its root, sorted.
#[allow(dead_code)] // not every test crate loads trees
pub fn load_tree(root: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push(SourceFile::new(
                    relative,
                    fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
