//! Files a check writes besides its report: the job summary and a new baseline. They are
//! written before anything is printed, so a failure leaves no report behind.

use crate::error::{CliError, Result};
use std::io::Write;
use std::path::Path;

pub fn write_baseline(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text)
        .map_err(|err| CliError::new(format!("--write-baseline {}: {err}", path.display())))
}

/// Appends to a summary file, creating it: `$GITHUB_STEP_SUMMARY` collects every step's.
pub fn append_summary(path: &Path, text: &str) -> Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|err| CliError::new(format!("summary {}: {err}", path.display())))
}
