// The queue (a batch of articles: ranked, Next/Skip/Done, progress), the saved annotations,
// export and retraining. The queue lives in sessionStorage: a reload keeps it.

import { $, call, element, errorText, download, guard, post, say, state } from "./api.js";
import { extract, openStored, save } from "./work.js";

const QUEUE_KEY = "conflict-ie-queue";
const queue = { items: [], current: null }; // items: {id, text, published, status}

// --- reading a batch ---------------------------------------------------------------------------

function hashId(text) {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `q-${hash.toString(16).padStart(8, "0")}`;
}

function item(raw, where) {
  if (!raw || typeof raw.text !== "string" || !raw.text.trim()) throw new Error(`${where}: no text`);
  const id = raw.id ? String(raw.id) : hashId(raw.text);
  const published = raw.published || (raw.meta && raw.meta.published) || "";
  return { id, text: raw.text, published: String(published), status: "todo" };
}

function fromJsonl(text, name) {
  return text.split(/\r?\n/).map((line, n) => [line, n + 1]).filter(([line]) => line.trim())
    .map(([line, n]) => {
      let raw;
      try {
        raw = JSON.parse(line);
      } catch (error) {
        throw new Error(`${name} line ${n}: not JSON (${error.message})`);
      }
      return item(raw, `${name} line ${n}`);
    });
}

// CSV (RFC 4180: quoted fields may hold commas, quotes doubled, newlines) with a header row.
function fromCsv(text, name) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") { row.push(field); field = ""; }
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += char;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows.filter((r) => r.some((f) => f.trim()));
  if (!header || !header.includes("text")) throw new Error(`${name}: the first row must name a “text” column`);
  return body.map((r, n) => item(Object.fromEntries(header.map((h, k) => [h.trim(), r[k] || ""])), `${name} row ${n + 2}`));
}

function fromPaste(text) {
  if (text.trim().startsWith("{")) return fromJsonl(text, "pasted JSONL");
  return text.split(/^\s*---\s*$/m).filter((part) => part.trim()).map((part) => item({ text: part.trim() }, "pasted"));
}

async function readBatch() {
  const file = $("batch-file").files[0];
  if (file) {
    $("batch-file").value = ""; // read once: the next load reads the text box again
    const text = await file.text();
    if (/\.csv$/i.test(file.name)) return fromCsv(text, file.name);
    if (/\.(jsonl|ndjson)$/i.test(file.name)) return fromJsonl(text, file.name);
    return fromPaste(text);
  }
  return fromPaste($("batch-text").value);
}

// --- the queue ---------------------------------------------------------------------------------

function persist() {
  try {
    sessionStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
  } catch (error) {
    say("queue-progress", `The queue is too large to keep over a reload (${error.message}).`, "error");
  }
}

function renderQueue() {
  const counts = { todo: 0, done: 0, skipped: 0 };
  queue.items.forEach((q) => { counts[q.status] += 1; });
  const total = queue.items.length;
  say("queue-progress", total ? `${counts.done} of ${total} done · ${counts.skipped} skipped · ${counts.todo} to do` : "The queue is empty.");
  $("queue-list").replaceChildren(...queue.items.map((q, index) => {
    const li = element("li", null, `q-${q.status}`);
    const button = element("button", null, "link");
    button.type = "button";
    button.dataset.index = String(index);
    button.append(element("span", q.id, "q-id"), " ", element("span", q.status, "badge"));
    button.title = q.text.slice(0, 200);
    if (index === queue.current) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => openItem(index));
    li.append(button);
    return li;
  }));
  const open = queue.current !== null;
  $("queue-done").disabled = !open;
  $("queue-skip").disabled = !open;
  $("queue-next").disabled = !queue.items.some((q) => q.status === "todo");
}

