// Builds the playground into dist/playground/: the bundled script, the page, the styles and the
// WebAssembly engine (from target/wasm-bindgen/web, made by scripts/build-wasm). Deterministic:
// the same sources give the same bytes.

import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = join(root, "playground");
const out = join(root, "dist", "playground");
const bindings = join(root, "target", "wasm-bindgen", "web");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: [join(source, "src", "main.js")],
  outfile: join(out, "playground.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "eof",
  alias: { "ballast-wasm": join(bindings, "ballast.js") },
  logLevel: "warning",
});

await copyFile(join(source, "index.html"), join(out, "index.html"));
await copyFile(join(source, "style.css"), join(out, "playground.css"));
await copyFile(join(bindings, "ballast_bg.wasm"), join(out, "ballast_bg.wasm"));
