// The WebAssembly engine and the native command line give byte-identical reports for every
// fixture and every corpus file. The CLI pretty-prints its JSON and the engine returns it compact
// (serde_json::to_string): the CLI's output is compacted before the comparison, which keeps key
// order, escapes and numbers as they are.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT, SHARED, loadNodeEngine } from "../support/paths.mjs";

const engine = loadNodeEngine();

const SOURCES = [
  join(ROOT, "crates", "policy", "tests", "fixtures"),
  join(ROOT, "tests", "fixtures"),
  join(SHARED, "corpus", "dockerfiles"),
];

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** The CLI: BALLAST_CLI when set, else this workspace's, built now. */
function buildCli() {
  if (process.env.BALLAST_CLI) return process.env.BALLAST_CLI;
  execFileSync("cargo", ["build", "--locked", "--quiet", "-p", "ballast"], { cwd: ROOT, stdio: "inherit" });
  return join(ROOT, "target", "debug", "ballast");
}

/**
 * The wasm report for one file, or null when the engine does not read it as a Dockerfile: the
 * CLI checks any file named on its command line as a Dockerfile, so only those compare one to one.
 */
function wasmReport(path, contents) {
  const json = engine.check([{ path, contents }], null);
  return JSON.parse(json).files[0]?.kind === "dockerfile" ? json : null;
}

function cliReport(cli, path) {
  const args = ["check", "--no-config", "--format", "json", path];
  const run = spawnSync(cli, args, { cwd: ROOT, encoding: "utf8" });
  // 0: no findings, 1: findings. Anything else is the command failing.
  assert.ok(run.status === 0 || run.status === 1, `ballast ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return JSON.stringify(JSON.parse(run.stdout));
}

test("the corpus is there", { skip: existsSync(SHARED) ? false : `no ${SHARED}` }, () => {
  assert.ok(filesUnder(join(SHARED, "corpus", "dockerfiles")).length > 0);
});

test("wasm and the CLI report the same for every fixture and corpus file", async (t) => {
  const cli = buildCli();
  let compared = 0;
  for (const file of SOURCES.flatMap(filesUnder)) {
    const path = relative(ROOT, file);
    const wasm = wasmReport(path, readFileSync(file, "utf8"));
    if (wasm === null) continue;
    compared++;
    await t.test(path, () => assert.equal(wasm, cliReport(cli, path)));
  }
  t.diagnostic(`${compared} files compared`);
  if (existsSync(SHARED)) assert.ok(compared > 0, "compared at least one file");
});
