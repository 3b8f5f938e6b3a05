// The review page (service/http/routes/ui.py): extract an article, correct its spans, save it.
//
// Offsets are counted in Unicode code points, as the API counts them (Python strings), not in
// JavaScript's UTF-16 units: the text is kept as an array of code points and every offset
// read from the page is converted. The write token lives in sessionStorage only.
"use strict";

(() => {
  const TOKEN_KEY = "conflict-ie-token";
  const TRIM = /[\s.,;:!?]/u; // dropped from the edges of a selection
  const WORD = /[\p{L}\p{N}\p{M}\-]/u; // a selection grows to whole words of these
  const state = {
    labels: [],
    colors: {},
    text: "",
    chars: [],
    spans: [], // {start, end, label, score}, sorted by start
    pending: null, // {start, end} of a selection waiting for a label
    selected: null, // index of the span being edited
    dragged: false, // the last mouse-up ended a selection: its click opens no span
    autoId: null, // the id and date the page filled in (replaced for the next article)
    autoPublished: null,
  };
  const $ = (id) => document.getElementById(id);

  // --- talking to the API ---------------------------------------------------------------------

  function headers() {
    const out = { "Content-Type": "application/json" };
    const token = $("token").value.trim();
    if (token) out.Authorization = `Bearer ${token}`;
    return out;
  }

  async function post(path, body) {
    let response;
    try {
      response = await fetch(path, { method: "POST", headers: headers(), body: JSON.stringify(body) });
    } catch (error) {
      return { ok: false, status: 0, data: { detail: `the service did not answer (${error.message})` } };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = { detail: `${response.status} ${response.statusText}` };
    }
    return { ok: response.ok, status: response.status, data };
  }

  function say(id, message, kind) {
    const element = $(id);
    element.textContent = message;
    element.className = `status ${kind || ""}`;
  }

  function showProblems(problems) {
    const list = $("problems");
    list.replaceChildren(...(problems || []).map((problem) => {
      const item = document.createElement("li");
      item.textContent = problem;
      return item;
    }));
  }

  function errorText(result) {
    const detail = (result.data && result.data.detail) || `error ${result.status}`;
    return typeof detail === "string" ? detail : JSON.stringify(detail);
  }

  // --- extract --------------------------------------------------------------------------------

  async function extract() {
    const text = $("article-text").value;
    if (!text.trim()) {
      say("extract-status", "Paste an article first.", "error");
      return;
    }
    const body = { text };
    const published = $("published").value.trim();
    if (published && published !== state.autoPublished) body.published = published;
    say("extract-status", "Extracting…");
    $("extract-button").disabled = true;
    const result = await post("/extract", body);
    $("extract-button").disabled = false;
    if (!result.ok) {
      const problems = (result.data && result.data.problems) || [];
      say("extract-status", [errorText(result), ...problems.slice(5)].join(" "), "error");
      return;
    }
    load(text, result.data);
  }

  function load(text, extraction) {
    state.text = text;
    state.chars = Array.from(text);
    state.spans = extraction.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, score: s.score }));
    sortSpans();
    fillIn("published", "autoPublished", extraction.published || "");
    fillIn("article-id", "autoId", `ui-${fnv1a(state.chars)}`);
    closeBars();
    render();
    renderEvents(extraction.events);
    $("save-button").disabled = false;
    say("extract-status", `${state.spans.length} span(s), ${extraction.events.length} event(s); model ${extraction.model.version}.`, "ok");
    say("save-status", "");
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

  // --- the text with its spans ----------------------------------------------------------------

  function sortSpans() {
    state.spans.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  function surface(span) {
    return state.chars.slice(span.start, span.end).join("");
  }

  function segment(start, end) {
    const element = document.createElement("span");
    element.className = "plain";
    element.dataset.start = String(start);
    element.textContent = state.chars.slice(start, end).join("");
    return element;
  }

  function mark(index, span) {
    const element = document.createElement("span");
    const score = typeof span.score === "number" ? span.score.toFixed(2) : null;
    element.className = "span";
    element.dataset.start = String(span.start);
    element.dataset.index = String(index);
    element.dataset.label = span.label;
    element.style.setProperty("--label-color", state.colors[span.label]);
    element.tabIndex = 0;
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", `${span.label}: ${surface(span)}${score ? `, score ${score}` : ""}`);
    element.title = `${span.label}${score ? ` · score ${score}` : ""}`;
    if (score) element.dataset.score = score;
    if (index === state.selected) element.classList.add("selected");
    element.textContent = surface(span);
    return element;
  }

  function render() {
    const parts = [];
    let position = 0;
    state.spans.forEach((span, index) => {
      if (span.start > position) parts.push(segment(position, span.start));
      parts.push(mark(index, span));
      position = span.end;
    });
    if (position < state.chars.length) parts.push(segment(position, state.chars.length));
    $("doc-text").replaceChildren(...parts);
  }

  function renderEvents(events) {
    const rows = events.map((event) => {
      const actor = (role) => (event.actors.find((a) => a.role === role) || {}).name || "";
      const cells = [
        eventDate(event.date),
        [event.event_type, event.sub_event_type].filter(Boolean).join("\n"),
        actor("actor1"),
        actor("actor2"),
        (event.locations[0] || {}).name || "",
        String(event.fatalities),
      ];
      return row(cells);
    });
    if (!rows.length) rows.push(row(["No events found.", "", "", "", "", ""]));
    $("events").tBodies[0].replaceChildren(...rows);
  }

  function eventDate(date) {
    if (!date) return "";
    if (!date.date_start) return date.text;
    return date.date_start === date.date_end ? date.date_start : `${date.date_start} – ${date.date_end}`;
  }

  function row(cells) {
    const tr = document.createElement("tr");
    cells.forEach((value, column) => {
      const td = document.createElement("td");
      td.textContent = value;
      td.className = ["", "type", "", "", "", "number"][column];
      tr.append(td);
    });
    return tr;
  }

  // --- adding a span from a mouse selection ---------------------------------------------------

  function pointOffset(node, offset) {
    const container = $("doc-text");
    if (node.nodeType === Node.TEXT_NODE) {
      const part = node.parentElement.closest("[data-start]");
      return Number(part.dataset.start) + Array.from(node.data.slice(0, offset)).length;
    }
    if (node === container) {
      const child = container.children[offset];
      return child ? Number(child.dataset.start) : state.chars.length;
    }
    const part = node.closest("[data-start]");
    return Number(part.dataset.start) + (offset > 0 ? Array.from(part.textContent).length : 0);
  }

  function snap(start, end) {
    const chars = state.chars;
    while (start < end && TRIM.test(chars[start])) start += 1;
    while (end > start && TRIM.test(chars[end - 1])) end -= 1;
    if (start >= end) return [start, start];
    while (start > 0 && WORD.test(chars[start - 1]) && WORD.test(chars[start])) start -= 1;
    while (end < chars.length && WORD.test(chars[end]) && WORD.test(chars[end - 1])) end += 1;
    return [start, end];
  }

  function onSelect() {
    const selection = window.getSelection();
    state.dragged = !selection.isCollapsed;
    if (!selection.rangeCount || selection.isCollapsed || !state.chars.length) return;
    const range = selection.getRangeAt(0);
    if (!$("doc-text").contains(range.commonAncestorContainer)) return;
    const [start, end] = snap(pointOffset(range.startContainer, range.startOffset),
      pointOffset(range.endContainer, range.endOffset));
    selection.removeAllRanges();
    if (start >= end) return;
    const clash = state.spans.find((s) => s.start < end && start < s.end);
    if (clash) {
      say("review-status", `“${state.chars.slice(start, end).join("")}” overlaps the ${clash.label} span “${surface(clash)}”: change or delete that span instead.`, "error");
      return;
    }
    closeBars();
    state.pending = { start, end };
    $("add-text").textContent = state.chars.slice(start, end).join("");
    $("add-bar").hidden = false;
    $("add-buttons").querySelector("button").focus();
    say("review-status", "");
  }

  function addSpan(label) {
    const { start, end } = state.pending;
    const span = { start, end, label, score: null };
    state.spans.push(span);
    sortSpans();
    closeBars();
    render();
    focusSpan(span);
    say("review-status", `Added ${label} “${state.chars.slice(start, end).join("")}”.`, "ok");
  }

  // --- changing or deleting a span ------------------------------------------------------------

  function openSpan(index) {
    closeBars();
    state.selected = index;
    const span = state.spans[index];
    $("span-text").textContent = surface(span);
    $("span-info").textContent = `(${span.label}${typeof span.score === "number" ? `, score ${span.score.toFixed(2)}` : ""})`;
    for (const button of $("span-buttons").querySelectorAll("button")) {
      const current = button.dataset.label === span.label;
      button.disabled = current;
      button.setAttribute("aria-pressed", String(current));
    }
    $("span-bar").hidden = false;
    render();
    $("span-buttons").querySelector("button:not(:disabled)").focus();
  }

  function relabel(label) {
    const span = state.spans[state.selected];
    const before = span.label;
    span.label = label;
    span.score = null; // the model's score was for the other label
    closeBars();
    render();
    focusSpan(span);
    say("review-status", `“${surface(span)}”: ${before} → ${label}.`, "ok");
  }

  function deleteSpan() {
    const [span] = state.spans.splice(state.selected, 1);
    closeBars();
    render();
    say("review-status", `Deleted ${span.label} “${surface(span)}”.`, "ok");
  }

  function focusSpan(span) {
    const index = state.spans.indexOf(span);
    const element = $("doc-text").querySelector(`[data-index="${index}"]`);
    if (element) element.focus();
  }

  function closeBars() {
    const hadSpan = state.selected !== null;
    state.pending = null;
    state.selected = null;
    $("add-bar").hidden = true;
    $("span-bar").hidden = true;
    if (hadSpan) render();
  }

  // --- saving ---------------------------------------------------------------------------------

  function documentToSave() {
    const published = $("published").value.trim();
    return {
      id: $("article-id").value.trim(),
      text: state.text,
      spans: state.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: surface(s) })),
      meta: published ? { published } : {},
    };
  }

  async function save() {
    showProblems([]);
    const doc = documentToSave();
    say("save-status", "Saving…");
    const result = await post("/annotations", [doc]);
    if (result.ok) {
      say("save-status", `Saved “${doc.id}” with ${doc.spans.length} span(s); the store holds ${result.data.total} document(s).`, "ok");
      return;
    }
    say("save-status", `Not saved: ${errorText(result)}`, "error");
    showProblems(result.data && result.data.problems);
  }

  // --- wiring ---------------------------------------------------------------------------------

  function labelButton(label, prefix, onClick) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "label-choice";
    button.dataset.label = label;
    button.id = `${prefix}-${label}`;
    button.textContent = label;
    button.style.setProperty("--label-color", state.colors[label]);
    button.addEventListener("click", () => onClick(label));
    return button;
  }

  function buildLabels(config) {
    state.labels = config.labels;
    state.colors = config.colors;
    $("legend").replaceChildren(...config.labels.map((label) => {
      const item = document.createElement("li");
      item.textContent = label;
      item.dataset.label = label;
      item.style.setProperty("--label-color", config.colors[label]);
      return item;
    }));
    $("add-buttons").replaceChildren(...config.labels.map((l) => labelButton(l, "add", addSpan)));
    $("span-buttons").replaceChildren(...config.labels.map((l) => labelButton(l, "relabel", relabel)));
  }

  function onSpanKey(event) {
    const target = event.target.closest(".span");
    if (target && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openSpan(Number(target.dataset.index));
    }
  }

  function wire() {
    const text = $("doc-text");
    text.addEventListener("mouseup", onSelect);
    text.addEventListener("keyup", (event) => { if (event.shiftKey) onSelect(); });
    text.addEventListener("click", (event) => {
      const target = event.target.closest(".span");
      if (target && !state.dragged) openSpan(Number(target.dataset.index));
      state.dragged = false;
    });
    text.addEventListener("keydown", onSpanKey);
    $("extract-button").addEventListener("click", extract);
    $("save-button").addEventListener("click", save);
    $("add-cancel").addEventListener("click", closeBars);
    $("span-close").addEventListener("click", closeBars);
    $("span-delete").addEventListener("click", deleteSpan);
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeBars(); });
    $("article-text").addEventListener("input", () => {
      if (!state.text) return;
      $("save-button").disabled = $("article-text").value !== state.text;
      if ($("save-button").disabled) say("save-status", "The text changed: extract again before saving.", "error");
    });
    const token = $("token");
    token.value = sessionStorage.getItem(TOKEN_KEY) || "";
    token.addEventListener("input", () => sessionStorage.setItem(TOKEN_KEY, token.value));
  }

  async function start() {
    wire();
    try {
      const response = await fetch("/ui/config.json");
      buildLabels(await response.json());
    } catch (error) {
      say("extract-status", `Could not load the labels: ${error.message}`, "error");
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
