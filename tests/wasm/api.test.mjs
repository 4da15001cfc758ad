// The JavaScript face of crates/wasm (the Node build): every call returns JSON text, bad input
// gives a structured error, nothing throws.

import { test } from "node:test";
import assert from "node:assert/strict";
import { loadNodeEngine } from "../support/paths.mjs";

const engine = loadNodeEngine();
const call = (name, ...args) => JSON.parse(engine[name](...args));

test("check returns a report for the files it is given", () => {
  const report = call("check", [{ path: "app/Dockerfile", contents: "FROM alpine:3.21\n" }], null);
  assert.equal(report.version, 1);
  assert.ok(Array.isArray(report.findings));
  assert.deepEqual(report.files, [{ path: "app/Dockerfile", kind: "dockerfile" }]);
});

test("check accepts several files and an undefined config", () => {
  const report = call(
    "check",
    [
      { path: "a/Dockerfile", contents: "FROM alpine:3.21\n" },
      { path: "b/Dockerfile", contents: "FROM alpine:3.21\n" },
    ],
    undefined,
  );
  assert.deepEqual(
    report.files.map((file) => file.path),
    ["a/Dockerfile", "b/Dockerfile"],
  );
});

test("check reports bad files as a structured error", () => {
  const cases = [
    [undefined, "files must be an array of {path, contents} objects"],
    ["Dockerfile", "files must be an array of {path, contents} objects"],
    [[{ path: "Dockerfile" }], "files[0].contents must be a string"],
    [[{ path: 1, contents: "" }], "files[0].path must be a string"],
  ];
  for (const [files, message] of cases) {
    assert.deepEqual(call("check", files, null), { error: { message } }, JSON.stringify(files));
  }
});

test("check turns values JSON cannot hold into an error, not an exception", () => {
  const cyclic = { path: "Dockerfile", contents: "" };
  cyclic.self = cyclic;
  assert.match(call("check", [cyclic], null).error.message, /files must be an array/);
  assert.match(call("check", [{ path: "Dockerfile", contents: 1n }], null).error.message, /files/);
});

test("check rejects a config that is not text or null", () => {
  assert.deepEqual(call("check", [], 42), { error: { message: "config must be text or null" } });
});

test("check applies the configuration", () => {
  const files = [{ path: "Dockerfile", contents: "FROM alpine:3.21\nRUN <<EOF\necho open\n" }];
  const rules = (config) => call("check", files, config).findings.map((finding) => finding.rule);
  assert.ok(rules(null).includes("syntax-error"));
  assert.ok(!rules("ignore: [syntax-error]\n").includes("syntax-error"));
});

test("check reports a configuration mistake at its place in .ballast.yaml", () => {
  const { message, ...place } = call("check", [], "select: [no-such-rule]\n").error;
  assert.match(message, /no-such-rule/);
  assert.deepEqual(place, { file: ".ballast.yaml", line: 1, column: 10 });
});

test("rules lists every rule with code, name, severity and summary", () => {
  const rules = call("rules");
  assert.ok(rules.length >= 1);
  for (const rule of rules) {
    assert.match(rule.code, /^BL\d{4}$/);
    assert.match(rule.name, /^[a-z0-9-]+$/);
    assert.ok(["info", "warning", "error"].includes(rule.severity), rule.severity);
    assert.ok(rule.summary.length > 0, `${rule.name} has a summary`);
  }
  const codes = rules.map((rule) => rule.code);
  assert.deepEqual(codes, [...codes].sort(), "in code order");
});

test("explain returns every rule's documentation, by name or code", () => {
  for (const rule of call("rules")) {
    const byName = call("explain", rule.name);
    assert.equal(byName.code, rule.code);
    assert.match(byName.docs, /## What it does/);
    assert.deepEqual(call("explain", rule.code), byName);
  }
});

test("explain reports unknown rules and non-text names as errors", () => {
  assert.deepEqual(call("explain", "no-such-rule"), { error: { message: "unknown rule: no-such-rule" } });
  assert.match(call("explain", 7).error.message, /rule must be/);
  assert.match(call("explain").error.message, /rule must be/);
});

test("no panic message is pending after ordinary calls", () => {
  assert.equal(engine.take_panic_message(), undefined);
});
