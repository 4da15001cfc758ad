//! The lines changed since a base revision, from `git diff`.

use crate::changes::{parse_unified_diff, ChangedLines};
use crate::error::{CliError, Result};
use std::process::Command;

/// Lines changed on this branch since it left `base` (`git diff <base>...HEAD`), with paths
/// relative to the current directory as ballast reports them.
pub fn changed_since(base: &str) -> Result<ChangedLines> {
    if base.starts_with('-') {
        return Err(CliError::new(format!("--base: `{base}` is not a revision")));
    }
    let output = Command::new("git")
        .args([
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--relative",
            &format!("{base}...HEAD"),
            "--",
        ])
        .output()
        .map_err(|err| CliError::new(format!("cannot run git: {err}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(CliError::new(format!(
            "git diff {base}...HEAD failed: {}",
            stderr.trim()
        )));
    }
    Ok(parse_unified_diff(&String::from_utf8_lossy(&output.stdout)))
}
