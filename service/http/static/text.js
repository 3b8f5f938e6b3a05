// Editing the spans: the keyboard, mouse selections and the span toolbars.

import { $, element, hooks, pushUndo, say, slice, state, surface } from "./api.js";
import { describeCursor, highlight, render, sortSpans, spanAtCursor, wordAt } from "./render.js";

const TRIM = /[\s.,;:!?]/u; // dropped from the edges of a selection
const WORD = /[\p{L}\p{N}\p{M}\-]/u; // a selection grows to whole words of these

// --- the keyboard cursor ---------------------------------------------------------------------

function moveTo(word, { select = false } = {}) {
  if (!state.words.length) return;
  if (select && state.anchor === null) state.anchor = state.cursor;
  if (!select) state.anchor = null;
  state.cursor = Math.max(0, Math.min(state.words.length - 1, word));
  render();
  describeCursor();
  const here = $("doc-cursor");
  if (here) here.scrollIntoView({ block: "nearest" });
}

function jumpSpan(step) {
  const word = state.words[state.cursor];
  if (!word) return;
  const ordered = step > 0 ? state.spans : [...state.spans].reverse();
  const next = ordered.find((s) => (step > 0 ? s.start >= word.end : s.end <= word.start));
  if (next) moveTo(wordAt(next.start));
}

// --- span edits (keyboard, mouse and toolbar all come here) -----------------------------------

function clash(start, end, except) {
  return state.spans.find((s) => s !== except && s.start < end && start < s.end);
}

function refuseOverlap(start, end, other) {
  say("review-status", `“${slice(start, end)}” overlaps the ${other.label} span “${surface(other)}”: change or delete that span instead.`, "error");
}

function addSpan(start, end, label) {
  const other = clash(start, end);
  if (other) {
    refuseOverlap(start, end, other);
    return false;
  }
  pushUndo();
  state.spans.push({ start, end, label, score: null });
  sortSpans();
  say("review-status", `Added ${label} “${slice(start, end)}”.`, "ok");
  hooks.spansChanged();
  return true;
}

function relabel(span, label) {
  if (span.label === label) return;
  pushUndo();
  const before = span.label;
  span.label = label;
  span.score = null; // the model's score was for the other label
  say("review-status", `“${surface(span)}”: ${before} → ${label}.`, "ok");
  hooks.spansChanged();
}

function deleteAt(index) {
  pushUndo();
  const [span] = state.spans.splice(index, 1);
  say("review-status", `Deleted ${span.label} “${surface(span)}”.`, "ok");
  hooks.spansChanged();
  return span;
}

// Move one edge of the span under the cursor by a word: edge "end" or "start", step +1 or -1.
function resize(edge, step) {
  const index = spanAtCursor();
  if (index < 0) {
    say("review-status", "The cursor is on no span: move it onto one to resize it.", "error");
    return;
  }
  const span = state.spans[index];
  const words = state.words;
  let { start, end } = span;
  if (edge === "end") {
    const last = words.findIndex((w) => w.end >= end);
    const target = words[(last < 0 ? words.length - 1 : last) + step];
    if (target) end = target.end;
  } else {
    const first = words.findIndex((w) => w.end > start);
    const target = words[first + step];
    if (target) start = target.start;
  }
  if (end <= start || (start === span.start && end === span.end)) return;
  const other = clash(start, end, span);
  if (other) {
    refuseOverlap(start, end, other);
    return;
  }
  pushUndo();
  Object.assign(span, { start, end, score: null });
  state.cursor = Math.min(Math.max(state.cursor, wordAt(start)), wordAt(end - 1));
  say("review-status", `${span.label} span now “${surface(span)}”.`, "ok");
  hooks.spansChanged();
}

function labelKey(label) {
  const range = highlight();
  if (!range) return;
  const index = spanAtCursor();
  if (!range.selection && index >= 0) {
    relabel(state.spans[index], label);
  } else if (addSpan(range.start, range.end, label)) {
    state.anchor = null;
  }
  render();
  describeCursor();
}

