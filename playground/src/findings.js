// The list of findings beside the editor.

import { renderInline } from "./markdown.js";

export function renderFindings(list, findings, { jump, docs }) {
  if (findings.length === 0) {
    const empty = document.createElement("li");
    empty.className = "no-findings";
    empty.textContent = "No findings.";
    list.replaceChildren(empty);
    return;
  }
  list.replaceChildren(...findings.map((finding) => item(finding, jump, docs)));
}

function item(finding, jump, docs) {
  const li = document.createElement("li");
  li.className = `finding severity-${finding.severity}`;
  li.dataset.rule = finding.rule;

  const go = document.createElement("button");
  go.type = "button";
  go.className = "finding-jump";
  go.title = "Go to the finding";
  go.append(
    span("finding-severity", finding.severity),
    span("finding-rule", finding.rule),
    span("finding-location", `${finding.file}:${finding.line}:${finding.column}`),
    span("finding-message", renderInline(finding.message)),
  );
  if (finding.help) go.append(span("finding-help", renderInline(finding.help)));
  go.addEventListener("click", () => jump(finding));

  const explain = document.createElement("button");
  explain.type = "button";
  explain.className = "finding-docs";
  explain.textContent = "Docs";
  explain.setAttribute("aria-label", `Documentation of ${finding.rule}`);
  explain.addEventListener("click", () => docs(finding.rule));

  const body = document.createElement("div");
  body.className = "finding-body";
  body.append(go, ...finding.related.map((place) => related(place, jump)));
  li.append(body, explain);
  return li;
}

/** Another place the finding points at (the first of two duplicates, a stage copied from). */
function related(place, jump) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "finding-related";
  button.title = "Go to the related place";
  button.append(span("finding-location", `${place.file}:${place.line}:${place.column}`), ` ${place.message}`);
  button.addEventListener("click", () => jump(place));
  return button;
}

function span(className, content) {
  const node = document.createElement("span");
  node.className = className;
  node.append(content);
  return node;
}
