// End to end: the built playground (dist/playground) served over HTTP, driven in headless Chromium.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLES } from "../../playground/src/examples.js";
import { isConfig } from "../../playground/src/files.js";
import { ROOT, loadNodeEngine } from "../support/paths.mjs";
import { serveStatic } from "../support/static-server.mjs";
import { launchBrowser } from "../support/browser.mjs";

const SCREENSHOT = join(ROOT, "target", "playground-screenshot.png");
const engine = loadNodeEngine();
let server;
let browser;

before(async () => {
  server = await serveStatic(join(ROOT, "dist", "playground"));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the playground; fails the test on any script error in the page. */
async function open(t, url = server.url) {
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`${message.text()} (${message.location().url})`);
  });
  t.after(async () => {
    await page.close();
    assert.deepEqual(problems, [], "no errors in the page");
  });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

function example(id) {
  return EXAMPLES.find((candidate) => candidate.id === id);
}

/** What the engine reports for an example's files, as the list shows it. */
function expectedFindings({ files }) {
  const checked = files.filter((file) => !isConfig(file.path));
  return JSON.parse(engine.check(checked, null)).findings.map((finding) => ({
    rule: finding.rule,
    location: `${finding.file}:${finding.line}:${finding.column}`,
  }));
}

function shownFindings(page) {
  return page.$$eval("#findings li.finding", (items) =>
    items.map((item) => ({
      rule: item.dataset.rule,
      location: item.querySelector(".finding-location").textContent,
    })),
  );
}

function tabNames(page) {
  return page.$$eval("#tabs [role=tab]", (tabs) => tabs.map((tab) => tab.textContent));
}

function editorText(page) {
  return page.$$eval(".cm-content .cm-line", (lines) => lines.map((line) => line.textContent).join("\n"));
}

/** Clicks Share and waits for the link (encoding is asynchronous). */
async function shareLink(page) {
  await page.click("#share");
  await page.waitForSelector("#share-bar:not([hidden])");
  return page.inputValue("#share-link");
}

async function checks(page) {
  return Number(await page.getAttribute("#timing", "data-checks"));
}

/** Runs `action` and waits until the page has re-checked after it. */
async function afterRecheck(page, action) {
  const before = await checks(page);
  await action();
  await page.waitForFunction(
    (count) => Number(document.getElementById("timing").dataset.checks) > count,
    before,
  );
}

test("every example shows exactly the findings the engine reports", async (t) => {
  const page = await open(t);
  for (const { id, files } of EXAMPLES) {
    await page.selectOption("#examples", id);
    assert.deepEqual(await tabNames(page), files.map((file) => file.path), id);
    assert.deepEqual(await shownFindings(page), expectedFindings(example(id)), id);
  }
});

test("each example shows the rule it is about", async (t) => {
  const known = new Set(JSON.parse(engine.rules()).map((rule) => rule.name));
  const page = await open(t);
  for (const { id, shows } of EXAMPLES) {
    await page.selectOption("#examples", id);
    const rules = (await shownFindings(page)).map((finding) => finding.rule);
    for (const rule of shows) {
      if (known.has(rule)) assert.ok(rules.includes(rule), `${id} shows ${rule}: ${rules.join(", ")}`);
      else t.diagnostic(`${id}: no rule ${rule} in this build yet`);
    }
  }
});

test("a broken Dockerfile is underlined, explained, and clean once fixed", async (t) => {
  const page = await open(t);
  await page.selectOption("#examples", "syntax-error");
  const finding = page.locator('#findings li[data-rule="syntax-error"]').first();
  await finding.waitFor();

  assert.ok(await page.locator(".cm-content .cm-lintRange-error").count(), "underlined in the text");
  await page.locator(".cm-content .cm-lintRange-error").first().hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await tooltip.waitFor();
  assert.match(await tooltip.textContent(), /Docs: syntax-error/);

  await finding.locator(".finding-docs").click();
  assert.match(await page.textContent("#docs-title"), /syntax-error/);
  assert.match(await page.textContent("#docs-body"), /Why is this bad\?/);

  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await afterRecheck(page, () => page.keyboard.type("EOF\n"));
  await page.locator('#findings li[data-rule="syntax-error"]').waitFor({ state: "detached" });
});

test("clicking a finding moves the cursor to its line", async (t) => {
  const page = await open(t);
  await page.selectOption("#examples", "syntax-error");
  const first = expectedFindings(example("syntax-error"))[0];
  await page.locator("#findings .finding-jump").first().click();
  const line = Number(first.location.split(":").at(-2));
  const activeLine = await page.textContent(".cm-activeLineGutter");
  assert.equal(Number(activeLine), line);
});