async function load() {
  let items;
  try {
    items = await readBatch();
  } catch (error) {
    say("batch-status", `Not loaded: ${error.message}`, "error");
    return;
  }
  if (!items.length) {
    say("batch-status", "Not loaded: no article in it.", "error");
    return;
  }
  const seen = new Set();
  const twice = items.find((q) => seen.size === seen.add(q.id).size);
  if (twice) {
    say("batch-status", `Not loaded: the id “${twice.id}” comes twice.`, "error");
    return;
  }
  let note = "in the given order";
  if ($("batch-rank").checked && items.length > 1) {
    const articles = items.map((q) => ({ id: q.id, text: q.text, ...(q.published ? { published: q.published } : {}) }));
    const ranked = await post("/suggest", { articles });
    if (ranked.ok) {
      const order = new Map(ranked.data.suggestions.map((s) => [s.id, s]));
      items.sort((a, b) => order.get(a.id).rank - order.get(b.id).rank);
      items.forEach((q) => { q.reason = order.get(q.id).reason; });
      note = `ranked by ${ranked.data.model}`;
    } else {
      note = `in the given order (not ranked: ${errorText(ranked)})`;
    }
  }
  queue.items = items;
  queue.current = null;
  persist();
  renderQueue();
  say("batch-status", `${items.length} article(s) queued, ${note}.`, "ok");
  $("batch").open = false;
  await next({ skipCurrent: false });
}

async function openItem(index, { asked = false } = {}) {
  if (!asked && !(await guard("Opening another article"))) return false;
  const q = queue.items[index];
  queue.current = index;
  persist();
  renderQueue();
  let done;
  if (q.status === "done") { // what was saved, not the model's spans again
    done = await openStored(q.id, { asked: true });
  } else {
    $("article-text").value = q.text;
    $("published").value = q.published;
    $("article-id").value = q.id;
    state.autoId = null;
    state.autoPublished = null;
    done = await extract({ asked: true });
  }
  if (done) $("doc-text").focus();
  return done;
}

// Open the next article to do after the current one (wrapping), if there is one.
async function next({ asked = false } = {}) {
  const total = queue.items.length;
  const from = queue.current === null ? -1 : queue.current;
  for (let step = 1; step <= total; step += 1) {
    const index = (from + step) % total;
    if (queue.items[index].status === "todo") return openItem(index, { asked });
  }
  queue.current = null;
  persist();
  renderQueue();
  say("queue-progress", `Queue finished: ${$("queue-progress").textContent}`, "ok");
  return false;
}

async function skip() {
  if (queue.current === null || !(await guard("Skipping"))) return;
  queue.items[queue.current].status = "skipped";
  state.dirty = false;
  await next({ asked: true });
}

export async function done() {
  if (queue.current === null) return;
  if ($("article-id").value.trim() !== queue.items[queue.current].id) {
    say("save-status", "The id is not the queued article's: save it with Save, or put the id back.", "error");
    return;
  }
  if (!(await save())) return;
  queue.items[queue.current].status = "done";
  await next({ asked: true });
}

// --- saved annotations, export, retrain -------------------------------------------------------

async function listSaved() {
  const result = await call("GET", "/annotation-summaries?limit=100");
  if (!result.ok) {
    say("saved-status", `Cannot list them: ${errorText(result)}`, "error");
    return;
  }
  const { total, annotations } = result.data;
  say("saved-status", `${total} stored${total > annotations.length ? `, the newest ${annotations.length} shown` : ""}.`);
  $("saved-list").replaceChildren(...annotations.map((a) => {
    const li = element("li");
    const button = element("button", a.id, "link");
    button.type = "button";
    button.addEventListener("click", () => openStored(a.id));
    const events = a.events === null ? "spans only" : `${a.events} event(s) coded`;
    li.append(button, element("span", ` v${a.version} · ${a.spans} span(s) · ${events} · ${a.saved_by || "?"} · ${a.updated_at.replace("T", " ").slice(0, 16)}`, "hint"));
    return li;
  }));
}

async function exportJsonl() {
  const lines = [];
  let path = "/annotations?limit=1000";
  for (;;) {
    const result = await call("GET", path, undefined, { text: true });
    if (!result.ok) {
      say("export-status", `Not exported: ${errorText(result)}`, "error");
      return;
    }
    lines.push(result.data);
    const cursor = result.response.headers.get("X-Next-Cursor");
    if (!cursor) break;
    path = `/annotations?limit=1000&cursor=${cursor}`;
  }
  const text = lines.join("");
  const count = text.split("\n").filter(Boolean).length;
  download("annotations.jsonl", text, "application/x-ndjson");
  say("export-status", `annotations.jsonl: ${count} document(s).`, "ok");
}

