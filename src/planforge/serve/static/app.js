// planforge serve: the form editor, the preview and the folder view. Plain JavaScript,
// no build step; every text from a plan is set with textContent, never as HTML.
"use strict";

const TOKEN = document.querySelector('meta[name="planforge-token"]').content;
const BODY = document.body;
const S = {
  path: BODY.dataset.path, plan: null, form: null, ui: {}, summary: false,
  pending: 0, fieldsByPath: new Map(), conflict: null, events: null,
};

// ---------------------------------------------------------------------------- helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const key = (loc) => JSON.stringify(loc);
const t = (name, vars) => {
  let text = S.ui[name] || name;
  for (const [k, v] of Object.entries(vars || {})) text = text.replace("{" + k + "}", v);
  return text;
};

async function api(method, url, body) {
  const init = { method, headers: { "X-Planforge-Token": TOKEN } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  let data = null;
  try { data = await response.json(); } catch (e) { data = { error: response.statusText }; }
  return { status: response.status, data };
}

function setStatus(text, kind) {
  const node = document.getElementById("status");
  node.textContent = text || "";
  node.className = kind || "";
}

async function loadForm(lang) {
  const { data } = await api("GET", "/api/form?lang=" + encodeURIComponent(lang));
  S.form = data;
  S.ui = data.ui;
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
}

// ---------------------------------------------------------------------------- folder

async function showFolder() {
  await loadForm("zh");
  const main = document.getElementById("main");
  const { status, data } = await api("GET", "/api/folder");
  if (status !== 200) { main.replaceChildren(el("p", { class: "error", text: data.error })); return; }
  document.getElementById("doc-title").textContent = t("plans") + "：" + data.folder;
  const head = el("tr", {}, [t("file"), t("general"), t("progress"), t("findings"), t("coverage")]
    .map((h) => el("th", { scope: "col", text: h })));
  const rows = data.plans.map((row) => {
    const link = el("a", { href: "/edit?path=" + encodeURIComponent(row.path), text: row.path });
    if (row.error) {
      return el("tr", { class: "broken" }, el("td", {}, link),
        el("td", { colspan: 4, text: t("unreadable") + "：" + row.error.message }));
    }
    const sev = row.severities;
    const findings = `${sev.error} ${t("errors")} · ${sev.warning} ${t("warnings")} · ${sev.info} ${t("infos")}`;
    const rubrics = row.rubrics.map((r) => `${r.rubric} ${r.covered}/${r.required}` +
      (r.attainable !== null && r.attainable !== undefined ? ` (${r.attainable})` : "")).join("；");
    return el("tr", {},
      el("td", {}, link),
      el("td", { text: row.title }),
      el("td", { text: `${row.progress.percent}%（${row.progress.done || 0}/${row.progress.total}）` }),
      el("td", { class: sev.error ? "has-errors" : "", text: findings }),
      el("td", { text: rubrics }));
  });
  main.replaceChildren(el("table", { class: "folder" }, el("thead", {}, head), el("tbody", {}, rows)));
}

// ---------------------------------------------------------------------------- one plan

async function loadPlan() {
  const url = "/api/plan?path=" + encodeURIComponent(S.path) + (S.summary ? "&summary=1" : "");
  const { status, data } = await api("GET", url);
  if (status !== 200) {
    document.getElementById("main").replaceChildren(el("p", { class: "error", text: data.error }));
    return;
  }
  if (!S.form || (data.lang && S.form.lang !== data.lang)) {
    await loadForm(data.lang || "zh");
    S.form.lang = data.lang || "zh";
  }
  show(data);
  watch();
}

function show(plan) {
  S.plan = plan;
  S.conflict = null;
  document.getElementById("notice").hidden = true;
  document.getElementById("doc-title").textContent = plan.title || plan.path;
  document.title = (plan.title || plan.path) + " — planforge";
  if (!plan.valid) { showInvalid(plan); return; }
  const focus = rememberFocus();
  const main = document.getElementById("main");
  const form = el("form", { id: "form", class: "form", onsubmit: (e) => e.preventDefault() });
  S.fieldsByPath = new Map();
  buildForm(form, plan.data);
  const frame = el("iframe", { id: "preview", title: t("preview"), sandbox: "allow-same-origin" });
  const side = el("aside", { id: "side" });
  main.replaceChildren(el("div", { class: "editor" },
    el("section", { class: "pane form-pane", "aria-label": t("edit") }, form),
    el("section", { class: "pane preview-pane", "aria-label": t("preview") }, frame),
    side));
  showPreview(plan.preview);
  showSide(plan);
  showActions();
  restoreFocus(focus);
}

function showPreview(htmlText) {
  const frame = document.getElementById("preview");
  if (!frame) return;
  const old = frame.contentWindow ? frame.contentWindow.scrollY : 0;
  frame.addEventListener("load", () => {
    if (frame.contentWindow) frame.contentWindow.scrollTo(0, old || S.previewScroll || 0);
  }, { once: true });
  frame.srcdoc = htmlText;
}

function showActions() {
  const nav = document.getElementById("actions");
  const q = "path=" + encodeURIComponent(S.path) + (S.summary ? "&summary=1" : "");
  const toggle = el("button", { type: "button", id: "toggle-summary",
    text: S.summary ? t("plan_view") : t("summary_view"),
    onclick: () => { S.summary = !S.summary; loadPlan(); } });
  nav.replaceChildren(toggle,
    el("a", { class: "button", href: "/api/download?format=docx&" + q, text: t("download_docx") }),
    el("a", { class: "button", href: "/api/download?format=pdf&" + q, text: t("download_pdf") }),
    el("a", { class: "button", href: "/api/download?format=md&" + q, text: t("download_md") }));
}

// ---------------------------------------------------------------------------- the form

function buildForm(form, data) {
  const models = S.form.models;
  const basics = el("fieldset", { class: "group" }, el("legend", { text: t("general") }));
  for (const field of models.Plan) {
    if (["goals", "signature", "summary", "ideology"].includes(field.key)) continue;
    basics.append(fieldRow(field, ["" + field.key], data[field.key], "Plan"));
  }
  form.append(basics);
  const byKey = Object.fromEntries(models.Plan.map((f) => [f.key, f]));
  const ideology = el("fieldset", { class: "group" }, el("legend", { text: byKey.ideology.label }));
  ideology.append(fieldRow(byKey.ideology, ["ideology"], data.ideology, "Plan", true));
  form.append(ideology);
  form.append(goalsGroup(byKey.goals.label, data.goals || []));
  form.append(tasksGroup(data.tasks || []));
  for (const name of ["signature", "summary"]) {
    const group = el("fieldset", { class: "group" }, el("legend", { text: byKey[name].label }));
    register([name], group);
    const model = byKey[name].model;
    for (const field of models[model]) {
      group.append(fieldRow(field, [name, field.key], (data[name] || {})[field.key], model));
    }
    form.append(group);
  }
  form.append(el("p", { class: "note", text: t("not_in_form") }));
}

function register(loc, node) {
  S.fieldsByPath.set(key(loc), node);
  node.dataset.path = key(loc);
}

function fieldValue(kind, value) {
  if (value === null || value === undefined) return "";
  if (kind === "paragraphs") return Array.isArray(value) ? value.join("\n\n") : String(value);
  if (kind === "names") return Array.isArray(value) ? value.join("、") : String(value);
  if (kind === "figures") {
    return Object.entries(value || {}).map(([k, v]) => `${k}: ${v}`).join("\n");
  }
  return String(value);
}

function fieldRow(field, loc, value, model, bare) {
  const id = "f-" + loc.join("-");
  let input;
  const common = { id, name: loc.join("."), dataset: { kind: field.kind } };
  if (field.kind === "enum") {
    const choices = S.form.choices[field.enum] || {};
    input = el("select", common, el("option", { value: "", text: "—" }),
      field.values.map((v) => el("option", { value: v, text: choices[v] || v, selected: String(value) === v })));
  } else if (field.kind === "paragraphs" || field.kind === "figures") {
    input = el("textarea", { ...common, rows: Math.min(12, Math.max(2, fieldValue(field.kind, value).split("\n").length + 1)) });
    input.value = fieldValue(field.kind, value);
  } else {
    const type = { date: "date", int: "number" }[field.kind] || "text";
    input = el("input", { ...common, type });
    input.value = fieldValue(field.kind, value);
  }
  input.addEventListener("change", () => edit({ op: "set", path: loc, value: input.value }));
  const help = { names: t("names_help"), paragraphs: t("paragraphs_help"), figures: t("figures_help") }[field.kind];
  const row = el("div", { class: "field" + (field.required ? " required" : "") },
    bare ? null : el("label", { for: id, text: field.label }),
    input,
    help ? el("small", { class: "help", text: help }) : null);
  if (field.key === "deadline" && model === "Task") {
    const reads = S.plan.deadlines[key(loc.slice(0, -1))];
    if (reads) row.append(el("small", { class: "canonical", text: t("canonical") + "：" + reads }));
  }
  register(loc, row);
  return row;
}

function goalsGroup(label, goals) {
  const group = el("fieldset", { class: "group" }, el("legend", { text: label }));
  register(["goals"], group);
  goals.forEach((goal, i) => {
    const loc = ["goals", i];
    const card = el("div", { class: "card goal" });
    register(loc, card);
    card.append(el("div", { class: "card-head" }, el("span", { class: "num", text: `${i + 1}.` }),
      el("code", { class: "id", text: goal.id }),
      tools(loc, false, goals.length, i, goal.text)));
    for (const field of S.form.models.Goal) card.append(fieldRow(field, [...loc, field.key], goal[field.key], "Goal"));
    group.append(card);
  });
  group.append(el("button", { type: "button", class: "add", text: "+ " + t("add_goal"),
    onclick: () => edit({ op: "add", path: ["goals"], index: null, item: { text: t("new_goal") } }) }));
  return group;
}

function tasksGroup(tasks) {
  const group = el("fieldset", { class: "group tasks" }, el("legend", { text: t("tasks") }));
  register(["tasks"], group);
  group.append(taskList(tasks, [], []));
  group.append(el("button", { type: "button", class: "add", text: "+ " + t("add_task"),
    onclick: () => edit({ op: "add", path: ["tasks"], index: null, item: { title: t("new_task") } }) }));
  return group;
}

function taskList(tasks, prefix, numbers) {
  const list = el("ol", { class: "task-list" });
  tasks.forEach((task, i) => {
    const loc = [...prefix, "tasks", i];
    list.append(el("li", {}, taskCard(task, loc, [...numbers, i + 1], tasks.length, i)));
  });
  return list;
}

const PRIMARY = new Set(["title", "text", "owners", "deadline", "status"]);

function taskCard(task, loc, numbers, count, i) {
  const card = el("details", { class: "card task", open: numbers.length < 3 || !task.tasks });
  register(loc, card);
  const title = el("span", { class: "title", text: task.title });
  card.append(el("summary", {}, el("span", { class: "num", text: numbers.join(".") }), title,
    el("span", { class: "badges" })));
  const body = el("div", { class: "card-body" });
  body.append(tools(loc, true, count, i, task.title));
  const more = el("details", { class: "more" }, el("summary", { text: t("more") }));
  for (const field of S.form.models.Task) {
    const row = fieldRow(field, [...loc, field.key], task[field.key], "Task");
    (PRIMARY.has(field.key) ? body : more).append(row);
  }
  if ([...more.querySelectorAll("textarea, input, select")].some((n) => n.value)) more.open = true;
  body.append(more);
  if (task.tasks && task.tasks.length) body.append(taskList(task.tasks, loc, numbers));
  body.append(el("button", { type: "button", class: "add sub", text: "+ " + t("add_subtask"),
    onclick: () => edit({ op: "add", path: [...loc, "tasks"], index: null, item: { title: t("new_task") } }) }));
  card.append(body);
  return card;
}

function tools(loc, isTask, count, i, name) {
  const button = (text, op, extra, disabled) => el("button", {
    type: "button", title: text, "aria-label": text, disabled, text: extra.icon,
    onclick: (e) => { e.preventDefault(); edit({ op, path: loc, ...extra.args }); },
  });
  const box = el("span", { class: "tools" },
    button(t("move_up"), "move", { icon: "↑", args: { by: -1 } }, i === 0),
    button(t("move_down"), "move", { icon: "↓", args: { by: 1 } }, i === count - 1));
  if (isTask) {
    box.append(button(t("outdent"), "outdent", { icon: "←", args: {} }, loc.length < 4),
      button(t("indent"), "indent", { icon: "→", args: {} }, i === 0));
  }
  box.append(el("button", { type: "button", class: "delete", title: t("delete"), text: t("delete"),
    onclick: (e) => {
      e.preventDefault();
      if (window.confirm(t("confirm_delete", { name }))) edit({ op: "delete", path: loc });
    } }));
  return box;
}

// ---------------------------------------------------------------------------- findings

function showFindings(findings) {
  for (const node of document.querySelectorAll(".finding")) node.remove();
  const general = [];
  for (const f of findings || []) {
    let target = null;
    for (let n = f.path.length; n > 0 && !target; n--) target = S.fieldsByPath.get(key(f.path.slice(0, n)));
    const note = el("p", { class: "finding " + f.severity, role: f.severity === "error" ? "alert" : null },
      el("span", { class: "sev", text: t(f.severity + "s") }), " ", f.message,
      f.hint ? el("span", { class: "hint", text: " — " + f.hint }) : null,
      f.rule ? el("code", { class: "rule", text: f.rule }) : null);
    if (!target) { general.push(note); continue; }
    if (target.tagName === "DETAILS") {
      const badges = target.querySelector(":scope > summary .badges");
      if (badges) badges.append(el("span", { class: "badge " + f.severity + " finding", text: "!" }));
      const body = target.querySelector(":scope > .card-body");
      body.insertBefore(note, body.children[1] || null);
    } else {
      target.append(note);
    }
  }
  return general;
}

function showSide(plan) {
  const side = document.getElementById("side");
  const general = showFindings(plan.findings);
  const box = el("section", { class: "panel" }, el("h2", { text: t("findings") }));
  const count = (s) => plan.findings.filter((f) => f.severity === s).length;
  box.append(el("p", { text: `${count("error")} ${t("errors")} · ${count("warning")} ${t("warnings")} · ${count("info")} ${t("infos")}` }));
  box.append(...general);
  side.replaceChildren(box);
  const progress = plan.progress;
  side.append(el("section", { class: "panel" }, el("h2", { text: t("progress") }),
    el("meter", { min: 0, max: 100, value: progress.percent }),
    el("span", { text: ` ${progress.percent}%（${progress.done || 0}/${progress.total}）` })));
  for (const cov of plan.coverage) {
    const panel = el("section", { class: "panel coverage" }, el("h2", { text: t("coverage") }),
      el("h3", { text: cov.title }),
      el("p", { class: "summary", text: `${t("covered")} ${cov.covered} / ${cov.required}` +
        (cov.hinted ? `，${t("hinted")} ${cov.hinted}` : "") }));
    if (cov.scoring && cov.attainable !== null) {
      panel.append(el("p", { class: "score" }, t("score") + "：",
        el("strong", { text: String(cov.attainable) }),
        cov.base_points ? ` / ${cov.base_points}` : "", cov.best_band ? `（${cov.best_band}）` : ""));
    }
    const items = el("ul", { class: "items" });
    for (const item of cov.items) {
      items.append(el("li", { class: "item " + item.status, title: item.id },
        el("span", { class: "mark", text: item.status === "covered" ? "✓" : item.status === "hinted" ? "?" : "✗" }),
        " ", item.text, el("span", { class: "visually-hidden", text: " " + t(item.status) })));
    }
    panel.append(items);
    side.append(panel);
  }
}

// ---------------------------------------------------------------------------- editing

function rememberFocus() {
  const a = document.activeElement;
  if (!a || !a.id || !a.id.startsWith("f-")) return null;
  return { id: a.id, value: a.value, start: a.selectionStart, end: a.selectionEnd,
    dirty: a.dataset.saved !== undefined };
}

function restoreFocus(focus) {
  if (!focus) return;
  const node = document.getElementById(focus.id);
  if (!node) return;
  node.focus();
  try { node.setSelectionRange(focus.start, focus.end); } catch (e) { /* not a text field */ }
}

async function edit(change) {
  if (!S.plan) return;
  S.pending++;
  setStatus(t("saving"), "busy");
  const body = { path: S.path, version: S.plan.version, edit: change, summary: S.summary };
  const { status, data } = await api("POST", "/api/edit", body);
  S.pending--;
  handleWrite(status, data);
}

function handleWrite(status, data) {
  if (status === 200) {
    setStatus(t("saved"), "ok");
    show(data);
  } else if (status === 409) {
    setStatus(t("refused") + t("conflict"), "error");
    showConflict(data);
  } else if (status === 422) {
    setStatus(t("refused") + (data.error || ""), "error");
    showFindings([...(S.plan.findings || []), ...(data.findings || [])]);
  } else {
    setStatus(t("refused") + (data.error || status), "error");
  }
}

function showConflict(conflict) {
  S.conflict = conflict;
  const notice = document.getElementById("notice");
  const mine = conflict.mine === null ? "" : conflict.mine;
  notice.replaceChildren(
    el("p", { text: t("conflict") }),
    el("div", { class: "versions" },
      el("figure", {}, el("figcaption", { text: t("theirs") }), el("pre", { class: "theirs", text: conflict.theirs })),
      el("figure", {}, el("figcaption", { text: t("mine") }), el("pre", { class: "mine", text: mine })),
    ),
    el("pre", { class: "diff", text: conflict.diff }),
    el("p", {},
      el("button", { type: "button", id: "keep-theirs", text: t("keep_theirs"), onclick: () => loadPlan() }),
      " ",
      conflict.mine === null ? null : el("button", { type: "button", id: "keep-mine", text: t("keep_mine"),
        onclick: async () => {
          const { status, data } = await api("POST", "/api/save",
            { path: S.path, version: conflict.version, text: mine, summary: S.summary });
          handleWrite(status, data);
        } })));
  notice.hidden = false;
  notice.scrollIntoView({ block: "nearest" });
}

function showInvalid(plan) {
  const main = document.getElementById("main");
  const source = el("textarea", { id: "source", rows: 30, spellcheck: "false" });
  source.value = plan.text || "";
  const list = el("ul", { class: "problems" }, (plan.findings || []).map((f) =>
    el("li", { class: "finding " + f.severity },
      f.line ? el("span", { class: "where", text: t("line", { line: f.line }) + "：" }) : null,
      f.message, f.hint ? el("span", { class: "hint", text: " — " + f.hint }) : null)));
  main.replaceChildren(el("section", { class: "invalid" },
    el("p", { text: t("invalid") }), list,
    el("label", { for: "source", text: t("source") }), source,
    el("p", {}, el("button", { type: "button", text: t("save_source"), onclick: async () => {
      const { status, data } = await api("POST", "/api/save",
        { path: S.path, version: S.plan.version, text: source.value });
      if (status === 422) {
        setStatus(t("refused") + data.error, "error");
        list.replaceChildren(...data.findings.map((f) => el("li", { class: "finding error" },
          f.line ? t("line", { line: f.line }) + "：" : "", f.message)));
      } else handleWrite(status, data);
    } }))));
}

// ---------------------------------------------------------------------------- disk

function watch() {
  if (S.events || !window.EventSource) return;
  S.events = new EventSource("/api/events?path=" + encodeURIComponent(S.path));
  S.events.addEventListener("changed", (event) => {
    const version = JSON.parse(event.data).version;
    const check = () => {
      if (S.pending) { setTimeout(check, 200); return; }
      if (S.plan && version !== S.plan.version && !S.conflict) {
        const notice = document.getElementById("notice");
        notice.replaceChildren(el("p", {}, t("changed_on_disk"), " ",
          el("button", { type: "button", text: t("reload"), onclick: () => loadPlan() })));
        notice.hidden = false;
      }
    };
    check();
  });
}

if (BODY.dataset.mode === "edit") loadPlan();
else showFolder();
