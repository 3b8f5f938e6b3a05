// The events table: recomputed from the spans (POST /events), each row's evidence shown in the
// text, any field correctable, a row markable as wrong; saved with the annotation as coded rows
// (the annotation format's ``events``, annotations/GUIDELINES.md "Events").

import { $, element, errorText, post, pushUndo, say, slice, state } from "./api.js";
import { render } from "./render.js";

const PRECISION = { 1: "day", 2: "week", 3: "month" };
let timer = null;
let editing = null; // index of the row in the editor

const words = (ref) => (ref ? slice(ref[0], ref[1]) : "");
const same = (a, b) => Boolean(a && b && a[0] === b[0] && a[1] === b[1]);

export function spanRequest() {
  const body = {
    text: state.text,
    spans: state.spans.map((s) => ({ start: s.start, end: s.end, label: s.label })),
  };
  const published = $("published").value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(published)) body.published = published;
  return body;
}

// Rows from assembled events (POST /extract or /events): each with its coded row.
export function rowsFromEvents(events, coded) {
  return events.map((event, index) => ({ event, coded: coded[index], status: "model" }));
}

// Rows from a stored annotation's coded events.
export function rowsFromCoded(coded) {
  return coded.map((row) => ({ event: null, coded: row, status: "saved" }));
}

export function setRows(rows, note) {
  state.rows = rows;
  state.eventsEdited = false;
  $("events-recompute").hidden = true;
  if (note) say("events-status", note);
  renderTable();
}

// The spans changed: recompute the table unless rows were corrected (then offer it).
export function spansChanged() {
  if (state.eventsEdited) {
    $("events-recompute").hidden = false;
    say("events-status", "The spans changed since the table was made. Recompute it from them (your event corrections are dropped; Ctrl+Z brings them back).", "error");
    return;
  }
  clearTimeout(timer);
  say("events-status", "Recomputing from the spans…");
  timer = setTimeout(recompute, 250);
}

export async function recompute() {
  clearTimeout(timer);
  if (!state.text) return;
  const result = await post("/events", spanRequest());
  if (!result.ok) {
    say("events-status", `Could not recompute the events: ${errorText(result)}`, "error");
    return;
  }
  if (state.eventsEdited) pushUndo();
  state.published = result.data.published;
  setRows(rowsFromEvents(result.data.events, result.data.coded),
    `Recomputed from your ${state.spans.length} span(s): ${result.data.events.length} event(s).`);
  $("events").dataset.recomputed = String(Number($("events").dataset.recomputed || 0) + 1);
}

// --- the table ---------------------------------------------------------------------------------

function dateCell(coded) {
  if (!coded.date) return "";
  const range = coded.date_end && coded.date_end !== coded.date ? `${coded.date} – ${coded.date_end}` : coded.date;
  const grain = PRECISION[coded.time_precision];
  return grain ? `${range} (${grain})` : range;
}

function actorCell(row, role) {
  const ref = row.coded[role];
  if (!ref) return "";
  const actor = row.event && row.event.actors.find((a) => a.role === role && same([a.start, a.end], ref));
  return actor && actor.name !== words(ref) ? `${actor.name} (“${words(ref)}”)` : words(ref);
}

function placeLine(name, admin1, country) {
  return [name, [admin1, country].filter(Boolean).join(", ")].filter(Boolean).join(" — ");
}

function placeCell(row) {
  const coded = row.coded;
  const lines = [];
  if (coded.location || coded.country) {
    lines.push(placeLine(words(coded.location), coded.admin1, coded.country));
  }
  for (const place of (row.event && row.event.locations) || []) {
    if (same([place.start, place.end], coded.location)) continue;
    lines.push(placeLine(place.name, place.admin1, place.country));
  }
  return lines.join("\n");
}

function cell(text, className, source) {
  const td = element("td", text, className);
  if (source) td.title = `from “${source}”`;
  return td;
}

