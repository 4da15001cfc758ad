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

/** Fixture folders checked as whole repositories (Compose files, workflows, .dockerignore ...). */
function workspaceFixtures() {
  const root = join(ROOT, "crates", "policy", "tests", "fixtures");
  const dirs = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const dir = join(root, entry.name);
    if (entry.name.startsWith("seed-repo")) {
      dirs.push(dir);
      continue;
    }
    for (const child of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      dirs.push(join(dir, child.name));
    }
  }
  return dirs.sort();
}

test("wasm and the CLI report the same for every repository-shaped fixture", async (t) => {
  const cli = buildCli();
  const dirs = workspaceFixtures();
  for (const dir of dirs) {
    await t.test(relative(ROOT, dir), () => {
      const files = filesUnder(dir).map((file) => ({
        path: relative(dir, file).split("\\").join("/"),
        contents: readFileSync(file, "utf8"),
      }));
      const run = spawnSync(cli, ["check", "--no-config", "--format", "json", "."], { cwd: dir, encoding: "utf8" });
      assert.ok(run.status === 0 || run.status === 1, `ballast exited ${run.status}: ${run.stderr}`);
      const report = JSON.parse(engine.check(files, null));
      assert.ok(report.files.length > 0, "the engine read the fixture's build files");
      assert.equal(JSON.stringify(report), JSON.stringify(JSON.parse(run.stdout)));
    });
  }
  t.diagnostic(`${dirs.length} repositories compared`);
  assert.ok(dirs.length > 0);
});
