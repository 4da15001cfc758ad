//! Keeps the message of a panic, which under `panic = "abort"` cannot be caught, so that the
//! JavaScript side can report it after the instance traps.

use std::sync::Mutex;

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Installs a panic hook that records the panic's message.
pub fn keep_on_panic() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
}

/// The recorded message, cleared.
pub fn take() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut last| last.take())
}
