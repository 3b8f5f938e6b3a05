// The review page (service/http/routes/ui.py): a queue of articles, their spans and events
// corrected with the keyboard or the mouse, saved as annotations; export and retrain.
// Plain ES modules, nothing built: api.js (state, calls), render.js (the text and its spans),
// text.js (editing them: keyboard, mouse, toolbars),
// events.js (the events table), work.js (extract, open, save), queue.js (queue, saved list,
// export, retrain).

import { $, ANNOTATOR_KEY, TOKEN_KEY, hooks, popUndo, say, state } from "./api.js";
import { renderTable, spansChanged, wireEvents } from "./events.js";
import { done, listSaved, wireQueue } from "./queue.js";
import { render } from "./render.js";
import { buildLabels, closeBars, wireText } from "./text.js";
import { save, wireWork } from "./work.js";

function undo() {
  if (!popUndo()) {
    say("review-status", "Nothing to undo.");
    return;
  }
  closeBars();
  render();
  renderTable();
  say("review-status", "Undone.", "ok");
}

function typing(target) {
  return target.closest("input, textarea, select") !== null;
}

function wire() {
  hooks.spansChanged = () => { render(); spansChanged(); };
  wireText();
  wireEvents();
  wireWork();
  wireQueue();
  $("undo-button").addEventListener("click", undo);
  document.addEventListener("keydown", (event) => {
    const key = event.key.toLowerCase();
    if (event.key === "Escape") closeBars();
    if (!(event.ctrlKey || event.metaKey)) return;
    if (key === "z" && !typing(event.target)) {
      event.preventDefault();
      undo();
    } else if (key === "s" && !$("save-button").disabled) {
      event.preventDefault();
      save();
    } else if (event.key === "Enter") {
      event.preventDefault();
      done();
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (!state.dirty) return;
    event.preventDefault();
    event.returnValue = ""; // the browser asks "Leave site? Changes you made may not be saved."
  });
  for (const [id, store, key] of [["token", sessionStorage, TOKEN_KEY], ["annotator", localStorage, ANNOTATOR_KEY]]) {
    const field = $(id);
    field.value = store.getItem(key) || "";
    field.addEventListener("input", () => store.setItem(key, field.value));
  }
  if ($("token").value) listSaved();
}

async function start() {
  wire();
  try {
    const response = await fetch("/ui/config.json");
    const config = await response.json();
    state.labels = config.labels;
    state.colors = config.colors;
    state.eventTypes = config.event_types;
    buildLabels();
  } catch (error) {
    say("extract-status", `Could not load the labels: ${error.message}`, "error");
  }
  document.body.dataset.ready = "true";
}

start();
