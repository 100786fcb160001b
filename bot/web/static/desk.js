// Shared helpers for the desk pages: API calls with the CSRF token, safe DOM building, buttons that
// are busy while their request is in flight, the form kept across a login that expired.
"use strict";
const EXPIRED = "登录已过期，请重新登录";
const Desk = {
  csrf: null,
  me: null,
  leaving: false,
  async api(method, url, body) {
    const headers = {"Accept": "application/json"};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && Desk.csrf) headers["X-CSRF-Token"] = Desk.csrf;
    const response = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                       credentials: "same-origin"});
    const lost = response.status === 401 && !url.endsWith("/api/login");
    if (lost) Desk.toLogin();
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(lost ? EXPIRED : data.message || "请求失败");
      error.data = data; error.status = response.status;
      throw error;
    }
    return data;
  },
  // The session ended: keep what was typed (sessionStorage, this tab only), say why, and go to the
  // login page with the way back. A first visit without a session goes there at once.
  toLogin() {
    if (Desk.leaving) return;
    Desk.leaving = true;
    const here = location.pathname + location.search + location.hash;
    const expired = Boolean(Desk.me);
    if (expired) { Desk.saveDraft(); if (document.getElementById("message")) Desk.show("message", EXPIRED); }
    const target = "/desk/login?" + new URLSearchParams(expired ? {expired: "1", next: here} : {next: here}).toString();
    setTimeout(() => { location.href = target; }, expired ? 1500 : 0);
  },
  draftKey: () => "desk-draft:" + location.pathname + location.search,
  fields() {
    return [...document.querySelectorAll("main input, main select, main textarea")]
      .filter((f) => !["password", "hidden", "file", "submit", "button"].includes(f.type));
  },
  fieldKey(field) {
    const form = field.closest("form");
    const where = form ? form.getAttribute("data-action") || form.id || "" : "";
    return where + "|" + (field.name || field.id || field.getAttribute("data-fact") || "");
  },
  saveDraft() {
    const draft = {};
    for (const field of Desk.fields()) if (field.value && Desk.fieldKey(field) !== "|") draft[Desk.fieldKey(field)] = field.value;
    try { sessionStorage.setItem(Desk.draftKey(), JSON.stringify(draft)); } catch (e) { /* storage full or off */ }
  },
  // After the page rendered its forms: put back what was typed before the login expired (once).
  restoreDraft() {
    let draft = null;
    try { draft = JSON.parse(sessionStorage.getItem(Desk.draftKey()) || "null"); sessionStorage.removeItem(Desk.draftKey()); }
    catch (e) { draft = null; }
    if (!draft) return false;
    let restored = 0;
    for (const field of Desk.fields()) {
      const key = Desk.fieldKey(field);
      if (Object.prototype.hasOwnProperty.call(draft, key)) { field.value = draft[key]; restored += 1; }
    }
    if (restored && document.getElementById("message")) Desk.show("message", "已恢复登录过期前填写的内容，请核对后再提交", true);
    return restored > 0;
  },
  // Run `work` with `button` disabled (a double click sends one request); enabled again afterwards.
  async busy(button, work) {
    if (button && button.disabled) return undefined;
    if (button) { button.disabled = true; button.setAttribute("aria-busy", "true"); }
    try { return await work(); }
    finally { if (button) { button.disabled = false; button.removeAttribute("aria-busy"); } }
  },
  async start() {
    const me = await Desk.api("GET", "/api/me");
    Desk.csrf = me.csrf_token; Desk.me = me.staff;
    const who = document.getElementById("who");
    if (who) who.textContent = `${me.staff.name}（${me.staff.role_label}${me.staff.township ? "·" + me.staff.township : ""}）`;
    const out = document.getElementById("logout");
    if (out) out.addEventListener("click", () => Desk.busy(out, async () => {
      await Desk.api("POST", "/api/logout"); location.href = "/desk/login"; }));
    return me.staff;
  },
  // The one label table (GET /api/labels), fetched once per page; Desk.label reads it after it loaded.
  labelTable: null,
  labelsPromise: null,
  labels() {
    if (!Desk.labelsPromise) {
      Desk.labelsPromise = Desk.api("GET", "/api/labels").then((table) => { Desk.labelTable = table; return table; },
        (error) => { Desk.labelsPromise = null; throw error; });
    }
    return Desk.labelsPromise;
  },
  // The Chinese label of `code` in `kind` (status, cause, fact, action, event, fact_method …); a code the
  // table lacks shows `fallback` (a neutral word), never the code itself.
  label(kind, code, fallback = "未注明") {
    const table = (Desk.labelTable || {})[kind] || {};
    const text = code === null || code === undefined ? null
      : Object.prototype.hasOwnProperty.call(table, code) ? table[code] : null;
    return typeof text === "string" && text ? text : fallback;
  },
  has(kind, code) {
    return code !== null && code !== undefined && Object.prototype.hasOwnProperty.call((Desk.labelTable || {})[kind] || {}, code);
  },
  // "2026-12-03T00:48:00+08:00" -> "2026-12-03 00:48" (the office's time as the API gives it); a time
  // without an offset is UTC and says so.
  time(iso) {
    if (!iso) return "—";
    const text = String(iso), shown = text.slice(0, 16).replace("T", " ");
    return /[+-]\d\d:\d\d$|Z$/.test(text) || text.length <= 10 ? (text.length <= 10 ? text : shown) : shown + " UTC";
  },
  // Each body cell carries its column's heading, so a narrow screen can show a table as cards.
  labelCells(table) {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => { if (heads[i]) cell.setAttribute("data-label", heads[i]); });
    }
  },
  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },
  show(id, message, ok) {
    const node = document.getElementById(id);
    node.textContent = message; node.className = ok ? "ok" : "error";
    node.setAttribute("role", ok ? "status" : "alert");
  },
  // An error from the API in the message line; a 409 "conflict" (someone else changed the case at the
  // same moment) also offers to reload, as its message asks.
  fail(id, error, reload) {
    const rule = error.data && error.data.rule_id ? `（依据 ${error.data.rule_id}）` : "";
    Desk.show(id, error.message + rule);
    if (reload && error.data && error.data.error === "conflict") {
      document.getElementById(id).append(" ", Desk.el("button", {type: "button", id: "reload", onclick: reload}, "刷新"));
    }
  },
};
