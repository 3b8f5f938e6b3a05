// One article at a time: extract it, open a stored one, save it (asking before an overwrite).

import { $, ask, call, errorText, guard, post, say, state } from "./api.js";
import { codedToSave, recompute, rejectedToSave, rowsFromCoded, setRows } from "./events.js";
import { render, setText, sortSpans } from "./render.js";
import { closeBars } from "./text.js";

// --- extract -----------------------------------------------------------------------------------

export async function extract({ asked = false } = {}) {
  const text = $("article-text").value;
  if (!text.trim()) {
    say("extract-status", "Paste an article first.", "error");
    return false;
  }
  if (!asked && !(await guard("Extracting again"))) return false;
  const body = { text };
  const published = $("published").value.trim();
  if (published && published !== state.autoPublished) body.published = published;
  say("extract-status", "Extracting…");
  $("extract-button").disabled = true;
  const result = await post("/extract", body);
  $("extract-button").disabled = false;
  if (!result.ok) {
    const problems = (result.data && result.data.problems) || [];
    say("extract-status", [errorText(result), ...problems.slice(0, 5)].join(" "), "error");
    return false;
  }
  const extraction = result.data;
  begin(text, extraction.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, score: s.score })));
  fillIn("published", "autoPublished", extraction.published || "");
  fillIn("article-id", "autoId", `ui-${fnv1a(state.chars)}`);
  state.published = extraction.published;
  state.stored = null;
  versionsShown([]);
  setRows([], "");
  await recompute(); // the same events as /extract's, with their coded rows
  say("extract-status", `${state.spans.length} span(s), ${extraction.events.length} event(s); model ${extraction.model.version}.`, "ok");
  return true;
}

// A fresh article on the page: its text and spans, nothing to undo, nothing unsaved.
function begin(text, spans) {
  $("article-text").value = text;
  setText(text);
  state.spans = spans;
  sortSpans();
  state.undo = [];
  state.dirty = false;
  $("undo-button").disabled = true;
  $("save-events").checked = false;
  closeBars();
  render();
  $("save-button").disabled = false;
  say("save-status", "");
  say("review-status", "");
  showProblems([]);
}

// Fill a field the user left empty (or that holds what the page filled in for the last
// article), so a new article never inherits the previous one's id or date.
function fillIn(id, key, value) {
  const field = $(id);
  const current = field.value.trim();
  if (current && current !== state[key]) return;
  field.value = value;
  state[key] = value || null;
}

function fnv1a(chars) {
  let hash = 0x811c9dc5;
  for (const char of chars) {
    hash ^= char.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

// --- open a stored annotation ------------------------------------------------------------------

function versionsShown(list) {
  const select = $("version-select");
  select.disabled = !list.length;
  select.replaceChildren(...(list.length ? list : [null]).map((v) => {
    const option = document.createElement("option");
    option.value = v ? String(v.version) : "";
    option.textContent = v
      ? `v${v.version}${v.current ? " (current)" : ""} · ${v.saved_by || "?"} · ${v.stored_at.replace("T", " ").slice(0, 19)}`
      : "(not stored yet)";
    return option;
  }));
}

export async function openStored(id, { asked = false, version = null } = {}) {
  if (!asked && !(await guard(`Opening “${id}”`))) return false;
  const result = await call("GET", `/annotations/${encodeURIComponent(id)}/versions`);
  if (!result.ok) {
    say("extract-status", `Could not open “${id}”: ${errorText(result)}`, "error");
    return false;
  }
  const list = result.data.versions;
  const chosen = list.find((v) => v.version === version) || list[0];
  loadDocument(chosen.document);
  state.stored = { id, version: list[0].version };
  versionsShown(list);
  $("version-select").value = String(chosen.version);
  const by = chosen.saved_by ? ` by ${chosen.saved_by}` : "";
  say("extract-status", `Opened “${id}” version ${chosen.version}${chosen.current ? "" : " (a previous one: save to make it current)"}, saved${by} at ${chosen.stored_at}.`, "ok");
  return true;
}

function loadDocument(doc) {
  begin(doc.text, doc.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, score: null })));
  $("article-id").value = doc.id;
  $("published").value = (doc.meta && doc.meta.published) || "";
  state.autoId = null;
  state.autoPublished = null;
  state.published = (doc.meta && doc.meta.published) || null;
  if (doc.events) {
    setRows(rowsFromCoded(doc.events), "The events saved with it; “Recompute from the spans” makes them again.");
    $("events-recompute").hidden = false;
    $("save-events").checked = true;
  } else {
    setRows([], "");
    recompute();
  }
}

