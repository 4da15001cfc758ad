//! Finds the files to check and reads them into memory.

use crate::error::{CliError, Result};
use ballast_policy::{FileKind, SourceFile};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

/// The files to check, sorted by path, and what is worth telling the user about them.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<SourceFile>,
    pub warnings: Vec<String>,
}

/// Collects the files under `paths`: directories are walked (respecting `.gitignore`, including
/// hidden folders such as `.github`, never `.git`); a file named explicitly is checked as a
/// Dockerfile whatever its name.
///
/// A walked directory is a workspace: build files (Dockerfiles, Compose files, workflows,
/// `.dockerignore`, scripts and Makefiles) and other small text files come with their contents;
/// large or binary files come as a path alone, so rules still know which paths exist (a build
/// context, a file a workflow names).
pub fn collect<P: AsRef<Path>>(paths: &[P]) -> Result<Collected> {
    let mut collected = Collected::default();
    // Keyed by the reported path: sorts the files and drops a file reached twice.
    let mut found: BTreeMap<String, (&Path, Option<FileKind>, bool)> = BTreeMap::new();
    let mut walked = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let metadata = fs::metadata(path).map_err(|err| io_error(path, &err))?;
        if metadata.is_dir() {
            walked.extend(walk(path, &mut collected.warnings)?);
        } else {
            found.insert(display_path(path), (path, Some(FileKind::Dockerfile), true));
        }
    }
    for (path, read) in &walked {
        // A file also named explicitly keeps its forced kind.
        found
            .entry(display_path(path))
            .or_insert((path.as_path(), None, *read));
    }
    for (display, (path, kind, read)) in found {
        let named = kind.is_some()
            || FileKind::detect(&display).is_some()
            || ballast_policy::workspace::kind_from_path(&display).is_some();
        let contents = if named {
            read_text(path, &display, &mut collected.warnings)?
        } else if read {
            // Not a build file by name: binary or unreadable means not ours.
            fs::read(path)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default()
        } else {
            String::new()
        };
        collected.files.push(SourceFile {
            path: display,
            contents,
            kind,
        });
    }
    Ok(collected)
}

/// Every file under a directory, with whether ballast reads its contents.
fn walk(root: &Path, warnings: &mut Vec<String>) -> Result<Vec<(std::path::PathBuf, bool)>> {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        // .gitignore applies even outside a Git checkout (an unpacked archive, a fresh copy).
        .require_git(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // A bad line in an ignore file: the rest of it still applies.
            Err(err) if err.is_partial() => {
                warnings.push(err.to_string());
                continue;
            }
            Err(err) => return Err(CliError::new(err.to_string())),
        };
        let is_file = entry
            .file_type()
            .is_some_and(|kind| kind.is_file() || (kind.is_symlink() && entry.path().is_file()));
        if is_file {
            let read = worth_reading(entry.path());
            files.push((entry.into_path(), read));
        }
    }
    Ok(files)
}

/// Whether a walked file's contents are read: build files by name always, and any other file up
/// to a size, as text, since scripts and Makefiles are known by their contents, a Compose file can
/// include any YAML file, and `orphan-dockerfile` counts a mention in any file (a README, a deploy
/// script) as a use.
fn worth_reading(path: &Path) -> bool {
    const SMALL: u64 = 256 * 1024;
    let shown = display_path(path);
    FileKind::detect(&shown).is_some()
        || ballast_policy::workspace::kind_from_path(&shown).is_some()
        || fs::metadata(path).is_ok_and(|m| m.len() <= SMALL)
}

/// Reads a file as UTF-8. BuildKit reads bytes, so a file in another encoding is still checked,
/// with its invalid bytes replaced and a warning.
fn read_text(path: &Path, display: &str, warnings: &mut Vec<String>) -> Result<String> {
    let bytes = fs::read(path).map_err(|err| io_error(path, &err))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            warnings.push(format!(
                "{display}: not valid UTF-8; invalid bytes were replaced with U+FFFD"
            ));
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        }
    })
}

fn io_error(path: &Path, err: &io::Error) -> CliError {
    let reason = match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    };
    CliError::new(format!("{}: {reason}", path.display()))
}

/// A path as reported: relative as given, with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    };
    let mut rest = text.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    if rest.is_empty() {
        ".".to_string()
    } else {
        rest.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_drop_leading_dot_slash() {
        assert_eq!(display_path(Path::new("./Dockerfile")), "Dockerfile");
        assert_eq!(
            display_path(Path::new(".//a/./Dockerfile")),
            "a/./Dockerfile"
        );
        assert_eq!(
            display_path(Path::new("examples/Dockerfile")),
            "examples/Dockerfile"
        );
        assert_eq!(
            display_path(Path::new("../x/Dockerfile")),
            "../x/Dockerfile"
        );
        assert_eq!(display_path(Path::new("./")), ".");
    }
}
