//! Test helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The `shared/` data folder next to the repository (`../../../shared` from this crate). A git
/// worktree sits one level deeper, so the nearest ancestor holding `shared/` is used.
pub fn shared_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(2)
        .map(|dir| dir.join("shared"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| manifest.join("../../../shared"))
}