// --- save --------------------------------------------------------------------------------------

function showProblems(problems) {
  $("problems").replaceChildren(...(problems || []).map((problem) => {
    const item = document.createElement("li");
    item.textContent = problem;
    return item;
  }));
}

function documentToSave() {
  const published = $("published").value.trim();
  const meta = published ? { published } : {};
  const doc = {
    id: $("article-id").value.trim(),
    text: state.text,
    spans: state.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: state.chars.slice(s.start, s.end).join("") })),
    meta,
  };
  if ($("save-events").checked) {
    doc.events = codedToSave();
    const rejected = rejectedToSave();
    if (rejected.length) meta.events_marked_wrong = rejected;
  }
  return doc;
}

// Save; ask before replacing a stored annotation the page did not open. True when saved.
export async function save() {
  showProblems([]);
  const doc = documentToSave();
  if (!doc.id) {
    say("save-status", "Not saved: give the article an id.", "error");
    return false;
  }
  const ours = Boolean(state.stored && state.stored.id === doc.id);
  say("save-status", "Saving…");
  let result = await post(`/annotations?replace=${ours}`, [doc]);
  if (result.status === 409) {
    const stored = await call("GET", `/annotations/${encodeURIComponent(doc.id)}/versions`);
    const current = stored.ok ? stored.data.versions[0] : null;
    const about = current
      ? ` (version ${current.version}, ${current.document.spans.length} span(s), saved by ${current.saved_by || "?"} at ${current.stored_at})`
      : "";
    const replace = await ask(`An annotation “${doc.id}” is already stored${about}. Replace it with yours (${doc.spans.length} span(s))? The stored one stays as a previous version.`, "Replace it");
    if (!replace) {
      say("save-status", `Not saved: “${doc.id}” is already stored. Change the id, or open it to work on it.`, "error");
      return false;
    }
    result = await post("/annotations?replace=true", [doc]);
  }
  if (!result.ok) {
    say("save-status", `Not saved: ${errorText(result)}`, "error");
    showProblems(result.data && result.data.problems);
    return false;
  }
  state.dirty = false;
  const events = doc.events ? ` and ${doc.events.length} event(s)` : "";
  say("save-status", `Saved “${doc.id}” with ${doc.spans.length} span(s)${events}; the store holds ${result.data.total} document(s).`, "ok");
  const list = await call("GET", `/annotations/${encodeURIComponent(doc.id)}/versions`);
  if (list.ok) {
    state.stored = { id: doc.id, version: list.data.versions[0].version };
    versionsShown(list.data.versions);
  } else {
    state.stored = { id: doc.id, version: null };
  }
  return true;
}

export function wireWork() {
  $("extract-button").addEventListener("click", () => extract());
  $("save-button").addEventListener("click", save);
  $("version-select").addEventListener("change", () => {
    const version = Number($("version-select").value);
    if (state.stored && version) openStored(state.stored.id, { version });
  });
  $("article-text").addEventListener("input", () => {
    if (!state.text) return;
    $("save-button").disabled = $("article-text").value !== state.text;
    if ($("save-button").disabled) say("save-status", "The text changed: extract again before saving.", "error");
  });
}
