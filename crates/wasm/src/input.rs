//! The files to check, as JavaScript passes them: `[{"path": ..., "contents": ...}, ...]`.

use crate::error::ApiError;
use ballast_policy::SourceFile;
use serde_json::Value;

const EXPECTED: &str = "files must be an array of {path, contents} objects";

/// Reads the JSON text of the `files` argument into source files.
pub fn source_files(files_json: &str) -> Result<Vec<SourceFile>, ApiError> {
    let value: Value = serde_json::from_str(files_json)
        .map_err(|err| ApiError::new(format!("{EXPECTED}: {err}")))?;
    let Value::Array(items) = value else {
        return Err(ApiError::new(EXPECTED));
    };
    let mut files: Vec<SourceFile> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let file = source_file(index, item)?;
        if let Some(first) = files.iter().position(|seen| seen.path == file.path) {
            return Err(ApiError::new(format!(
                "files[{index}] has the same path as files[{first}]: {}",
                file.path
            ))
            .in_file(file.path));
        }
        files.push(file);
    }
    Ok(files)
}

fn source_file(index: usize, item: &Value) -> Result<SourceFile, ApiError> {
    if !item.is_object() {
        return Err(ApiError::new(format!("files[{index}]: {EXPECTED}")));
    }
    let text = |field: &str| {
        item.get(field)
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::new(format!("files[{index}].{field} must be a string")))
    };
    Ok(SourceFile::new(text("path")?, text("contents")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(json: &str) -> String {
        source_files(json).expect_err("should be rejected").message
    }

    #[test]
    fn reads_every_file_in_order() {
        let files = source_files(
            r#"[{"path":"Dockerfile","contents":"FROM a\n"},{"path":"b/Dockerfile","contents":""}]"#,
        )
        .expect("valid input");
        let paths: Vec<_> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["Dockerfile", "b/Dockerfile"]);
        assert_eq!(files[0].contents, "FROM a\n");
        assert_eq!(files[0].kind, None, "the kind is detected from the path");
    }

    #[test]
    fn rejects_what_is_not_an_array() {
        assert_eq!(error_of(r#"{"path":"Dockerfile"}"#), EXPECTED);
        assert!(error_of("not json").starts_with(EXPECTED));
    }

    #[test]
    fn names_the_field_that_is_missing_or_not_text() {
        assert_eq!(
            error_of(r#"[{"path":"Dockerfile"}]"#),
            "files[0].contents must be a string"
        );
        assert_eq!(
            error_of(r#"[{"path":"a","contents":""},{"path":3,"contents":""}]"#),
            "files[1].path must be a string"
        );
        assert_eq!(error_of("[1]"), format!("files[0]: {EXPECTED}"));
    }

    #[test]
    fn rejects_two_files_with_the_same_path() {
        let error = source_files(
            r#"[{"path":"Dockerfile","contents":""},{"path":"Dockerfile","contents":""}]"#,
        )
        .expect_err("duplicate");
        assert_eq!(error.file.as_deref(), Some("Dockerfile"));
        assert!(error.message.contains("files[1]"), "{}", error.message);
    }
}
