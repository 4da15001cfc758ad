// The file tabs: a tablist that can be driven from the keyboard (arrows, Home/End, F2 to rename,
// Delete to remove), with an inline field for renaming.

export function createTabs(list, { select, rename, remove, isTaken }) {
  let paths = [];
  let active = 0;

  function render(newPaths, newActive) {
    paths = newPaths;
    active = newActive;
    list.replaceChildren(...paths.map((path, index) => tab(path, index)));
  }

  function tab(path, index) {
    const button = document.createElement("button");
    button.type = "button";
    button.role = "tab";
    button.className = "tab";
    button.id = `tab-${index}`;
    button.textContent = path;
    button.title = `${path} (F2 renames, Delete removes)`;
    button.setAttribute("aria-selected", String(index === active));
    button.setAttribute("aria-controls", "editor");
    button.tabIndex = index === active ? 0 : -1;
    button.addEventListener("click", () => select(index));
    button.addEventListener("dblclick", () => startRename(index));
    button.addEventListener("keydown", (event) => onKey(event, index));
    return button;
  }

  function onKey(event, index) {
    const moves = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: paths.length - 1 };
    if (event.key in moves) {
      const target = (moves[event.key] + paths.length) % paths.length;
      select(target);
      list.querySelector(`#tab-${target}`)?.focus();
    } else if (event.key === "F2") {
      startRename(index);
    } else if (event.key === "Delete") {
      remove(index);
      list.querySelector('[aria-selected="true"]')?.focus();
    } else {
      return;
    }
    event.preventDefault();
  }

  function startRename(index) {
    const button = list.querySelector(`#tab-${index}`);
    if (!button) return;
    const input = document.createElement("input");
    input.className = "tab-rename";
    input.value = paths[index];
    input.setAttribute("aria-label", `New name for ${paths[index]}`);
    input.size = Math.max(12, paths[index].length + 2);
    let done = false;
    const finish = (commit) => {
      if (done) return;
      done = true;
      const path = input.value.trim();
      if (commit && path && path !== paths[index] && !isTaken(path, index)) {
        rename(index, path);
      } else {
        render(paths, active);
      }
      list.querySelector(`#tab-${index}`)?.focus();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") finish(true);
      else if (event.key === "Escape") finish(false);
      else return;
      event.preventDefault();
    });
    input.addEventListener("input", () => {
      const path = input.value.trim();
      input.setCustomValidity(!path ? "A file needs a name." : isTaken(path, index) ? "That name is taken." : "");
      input.reportValidity();
    });
    input.addEventListener("blur", () => finish(true));
    button.replaceWith(input);
    input.focus();
    input.select();
  }

  return { render, startRename };
}