export function onKey(event) {
  if (event.target !== $("doc-text") || event.altKey || event.metaKey) return;
  const key = event.key;
  const shift = event.shiftKey;
  const number = Number(key);
  let handled = true;
  if (event.ctrlKey) {
    handled = false;
  } else if (key === "ArrowRight" || key === "ArrowLeft") {
    moveTo(state.cursor + (key === "ArrowRight" ? 1 : -1), { select: shift });
  } else if (key === "Home" || key === "End") {
    moveTo(key === "Home" ? 0 : state.words.length - 1, { select: shift });
  } else if (key === "ArrowDown" || key === "ArrowUp") {
    jumpSpan(key === "ArrowDown" ? 1 : -1);
  } else if (Number.isInteger(number) && number >= 1 && number <= state.labels.length) {
    labelKey(state.labels[number - 1]);
  } else if (event.code === "BracketRight" || event.code === "BracketLeft") {
    const grow = event.code === "BracketRight";
    if (shift) resize("start", grow ? 1 : -1); // Shift+] moves the start right (shrinks)
    else resize("end", grow ? 1 : -1);
    render();
    describeCursor();
  } else if (key === "Delete" || key === "Backspace") {
    const index = spanAtCursor();
    if (index >= 0) deleteAt(index);
    render();
    describeCursor();
  } else if (key === "Enter" || key === " ") {
    const index = spanAtCursor();
    if (index >= 0) openSpan(index);
  } else if (key === "Escape") {
    if (state.anchor !== null) moveTo(state.cursor);
    else handled = false;
  } else {
    handled = false;
  }
  if (handled) event.preventDefault();
}

// --- the mouse ---------------------------------------------------------------------------------

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

export function onSelect() {
  const selection = window.getSelection();
  state.dragged = !selection.isCollapsed;
  if (!selection.rangeCount || selection.isCollapsed || !state.chars.length) return;
  const range = selection.getRangeAt(0);
  if (!$("doc-text").contains(range.commonAncestorContainer)) return;
  const [start, end] = snap(pointOffset(range.startContainer, range.startOffset),
    pointOffset(range.endContainer, range.endOffset));
  selection.removeAllRanges();
  if (start >= end) return;
  const other = clash(start, end);
  if (other) {
    refuseOverlap(start, end, other);
    return;
  }
  closeBars();
  state.pending = { start, end };
  $("add-text").textContent = slice(start, end);
  $("add-bar").hidden = false;
  $("add-buttons").querySelector("button").focus();
  say("review-status", "");
}

export function onClick(event) {
  const target = event.target.closest(".span");
  if (target && !state.dragged) {
    state.cursor = wordAt(Number(target.dataset.start));
    openSpan(Number(target.dataset.index));
  }
  state.dragged = false;
}

// --- the toolbars ------------------------------------------------------------------------------

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

// Back to the text, the cursor on the word at ``offset`` (focus stays where the work is).
function backToText(offset) {
  closeBars();
  if (offset !== undefined) state.cursor = wordAt(offset);
  $("doc-text").focus();
  render();
  describeCursor();
}

function addPending(label) {
  const { start } = state.pending;
  addSpan(state.pending.start, state.pending.end, label);
  backToText(start);
}

function relabelSelected(label) {
  const span = state.spans[state.selected];
  relabel(span, label);
  backToText(span.start);
}

function deleteSelected() {
  const span = deleteAt(state.selected);
  backToText(span.start);
}

export function closeBars() {
  const hadSpan = state.selected !== null;
  state.pending = null;
  state.selected = null;
  $("add-bar").hidden = true;
  $("span-bar").hidden = true;
  if (hadSpan) render();
}

function labelButton(label, prefix, onClick) {
  const button = element("button", label, "label-choice");
  button.type = "button";
  button.dataset.label = label;
  button.id = `${prefix}-${label}`;
  button.style.setProperty("--label-color", state.colors[label]);
  button.addEventListener("click", () => onClick(label));
  return button;
}

export function buildLabels() {
  $("legend").replaceChildren(...state.labels.map((label, index) => {
    const item = element("li", null);
    item.dataset.label = label;
    item.dataset.kind = String(index);
    item.style.setProperty("--label-color", state.colors[label]);
    item.append(element("kbd", String(index + 1)), ` ${label}`);
    return item;
  }));
  $("add-buttons").replaceChildren(...state.labels.map((l) => labelButton(l, "add", addPending)));
  $("span-buttons").replaceChildren(...state.labels.map((l) => labelButton(l, "relabel", relabelSelected)));
}

export function wireText() {
  const text = $("doc-text");
  text.addEventListener("mouseup", onSelect);
  text.addEventListener("click", onClick);
  text.addEventListener("keydown", onKey);
  text.addEventListener("focus", () => { render(); describeCursor(); });
  text.addEventListener("blur", (event) => {
    if (!text.contains(event.relatedTarget) && state.anchor === null) render();
  });
  $("add-cancel").addEventListener("click", () => backToText());
  $("span-close").addEventListener("click", () => backToText());
  $("span-delete").addEventListener("click", deleteSelected);
}