test("files can be added, renamed and removed from the keyboard", async (t) => {
  const page = await open(t);
  await page.selectOption("#examples", "tag-generator");
  await page.selectOption("#add-file", { label: "compose.yaml" });
  // A new file opens its name for editing.
  await page.keyboard.type("compose/app.yaml");
  await page.keyboard.press("Enter");
  assert.deepEqual(await tabNames(page), ["tag-generator/Dockerfile.tag-generator", "compose/app.yaml"]);

  await page.focus("#tab-1");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute("#tab-0", "aria-selected"), "true");
  await page.keyboard.press("F2");
  await page.keyboard.type("Dockerfile");
  await page.keyboard.press("Enter");
  assert.deepEqual(await tabNames(page), ["Dockerfile", "compose/app.yaml"]);
  assert.match((await shownFindings(page)).map((f) => f.location).join(" "), /^(Dockerfile:|$)/);

  await page.focus("#tab-1");
  await page.keyboard.press("Delete");
  assert.deepEqual(await tabNames(page), ["Dockerfile"]);
});

test(".ballast.yaml configures the check, and its mistakes are shown at their place", async (t) => {
  const page = await open(t);
  await page.selectOption("#examples", "syntax-error");
  const rules = async () => (await shownFindings(page)).map((finding) => finding.rule);
  assert.ok((await rules()).includes("syntax-error"));

  await page.selectOption("#add-file", { label: ".ballast.yaml" });
  await page.keyboard.press("Enter");
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await afterRecheck(page, () => page.keyboard.insertText("ignore: [syntax-error]\n"));
  assert.ok(!(await rules()).includes("syntax-error"), "ignored by the configuration");

  await page.keyboard.press("Control+A");
  await afterRecheck(page, () => page.keyboard.insertText("ignore: [no-such-rule]\n"));
  assert.ok(await page.isVisible("#error"));
  assert.match(await page.textContent("#error"), /^\.ballast\.yaml:1:10: .*no-such-rule/);
});

test("a share link restores every file exactly", async (t) => {
  const page = await open(t);
  await page.selectOption("#examples", "missing-dockerfile");
  await page.click("#tab-1");
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await afterRecheck(page, () => page.keyboard.type("# edited: ünïcode ✓\n"));
  const names = await tabNames(page);
  const texts = [];
  for (let index = 0; index < names.length; index++) {
    await page.click(`#tab-${index}`);
    texts.push(await editorText(page));
  }
  await page.click("#tab-1");
  const link = await shareLink(page);
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);

  const restored = await open(t, link);
  assert.deepEqual(await tabNames(restored), names);
  assert.equal(await restored.getAttribute("#tab-1", "aria-selected"), "true", "same file open");
  for (let index = 0; index < names.length; index++) {
    await restored.click(`#tab-${index}`);
    assert.equal(await editorText(restored), texts[index], names[index]);
  }
  await restored.click("#tab-1");
  assert.equal(await shareLink(restored), link, "the same state gives the same link");
});

test("a 200-line Dockerfile re-checks as you type and shows how long it took", async (t) => {
  const page = await open(t);
  const lines = ["FROM python:3.13-slim AS base", "WORKDIR /app"];
  for (let i = 0; lines.length < 199; i++) {
    lines.push(
      i % 2
        ? `COPY src/module_${i}.py /app/src/`
        : `RUN pip install --no-cache-dir package-${i}==1.${i}.0 && echo "step ${i}" > /tmp/step-${i}`,
    );
  }
  lines.push('CMD ["python", "-m", "app"]');
  await page.selectOption("#examples", "syntax-error");
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await afterRecheck(page, () => page.keyboard.insertText(lines.join("\n") + "\n"));
  await page.keyboard.press("Control+End");
  assert.equal(await page.textContent(".cm-activeLineGutter"), "201", "200 lines and a last empty one");

  // Each keystroke re-checks and shows the time taken. The figure is reported, not asserted
  // (timing belongs in benchmarks; the target of 5 ms is tracked there and in the notes).
  const times = [];
  for (let i = 0; i < 20; i++) {
    await afterRecheck(page, () => page.keyboard.type("#"));
    times.push(Number(await page.getAttribute("#timing", "data-ms")));
  }
  const best = Math.min(...times);
  t.diagnostic(`200 lines: best ${best} ms, all ${times.join(", ")}`);
  assert.ok(times.every((ms) => Number.isFinite(ms) && ms >= 0), `timings shown: ${times.join(", ")}`);
});

test("the seed tag-generator Dockerfile: check time and screenshot", async (t) => {
  const page = await open(t);
  await page.selectOption("#examples", "tag-generator");
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  const times = [];
  for (let i = 0; i < 10; i++) {
    await afterRecheck(page, () => page.keyboard.type(" "));
    times.push(Number(await page.getAttribute("#timing", "data-ms")));
  }
  times.sort((a, b) => a - b);
  t.diagnostic(`tag-generator: median ${times[5]} ms, best ${times[0]} ms`);

  await page.selectOption("#examples", "tag-generator");
  const docs = page.locator("#findings .finding-docs").first();
  if (await docs.count()) await docs.click();
  mkdirSync(join(ROOT, "target"), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  t.diagnostic(`screenshot: ${SCREENSHOT}`);
});
