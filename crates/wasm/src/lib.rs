//! ballast's policy engine for JavaScript (the browser playground and Node).
//!
//! Every entry point returns a JSON string and never throws:
//!
//! - `check(files, config)`: `files` is an array of `{path, contents}` objects, `config` the text
//!   of a `.ballast.yaml` or `null`; returns the report, the same object as
//!   `ballast check --format json` prints, compact (`serde_json::to_string`) where the CLI
//!   pretty-prints it.
//! - `rules()`: the metadata of every rule, in code order.
//! - `explain(rule)`: one rule's metadata and Markdown documentation, by code, name or alias.
//!
//! Bad input, including a `.ballast.yaml` mistake (located at its line and column), gives
//! `{"error": {"message", "file"?, "line"?, "column"?}}`. A bug that panics aborts the
//! WebAssembly instance (the build uses `panic = "abort"`); the panic message is then kept for
//! `take_panic_message()`, so a wrapper can report it and start a fresh instance.

pub mod api;
pub mod config;
pub mod error;
pub mod input;
mod panic_message;
pub mod rule_info;

use error::{respond, ApiError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// Checks files; see the crate documentation.
#[wasm_bindgen]
pub fn check(files: JsValue, config: JsValue) -> String {
    respond(files_json(&files).and_then(|files| {
        let config = optional_text(&config, "config")?;
        api::check(&files, config.as_deref())
    }))
}

/// The metadata of every rule, as a JSON array.
#[wasm_bindgen]
pub fn rules() -> String {
    respond(Ok(api::rules()))
}

/// One rule's metadata and documentation, as a JSON object.
#[wasm_bindgen]
pub fn explain(rule: JsValue) -> String {
    respond(
        rule.as_string()
            .ok_or_else(|| ApiError::new("rule must be a rule's code, name or alias"))
            .and_then(|name| api::explain(&name)),
    )
}

/// The message of the panic that aborted this instance, if one did (and only once).
#[wasm_bindgen]
pub fn take_panic_message() -> Option<String> {
    panic_message::take()
}

#[wasm_bindgen(start)]
fn start() {
    panic_message::keep_on_panic();
}

fn files_json(files: &JsValue) -> Result<String, ApiError> {
    json_stringify(files)
        .ok()
        .and_then(|json| json.as_string())
        .ok_or_else(|| ApiError::new("files must be an array of {path, contents} objects"))
}

fn optional_text(value: &JsValue, name: &str) -> Result<Option<String>, ApiError> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| ApiError::new(format!("{name} must be text or null")))
}
