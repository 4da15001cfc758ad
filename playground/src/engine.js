// The policy engine, compiled to WebAssembly. Every call returns a plain object: the value, or
// `{ error: { message, file?, line?, column? } }`. Nothing here throws.

import init, * as wasm from "ballast-wasm";

const wasmUrl = new URL("./ballast_bg.wasm", import.meta.url);

let ready = null;

/** Loads (or reloads, after a trap) the WebAssembly module. */
function load() {
  ready = init({ module_or_path: wasmUrl });
  return ready;
}

/**
 * Runs one engine call. A panic aborts the instance ("unreachable"): report its message as an
 * error and start a fresh instance for the next call.
 */
function call(run) {
  try {
    return JSON.parse(run());
  } catch (thrown) {
    let message = String(thrown);
    try {
      message = wasm.take_panic_message() ?? message;
    } catch {
      // The instance is unusable; the message we have will do.
    }
    load();
    return { error: { message: `internal error: ${message}` } };
  }
}

export async function loadEngine() {
  await (ready ?? load());
  return {
    check: (files, config) => call(() => wasm.check(files, config ?? null)),
    rules: () => call(() => wasm.rules()),
    explain: (rule) => call(() => wasm.explain(rule)),
  };
}
