//! What a command produced, held in memory until it is complete.

use crate::error::CliError;
use std::io::{self, Write};
use std::process::ExitCode;

/// The exit status of `ballast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing at or above `--fail-on` was found.
    Success = 0,
    /// Something at or above `--fail-on` was found.
    Findings = 1,
    /// A usage or I/O error.
    Failure = 2,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: Status,
}

impl Output {
    pub fn success(stdout: String) -> Self {
        Self {
            stdout,
            stderr: String::new(),
            status: Status::Success,
        }
    }

    /// Writes stderr then stdout, each in one piece, and returns the exit code.
    pub fn write(&self) -> ExitCode {
        let stderr_ok = write_all(io::stderr().lock(), &self.stderr);
        let stdout_ok = write_all(io::stdout().lock(), &self.stdout);
        if stderr_ok && stdout_ok {
            ExitCode::from(self.status as u8)
        } else {
            ExitCode::from(Status::Failure as u8)
        }
    }
}

/// A closed pipe (`ballast check | head`) is not worth an error message; any other write error is
/// still a failed run.
fn write_all(mut out: impl Write, text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(err) => err.kind() == io::ErrorKind::BrokenPipe,
    }
}

impl From<CliError> for Output {
    fn from(err: CliError) -> Self {
        Self {
            stdout: String::new(),
            stderr: format!("error: {err}\n"),
            status: Status::Failure,
        }
    }
}
