// The code editor (CodeMirror 6): one editor state per file, findings shown as lint diagnostics.

import { EditorState, Compartment } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { StreamLanguage, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { isDockerfile } from "./files.js";
import { renderInline } from "./markdown.js";

const dockerfileLanguage = StreamLanguage.define(dockerFile);

function languageFor(path) {
  if (isDockerfile(path)) return dockerfileLanguage;
  if (/\.ya?ml$/i.test(path)) return yaml();
  return [];
}

function labelFor(path) {
  return EditorView.contentAttributes.of({ "aria-label": `Contents of ${path}` });
}

/** Creates the editor view; `onChange` is called after each edit of the shown file. */
export function createEditor(parent, onChange) {
  const language = new Compartment();
  const label = new Compartment();
  const view = new EditorView({ parent });

  const extensions = (path) => [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    // No Tab binding: Tab keeps moving the focus, so the page stays keyboard accessible.
    keymap.of([...defaultKeymap, ...historyKeymap]),
    syntaxHighlighting(defaultHighlightStyle),
    language.of(languageFor(path)),
    lintGutter(),
    label.of(labelFor(path)),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange();
    }),
  ];

  return {
    view,
    newState: (path, contents) => EditorState.create({ doc: contents, extensions: extensions(path) }),
    /** What the editor shows when no file is open. */
    emptyState: () =>
      EditorState.create({
        doc: "No file is open: add one.",
        extensions: [EditorView.editable.of(false), EditorState.readOnly.of(true)],
      }),
    /** The state with its language and label switched to the file's new name. */
    renamed(state, path) {
      const effects = [language.reconfigure(languageFor(path)), label.reconfigure(labelFor(path))];
      return state.update({ effects }).state;
    },
    show(state) {
      view.setState(state);
    },
    showDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** A lint diagnostic for a finding: underlined, with message and help on hover. */
    diagnostic(doc, finding, openDocs) {
      const from = offsetAt(doc, finding.line, finding.column);
      const to = Math.max(from, offsetAt(doc, finding.end_line, finding.end_column));
      return {
        from,
        to,
        severity: finding.severity,
        source: `${finding.code} ${finding.rule}`,
        message: finding.message,
        renderMessage: () => findingTooltip(finding),
        actions: [{ name: `Docs: ${finding.rule}`, apply: openDocs }],
      };
    },
    jumpTo(line, column) {
      const at = offsetAt(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}

function findingTooltip(finding) {
  const box = document.createElement("div");
  box.className = "finding-tooltip";
  const message = document.createElement("p");
  message.className = "finding-message";
  message.append(renderInline(finding.message));
  box.append(message);
  if (finding.help) {
    const help = document.createElement("p");
    help.className = "finding-help";
    help.append(renderInline(finding.help));
    box.append(help);
  }
  return box;
}

/** The document offset of a 1-based line and column (columns count characters). */
export function offsetAt(doc, line, column) {
  if (line > doc.lines) return doc.length;
  const { from, text } = doc.line(Math.max(1, line));
  let index = 0;
  for (let remaining = column - 1; remaining > 0; remaining--) {
    if (index >= text.length) return Math.min(from + index + remaining, doc.length);
    index += text.codePointAt(index) > 0xffff ? 2 : 1;
  }
  return from + index;
}
