// The article with its spans as the page shows it, and the keyboard cursor's place in it.

import { $, element, slice, state, surface } from "./api.js";

const WORD = /[\p{L}\p{N}\p{M}\-]/u; // what a word is made of (a selection grows to whole words)

export function setText(text) {
  state.text = text;
  state.chars = Array.from(text);
  state.words = [];
  let start = null;
  state.chars.forEach((char, index) => {
    const inWord = WORD.test(char);
    if (inWord && start === null) start = index;
    if (!inWord && start !== null) {
      state.words.push({ start, end: index });
      start = null;
    }
  });
  if (start !== null) state.words.push({ start, end: state.chars.length });
  state.cursor = 0;
  state.anchor = null;
  state.evidence = null;
}

export function sortSpans() {
  state.spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

// --- rendering ---------------------------------------------------------------------------------

export function highlight() {
  const words = state.words;
  if (!words.length) return null;
  const a = state.anchor === null ? state.cursor : state.anchor;
  const [first, last] = [Math.min(a, state.cursor), Math.max(a, state.cursor)];
  return { start: words[first].start, end: words[last].end, selection: state.anchor !== null };
}

function piece(start, end, marks) {
  const made = element("span", slice(start, end), "piece");
  made.dataset.start = String(start);
  const cursor = marks.cursor && marks.cursor.start <= start && end <= marks.cursor.end;
  if (cursor) {
    made.classList.add(marks.cursor.selection ? "selection" : "cursor");
    if (start === marks.cursor.start) made.id = "doc-cursor";
  }
  if (marks.evidence.some(([s, e]) => s <= start && end <= e)) made.classList.add("evidence");
  if (marks.context.some(([s, e]) => s <= start && end <= e)) made.classList.add("context");
  return made;
}

// The pieces of [start, end), cut where the cursor or the evidence begins or ends.
function pieces(start, end, marks) {
  const cuts = new Set([start, end]);
  for (const [s, e] of [marks.cursor ? [marks.cursor.start, marks.cursor.end] : [0, 0],
    ...marks.evidence, ...marks.context]) {
    if (s > start && s < end) cuts.add(s);
    if (e > start && e < end) cuts.add(e);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((s, i) => piece(s, sorted[i + 1], marks));
}

function mark(index, span, marks) {
  const made = element("span", null, "span");
  const score = typeof span.score === "number" ? span.score.toFixed(2) : null;
  const kind = state.labels.indexOf(span.label);
  made.dataset.start = String(span.start);
  made.dataset.index = String(index);
  made.dataset.label = span.label;
  made.dataset.kind = String(kind);
  made.dataset.tag = `${span.label[0]}${score ? ` ${score}` : ""}`;
  if (score) made.dataset.score = score;
  made.style.setProperty("--label-color", state.colors[span.label]);
  made.title = `${span.label}${score ? ` · score ${score}` : ""} (key ${kind + 1})`;
  if (index === state.selected) made.classList.add("selected");
  made.append(...pieces(span.start, span.end, marks));
  return made;
}

export function render() {
  const marks = {
    cursor: document.activeElement === $("doc-text") || state.anchor !== null ? highlight() : null,
    evidence: (state.evidence && state.evidence.ranges) || [],
    context: (state.evidence && state.evidence.context) || [],
  };
  const parts = [];
  let position = 0;
  const gap = (start, end) => {
    const plain = element("span", null, "plain");
    plain.dataset.start = String(start);
    plain.append(...pieces(start, end, marks));
    parts.push(plain);
  };
  state.spans.forEach((span, index) => {
    if (span.start > position) gap(position, span.start);
    parts.push(mark(index, span, marks));
    position = span.end;
  });
  if (position < state.chars.length) gap(position, state.chars.length);
  const text = $("doc-text");
  text.replaceChildren(...parts);
  if ($("doc-cursor")) text.setAttribute("aria-activedescendant", "doc-cursor");
  else text.removeAttribute("aria-activedescendant");
}

// --- the keyboard cursor -----------------------------------------------------------------------

export function spanAtCursor() {
  const word = state.words[state.cursor];
  if (!word) return -1;
  return state.spans.findIndex((s) => s.start < word.end && word.start < s.end);
}

export function wordAt(offset) {
  const index = state.words.findIndex((w) => w.end > offset);
  return index < 0 ? Math.max(0, state.words.length - 1) : index;
}

export function describeCursor() {
  const range = highlight();
  if (!range) return;
  const index = spanAtCursor();
  const words = slice(range.start, range.end);
  let text = range.selection ? `Selected “${words}”: press 1–4 to mark it.` : `“${words}”`;
  if (!range.selection && index >= 0) {
    const span = state.spans[index];
    const score = typeof span.score === "number" ? `, score ${span.score.toFixed(2)}` : "";
    text += ` in the ${span.label} span “${surface(span)}”${score}.`;
  }
  $("cursor-status").textContent = text;
}

