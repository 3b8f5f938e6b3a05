// The review page's shared state and its calls to the API (service/http/routes/).
//
// Offsets are counted in Unicode code points, as the API counts them (Python strings): the text
// is kept as an array of code points. The write token lives in sessionStorage only.

export const TOKEN_KEY = "conflict-ie-token";
export const ANNOTATOR_KEY = "conflict-ie-annotator";

export const state = {
  labels: [],
  colors: {},
  eventTypes: {},
  text: "",
  chars: [],
  words: [], // {start, end} of each word: where the keyboard cursor stops
  spans: [], // {start, end, label, score}, sorted by start
  cursor: 0, // index of the word the keyboard cursor is on
  anchor: null, // index of the word a Shift+arrow selection started from
  pending: null, // {start, end} of a mouse selection waiting for a label
  selected: null, // index of the span whose bar is open
  dragged: false,
  evidence: null, // {ranges: [[start, end]], context: [[start, end]]} of the event clicked
  rows: [], // the events table: {event (assembled, or null), coded (GoldEvent), status}
  eventsEdited: false, // a row was corrected or marked wrong since the table was made
  published: null, // the date relative dates resolve against
  dirty: false, // unsaved changes
  stored: null, // {id, version} when the page holds a stored annotation (or saved it)
  undo: [],
  autoId: null,
  autoPublished: null,
};

export const $ = (id) => document.getElementById(id);

export function headers(json = true) {
  const out = json ? { "Content-Type": "application/json" } : {};
  const token = $("token").value.trim();
  if (token) out.Authorization = `Bearer ${token}`;
  const annotator = $("annotator").value.trim();
  if (annotator) out["X-Annotator"] = encodeURIComponent(annotator); // headers carry Latin-1 only
  return out;
}

// One call to the API: {ok, status, data (JSON, or text when asked), response}.
export async function call(method, path, body, { text = false } = {}) {
  let response;
  try {
    const init = { method, headers: headers(body !== undefined) };
    if (body !== undefined) init.body = JSON.stringify(body);
    response = await fetch(path, init);
  } catch (error) {
    return { ok: false, status: 0, data: { detail: `the service did not answer (${error.message})` } };
  }
  let data = null;
  try {
    data = text && response.ok ? await response.text() : await response.json();
  } catch (error) {
    data = { detail: `${response.status} ${response.statusText}` };
  }
  return { ok: response.ok, status: response.status, data, response };
}

export const post = (path, body) => call("POST", path, body);

export function say(id, message, kind) {
  const element = $(id);
  element.textContent = message;
  element.className = `${element.classList.contains("hint") ? "hint" : "status"} ${kind || ""}`;
}

export function errorText(result) {
  const detail = (result.data && result.data.detail) || `error ${result.status}`;
  return typeof detail === "string" ? detail : JSON.stringify(detail);
}

export function slice(start, end) {
  return state.chars.slice(start, end).join("");
}

export function surface(span) {
  return slice(span.start, span.end);
}

export function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text !== undefined && text !== null) made.textContent = text;
  if (className) made.className = className;
  return made;
}

// Hand a text to the browser as a file download (nothing leaves the page).
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A question in the page's confirm bar: resolves true for the first button, false otherwise.
export function ask(message, yes = "Go on") {
  const bar = $("confirm-bar");
  $("confirm-text").textContent = message;
  $("confirm-yes").textContent = yes;
  const back = document.activeElement;
  bar.hidden = false;
  $("confirm-yes").focus();
  return new Promise((resolve) => {
    const done = (answer) => {
      bar.hidden = true;
      $("confirm-yes").onclick = null;
      $("confirm-no").onclick = null;
      bar.onkeydown = null;
      if (back && back.isConnected) back.focus();
      resolve(answer);
    };
    $("confirm-yes").onclick = () => done(true);
    $("confirm-no").onclick = () => done(false);
    bar.onkeydown = (event) => { if (event.key === "Escape") { event.stopPropagation(); done(false); } };
  });
}

// Go on only if nothing unsaved would be lost, or the user says so.
export async function guard(what) {
  if (!state.dirty) return true;
  return ask(`${what} drops your unsaved changes to this article. Go on?`, "Drop my changes");
}

// --- undo and change notices ------------------------------------------------------------------

export const hooks = { spansChanged: () => {} }; // set by review.js

// Remember the spans and the events table before a change, so Ctrl+Z can put them back.
export function pushUndo() {
  state.undo.push(JSON.stringify({ spans: state.spans, rows: state.rows, edited: state.eventsEdited }));
  if (state.undo.length > 200) state.undo.shift();
  state.dirty = true;
  $("undo-button").disabled = false;
}

export function popUndo() {
  const last = state.undo.pop();
  $("undo-button").disabled = !state.undo.length;
  if (!last) return false;
  const { spans, rows, edited } = JSON.parse(last);
  state.spans = spans;
  state.rows = rows;
  state.eventsEdited = edited;
  state.dirty = true;
  return true;
}
