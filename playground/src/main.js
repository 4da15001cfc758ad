// The playground: files in tabs, checked by the WebAssembly engine as you type.

import { loadEngine } from "./engine.js";
import { createEditor } from "./editor.js";
import { EXAMPLES, NEW_FILES } from "./examples.js";
import { isConfig, uniquePath } from "./files.js";
import { renderMarkdown } from "./markdown.js";
import { decodeState, encodeState } from "./share.js";
import { createTabs } from "./tabs.js";
import { renderFindings } from "./findings.js";

const CHECK_DELAY_MS = 120;
const $ = (id) => document.getElementById(id);

const engine = await loadEngine();
const editor = createEditor($("editor"), scheduleCheck);

/** The open files: `{ path, state }`, `state` being the file's editor state. */
let files = [];
let active = 0;
let findings = [];
let checkTimer = 0;

const tabs = createTabs($("tabs"), {
  select: (index) => selectFile(index),
  rename: (index, path) => renameFile(index, path),
  remove: (index) => removeFile(index),
  isTaken: (path, index) => files.some((file, i) => i !== index && file.path === path),
});

function currentFile() {
  return files[active];
}

function syncActiveState() {
  if (files[active]) files[active].state = editor.view.state;
}

function openFiles(list, activePath) {
  files = list.map(({ path, contents }) => ({ path, state: editor.newState(path, contents) }));
  active = Math.max(0, files.findIndex((file) => file.path === activePath));
  showActive();
  runCheck();
}

function showActive() {
  tabs.render(files.map((file) => file.path), active);
  $("remove-file").disabled = files.length === 0;
  $("rename-file").disabled = files.length === 0;
  if (files.length === 0) {
    editor.show(editor.emptyState());
    return;
  }
  editor.show(currentFile().state);
  showDiagnostics();
}

function selectFile(index) {
  syncActiveState();
  active = index;
  showActive();
}

function addFile(template) {
  syncActiveState();
  const path = uniquePath(template.path, files.map((file) => file.path));
  files.push({ path, state: editor.newState(path, template.contents) });
  active = files.length - 1;
  showActive();
  tabs.startRename(active);
  runCheck();
}

function renameFile(index, path) {
  syncActiveState();
  files[index] = { path, state: editor.renamed(files[index].state, path) };
  showActive();
  runCheck();
}

function removeFile(index) {
  syncActiveState();
  files.splice(index, 1);
  active = Math.min(active, files.length - 1);
  showActive();
  runCheck();
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, CHECK_DELAY_MS);
}

/** The engine's input: every file but the configuration, and the configuration's text. */
function checkInput() {
  syncActiveState();
  const texts = files.map((file) => ({ path: file.path, contents: file.state.doc.toString() }));
  const config = texts.find((file) => isConfig(file.path));
  return { files: texts.filter((file) => !isConfig(file.path)), config: config?.contents ?? null };
}

function runCheck() {
  clearTimeout(checkTimer);
  const input = checkInput();
  const started = performance.now();
  const result = engine.check(input.files, input.config);
  const elapsed = performance.now() - started;

  const timing = $("timing");
  timing.dataset.ms = elapsed.toFixed(3);
  timing.dataset.checks = String(Number(timing.dataset.checks ?? 0) + 1);
  timing.textContent = `checked ${input.files.length} file${input.files.length === 1 ? "" : "s"} in ${elapsed.toFixed(2)} ms`;

  showError(result.error);
  findings = result.error ? [] : result.findings;
  renderFindings($("findings"), findings, { jump: jumpToFinding, docs: showDocs });
  $("finding-count").textContent = String(findings.length);
  showDiagnostics();
}

function showError(error) {
  const box = $("error");
  box.hidden = !error;
  if (!error) return;
  const where = [error.file, error.line, error.column].filter((part) => part !== undefined).join(":");
  box.textContent = where ? `${where}: ${error.message}` : error.message;
}

function showDiagnostics() {
  const file = currentFile();
  if (!file) return;
  const doc = editor.view.state.doc;
  const diagnostics = findings
    .filter((finding) => finding.file === file.path)
    .map((finding) => editor.diagnostic(doc, finding, () => showDocs(finding.rule)));
  editor.showDiagnostics(diagnostics);
}

function jumpToFinding(finding) {
  const index = files.findIndex((file) => file.path === finding.file);
  if (index < 0) return;
  if (index !== active) selectFile(index);
  editor.jumpTo(finding.line, finding.column);
}

function showDocs(rule) {
  const result = engine.explain(rule);
  const panel = $("docs");
  panel.hidden = false;
  const body = $("docs-body");
  if (result.error) {
    $("docs-title").textContent = rule;
    body.replaceChildren(result.error.message);
  } else {
    $("docs-title").textContent = `${result.code} ${result.name}`;
    $("docs-meta").textContent = [result.severity, ...result.tags].join(" · ");
    body.replaceChildren(renderMarkdown(result.docs));
  }
  panel.scrollTop = 0;
  $("docs-close").focus();
}

async function share() {
  const hash = await encodeState(currentState());
  history.replaceState(null, "", hash);
  const link = $("share-link");
  link.value = location.href;
  $("share-bar").hidden = false;
  link.focus();
  link.select();
  try {
    await navigator.clipboard.writeText(location.href);
    $("share-status").textContent = "Link copied.";
  } catch {
    $("share-status").textContent = "Copy the link above.";
  }
}

function currentState() {
  syncActiveState();
  return {
    files: files.map((file) => ({ path: file.path, contents: file.state.doc.toString() })),
    active: currentFile()?.path ?? null,
  };
}

function loadExample(id) {
  const example = EXAMPLES.find((candidate) => candidate.id === id) ?? EXAMPLES[0];
  $("examples").value = example.id;
  openFiles(example.files, example.files[0].path);
}

async function restoreFromHash() {
  const state = await decodeState(location.hash);
  if (!state) return false;
  $("examples").value = "";
  openFiles(state.files, state.active);
  return true;
}

function setUpControls() {
  const examples = $("examples");
  examples.append(new Option("Your files", ""));
  examples.options[0].disabled = true;
  for (const example of EXAMPLES) examples.append(new Option(example.title, example.id));
  examples.addEventListener("change", () => loadExample(examples.value));

  const add = $("add-file");
  for (const [index, template] of NEW_FILES.entries()) add.append(new Option(template.path, String(index)));
  add.addEventListener("change", () => {
    if (add.value === "") return;
    addFile(NEW_FILES[Number(add.value)]);
    add.value = "";
  });

  $("rename-file").addEventListener("click", () => tabs.startRename(active));
  $("remove-file").addEventListener("click", () => removeFile(active));
  $("share").addEventListener("click", share);
  $("docs-close").addEventListener("click", () => {
    $("docs").hidden = true;
    editor.view.focus();
  });
  window.addEventListener("hashchange", restoreFromHash);
}

setUpControls();
if (!(await restoreFromHash())) loadExample(EXAMPLES[0].id);
document.body.dataset.ready = "true";