async function exportCsv() {
  const result = await call("GET", "/annotation-events.csv", undefined, { text: true });
  if (!result.ok) {
    say("export-status", `Not exported: ${errorText(result)}`, "error");
    return;
  }
  download("events.csv", result.data, "text/csv");
  say("export-status", `events.csv: ${Math.max(0, result.data.trim().split("\n").length - 1)} event row(s).`, "ok");
}

const FINISHED = new Set(["succeeded", "rejected", "failed", "cancelled"]);

function showJob(job) {
  $("retrain-progress").hidden = false;
  $("retrain-progress").value = job.progress;
  const verdict = {
    succeeded: `Promoted: ${job.new_version} now serves (was ${job.old_version}).`,
    rejected: `Not promoted: the new model scored worse than ${job.old_version} on held-out documents; the old one stays.`,
    failed: `Failed: ${job.message || "see the server log"}`,
    cancelled: "Cancelled; the model in service stays.",
  }[job.state] || `${job.state}: ${job.stage} (${Math.round(job.progress * 100)} %)`;
  say("retrain-status", `Job ${job.id}: ${verdict} Trained on ${job.train_documents} document(s), judged on ${job.gate_documents}.`,
    job.state === "succeeded" ? "ok" : job.state === "failed" ? "error" : "");
  const metrics = job.metrics || {};
  const labels = Object.keys(metrics.old || metrics.new || {});
  $("retrain-metrics").hidden = !labels.length;
  $("retrain-metrics").tBodies[0].replaceChildren(...labels.map((label) => {
    const tr = element("tr");
    const f1 = (side) => (metrics[side] && typeof metrics[side][label] === "number" ? metrics[side][label].toFixed(3) : "");
    tr.append(element("th", label), element("td", f1("old"), "number"), element("td", f1("new"), "number"));
    tr.firstChild.scope = "row";
    return tr;
  }));
}

async function follow(id) {
  for (;;) {
    const result = await call("GET", `/retrain/${encodeURIComponent(id)}`);
    if (!result.ok) {
      say("retrain-status", `Lost the job: ${errorText(result)}`, "error");
      break;
    }
    showJob(result.data);
    if (FINISHED.has(result.data.state)) break;
    await new Promise((resolve) => { setTimeout(resolve, 500); });
  }
  $("retrain-button").disabled = false;
}

async function retrain() {
  $("retrain-button").disabled = true;
  const result = await post("/retrain");
  if (result.ok) {
    showJob(result.data);
    await follow(result.data.id);
    return;
  }
  const running = result.status === 409 && /GET \/retrain\/(\S+)/.exec(errorText(result));
  say("retrain-status", `Not started: ${errorText(result)}`, "error");
  if (running) await follow(running[1]);
  else $("retrain-button").disabled = false;
}

export function wireQueue() {
  try {
    Object.assign(queue, JSON.parse(sessionStorage.getItem(QUEUE_KEY)) || {});
  } catch (error) {
    sessionStorage.removeItem(QUEUE_KEY);
  }
  renderQueue();
  if (queue.items.length) $("batch").open = false;
  $("batch-load").addEventListener("click", load);
  $("queue-next").addEventListener("click", () => next());
  $("queue-skip").addEventListener("click", skip);
  $("queue-done").addEventListener("click", done);
  $("saved-refresh").addEventListener("click", listSaved);
  $("open-button").addEventListener("click", () => {
    const id = $("open-id").value.trim();
    if (id) openStored(id);
  });
  $("open-id").addEventListener("keydown", (event) => { if (event.key === "Enter") $("open-button").click(); });
  $("export-jsonl").addEventListener("click", exportJsonl);
  $("export-csv").addEventListener("click", exportCsv);
  $("retrain-button").addEventListener("click", retrain);
}

export { listSaved, queue };