function rowElement(row, index) {
  const coded = row.coded;
  const tr = element("tr", null, `status-${row.status}`);
  tr.dataset.index = String(index);
  const show = element("button", `E${index + 1}`, "link");
  show.type = "button";
  show.setAttribute("aria-label", `Show the words of event E${index + 1} in the text`);
  show.addEventListener("click", () => showEvidence(index));
  const first = element("td", null, "id");
  first.append(show);
  if (row.status !== "model") first.append(element("span", ` ${row.status}`, "badge"));
  const edit = element("button", "Edit", "secondary small");
  edit.type = "button";
  edit.id = `event-edit-${index}`;
  edit.addEventListener("click", () => openEditor(index));
  const wrong = element("button", row.status === "wrong" ? "Restore" : "Wrong", "secondary small");
  wrong.type = "button";
  wrong.id = `event-wrong-${index}`;
  wrong.setAttribute("aria-pressed", String(row.status === "wrong"));
  wrong.addEventListener("click", () => toggleWrong(index));
  const check = element("td", null, "actions");
  check.append(edit, wrong);
  tr.append(
    first,
    cell(dateCell(coded), "date", words(coded.date_span)),
    cell([coded.event_type, coded.sub_event_type].filter(Boolean).join("\n"), "type"),
    cell(actorCell(row, "actor1"), "", words(coded.actor1)),
    cell(actorCell(row, "actor2"), "", words(coded.actor2)),
    cell(placeCell(row), "place", words(coded.location)),
    cell(String(coded.fatalities), "number", (coded.casualty_spans || []).map(words).join("; ")),
    cell(String(coded.injured), "number"),
    cell(String(coded.detained), "number"),
    check,
  );
  tr.addEventListener("click", (event) => { if (!event.target.closest("button")) showEvidence(index); });
  return tr;
}

export function renderTable() {
  const rows = state.rows.map(rowElement);
  if (!rows.length) {
    const tr = element("tr");
    const td = element("td", state.text ? "No events found." : "");
    td.colSpan = 10;
    tr.append(td);
    rows.push(tr);
  }
  $("events").tBodies[0].replaceChildren(...rows);
}

function showEvidence(index) {
  const row = state.rows[index];
  const coded = row.coded;
  const ranges = [coded.date_span, coded.actor1, coded.actor2, coded.location,
    ...(coded.casualty_spans || [])].filter(Boolean);
  if (row.event && row.event.trigger) ranges.push([row.event.trigger.start, row.event.trigger.end]);
  const context = row.event ? row.event.sentences.map((s) => [s.start, s.end]) : [];
  state.evidence = { ranges, context };
  for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("shown", tr.dataset.index === String(index));
  render();
  const first = $("doc-text").querySelector(".evidence, .context");
  if (first) first.scrollIntoView({ block: "nearest" });
  const parts = ranges.map((r) => `“${words(r)}”`).join(", ");
  say("events-status", `E${index + 1} comes from ${parts || "no marked words"}${context.length ? " (its sentences shaded)" : ""}.`);
}

function toggleWrong(index) {
  pushUndo();
  const row = state.rows[index];
  row.status = row.status === "wrong" ? "corrected" : "wrong";
  state.eventsEdited = true;
  $("save-events").checked = true;
  renderTable();
  $(`event-wrong-${index}`).focus();
  say("events-status", row.status === "wrong" ? `E${index + 1} marked wrong: it is left out of the saved events.` : `E${index + 1} restored.`);
}

// --- the editor --------------------------------------------------------------------------------

function options(select, choices, chosen) {
  select.replaceChildren(...choices.map(([value, text]) => {
    const option = element("option", text);
    option.value = value;
    option.selected = value === chosen;
    return option;
  }));
}

function spanChoices(label) {
  return [["", "(none)"], ...state.spans.filter((s) => s.label === label)
    .map((s) => [`${s.start},${s.end}`, `${slice(s.start, s.end)} [${s.start}, ${s.end})`])];
}

const refValue = (ref) => (ref ? `${ref[0]},${ref[1]}` : "");
const readRef = (value) => (value ? value.split(",").map(Number) : null);

function fillSubTypes(chosen) {
  const subs = state.eventTypes[$("ev-type").value] || [];
  options($("ev-sub"), [["", "(none)"], ...subs.map((s) => [s, s])], chosen || "");
}

