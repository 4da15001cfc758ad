// Where the tests find the repository, the built engine and the shared corpus.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The shared folder beside the repository (CI clones the repository next to it). */
export const SHARED = process.env.BALLAST_SHARED_DIR ?? join(ROOT, "..", "shared");

export const NODE_BINDINGS = join(ROOT, "target", "wasm-bindgen", "nodejs", "ballast.js");

/** The engine built by scripts/build-wasm for Node (`--target nodejs`). */
export function loadNodeEngine() {
  if (!existsSync(NODE_BINDINGS)) {
    throw new Error(`${NODE_BINDINGS} is missing: run scripts/build-wasm first`);
  }
  return createRequire(import.meta.url)(NODE_BINDINGS);
}
