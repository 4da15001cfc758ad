//! The structured error every entry point returns instead of throwing into JavaScript.

use serde::Serialize;

/// What went wrong, and where when the error is about a place in a file.
///
/// Serialized inside an envelope: `{"error": {"message": ..., "file"?: ..., "line"?: ..., "column"?: ...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl ApiError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            file: None,
            line: None,
            column: None,
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: &'a ApiError,
}

/// The JSON text an entry point returns: the value itself, or `{"error": ...}`.
pub fn respond<T: Serialize>(result: Result<T, ApiError>) -> String {
    match result {
        Ok(value) => serde_json::to_string(&value).unwrap_or_else(|err| {
            error_json(&ApiError::new(format!(
                "cannot serialize the result: {err}"
            )))
        }),
        Err(error) => error_json(&error),
    }
}

fn error_json(error: &ApiError) -> String {
    serde_json::to_string(&Envelope { error })
        .unwrap_or_else(|_| r#"{"error":{"message":"cannot serialize the error"}}"#.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_wrapped_in_an_envelope_without_absent_fields() {
        let json = respond::<()>(Err(ApiError::new("bad")));
        assert_eq!(json, r#"{"error":{"message":"bad"}}"#);
    }

    #[test]
    fn located_errors_carry_file_line_and_column() {
        let error = ApiError::new("bad").in_file(".ballast.yaml").at(3, 7);
        let json = respond::<()>(Err(error));
        assert_eq!(
            json,
            r#"{"error":{"message":"bad","file":".ballast.yaml","line":3,"column":7}}"#
        );
    }

    #[test]
    fn values_are_serialized_as_they_are() {
        assert_eq!(respond(Ok(vec![1, 2])), "[1,2]");
    }
}