function openEditor(index) {
  editing = index;
  const coded = state.rows[index].coded;
  $("editor-event").textContent = `E${index + 1}`;
  options($("ev-type"), [["", "(none)"], ...Object.keys(state.eventTypes).map((t) => [t, t])], coded.event_type || "");
  fillSubTypes(coded.sub_event_type);
  $("ev-date").value = coded.date || "";
  $("ev-date-end").value = coded.date_end || "";
  $("ev-precision").value = coded.time_precision ? String(coded.time_precision) : "";
  options($("ev-date-span"), spanChoices("DATE"), refValue(coded.date_span));
  options($("ev-actor1"), spanChoices("ACTOR"), refValue(coded.actor1));
  options($("ev-actor2"), spanChoices("ACTOR"), refValue(coded.actor2));
  options($("ev-location"), spanChoices("LOCATION"), refValue(coded.location));
  $("ev-country").value = coded.country || "";
  $("ev-admin1").value = coded.admin1 || "";
  $("ev-geo").value = coded.geo_precision ? String(coded.geo_precision) : "";
  $("ev-killed").value = String(coded.fatalities);
  $("ev-injured").value = String(coded.injured);
  $("ev-detained").value = String(coded.detained);
  $("ev-note").value = coded.note || "";
  const chosen = new Set((coded.casualty_spans || []).map(refValue));
  const boxes = state.spans.filter((s) => s.label === "CASUALTY").map((s, n) => {
    const wrap = element("div", null, "check");
    const box = element("input");
    box.type = "checkbox";
    box.id = `ev-casualty-${n}`;
    box.value = `${s.start},${s.end}`;
    box.checked = chosen.has(box.value);
    const label = element("label", `${slice(s.start, s.end)} [${s.start}, ${s.end})`);
    label.htmlFor = box.id;
    wrap.append(box, label);
    return wrap;
  });
  $("ev-casualties").replaceChildren(element("legend", "Counts read from"), ...(boxes.length ? boxes : [element("p", "No CASUALTY span marked.", "hint")]));
  say("editor-status", "");
  $("event-editor").hidden = false;
  $("ev-type").focus();
}

function closeEditor() {
  const index = editing;
  editing = null;
  $("event-editor").hidden = true;
  if (index !== null && $(`event-edit-${index}`)) $(`event-edit-${index}`).focus();
}

function count(id) {
  const value = $(id).value.trim();
  if (value === "") return 0;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : null;
}

function applyEditor(event) {
  event.preventDefault();
  const dates = ["ev-date", "ev-date-end"].map((id) => $(id).value.trim());
  const badDate = dates.find((d) => d && !/^\d{4}-\d{2}-\d{2}$/.test(d));
  const counts = ["ev-killed", "ev-injured", "ev-detained"].map(count);
  if (badDate) return say("editor-status", `“${badDate}” is not a date YYYY-MM-DD.`, "error");
  if (counts.includes(null)) return say("editor-status", "Counts are whole numbers, 0 or more.", "error");
  const number = (id) => ($(id).value ? Number($(id).value) : null);
  pushUndo();
  const row = state.rows[editing];
  row.coded = {
    ...row.coded,
    event_type: $("ev-type").value || null,
    sub_event_type: $("ev-sub").value || null,
    date: dates[0] || null,
    date_end: dates[1] || null,
    time_precision: number("ev-precision"),
    date_span: readRef($("ev-date-span").value),
    actor1: readRef($("ev-actor1").value),
    actor2: readRef($("ev-actor2").value),
    location: readRef($("ev-location").value),
    country: $("ev-country").value.trim() || null,
    admin1: $("ev-admin1").value.trim() || null,
    geo_precision: number("ev-geo"),
    fatalities: counts[0],
    injured: counts[1],
    detained: counts[2],
    casualty_spans: [...$("ev-casualties").querySelectorAll("input:checked")].map((b) => readRef(b.value)),
    note: $("ev-note").value.trim() || null,
  };
  row.status = "corrected";
  state.eventsEdited = true;
  $("save-events").checked = true;
  renderTable();
  say("events-status", `E${editing + 1} corrected: it is saved with the annotation.`, "ok");
  closeEditor();
}

// The rows to save: coded rows of every event not marked wrong.
export function codedToSave() {
  return state.rows.filter((r) => r.status !== "wrong").map((r) => r.coded);
}

// What was marked wrong, kept in the document's meta (a coded row cannot say "not an event").
export function rejectedToSave() {
  return state.rows.filter((r) => r.status === "wrong").map((r) => {
    const sentence = r.event && r.event.sentences[0];
    return {
      event_type: r.coded.event_type,
      sub_event_type: r.coded.sub_event_type,
      ...(sentence ? { sentence: [sentence.start, sentence.end] } : {}),
    };
  });
}

export function wireEvents() {
  $("events-recompute").addEventListener("click", recompute);
  $("ev-type").addEventListener("change", () => fillSubTypes(""));
  $("event-editor").addEventListener("submit", applyEditor);
  $("ev-cancel").addEventListener("click", closeEditor);
  $("event-editor").addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.stopPropagation(); closeEditor(); }
  });
}
