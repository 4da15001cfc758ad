// dist/ is built output that is committed: after scripts/build-wasm it must be unchanged.
// scripts/test runs the build before the tests, so this compares a fresh build with the commit.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { ROOT } from "../support/paths.mjs";

const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
const lines = (text) => text.split("\n").filter(Boolean);

test("dist/ matches a fresh build byte for byte", () => {
  const changed = lines(git("diff", "--name-only", "HEAD", "--", "dist"));
  const added = lines(git("ls-files", "--others", "--exclude-standard", "--", "dist"));
  const toolchainChanged = changed.includes("dist/toolchain.txt");
  const hint = toolchainChanged
    ? `the compiler differs from the one dist/ was built with:\n${git("diff", "HEAD", "--", "dist/toolchain.txt")}`
    : "run scripts/build-wasm and commit dist/";
  assert.deepEqual([...changed, ...added], [], `dist/ differs from a fresh build; ${hint}`);
});
